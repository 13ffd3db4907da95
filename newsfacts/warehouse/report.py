"""Reads behind the report site (newsfacts/report/): plain rows from the published warehouse.

Real-world things are counted where the warehouse counts them: the `companies` and `people`
views, `company_timeline`, `claim_corroboration`, `event_corroboration` and `claim_conflicts`.
Callers check first that the relations a read needs exist (report.data.missing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import duckdb

from newsfacts.warehouse.frames import dict_rows

Row = dict[str, Any]


# The report's plain reads, by name: one query each, parameters by position.
QUERIES = {
    # the latest runs (parameter: how many), newest first, with their seconds and message
    "runs": "SELECT run_id, status, started_at, "
    "round(epoch(finished_at) - epoch(started_at), 1) AS seconds, message "
    "FROM runs ORDER BY started_at DESC LIMIT ?",
    # every expectation result of one run (parameter: run_id), failures first
    "dq_results": "SELECT suite, expectation, coalesce(json_extract_string(kwargs, '$.column'), "
    "json_extract_string(kwargs, '$.description'), "
    "json_extract_string(kwargs, '$.unexpected_rows_query')) AS target, "
    "on_failure, success, unexpected_count FROM dq_results WHERE run_id = ? "
    "ORDER BY success, suite, expectation, target",
    # every organisation of the companies view, most documented first
    "companies": "SELECT company_id, name, kind, aliases, parent_company_id, n_documents "
    "FROM companies ORDER BY n_documents DESC, name, company_id",
    # every person of the people view, with the organisation they work for
    "people": "SELECT person_id, name, aliases, company_id, title, n_documents "
    "FROM people ORDER BY name, person_id",
    # the statements reported by the most publishers, then documents (parameter: how many)
    "top_claims": "SELECT canonical_claim_id, speaker, stance, content, n_documents, "
    "n_publishers, first_seen, last_seen, doc_ids, evidence FROM claim_corroboration "
    "ORDER BY n_publishers DESC, n_documents DESC, first_seen NULLS LAST, canonical_claim_id "
    "LIMIT ?",
    # the events reported by the most publishers, then documents, with the company's name
    # (parameter: how many)
    "top_events": "SELECT e.canonical_event_id, e.event_type, e.status, e.company_id, "
    "c.name AS company, e.date_value, e.date_start, e.n_documents, e.n_publishers, e.doc_ids, "
    "e.evidence FROM event_corroboration e LEFT JOIN companies c USING (company_id) "
    "ORDER BY e.n_publishers DESC, e.n_documents DESC, e.date_start NULLS LAST, "
    "e.canonical_event_id LIMIT ?",
    # quarantined rows, newest first
    "quarantined": "SELECT run_id, table_name, record_key, reasons FROM quarantine "
    "ORDER BY quarantined_at DESC, table_name, record_key",
    # ingest errors, newest first
    "ingest_errors": "SELECT run_id, source_path, stage, reason FROM ingest_errors "
    "ORDER BY logged_at DESC, source_path",
}


def read(con: duckdb.DuckDBPyConnection, name: str, *params: object) -> list[Row]:
    """The rows of one of QUERIES, given its parameters."""
    return dict_rows(con, QUERIES[name], params)


def runs(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """The latest runs, newest first, with their seconds and message."""
    return read(con, "runs", limit)


def dq_results(con: duckdb.DuckDBPyConnection, run_id: str | None) -> list[Row]:
    """Every expectation result of one run, failures first."""
    return read(con, "dq_results", run_id)


def companies(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Every organisation of the companies view, most documented first."""
    return read(con, "companies")


