"""The SQL behind the data-quality checks (newsfacts/validate.py runs Great Expectations):
the exact keys of the rows failing a row-level expectation, moving them to quarantine, and the
dq_results rows of a validation."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl

from newsfacts.warehouse.frames import utcnow
from newsfacts.warehouse.store import connect


def key_sql(key: list[str]) -> str:
    """SQL text of a row's record key: its key columns as text, joined by '|'."""
    return " || '|' || ".join(f'CAST("{k}" AS VARCHAR)' for k in key)


def failing_keys(
    db_path: Path, table: str, key: list[str], etype: str, kwargs: dict
) -> tuple[str, ...]:
    """Keys of the rows that fail a row-level expectation, computed in DuckDB.

    GX reports only a sample of failing rows for some expectations, so the exact set is
    recomputed from the expectation's own definition.
    """
    record_key = key_sql(key)
    if etype == "unexpected_rows_expectation":
        query = kwargs["unexpected_rows_query"].replace("{batch}", f'"{table}"')
        sql = f"SELECT DISTINCT {record_key} FROM ({query})"
    else:
        sql = f'SELECT DISTINCT {record_key} FROM "{table}" WHERE {row_failure_condition(etype, kwargs)}'
    with connect(db_path, read_only=True) as con:
        return tuple(sorted(r[0] for r in con.execute(sql).fetchall()))


def row_failure_condition(etype: str, kwargs: dict) -> str:
    """SQL condition true for rows failing a column-map expectation (column names from suites)."""
    col = f'"{kwargs.get("column")}"'
    literal = _sql_literal
    if etype == "expect_column_values_to_not_be_null":
        return f"{col} IS NULL"
    if etype == "expect_column_values_to_be_in_set":
        values = ", ".join(literal(v) for v in kwargs["value_set"])
        return f"{col} IS NOT NULL AND {col} NOT IN ({values})"
    if etype in ("expect_column_values_to_be_between", "expect_column_value_lengths_to_be_between"):
        target = f"length({col})" if "lengths" in etype else col
        parts = []
        if kwargs.get("min_value") is not None:
            parts.append(f"{target} < {literal(kwargs['min_value'])}")
        if kwargs.get("max_value") is not None:
            parts.append(f"{target} > {literal(kwargs['max_value'])}")
        return f"{col} IS NOT NULL AND ({' OR '.join(parts) or 'false'})"
    if etype == "expect_column_values_to_match_regex":
        return f"{col} IS NOT NULL AND NOT regexp_matches({col}, {literal(kwargs['regex'])})"
    raise ValueError(f"{etype} cannot be a quarantine expectation; declare it on_failure=abort")


def _sql_literal(value: object) -> str:
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def move_to_quarantine(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: list[str],
    keys: list[str],
    reasons: dict[str, str],
    run_id: str,
) -> None:
    """Copy the rows of `table` whose record key is in `keys` to quarantine, with their reasons
    (JSON text per key), and delete them from `table`."""
    record_key = key_sql(key)
    failing = pl.DataFrame({"record_key": keys})  # noqa: F841 - read by DuckDB
    rows = con.execute(
        f'SELECT {record_key} AS record_key, to_json(t)::VARCHAR AS record FROM "{table}" t '
        f"WHERE {record_key} IN (SELECT record_key FROM failing)"
    ).fetchall()
    frame = pl.DataFrame(  # noqa: F841
        [
            {
                "run_id": run_id,
                "table_name": table,
                "record_key": k,
                "record": rec,
                "reasons": reasons[k],
                "quarantined_at": utcnow(),
            }
            for k, rec in rows
        ],
        schema={
            "run_id": pl.Utf8,
            "table_name": pl.Utf8,
            "record_key": pl.Utf8,
            "record": pl.Utf8,
            "reasons": pl.Utf8,
            "quarantined_at": pl.Datetime,
        },
    )
    con.execute("INSERT INTO quarantine BY NAME SELECT * FROM frame")
    con.execute(f'DELETE FROM "{table}" WHERE {record_key} IN (SELECT record_key FROM failing)')


def write_results(con: duckdb.DuckDBPyConnection, run_id: str, outcomes: list) -> None:
    """Append one dq_results row per expectation outcome (validate.ExpectationOutcome)."""
    now = utcnow()
    rows = [
        {
            "run_id": run_id,
            "suite": o.suite,
            "expectation": o.expectation,
            "kwargs": json.dumps(o.kwargs, default=str),
            "on_failure": o.on_failure,
            "success": o.success,
            "unexpected_count": o.unexpected_count,
            "checked_at": now,
        }
        for o in outcomes
    ]
    if rows:
        frame = pl.DataFrame(rows, schema_overrides={"unexpected_count": pl.Int64})  # noqa: F841
        con.execute("INSERT INTO dq_results BY NAME SELECT * FROM frame")
