"""Company timelines: events and statements per company in date order, undated ones last."""

from __future__ import annotations

from pathlib import Path

import pytest
from consolidate_support import build_warehouse, rows

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory):
    con = build_warehouse([REPO / "samples"], tmp_path_factory.mktemp("samples") / "w.duckdb")
    yield con
    con.close()


def test_timeline_is_in_date_order_with_undated_items_last(samples_db) -> None:
    items = rows(samples_db, "SELECT * FROM company_timeline ORDER BY company_id, position")
    assert items
    by_company: dict[str, list[dict]] = {}
    for item in items:
        by_company.setdefault(item["company_id"], []).append(item)
    for company, its in by_company.items():
        assert [i["position"] for i in its] == list(range(1, len(its) + 1)), company
        dates = [i["item_date"] for i in its]
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated)
        assert dates[: len(dated)] == dated  # no dated item after an undated one


def test_timeline_items_carry_counts_and_evidence(samples_db) -> None:
    items = rows(samples_db, "SELECT * FROM company_timeline WHERE company_name = 'Nokia'")
    assert {i["item"] for i in items} == {"event", "claim"}
    assert all(i["n_documents"] >= 1 and i["evidence"] for i in items)
    events = [i for i in items if i["item"] == "event"]
    assert all(i["status"] in ("occurred", "planned", "denied", "speculated") for i in events)
