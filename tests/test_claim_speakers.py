"""Speakers of claims resolved through coreference (newsfacts.extract.claim_speakers and
newsfacts.extract.coref), on invented sentences written by the team."""

from __future__ import annotations

import pytest
from claims_events_support import builder

from newsfacts.extract.claims import add_claims

spacy = pytest.importorskip("spacy")


def test_he_after_a_quote_is_not_someone_named_inside_it() -> None:
    body = (
        "Tollan Dairies chief executive Tom Moss wants to sell the cheese unit. "
        "Analyst Bo Kerr has followed the firm for years. "
        '"That way, Mr Moss can go to the board and say he has cut debt," he said.'
    )
    people = [
        {"key": "tom moss", "surfaces": ["Tom Moss", "Mr Moss"]},
        {"key": "bo kerr", "surfaces": ["Bo Kerr"]},
    ]
    companies = [{"key": "tollan dairies", "surfaces": ["Tollan Dairies"]}]
    facts = builder.build_facts({"body": body, "companies": companies, "people": people})
    add_claims(body, facts, None)
    said = [c for c in facts.claims if c.cue == "said"]
    assert [(c.speaker, c.speaker_person_key) for c in said] == [("he", "bo kerr")]
