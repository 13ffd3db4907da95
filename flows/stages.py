"""One Prefect task per stage; each opens the staging warehouse by path and calls a plain function.

Stages are tasks of the pipeline flow rather than flows of their own: a subflow costs about a
second to finish (Prefect joins its heartbeat thread, which sleeps in whole seconds), a task a
few milliseconds, and the UI shows each stage's task run with its state either way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import Task

from newsfacts import settings, stages, warehouse
from newsfacts.consolidate.batches import StoryBatch, story_batch_tables
from newsfacts.parallel import BatchMap, process_map, submitting
from newsfacts.progress import Progress, progress_bar


@contextlib.contextmanager
def batch_map(batch_task: Task, workers: int, dask_address: str | None) -> Iterator[BatchMap]:
    """Where a stage's batches run: a Dask cluster, N local processes, or this process.

    On Dask, each batch is a Prefect task run of `batch_task` through prefect-dask's
    DaskTaskRunner. Local processes are plain worker processes (`parallel.process_map`) rather
    than Prefect's ProcessPoolTaskRunner, whose per-batch task engine made two workers slower
    than one on a day of news.
    """
    if dask_address:
        # lazy: prefect-dask and Dask load only when a cluster is named
        from prefect_dask import DaskTaskRunner

        with DaskTaskRunner(address=dask_address) as runner:
            yield submitting(
                lambda batch: runner.submit(batch_task, {"rows": batch}),
                settings.BATCHES_IN_FLIGHT,
            )
    elif workers > 1:
        yield process_map(workers, settings.BATCHES_IN_FLIGHT)
    else:
        yield map


@contextlib.contextmanager
def batch_stage(
    staging: str, name: str, batch_task: Task, workers: int, dask_address: str | None
) -> Iterator[tuple[object, Progress, BatchMap]]:
    """(staging connection, progress bar `name`, where the batches run) of a stage in batches."""
    with (
        warehouse.connect(Path(staging)) as con,
        progress_bar(name) as progress,
        batch_map(batch_task, workers, dask_address) as mapper,
    ):
        yield con, progress, mapper


def transient_io_error(_task: Task, _task_run: object, state: object) -> bool:
    """Retry ingest only after an IO error of the machine (a network share gone for a moment),
    never after anything else: a file's content yields an ingest_errors row, not an exception,
    and re-reading everything (a bomb included) would only fail again."""
    try:
        state.result()
    except OSError:
        return True
    except BaseException:  # any other failure is not worth a second pass
        return False
    return False


@task(
    name="ingest",
    retries=2,
    retry_delay_seconds=1,
    retry_condition_fn=transient_io_error,
    cache_policy=NO_CACHE,
)
def ingest_files(
    staging: str,
    paths: list[str],
    run_id: str,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> dict:
    """Read new and changed input files (retried on transient IO errors only)."""
    with warehouse.connect(Path(staging)) as con, progress_bar("ingest") as progress:
        return stages.ingest(
            con,
            [Path(p) for p in paths],
            run_id,
            progress,
            tuple(include or ()),
            tuple(exclude or ()),
        )


@task(cache_policy=NO_CACHE)
def normalize_rows(rows: list[tuple]) -> tuple[list, list]:
    """Normalize one batch of raw rows (a task run of its own on a Dask cluster)."""
    return stages.normalize_batch(rows)


@task(name="normalize", cache_policy=NO_CACHE)
def normalize_documents(
    staging: str, run_id: str, workers: int = 1, dask_address: str | None = None
) -> dict[str, int]:
    """Pending raw records to documents, batch by batch."""
    with batch_stage(staging, "normalize", normalize_rows, workers, dask_address) as stage:
        con, progress, mapper = stage
        return stages.normalize(con, run_id, progress, map_batches=mapper)


@task(name="screen", cache_policy=NO_CACHE)
def quarantine_bad_documents(staging: str, warehouse_path: str, run_id: str) -> dict[str, int]:
    """Row-level document checks before deduplication, so a bad document never becomes canonical."""
    return stages.quarantine_documents(Path(staging), Path(warehouse_path), run_id)


@task(name="deduplicate", cache_policy=NO_CACHE)
def flag_duplicates(staging: str) -> dict[str, int]:
    with warehouse.connect(Path(staging)) as con:
        return stages.deduplicate(con)


@task(cache_policy=NO_CACHE)
def extract_rows(rows: list[tuple]) -> dict[str, list[dict]]:
    """Fact rows for one batch of documents (a task run of its own on a Dask cluster)."""
    return stages.extract_batch(rows)


@task(name="extract", cache_policy=NO_CACHE)
def extract_facts(
    staging: str, run_id: str, workers: int = 1, dask_address: str | None = None
) -> dict[str, int]:
    """Companies, people, dates, claims and events from canonical documents."""
    with batch_stage(staging, "extract", extract_rows, workers, dask_address) as stage:
        con, progress, mapper = stage
        return stages.extract(con, run_id, progress, map_batches=mapper)


@task(name="propagate", cache_policy=NO_CACHE)
def propagate_companies(staging: str, run_id: str) -> dict[str, int]:
    """Mentions of organisations that other documents name confidently."""
    with warehouse.connect(Path(staging)) as con:
        return stages.propagate(con, run_id)


@task(cache_policy=NO_CACHE)
def cluster_story_batch(rows: StoryBatch) -> dict[str, list[tuple]]:
    """Consolidated rows for one batch of whole stories (a task run of its own on a Dask cluster)."""
    return story_batch_tables(rows)


@task(name="consolidate", cache_policy=NO_CACHE)
def consolidate_facts(
    staging: str, run_id: str, workers: int = 1, dask_address: str | None = None
) -> dict[str, int]:
    """Stories, canonical claims and events across documents."""
    with (
        warehouse.connect(Path(staging)) as con,
        batch_map(cluster_story_batch, workers, dask_address) as mapper,
    ):
        return stages.consolidate(con, run_id, map_batches=mapper)


@task(name="validate", cache_policy=NO_CACHE)
def validate_and_quarantine(staging: str, warehouse_path: str, run_id: str) -> dict:
    """Every expectation suite on the staged tables; failing rows to quarantine."""
    return stages.validate(Path(staging), Path(warehouse_path), run_id)
