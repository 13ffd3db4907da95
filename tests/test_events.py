"""Typed events: triggers, status, participants, location, date and figures on invented texts."""

from __future__ import annotations

import json
from datetime import date

import pytest
from claims_events_support import FIXTURES, builder

from newsfacts.extract.event_figures import find_figures
from newsfacts.extract.event_places import find_places
from newsfacts.extract.event_triggers import find_triggers
from newsfacts.extract.events import EVENT_TYPES, add_events
from newsfacts.extract.model import DocumentFacts, Event


def load_fixture(name: str) -> tuple[str, DocumentFacts, date | None]:
    """Body, hand-built facts and publication date of one fixture."""
    spec = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    published = date.fromisoformat(spec["published"]) if spec.get("published") else None
    return spec["body"], builder.build_facts(spec), published


@pytest.fixture(scope="module")
def handset_events() -> tuple[str, list[Event]]:
    body, facts, published = load_fixture("handset_maker.json")
    add_events(body, facts, published)
    return body, facts.events


def find(events: list[Event], event_type: str, trigger: str) -> Event:
    """The one event of a type whose trigger contains a word."""
    hits = [e for e in events if e.event_type == event_type and trigger in e.trigger]
    assert hits, f"no {event_type} event with trigger {trigger!r}: {[e.trigger for e in events]}"
    return hits[0]


def test_planned_market_entry_with_country_and_date(handset_events) -> None:
    _, events = handset_events
    e = find(events, "market_entry", "enter")
    assert (e.status, e.company_key, e.location) == ("planned", "norvale", "BR")
    assert (e.date_value, e.date_start, e.date_end, e.date_granularity) == (
        "2022",
        "2022-01-01",
        "2022-12-31",
        "year",
    )


def test_regulatory_action_has_the_regulator_as_agent_a_target_and_a_month(handset_events) -> None:
    # GUIDELINES s.4: the main company is the agent, for a regulatory action the authority
    # that acts; its amount is a fine, so a ban's duration is no amount.
    _, events = handset_events
    e = find(events, "regulatory_action", "banned")
    roles = {(p.company_key, p.role) for p in e.participants}
    assert ("ministry of trade", "agent") in roles and ("kestrel systems", "target") in roles
    assert e.company_key == "ministry of trade"
    assert e.date_value == "2021-04"  # the duration "five years" is not the date
    assert (e.amount, e.unit) == (None, None)


def test_deal_cancelled_between_two_partners(handset_events) -> None:
    _, events = handset_events
    e = find(events, "deal_cancelled", "collapsed")
    assert {p.company_key for p in e.participants} == {"kestrel systems", "vantor telecom"}
    assert (e.status, e.date_value, e.date_granularity) == ("occurred", "2021-02", "month")


def test_entry_and_tie_up_in_one_sentence_take_their_own_dates(handset_events) -> None:
    _, events = handset_events
    entry = find(events, "market_entry", "kicked off")
    assert (entry.location, entry.date_value, entry.company_key) == ("ES", "2020", "norvale")
    tie = find(events, "partnership", "tied up")
    assert tie.date_value == "2021-03"
    assert ("bellmont", "partner") in {(p.company_key, p.role) for p in tie.participants}


def test_planned_ipo_with_money_and_unresolved_date(handset_events) -> None:
    _, events = handset_events
    e = find(events, "ipo", "initial public offering")
    assert (e.status, e.company_key) == ("planned", "norvale")
    assert (e.amount, e.unit, e.currency, e.currency_text) == (40e9, "money", "USD", "$")
    assert e.date_value is None and e.date_start is None


def test_financial_results_with_figures_and_place(handset_events) -> None:
    _, events = handset_events
    rank = find(events, "financial_result", "third largest")
    assert (rank.amount, rank.unit, rank.date_value) == (80.0, "percent", "2021-Q1")
    share = find(events, "financial_result", "market share")
    assert (share.amount, share.unit, share.location) == (21.5, "percent", "MX")
    sold = find(events, "financial_result", "sold")
    assert (sold.amount, sold.unit, sold.date_value) == (45.0, "units", "2020-12")


