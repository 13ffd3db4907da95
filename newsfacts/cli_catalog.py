"""What the warehouse holds, read from DuckDB's catalog and the DDL files: tables, views, grains."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfacts import settings

# The first line of every sql/<layer>/<name>.sql file states the grain with this prefix.
GRAIN_PREFIX = "-- one row per "


@dataclass(frozen=True)
class Relation:
    """A table or view of the warehouse with its comment and grain."""

    name: str
    kind: str  # table or view
    comment: str | None
    grain: str | None


def relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every table and view of the warehouse (not DuckDB's own), sorted by name."""
    rows = con.execute(
        "SELECT table_name, 'table', comment FROM duckdb_tables() "
        "WHERE database_name = current_database() AND NOT internal AND NOT temporary "
        "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal AND NOT temporary "
        "ORDER BY 1"
    ).fetchall()
    return [Relation(name, kind, comment, grain(name)) for name, kind, comment in rows]


def columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str, str | None]]:
    """(column, type, comment) of one table or view, in column order."""
    return con.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() AND table_name = ? ORDER BY column_index",
        [name],
    ).fetchall()


def grain(name: str) -> str | None:
    """The grain stated on line 1 of the table's or view's DDL file, without the comment mark."""
    for path in sorted(settings.SQL_DIR.glob(f"*/{name}.sql")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith(GRAIN_PREFIX):
            return first.removeprefix("-- ").strip()
    return None


def pick(known: list[Relation], wanted: list[str]) -> list[Relation]:
    """The relations named in `wanted` (all when empty); a ValueError names an unknown one."""
    by_name = {r.name: r for r in known}
    unknown = [w for w in wanted if w not in by_name]
    if unknown:
        raise ValueError(unknown_message(unknown[0], list(by_name)))
    return [by_name[w] for w in dict.fromkeys(wanted)] if wanted else known


def unknown_message(name: str, names: list[str]) -> str:
    """'no table or view named X', with the closest names when there are any."""
    close = difflib.get_close_matches(name, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no table or view named {name!r}{hint}"


def split_names(values: list[str] | None) -> list[str]:
    """Names given as repeated options and/or comma-separated lists, blanks dropped."""
    return [n.strip() for v in values or [] for n in v.split(",") if n.strip()]


def sql_path(name: str) -> Path | None:
    """The DDL file of a table or view, if it has one."""
    return next(iter(sorted(settings.SQL_DIR.glob(f"*/{name}.sql"))), None)
