"""Incremental no-op: how long a second run over an already-loaded folder takes, beyond Prefect start-up.

Loads the 2,225 BBC News files into a fresh warehouse with one pipeline run, then times a second
run over the same folder (every file unchanged). Both runs share one ephemeral Prefect API that is
started before the clock starts, so the figure excludes Prefect's own start-up. Also times the
third run with `--full-refresh` (rebuild from raw_documents) for comparison.

Run: .venv/bin/python benchmarks/noop_run.py  (skips cleanly when ../shared/data is absent)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import common

CORPUS = common.BBC_DIR.parent
# Seconds a no-op run may take beyond Prefect's start-up (the target).
TARGET_SECONDS = 3.0


def timed_run(paths: list[str], warehouse: Path, **kwargs: object) -> tuple[float, dict]:
    """Wall seconds of one pipeline flow call, and its result."""
    from flows.pipeline import pipeline

    started = time.perf_counter()
    result = pipeline(paths, str(warehouse), **kwargs)
    return time.perf_counter() - started, result


def stage_line(label: str, seconds: float, result: dict) -> str:
    """One markdown table row: total seconds and the per-stage seconds the run recorded."""
    stages = ", ".join(f"{k} {v:.2f}" for k, v in result["seconds"].items())
    return f"| {label} | {seconds:.2f} | {result['status']} | {stages} |"


def main() -> None:
    """Load once, time the no-op rerun, write the results table."""
    common.skip_without(CORPUS, "noop_run")
    from prefect.testing.utilities import prefect_test_harness

    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=120):
        warehouse = Path(tmp) / "bbc.duckdb"
        first_s, first = timed_run([str(CORPUS)], warehouse)
        noop_s, noop = timed_run([str(CORPUS)], warehouse)
        refresh_s, refresh = timed_run([str(CORPUS)], warehouse, full_refresh=True)
        docs = first["counts"]["normalize"]["documents"]
        rows = [
            stage_line("first load", first_s, first),
            stage_line("no-op rerun", noop_s, noop),
            stage_line("--full-refresh rerun", refresh_s, refresh),
        ]
    verdict = "meets" if noop_s < TARGET_SECONDS else "misses"
    header = common.header("No-op rerun over bbc-news (2,225 files)", ["prefect", "duckdb"])
    common.write_result(
        "noop_run",
        header
        + [
            f"{docs} documents loaded by the first run. Prefect's ephemeral API is started before",
            "timing, so the seconds exclude its start-up. Stage seconds as the run recorded them.",
            "",
            "| run | wall s | status | stage seconds |",
            "|---|---|---|---|",
            *rows,
            "",
            f"Target: a no-op rerun under {TARGET_SECONDS:.0f} s beyond Prefect start-up: {verdict}.",
        ],
    )


if __name__ == "__main__":
    main()
