"""Event main companies and precision on invented sentences (issue #17, part II): anaphors
resolve to the salient company, appositions carry their company into relative clauses. All names
are invented; companies are given by hand (the fixtures' builder)."""

from __future__ import annotations

import claims_events_support as support
from claims_events_support import of_type

from newsfacts.extract.model import Event

COMPANIES = [
    {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]},
    {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]},
    {"key": "halvard bank", "surfaces": ["Halvard Bank", "Halvard"]},
    {"key": "kestrel air", "surfaces": ["Kestrel Air"]},
]


def events_of(body: str) -> list[Event]:
    """The events of one invented text."""
    return support.events_of(body, COMPANIES)


def test_a_sentence_initial_pronoun_is_the_previous_subject_not_the_last_name() -> None:
    body = (
        "Brenmoor Foods is consolidating its interest in Tollan Dairies. "
        "Subject to approval, it will buy the shares in Tollan it does not already own."
    )
    (event,) = [e for e in events_of(body) if e.trigger == "buy"]
    assert event.company_key == "brenmoor foods"


def test_a_pronoun_under_a_company_subject_is_that_company() -> None:
    body = "Halvard Bank told Kestrel Air on Monday that it would cut 300 jobs."
    events = of_type(events_of(body), "layoffs")
    assert [e.company_key for e in events] == ["halvard bank"]


def test_an_apposition_carries_its_company_into_a_relative_clause() -> None:
    body = (
        "Brenmoor Foods, the cheese maker that is trying to buy Tollan Dairies, cut its dividend."
    )
    buys = of_type(events_of(body), "acquisition")
    assert [e.company_key for e in buys] == ["brenmoor foods"]


def test_a_dummy_it_is_no_company() -> None:
    body = (
        "Tollan Dairies reported higher sales. "
        "Small cheese makers have found it hard to invest in new equipment."
    )
    assert of_type(events_of(body), "investment") == []


def test_a_passive_sale_of_things_in_general_is_no_deal() -> None:
    body = (
        "Halvard Bank sells savings bonds. Bonds are sold in multiples of £10. "
        "Many privatised firms were sold to allies of the old regime."
    )
    assert of_type(events_of(body), "acquisition") == []


def test_a_passive_sale_of_one_named_thing_stays_a_deal() -> None:
    body = "Its dairy plant was sold to Brenmoor Foods for £80m."
    (event,) = of_type(events_of(body), "acquisition")
    assert event.company_key == "brenmoor foods"


def test_a_fronted_name_set_off_by_commas_is_the_subject() -> None:
    body = "Tollan Dairies, meanwhile, has agreed to merge with Halvard Bank."
    (event,) = of_type(events_of(body), "acquisition")
    assert event.company_key == "tollan dairies"


def test_a_gerund_subject_clause_is_the_speakers_act() -> None:
    body = "Brenmoor Foods said acquiring Tollan Dairies fulfilled a long-held goal."
    (event,) = of_type(events_of(body), "acquisition")
    assert event.company_key == "brenmoor foods"


def test_an_emphatic_itself_and_the_sum_paid_to_buy() -> None:
    body = (
        "Brenmoor Foods employs 9,000 people and has itself been active in the industry, "
        "paying £328m to buy rival Tollan Dairies last August."
    )
    (event,) = of_type(events_of(body), "acquisition")
    assert (event.company_key, event.amount, event.currency) == ("brenmoor foods", 328e6, "GBP")


def test_a_bidders_its_is_never_the_bid_target() -> None:
    body = (
        "Brenmoor Foods made a £2bn bid for Tollan Dairies. "
        "Tollan Dairies rejected the offer on Monday. "
        "Analysts said the group may raise its bid to £2.5bn."
    )
    raised = [e for e in of_type(events_of(body), "acquisition") if e.amount == 2.5e9]
    assert [e.company_key for e in raised] == ["brenmoor foods"]


def test_a_bidders_its_with_only_the_target_near_names_no_company() -> None:
    body = "Shares in Tollan Dairies rose. Tollan Dairies rejected a bid. Its offer was raised."
    offers = [e for e in of_type(events_of(body), "acquisition") if e.trigger == "offer"]
    assert all(e.company_key != "tollan dairies" for e in offers)
