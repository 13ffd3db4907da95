"""Normalize and deduplicate: dates, publishers, languages, duplicate flags (pure functions)."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsfacts.dedup import find_duplicates, near_duplicate_pairs
from newsfacts.normalize import (
    content_hash,
    date_from_url,
    normalize_record,
    publisher_from_url,
    repair_text,
)

STORY = (
    "Northwind Rail said on Thursday that it had ordered forty electric locomotives from a "
    "German supplier, its largest purchase in a decade. The company expects the first engines "
    "to enter service on freight routes in the north of the country within two years, and said "
    "the order would cut its diesel use by a third. Analysts said the deal showed how quickly "
    "regional operators were moving away from fossil fuels as carbon prices rise."
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.com/2019/03/12/rail-order", date(2019, 3, 12)),
        ("https://example.org/business/2021-05-04-story.html", date(2021, 5, 4)),
        ("https://example.org/2021/05/story", None),  # a month is not a publication date
        ("https://example.org/story-20201399", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


def test_publisher_from_url() -> None:
    assert (
        publisher_from_url("https://www.harbour-times.example/2020/01/01/x")
        == "harbour-times.example"
    )


def test_repair_text_fixes_mojibake_and_controls() -> None:
    assert (
        repair_text("The company\u00e2\u20ac\u2122s plan\x07  works")
        == "The company\u2019s plan works"
    )


def test_txt_date_line_is_a_text_date() -> None:
    doc = normalize_record("r1", "txt", f" date 2019-03-12 {STORY}", "/in/a.txt")
    assert (doc.published_date, doc.published_date_source) == (date(2019, 3, 12), "text")
    assert not doc.body.startswith("date")


def test_undated_text_has_no_date() -> None:
    doc = normalize_record("r1", "txt", STORY, "/in/a.txt")
    assert (doc.published_date, doc.published_date_source) == (None, "unknown")
    assert doc.language == "en" and doc.title is None


def test_json_fields_and_extras() -> None:
    import json

    raw = json.dumps(
        {
            "headline": "Rail order",
            "content": STORY,
            "published": "2020-02-03T10:00:00Z",
            "link": "https://www.railwire.example/x",
            "tags": ["rail"],
        }
    )
    doc = normalize_record("r1", "json", raw, "/in/a.json")
    assert (doc.title, doc.published_date, doc.published_date_source) == (
        "Rail order",
        date(2020, 2, 3),
        "metadata",
    )
    assert doc.publisher == "railwire.example" and json.loads(doc.metadata) == {"tags": ["rail"]}


def test_html_metadata() -> None:
    html = (
        "<html><head><title>Rail order | Railwire</title>"
        "<meta property='og:site_name' content='Railwire'>"
        "<meta property='article:published_time' content='2020-02-03T10:00:00Z'>"
        "<meta name='author' content='Ana Ruiz'></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Rail order</h1><p>{STORY}</p><p>{STORY}</p></article></body></html>"
    )
    doc = normalize_record("r1", "html", html, "/in/a.html")
    assert doc.publisher == "Railwire" and doc.published_date == date(2020, 2, 3)
    assert doc.author == "Ana Ruiz" and "Home" not in doc.body


def _docs(bodies: list[str], dates: list[date | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(bodies))],
            "content_hash": [content_hash(b) for b in bodies],
            "body": bodies,
            "published_date": dates,
            "ingest_order": list(range(len(bodies))),
        }
    )


REWRITE = STORY.replace("on Thursday", "late on Thursday") + " Shares rose 2 percent."
OTHER = "Quayside Bank reported a quarterly loss after writing down loans to shipyards. " * 4


@pytest.mark.parametrize(
    ("bodies", "dates", "expected"),
    [
        pytest.param(
            [STORY, STORY.upper(), OTHER],
            [None, None, None],
            [("d0", None, None), ("d1", "d0", "exact"), ("d2", None, None)],
            id="exact",
        ),
        pytest.param(
            [STORY, REWRITE],
            [date(2020, 5, 2), date(2020, 5, 1)],
            [("d1", None, None), ("d0", "d1", "near")],
            id="near-earliest-published-wins",
        ),
        pytest.param(
            [STORY, OTHER], [None, None], [("d0", None, None), ("d1", None, None)], id="distinct"
        ),
        pytest.param(
            [REWRITE, STORY],
            [None, date(2021, 1, 1)],
            [("d1", None, None), ("d0", "d1", "near")],
            id="missing-date-loses",
        ),
    ],
)
def test_find_duplicates(bodies: list[str], dates: list, expected: list[tuple]) -> None:
    got = find_duplicates(_docs(bodies, dates)).select("doc_id", "duplicate_of", "duplicate_kind")
    want = pl.DataFrame(expected, schema=["doc_id", "duplicate_of", "duplicate_kind"], orient="row")
    assert_frame_equal(got, want, check_dtypes=False)


def test_near_duplicate_threshold_is_respected() -> None:
    pairs = near_duplicate_pairs([STORY, REWRITE, OTHER], threshold=0.8)
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)] and pairs[0][2] >= 0.8
    assert near_duplicate_pairs([STORY, REWRITE], threshold=0.99) == []
