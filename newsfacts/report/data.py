"""Report reads: the published warehouse in, plain rows for the report pages out.

Things are counted where the warehouse counts them: companies and people from the `companies`
and `people` views, a company's history from `company_timeline`, reports of one statement or
event from `claim_corroboration` and `event_corroboration`, disagreements from
`claim_conflicts`. Per-document tables are read only to place a fact in its article: the offsets
of the evidence sentence behind a canonical fact, and the spans highlighted on a document page.
Each read first checks that the relations it needs exist (older warehouses lack some), and a
section says "not available" instead of failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from newsfacts.report.markup import NOT_AVAILABLE
from newsfacts.warehouse import catalog
from newsfacts.warehouse import report as reads

Relations = dict[str, set[str]]
Row = reads.Row


relations = catalog.column_names  # column names of every table and view, by name
table_counts = catalog.table_counts  # row count of every base table, by name


def missing(rels: Relations, name: str, columns: Sequence[str] = ()) -> str | None:
    """Why `name` cannot feed a section (absent, or lacking columns); None when it can."""
    if name not in rels:
        return f"{name}: {NOT_AVAILABLE}."
    lacking = [c for c in columns if c not in rels[name]]
    if lacking:
        return f"{name} has no column {', '.join(lacking)}: {NOT_AVAILABLE}."
    return None


def _count(
    con: duckdb.DuckDBPyConnection, rels: Relations, name: str, canonical_only: bool = False
) -> int | None:
    if name not in rels:
        return None
    return catalog.count(con, name, canonical_only)


# The load summary's numbers: (label, relation, canonical rows only). Real-world things come
# from the views.
SUMMARY = [
    ("articles", "documents", False),
    ("canonical articles", "documents", True),
    ("companies and organisations", "companies", False),
    ("people", "people", False),
    ("events (reports merged)", "event_corroboration", False),
    ("statements (reports merged)", "claim_corroboration", False),
    ("open conflicts", "claim_conflicts", False),
    ("ingest errors", "ingest_errors", False),
    ("quarantined rows", "quarantine", False),
]


def summary(con: duckdb.DuckDBPyConnection, rels: Relations) -> list[tuple[str, int | None]]:
    """(label, count) of the load summary; None where the relation is not in this warehouse."""
    out: list[tuple[str, int | None]] = []
    for label, name, canonical_only in SUMMARY:
        if canonical_only and "duplicate_of" not in rels.get(name, set()):
            out.append((label, None))
            continue
        out.append((label, _count(con, rels, name, canonical_only)))
    return out


runs = reads.runs  # the latest runs, newest first
dq_results = reads.dq_results  # every expectation result of one run, failures first
companies = reads.companies  # every organisation of the companies view
people = reads.people  # every person of the people view
top_claims = reads.top_claims  # statements reported by the most publishers
top_events = reads.top_events  # events reported by the most publishers
events_by_type = reads.events_by_type  # (event_type, status, canonical events)
conflicts = reads.conflicts  # rows of the claim_conflicts view


def person_documents(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, str]:
    """person_id -> the canonical document that mentions them first (for people without a
    company page to link to)."""
    if missing(rels, "person_mentions", ["person_id", "doc_id"]):
        return {}
    return reads.first_person_documents(con)


def timelines(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, list[Row]]:
    """company_id -> its company_timeline items in order, claims with their words."""
    return reads.timelines(con, with_content=not missing(rels, "claim_corroboration", ["content"]))


@dataclass(frozen=True)
class Place:
    """Where a canonical fact's evidence sentence sits: a document and body offsets."""

    doc_id: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        """Element id of the sentence on its document page."""
        return f"s-{self.start}-{self.end}"


def evidence_places(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, Place]:
    """canonical_event_id / canonical_claim_id -> the evidence sentence of its earliest report.

    The views quote that sentence; its place comes from the member fact it was taken from.
    """
    places = reads.evidence_places(
        con,
        events=not missing(rels, "canonical_events", ["anchor_event_id"]) and "events" in rels,
        claims=not missing(rels, "canonical_claims", ["anchor_claim_id"]) and "claims" in rels,
    )
    return {i: Place(d, s, e) for i, d, s, e in places}


def problems(con: duckdb.DuckDBPyConnection, rels: Relations) -> tuple[list[Row], list[Row]]:
    """(quarantined rows, ingest errors), newest first."""
    quarantined = errors = []
    if not missing(rels, "quarantine", ["run_id", "table_name", "record_key", "reasons"]):
        quarantined = reads.quarantined(con)
    if not missing(rels, "ingest_errors", ["run_id", "source_path", "stage", "reason"]):
        errors = reads.ingest_errors(con)
    return quarantined, errors
