"""Crash safety: a run killed with SIGKILL at any stage publishes nothing; a rerun equals a clean run."""

from __future__ import annotations

import inspect
import os
import re
import signal
import threading
from pathlib import Path

import pytest
from ops_support import (
    RUN_SECONDS,
    document_count,
    file_sha,
    fingerprint,
    reference,
    start_run,
    wait_for,
)

# More than the default 600 s (pyproject.toml): several child runs over the samples, killed and rerun, plus the reference runs.
pytestmark = pytest.mark.timeout(1800)


def kill_points() -> tuple[str, ...]:
    """Pause points of the pipeline in run order: after each stage (names read from the flow's
    source, so a newly added stage is killed too), and just before the atomic publish."""
    from flows.pipeline import pipeline

    stages = tuple(re.findall(r'\("(\w+)", lambda', inspect.getsource(pipeline.fn)))
    assert stages[:2] == ("ingest", "normalize")
    return (*stages, "publish")


def kill_at(point: str, source: Path, warehouse: Path, pause_dir: Path) -> None:
    """Start a run, wait until it pauses at `point`, check readers see the old state, SIGKILL it."""
    pause_dir.mkdir()
    before = file_sha(warehouse)
    proc = start_run(source, warehouse, pause_at=point, pause_dir=pause_dir)
    try:
        wait_for(
            lambda: (pause_dir / f"{point}.reached").exists() or proc.poll() is not None,
            RUN_SECONDS,
            f"the run to reach {point}",
        )
        assert proc.poll() is None, f"run ended before {point}: " + _log(pause_dir)
        # Mid-run, the published file is untouched and readable.
        assert file_sha(warehouse) == before
        assert document_count(warehouse) == reference().count_a
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert file_sha(warehouse) == before, f"killed at {point}, the published file changed"


def _log(folder: Path) -> str:
    return "\n".join(p.read_text()[-2000:] for p in folder.glob("*.log"))


class Reader(threading.Thread):
    """Reads the published warehouse in a loop, as ad-hoc `newsfacts sql` users would."""

    def __init__(self, warehouse: Path) -> None:
        super().__init__(daemon=True)
        self.warehouse, self.counts, self.errors = warehouse, set(), []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.counts.add(document_count(self.warehouse))
            except Exception as exc:  # any failure to read is what this test looks for
                self.errors.append(repr(exc))
            self.stopping.wait(0.05)


def kill_in_turn(points: tuple[str, ...], source: Path, lane: Path) -> None:
    """On one warehouse copy, kill a run at each point in turn, then rerun it to completion."""
    warehouse = lane / "w.duckdb"
    for point in points:
        # Each attempt is the rerun of the previous killed one and gets further along.
        kill_at(point, source, warehouse, lane / f"pause-{point}")
    reader = Reader(warehouse)
    reader.start()
    proc = start_run(source, warehouse, pause_dir=lane)
    try:
        assert proc.wait(RUN_SECONDS) == 0, _log(lane)
    finally:
        reader.stopping.set()
        reader.join(10)
    # Readers during the run saw the old state or the new one, never an error or a mix.
    assert not reader.errors, reader.errors[:3]
    assert reader.counts <= {reference().count_a, reference().count_full}
    assert reference().count_a in reader.counts


def test_sigkill_at_every_stage_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    ref = reference()
    points = kill_points()
    # Two copies of state A killed in parallel (alternate points), to halve the wall time.
    lanes = [tmp_path / "lane0", tmp_path / "lane1"]
    failures: list[BaseException] = []

    def lane_job(index: int) -> None:
        try:
            kill_in_turn(points[index::2], ref.source, lanes[index])
        except BaseException as exc:  # re-raised in the test thread below
            failures.append(exc)

    for lane in lanes:
        lane.mkdir()
        ref.copy_of_state_a(lane / "w.duckdb")
    threads = [threading.Thread(target=lane_job, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    for lane in lanes:
        assert fingerprint(lane / "w.duckdb") == ref.clean  # nothing lost, nothing doubled
        assert not (lane / "w.duckdb.staging").exists()
