"""source_defaults: merge on path; what `newsfacts run PATH --publisher/--published` stored."""

from __future__ import annotations

from datetime import date

import duckdb

from newsfacts.warehouse.frames import utcnow


def stored(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, date | None]]:
    """Every (path, publisher, published_date) row of source_defaults."""
    return con.execute("SELECT path, publisher, published_date FROM source_defaults").fetchall()


def upsert(
    con: duckdb.DuckDBPyConnection,
    path: str,
    publisher: str | None,
    published: date | None,
    run_id: str,
) -> None:
    """Store the values given for `path`; a value not given (None) keeps the stored one."""
    con.execute(
        "INSERT INTO source_defaults VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (path) DO UPDATE SET "
        "publisher = coalesce(excluded.publisher, publisher), "
        "published_date = coalesce(excluded.published_date, published_date), "
        "run_id = excluded.run_id, set_at = excluded.set_at",
        [path, publisher, published, run_id, utcnow()],
    )
