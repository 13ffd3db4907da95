"""Write helpers shared by the warehouse modules: the load clock and rows in through Arrow."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import polars as pl


def utcnow() -> datetime:
    """The time a row is written: UTC, naive (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


def id_frame(column: str, ids: list[str]) -> pl.DataFrame:
    """A one-column text frame of ids, for a SEMI JOIN or an IN (SELECT ...) read by DuckDB."""
    return pl.DataFrame({column: ids}, schema={column: pl.Utf8})


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    """Append rows (dicts keyed by column name) to a table.

    Through an Arrow table: it converts list values in C, where a polars frame built from dicts
    makes a Series per list (slow, and ~20x the frame's size in allocator memory)."""
    import pyarrow as pa  # lazy: only this writer needs pyarrow, not the readers of frames

    if rows:
        frame = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM frame')
    return len(rows)


def append_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
    """Append a polars frame's rows to a table by column name; returns the row count."""
    con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM frame')
    return len(frame)


def dict_rows(con: duckdb.DuckDBPyConnection, sql: str, params: object = ()) -> list[dict]:
    """Result rows as dicts keyed by column name."""
    cur = con.execute(sql, params if isinstance(params, dict) else list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
