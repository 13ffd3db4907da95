"""Load: stage outputs in, rows in the staging warehouse out, each table with declared semantics.

- raw_documents: append-only; a file is new when its (path, bytes) pair was never seen.
- ingest_errors, quarantine, dq_results, runs: append-only logs.
- documents: merge on doc_id; rows of superseded file versions are removed.
- fact tables: replace per document (delete the document's rows, insert the new ones).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import UTC, datetime

import duckdb
import polars as pl

from newsfacts.ingest import IngestError, RawRecord
from newsfacts.normalize import Document


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def seen_files(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(path, file sha256) pairs already loaded or already reported as bad."""
    rows = con.execute(
        "SELECT DISTINCT source_path, file_sha256 FROM raw_documents "
        "UNION SELECT DISTINCT regexp_replace(source_path, '#.*$', ''), file_sha256 "
        "FROM ingest_errors WHERE file_sha256 IS NOT NULL"
    ).fetchall()
    return {(p, s) for p, s in rows}


class RawWriter:
    """Appends raw records, assigning versions, copies (same bytes elsewhere) and read order."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self.con, self.run_id = con, run_id
        self.versions = dict(
            con.execute(
                "SELECT source_path, max(version) FROM raw_documents GROUP BY source_path"
            ).fetchall()
        )
        self.first_by_sha = dict(
            con.execute(
                "SELECT sha256, arg_min(raw_id, ingest_order) FROM raw_documents GROUP BY sha256"
            ).fetchall()
        )
        self.order = con.execute(
            "SELECT coalesce(max(ingest_order), 0) FROM raw_documents"
        ).fetchone()[0]
        self.rows: list[dict] = []
        self.file_versions: dict[str, int] = {}

    def add(self, records: Iterable[RawRecord]) -> None:
        for rec in records:
            if rec.id_path is not None and self._taken(rec):
                rec = replace(rec, id_path=None)  # a copy at the same relative path: absolute
            version = self.file_versions.get(rec.source_path)
            if version is None:
                version = self.versions.get(rec.source_path, 0) + 1
                self.file_versions[rec.source_path] = version
            self.order += 1
            first = self.first_by_sha.setdefault(rec.sha256, rec.raw_id)
            row = asdict(rec)
            del row["id_path"]  # only the id is kept
            row.update(
                raw_id=rec.raw_id,
                version=version,
                is_current=True,
                same_bytes_as=None if first == rec.raw_id else first,
                ingested_at=utcnow(),
                ingest_order=self.order,
                run_id=self.run_id,
            )
            self.rows.append(row)

    def _taken(self, rec: RawRecord) -> bool:
        """True when rec's id already names another record: byte-identical copies at the same
        relative path under two folders (only records whose bytes were seen can collide)."""
        if rec.sha256 not in self.first_by_sha:
            return False
        if any(r["raw_id"] == rec.raw_id for r in self.rows):
            return True
        return (
            self.con.execute(
                "SELECT count(*) FROM raw_documents WHERE raw_id = ?", [rec.raw_id]
            ).fetchone()[0]
            > 0
        )

    def flush(self) -> int:
        """Write buffered rows; older versions of the same paths stop being current."""
        if not self.rows:
            return 0
        # Nullable text columns typed up front: polars infers from the first 100 rows only.
        frame = pl.DataFrame(self.rows, schema_overrides=RAW_NULLABLE_TEXT)  # noqa: F841 - read by DuckDB
        paths = pl.DataFrame({"p": sorted({r["source_path"] for r in self.rows})})  # noqa: F841
        self.con.execute(
            "UPDATE raw_documents SET is_current = false "
            "WHERE is_current AND source_path IN (SELECT p FROM paths)"
        )
        self.con.execute("INSERT INTO raw_documents BY NAME SELECT * FROM frame")
        count, self.rows = len(self.rows), []
        return count


RAW_NULLABLE_TEXT = {"same_bytes_as": pl.Utf8, "url": pl.Utf8}


def write_errors(con: duckdb.DuckDBPyConnection, errors: Iterable[IngestError], run_id: str) -> int:
    """Append ingest errors for this run."""
    rows = [{**asdict(e), "run_id": run_id, "logged_at": utcnow()} for e in errors]
    if not rows:
        return 0
    frame = pl.DataFrame(rows, schema_overrides={"file_sha256": pl.Utf8, "raw_id": pl.Utf8})  # noqa: F841
    con.execute("INSERT INTO ingest_errors BY NAME SELECT * FROM frame")
    return len(rows)


def pending_raw_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Current raw records that have no document yet and were not already rejected, in read order."""
    rows = con.execute(
        "SELECT raw_id FROM raw_documents r "
        "WHERE is_current "
        "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.raw_id = r.raw_id) "
        "AND NOT EXISTS (SELECT 1 FROM ingest_errors e WHERE e.raw_id = r.raw_id) "
        "AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.table_name = 'documents' "
        "                AND q.record_key = r.raw_id) "
        "ORDER BY ingest_order"
    ).fetchall()
    return [raw_id for (raw_id,) in rows]


