"""Extraction: a document body (plus its publication date) in, DocumentFacts out.

Stages run in order and each sees what the earlier ones found: companies and people, then
temporal expressions, then claims and events built on both. Everything is offline rules and
general gazetteers; no pretrained model is needed.
"""

from __future__ import annotations

from datetime import date

from newsfacts.extract.model import DocumentFacts


def extract(body: str, published_date: date | None = None) -> DocumentFacts:
    """Extract companies, people, dates, claims and events from one document body.

    Only the first MAX_EXTRACT_CHARS characters are read (cut at a space): a deterministic
    budget, so a 5 MB page costs a bounded time whatever the machine's load. Offsets stay
    offsets into the whole body.
    """
    from newsfacts.extract import claims, entities, events, timexes

    body = within_budget(body)
    facts = DocumentFacts()
    entities.add_entities(body, facts)
    facts.timexes = timexes.find_timexes(body, published_date)
    events.add_events(body, facts, published_date)
    claims.add_claims(body, facts, published_date)
    return facts


def within_budget(body: str) -> str:
    """The part of a body the extractors read: all of it, or its first MAX_EXTRACT_CHARS
    characters up to the last space before that bound."""
    from newsfacts.settings import MAX_EXTRACT_CHARS

    if len(body) <= MAX_EXTRACT_CHARS:
        return body
    space = body.rfind(" ", MAX_EXTRACT_CHARS // 2, MAX_EXTRACT_CHARS)
    return body[: space if space > 0 else MAX_EXTRACT_CHARS]
