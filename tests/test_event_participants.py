"""Event participants other than the main company (issue #17: who did what to whom): implicit
bid targets, descriptor objects that are not the subject, lists and passive subjects. All names
and sentences are invented; companies are given by hand (the fixtures' builder)."""

from __future__ import annotations

import claims_events_support as support
from claims_events_support import of_type

from newsfacts.extract.model import Event

COMPANIES = [
    {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]},
    {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]},
    {"key": "halvard bank", "surfaces": ["Halvard Bank", "Halvard"]},
    {"key": "kestrel air", "surfaces": ["Kestrel Air"]},
    {"key": "orrin mills", "surfaces": ["Orrin Mills"]},
]


def events_of(body: str) -> list[Event]:
    """The events of one invented text."""
    return support.events_of(body, COMPANIES)


def others(event: Event) -> set[str]:
    """The participants of an event other than its main company."""
    return {p.company_key for p in event.participants} - {event.company_key}


def test_a_bare_bid_takes_the_story_target() -> None:
    body = (
        "Brenmoor Foods has made a £2bn bid for Tollan Dairies. "
        "Halvard Bank is also working on a bid."
    )
    bids = [e for e in of_type(events_of(body), "acquisition") if e.company_key == "halvard bank"]
    assert [others(e) for e in bids] == [{"tollan dairies"}]


def test_no_story_target_when_two_targets_tie() -> None:
    body = (
        "Brenmoor Foods has made a bid for Tollan Dairies. "
        "Halvard Bank made an offer for Orrin Mills. "
        "Kestrel Air is also working on a bid."
    )
    bids = [e for e in of_type(events_of(body), "acquisition") if e.company_key == "kestrel air"]
    assert [others(e) for e in bids] == [set()]


def test_the_story_target_is_never_its_own_bidder() -> None:
    body = (
        "Brenmoor Foods has made a bid for Tollan Dairies. "
        "Tollan Dairies has made a bid of its own."
    )
    own = [e for e in of_type(events_of(body), "acquisition") if e.company_key == "tollan dairies"]
    assert own and all(others(e) == set() for e in own)


def test_a_descriptor_object_is_not_the_subject() -> None:
    body = "Shares in Tollan Dairies rose. Brenmoor Foods has long wanted to buy the firm."
    buys = [e for e in of_type(events_of(body), "acquisition") if e.trigger == "buy"]
    assert [(e.company_key, others(e)) for e in buys] == [("brenmoor foods", {"tollan dairies"})]


def test_the_likely_bidder_for_the_firm_is_not_the_bidder() -> None:
    body = "Shares in Tollan Dairies rose. Analysts say Halvard Bank is the likely bidder for the firm."
    bids = [e for e in of_type(events_of(body), "acquisition") if e.trigger == "bidder"]
    assert [(e.company_key, others(e)) for e in bids] == [("halvard bank", {"tollan dairies"})]


def test_a_descriptor_subject_is_not_the_named_object() -> None:
    # the descriptor linked to the wrong company, as an entity rule may do
    linked = [*COMPANIES[:1], {"key": "tollan dairies", "surfaces": ["Tollan", "The Danish firm"]}]
    body = "Brenmoor Foods raced Tollan for years. The Danish firm wanted to buy Tollan outright."
    buys = [e for e in of_type(support.events_of(body, linked), "acquisition")]
    assert [(e.company_key, others(e)) for e in buys] == [("brenmoor foods", {"tollan dairies"})]


def test_a_percentage_of_a_company_names_the_company() -> None:
    body = "Brenmoor Foods said it was buying 100% of Tollan Dairies."
    (event,) = of_type(events_of(body), "acquisition")
    assert (event.company_key, others(event)) == ("brenmoor foods", {"tollan dairies"})


def test_every_company_of_an_apposed_list_is_a_party() -> None:
    body = (
        "Brenmoor Foods is suing three companies - Tollan Dairies, its unit Orrin Mills "
        "and Halvard Bank - over the failed sale."
    )
    (event,) = of_type(events_of(body), "lawsuit")
    assert event.company_key == "brenmoor foods"
    assert others(event) == {"tollan dairies", "orrin mills", "halvard bank"}


def test_a_conjunct_of_an_apposed_name_is_a_partner() -> None:
    body = (
        "Brenmoor Foods launched the service in partnership with travel group Kestrel Air and "
        "Halvard Bank."
    )
    deals = of_type(events_of(body), "partnership")
    assert [others(e) for e in deals] == [{"kestrel air", "halvard bank"}]


def test_the_club_is_a_company_descriptor() -> None:
    linked = [
        {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods"]},
        {"key": "rovers fc", "surfaces": ["Rovers FC"]},
    ]
    body = "Shares in Rovers FC rose. Brenmoor Foods has made an offer to buy the club."
    buys = of_type(support.events_of(body, linked), "acquisition")
    assert [(e.company_key, others(e)) for e in buys] == [("brenmoor foods", {"rovers fc"})]
