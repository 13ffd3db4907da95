"""Trust verdict: the run log and data-quality results in, one sentence on whether the published
data can be used out.

The published warehouse is the output of the latest successful run. A successful run that found
no new or changed input skips every stage after ingest, validation included (runs.stage_counts
says `"validate": {"skipped": ...}`): it published the same data as before. So the verdict reads
the latest run that validated the published data (the latest successful run with dq_results),
not merely the latest run: after a no-op rerun the data is trusted when that validation passed.
A later run that failed or was interrupted published nothing; the verdict says so, in amber, and
still judges the data that is published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb

from newsfacts.report.data import Relations, missing
from newsfacts.warehouse import runs


@dataclass(frozen=True)
class Verdict:
    """Whether the published data can be trusted, why, and the run whose validation says so."""

    trusted: bool
    level: str  # ok, warn or bad (the banner's colour)
    text: str
    validated_run: str | None = None


def _no_op(stage_counts: str | None) -> bool:
    """Whether a run skipped validation because nothing had changed since the last success."""
    try:
        counts = json.loads(stage_counts or "{}")
    except ValueError:
        return False
    validate = counts.get("validate") if isinstance(counts, dict) else None
    return isinstance(validate, dict) and "skipped" in validate


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "an unknown time"


def _validation(
    con: duckdb.DuckDBPyConnection, published: tuple
) -> tuple[str | None, int, int, datetime | None]:
    """(run, failed, total, started) of the validation behind the published data."""
    run_id, _, started, stage_counts = published
    if not _no_op(stage_counts):
        failed, total = runs.dq_counts(con, run_id)
        return run_id, failed, total, started
    row = runs.last_validated_before(con, started)
    if row is None:
        return None, 0, 0, None
    return row[0], row[2], row[3], row[1]


def trust_verdict(con: duckdb.DuckDBPyConnection, rels: Relations) -> Verdict:
    """The verdict on the published data (see the module docstring)."""
    if missing(rels, "runs", ["run_id", "status", "started_at", "stage_counts"]) or (
        "dq_results" not in rels
    ):
        return Verdict(False, "bad", "Not trusted: this warehouse has no run log.")
    latest = runs.latest_run(con)
    if latest is None:
        return Verdict(False, "bad", "Not trusted: no pipeline run has been recorded yet.")
    published = runs.latest_run(con, successful=True)
    if published is None:
        return Verdict(False, "bad", "Not trusted: no run has published data yet.")
    run_id, failed, total, started = _validation(con, published)
    if run_id is None or total == 0:
        verdict = Verdict(
            False,
            "bad",
            "Not trusted: no data-quality results were recorded for the published data.",
        )
    elif failed:
        verdict = Verdict(
            False,
            "bad",
            f"Not trusted: {failed} of {total} expectations failed in run {run_id}, which "
            "validated the published data; read the data-quality section first.",
            run_id,
        )
    else:
        verdict = Verdict(
            True,
            "ok",
            f"Trusted: the published data passed all {total} data-quality expectations "
            f"in run {run_id} ({_when(started)}).",
            run_id,
        )
    return _with_later_runs(verdict, latest, published)


def _with_later_runs(verdict: Verdict, latest: tuple, published: tuple) -> Verdict:
    """The verdict with a sentence on runs after the validating one (no-op or unpublished)."""
    extra = ""
    if published[0] != verdict.validated_run and _no_op(published[3]) and verdict.validated_run:
        extra = f" The latest successful run {published[0]} found no new or changed input and left the data as it was."
    level = verdict.level
    if latest[0] != published[0]:
        extra += (
            f" The latest run {latest[0]} ended with status {latest[1]} and published nothing: "
            f"the data is still that of run {published[0]}."
        )
        level = "warn" if verdict.trusted else level
    return Verdict(verdict.trusted, level, verdict.text + extra, verdict.validated_run)
