"""The newsfacts pipeline flow: lock, stage, run every stage task, validate, publish atomically."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows.stages import (
    consolidate_facts,
    extract_facts,
    flag_duplicates,
    ingest_files,
    normalize_documents,
    propagate_companies,
    quarantine_bad_documents,
    validate_and_quarantine,
)
from newsfacts import interrupts, run_summary, settings, source_defaults, stages, warehouse
from newsfacts.ingest_model import display_path
from newsfacts.parallel import worker_processes
from newsfacts.warehouse import runs


def new_run_id() -> str:
    """Sortable, unique run id: UTC time plus a random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


@flow(name="newsfacts-pipeline")
def pipeline(
    paths: list[str] | None = None,
    warehouse_path: str | None = None,
    full_refresh: bool = False,
    wait_seconds: float = settings.LOCK_WAIT_SECONDS,
    workers: int = 1,
    dask_address: str | None = None,
    verified: bool = False,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    publisher: str | None = None,
    published: str | None = None,
) -> dict:
    """Ingest, normalize, deduplicate, extract and validate; publish only if validation passes.

    The published file is read in full first (DuckDB checks every block's checksum), unless the
    caller has just done so (`verified`): a run never builds on, or re-publishes, a corrupt file.
    `publisher` and `published` (YYYY-MM-DD) are kept for the files under `paths` that name no
    publisher, or carry no date, of their own (newsfacts.source_defaults).
    """
    logger = get_run_logger()
    wh = Path(warehouse_path or settings.DEFAULT_WAREHOUSE).absolute()
    sources = [str(Path(p).absolute()) for p in (paths or [settings.SAMPLES_DIR])]
    run_id = new_run_id()
    staging = str(warehouse.staging_path(wh))
    with (
        warehouse.run_lock(wh, wait_seconds),
        worker_processes(1 if dask_address else workers),
        start_up_objects_frozen(),
    ):
        if not verified:
            warehouse.verify_full(wh)
        con = warehouse.open_staging(wh)
        run = runs.RunStart(run_id, sources, settings.EXTRACTOR_VERSION, flow_run.get_id())
        runs.start_run(con, *run)
        counts: dict[str, dict] = {"full_refresh": stages.full_refresh(con)} if full_refresh else {}
        if publisher or published:
            counts["source_defaults"] = source_defaults.record(
                con, [display_path(s) for s in sources], publisher, _iso_date(published), run_id
            )
        con.close()
        seconds: dict[str, float] = {}
        unchanged = False  # set after ingest: no new input, so later stages have nothing to do
        try:
            for name, call in (
                ("ingest", lambda: ingest_files(staging, sources, run_id, include, exclude)),
                ("normalize", lambda: normalize_documents(staging, run_id, workers, dask_address)),
                ("screen", lambda: quarantine_bad_documents(staging, str(wh), run_id)),
                ("deduplicate", lambda: flag_duplicates(staging)),
                ("extract", lambda: extract_facts(staging, run_id, workers, dask_address)),
                ("propagate", lambda: propagate_companies(staging, run_id)),
                ("consolidate", lambda: consolidate_facts(staging, run_id, workers, dask_address)),
                ("validate", lambda: validate_and_quarantine(staging, str(wh), run_id)),
            ):
                if unchanged and not (name == "validate" and counts["ingest"]["errors"]):
                    counts[name] = {"skipped": NO_CHANGE}
                    continue
                interrupts.set_stage(name)
                started = time.perf_counter()
                counts[name] = call()
                seconds[name] = round(time.perf_counter() - started, 3)
                logger.info("%s: %s", name, json.dumps(counts[name]))
                pause_point(name)
                if name == "ingest":
                    _log_inputs(logger, counts[name], sources)
                    unchanged = (
                        not full_refresh
                        and not counts.get("source_defaults", {}).get("documents_renormalized")
                        and runs.nothing_new(Path(staging), counts[name])
                    )
            status, message = _outcome(counts)
            if status == "success":
                interrupts.set_stage("publish")
                _publish(Path(staging), wh, run_id, status, counts, seconds, message)
        except BaseException as exc:
            signame = interrupts.signal_name(exc)
            runs.record_unpublished(
                wh,
                run,
                "interrupted" if signame else "failed",
                counts,
                seconds,
                interrupts.message(signame) if signame else f"{type(exc).__name__}: {exc}",
            )
            _summary_artifact(
                run_id, "interrupted" if signame else "failed", str(exc), wh, counts, seconds
            )
            raise
        if status != "success":
            runs.record_unpublished(wh, run, status, counts, seconds, message)
        logger.info("run %s: %s (%s)", run_id, status, message)
        _summary_artifact(run_id, status, message, wh, counts, seconds)
    return {
        "run_id": run_id,
        "status": status,
        "warehouse": str(wh),
        "counts": counts,
        "seconds": seconds,
        "message": message,
    }


