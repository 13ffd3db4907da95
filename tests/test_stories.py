"""Stories: documents about one happening are grouped; time, words and companies keep others apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from consolidate_support import build_warehouse, rows

from newsfacts.consolidate.records import ReportDoc
from newsfacts.consolidate.stories import StoryDoc, cluster_stories, periods_compatible, story_rows

REPO = Path(__file__).resolve().parents[1]

PLAN = (
    "Nordwind Audio plans to open its first stores in Canada next spring, chief executive Mara "
    "Lindqvist said, betting that Canadian shoppers will pay for premium wireless headphones."
)
PLAN_REWRITE = (
    "Headphone maker Nordwind Audio will open stores in Canada next spring. Lindqvist said premium "
    "wireless headphones sell well and Canadian shoppers are ready for the stores."
)
OTHER = (
    "Nordwind Audio and Keller Logistics signed a warehouse deal in Rotterdam covering pallets, "
    "forklifts and customs paperwork for the coming decade."
)
ACME = {"co_nordwind": 3.0}


def doc(doc_id: str, text: str, order: int, **kw: object) -> StoryDoc:
    return StoryDoc(
        doc_id,
        order,
        text,
        kw.get("published"),
        frozenset(kw.get("years", ())),
        kw.get("companies", ACME),
    )


def test_rewrites_of_one_story_group_and_another_happening_stays_apart() -> None:
    docs = [
        doc("a", PLAN, 1, published=date(2021, 3, 1)),
        doc("b", PLAN_REWRITE, 2),
        doc("c", OTHER, 3, companies={"co_nordwind": 1.0, "co_keller": 2.0}),
    ]
    story = cluster_stories(docs)
    assert story["a"] == story["b"] != story["c"]


@pytest.mark.parametrize(
    ("published_b", "years_b", "together"),
    [
        (date(2021, 3, 20), (), True),  # dated, within the window
        (date(2021, 9, 1), (), False),  # dated, half a year later
        (None, (2021, 2022), True),  # undated, mentions the same years
        (None, (2025,), False),  # undated, mentions only much later years
        (None, (), True),  # nothing known about time: does not block
    ],
)
def test_time_window_and_years_mentioned(
    published_b: date | None, years_b: tuple, together: bool
) -> None:
    docs = [
        doc("a", PLAN, 1, published=date(2021, 3, 1)),
        doc("b", PLAN_REWRITE, 2, published=published_b, years=years_b),
    ]
    story = cluster_stories(docs)
    assert (story["a"] == story["b"]) is together


def test_an_undated_document_cannot_chain_two_distant_dates() -> None:
    docs = [
        doc("a", PLAN, 1, published=date(2021, 3, 1)),
        doc("b", PLAN_REWRITE, 2),
        doc("c", PLAN + " " + PLAN_REWRITE, 3, published=date(2023, 6, 1)),
    ]
    story = cluster_stories(docs)
    assert story["a"] != story["c"]
    assert not periods_compatible(docs[0].period, docs[2].period)


def test_story_id_comes_from_the_earliest_member_not_from_row_order() -> None:
    docs = [doc("a", PLAN, 1), doc("b", PLAN_REWRITE, 2)]
    assert cluster_stories(docs) == cluster_stories(list(reversed(docs)))


def test_story_rows_count_documents_and_publishers() -> None:
    members = [
        ReportDoc("a", None, "Wire", date(2021, 3, 2), 1, body="First line here.\nMore."),
        ReportDoc("b", "A headline", "Wire", date(2021, 3, 1), 2, body="x"),
        ReportDoc("c", None, None, None, 3, body="y"),
        ReportDoc("d", None, None, None, 4, body="z"),
    ]
    (row,) = story_rows(members, dict.fromkeys("abcd", "st_1"))
    assert row.n_documents == 4
    assert row.n_publishers == 1  # Wire once; unknown publishers are no more publishers
    assert (row.first_seen, row.last_seen) == (date(2021, 3, 1), date(2021, 3, 2))
    assert row.title == "A headline"
    assert row.anchor_doc_id == "a"


def test_an_untitled_story_is_titled_by_its_first_line() -> None:
    members = [ReportDoc("a", None, None, None, 1, body="  Ferry terminal approved\nMore.")]
    (row,) = story_rows(members, {"a": "st_1"})
    assert row.title == "Ferry terminal approved"


def test_seeds_four_reports_form_one_story_and_the_later_denial_another(seeds_db) -> None:
    stories = rows(seeds_db, "SELECT * FROM stories ORDER BY n_documents DESC")
    assert [s["n_documents"] for s in stories] == [4, 1]
    assert stories[0]["n_publishers"] == 0  # no seed names its publisher (issue #18)
    undated = rows(seeds_db, "SELECT story_id FROM documents WHERE story_id IS NULL")
    assert undated == []


def test_samples_story_and_rerun_gives_the_same_ids(tmp_path: Path) -> None:
    con = build_warehouse([REPO / "samples"], tmp_path / "w.duckdb")
    query = "SELECT d.doc_id, d.title, s.n_documents FROM documents d JOIN stories s USING (story_id) ORDER BY d.doc_id"
    by_doc = {r["doc_id"]: r for r in rows(con, query)}
    nokia = [r for r in by_doc.values() if r["title"] and r["title"].startswith("Nokia wants")]
    assert nokia and nokia[0]["n_documents"] == 3  # the three plan reports; not the 2023 denial
    partner = [
        r for r in by_doc.values() if r["title"] and r["title"].startswith("Siemens and Nokia")
    ]
    assert partner[0]["n_documents"] == 1  # same day, same company, different happening
    ids = {
        t: rows(con, f"SELECT * FROM {t} ORDER BY ALL")
        for t in ("stories", "claim_clusters", "event_clusters")
    }
    from newsfacts import stages

    stages.consolidate(con, "second-run")
    assert ids == {t: rows(con, f"SELECT * FROM {t} ORDER BY ALL") for t in ids}
    con.close()
