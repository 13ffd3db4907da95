"""Incremental loads: a rerun over unchanged inputs is a no-op, unless documents come from another
normalizer version; --full-refresh rebuilds identically."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from conftest import SAMPLES, run_pipeline
from ops_support import fingerprint

from flows.pipeline import NO_CHANGE
from newsfacts import settings
from newsfacts import warehouse as warehouse_module


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


ARTICLES = {
    "ferry.txt": (
        "Harbour board approves new ferry terminal\n\n"
        "The Kestrel Bay harbour board approved plans for a new ferry terminal on Tuesday. "
        "Northline Ferries Ltd said the building would open in 2027 and cost about 40 million "
        'pounds. "Passenger numbers have grown every summer," said Maria Okafor, the board\'s '
        "chair.\n"
    ),
    "bakery.txt": (
        "Bakery chain buys regional rival\n\n"
        "Crumb & Crust Holdings agreed to buy Alder Valley Bakeries for 12 million euros, the "
        "company said on Monday. Chief executive Tomas Brandt said the deal would close in March "
        "and that no shops would shut.\n"
    ),
}


def mark_documents_normalized_by(warehouse: Path, version: str) -> int:
    """Stamp every document as written by normalizer `version`, through a publish.

    This is what a warehouse built before a normalizer change looks like: its documents carry
    the old version while the runs log, like the extraction rules, is unchanged, so only the
    normalizer version tells the next run there is work. Going through staging and publish
    keeps the file's recorded checksum true, as a real old warehouse's would be.
    """
    con = warehouse_module.open_staging(warehouse)
    changed = con.execute(
        "UPDATE documents SET normalizer_version = ? RETURNING doc_id", [version]
    ).fetchall()
    warehouse_module.publish(con, warehouse)
    return len(changed)


def test_documents_of_an_older_normalizer_are_normalized_and_extracted_again(
    prefect_harness: None, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    warehouse = tmp_path / "w.duckdb"
    assert run_pipeline([folder], warehouse)["status"] == "success"
    built = fingerprint(warehouse)
    assert mark_documents_normalized_by(warehouse, "1") == len(ARTICLES)

    result = run_pipeline([folder], warehouse)

    assert result["status"] == "success"
    assert result["counts"]["ingest"]["records"] == 0  # no new input: only the version differs
    assert not any("skipped" in c for c in result["counts"].values() if isinstance(c, dict))
    assert result["counts"]["normalize"]["renormalized"] == len(ARTICLES)
    assert result["counts"]["normalize"]["documents"] == len(ARTICLES)
    assert result["counts"]["extract"]["documents"] == len(ARTICLES)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        docs = con.execute("SELECT normalizer_version, run_id FROM documents").fetchall()
        extracted = con.execute("SELECT DISTINCT run_id FROM extractions").fetchall()
    assert docs == [(settings.NORMALIZER_VERSION, result["run_id"])] * len(ARTICLES)
    assert extracted == [(result["run_id"],)]
    assert fingerprint(warehouse) == built  # the same rows as the first build, rewritten
