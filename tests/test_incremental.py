"""Incremental loads: a rerun over unchanged inputs is a no-op; --full-refresh rebuilds identically."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from conftest import SAMPLES, run_pipeline
from ops_support import fingerprint

from flows.pipeline import NO_CHANGE


def run_count(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM runs").fetchone()[0]


def test_rerun_over_unchanged_inputs_skips_later_stages(
    prefect_harness: None, samples_warehouse: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, warehouse)
    before = fingerprint(warehouse)
    result = run_pipeline([SAMPLES], warehouse)
    assert result["status"] == "success"
    assert result["counts"]["ingest"]["records"] == 0
    assert result["counts"]["normalize"] == {"skipped": NO_CHANGE}
    assert result["counts"]["validate"] == {"skipped": NO_CHANGE}
    assert fingerprint(warehouse) == before
    assert run_count(warehouse) == run_count(samples_warehouse) + 1  # the skip is logged


def test_full_refresh_rebuilds_every_table_identically(
    prefect_harness: None, samples_warehouse: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, warehouse)
    result = run_pipeline([SAMPLES], warehouse, full_refresh=True)
    assert result["status"] == "success"
    assert result["counts"]["full_refresh"]["documents_cleared"] > 10
    assert (
        result["counts"]["normalize"]["documents"]
        == result["counts"]["full_refresh"]["documents_cleared"]
    )
    assert fingerprint(warehouse) == fingerprint(samples_warehouse)
