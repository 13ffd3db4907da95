"""Per-document fact tables: replace per document (delete the document's rows, insert the new
ones), plus event_types (the taxonomy, rewritten each extraction) and the propagation rows.

Which tables hold per-document facts is declared in the DDL: `-- load: replace per document
(doc_id)` (or `rebuilt each run, per document (doc_id)`), see `specs.per_document_tables`.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

from newsfacts.warehouse.frames import insert_rows
from newsfacts.warehouse.specs import per_document_tables


def fact_tables() -> list[str]:
    """Tables keyed by a document other than documents itself: the per-document facts."""
    return per_document_tables()


def delete_facts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Delete every fact row of these documents."""
    if not doc_ids:
        return
    ids = pl.DataFrame({"doc_id": doc_ids})  # noqa: F841
    for table in fact_tables():
        con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT doc_id FROM ids)')


def write_facts(
    con: duckdb.DuckDBPyConnection,
    tables: dict[str, list[dict]],
    doc_ids: list[str],
    run_id: str,
    version: str,
) -> None:
    """Append the facts of these documents and log their extraction (by extractor `version`),
    in one transaction. The caller has deleted any earlier facts of these documents."""
    extracted = pl.DataFrame(  # noqa: F841 - read by DuckDB
        {"doc_id": doc_ids, "extractor_version": version, "run_id": run_id},
        schema={"doc_id": pl.Utf8, "extractor_version": pl.Utf8, "run_id": pl.Utf8},
    )
    con.begin()
    try:
        for table, rows in tables.items():
            insert_rows(con, table, rows)
        con.execute("INSERT INTO extractions BY NAME SELECT * FROM extracted")
        con.commit()
    except BaseException:
        con.rollback()
        raise


def replace_event_types(con: duckdb.DuckDBPyConnection, types: Iterable[tuple[str, str]]) -> None:
    """The event_types table as exactly these (event_type, description) rows."""
    con.execute("DELETE FROM event_types")
    con.executemany("INSERT INTO event_types VALUES (?, ?)", list(types))


def lower_anchored_confidence(
    con: duckdb.DuckDBPyConnection, doc_ids: list[str], factor: float
) -> int:
    """Multiply by `factor` the confidence of the timexes of these documents that were resolved
    against a publication date given on the command line; returns how many changed."""
    if not doc_ids:
        return 0
    return con.execute(
        "UPDATE timexes t SET confidence = t.confidence * ? "
        "FROM documents d WHERE d.doc_id = t.doc_id AND t.anchored "
        "AND d.published_date_source = 'cli' AND t.doc_id IN (SELECT unnest(?))",
        [factor, doc_ids],
    ).fetchone()[0]


# Propagation: mentions of organisations that other documents name confidently.


def delete_propagated(con: duckdb.DuckDBPyConnection) -> None:
    """Remove every row the propagate stage added (it recomputes them each run)."""
    con.execute("DELETE FROM company_mentions WHERE how = 'cross_document'")
    con.execute("DELETE FROM document_companies WHERE propagated")


def known_company_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(company_key, name, kind, confidence) of every document's companies, in document order."""
    return con.execute(
        "SELECT company_key, name, kind, confidence FROM document_companies ORDER BY doc_id, company_key"
    ).fetchall()


def person_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every distinct person name any document names."""
    return [n for (n,) in con.execute("SELECT DISTINCT name FROM document_people").fetchall()]


def mention_spans(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[tuple]:
    """(doc_id, 'c' or 'p', company_id or person_id, start_char, end_char) of the company and
    person mentions of these documents."""
    return con.execute(
        "WITH batch AS (SELECT unnest($ids) AS doc_id) "
        "SELECT doc_id, 'c', company_id, start_char, end_char FROM company_mentions "
        "SEMI JOIN batch USING (doc_id) UNION ALL "
        "SELECT doc_id, 'p', person_id, start_char, end_char FROM person_mentions "
        "SEMI JOIN batch USING (doc_id)",
        {"ids": doc_ids},
    ).fetchall()


def document_company_pairs(
    con: duckdb.DuckDBPyConnection, doc_ids: list[str]
) -> set[tuple[str, str]]:
    """(doc_id, company_id) of the document_companies rows of these documents."""
    return set(
        con.execute(
            "SELECT doc_id, company_id FROM document_companies "
            "SEMI JOIN (SELECT unnest(?) AS doc_id) USING (doc_id)",
            [doc_ids],
        ).fetchall()
    )