def raw_rows(con: duckdb.DuckDBPyConnection, raw_ids: list[str]) -> list[tuple]:
    """(raw_id, format, raw_text, source_path, url) of these raw records, in ingest order.

    A SEMI JOIN, not `raw_id IN (SELECT ...)`: DuckDB plans the IN form as a scan of every raw
    text, which made each batch cost time in proportion to the whole table.
    """
    ids = pl.DataFrame({"raw_id": raw_ids}, schema={"raw_id": pl.Utf8})  # noqa: F841
    return con.execute(
        "SELECT raw_id, format, raw_text, source_path, url FROM raw_documents "
        "SEMI JOIN ids USING (raw_id) ORDER BY ingest_order"
    ).fetchall()


def document_rows(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[tuple]:
    """(doc_id, body, published_date) of these documents, in doc_id order (extraction input)."""
    ids = pl.DataFrame({"doc_id": doc_ids}, schema={"doc_id": pl.Utf8})  # noqa: F841
    return con.execute(
        "SELECT doc_id, body, published_date FROM documents "
        "SEMI JOIN ids USING (doc_id) ORDER BY doc_id"
    ).fetchall()


def source_context(
    con: duckdb.DuckDBPyConnection, sources: Iterable[str], limit: int = 200
) -> dict[str, list[str]]:
    """Up to `limit` loaded canonical bodies per source, for template-line detection."""
    keys = pl.DataFrame({"k": sorted(set(sources))})  # noqa: F841
    # The first `limit` ids per source are picked without bodies, then only their bodies read:
    # ranking rows that carry bodies made DuckDB read every body of the sources, every batch.
    rows = con.execute(
        "WITH firsts AS (SELECT doc_id FROM (SELECT doc_id, row_number() OVER "
        "(PARTITION BY source_key ORDER BY doc_id) AS n FROM documents "
        "SEMI JOIN keys ON documents.source_key = keys.k WHERE duplicate_of IS NULL) WHERE n <= ?) "
        "SELECT source_key, body FROM documents SEMI JOIN firsts USING (doc_id) "
        "ORDER BY source_key, doc_id",
        [limit],
    ).fetchall()
    context: dict[str, list[str]] = {}
    for key, body in rows:
        context.setdefault(key, []).append(body)
    return context


def write_documents(con: duckdb.DuckDBPyConnection, docs: list[Document], run_id: str) -> int:
    """Insert new documents (merge on doc_id)."""
    if not docs:
        return 0
    frame = pl.DataFrame(  # noqa: F841 - read by DuckDB's replacement scan
        # vars, not asdict: a Document holds only immutable values, so asdict's deep copy is waste.
        [{**vars(d), "run_id": run_id} for d in docs],
        schema_overrides=DOCUMENT_SCHEMA,
    )
    con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM frame)")
    con.execute("INSERT INTO documents BY NAME SELECT * FROM frame")
    con.execute(  # the folder of the file, from the raw record (one WHERE filters a source)
        "UPDATE documents SET source_folder = regexp_replace(r.source_path, '/[^/]*$', '') "
        "FROM raw_documents r WHERE r.raw_id = documents.raw_id "
        "AND documents.doc_id IN (SELECT doc_id FROM frame)"
    )
    return len(docs)


DOCUMENT_SCHEMA = {
    "title": pl.Utf8,
    "url": pl.Utf8,
    "publisher": pl.Utf8,
    "author": pl.Utf8,
    "language": pl.Utf8,
    "published_date": pl.Date,
    "metadata": pl.Utf8,
    "removed": pl.Utf8,
    "dateline_place": pl.Utf8,
    "agency": pl.Utf8,
    "display_title": pl.Utf8,
}


def retire_superseded(con: duckdb.DuckDBPyConnection) -> int:
    """Remove documents (and their facts) whose raw record is no longer the current version."""
    stale = con.execute(
        "SELECT d.doc_id FROM documents d JOIN raw_documents r USING (raw_id) WHERE NOT r.is_current"
    ).fetchall()
    delete_documents(con, [s for (s,) in stale])
    return len(stale)


