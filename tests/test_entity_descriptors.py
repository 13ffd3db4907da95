"""Descriptors of organisations (newsfacts.extract.companies / entity_orgs) on invented text:
a definite description written with the same words that introduced a name refers back to that
name, and a hyphenated modifier ("pan-European") is no head noun."""

from __future__ import annotations

import pytest

from newsfacts.extract import companies as co
from newsfacts.extract import extract

pytest.importorskip("spacy")


def test_a_hyphenated_modifier_is_no_descriptor_head() -> None:
    text = "On Friday the pan-European bourse said it may offer cash."
    heads = [m.group(3) for m in co._DESCRIPTOR_RE.finditer(text)]
    assert heads == ["bourse"]


def test_the_same_description_refers_back_to_the_name_it_introduced() -> None:
    body = (
        "Rival pan-European bourse Norvex is also weighing a bid for the Halvard Stock Exchange. "
        "Ahead of talks with Halvard Stock Exchange on Friday, the pan-European bourse said it "
        "may be prepared to make its offer in cash."
    )
    facts = extract(body)
    described = [m for m in facts.company_mentions if m.text == "the pan-European bourse"]
    assert [m.company_key for m in described] == ["norvex"]
    assert [c.speaker_company_key for c in facts.claims] == ["norvex"]


def test_a_plain_descriptor_keeps_the_most_recent_organisation() -> None:
    body = (
        "Rival bourse Norvex is weighing a bid for the Halvard Stock Exchange. Shares in Halvard "
        "Stock Exchange rose, and the bourse said it would study any offer."
    )
    described = [m for m in extract(body).company_mentions if m.text == "the bourse"]
    assert [m.company_key for m in described] == ["halvard stock exchange"]


def test_a_consultancy_names_the_firm_after_it() -> None:
    body = "The study, conducted by consultancy Quarry Lane, found that most visitors had laptops."
    facts = extract(body)
    assert "quarry lane" in {c.key for c in facts.companies}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Financial Times Europe", "media"),  # a known outlet's edition
        ("Reuters Holdings Group", None),  # the company that owns the outlet
        ("Financial Planning Group", None),  # no known outlet in it
    ],
)
def test_a_known_outlets_edition_is_media(name: str, kind: str | None) -> None:
    from newsfacts.extract.entity_reconcile import kind_of_name

    assert kind_of_name(name) == kind
