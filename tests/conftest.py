"""Shared fixtures: one Prefect test harness for the whole session, and a warehouse built from samples/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory):
    """The seed articles loaded by the plain stage functions (no Prefect, no GX), once a session;
    skips when ../shared/data is absent."""
    from consolidate_support import build_warehouse

    seeds = SHARED_DATA / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/data is absent")
    con = build_warehouse([seeds], tmp_path_factory.mktemp("seeds") / "w.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="session")
def prefect_harness():
    """One ephemeral Prefect API for every flow test (starting one takes ~12 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def run_pipeline(paths: list[Path] | None, warehouse: Path, **kwargs: object) -> dict:
    """Run the real pipeline flow (needs the prefect_harness fixture)."""
    from flows.pipeline import pipeline

    return pipeline([str(p) for p in paths] if paths else None, str(warehouse), **kwargs)


@pytest.fixture(scope="session")
def samples_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """A warehouse built once from the bundled samples/ by a real pipeline run."""
    warehouse = tmp_path_factory.mktemp("samples") / "newsfacts.duckdb"
    result = run_pipeline([SAMPLES], warehouse)
    assert result["status"] == "success", result["message"]
    return warehouse


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or skip when this checkout has no evaluation data beside it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


def use_suites_with_document_expectation(
    folder: Path, expectation: dict, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Copy the expectation suites to `folder`, add `expectation` to the documents suite, and
    point settings.EXPECTATIONS_DIR at the copy for the test."""
    import json
    import shutil

    from newsfacts import settings

    shutil.copytree(settings.EXPECTATIONS_DIR, folder)
    spec = json.loads((folder / "documents.json").read_text())
    spec["expectations"].append(expectation)
    (folder / "documents.json").write_text(json.dumps(spec))
    monkeypatch.setattr(settings, "EXPECTATIONS_DIR", folder)
    return folder
