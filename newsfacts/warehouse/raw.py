"""raw_documents and ingest_errors: every record ever read, and every input that could not be.

- raw_documents: append-only; a file is new when its (path, bytes) pair was never seen.
- ingest_errors: append-only log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

import duckdb
import polars as pl

from newsfacts.warehouse.frames import id_frame, utcnow

if TYPE_CHECKING:
    from newsfacts.ingest_model import IngestError, RawRecord


def seen_files(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(path, file sha256) pairs already loaded or already reported as bad."""
    rows = con.execute(
        "SELECT DISTINCT source_path, file_sha256 FROM raw_documents "
        "UNION SELECT DISTINCT regexp_replace(source_path, '#.*$', ''), file_sha256 "
        "FROM ingest_errors WHERE file_sha256 IS NOT NULL"
    ).fetchall()
    return {(p, s) for p, s in rows}


class RawWriter:
    """Appends raw records, assigning versions, copies (same bytes elsewhere) and read order.

    Rows are buffered and written by `flush`; `add` flushes by itself once `flush_at` rows wait
    (never, when flush_at is 0)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, flush_at: int = 0) -> None:
        self.con, self.run_id, self.flush_at = con, run_id, flush_at
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

    def add(self, records: Iterable[RawRecord]) -> int:
        """Buffer these records; returns how many rows a flush wrote (0 when none was due)."""
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
        return self.flush() if self.flush_at and len(self.rows) >= self.flush_at else 0

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


def clear_normalize_errors(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the normalize stage's errors (a full refresh normalizes every record again)."""
    con.execute("DELETE FROM ingest_errors WHERE stage = 'normalize'")


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
    ids = id_frame("raw_id", raw_ids)  # noqa: F841 - read by DuckDB
    return con.execute(
        "SELECT raw_id, format, raw_text, source_path, url FROM raw_documents "
        "SEMI JOIN ids USING (raw_id) ORDER BY ingest_order"
    ).fetchall()
