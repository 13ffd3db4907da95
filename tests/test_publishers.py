"""Publishers (issue #18, part 3): metadata, URL, byline, --publisher; agencies apart; counting
never inflated by documents whose publisher is unknown. Invented documents."""

from __future__ import annotations

import json

import duckdb
import pytest

from newsfacts import warehouse
from newsfacts.consolidate.records import ReportDoc
from newsfacts.consolidate.stories import n_publishers, story_rows
from newsfacts.normalize import normalize_record
from newsfacts.publishers import decide_publisher, publisher_from_byline, publisher_from_url
from newsfacts.source_defaults import SourceDefaults

BODY = (
    "The harbour council on Tuesday approved plans for a new ferry terminal on the east quay, "
    "ending two years of argument over the site. The terminal will open in 2027, officials said."
)


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [
        ("By Jane Roe, Harbour Times", "Harbour Times"),
        ("By Jane Roe and Tom Aske | North Coast News", "North Coast News"),
        ("By Jane Roe, Transport correspondent, Harbour Times", "Harbour Times"),
        ("By JANE ROE for The Evening Post", "The Evening Post"),
        ("Jane Roe, Harbour Times", "Harbour Times"),  # an author field
        ("By Jane Roe, CNN", "CNN"),
        ("By Jane Roe - harbourtimes.example", "harbourtimes.example"),
        ("By Jane Roe", None),
        ("By Jane Roe, Business reporter", None),
        ("By Jane Roe, Senior Correspondent", None),
        ("By Jane Roe, London", None),
        ("By the time the vote came, the news had spread", None),
    ],
)
def test_publisher_from_byline(byline: str, outlet: str | None) -> None:
    assert publisher_from_byline(byline) == outlet


def test_publisher_from_url_drops_edition_prefixes() -> None:
    assert publisher_from_url("https://m.harbourtimes.example/2020/01/01/x") == (
        "harbourtimes.example"
    )
    assert publisher_from_url("https://www.harbourtimes.example/x") == "harbourtimes.example"
    assert publisher_from_url("http://[broken") is None


@pytest.mark.parametrize(
    ("metadata", "url", "author", "body", "given", "expected"),
    [
        ("Harbour Times", "https://other.example/a", "Jane Roe, Coast News", BODY, "X", "metadata"),
        (None, "https://harbourtimes.example/a", "Jane Roe, Coast News", BODY, "X", "url"),
        (None, None, "Jane Roe, Coast News", BODY, "X", "byline"),
        (None, None, None, f"By Jane Roe, Coast News\n\n{BODY}", "X", "byline"),
        (None, None, "Jane Roe", BODY, "Valley Radio", "cli"),
        (None, None, None, BODY, None, "unknown"),
        ("  ", None, None, BODY, " ", "unknown"),  # blank names are no names
    ],
)
def test_order_of_trust(
    metadata: str | None,
    url: str | None,
    author: str | None,
    body: str,
    given: str | None,
    expected: str,
) -> None:
    assert decide_publisher(metadata, url, author, body, given).source == expected


def test_plain_text_byline_names_the_publisher() -> None:
    text = (
        f"Ferry terminal approved\n\nBy Jane Roe, Transport correspondent, Harbour Times\n\n{BODY}"
    )
    doc = normalize_record("r1", "txt", text, "/in/a.txt")
    assert (doc.publisher, doc.publisher_source) == ("Harbour Times", "byline")


def test_json_metadata_beats_url_and_byline() -> None:
    record = {
        "title": "Ferry terminal approved",
        "text": f"By Jane Roe, Coast News\n\n{BODY}",
        "url": "https://harbourtimes.example/2024/03/05/ferry",
        "source": {"name": "The Harbour Times"},
    }
    doc = normalize_record("r1", "json", json.dumps(record), "/in/a.json")
    assert (doc.publisher, doc.publisher_source) == ("The Harbour Times", "metadata")
    del record["source"]
    doc = normalize_record("r1", "json", json.dumps(record), "/in/a.json")
    assert (doc.publisher, doc.publisher_source) == ("harbourtimes.example", "url")


