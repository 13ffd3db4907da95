"""Concurrency: two runs on one warehouse queue on its lock; readers see the last published state."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
from ops_support import RUN_SECONDS, fingerprint, reference, run_cli, start_run, wait_for

# More than the default 600 s (pyproject.toml): concurrent child runs over the samples, plus the reference runs.
pytestmark = pytest.mark.timeout(1800)

# Seconds the second run is watched to make sure it waits instead of loading alongside.
WAITING_CHECK_SECONDS = 3


def sql_documents(warehouse: Path) -> subprocess.CompletedProcess:
    """`newsfacts sql` counting documents, as an ad-hoc reader would."""
    return run_cli("sql", "SELECT count(*) AS n FROM documents", "-w", str(warehouse), "--json")


def test_second_run_waits_or_exits_and_readers_see_last_published_state(tmp_path: Path) -> None:
    ref = reference()
    warehouse = ref.copy_of_state_a(tmp_path / "w.duckdb")
    pause = tmp_path / "pause"
    pause.mkdir()
    first = start_run(ref.source, warehouse, pause_at="ingest", pause_dir=pause)
    wait_for(
        lambda: (pause / "ingest.reached").exists() or first.poll() is not None,
        RUN_SECONDS,
        "the first run to hold the lock",
    )
    assert first.poll() is None
    impatient = run_cli("run", str(ref.source), "-w", str(warehouse), "--wait", "1")
    assert impatient.returncode == 2
    assert impatient.stderr.strip().startswith("error: another newsfacts run is loading")
    assert len(impatient.stderr.strip().splitlines()) == 1 and "Traceback" not in impatient.stderr
    reader = sql_documents(warehouse)
    assert reader.returncode == 0, reader.stderr
    assert json.loads(reader.stdout)["n"] == ref.count_a  # the last published state
    patient = start_run(ref.source, warehouse, "--wait", "120", pause_dir=pause)
    time.sleep(WAITING_CHECK_SECONDS)
    assert patient.poll() is None  # queued behind the first run
    (pause / "ingest.go").touch()
    assert first.wait(RUN_SECONDS) == 0
    assert patient.wait(RUN_SECONDS) == 0
    assert fingerprint(warehouse) == ref.clean  # loaded once, nothing doubled
    assert json.loads(sql_documents(warehouse).stdout)["n"] == ref.count_full


def test_reader_of_a_file_locked_by_a_writer_gets_a_busy_message(tmp_path: Path) -> None:
    warehouse = reference().copy_of_state_a(tmp_path / "w.duckdb")
    writer = duckdb.connect(str(warehouse))  # a foreign read-write handle holds DuckDB's file lock
    try:
        reader = sql_documents(warehouse)
    finally:
        writer.close()
    assert reader.returncode == 2
    assert "retry" in reader.stderr and "Traceback" not in reader.stderr
    assert len(reader.stderr.strip().splitlines()) == 1
