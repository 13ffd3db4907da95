"""Acceptance on the real data in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from conftest import SHARED_DATA, run_pipeline

from newsfacts import stages, warehouse

# More than the default 600 s (pyproject.toml): whole runs over the shared real corpora.
pytestmark = [
    pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is absent"),
    pytest.mark.timeout(1800),
]

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


def _q(wh: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _seed_of(wh: Path) -> dict[str, str]:
    """doc_id -> seed number ("000".."004")."""
    rows = _q(
        wh, "SELECT d.doc_id, r.source_path FROM documents d JOIN raw_documents r USING (raw_id)"
    )
    return {doc_id: Path(path).name[:3] for doc_id, path in rows}


def test_seed_companies_with_kinds(seeds_warehouse: Path) -> None:
    kinds = dict(_q(seeds_warehouse, "SELECT name, kind FROM companies"))
    expected = {
        "Xiaomi": "company",
        "Huawei": "company",
        "ZTE": "company",
        "AT&T": "company",
        "Qualcomm": "company",
        "Reuters": "media",
        "Walmart": "company",
        "Amazon": "company",
        "Tesla": "company",
        "BYD": "company",
        "The Wall Street Journal": "media",
        "FBI": "government",
    }
    assert {n: kinds.get(n) for n in expected} == expected
    assert any(name.startswith("Ford") and kind == "company" for name, kind in kinds.items())
    for teaser_name in ("OnePlus", "Pete Lau", "Bloomberg"):
        assert teaser_name not in kinds


def test_seed_company_found_where_it_occurs(seeds_warehouse: Path) -> None:
    seed_of = _seed_of(seeds_warehouse)
    docs_by_company: dict[str, set[str]] = defaultdict(set)
    for name, doc_id in _q(
        seeds_warehouse,
        "SELECT c.name, m.doc_id FROM company_mentions m JOIN companies c USING (company_id)",
    ):
        docs_by_company[name].add(seed_of[doc_id])
    assert docs_by_company["Xiaomi"] == {"000", "001", "002", "003", "004"}
    for name in ("Huawei", "ZTE"):
        assert docs_by_company[name] >= {"000", "001", "002"}


def test_seed_people_affiliated(seeds_warehouse: Path) -> None:
    people = {
        name: company
        for name, company in _q(
            seeds_warehouse,
            "SELECT p.name, c.name FROM people p LEFT JOIN companies c USING (company_id)",
        )
    }
    assert people.get("Lei Jun") == "Xiaomi" and people.get("Wang Xiang") == "Xiaomi"
    company_names = {n for (n,) in _q(seeds_warehouse, "SELECT name FROM companies")}
    assert not company_names & set(people)


def test_seed_relative_dates(seeds_warehouse: Path) -> None:
    seed_of = _seed_of(seeds_warehouse)
    values = defaultdict(dict)
    for doc_id, text, value in _q(
        seeds_warehouse, "SELECT doc_id, text, value FROM timexes WHERE type = 'DATE'"
    ):
        values[seed_of[doc_id]][text] = value
    assert values["002"]["late last year"] == "2017"
    assert values["002"]["March this year"] == "2018-03"
    undated_relative = {}
    for seed in ("000", "001", "003", "004"):
        relative = {
            t: v for t, v in values[seed].items() if "year" in t and not any(c.isdigit() for c in t)
        }
        assert all(v is None for v in relative.values()), (seed, relative)
        undated_relative.update(relative)
    assert len(undated_relative) >= 3  # "this year", "next year"... were found, just not resolved


def test_seed_claims(seeds_warehouse: Path) -> None:
    rows = _q(
        seeds_warehouse,
        """
        SELECT c.speaker, c.stance, v.name, e.event_type, e.status, e.location, ec.name, c.content,
               c.speaker_name
        FROM claims c LEFT JOIN companies v ON v.company_id = c.reported_via_company_id
        LEFT JOIN events e USING (event_id) LEFT JOIN companies ec ON ec.company_id = e.company_id""",
    )
    plan = [r for r in rows if "start entering the market by end 2018" in r[7]]
    assert plan and all(r[1] == "assert" for r in plan)
    assert any(r[2] == "The Wall Street Journal" for r in plan)
    assert any(r[3:7] == ("market_entry", "planned", "US", "Xiaomi") for r in plan)
    to_reuters = [r for r in rows if r[2] == "Reuters"]
    assert any("very attractive" in r[7] for r in to_reuters)
    assert any("hope we can do something there" in r[7] and r[1] == "hedge" for r in to_reuters)
    assert any("uncertainty" in r[7] for r in rows)
    # "according to a recent report by research firm Strategy Analytics": the speaker as written
    # is the whole source phrase, its resolved name the firm (GUIDELINES s.3, speaker_name)
    assert any(r[8] == "Strategy Analytics" and "fourth largest" in r[7] for r in rows)
    assert any(r[0] == "IDC" and "30.3 percent" in r[7] for r in rows)
    assert any("Lei Jun" in r[0] and r[1] == "deny" and r[4] == "denied" for r in rows)
    assert any(r[0] == "Ford" and r[1] == "deny" for r in rows)


def test_seed_events(seeds_warehouse: Path) -> None:
    rows = _q(
        seeds_warehouse,
        """
        SELECT e.event_type, e.status, c.name, e.location, e.date_value, e.amount, e.unit,
               list(pc.name || ':' || p.role) FILTER (WHERE p.role IS NOT NULL)
        FROM events e LEFT JOIN companies c USING (company_id)
        LEFT JOIN event_participants p USING (event_id) LEFT JOIN companies pc ON pc.company_id = p.company_id
        GROUP BY ALL""",
    )

    def has(event_type: str, **want: object) -> bool:
        keys = ("status", "company", "location", "date", "amount", "unit")
        return any(
            r[0] == event_type and all(r[1 + keys.index(k)] == v for k, v in want.items())
            for r in rows
        )

    # A ban's duration is no amount (GUIDELINES s.4: a regulatory action's figure is its fine).
    assert has("regulatory_action", status="occurred", date="2018-04", amount=None)
    assert any(r[0] == "regulatory_action" and "ZTE:target" in (r[7] or []) for r in rows)
    assert has("deal_cancelled", status="occurred", date="2018-01")
    assert has("market_entry", company="Xiaomi", location="ES", date="2017")
    assert has("partnership", company="Xiaomi", date="2018-03")
    assert has("ipo", status="planned", company="Xiaomi", amount=1e11, unit="money", date=None)
    assert has("financial_result", date="2025-12", amount=45.0, unit="units")
    assert has("market_entry", status="denied", company="Xiaomi", location="US")


def test_seed_facts_never_come_from_the_teaser_block(seeds_warehouse: Path) -> None:
    texts = " ".join(
        t
        for (t,) in _q(
            seeds_warehouse,
            "SELECT content FROM claims UNION ALL "
            "SELECT text FROM company_mentions UNION ALL SELECT trigger FROM events",
        )
    )
    for teaser in ("OnePlus", "Pete Lau", "Bloomberg", "Mate 30"):
        assert teaser not in texts
