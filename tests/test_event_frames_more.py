"""Event frames added for issue #17 recall, on invented sentences: rescues and funds put up
(investment), executives who take over or stand down (leadership change), the other side of talks
held ahead of a statement, and an event that is the means of avoiding another. All names are
invented; companies and people are given by hand (the fixtures' builder)."""

from __future__ import annotations

import claims_events_support as support
from claims_events_support import of_type

events_of = support.events_among_invented
roles = support.roles


def test_a_bail_out_that_saved_a_company_is_its_investment_and_happened() -> None:
    body = "Tollan Dairies avoided bankruptcy thanks to a $4.5bn bail-out in January."
    (event,) = of_type(events_of(body), "investment")
    assert event.status == "occurred"
    assert event.company_key is None  # the rescuers are not named: no agent is guessed
    assert roles(event) == [("tollan dairies", "target")]
    assert event.amount == 4.5e9


def test_avoiding_an_event_still_states_no_event() -> None:
    assert not of_type(events_of("Tollan Dairies avoided bankruptcy last year."), "bankruptcy")


def test_money_put_up_by_a_group_member_is_an_investment_in_the_firm_it_stabilises() -> None:
    body = (
        "A consortium of lenders and Halvard Bank have each put up $480m to stabilise "
        "Tollan Dairies."
    )
    (event,) = of_type(events_of(body), "investment")
    assert event.company_key == "halvard bank"
    assert ("tollan dairies", "target") in roles(event)
    assert event.amount == 4.8e8


def test_barrels_pumped_are_no_investment() -> None:
    assert not of_type(events_of("Tollan pumps around 1 million barrels a day."), "investment")


def test_bosses_standing_down_is_a_leadership_change_with_no_company_guessed() -> None:
    body = "Three top bosses stood down last month to take responsibility for the losses."
    (event,) = of_type(events_of(body), "leadership_change")
    assert event.company_key is None


def test_the_other_side_of_talks_held_ahead_of_a_statement_is_its_subject() -> None:
    body = "Ahead of talks with Tollan Dairies on Friday, Halvard Bank said it may make an offer."
    talks = [e for e in events_of(body) if e.trigger == "talks"]
    assert [e.company_key for e in talks] == ["halvard bank"]
    assert ("tollan dairies", "target") in roles(talks[0])


def test_a_result_the_company_states_with_no_owner_is_its_own() -> None:
    body = "Halvard Bank also said profit in the three months to December was 120.7m euros."
    (event,) = of_type(events_of(body), "financial_result")
    assert event.company_key == "halvard bank"
    assert event.amount == 120.7e6


def test_market_sales_a_body_reports_are_no_company_result() -> None:
    body = "Sales of downloaded songs grew tenfold in 2004, Halvard Bank reported."
    assert not of_type(events_of(body), "financial_result")
    assert not of_type(events_of("Analysts said profit was weak."), "financial_result")


def test_a_dividend_payment_raised_is_a_planned_result() -> None:
    body = "Halvard Bank said it would lift its 2004 dividend payment to 70 euro cents."
    (event,) = of_type(events_of(body), "financial_result")
    assert (event.company_key, event.status) == ("halvard bank", "planned")


def test_an_announced_product_is_a_planned_launch() -> None:
    body = "Halvard Bank has announced forthcoming film titles for its new player."
    (event,) = of_type(events_of(body), "product_launch")
    assert event.status == "planned"


def test_a_right_to_sell_and_a_willingness_to_buy_are_speculated() -> None:
    body = "Next year Tollan Dairies will gain the right to sell its cheese unit to Halvard Bank."
    (sale,) = of_type(events_of(body), "acquisition")
    assert sale.status == "speculated"
    body = "Brenmoor Foods had been willing to buy Tollan Dairies, but the founder refused."
    (buy,) = of_type(events_of(body), "acquisition")
    assert buy.status == "speculated"
