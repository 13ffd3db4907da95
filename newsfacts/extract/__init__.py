"""Extraction: a document body (plus its publication date) in, DocumentFacts out.

Stages run in order and each sees what the earlier ones found: companies and people, then
temporal expressions, then claims and events built on both. Everything is offline rules and
general gazetteers; no pretrained model is needed.
"""

from __future__ import annotations

from datetime import date

from newsfacts.extract.model import DocumentFacts


def extract(body: str, published_date: date | None = None) -> DocumentFacts:
    """Extract companies, people, dates, claims and events from one document body."""
    from newsfacts.extract import claims, entities, events, timexes

    facts = DocumentFacts()
    entities.add_entities(body, facts)
    facts.timexes = timexes.find_timexes(body, published_date)
    events.add_events(body, facts, published_date)
    claims.add_claims(body, facts, published_date)
    return facts
