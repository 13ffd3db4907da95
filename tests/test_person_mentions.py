"""Person mentions: titles, affiliations, short forms linked to the full name."""

from __future__ import annotations

from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts


def _facts(body: str) -> DocumentFacts:
    facts = DocumentFacts()
    add_entities(body, facts)
    return facts


def test_title_and_affiliation_before_the_name() -> None:
    facts = _facts("Norvik Chairman Tomas Lindqvist said the company would grow.")
    person = next(p for p in facts.people if p.name == "Tomas Lindqvist")
    assert (person.title, person.company_key) == ("Chairman", "norvik")


def test_possessive_title_with_comma() -> None:
    facts = _facts("Harlow's CEO, Maria Costa, has praised the deal. Harlow announced it Monday.")
    person = next(p for p in facts.people if p.name == "Maria Costa")
    assert (person.title, person.company_key) == ("CEO", "harlow")


def test_short_forms_link_to_the_full_name() -> None:
    body = (
        "Senior Vice President Chen Yufei confirmed the plan. Chen said it was early. "
        "Mr. Chen later told Reuters more. The executive smiled."
    )
    facts = _facts(body)
    keys = {m.text: m.person_key for m in facts.person_mentions}
    assert keys["Chen"] == keys["Mr. Chen"] == keys["The executive"] == "chen yufei"


def test_a_person_is_never_a_company() -> None:
    body = "Lindqvist announced the results. Tomas Lindqvist said Norvik announced a deal."
    facts = _facts(body)
    assert "Lindqvist" not in {c.name for c in facts.companies}
    assert "Tomas Lindqvist" in {p.name for p in facts.people}


def test_family_name_first_names_are_people() -> None:
    facts = _facts("Zhang Wei said the plant would open. Park Jiwoo said the same.")
    assert {"Zhang Wei", "Park Jiwoo"} <= {p.name for p in facts.people}
