"""DuckDB's catalog of the warehouse (tables, views, columns, comments, row counts) and the
ad-hoc read-only query of `newsfacts sql`."""

from __future__ import annotations

import duckdb


def quote(name: str) -> str:
    """Quote an identifier that came from the catalog (never from data)."""
    return '"' + name.replace('"', '""') + '"'


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """(name, 'table' or 'view', comment) of every table and view (not DuckDB's own), by name."""
    return con.execute(
        "SELECT table_name, 'table', comment FROM duckdb_tables() "
        "WHERE database_name = current_database() AND NOT internal AND NOT temporary "
        "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal AND NOT temporary "
        "ORDER BY 1"
    ).fetchall()


def columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str, str | None]]:
    """(column, type, comment) of one table or view, in column order."""
    return con.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() AND table_name = ? ORDER BY column_index",
        [name],
    ).fetchall()


def column_names(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Column names of every table and view of the main schema, by table or view name."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    out: dict[str, set[str]] = {}
    for name, column in rows:
        out.setdefault(name, set()).add(column)
    return out


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table of the main schema, by name."""
    names = [
        t
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY 1"
        ).fetchall()
    ]
    return {n: count(con, n) for n in names}


def count(con: duckdb.DuckDBPyConnection, name: str, canonical_only: bool = False) -> int:
    """Rows of a table or view; with `canonical_only`, rows whose duplicate_of is NULL."""
    where = " WHERE duplicate_of IS NULL" if canonical_only else ""
    return con.execute(f"SELECT count(*) FROM {quote(name)}{where}").fetchone()[0]


def query(con: duckdb.DuckDBPyConnection, text: str) -> duckdb.DuckDBPyRelation | None:
    """A user's query as a relation (None for a statement without rows); run it read-only and
    sandboxed (store.open_read_only(..., sandbox=True))."""
    return con.sql(text)
