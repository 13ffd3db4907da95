"""Conflicts: an affirmed plan and a later denial about the same company; scope tells update from contradiction."""

from __future__ import annotations

import pytest
from consolidate_support import rows

from newsfacts.consolidate.scope import document_scope, scope_counts, sentence_scope


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("The group wants to sell its Android handsets in Brazil.", "smartphones"),
        ("Its EV arm has no plans for the United States.", "vehicles"),
        ("We have no plans to build data centers in Chile.", "data centers"),
        ("The company declined to comment.", None),
    ],
)
def test_scope_from_the_sentence(sentence: str, scope: str | None) -> None:
    assert sentence_scope(sentence, None) == scope


def test_scope_falls_back_to_the_documents_dominant_product_line() -> None:
    body = "Electric cars sold well. The electric vehicle maker plans more cars. It said so."
    assert scope_counts(body)["vehicles"] == 3
    assert sentence_scope("It said so.", document_scope(body)) == "vehicles"
    assert document_scope("One phone.") is None  # a single mention is not a dominant line


def test_seeds_phone_plan_vs_ev_denial_is_not_a_plain_contradiction(seeds_db) -> None:
    conflicts = rows(
        seeds_db,
        "SELECT * FROM claim_conflicts WHERE kind = 'event' AND topic = 'market_entry' AND a_position = 'planned'",
    )
    assert conflicts, "the planned market entry and its later denial must be paired"
    pair = conflicts[0]
    assert (pair["a_scope"], pair["b_scope"]) == ("smartphones", "vehicles")
    assert pair["scopes_match"] is False
    assert pair["relation"] == "update"
    assert len(pair["a_doc_ids"]) == 4 and len(pair["b_doc_ids"]) == 1
    assert pair["a_story_id"] != pair["b_story_id"]
    claims = rows(seeds_db, "SELECT DISTINCT relation FROM claim_conflicts WHERE kind = 'claim'")
    assert [c["relation"] for c in claims] == ["update"]