def retire_renormalized(con: duckdb.DuckDBPyConnection, version: str) -> int:
    """Remove documents (and their facts) written by another normalizer version: they are
    pending again, so this run normalizes their raw records anew."""
    stale = con.execute(
        "SELECT doc_id FROM documents WHERE normalizer_version IS DISTINCT FROM ?", [version]
    ).fetchall()
    delete_documents(con, [s for (s,) in stale])
    return len(stale)


def fact_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables keyed by a document other than documents itself: the per-document facts."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_columns() WHERE column_name = 'doc_id' "
        "AND table_name NOT IN ('documents') AND database_name = current_database() "
        "AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database())"
    ).fetchall()
    return sorted(t for (t,) in rows)


def delete_facts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Delete every fact row of these documents."""
    if not doc_ids:
        return
    ids = pl.DataFrame({"doc_id": doc_ids})  # noqa: F841
    for table in fact_tables(con):
        con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT doc_id FROM ids)')


def delete_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Delete documents and their facts."""
    if not doc_ids:
        return
    delete_facts(con, doc_ids)
    ids = pl.DataFrame({"doc_id": doc_ids})  # noqa: F841
    con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM ids)")


def dedup_input(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """What deduplication needs about every document (bodies are read by `bodies`)."""
    return con.sql(
        "SELECT d.doc_id, d.content_hash, d.published_date, r.ingest_order "
        "FROM documents d JOIN raw_documents r USING (raw_id)"
    ).pl()


def bodies(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """Bodies of these documents, in the order of `doc_ids`."""
    return [body for (body,) in documents_in_order(con, doc_ids, "d.body")]


def documents_in_order(
    con: duckdb.DuckDBPyConnection, doc_ids: list[str], columns: str
) -> list[tuple]:
    """`columns` (SQL over documents d) of these documents, in the order of `doc_ids`.

    Read by SEMI JOIN and put in order here: joining the ids frame to documents and sorting in
    SQL took 2.3 times as long (batches of 500 at 20,000 documents, warm cache).
    """
    ids = pl.DataFrame({"doc_id": doc_ids}, schema={"doc_id": pl.Utf8})  # noqa: F841
    rows = con.execute(
        f"SELECT d.doc_id, {columns} FROM documents d SEMI JOIN ids USING (doc_id)"
    ).fetchall()
    by_id = {row[0]: row[1:] for row in rows}
    return [by_id[doc_id] for doc_id in doc_ids if doc_id in by_id]


def write_duplicates(con: duckdb.DuckDBPyConnection, flags: pl.DataFrame) -> int:
    """Update duplicate flags; returns how many documents changed flag."""
    changed = con.execute(
        "SELECT count(*) FROM documents d JOIN flags f USING (doc_id) WHERE "
        "d.duplicate_of IS DISTINCT FROM f.duplicate_of OR d.duplicate_kind IS DISTINCT FROM f.duplicate_kind"
    ).fetchone()[0]
    if changed:
        con.execute(
            "UPDATE documents d SET duplicate_of = f.duplicate_of, duplicate_kind = f.duplicate_kind, "
            "similarity = f.similarity FROM flags f WHERE d.doc_id = f.doc_id"
        )
    return changed


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    sources: list[str],
    version: str,
    flow_run_id: str | None,
) -> None:
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, sources, extractor_version, prefect_flow_run_id) "
        "VALUES (?, ?, 'running', ?, ?, ?)",
        [run_id, utcnow(), json.dumps(sources), version, flow_run_id],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    counts: dict,
    seconds: dict,
    message: str,
) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, stage_counts = ?, stage_seconds = ?, "
        "message = ? WHERE run_id = ?",
        [utcnow(), status, json.dumps(counts), json.dumps(seconds), message, run_id],
    )


def write_facts(
    con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]], doc_ids: list[str], run_id: str
) -> None:
    """Append the facts of these documents and log their extraction, in one transaction.

    The caller has deleted any earlier facts of these documents (see stages.extract)."""
    from newsfacts import settings

    extracted = pl.DataFrame(  # noqa: F841 - read by DuckDB
        {"doc_id": doc_ids, "extractor_version": settings.EXTRACTOR_VERSION, "run_id": run_id},
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


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    """Append rows (dicts keyed by column name) to a table.

    Through an Arrow table: it converts list values in C, where a polars frame built from dicts
    makes a Series per list (slow, and ~20x the frame's size in allocator memory)."""
    import pyarrow as pa

    if rows:
        frame = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM frame')
    return len(rows)
