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

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from newsfacts.report.markup import NOT_AVAILABLE

Relations = dict[str, set[str]]
Row = dict[str, Any]


def relations(con: duckdb.DuckDBPyConnection) -> Relations:
    """Column names of every table and view of the warehouse, by table or view name."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    out: Relations = {}
    for name, column in rows:
        out.setdefault(name, set()).add(column)
    return out


def missing(rels: Relations, name: str, columns: Sequence[str] = ()) -> str | None:
    """Why `name` cannot feed a section (absent, or lacking columns); None when it can."""
    if name not in rels:
        return f"{name}: {NOT_AVAILABLE}."
    lacking = [c for c in columns if c not in rels[name]]
    if lacking:
        return f"{name} has no column {', '.join(lacking)}: {NOT_AVAILABLE}."
    return None


def _ident(name: str) -> str:
    """Quote an identifier that came from the catalog (never from data)."""
    return '"' + name.replace('"', '""') + '"'


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> list[Row]:
    """Result rows as dicts keyed by column name."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table, by name."""
    names = [
        t
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY 1"
        ).fetchall()
    ]
    return {n: con.execute(f"SELECT count(*) FROM {_ident(n)}").fetchone()[0] for n in names}


def _count(
    con: duckdb.DuckDBPyConnection, rels: Relations, name: str, where: str = ""
) -> int | None:
    if name not in rels:
        return None
    return con.execute(f"SELECT count(*) FROM {_ident(name)} {where}").fetchone()[0]


# The load summary's numbers: (label, relation, filter). Real-world things come from the views.
SUMMARY = [
    ("articles", "documents", ""),
    ("canonical articles", "documents", "WHERE duplicate_of IS NULL"),
    ("companies and organisations", "companies", ""),
    ("people", "people", ""),
    ("events (reports merged)", "event_corroboration", ""),
    ("statements (reports merged)", "claim_corroboration", ""),
    ("open conflicts", "claim_conflicts", ""),
    ("ingest errors", "ingest_errors", ""),
    ("quarantined rows", "quarantine", ""),
]


def summary(con: duckdb.DuckDBPyConnection, rels: Relations) -> list[tuple[str, int | None]]:
    """(label, count) of the load summary; None where the relation is not in this warehouse."""
    out: list[tuple[str, int | None]] = []
    for label, name, where in SUMMARY:
        if where and "duplicate_of" not in rels.get(name, set()):
            out.append((label, None))
            continue
        out.append((label, _count(con, rels, name, where)))
    return out


