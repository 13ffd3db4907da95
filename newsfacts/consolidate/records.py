"""Records consolidation reads and writes: built from warehouse rows and turned back into rows
by newsfacts.warehouse.consolidation, so the pure modules work on named fields, never on dicts.

Immutable (NamedTuple: light to build and to send to worker processes). Field names are the
column names of the queries that fill them and of the tables they are written to.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class ReportDoc(NamedTuple):
    """A canonical document, as its story, claims and events need it."""

    doc_id: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    order: int = 0  # ingest order: the earliest document anchors a story or cluster id
    body: str | None = None  # untitled documents only: the first line of the body (story titles)


class ClaimReport(NamedTuple):
    """One document's claim, with its evidence sentence and its speaker's name and employer."""

    claim_id: str
    doc_id: str
    speaker: str
    content: str
    stance: str
    speaker_person_id: str | None = None
    speaker_company_id: str | None = None
    subject_company_id: str | None = None
    event_id: str | None = None  # the event the claim states, if any
    claim_date: str | None = None  # TIMEX3 value of when it was said
    start_char: int = 0
    sentence: str = ""
    speaker_affiliation: str | None = None  # company_id of the speaker's employer
    speaker_name: str | None = None  # the speaker's full name (document_people)
    order: tuple[int, int] = (0, 0)  # (document ingest order, start_char): set by fact_tables


class EventReport(NamedTuple):
    """One document's event, with its evidence sentence and its other participants."""

    event_id: str
    doc_id: str
    event_type: str
    status: str
    company_id: str | None
    location: str | None = None
    date_value: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_granularity: str | None = None
    amount: float | None = None
    unit: str | None = None
    currency: str | None = None
    start_char: int = 0
    sentence: str = ""
    others: tuple[str, ...] = ()  # other participants' company ids
    counterparties: tuple[str, ...] = ()  # those of them acted on or partnered with
    order: tuple[int, int] = (0, 0)  # (document ingest order, start_char): set by fact_tables


class StoryRow(NamedTuple):
    """A stories row."""

    story_id: str
    title: str
    first_seen: date | None
    last_seen: date | None
    n_documents: int
    n_publishers: int
    anchor_doc_id: str


class StoryDocumentRow(NamedTuple):
    """A story_documents row."""

    story_id: str
    doc_id: str


class EventClusterRow(NamedTuple):
    """An event_clusters row: one report of a canonical event."""

    event_id: str
    canonical_event_id: str
    doc_id: str
    match: str
    scope: str | None
    company_ids: list[str]
    seen_date: date | None


class ClaimClusterRow(NamedTuple):
    """A claim_clusters row: one report of a canonical claim."""

    claim_id: str
    canonical_claim_id: str
    doc_id: str
    match: str
    speaker_key: str | None
    canonical_event_id: str | None
    event_link: str | None
    scope: str | None
    company_ids: list[str]
    seen_date: date | None


class CanonicalClaimRow(NamedTuple):
    """A canonical_claims row: the anchor's words and stance, every report's counts."""

    canonical_claim_id: str
    anchor_claim_id: str
    speaker: str
    speaker_key: str | None
    stance: str
    stances: list[str]
    content: str
    canonical_event_id: str | None
    event_link: str | None
    scope: str | None
    company_ids: list[str]
    speaker_company_id: str | None
    first_seen: date | None
    last_seen: date | None
    n_documents: int
    n_publishers: int
    doc_ids: list[str]
    n_reports: int
    story_id: str | None
    evidence: str


class CanonicalEventRow(NamedTuple):
    """A canonical_events row: the anchor's type, place and sentence, every report's counts."""

    canonical_event_id: str
    anchor_event_id: str
    event_type: str
    status: str
    statuses: list[str]
    company_id: str | None
    company_ids: list[str]
    counterparty_ids: list[str]
    location: str | None
    date_value: str | None
    date_start: date | None
    date_end: date | None
    scope: str | None
    first_seen: date | None
    last_seen: date | None
    n_documents: int
    n_publishers: int
    doc_ids: list[str]
    n_reports: int
    n_claims: int
    speakers: list[str]
    story_id: str | None
    evidence: str
