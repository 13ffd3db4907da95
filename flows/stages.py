"""One Prefect flow per stage; each opens the staging warehouse by path and calls a plain function."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import TaskRunner

from newsfacts import settings, stages, warehouse
from newsfacts.parallel import BatchMap, process_map, submitting
from newsfacts.progress import progress_bar


def task_runner(dask_address: str | None = None) -> TaskRunner | None:
    """The Prefect task runner for per-document batches on a Dask cluster; None without one."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return None


def batch_map(submit: object, workers: int, on_task_runner: bool) -> BatchMap | None:
    """Where a stage's batches go: the flow's task runner (Dask), N local processes, or None.

    Local processes are plain worker processes rather than Prefect's ProcessPoolTaskRunner: the
    task engine costs each batch a round trip to the Prefect API and each worker a Prefect
    import, which made two workers slower than one on a day of news.
    """
    if on_task_runner:
        return submitting(submit, settings.BATCHES_IN_FLIGHT)
    if workers > 1:
        return process_map(workers, settings.BATCHES_IN_FLIGHT)
    return None


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest_files(staging: str, paths: list[str], run_id: str) -> dict[str, int]:
    """Read new and changed input files (IO: retried)."""
    with warehouse.connect(Path(staging)) as con, progress_bar("ingest") as progress:
        return stages.ingest(con, [Path(p) for p in paths], run_id, progress)


@flow(name="ingest", validate_parameters=False)
def ingest_flow(staging: str, paths: list[str], run_id: str) -> dict[str, int]:
    return ingest_files(staging, paths, run_id)


@task(cache_policy=NO_CACHE)
def normalize_documents(staging: str, run_id: str) -> dict[str, int]:
    with warehouse.connect(Path(staging)) as con, progress_bar("normalize") as progress:
        return stages.normalize(con, run_id, progress)


@task(cache_policy=NO_CACHE)
def normalize_rows(rows: list[tuple]) -> tuple[list, list]:
    """Normalize one batch of raw rows; runs on whatever task runner the flow was given."""
    return stages.normalize_batch(rows)


@flow(name="normalize", validate_parameters=False)
def normalize_flow(
    staging: str, run_id: str, workers: int = 1, on_task_runner: bool = False
) -> dict[str, int]:
    """Pending raw records to documents; batches on N processes or the flow's task runner."""
    mapper = batch_map(normalize_rows.submit, workers, on_task_runner)
    if mapper is None:
        return normalize_documents(staging, run_id)
    with warehouse.connect(Path(staging)) as con, progress_bar("normalize") as progress:
        return stages.normalize(con, run_id, progress, map_batches=mapper)


@task(cache_policy=NO_CACHE)
def quarantine_bad_documents(staging: str, warehouse_path: str, run_id: str) -> dict[str, int]:
    return stages.quarantine_documents(Path(staging), Path(warehouse_path), run_id)


@flow(name="screen", validate_parameters=False)
def screen_flow(staging: str, warehouse_path: str, run_id: str) -> dict[str, int]:
    """Row-level document checks before deduplication, so a bad document never becomes canonical."""
    return quarantine_bad_documents(staging, warehouse_path, run_id)


@task(cache_policy=NO_CACHE)
def flag_duplicates(staging: str) -> dict[str, int]:
    with warehouse.connect(Path(staging)) as con:
        return stages.deduplicate(con)


@flow(name="deduplicate", validate_parameters=False)
def deduplicate_flow(staging: str) -> dict[str, int]:
    return flag_duplicates(staging)


@task(cache_policy=NO_CACHE)
def validate_and_quarantine(staging: str, warehouse_path: str, run_id: str) -> dict:
    return stages.validate(Path(staging), Path(warehouse_path), run_id)


@flow(name="validate", validate_parameters=False)
def validate_flow(staging: str, warehouse_path: str, run_id: str) -> dict:
    return validate_and_quarantine(staging, warehouse_path, run_id)


@task(cache_policy=NO_CACHE)
def extract_facts(staging: str, run_id: str) -> dict[str, int]:
    with warehouse.connect(Path(staging)) as con, progress_bar("extract") as progress:
        return stages.extract(con, run_id, progress)


@task(cache_policy=NO_CACHE)
def extract_rows(rows: list[tuple]) -> dict[str, list[dict]]:
    """Fact rows for one batch of documents; runs on whatever task runner the flow was given."""
    return stages.extract_batch(rows)


@flow(name="extract", validate_parameters=False)
def extract_flow(
    staging: str, run_id: str, workers: int = 1, on_task_runner: bool = False
) -> dict[str, int]:
    """Companies, people, dates, claims and events from canonical documents."""
    mapper = batch_map(extract_rows.submit, workers, on_task_runner)
    if mapper is None:
        return extract_facts(staging, run_id)
    with warehouse.connect(Path(staging)) as con, progress_bar("extract") as progress:
        return stages.extract(con, run_id, progress, map_batches=mapper)


@task(cache_policy=NO_CACHE)
def consolidate_facts(staging: str, run_id: str) -> dict[str, int]:
    with warehouse.connect(Path(staging)) as con:
        return stages.consolidate(con, run_id)


@flow(name="consolidate", validate_parameters=False)
def consolidate_flow(staging: str, run_id: str) -> dict[str, int]:
    """Stories, canonical claims and events across documents."""
    return consolidate_facts(staging, run_id)


@task(cache_policy=NO_CACHE)
def propagate_companies(staging: str, run_id: str) -> dict[str, int]:
    with warehouse.connect(Path(staging)) as con:
        return stages.propagate(con, run_id)


@flow(name="propagate", validate_parameters=False)
def propagate_flow(staging: str, run_id: str) -> dict[str, int]:
    """Mentions of organisations that other documents name confidently."""
    return propagate_companies(staging, run_id)
