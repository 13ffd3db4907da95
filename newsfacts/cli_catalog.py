"""What the warehouse holds, read from DuckDB's catalog and the DDL files: tables, views, grains."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfacts import settings
from newsfacts.warehouse import catalog
from newsfacts.warehouse.specs import GRAIN_PREFIX


@dataclass(frozen=True)
class Relation:
    """A table or view of the warehouse with its comment and grain."""

    name: str
    kind: str  # table or view
    comment: str | None
    grain: str | None


def relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every table and view of the warehouse (not DuckDB's own), sorted by name."""
    return [
        Relation(name, kind, comment, grain(name)) for name, kind, comment in catalog.relations(con)
    ]


columns = catalog.columns  # (column, type, comment) of one table or view, in column order


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