def test_wire_agency_in_dateline_is_an_agency_not_a_publisher() -> None:
    text = f"Ferry terminal approved\n\nLONDON, March 3 (Reuters) - {BODY}"
    doc = normalize_record("r1", "txt", text, "/in/a.txt")
    assert doc.agency == "Reuters"
    assert (doc.publisher, doc.publisher_source) == (None, "unknown")


def test_cli_publisher_only_for_documents_naming_none() -> None:
    given = SourceDefaults(publisher="Valley Radio")
    signed = f"Ferry terminal approved\n\nBy Jane Roe, Harbour Times\n\n{BODY}"
    unsigned = f"Ferry terminal approved\n\n{BODY}"
    assert normalize_record("r1", "txt", signed, "/in/a.txt", defaults=given).publisher == (
        "Harbour Times"
    )
    doc = normalize_record("r2", "txt", unsigned, "/in/b.txt", defaults=given)
    assert (doc.publisher, doc.publisher_source) == ("Valley Radio", "cli")


def member(doc_id: str, publisher: str | None) -> ReportDoc:
    return ReportDoc(doc_id, None, publisher, None, int(doc_id[1:]), body="x")


def test_unknown_publishers_do_not_inflate_the_count() -> None:
    """The failure of the issue: four unsigned documents counted as four publishers."""
    members = [member(f"d{i}", None) for i in range(4)]
    assert n_publishers(members) == 0
    members += [member("d4", "Harbour Times"), member("d5", "harbour times")]
    assert n_publishers(members) == 1  # one outlet, however it is cased
    (row,) = story_rows(members, {m.doc_id: "st" for m in members})
    assert (row.n_documents, row.n_publishers) == (6, 1)


def fill(con: duckdb.DuckDBPyConnection, table: str, row: dict) -> None:
    """Insert one row by column name (the other columns get their defaults or NULL)."""
    names = ", ".join(row)
    con.execute(
        f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )  # noqa: S608 - names are this test's


def test_corroboration_views_count_publishers_unknowns_and_agencies() -> None:
    con = duckdb.connect()
    warehouse.apply_ddl(con)
    sources = {
        "d1": ("Harbour Times", "Reuters"),
        "d2": ("harbour times", None),
        "d3": (None, "Reuters"),
        "d4": (None, "AP"),
    }
    for doc_id, (publisher, agency) in sources.items():
        fill(con, "documents", {
            "doc_id": doc_id, "raw_id": doc_id, "body": BODY, "publisher": publisher,
            "agency": agency, "published_date_source": "unknown", "content_hash": doc_id,
            "source_key": "k", "run_id": "r",
        })  # fmt: skip
    ids = sorted(sources)
    fill(con, "canonical_events", {
        "canonical_event_id": "ce1", "anchor_event_id": "e1", "event_type": "other",
        "status": "occurred", "statuses": ["occurred"], "company_ids": [], "n_documents": 4,
        "n_publishers": 1, "doc_ids": ids, "n_reports": 4, "n_claims": 0, "speakers": [],
        "evidence": "x",
    })  # fmt: skip
    fill(con, "canonical_claims", {
        "canonical_claim_id": "cc1", "anchor_claim_id": "c1", "speaker": "Jane Roe",
        "stance": "assert", "stances": ["assert"], "content": "x", "company_ids": [],
        "n_documents": 4, "n_publishers": 1, "doc_ids": ids, "n_reports": 4, "evidence": "x",
    })  # fmt: skip
    for view in ("event_corroboration", "claim_corroboration"):
        got = con.execute(
            f"SELECT n_documents, n_publishers, n_unknown_publisher, n_agencies FROM {view}"  # noqa: S608
        ).fetchall()
        assert got == [(4, 1, 2, 2)], view
