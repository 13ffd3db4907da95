"""One statement, many reports: claims and events across documents share canonical ids."""

from __future__ import annotations

from datetime import date

import pytest
from consolidate_support import rows

from newsfacts.consolidate.claims import cluster_claims, same_statement
from newsfacts.consolidate.events import cluster_events
from newsfacts.consolidate.records import ClaimReport, EventReport
from newsfacts.consolidate.shared import normalize_quote

STORY = {"d1": "st_a", "d2": "st_a", "d3": "st_b"}


def claim(
    claim_id: str, doc_id: str, content: str, stance: str = "assert", who: str = "pe_aalto"
) -> ClaimReport:
    return ClaimReport(
        claim_id,
        doc_id,
        speaker="Aalto",
        content=content,
        stance=stance,
        speaker_person_id=who,
        order=(int(doc_id[1]), 0),
    )


def test_quotes_equal_after_case_punctuation_and_quote_marks() -> None:
    assert normalize_quote("“We Want In,” he said") == normalize_quote('"we want in" he said')
    a = claim("c1", "d1", "“Brazil is our next big market.”")
    b = claim("c2", "d2", '"brazil is our next big market"')
    assert same_statement(a, b) == "exact"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            "Next year we hope we can sell there",
            "its hope is to sell there at some point next year",
            "paraphrase",
        ),
        (
            "We have always considered entering the US market",
            "We plan to start entering the market by the end of 2022",
            None,
        ),
        ("Sales rose in the quarter", "The board approved a dividend", None),
    ],
)
def test_paraphrases_share_most_content_words(
    first: str, second: str, expected: str | None
) -> None:
    assert same_statement(claim("c1", "d1", first), claim("c2", "d2", second)) == expected


def test_same_words_but_a_denial_is_not_a_corroboration() -> None:
    a, b = (
        claim("c1", "d1", "We plan to open a plant"),
        claim("c2", "d2", "We plan to open a plant", stance="deny"),
    )
    assert same_statement(a, b) is None


def test_canonical_claims_need_the_same_speaker_and_story() -> None:
    claims = [
        claim("c1", "d1", "Brazil is our next big market"),
        claim("c2", "d2", "Brazil is our next big market"),
        claim("c3", "d2", "Brazil is our next big market", who="pe_other"),  # someone else
        claim("c4", "d3", "Brazil is our next big market"),  # another story
    ]
    canon = cluster_claims(claims, STORY)
    assert canon["c1"][0] == canon["c2"][0]
    assert canon["c1"][0] not in (canon["c3"][0], canon["c4"][0])
    assert canon["c1"][1] == "anchor" and canon["c2"][1] == "exact"
    assert canon == cluster_claims(list(reversed(claims)), STORY)  # ids do not depend on row order


def event(event_id: str, doc_id: str, status: str = "planned", **kw: object) -> EventReport:
    return EventReport(
        event_id,
        doc_id,
        event_type="market_entry",
        status=status,
        company_id=kw.get("company", "co_nokia"),
        location=kw.get("location", "BR"),
        date_start=kw.get("start"),
        date_end=kw.get("end"),
        order=(int(doc_id[1]), 0),
    )


def test_events_same_type_company_place_and_compatible_dates() -> None:
    events = [
        event("e1", "d1", start=date(2022, 1, 1), end=date(2022, 12, 31)),
        event("e2", "d2", status="speculated"),  # speculation about the plan, undated
        event("e3", "d2", location="MX"),  # another country
        event("e4", "d2", status="denied"),  # a denial is a conflict, not a report
        event("e5", "d2", company="co_ericsson"),
    ]
    canon = cluster_events(events, STORY)
    assert canon["e1"][0] == canon["e2"][0]
    assert len({canon[e][0] for e in ("e1", "e3", "e4", "e5")}) == 4


def test_seeds_planned_us_entry_is_one_event_reported_by_four_documents(seeds_db) -> None:
    top = rows(
        seeds_db,
        "SELECT * FROM event_corroboration ORDER BY n_documents DESC, canonical_event_id LIMIT 1",
    )[0]
    assert (top["event_type"], top["status"], top["location"]) == ("market_entry", "planned", "US")
    assert top["n_documents"] == 4 and top["n_publishers"] + top["n_unknown_publisher"] == 4
    assert top["scope"] == "smartphones"


def test_seeds_paraphrased_statement_is_corroborated_across_documents(seeds_db) -> None:
    multi = rows(seeds_db, "SELECT * FROM claim_corroboration WHERE n_documents > 1")
    assert len(multi) >= 2
    assert all(len(c["doc_ids"]) == c["n_documents"] for c in multi)
    members = rows(seeds_db, "SELECT DISTINCT match FROM claim_clusters")
    assert {"paraphrase", "exact"} <= {m["match"] for m in members}
