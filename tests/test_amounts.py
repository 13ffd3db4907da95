"""The one amounts schema: figures in prose and wire copy, scaled, with ISO currency, the
currency as written, unit and scale; ranges, conversions in brackets and prior figures."""

from __future__ import annotations

import pytest

from newsfacts.extract.amounts import find_amounts, prior_of


def first(text: str) -> tuple:
    a = find_amounts(text)[0]
    return (a.value, a.unit, a.currency, a.currency_text, a.scale)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for $9.3bn in cash", (9.3e9, "money", "USD", "$", "bn")),
        ("a record A$648m profit", (648e6, "money", "AUD", "A$", "m")),
        ("worth HK$2.1bn", (2.1e9, "money", "HKD", "HK$", "bn")),
        ("about C$5 mln", (5e6, "money", "CAD", "C$", "mln")),
        ("US$300m in bonds", (300e6, "money", "USD", "US$", "m")),
        ("earned 1.2 mln dlrs", (1.2e6, "money", "USD", "dlrs", "mln")),
        ("paid 160,000 dlrs", (160000.0, "money", "USD", "dlrs", None)),
        ("raised 3.5 bln stg", (3.5e9, "money", "GBP", "stg", "bln")),
        ("fined 2 mln Canadian dlrs", (2e6, "money", "CAD", "Canadian dlrs", "mln")),
        ("a 540bn yen loss", (540e9, "money", "JPY", "yen", "bn")),
        ("70m euros in aid", (70e6, "money", "EUR", "euros", "m")),
        ("an offer of 950p a share", (9.5, "money", "GBP", "p", None)),
        ("up 20 pct", (20.0, "percent", None, None, None)),
        ("a 12.5% share", (12.5, "percent", None, None, None)),
        ("axing 90 journalist jobs", (90.0, "jobs", None, None, None)),
        ("sold 6.23 million copies", (6.23e6, "units", None, None, "million")),
        ("118 million new shares", (118e6, "shares", None, None, "million")),
    ],
)
def test_figures_in_the_amounts_schema(text: str, expected: tuple) -> None:
    assert first(text) == expected


def test_conversions_in_brackets_are_marked() -> None:
    found = find_amounts("a further 540bn yen ($5.2bn; £2.77bn) in backing")
    assert [a.converted for a in found] == [False, True, True]


def test_a_range_has_no_value() -> None:
    found = find_amounts("growth of between 3% and 5% a year, just over 300p a share")
    assert [a.value for a in found] == [None, None, None]


def test_the_prior_figure_is_paired() -> None:
    text = "profits rose 20% to $1.1bn from $639m a year earlier"
    found = find_amounts(text)
    level = next(a for a in found if a.lead == "to")
    assert prior_of(level, found, text).value == 639e6


def test_a_year_before_a_count_noun_is_no_figure() -> None:
    assert find_amounts("its 2004 models") == []