def _iso_date(text: str | None) -> date | None:
    """A YYYY-MM-DD parameter as a date (None stays None)."""
    return date.fromisoformat(text) if text else None


def _log_inputs(logger: object, ingest_counts: dict, sources: list[str]) -> None:
    """Say in the run log which files were skipped by name, and warn when there were no input
    files at all (an empty folder is not a silent success)."""
    if ingest_counts.get("files_skipped"):
        logger.info(
            "skipped %d files by name (README*, LICENSE*, CHANGELOG*, --include/--exclude): %s",
            ingest_counts["files_skipped"],
            ", ".join(ingest_counts["skipped_files"]),
        )
    if not ingest_counts["files_found"]:
        logger.warning("no input files found in %s", ", ".join(sources))


def _summary_artifact(
    run_id: str, status: str, message: str, wh: Path, counts: dict, seconds: dict
) -> None:
    """The run summary as a markdown artifact on the flow run (never fails the run)."""
    try:
        run_summary.publish(run_id, status, message, wh, counts, seconds)
    except Exception as exc:  # the API may be gone on the way out; the run log has the counts
        get_run_logger().warning("run summary artifact not written: %s", exc)


def _outcome(counts: dict) -> tuple[str, str]:
    """Status and message of a run whose stages all finished."""
    if counts["validate"].get("passed", True):  # skipped: the published data passed
        return "success", _summary(counts)
    return "failed_validation", "not published: " + "; ".join(counts["validate"]["failed"])


def _publish(
    staging: Path, wh: Path, run_id: str, status: str, counts: dict, seconds: dict, message: str
) -> None:
    """Log the run into the staging file and publish it, unless a stop signal came first.

    A signal during the publish is held off until the rename is done or refused: the published
    file is either the old one or the complete new one, never what a cut-off run left.
    """
    with interrupts.deferred(), warehouse.connect(staging) as con:
        runs.finish_run(con, run_id, status, counts, seconds, message)
        pause_point("publish")
        interrupts.check()  # the point of no return: a stop signal until here publishes nothing
        warehouse.publish(con, wh)


@contextlib.contextmanager
def start_up_objects_frozen() -> Iterator[None]:
    """Keep the objects alive when a run starts out of the garbage collector's full passes.

    Prefect, Great Expectations and their imports leave about 550,000 long-lived objects, and
    every full collection during a run walked them all: about 0.8 s of a run over bbc-news.
    Frozen, they are skipped. They are unfrozen when the run ends, so a long-lived process
    (`newsfacts serve`) still collects whatever of them becomes garbage later.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Recorded as a skipped stage's counts on a run that found no new or changed input.
NO_CHANGE = "no new or changed inputs since the last successful run"


def pause_point(point: str) -> None:
    """Test hook: with NEWSFACTS_TEST_PAUSE_AT=<point>, wait here until the test says go.

    Crash and concurrency tests need a run stopped at a known place (after a stage's writes to
    the staging file, or just before the publish) to kill it or race it. The run touches
    `<NEWSFACTS_TEST_PAUSE_DIR>/<point>.reached` and waits for `<point>.go`. Unset: no effect.
    """
    if os.environ.get("NEWSFACTS_TEST_PAUSE_AT") != point:
        return
    folder = Path(os.environ["NEWSFACTS_TEST_PAUSE_DIR"])
    (folder / f"{point}.reached").touch()
    while not (folder / f"{point}.go").exists():
        time.sleep(0.1)


def _summary(counts: dict) -> str:
    ing, norm, dup = counts["ingest"], counts["normalize"], counts["deduplicate"]
    if "skipped" in norm:
        return (
            f"no new or changed inputs ({ing['files_unchanged']} files unchanged, "
            f"{ing['errors']} errors); later stages skipped"
        )
    return (
        f"{ing['records']} new records from {ing['files_read']} files "
        f"({ing['files_unchanged']} unchanged), {norm['documents']} new documents, "
        f"{ing['errors'] + norm['errors']} errors, {dup['exact']} exact, {dup['near']} near and {dup.get('edited', 0)} edited duplicates, "
        f"{counts['screen']['quarantined'] + counts['validate']['quarantined']} rows quarantined"
    )
