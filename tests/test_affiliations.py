"""Affiliations written in lower case or in apposition: "X, chief financial officer of Acme",
"an Acme spokeswoman, X", "Its chief executive, X", "X, who founded Acme", "appointed X as its ..."."""

from __future__ import annotations

import pytest

from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts, Person


def _person(body: str, name: str) -> Person:
    facts = DocumentFacts()
    add_entities(body, facts)
    return next(p for p in facts.people if p.name == name)


@pytest.mark.parametrize(
    ("body", "name", "title", "company"),
    [
        (
            "Jane Roe, chief financial officer of Harlow Motors, said sales rose.",
            "Jane Roe", "Chief Financial Officer", "harlow motors",
        ),
        (
            "An Orvane spokeswoman, Mary Lee, declined to comment. Orvane shares fell.",
            "Mary Lee", "Spokeswoman", "orvane",
        ),
        (
            "John Smith, who founded Brightline Labs in 1999, said the deal was done.",
            "John Smith", "Founder", "brightline labs",
        ),
        (
            "Peter Hale, a telecom analyst at Kestrel Research, said the price was high.",
            "Peter Hale", "Analyst", "kestrel research",
        ),
        (
            "Anna Kowal, head of Talvik's mobile networks unit, said the rollout would come. "
            "Talvik declined to comment.",
            "Anna Kowal", "Head", "talvik",
        ),
    ],
)  # fmt: skip
def test_stated_affiliation(body: str, name: str, title: str, company: str) -> None:
    person = _person(body, name)
    assert (person.title, person.company_key) == (title, company)


def test_its_title_resolves_to_the_sentence_subject_with_lower_confidence() -> None:
    body = (
        "Orvane Telecom reported results on Monday. "
        "Its chief executive, Park Jiwoo, said demand was strong."
    )
    person = _person(body, "Park Jiwoo")
    assert (person.title, person.company_key) == ("Chief Executive", "orvane telecom")
    assert person.confidence < 0.9


def test_appointed_as_its_title() -> None:
    person = _person(
        "Brightline Labs has appointed Jane Roe as its chief technology officer.", "Jane Roe"
    )
    assert (person.title, person.company_key) == ("Chief Technology Officer", "brightline labs")


def test_a_former_title_keeps_its_organisation() -> None:
    # GUIDELINES section 2: "Former chief executive Ari Moss" keeps the title "former chief
    # executive" and its company (this test asserted no company before the gold set ruled).
    body = "Tomas Berg, former chief executive of Norvik, said the plan was wrong. Norvik declined."
    person = _person(body, "Tomas Berg")
    assert (person.title, person.company_key) == ("Former Chief Executive", "norvik")


def test_a_product_before_a_bare_title_is_not_an_organisation() -> None:
    facts = DocumentFacts()
    add_entities("Android chief Sameer Patel said the update was ready.", facts)
    assert "Android" not in {c.name for c in facts.companies}
    assert next(p for p in facts.people if p.name == "Sameer Patel").company_key is None


def test_a_person_is_only_affiliated_with_a_loaded_company() -> None:
    # "Norvik" alone is the short form of the foundation (not a company of its own): no company
    # leads, so the director is not guessed into one, and never into a company with no row.
    body = (
        "The Norvik Foundation funds schools in the north. Norvik said on Monday that it would "
        "open two more. Director Jane Roe said the plan was sound."
    )
    facts = DocumentFacts()
    add_entities(body, facts)
    loaded = {c.key for c in facts.companies}
    assert all(p.company_key in loaded for p in facts.people if p.company_key)


@pytest.mark.parametrize(
    ("body", "company"),
    [
        (
            '"We will be talking more about content brands," said Tim Hale, from brand '
            "communications firm Corvane MediaWorks.",
            "corvane mediaworks",
        ),
        ('"It is a shift," said Tim Hale, from consultancy Corvane Partners.', "corvane partners"),
    ],
)
def test_from_an_organisation_after_the_name(body: str, company: str) -> None:
    assert _person(body, "Tim Hale").company_key == company


def test_a_described_owner_is_not_guessed_to_be_the_most_named_company() -> None:
    """ "chief executive of the Frankfurt-based exchange" owns the title, so the document's
    most named company (another exchange) is no guess for it."""
    body = (
        "The Halden Stock Exchange rejected the bid. Halden Stock Exchange shares rose. "
        "The Halden Stock Exchange said talks would go on. Despite the rejection of the "
        "Ostrava Bourse bid, Karl Weiss, chief executive of the Ostrava-based exchange, may "
        "come back with a better offer."
    )
    assert _person(body, "Karl Weiss").company_key != "halden stock exchange"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Tom Ash wants to buy Brenmoor United, the football club. "
            "The offer was sent to Jo Bell, United's chief executive, last week.",
            "Jo Bell",
        ),
        (
            "Tom Ash wants to buy Brenmoor United. The Brenmoor United Fans Trust objected. "
            "United's chief executive Jo Bell said talks had stalled.",
            "Jo Bell",
        ),
    ],
)  # fmt: skip
def test_a_possessor_that_ends_one_longer_name_is_that_organisation(body: str, name: str) -> None:
    assert _person(body, name).company_key == "brenmoor united"


@pytest.mark.parametrize(
    ("body", "name", "company"),
    [
        (
            "Dr Ana Ruiz, head of the transport policy think tank, the Tollan Institute, said "
            "the plan would fail. The Halden Rail Board disagreed.",
            "Ana Ruiz", "tollan institute",
        ),
        (
            "But Jo Bell, a board member of Ostria's central bank, the Ostrobank, said rates "
            "would hold. Halden Partners expects a cut.",
            "Jo Bell", "ostrobank",
        ),
    ],
)  # fmt: skip
def test_a_described_owner_renamed_by_the_next_apposition(
    body: str, name: str, company: str
) -> None:
    assert _person(body, name).company_key == company
