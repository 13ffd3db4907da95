"""Dev-split fact quality against the BBC gold set stays above benchmarks/gold/floors.json.

A real pipeline run builds a warehouse over the dev articles that have a gold file, and
benchmarks/quality_facts.py scores it. Every floor holds today's dev number on the dev articles
listed there (written by `python benchmarks/quality_facts.py --write-floors`, so gold files added
later change nothing until the floors are rewritten); a change that lowers one by more than the
stated tolerance fails here. Lowering a floor is an explicit, reviewed change. Only dev numbers
are pinned: test-split numbers never appear in a test. Skipped when ../shared/data is absent or no
floors (no dev gold file) exist yet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import SHARED_DATA, run_pipeline

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import quality_facts  # noqa: E402


@pytest.fixture(scope="module")
def floors() -> dict:
    """floors.json, or skip when there is no data or no dev gold to pin yet."""
    if not (SHARED_DATA / "bbc-news" / "bbc").is_dir():
        pytest.skip("../shared/data is absent")
    if not quality_facts.annotated_files("dev") or not quality_facts.FLOORS.exists():
        pytest.skip("no dev gold files (or no floors.json) yet")
    spec = json.loads(quality_facts.FLOORS.read_text())
    assert spec["split"] == "dev"
    return spec


@pytest.fixture(scope="module")
def dev_warehouse(
    floors: dict, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A warehouse built by the real pipeline over the dev articles the floors were set on."""
    files = sorted(set(floors["articles"]) & set(quality_facts.annotated_files("dev")))
    assert files == floors["articles"], "a gold file the floors were set on is gone"
    request.getfixturevalue("prefect_harness")  # started only when the test really runs
    tmp = tmp_path_factory.mktemp("gold_dev")
    folder = quality_facts.stage_articles(files, tmp / "articles")
    result = run_pipeline([folder], tmp / "w.duckdb")
    assert result["status"] == "success", result["message"]
    return tmp / "w.duckdb"


@pytest.fixture(scope="module")
def dev_scores(dev_warehouse: Path, floors: dict):
    """Dev scores and the run's facts (gold files, span report)."""
    scores, _, info = quality_facts.evaluate(dev_warehouse, "dev", only=floors["articles"])
    return scores["dev"], info


def test_every_dev_gold_span_maps_onto_its_document(dev_scores):
    _, info = dev_scores
    assert info["missing"] == []
    assert info["spans"]["dev"].unmapped == []


def test_dev_numbers_stay_above_their_floors(dev_scores, floors: dict):
    scores, _ = dev_scores
    assert quality_facts.below_floors(scores, floors) == []
