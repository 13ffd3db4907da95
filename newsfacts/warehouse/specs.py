"""Table specs read from the DDL in `sql/`: one source for a table's columns, key and load kind.

Each `sql/<layer>/<table>.sql` file states on line 1 the grain (`-- one row per (doc_id,
start_char): ...`) and, for a table, on line 2 how the pipeline loads it:

    -- load: append                                 rows are only ever added (logs)
    -- load: append new versions of (source_path)   raw_documents: a new version ends the old one
    -- load: merge on (doc_id)                      a row replaces the row with the same key
    -- load: replace per document (doc_id)          a document's rows are deleted and rewritten
    -- load: replace all                            recomputed from scratch each run
    -- load: replace all, per document (doc_id)     recomputed each run, and a deleted
                                                    document's rows go with it

Columns, NOT NULL columns and primary keys come from DuckDB itself: the DDL is applied to an
in-memory database once per process, so what the specs say is what the warehouse enforces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from newsfacts.warehouse.store import apply_ddl, sql_files

LOAD_PREFIX = "-- load: "
GRAIN_PREFIX = "-- one row per "
# Load kinds a `-- load:` line may name (the text before any "(...)" or ",").
LOAD_KINDS = ("append", "append new versions of", "merge on", "replace per document", "replace all")
_CREATE_TABLE = re.compile(r"^CREATE TABLE IF NOT EXISTS (\w+)", re.MULTILINE)


@dataclass(frozen=True)
class TableSpec:
    """A table as its DDL declares it."""

    name: str
    path: Path
    columns: tuple[str, ...]
    not_null: frozenset[str]
    key: tuple[str, ...]  # primary key, else the grain's columns; () when the grain names none
    primary_key: bool  # whether DuckDB enforces `key` (PRIMARY KEY), not only the grain says it
    load: str  # the `-- load:` line, without the prefix

    @property
    def load_kind(self) -> str:
        """The kind of `load` (one of LOAD_KINDS)."""
        return next(k for k in sorted(LOAD_KINDS, key=len, reverse=True) if self.load.startswith(k))

    @property
    def per_document(self) -> bool:
        """Whether a document's rows go when the document goes (or is extracted again)."""
        return "per document (doc_id)" in self.load


def _header(path: Path, prefix: str) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines()[:3]:
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip()
    return None


def _grain_columns(grain: str | None, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The columns a grain line names: `(a, b)` or `a: ...`; () when they are not all columns."""
    if not grain:
        return ()
    text = grain.split(":", 1)[0].strip()
    names = tuple(n.strip() for n in text.strip("()").split(","))
    return names if all(n in columns for n in names) else ()


@lru_cache(maxsize=1)
def table_specs() -> dict[str, TableSpec]:
    """Every table's spec, by table name (views have none: nothing loads them)."""
    con = duckdb.connect()
    try:
        apply_ddl(con)
        cols: dict[str, list[tuple[str, bool]]] = {}
        for table, column, nullable in con.execute(
            "SELECT table_name, column_name, is_nullable FROM duckdb_columns() "
            "WHERE table_name IN (SELECT table_name FROM duckdb_tables()) "
            "ORDER BY table_name, column_index"
        ).fetchall():
            cols.setdefault(table, []).append((column, nullable))
        keys = {
            table: tuple(names)
            for table, names in con.execute(
                "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                "WHERE constraint_type = 'PRIMARY KEY'"
            ).fetchall()
        }
    finally:
        con.close()
    specs: dict[str, TableSpec] = {}
    for path in sql_files():
        found = _CREATE_TABLE.search(path.read_text(encoding="utf-8"))
        if not found:
            continue  # a view, or an ALTER TABLE of an older warehouse
        name = found.group(1)
        columns = tuple(c for c, _ in cols[name])
        load = _header(path, LOAD_PREFIX)
        if load is None:
            raise ValueError(f"{path}: line 2 must say how the table loads ({LOAD_PREFIX}...)")
        specs[name] = TableSpec(
            name,
            path,
            columns,
            frozenset(c for c, nullable in cols[name] if not nullable),
            keys.get(name) or _grain_columns(_header(path, GRAIN_PREFIX), columns),
            name in keys,
            load,
        )
    return specs


def per_document_tables() -> list[str]:
    """Tables whose rows of a document are deleted with it, documents itself excepted, sorted."""
    return sorted(n for n, s in table_specs().items() if s.per_document)


def spec(table: str) -> TableSpec:
    return table_specs()[table]
