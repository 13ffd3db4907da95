"""The run log: runs (one row per run, written at its start and end) and dq_results, and the
bookkeeping of a run that publishes nothing (only the logs grow)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import duckdb
import polars as pl

from newsfacts import settings
from newsfacts.warehouse.documents import other_normalizer_exists
from newsfacts.warehouse.frames import utcnow
from newsfacts.warehouse.store import connect, discard_staging, open_staging, publish, staging_path


class RunStart(NamedTuple):
    """What a run's row records when it starts (start_run's arguments after the connection)."""

    run_id: str
    sources: list[str]
    version: str  # the extractor version
    flow_run_id: str | None  # the Prefect flow run


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    sources: list[str],
    version: str,
    flow_run_id: str | None,
) -> None:
    """Write the row of a run that starts (status 'running')."""
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, sources, extractor_version, prefect_flow_run_id) "
        "VALUES (?, ?, 'running', ?, ?, ?)",
        [run_id, utcnow(), json.dumps(sources), version, flow_run_id],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    counts: dict,
    seconds: dict,
    message: str,
) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, stage_counts = ?, stage_seconds = ?, "
        "message = ? WHERE run_id = ?",
        [utcnow(), status, json.dumps(counts), json.dumps(seconds), message, run_id],
    )


def last_success_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The extractor version of the latest successful run; None when no run succeeded."""
    last = con.execute(
        "SELECT extractor_version FROM runs WHERE status = 'success' "
        "ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    return None if last is None else last[0]


def nothing_new(staging: Path, ingest_counts: dict) -> bool:
    """Whether the stages after ingest can be skipped: no new records, same extractor version,
    and no document written by another normalizer version.

    Every published warehouse is the output of a complete successful run, so with no new raw
    record, unchanged extraction rules and every document from this normalizer, the later
    stages would rewrite exactly what is there. A document of another normalizer version is
    pending work: the normalize stage writes it anew, and extraction follows its new body.
    """
    if ingest_counts["records"]:
        return False
    with connect(staging) as con:
        last = last_success_version(con)
        renormalize = other_normalizer_exists(con, settings.NORMALIZER_VERSION)
    return last is not None and last == settings.EXTRACTOR_VERSION and not renormalize


def dq_results_of(con: duckdb.DuckDBPyConnection, run_id: str) -> pl.DataFrame:
    """The dq_results rows of one run."""
    return con.execute("SELECT * FROM dq_results WHERE run_id = ?", [run_id]).pl()


def record_unpublished(
    wh: Path, run: RunStart, status: str, counts: dict, seconds: dict, message: str
) -> None:
    """Log a run that published nothing: the previous data stays, only the logs grow.

    The run's data-quality results are carried over from its staging file when it got that far.
    """
    staging = staging_path(wh)
    dq = []
    if staging.exists():
        try:
            with connect(staging) as con:
                dq = dq_results_of(con, run.run_id)
        except Exception:  # the staging file may be the thing that broke
            dq = []
    con = open_staging(wh)
    try:
        start_run(con, *run)
        finish_run(con, run.run_id, status, counts, seconds, message[:2000])
        if len(dq):
            con.execute("INSERT INTO dq_results BY NAME SELECT * FROM dq")
        publish(con, wh)
    except Exception:
        discard_staging(con, wh)
        raise


# Reads of the trust verdict (newsfacts/report/trust.py).


def latest_run(con: duckdb.DuckDBPyConnection, successful: bool = False) -> tuple | None:
    """(run_id, status, started_at, stage_counts) of the latest run (or latest successful one)."""
    where = "WHERE status = 'success'" if successful else ""
    return con.execute(
        f"SELECT run_id, status, started_at, stage_counts FROM runs {where} "
        "ORDER BY started_at DESC LIMIT 1"
    ).fetchone()


def dq_counts(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[int, int]:
    """(failed, total) expectations of one run."""
    return con.execute(
        "SELECT count(*) FILTER (WHERE NOT success), count(*) FROM dq_results WHERE run_id = ?",
        [run_id],
    ).fetchone()


def last_validated_before(con: duckdb.DuckDBPyConnection, started: object) -> tuple | None:
    """(run_id, started_at, failed, total) of the latest successful run with data-quality
    results that started at or before `started`."""
    return con.execute(
        "SELECT r.run_id, r.started_at, count(*) FILTER (WHERE NOT d.success), count(*) "
        "FROM runs r JOIN dq_results d USING (run_id) "
        "WHERE r.status = 'success' AND r.started_at <= ? "
        "GROUP BY ALL ORDER BY r.started_at DESC LIMIT 1",
        [started],
    ).fetchone()