def people(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Every person of the people view, with the organisation they work for."""
    return read(con, "people")


def top_claims(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """The statements reported by the most publishers, then documents."""
    return read(con, "top_claims", limit)


def top_events(con: duckdb.DuckDBPyConnection, limit: int) -> list[Row]:
    """The events reported by the most publishers, then documents, with the company's name."""
    return read(con, "top_events", limit)


def quarantined(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Quarantined rows, newest first."""
    return read(con, "quarantined")


def ingest_errors(con: duckdb.DuckDBPyConnection) -> list[Row]:
    """Ingest errors, newest first."""
    return read(con, "ingest_errors")


def first_person_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """person_id -> the first document (by doc_id) that mentions them."""
    return dict(
        con.execute("SELECT person_id, min(doc_id) FROM person_mentions GROUP BY 1").fetchall()
    )


def timelines(con: duckdb.DuckDBPyConnection, with_content: bool) -> dict[str, list[Row]]:
    """company_id -> its company_timeline items in order; claims with their words when
    `with_content` (claim_corroboration has a content column), else content NULL."""
    content = "cc.content" if with_content else "NULL"
    join = (
        "LEFT JOIN claim_corroboration cc ON t.item = 'claim' AND cc.canonical_claim_id = t.item_id"
        if with_content
        else ""
    )
    out: dict[str, list[Row]] = defaultdict(list)
    for row in dict_rows(
        con,
        "SELECT t.company_id, t.position, t.item, t.item_id, t.event_type, t.status, t.stance, "
        "t.speakers, t.item_date, t.date_value, t.location, t.scope, t.n_documents, "
        f"t.n_publishers, t.doc_ids, t.evidence, {content} AS content "
        f"FROM company_timeline t {join} ORDER BY t.company_id, t.position",
    ):
        out[row["company_id"]].append(row)
    return out


def evidence_places(
    con: duckdb.DuckDBPyConnection, events: bool, claims: bool
) -> list[tuple[str, str, int, int]]:
    """(canonical id, doc_id, start_char, end_char) of the member fact behind each canonical
    event (when `events`) and canonical statement (when `claims`)."""
    parts = []
    if events:
        parts.append(
            "SELECT ce.canonical_event_id AS id, e.doc_id, e.start_char, e.end_char "
            "FROM canonical_events ce JOIN events e ON e.event_id = ce.anchor_event_id"
        )
    if claims:
        parts.append(
            "SELECT cc.canonical_claim_id, c.doc_id, c.start_char, c.end_char "
            "FROM canonical_claims cc JOIN claims c ON c.claim_id = cc.anchor_claim_id"
        )
    if not parts:
        return []
    return con.execute(" UNION ALL ".join(parts)).fetchall()


def events_by_type(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """(event_type, status, canonical events) over the event_corroboration view."""
    return con.execute(
        "SELECT event_type, status, count(*) FROM event_corroboration GROUP BY ALL ORDER BY ALL"
    ).fetchall()


def conflicts(con: duckdb.DuckDBPyConnection, company_id: str | None = None) -> list[Row]:
    """Rows of the claim_conflicts view (of one company, or all), by company and topic."""
    where = "WHERE company_id = ?" if company_id else ""
    return dict_rows(
        con,
        "SELECT kind, company_id, company_name, topic, relation, "
        "a_id, a_position, a_speakers, a_first_seen, a_doc_ids, a_evidence, "
        "b_id, b_position, b_speakers, b_first_seen, b_doc_ids, b_evidence "
        f"FROM claim_conflicts {where} ORDER BY company_name, topic, relation, a_id, b_id",
        [company_id] if company_id else [],
    )


def names(con: duckdb.DuckDBPyConnection, view: str, key: str) -> list[tuple[str, str]]:
    """(id, name) of every row of the companies or people view (`key`: its id column)."""
    return con.execute(f"SELECT {key}, name FROM {view}").fetchall()


def canonical_documents_with_facts(
    con: duckdb.DuckDBPyConnection, fact_tables: Sequence[str], optional: Sequence[str]
) -> list[Row]:
    """Canonical documents with a row in any of `fact_tables`, in doc_id order: id, title,
    body, url, publisher, published_date and the `optional` columns this warehouse has."""
    with_facts = " UNION ".join(f"SELECT doc_id FROM {t}" for t in fact_tables)
    return dict_rows(
        con,
        "SELECT doc_id, title, body, url, publisher, published_date"
        + "".join(f", {c}" for c in optional)
        + f" FROM documents WHERE duplicate_of IS NULL AND doc_id IN ({with_facts}) ORDER BY doc_id",
    )


def fact_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> list[Row]:
    """`columns` of every row of a fact table, by document and offset."""
    return dict_rows(con, f"SELECT {', '.join(columns)} FROM {table} ORDER BY doc_id, start_char")
