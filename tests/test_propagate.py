"""Tests for newsfacts.extract.propagate: organisations known from other documents, found again."""

from __future__ import annotations

from newsfacts.extract import extract
from newsfacts.extract.model import CompanyMention, DocumentFacts, PersonMention
from newsfacts.extract.propagate import (
    CROSS_DOCUMENT_CONFIDENCE,
    known_companies,
    propagate_companies,
    propagated_companies,
)

KNOWN_ROWS = [
    ("norvik", "Norvik", "company", 0.95),
    ("tessaro", "Tessaro", "company", 0.7),  # weak alone ...
    ("tessaro", "Tessaro", "company", 0.7),  # ... but two documents agree: 0.91
    ("lumora", "Lumora", "company", 0.6),  # one weak document: not propagated
    ("brightwater mobile", "Brightwater Mobile", "company", 0.9),
    ("brightwater", "Brightwater", "company", 0.9),
    ("target", "Target", "company", 0.99),  # an English word: never matched blindly
    ("golden harbor", "Golden Harbor", "company", 0.9),  # opens with an English word
    ("hartley", "Hartley", "company", 0.9),  # a person's surname in the corpus
    ("one of", "One of", "company", 0.9),  # a broken name
    ("mps", "MPs", "other_org", 0.9),  # a plural acronym
    ("the", "The", "company", 0.99),  # a function word: never a name on its own
    ("china", "China", "government", 0.99),  # a place
]


def _texts(body: str, facts: DocumentFacts | None = None) -> list[tuple[str, str]]:
    known = known_companies(KNOWN_ROWS)
    found = propagate_companies(body, known, facts or DocumentFacts())
    for m in found:
        assert body[m.start : m.end] == m.text
        assert m.how == "cross_document" and m.confidence == CROSS_DOCUMENT_CONFIDENCE
    return [(m.text, m.company_key) for m in found]


def test_names_known_elsewhere_are_found_with_word_boundaries() -> None:
    body = "The retailer has fallen behind Norvik, Tessaro and Lumora in Europe, not Norvikson."
    assert _texts(body) == [("Norvik", "norvik"), ("Tessaro", "tessaro")]


def test_longest_known_name_wins_and_possessives_count() -> None:
    body = "Analysts said Brightwater Mobile’s margins beat those of Brightwater’s rivals."
    assert _texts(body) == [
        ("Brightwater Mobile", "brightwater mobile"),
        ("Brightwater", "brightwater"),
    ]


def test_matching_is_case_sensitive() -> None:
    assert _texts("A norvik-style design and NORVIK shares.") == []


def test_english_words_and_names_opening_with_one_at_sentence_start_are_skipped() -> None:
    body = "Golden Harbor sales fell. Shoppers moved to Target and to Golden Harbor."
    assert _texts(body) == [("Golden Harbor", "golden harbor")]
    found = propagate_companies(body, known_companies(KNOWN_ROWS), DocumentFacts())
    assert [m.start for m in found] == [body.index("to Golden Harbor") + len("to ")]


def test_surnames_broken_names_and_plural_acronyms_are_not_propagated() -> None:
    rows = [*KNOWN_ROWS, ("ann berg", "Ann Berg", "company", 0.9)]  # a person taken for a firm
    known = known_companies(rows, people=["Anne Hartley", "Ann Berg"])
    body = "Hartley said One of the MPs agreed with Ann Berg."
    assert propagate_companies(body, known, DocumentFacts()) == []
    assert len(known_companies(rows)) == len(known) + 2  # Hartley and Ann Berg without people


def test_function_words_and_places_are_never_propagated() -> None:
    assert _texts("In China the market grew. The firm said so.") == []


def test_existing_company_and_person_mentions_are_not_overlapped() -> None:
    body = "Norvik Holdings hired Ann Tessaro; later Norvik said Tessaro would lead it."
    facts = DocumentFacts(
        company_mentions=[CompanyMention(0, 15, "Norvik Holdings", "norvik holdings", "legal")],
        person_mentions=[PersonMention(22, 33, "Ann Tessaro", "ann tessaro", "given_name")],
    )
    assert _texts(body, facts) == [("Norvik", "norvik"), ("Tessaro", "tessaro")]
    assert [m.start for m in propagate_companies(body, known_companies(KNOWN_ROWS), facts)] == [
        41,
        53,
    ]


def test_a_name_opening_a_product_name_is_not_the_company() -> None:
    body = "Reviewers liked the Norvik Z7 Sedan, and Norvik Chairman Ole Berg was pleased."
    assert _texts(body) == [("Norvik", "norvik")]
    assert body.index("Norvik Chairman") == 41


def test_company_rows_for_propagated_keys() -> None:
    known = known_companies(KNOWN_ROWS)
    mentions = propagate_companies("Sales at Norvik and Norvik rose.", known, DocumentFacts())
    rows = propagated_companies(mentions, known)
    assert [(c.key, c.name, c.kind) for c in rows] == [("norvik", "Norvik", "company")]


def test_ambiguous_name_goes_to_the_best_supported_key() -> None:
    rows = [("zentrix", "Zentrix", "company", 0.9), ("zentrix group", "Zentrix", "company", 0.95)]
    rows += [("zentrix group", "Zentrix", "company", 0.9)]
    assert [
        m.company_key
        for m in propagate_companies(
            "Shares of Zentrix fell.", known_companies(rows), DocumentFacts()
        )
    ] == ["zentrix group"]


def test_pipeline_shape_on_invented_articles() -> None:
    """An organisation introduced with a cue in one article is found bare in another."""
    first = "Dravik, a Shenzhen-based chipmaker, said on Monday it will open a plant in Texas."
    # NER reads the bare name here as a person's, so only propagation can find the company.
    second = "Analysts expect Dravik to gain market share, officials said."
    facts_first, facts_second = extract(first), extract(second)
    assert "dravik" in {c.key for c in facts_first.companies}
    assert "dravik" not in {m.company_key for m in facts_second.company_mentions}
    rows = [(c.key, c.name, c.kind, c.confidence) for c in facts_first.companies]
    extra = propagate_companies(second, known_companies(rows), facts_second)
    assert [(m.text, m.company_key) for m in extra] == [("Dravik", "dravik")]


def test_many_known_names_stay_fast_to_build_and_scan() -> None:
    rows = [(f"acme {n}", f"Acme{n} Labs", "company", 0.9) for n in range(5000)]
    known = known_companies(rows)
    assert len(known) == 5000
    body = "Acme4999 Labs and Acme12 Labs signed; Acme7 did not. " * 20
    found = propagate_companies(body, known, DocumentFacts())
    assert len(found) == 40 and {m.company_key for m in found} == {"acme 4999", "acme 12"}
