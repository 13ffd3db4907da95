"""Extraction: a document body (plus its publication date) in, DocumentFacts out.

Each body is analysed once (newsfacts.extract.analysis: sentences, tokens, and a spaCy parse and
entities of the sentences the components ask for), then the components of
newsfacts.extract.registry run over it in order, each seeing what the earlier ones found:
companies and people, temporal expressions, events, claims. Every record carries the rule that
made it.
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
    from newsfacts.extract import registry

    return registry.extract(body, published_date)


def within_budget(body: str) -> str:
    """The part of a body the extractors read: all of it, or its first MAX_EXTRACT_CHARS
    characters up to the last space before that bound."""
    from newsfacts.settings import MAX_EXTRACT_CHARS

    if len(body) <= MAX_EXTRACT_CHARS:
        return body
    space = body.rfind(" ", MAX_EXTRACT_CHARS // 2, MAX_EXTRACT_CHARS)
    return body[: space if space > 0 else MAX_EXTRACT_CHARS]
