"""Event precision on invented sentences (issue #17): readings that name no event are dropped (a
time anchor, a counterfactual, a share of a figure, a measure of governments alone, a plan ruled
out, an opinion dismissed, a debt paid, units counted for a future offer) while the events
beside them stay. All names are invented; companies are given by hand (the fixtures' builder)."""

from __future__ import annotations

from datetime import date

from claims_events_support import builder

from newsfacts.extract.events import add_events
from newsfacts.extract.model import Event

COMPANIES = [
    {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]},
    {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]},
    {"key": "halvard bank", "surfaces": ["Halvard Bank", "Halvard"]},
    {"key": "ostria", "surfaces": ["Ostria"], "kind": "government"},
]


def events_of(body: str) -> list[Event]:
    """The events of one invented text."""
    spec = {"body": body, "companies": COMPANIES, "timexes": [], "people": []}
    facts = builder.build_facts(spec)
    add_events(body, facts, date(2004, 11, 1))
    return facts.events


def types_of(body: str) -> list[tuple[str, str]]:
    """(type, trigger) of every event of one invented text."""
    return [(e.event_type, e.trigger) for e in events_of(body)]


def test_a_launch_that_only_dates_a_result_is_no_launch() -> None:
    found = types_of("Brenmoor Foods has sold 6 million tubs of the spread since its launch.")
    assert ("financial_result", "sold") in found
    assert not [t for t in found if t[0] == "product_launch"]


def test_a_past_counterfactual_is_no_event() -> None:
    body = "Halvard Bank said Tollan Dairies' collapse would have hurt thousands of farmers."
    assert not [t for t in types_of(body) if t[0] == "bankruptcy"]


def test_the_whole_a_share_is_taken_of_is_no_result() -> None:
    body = (
        "Tollan Dairies, which makes more than 70% of its revenues in Ostria, employs 900 people."
    )
    assert not [t for t in types_of(body) if t[1] == "revenues"]


def test_a_government_ousting_its_leader_is_no_leadership_change() -> None:
    body = "Ostria recently ousted its long-serving president and wants closer trade links."
    assert not [t for t in types_of(body) if t[0] == "leadership_change"]


def test_ruling_out_a_policy_is_no_regulatory_action() -> None:
    body = "The government has ruled out raising the state pension age, it said on Monday."
    assert not [t for t in types_of(body) if t[0] == "regulatory_action"]


def test_an_authority_dismissing_an_opinion_decides_nothing_but_dismissing_a_case_does() -> None:
    assert not types_of("Police dismissed its influence on the crime, the report said.")
    body = "A judge has dismissed an attempt by Tollan Dairies to gain bankruptcy protection."
    (event,) = [e for e in events_of(body) if e.trigger == "dismissed"]
    assert event.event_type == "regulatory_action"
    assert [p.company_key for p in event.participants] == ["tollan dairies"]


def test_rejecting_a_law_is_still_a_regulatory_action() -> None:
    body = "The parliament of Ostria rejected the adoption of the banking law twice."
    assert ("regulatory_action", "rejected") in types_of(body)


def test_a_debt_paid_is_no_settlement_and_its_figure_is_not_the_price() -> None:
    body = "The Yarrow unit of Tollan Dairies was sold to pay off a $2.5bn back tax bill."
    events = events_of(body)
    assert not [e for e in events if e.event_type in ("settlement", "regulatory_action")]
    (sale,) = [e for e in events if e.event_type == "acquisition"]
    assert sale.amount is None
    body = "Tollan was sold in May to settle back taxes."
    assert not [t for t in types_of(body) if t[0] == "settlement"]


def test_a_lawsuit_settled_is_still_a_settlement() -> None:
    body = "Tollan Dairies agreed to settle the lawsuit with Halvard Bank."
    assert ("settlement", "settle") in types_of(body)


def test_looking_into_the_future_is_no_investigation() -> None:
    body = "Looking into Brenmoor's future, the spread is only the start. Regulators are looking into Tollan Dairies."
    events = [e for e in events_of(body) if e.event_type == "investigation"]
    assert [[p.company_key for p in e.participants] for e in events] == [["tollan dairies"]]


def test_private_people_investing_or_selling_is_no_company_event() -> None:
    assert not types_of("Relatives could invest their gifts in a deposit account at Halvard Bank.")
    assert not types_of("You need the big vision to sell it, he said of Tollan Dairies.")
    found = types_of("Halvard Bank invested $5m in Tollan Dairies.")
    assert found == [("investment", "invested")]


def test_any_offer_without_party_or_figure_is_no_particular_bid() -> None:
    assert not types_of("The board of Tollan Dairies will consider any offer proposal.")
    body = "Tollan Dairies will oppose any formal $800m takeover bid."
    assert [t for t in types_of(body) if t[0] == "acquisition"]


def test_talks_for_another_purpose_are_no_takeover_talks() -> None:
    body = "Tollan Dairies left the door open for talks to find out whether a new plan would help."
    assert not types_of(body)
    body = "Tollan Dairies held talks with Brenmoor Foods over a possible takeover."
    assert ("acquisition", "talks") in types_of(body)


def test_a_failed_or_withdrawn_deal_is_a_cancelled_deal() -> None:
    body = "Brenmoor Foods and Tollan Dairies tried and failed to seal a merger in 2000."
    (event,) = events_of(body)
    assert (event.event_type, event.status) == ("deal_cancelled", "occurred")
    body = "Speculation grew after an attempted merger with Brenmoor Foods failed in 2000."
    assert [e.event_type for e in events_of(body)] == ["deal_cancelled"]
    body = "Halvard Bank has cut off talks with Brenmoor Foods over the proposed sale of its stake."
    assert "deal_cancelled" in [e.event_type for e in events_of(body)]


def test_a_deal_that_fails_only_in_a_condition_is_not_cancelled() -> None:
    body = "Lenders will act if Halvard Bank fails to back a bail-out of Tollan Dairies."
    assert "deal_cancelled" not in [e.event_type for e in events_of(body)]


def test_a_launch_dated_in_its_own_phrase_is_kept() -> None:
    body = "Brenmoor Foods has sold 6 million tubs since its launch in 2003."
    assert "product_launch" in [e.event_type for e in events_of(body)]


def test_units_counted_for_a_future_offer_are_no_result_but_units_sold_are() -> None:
    body = "Brenmoor Foods said the first million tubs sold will come with a free spoon."
    assert not [t for t in types_of(body) if t[0] == "financial_result"]
    sold = "Brenmoor Foods said the first 500 tubs sold in Spain last week came with a spoon."
    assert ("financial_result", "sold") in types_of(sold)
