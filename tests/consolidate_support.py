"""A warehouse built by the plain stage functions (no Prefect, no GX): fast enough for unit tests."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsfacts import stages, warehouse


def build_warehouse(
    paths: list[Path], db: Path, run_id: str = "test-run"
) -> duckdb.DuckDBPyConnection:
    """Ingest, normalize, deduplicate, extract and consolidate `paths` into a new DuckDB file."""
    con = duckdb.connect(str(db))
    warehouse.apply_ddl(con)
    stages.ingest(con, paths, run_id)
    stages.normalize(con, run_id)
    stages.deduplicate(con)
    stages.extract(con, run_id)
    stages.consolidate(con, run_id)
    return con


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """Query results as dicts."""
    cur = con.execute(sql, params or [])
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
