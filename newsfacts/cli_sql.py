"""`newsfacts sql`: one read-only query, printed as a table, JSON lines or CSV, or written to a file.

The terminal gets at most --max-rows rows and is told when the rest is cut; a file given with
--out gets every row. DuckDB's own hint lines ("Did you mean ...", "Candidate bindings ...",
the caret under the failing token) follow the one-line error instead of being dropped.
"""

from __future__ import annotations

import csv
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import duckdb

from newsfacts.cli_common import fail
from newsfacts.warehouse import WarehouseBusy, WarehouseError, catalog, open_read_only

# Rows fetched from DuckDB at a time, so a large result never sits in memory twice.
FETCH_ROWS = 10_000
# Output formats of --out chosen by the file's suffix when neither --csv nor --json is given.
FORMAT_BY_SUFFIX = {".csv": "csv", ".json": "json", ".jsonl": "json", ".parquet": "parquet"}


def run_query(
    query: str,
    warehouse: Path,
    fmt: str,
    out: Path | None,
    max_rows: int,
    timeout: float,
) -> None:
    """Run `query` read-only against `warehouse` and print or write its rows."""
    try:
        con = open_read_only(warehouse, sandbox=True)  # no file writes, no network
    except (WarehouseBusy, WarehouseError) as exc:
        fail(str(exc))
    timer = threading.Timer(timeout, con.interrupt)  # stops the query, not the process
    timer.start()
    try:
        rel = catalog.query(con, query)
        if rel is None:
            fail("the statement returned no rows (and the warehouse is read-only)")
        if out is not None:
            rows = write_file(rel, out, output_format(fmt, out))
            print(f"{rows:,} rows written to {out}", file=sys.stderr)
        else:
            print_rows(rel, fmt, max_rows)
    except duckdb.InterruptException:
        fail(f"query stopped after {timeout:g} s (--timeout)")
    except duckdb.Error as exc:
        fail(*error_lines(exc))
    finally:
        timer.cancel()
        con.close()


def output_format(fmt: str, out: Path) -> str:
    """The file format of --out: --csv or --json when given, else the suffix (CSV by default)."""
    if fmt != "table":
        return fmt
    return FORMAT_BY_SUFFIX.get(out.suffix.lower(), "csv")


def error_lines(exc: duckdb.Error) -> list[str]:
    """One summary line, then DuckDB's hint lines (blank lines dropped)."""
    lines = [line for line in str(exc).splitlines() if line.strip()]
    summary = lines[0] if lines else type(exc).__name__
    if "configuration has been locked" in summary:
        return ["settings are locked: newsfacts sql refuses SET and PRAGMA that change them"]
    lowered = summary.lower()
    if "read-only" in lowered or "read only" in lowered or "Permission Error" in summary:
        return [
            "the warehouse is opened read-only, without file or network access: "
            "statements that write are refused"
        ]
    return [summary, *lines[1:]]


def batches(rel: duckdb.DuckDBPyRelation) -> Iterator[list[tuple]]:
    """The relation's rows, FETCH_ROWS at a time."""
    while chunk := rel.fetchmany(FETCH_ROWS):
        yield chunk


def print_rows(rel: duckdb.DuckDBPyRelation, fmt: str, max_rows: int) -> None:
    """Print at most `max_rows` rows (0: all) to stdout; say on stderr how many were cut."""
    limit = max_rows or None
    shown: list[tuple] = []
    total = 0
    for chunk in batches(rel):
        if limit is None or len(shown) < limit:
            shown += chunk[: None if limit is None else limit - len(shown)]
        total += len(chunk)
    if fmt == "json":
        write_json_lines(rel.columns, shown, sys.stdout)
    elif fmt == "csv":
        write_csv(rel.columns, shown, sys.stdout)
    else:
        print_table(rel.columns, shown)
    if total > len(shown):
        print(
            f"showing the first {len(shown):,} of {total:,} rows "
            "(--max-rows N to see more, --max-rows 0 for all, --out FILE writes every row)",
            file=sys.stderr,
        )


def write_file(rel: duckdb.DuckDBPyRelation, out: Path, fmt: str) -> int:
    """Write every row of `rel` to `out` as csv, json (lines) or parquet; returns the row count."""
    try:
        if fmt == "parquet":
            return write_parquet(rel, out)
        with out.open("w", newline="", encoding="utf-8") as handle:
            count = 0
            writer = write_csv if fmt == "csv" else write_json_lines
            for i, chunk in enumerate(batches(rel)):
                writer(rel.columns, chunk, handle, header=i == 0)
                count += len(chunk)
            if count == 0 and fmt == "csv":
                write_csv(rel.columns, [], handle)
            return count
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")


def write_parquet(rel: duckdb.DuckDBPyRelation, out: Path) -> int:
    """Every row of `rel` as one Parquet file, streamed in record batches; returns the rows."""
    # lazy: pyarrow loads only for --out FILE.parquet
    import pyarrow.parquet as pq

    reader = rel.fetch_record_batch(FETCH_ROWS)
    count = 0
    with pq.ParquetWriter(out, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def write_csv(columns: list[str], rows: list[tuple], handle: TextIO, header: bool = True) -> None:
    """Rows as CSV (lists and structs as their text), NULL as an empty field."""
    writer = csv.writer(handle)
    if header:
        writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)


def write_json_lines(
    columns: list[str], rows: list[tuple], handle: TextIO, header: bool = True
) -> None:
    """Rows as JSON objects, one a line (`header` is ignored: every line names its columns)."""
    for row in rows:
        handle.write(json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n")


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def print_table(columns: list[str], rows: list[tuple]) -> None:
    """Rows as a rich table (as wide as the terminal; 200 columns when piped)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    Console(width=None if sys.stdout.isatty() else 200).print(table)
