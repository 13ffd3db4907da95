"""Claims: speakers, cues, content, stance, outlet, subject, date and event links."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from newsfacts.extract.claims import add_claims
from newsfacts.extract.events import add_events
from newsfacts.extract.model import Claim, DocumentFacts

FIXTURES = Path(__file__).parent / "fixtures" / "claims_events"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_spec = importlib.util.spec_from_file_location("claims_events_builder", FIXTURES / "builder.py")
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def handset() -> tuple[str, DocumentFacts]:
    spec = json.loads((FIXTURES / "handset_maker.json").read_text(encoding="utf-8"))
    body, facts = spec["body"], builder.build_facts(spec)
    published = date.fromisoformat(spec["published"])
    add_events(body, facts, published)
    add_claims(body, facts, published)
    return body, facts


def claim_with(facts: DocumentFacts, words: str) -> Claim:
    """The claim whose content contains some words."""
    hits = [c for c in facts.claims if words in c.content]
    assert hits, f"no claim with {words!r}: {[c.content for c in facts.claims]}"
    return hits[0]


def test_media_report_citing_an_executive(handset) -> None:
    _, facts = handset
    c = claim_with(facts, "plans to enter the Brazilian market")
    assert (c.speaker_person_key, c.reported_via_key) == ("ana pereira", "daily courier")
    assert (c.stance, c.is_quote, c.subject_company_key) == ("assert", False, "norvale")
    assert c.claim_date == "2021-05-10"
    event = facts.events[c.event_index]
    assert (event.event_type, event.status, event.location) == ("market_entry", "planned", "BR")


def test_quote_with_speaker_after_and_bare_follow_up_quote(handset) -> None:
    _, facts = handset
    first = claim_with(facts, "always been considering")
    assert (first.speaker, first.cue, first.is_quote) == (
        "Norvale Chairman Tomas Lindqvist",
        "says",
        True,
    )
    assert first.speaker_person_key == "tomas lindqvist" and first.stance == "hedge"
    follow = claim_with(facts, "We plan to start selling there")
    assert follow.speaker_person_key == "tomas lindqvist" and follow.stance == "assert"


def test_reported_speech_and_descriptor_speaker_to_an_outlet(handset) -> None:
    _, facts = handset
    told = claim_with(facts, "the market was very attractive")
    assert (told.speaker_person_key, told.cue, told.reported_via_key) == (
        "kira adams",
        "told",
        "daily courier",
    )
    hope = claim_with(facts, "we hope we can do something")
    assert (hope.speaker, hope.speaker_person_key, hope.stance) == (
        "the executive",
        "kira adams",
        "hedge",
    )
    assert hope.reported_via_key == "daily courier" and hope.subject_company_key == "norvale"


def test_according_to_and_reported_by_sources(handset) -> None:
    _, facts = handset
    rank = claim_with(facts, "third largest handset vendor")
    assert (rank.speaker, rank.speaker_company_key, rank.cue) == (
        "Halden Metrics",
        "halden metrics",
        "according to",
    )
    assert facts.events[rank.event_index].event_type == "financial_result"
    share = claim_with(facts, "21.5 percent market share")
    assert (share.speaker_company_key, share.cue) == ("orbis data", "reported by")
    assert share.subject_company_key == "norvale"


def test_denials_deny_and_mark_the_event_denied(handset) -> None:
    _, facts = handset
    ford_like = claim_with(facts, "potential collaboration between Rudd Motors and Norvale")
    assert (ford_like.speaker_company_key, ford_like.cue, ford_like.stance) == (
        "rudd motors",
        "denied",
        "deny",
    )
    assert facts.events[ford_like.event_index].status == "denied"
    weibo_like = claim_with(facts, "not planning a foray into Canada")
    assert weibo_like.cue == "took to Twitter" and weibo_like.stance == "deny"
    assert weibo_like.speaker_person_key == "ana pereira"


def test_claim_offsets_point_into_the_body(handset) -> None:
    body, facts = handset
    assert len(facts.claims) >= 7
    for c in facts.claims:
        assert body[c.content_start : c.content_end] == c.content
        assert body[c.speaker_start : c.speaker_end] == c.speaker
        assert c.stance in ("assert", "deny", "hedge")
        assert c.event_index is None or 0 <= c.event_index < len(facts.events)


def test_statement_date_from_the_sentence_and_continuation() -> None:
    body = (
        '"We are considering new plants," Mara Velt was quoted in a Ledger report in March. '
        '"We plan to open the first one by 2023," she added.'
    )
    spec = {
        "body": body,
        "companies": [{"key": "ledger", "kind": "media", "surfaces": ["Ledger"]}],
        "people": [{"key": "mara velt", "surfaces": ["Mara Velt"]}],
        "timexes": [{"text": "in March", "value": "2022-03"}, {"text": "2023", "value": "2023"}],
    }
    facts = builder.build_facts(spec)
    add_events(body, facts, date(2022, 6, 1))
    add_claims(body, facts, date(2022, 6, 1))
    first, second = facts.claims
    assert (first.claim_date, first.reported_via_key) == ("2022-03", "ledger")
    assert (second.speaker_person_key, second.claim_date, second.reported_via_key) == (
        "mara velt",
        "2022-03",
        "ledger",
    )


def test_no_claims_without_attribution() -> None:
    body = 'Acme opened a store. Shoppers queued for hours. The "special" offer ends today.'
    facts = DocumentFacts()
    add_events(body, facts, None)
    add_claims(body, facts, None)
    assert facts.claims == []


def _seed_facts(prefix: str, published: date | None) -> DocumentFacts:
    """Whole extraction of one seed article after boilerplate cleaning."""
    from newsfacts.boilerplate import clean_plain_text
    from newsfacts.extract import extract

    path = next((SHARED_DATA / "seeds").glob(f"{prefix}_*.txt"))
    return extract(clean_plain_text(path.read_text(encoding="utf-8")).body, published)


@pytest.mark.skipif(not (SHARED_DATA / "seeds").is_dir(), reason="../shared/data absent")
def test_seed_acceptance_claims_and_events() -> None:
    dated = _seed_facts("002", date(2018, 7, 4))
    plan = [c for c in dated.claims if c.speaker_person_key == "lei jun" and c.stance == "assert"]
    assert plan and plan[0].reported_via_key == "wall street journal"
    event = dated.events[plan[0].event_index]
    assert (event.event_type, event.status, event.company_key, event.location) == (
        "market_entry",
        "planned",
        "xiaomi",
        "US",
    )
    hedges = [
        c for c in dated.claims if c.speaker_person_key == "wang xiang" and c.stance == "hedge"
    ]
    assert hedges and hedges[0].reported_via_key == "reuters"
    by_type = {(e.event_type, e.location, e.date_value) for e in dated.events}
    assert {("market_entry", "ES", "2017"), ("regulatory_action", "US", "2018-04")} <= by_type
    assert ("deal_cancelled", None, "2018-01") in by_type
    undated = _seed_facts("004", None)
    denials = {
        c.speaker_company_key or c.speaker_person_key for c in undated.claims if c.stance == "deny"
    }
    assert {"lei jun", "ford motor"} <= denials
