"""Facts: DocumentFacts of one document in, rows for every fact table out (stable ids, evidence,
version, and the rule that made each row).

Entity keys become warehouse ids by hashing, so the same company found in two documents gets
the same company_id, and re-running extraction gives the same claim and event ids.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache

from newsfacts import settings
from newsfacts.extract.model import Company, CompanyMention, DocumentFacts, Event, PersonMention

FACT_TABLES = (
    "document_companies",
    "document_people",
    "company_mentions",
    "person_mentions",
    "timexes",
    "claims",
    "events",
    "event_participants",
    "event_amounts",
)


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: prefix + hash of the parts."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
    return f"{prefix}_{digest}"


# Ids remembered per entity key: a document names the same few companies and people many times.
ID_CACHE_SIZE = 65_536


@lru_cache(maxsize=ID_CACHE_SIZE)
def company_id(key: str | None) -> str | None:
    return stable_id("co", key) if key else None


@lru_cache(maxsize=ID_CACHE_SIZE)
def person_id(key: str | None) -> str | None:
    return stable_id("pe", key) if key else None


def fact_rows(doc_id: str, facts: DocumentFacts, published: date | None) -> dict[str, list[dict]]:
    """Rows for each fact table from one document's facts."""
    version = settings.EXTRACTOR_VERSION
    base = {"doc_id": doc_id, "extractor_version": version}
    rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    rows["document_companies"] += [document_company_row(base, c) for c in facts.companies]
    for p in facts.people:
        rows["document_people"].append(
            {
                **base,
                "person_id": person_id(p.key),
                "name": p.name,
                "aliases": list(p.aliases),
                "company_id": company_id(p.company_key),
                "title": p.title,
                "confidence": p.confidence,
                "rule": p.rule,
            }
        )
    rows["company_mentions"] += [company_mention_row(base, m) for m in facts.company_mentions]
    rows["person_mentions"] += [
        mention_row(base, "person_id", person_id(m.person_key), m) for m in facts.person_mentions
    ]
    for t in facts.timexes:
        rows["timexes"].append(
            {
                **base,
                "start_char": t.start,
                "end_char": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "anchored": t.anchored,
                "confidence": t.confidence,
                "rule": t.rule,
            }
        )
    event_ids = [_event_rows(doc_id, i, e, base, rows) for i, e in enumerate(facts.events)]
    claim_ids: set[str] = set()
    for c in facts.claims:
        claim_id = stable_id("cl", doc_id, c.content_start, c.content_end, c.speaker_start, c.cue)
        if claim_id in claim_ids:  # the same attribution found twice by overlapping rules
            continue
        claim_ids.add(claim_id)
        rows["claims"].append(
            {
                **base,
                "claim_id": claim_id,
                "speaker": c.speaker,
                "speaker_start": c.speaker_start,
                "speaker_end": c.speaker_end,
                "speaker_person_id": person_id(c.speaker_person_key),
                "speaker_company_id": company_id(c.speaker_company_key),
                "speaker_name": c.speaker_name,
                "cue": c.cue,
                "cue_start": c.cue_start,
                "cue_end": c.cue_end,
                "content": c.content,
                "is_quote": c.is_quote,
                "stance": c.stance,
                "reported_via_company_id": company_id(c.reported_via_key),
                "subject_company_id": company_id(c.subject_company_key),
                "event_id": event_ids[c.event_index] if c.event_index is not None else None,
                "claim_date": c.claim_date or (published.isoformat() if published else None),
                "start_char": c.start,
                "end_char": c.end,
                "content_start": c.content_start,
                "content_end": c.content_end,
                "confidence": c.confidence,
                "rule": c.rule,
            }
        )
    return rows


def document_company_row(base: dict, c: Company) -> dict:
    """A document_companies row (`base`: doc_id and extractor_version)."""
    return {
        **base,
        "company_id": company_id(c.key),
        "company_key": c.key,
        "name": c.name,
        "kind": c.kind,
        "aliases": list(c.aliases),
        "parent_company_id": company_id(c.parent_key),
        "confidence": c.confidence,
        "rule": c.rule,
    }


def company_mention_row(base: dict, m: CompanyMention) -> dict:
    """A company_mentions row (`base`: doc_id and extractor_version)."""
    return mention_row(base, "company_id", company_id(m.company_key), m)


def mention_row(
    base: dict, id_column: str, entity_id: str | None, m: CompanyMention | PersonMention
) -> dict:
    """A company_mentions or person_mentions row: `base` (doc_id and extractor_version), the
    entity's id in `id_column`, the span and how it was found."""
    return {
        **base,
        id_column: entity_id,
        "start_char": m.start,
        "end_char": m.end,
        "text": m.text,
        "how": m.how,
        "confidence": m.confidence,
        "rule": m.rule,
    }


def _event_rows(doc_id: str, index: int, e: Event, base: dict, rows: dict) -> str:
    event_id = stable_id("ev", doc_id, e.trigger_start, e.event_type, index)
    rows["events"].append(
        {
            **base,
            "event_id": event_id,
            "event_type": e.event_type,
            "status": e.status,
            "trigger": e.trigger,
            "trigger_start": e.trigger_start,
            "trigger_end": e.trigger_end,
            "company_id": company_id(e.company_key),
            "location": e.location,
            "date_value": e.date_value,
            "date_start": e.date_start,
            "date_end": e.date_end,
            "date_granularity": e.date_granularity,
            "amount": e.amount,
            "unit": e.unit,
            "currency": e.currency,
            "currency_text": e.currency_text,
            "scale": e.scale,
            "prior_amount": e.prior_amount,
            "rule": e.rule,
            "start_char": e.start,
            "end_char": e.end,
            "confidence": e.confidence,
        }
    )
    for li in e.line_items:
        rows["event_amounts"].append(
            {
                **base,
                "event_id": event_id,
                "item": li.item,
                "amount": li.amount,
                "prior_amount": li.prior_amount,
                "currency": li.currency,
                "currency_text": li.currency_text,
                "unit": li.unit,
                "scale": li.scale,
                "start_char": li.start,
                "end_char": li.end,
                "rule": li.rule,
            }
        )
    seen = set()
    for p in e.participants:
        if (p.company_key, p.role) in seen:
            continue
        seen.add((p.company_key, p.role))
        rows["event_participants"].append(
            {
                "event_id": event_id,
                "doc_id": doc_id,
                "company_id": company_id(p.company_key),
                "role": p.role,
                "rule": p.rule,
            }
        )
    return event_id