def test_denied_and_speculated_status(handset_events) -> None:
    _, events = handset_events
    foray = find(events, "market_entry", "foray")
    assert (foray.status, foray.location) == ("denied", "CA")
    collab = find(events, "partnership", "collaboration")
    assert collab.status == "speculated"  # denied only once the claim stage links Rudd's denial


def test_offsets_point_into_the_body(handset_events) -> None:
    body, events = handset_events
    for e in events:
        assert body[e.trigger_start : e.trigger_end] == e.trigger
        assert e.start <= e.trigger_start < e.trigger_end <= e.end
        assert e.event_type in EVENT_TYPES
        if e.date_start:
            assert e.date_start <= e.date_end


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The firm entered into an agreement with its landlord.", []),
        ("Should you buy it?", []),
        ("It is one of the largest phone makers in Asia.", []),
        ("The app introduced 'uncertainty' into the process.", []),
        ("Acme will lay off 300 workers.", ["layoffs"]),
        ("Acme sued Brightline over patents.", ["lawsuit"]),
        ("The board appointed Jo Lee as chief executive.", ["leadership_change"]),
        ("Acme agreed to acquire Brightline for $2 billion.", ["acquisition"]),
        ("Acme unveiled a new tablet on Tuesday.", ["product_launch"]),
        ("Acme launched its phones in Portugal.", ["market_entry"]),
        ("Acme will withdraw from the Russian market.", ["market_exit"]),
        ("Acme raised $50 million in a funding round.", ["investment"]),
    ],
)
def test_trigger_rules(sentence: str, expected: list[str]) -> None:
    assert sorted({t for t, _, _ in find_triggers(sentence)}) == expected


def test_places_and_figures() -> None:
    text = "sales in the U.S., stateside, the American market, India, the UK and Europe"
    assert [c for _, _, c in find_places(text)] == ["US", "US", "US", "IN", "GB", "Europe"]
    figs = find_figures("$1.5 billion, 12 percent, 30.3% share, 10,000 units and 2 million phones")
    assert [(f.amount, f.unit) for f in figs] == [
        (1.5e9, "USD"),
        (12.0, "percent"),
        (30.3, "percent"),
        (10000.0, "units"),
        (2e6, "phones"),
    ]


def test_deal_parties_from_between_with_a_descriptor_and_clause_bound_partners() -> None:
    body = (
        "In May, Korvix said it would sell its router through Dalen Telecom. But the deal "
        "between the Nordic company and Dalen Telecom collapsed in June and in July, Brightmart "
        "stopped selling Korvix devices."
    )
    spec = {
        "body": body,
        "companies": [
            {"key": "korvix", "surfaces": ["Korvix"]},
            {"key": "dalen telecom", "surfaces": ["Dalen Telecom"]},
            {"key": "brightmart", "surfaces": ["Brightmart"]},
        ],
        "timexes": [{"text": "June", "value": "2019-06"}],
    }
    facts = builder.build_facts(spec)
    add_events(body, facts, None)
    deal = find(facts.events, "deal_cancelled", "collapsed")
    assert {p.company_key for p in deal.participants} == {"korvix", "dalen telecom"}
    assert deal.date_value == "2019-06"


def test_possessive_date_qualifies_a_noun_and_topic_triggers_are_speculated() -> None:
    body = (
        "Yesterday, at this year's trade fair, Korvix unveiled a new router. "
        "Korvix clarified its stance on entering the Brazilian market."
    )
    spec = {
        "body": body,
        "companies": [{"key": "korvix", "surfaces": ["Korvix"]}],
        "timexes": [
            {"text": "Yesterday", "value": "2019-03-04"},
            {"text": "this year", "value": "2019"},
        ],
    }
    facts = builder.build_facts(spec)
    add_events(body, facts, date(2019, 3, 5))
    assert find(facts.events, "product_launch", "unveiled").date_value == "2019-03-04"
    assert find(facts.events, "market_entry", "entering").status == "speculated"
