"""documents: merge on doc_id; rows of superseded file versions are removed, with their facts.

Also the queues the stages work through: raw records still to normalize are in `raw`, documents
still to extract are here (`extraction_queue`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import polars as pl

from newsfacts.warehouse.facts import delete_facts
from newsfacts.warehouse.frames import id_frame

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newsfacts.normalize import Document


def document_rows(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[tuple]:
    """(doc_id, body, published_date) of these documents, in doc_id order (extraction input)."""
    ids = id_frame("doc_id", doc_ids)  # noqa: F841 - read by DuckDB
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


def all_doc_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every document's id (in storage order)."""
    return [d for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()]


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


def other_normalizer_exists(con: duckdb.DuckDBPyConnection, version: str) -> bool:
    """Whether any document was written by a normalizer version other than `version`."""
    return con.execute(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE normalizer_version IS DISTINCT FROM ?)",
        [version],
    ).fetchone()[0]


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
    ids = id_frame("doc_id", doc_ids)  # noqa: F841 - read by DuckDB
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


def extraction_queue(con: duckdb.DuckDBPyConnection, version: str) -> tuple[list[str], list[str]]:
    """(stale, pending) for extractor `version`: documents whose loaded facts must go (gone,
    now a duplicate, or of another version), and canonical English documents lacking facts of
    this version, in doc_id order (ids only: bodies are read one batch at a time)."""
    stale = [
        d
        for (d,) in con.execute(
            "SELECT DISTINCT x.doc_id FROM extractions x LEFT JOIN documents d USING (doc_id) "
            "WHERE d.doc_id IS NULL OR d.duplicate_of IS NOT NULL OR x.extractor_version <> ?",
            [version],
        ).fetchall()
    ]
    pending = [
        d
        for (d,) in con.execute(
            "SELECT doc_id FROM documents d WHERE duplicate_of IS NULL AND language = 'en' "
            "AND NOT EXISTS (SELECT 1 FROM extractions x WHERE x.doc_id = d.doc_id "
            "AND x.extractor_version = ?) ORDER BY doc_id",
            [version],
        ).fetchall()
    ]
    return stale, pending


def count_longer_than(con: duckdb.DuckDBPyConnection, doc_ids: list[str], chars: int) -> int:
    """How many of these documents have a body longer than `chars`."""
    return con.execute(
        "SELECT count(*) FROM documents SEMI JOIN (SELECT unnest(?) AS doc_id) USING (doc_id) "
        "WHERE length(body) > ?",
        [doc_ids, chars],
    ).fetchone()[0]


def extracted_doc_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Documents with loaded facts (one id per extraction row), in doc_id order."""
    return [
        d
        for (d,) in con.execute(
            "SELECT d.doc_id FROM documents d JOIN extractions x USING (doc_id) ORDER BY d.doc_id"
        ).fetchall()
    ]


def bodies_by_id(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[tuple[str, str]]:
    """(doc_id, body) of these documents, in doc_id order."""
    return con.execute(
        "SELECT doc_id, body FROM documents SEMI JOIN (SELECT unnest(?) AS doc_id) USING (doc_id) "
        "ORDER BY doc_id",
        [doc_ids],
    ).fetchall()


def given_source_documents(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(doc_id, source_path, publisher, publisher_source, published_date, published_date_source)
    of the documents whose publisher or date came from the command line or is unknown."""
    return con.execute(
        "SELECT d.doc_id, r.source_path, d.publisher, d.publisher_source, d.published_date, "
        "d.published_date_source FROM documents d JOIN raw_documents r USING (raw_id) "
        "WHERE d.publisher_source IN ('cli', 'unknown') OR d.published_date_source IN ('cli', 'unknown')"
    ).fetchall()