def runs(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """The latest runs, newest first, with their seconds and message."""
    return rows(
        con,
        "SELECT run_id, status, started_at, "
        "round(epoch(finished_at) - epoch(started_at), 1) AS seconds, message "
        "FROM runs ORDER BY started_at DESC LIMIT ?",
        [limit],
    )


def dq_results(con: duckdb.DuckDBPyConnection, run_id: str | None) -> list[Row]:
    """Every expectation result of one run, failures first."""
    return rows(
        con,
        "SELECT suite, expectation, coalesce(json_extract_string(kwargs, '$.column'), "
        "json_extract_string(kwargs, '$.description'), "
        "json_extract_string(kwargs, '$.unexpected_rows_query')) AS target, "
        "on_failure, success, unexpected_count FROM dq_results WHERE run_id = ? "
        "ORDER BY success, suite, expectation, target",
        [run_id],
    )


def companies(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Every organisation of the companies view, most documented first."""
    return rows(
        con,
        "SELECT company_id, name, kind, aliases, parent_company_id, n_documents "
        "FROM companies ORDER BY n_documents DESC, name, company_id",
    )


def people(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Every person of the people view, with the organisation they work for."""
    return rows(
        con,
        "SELECT person_id, name, aliases, company_id, title, n_documents "
        "FROM people ORDER BY name, person_id",
    )


def person_documents(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, str]:
    """person_id -> the canonical document that mentions them first (for people without a
    company page to link to)."""
    if missing(rels, "person_mentions", ["person_id", "doc_id"]):
        return {}
    return dict(
        con.execute("SELECT person_id, min(doc_id) FROM person_mentions GROUP BY 1").fetchall()
    )


def timelines(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, list[Row]]:
    """company_id -> its company_timeline items in order, claims with their words."""
    content = "cc.content" if not missing(rels, "claim_corroboration", ["content"]) else "NULL"
    join = (
        "LEFT JOIN claim_corroboration cc ON t.item = 'claim' AND cc.canonical_claim_id = t.item_id"
        if content != "NULL"
        else ""
    )
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows(
        con,
        "SELECT t.company_id, t.position, t.item, t.item_id, t.event_type, t.status, t.stance, "
        "t.speakers, t.item_date, t.date_value, t.location, t.scope, t.n_documents, "
        f"t.n_publishers, t.doc_ids, t.evidence, {content} AS content "
        f"FROM company_timeline t {join} ORDER BY t.company_id, t.position",
    ):
        out[row["company_id"]].append(row)
    return out


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
    parts = []
    if not missing(rels, "canonical_events", ["anchor_event_id"]) and "events" in rels:
        parts.append(
            "SELECT ce.canonical_event_id AS id, e.doc_id, e.start_char, e.end_char "
            "FROM canonical_events ce JOIN events e ON e.event_id = ce.anchor_event_id"
        )
    if not missing(rels, "canonical_claims", ["anchor_claim_id"]) and "claims" in rels:
        parts.append(
            "SELECT cc.canonical_claim_id, c.doc_id, c.start_char, c.end_char "
            "FROM canonical_claims cc JOIN claims c ON c.claim_id = cc.anchor_claim_id"
        )
    if not parts:
        return {}
    return {i: Place(d, s, e) for i, d, s, e in con.execute(" UNION ALL ".join(parts)).fetchall()}


def top_claims(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """The statements reported by the most publishers, then documents."""
    return rows(
        con,
        "SELECT canonical_claim_id, speaker, stance, content, n_documents, n_publishers, "
        "first_seen, last_seen, doc_ids, evidence FROM claim_corroboration "
        "ORDER BY n_publishers DESC, n_documents DESC, first_seen NULLS LAST, canonical_claim_id "
        "LIMIT ?",
        [limit],
    )


def top_events(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """The events reported by the most publishers, then documents, with the company's name."""
    return rows(
        con,
        "SELECT e.canonical_event_id, e.event_type, e.status, e.company_id, c.name AS company, "
        "e.date_value, e.date_start, e.n_documents, e.n_publishers, e.doc_ids, e.evidence "
        "FROM event_corroboration e LEFT JOIN companies c USING (company_id) "
        "ORDER BY e.n_publishers DESC, e.n_documents DESC, e.date_start NULLS LAST, "
        "e.canonical_event_id LIMIT ?",
        [limit],
    )


def events_by_type(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """(event_type, status, canonical events) over the event_corroboration view."""
    return con.execute(
        "SELECT event_type, status, count(*) FROM event_corroboration GROUP BY ALL ORDER BY ALL"
    ).fetchall()


def conflicts(con: duckdb.DuckDBPyConnection, company_id: str | None = None) -> list[Row]:
    """Rows of the claim_conflicts view (of one company, or all), by company and topic."""
    where = "WHERE company_id = ?" if company_id else ""
    return rows(
        con,
        "SELECT kind, company_id, company_name, topic, relation, "
        "a_id, a_position, a_speakers, a_first_seen, a_doc_ids, a_evidence, "
        "b_id, b_position, b_speakers, b_first_seen, b_doc_ids, b_evidence "
        f"FROM claim_conflicts {where} ORDER BY company_name, topic, relation, a_id, b_id",
        [company_id] if company_id else [],
    )


def problems(con: duckdb.DuckDBPyConnection, rels: Relations) -> tuple[list[Row], list[Row]]:
    """(quarantined rows, ingest errors), newest first."""
    quarantined = errors = []
    if not missing(rels, "quarantine", ["run_id", "table_name", "record_key", "reasons"]):
        quarantined = rows(
            con,
            "SELECT run_id, table_name, record_key, reasons FROM quarantine "
            "ORDER BY quarantined_at DESC, table_name, record_key",
        )
    if not missing(rels, "ingest_errors", ["run_id", "source_path", "stage", "reason"]):
        errors = rows(
            con,
            "SELECT run_id, source_path, stage, reason FROM ingest_errors "
            "ORDER BY logged_at DESC, source_path",
        )
    return quarantined, errors
