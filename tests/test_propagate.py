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
    ("target", "Target", "company", 0.99),  # an English word too
    ("kestrel", "Kestrel", "company", 0.9),  # an English word without enough evidence
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


def test_common_words_are_skipped_at_sentence_start_and_need_more_evidence() -> None:
    body = "Target sales fell. Shoppers moved to Target and Kestrel. The move hurt."
    assert _texts(body) == [("Target", "target")]
    assert _texts("Sales at Target rose.\nTarget shares rose.") == [("Target", "target")]


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
    second = "Regulators are worried about Dravik and other suppliers, officials said."
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
