"""Wire earnings reports ("line item figure vs figure"): one financial_result per report and
period with every line item, current and prior, on invented reports (tests/fixtures/earnings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.extract import earnings, extract

FOLDER = Path(__file__).parent / "fixtures" / "earnings"
EXPECTED = {
    k: v for k, v in json.loads((FOLDER / "expected.json").read_text()).items() if k[0] != "_"
}


def test_the_folder_and_its_expectations_agree() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in FOLDER.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_report_gives_its_financial_results_with_current_and_prior(name: str) -> None:
    text = (FOLDER / name).read_text(encoding="utf-8")
    facts = extract(text)
    reports = [e for e in facts.events if e.rule == "events.earnings.report"]
    want = EXPECTED[name]
    assert len(reports) == len(want["periods"])
    for event, (item, amount, prior, currency) in zip(reports, want["periods"], strict=True):
        assert (event.event_type, event.status) == ("financial_result", "occurred")
        assert event.company_key == want["company"]
        assert (event.amount, event.prior_amount, event.currency) == (amount, prior, currency)
        head = next(i for i in event.line_items if i.item == item)
        assert (head.amount, head.prior_amount) == (amount, prior)
        assert all(i.amount is not None and i.prior_amount is not None for i in event.line_items)
        assert all(text[i.start : i.end].count(" vs") == 1 for i in event.line_items)


def test_net_revenue_and_per_share_figures_are_line_items_with_their_rules() -> None:
    text = (FOLDER / "kestrel_foods.txt").read_text(encoding="utf-8")
    quarter, year = earnings.period_events(text, "kestrel foods")
    items = {i.item: (i.amount, i.prior_amount, i.currency, i.rule) for i in quarter.line_items}
    assert items == {
        "per_share": (0.42, 0.35, "USD", "events.earnings.per_share"),
        "net": (4210000.0, 3480000.0, "USD", "events.earnings.net"),
        "revenue": (61300000.0, 55900000.0, "USD", "events.earnings.revenue"),
    }
    assert {i.item: i.currency_text for i in year.line_items}["per_share"] == "dlrs"


@pytest.mark.parametrize(
    ("written", "value", "currency", "text"),
    [
        ("1.2 mln", 1.2e6, "USD", None),
        ("42 cts", 0.42, "USD", "cts"),
        ("loss 900,000", -9e5, "USD", None),
        ("(1.5) mln", -1.5e6, "USD", None),
        ("profit eight cts", 0.08, "USD", "cts"),
        ("14.2p", 0.142, "GBP", "p"),
        ("3.5 bln stg", 3.5e9, "GBP", "stg"),
        ("160,000 Canadian dlrs", 1.6e5, "CAD", "Canadian dlrs"),
        ("12.3 billion yen", 1.23e10, "JPY", "yen"),
    ],
)
def test_wire_figures(written: str, value: float, currency: str, text: str | None) -> None:
    figure = earnings.parse_figure(written, "USD")
    assert (figure.value, figure.currency, figure.currency_text) == (value, currency, text)


def test_cents_are_of_the_report_currency() -> None:
    assert earnings.parse_figure("88 cts", "CAD").currency == "CAD"


def test_the_company_comes_from_the_headline() -> None:
    text = "VELDT MOTORS INC <VLD> 1ST QTR NET\n\nShr 5 cts vs 4 cts\nNet 2.0 mln vs 1.6 mln\n"
    assert earnings.headline_company(text) == "VELDT MOTORS INC"
    assert earnings.headline_period(text) == "1ST QTR"


def test_prose_with_vs_is_no_report() -> None:
    text = "The final was Rovers vs United.\nShares closed at 40 vs 38 on Friday.\n"
    assert not earnings.is_earnings_report(text)
