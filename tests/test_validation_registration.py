"""GX registration is reused between validations and redone whenever a suite or the file changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import use_suites_with_document_expectation

from newsfacts.validate import REGISTRATION_STAMP, gx_project_dir, validate


def outcomes(report: object) -> list[tuple[str, str, bool]]:
    return sorted((o.suite, o.expectation, o.success) for o in report.outcomes)


def test_registration_is_reused_and_redone_when_a_suite_changes(
    samples_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, warehouse)
    stamp = gx_project_dir(warehouse) / REGISTRATION_STAMP

    first = validate(warehouse, warehouse)
    registered = stamp.read_text()
    assert first.outcomes and all(o.success for o in first.outcomes)
    again = validate(warehouse, warehouse)  # from the stored registration
    assert outcomes(again) == outcomes(first) and stamp.read_text() == registered

    # A suite changes: the next validation registers again and runs the new expectation.
    use_suites_with_document_expectation(
        tmp_path / "expectations",
        {
            "type": "expect_table_row_count_to_be_between",
            "kwargs": {"max_value": 1},
            "meta": {"on_failure": "abort"},
        },
        monkeypatch,
    )
    changed = validate(warehouse, warehouse, tables=["documents"])
    assert stamp.read_text() != registered
    assert [o.expectation for o in changed.aborting] == ["expect_table_row_count_to_be_between"]

    # A stored definition is lost (a hand edit, a run killed while registering): registered again.
    lost = list((gx_project_dir(warehouse) / "gx" / "validation_definitions").glob("*.json"))
    assert lost
    for path in lost:
        path.unlink()
    recovered = validate(warehouse, warehouse, tables=["documents"])
    assert outcomes(recovered) == outcomes(changed)


def test_two_warehouses_in_one_folder_keep_separate_gx_folders(tmp_path: Path) -> None:
    # Two runs into a.duckdb and b.duckdb of one folder at once raced on one GX context
    # ("ExpectationSuite ... has changed since it has last been saved").
    assert gx_project_dir(tmp_path / "newsfacts.duckdb") == tmp_path / "gx"
    assert gx_project_dir(tmp_path / "a.duckdb") == tmp_path / "gx-a"
    assert gx_project_dir(tmp_path / "b.duckdb") != gx_project_dir(tmp_path / "a.duckdb")
