"""`newsfacts export DIR`: tables and views as Parquet or CSV files plus a manifest.json naming,
for each file, its table, rows, columns and sha256. Read from a read-only, sandboxed connection."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsfacts.cli_catalog import Relation, columns, pick, relations
from newsfacts.cli_common import fail
from newsfacts.cli_sql import write_file
from newsfacts.warehouse import WarehouseBusy, WarehouseError, file_sha256, open_read_only

# Formats `newsfacts export --format` writes, by the suffix of their files.
EXPORT_SUFFIX = {"parquet": ".parquet", "csv": ".csv"}
# Name of the manifest written next to the exported files.
MANIFEST = "manifest.json"


def export_relations(warehouse: Path, folder: Path, fmt: str, wanted: list[str]) -> dict:
    """Write one file per chosen relation and the manifest into `folder`; returns the manifest."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {folder}: {exc.strerror or exc}")
    try:
        con = open_read_only(warehouse, sandbox=True)
    except (WarehouseBusy, WarehouseError) as exc:
        fail(str(exc))
    try:
        try:
            chosen = pick(relations(con), wanted)
        except ValueError as exc:
            fail(str(exc))
        entries = [export_one(con, r, folder, fmt) for r in chosen]
    finally:
        con.close()
    manifest = {
        "warehouse": str(warehouse.absolute()),
        "format": fmt,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": entries,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def export_one(con: duckdb.DuckDBPyConnection, relation: Relation, folder: Path, fmt: str) -> dict:
    """Write one table or view; its manifest entry."""
    path = folder / f"{relation.name}{EXPORT_SUFFIX[fmt]}"
    rows = write_file(con.table(relation.name), path, fmt)
    return {
        "table": relation.name,
        "kind": relation.kind,
        "file": path.name,
        "rows": rows,
        "columns": [{"name": n, "type": t} for n, t, _ in columns(con, relation.name)],
        "sha256": file_sha256(path),
    }
