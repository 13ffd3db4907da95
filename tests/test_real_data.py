"""Acceptance on the real data in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from conftest import SHARED_DATA, run_pipeline

from newsfacts import stages, warehouse

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is absent")

BOILERPLATE = [
    "clock menu more-arrow no yes",
    "Filed under:",
    "New, 48 comments",
    "You May Also Like",
    "READ MORE",
    "OnePlus",
    "Pete Lau",
    "Bloomberg",
]
WIDGET_LINES = {"Recommend", "All", "Instructions", "READ MORE"}


@pytest.fixture(scope="module")
def seeds_warehouse(prefect_harness, tmp_path_factory) -> Path:
    wh = tmp_path_factory.mktemp("seeds") / "w.duckdb"
    result = run_pipeline([SHARED_DATA / "seeds"], wh)
    assert result["status"] == "success", result["message"]
    return wh


def _docs(wh: Path) -> dict[str, tuple]:
    with duckdb.connect(str(wh), read_only=True) as con:
        rows = con.execute(
            "SELECT r.source_path, d.title, d.body, d.published_date, d.published_date_source "
            "FROM documents d JOIN raw_documents r USING (raw_id)"
        ).fetchall()
    return {Path(p).name[:3]: rest for p, *rest in rows}


def test_seeds_give_five_clean_documents(seeds_warehouse: Path) -> None:
    docs = _docs(seeds_warehouse)
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    for _, body, _, _ in docs.values():
        assert not [b for b in BOILERPLATE if b in body]
        assert not WIDGET_LINES & {line.strip() for line in body.splitlines()}
        assert body.count("Mi5 flagship") == 0


def test_seed_dates_are_from_text_or_unknown(seeds_warehouse: Path) -> None:
    docs = _docs(seeds_warehouse)
    assert (str(docs["002"][2]), docs["002"][3]) == ("2018-07-04", "text")
    for key in ("000", "001", "003", "004"):
        assert (docs[key][2], docs[key][3]) == (None, "unknown")


def test_seed_titles(seeds_warehouse: Path) -> None:
    docs = _docs(seeds_warehouse)
    assert docs["001"][0].startswith("Xiaomi says it plans to enter US smartphone market")
    assert docs["004"][0].startswith("Xiaomi CEO Dismisses US Market Entry")
    assert docs["000"][0] is None and docs["002"][0] is None and docs["003"][0] is None


def test_bbc_byte_identical_groups_are_exact_duplicates(tmp_path: Path) -> None:
    """All 98 byte-identical groups found; no two different articles share an exact-duplicate group."""
    folder = SHARED_DATA / "bbc-news"
    files = sorted(folder.rglob("*.txt"))
    by_bytes: dict[str, set[str]] = defaultdict(set)
    for f in files:
        by_bytes[hashlib.sha256(f.read_bytes()).hexdigest()].add(str(f))
    groups = [g for g in by_bytes.values() if len(g) > 1]
    assert len(groups) == 98
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        warehouse.apply_ddl(con)
        stages.ingest(con, [folder], "r1")
        stages.normalize(con, "r1")
        stages.deduplicate(con)
        rows = con.execute(
            "SELECT r.source_path, coalesce(d.duplicate_of, d.doc_id), d.duplicate_kind, r.raw_text "
            "FROM documents d JOIN raw_documents r USING (raw_id)"
        ).fetchall()
    root = {path: root for path, root, _, _ in rows}
    for group in groups:
        assert len({root[p] for p in group}) == 1
    exact_groups: dict[str, set[str]] = defaultdict(set)
    for _, group_root, kind, raw_text in rows:
        if kind in (None, "exact"):
            exact_groups[group_root].add(" ".join(raw_text.casefold().split()))
    # Members of an exact group may differ in spacing or letter case only, never in a word.
    assert all(len(texts) == 1 for texts in exact_groups.values())
