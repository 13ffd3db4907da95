"""The warehouse: every read and write of the DuckDB file, and every SQL statement built in Python.

Nothing outside this package (and `sql/`, the DDL) writes SQL; stages, flows, validation and the
report call the named functions of its modules:

- `store`: the file itself: connection, DDL, run lock, staging copy, atomic publish, checksums;
- `specs`: table specs read from the DDL in `sql/`: columns, key, NOT NULL columns and the load
  kind from each file's `-- load:` header;
- `frames`: shared write helpers (rows in through Arrow, polars frames read by DuckDB);
- `raw`: raw_documents and ingest_errors;
- `documents`: the documents table (merge on doc_id) and the per-document queues of each stage;
- `facts`: the per-document fact tables (replace per document), event_types, propagation;
- `source_defaults`: what `run PATH --publisher/--published` stored;
- `runs`: the run log (runs, dq_results) and the bookkeeping of a run that publishes nothing;
- `quality`: the SQL behind Great Expectations: failing keys, quarantine, dq_results rows;
- `catalog`: DuckDB's catalog (tables, views, columns, comments) and ad-hoc read-only queries;
- `report`: the reads behind the report site.

The connection and publish functions are re-exported here (`warehouse.connect`, ...); the other
modules load on first use (`warehouse.documents.bodies(...)`), so opening a warehouse from the
CLI does not import polars or pyarrow.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from newsfacts.warehouse.store import (
    SQL_LAYERS,
    VERIFY_BUSY,
    VERIFY_COMMAND,
    VERIFY_CORRUPT,
    WarehouseBusy,
    WarehouseCorrupt,
    WarehouseError,
    apply_ddl,
    checksum_path,
    checksum_problem,
    connect,
    discard_staging,
    file_sha256,
    gx_project_dir,
    lock_path,
    open_read_only,
    open_staging,
    previous_path,
    publish,
    read_every_block,
    recorded_checksum,
    run_lock,
    sql_files,
    staging_path,
    verify_full,
    verify_main,
)

# Modules loaded on first attribute access (PEP 562), not at import: see the docstring.
MODULES = (
    "catalog",
    "documents",
    "facts",
    "frames",
    "quality",
    "raw",
    "report",
    "runs",
    "source_defaults",
    "specs",
)


def __getattr__(name: str) -> ModuleType:
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MODULES",
    "SQL_LAYERS",
    "VERIFY_BUSY",
    "VERIFY_COMMAND",
    "VERIFY_CORRUPT",
    "WarehouseBusy",
    "WarehouseCorrupt",
    "WarehouseError",
    "apply_ddl",
    "checksum_path",
    "checksum_problem",
    "connect",
    "discard_staging",
    "file_sha256",
    "gx_project_dir",
    "lock_path",
    "open_read_only",
    "open_staging",
    "previous_path",
    "publish",
    "read_every_block",
    "recorded_checksum",
    "run_lock",
    "sql_files",
    "staging_path",
    "verify_full",
    "verify_main",
]
