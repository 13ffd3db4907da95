"""Scale-out: per-document batches on worker processes or a Dask cluster give the same warehouse."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import SAMPLES, run_pipeline
from consolidate_support import build_warehouse
from ops_support import fingerprint

from newsfacts import settings, warehouse
from newsfacts.consolidate import batches
from newsfacts.parallel import process_map, submitting, windowed_map, worker_processes
from newsfacts.stages import consolidate as consolidate_stage
from newsfacts.stages import extract_batch, ingest, normalize, normalize_batch

# More than the default 600 s (pyproject.toml): the samples run serially, with worker processes and on a Dask cluster.
pytestmark = pytest.mark.timeout(1800)


class RecordingSubmit:
    """A submit function that runs at once and records how many results were not yet collected."""

    def __init__(self) -> None:
        self.submitted, self.collected, self.most_in_flight = 0, 0, 0

    def __call__(self, item: int) -> Future:
        self.submitted += 1
        self.most_in_flight = max(self.most_in_flight, self.submitted - self.collected)
        future: Future = Future()
        future.set_result(item * 10)
        original = future.result

        def result(*args: object) -> int:
            self.collected += 1
            return original(*args)

        future.result = result  # type: ignore[method-assign]
        return future


def test_windowed_map_keeps_order_and_bounds_what_is_in_flight() -> None:
    submit = RecordingSubmit()
    assert list(windowed_map(submit, range(20), window=3)) == [i * 10 for i in range(20)]
    assert submit.most_in_flight == 3


def test_normalize_on_worker_processes_equals_in_process(tmp_path: Path) -> None:
    con = warehouse.open_staging(tmp_path / "w.duckdb")
    ingest(con, [SAMPLES], "run-1")
    rows = con.execute(
        "SELECT raw_id, format, raw_text, source_path, url FROM raw_documents ORDER BY ingest_order"
    ).fetchall()
    batches = [rows[i : i + 4] for i in range(0, len(rows), 4)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        mapper = submitting(lambda batch: pool.submit(normalize_batch, batch), window=2)
        parallel = list(mapper(normalize_batch, batches))
    assert parallel == list(map(normalize_batch, batches))
    con.close()


def test_process_map_runs_batches_on_worker_processes_that_stop_with_the_block(
    tmp_path: Path,
) -> None:
    con = warehouse.open_staging(tmp_path / "w.duckdb")
    ingest(con, [SAMPLES], "run-1")
    normalize(con, "run-1")
    rows = con.execute(
        "SELECT doc_id, body, published_date FROM documents ORDER BY doc_id"
    ).fetchall()
    con.close()
    batches = [rows[i : i + 3] for i in range(0, len(rows), 3)]
    with worker_processes(2):
        mapper = process_map(2, window=2)
        assert list(mapper(extract_batch, batches)) == list(map(extract_batch, batches))
        pids = set(mapper(worker_pid, range(8)))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    for pid in pids:  # shut down and reaped when the block ended
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def worker_pid(_batch: object) -> int:
    return os.getpid()


def test_normalize_stage_with_a_parallel_mapper_writes_the_same_documents(tmp_path: Path) -> None:
    tables = []
    for name, make_mapper in (
        ("serial", lambda pool: map),
        ("pool", lambda pool: submitting(lambda b: pool.submit(normalize_batch, b), window=2)),
    ):
        con = warehouse.open_staging(tmp_path / f"{name}.duckdb")
        ingest(con, [SAMPLES], "run-1")
        with ProcessPoolExecutor(max_workers=2) as pool:
            normalize(con, "run-1", map_batches=make_mapper(pool))
        tables.append(
            con.execute("SELECT * EXCLUDE (run_id) FROM documents ORDER BY doc_id").fetchall()
        )
        con.close()
    assert tables[0] == tables[1] and len(tables[0]) > 10


@pytest.fixture
def dask_cluster() -> str:
    """A real dask.distributed LocalCluster: 2 worker processes on loopback; yields its address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_consolidate_on_worker_processes_in_small_story_batches_writes_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial_con = build_warehouse([SAMPLES], tmp_path / "serial.duckdb")  # consolidated in one batch
    serial_con.close()
    shutil.copyfile(tmp_path / "serial.duckdb", tmp_path / "workers.duckdb")
    monkeypatch.setattr(batches, "CONSOLIDATE_BATCH_DOCS", 3)
    con = warehouse.connect(tmp_path / "workers.duckdb")
    with worker_processes(2):
        counts = consolidate_stage(con, "run-2", map_batches=process_map(2, window=2))
    con.close()
    assert counts["stories"] > 3 and counts["canonical_claims"] > 0
    assert fingerprint(tmp_path / "workers.duckdb") == fingerprint(tmp_path / "serial.duckdb")


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 8 documents (and story batches of about 8), so the samples make several
    batches and really go to workers (a single batch stays in the calling process)."""
    monkeypatch.setattr(settings, "BATCH_SIZE", 8)
    monkeypatch.setattr(batches, "CONSOLIDATE_BATCH_DOCS", 8)


def test_run_on_a_dask_cluster_equals_single_process_run(
    prefect_harness: None,
    samples_warehouse: Path,
    dask_cluster: str,
    small_batches: None,
    tmp_path: Path,
) -> None:
    assert dask_cluster.startswith("tcp://127.0.0.1:")
    result = run_pipeline([SAMPLES], tmp_path / "dask.duckdb", dask_address=dask_cluster)
    assert result["status"] == "success", result["message"]
    assert result["counts"]["normalize"]["documents"] > 10
    assert fingerprint(tmp_path / "dask.duckdb") == fingerprint(samples_warehouse)


def test_run_on_worker_processes_equals_single_process_run(
    prefect_harness: None, samples_warehouse: Path, small_batches: None, tmp_path: Path
) -> None:
    result = run_pipeline([SAMPLES], tmp_path / "workers.duckdb", workers=2)
    assert result["status"] == "success", result["message"]
    assert fingerprint(tmp_path / "workers.duckdb") == fingerprint(samples_warehouse)
