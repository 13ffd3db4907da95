"""Crash safety: a run killed with SIGKILL at any stage publishes nothing; a rerun equals a clean run."""

from __future__ import annotations

import inspect
import os
import re
import signal
import threading
from pathlib import Path

from ops_support import (
    RUN_SECONDS,
    document_count,
    file_sha,
    fingerprint,
    reference,
    start_run,
    wait_for,
)


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


def test_sigkill_at_every_stage_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    ref = reference()
    warehouse = ref.copy_of_state_a(tmp_path / "w.duckdb")
    for point in kill_points():
        # Each attempt is the rerun of the previous killed one and gets one stage further.
        kill_at(point, ref.source, warehouse, tmp_path / f"pause-{point}")
    assert fingerprint(warehouse) != ref.clean  # nothing of the killed runs was published
    reader = Reader(warehouse)
    reader.start()
    proc = start_run(ref.source, warehouse, pause_dir=tmp_path)
    try:
        assert proc.wait(RUN_SECONDS) == 0, _log(tmp_path)
    finally:
        reader.stopping.set()
        reader.join(10)
    assert fingerprint(warehouse) == ref.clean
    # Readers during the run saw the old state or the new one, never an error or a mix.
    assert not reader.errors
    assert reader.counts <= {ref.count_a, ref.count_full} and ref.count_a in reader.counts
    assert not Path(str(warehouse) + ".staging").exists()
