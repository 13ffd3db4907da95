"""Event frames added for issue #17 recall (third pass), on invented sentences: the firm a
transitive "bankrupt"/"liquidate" acts on; flights to a country suspended or halted (market
exit); a product launched by a bare participle after it ("X's console, released in May"); a bare
result opening a sentence after one about a single company ("Tollan posted a profit. Sales
climbed ..."); a firm ending up in a company's hands (acquisition); bidders withdrawing from an
auction, getting out of a deal or unwinding ventures (deal cancelled); a company starting to
produce a product (launch); entering a sector's fray or a company getting into the game (market
entry); an authority accusing or charging a company (regulatory action); firms sent or receiving
statements of objections (investigation); a company taking action against another (lawsuit). All
names are invented; companies are given by hand (the fixtures' builder)."""

from __future__ import annotations

import claims_events_support as support
from claims_events_support import of_type

from newsfacts.extract.model import Event

COMPANIES = [
    {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]},
    {"key": "halvard bank", "surfaces": ["Halvard Bank", "Halvard"]},
]


def events_of(body: str) -> list[Event]:
    """The events of one invented text."""
    return support.events_of(body, COMPANIES)


def test_the_object_of_bankrupt_is_the_firm_that_may_go_under() -> None:
    body = "Lenders fear the redemption requests could bankrupt Tollan Dairies."
    (event,) = of_type(events_of(body), "bankruptcy")
    assert (event.company_key, event.status) == ("tollan dairies", "speculated")


def test_a_liquidated_firm_is_bankrupt_active_or_passive() -> None:
    (passive,) = of_type(events_of("Tollan Dairies was liquidated in 2003."), "bankruptcy")
    assert (passive.company_key, passive.status) == ("tollan dairies", "occurred")
    body = "Halvard Bank said it would liquidate Tollan Dairies if the rescue failed."
    (active,) = of_type(events_of(body), "bankruptcy")
    assert active.company_key == "tollan dairies"


def test_liquidating_a_holding_or_ruining_people_is_no_bankruptcy() -> None:
    assert not of_type(events_of("Halvard Bank liquidated its stake last year."), "bankruptcy")
    assert not of_type(events_of("The losses could bankrupt local farmers."), "bankruptcy")


def test_flights_suspended_to_a_country_are_a_market_exit() -> None:
    body = "Tollan Dairies suspended flights to Norway for three weeks in 2003."
    (event,) = of_type(events_of(body), "market_exit")
    assert (event.company_key, event.location, event.status) == ("tollan dairies", "NO", "occurred")


def test_flights_to_be_halted_are_a_planned_market_exit() -> None:
    body = "Halvard Bank is to halt its flights from London to Oslo in Norway from 27 March."
    (event,) = of_type(events_of(body), "market_exit")
    assert (event.company_key, event.location, event.status) == ("halvard bank", "NO", "planned")


def test_halting_a_sale_or_suspending_a_forecast_is_no_market_exit() -> None:
    assert not of_type(events_of("Halvard Bank halted the sale of its unit."), "market_exit")
    body = "Tollan Dairies suspended its dividend in Norway."
    assert not of_type(events_of(body), "market_exit")


def test_a_participle_after_a_named_product_is_its_makers_launch() -> None:
    body = "Critics compared it with Tollan's Pocketbox, released earlier this month in the UK."
    (event,) = of_type(events_of(body), "product_launch")
    assert (event.company_key, event.rule) == ("tollan dairies", "events.launch.participle")


def test_a_participle_with_no_maker_or_of_a_founding_is_no_launch() -> None:
    body = "Critics compared it with the Pocketbox, released earlier this month."
    assert not of_type(events_of(body), "product_launch")
    body = "Analysts like Tollan Dairies, founded in 1990, and its cheese."
    assert not of_type(events_of(body), "product_launch")


def test_a_bare_result_after_a_sentence_about_one_company_is_its_result() -> None:
    body = (
        "Tollan Dairies said quarterly profit rose 10% to 52m euros. Sales climbed to 364m "
        "euros, lifting revenue for the year to a record 1.4bn euros."
    )
    results = of_type(events_of(body), "financial_result")
    assert [e.trigger for e in results] == ["profit", "Sales", "revenue"]
    assert {e.company_key for e in results} == {"tollan dairies"}


def test_a_bare_result_after_two_companies_or_none_has_no_owner() -> None:
    body = "Tollan Dairies and Halvard Bank met on Monday. Sales climbed to 364m euros."
    assert not of_type(events_of(body), "financial_result")
    body = "Car dealers are upbeat. Sales climbed to 364m euros."
    assert not of_type(events_of(body), "financial_result")
    body = "Tollan Dairies sells cheese. Sales of cheese climbed 5% across the region."
    assert not of_type(events_of(body), "financial_result")


def test_a_firm_ending_up_in_a_companys_hands_is_acquired_by_it() -> None:
    body = "Tollan Dairies will end up in the hands of Halvard Bank."
    (event,) = of_type(events_of(body), "acquisition")
    assert event.company_key == "halvard bank"
    assert ("tollan dairies", "target") in [(p.company_key, p.role) for p in event.participants]
    assert event.status == "planned"


def test_a_participle_into_a_companys_hands_is_its_acquisition() -> None:
    body = "The shell firm won the auction, before ending up in the hands of Halvard Bank."
    (event,) = of_type(events_of(body), "acquisition")
    assert (event.company_key, event.rule) == ("halvard bank", "events.hands")


def test_falling_into_the_hands_of_people_is_no_acquisition() -> None:
    body = "Tollan Dairies said the data fell into the hands of criminals."
    assert not of_type(events_of(body), "acquisition")


def test_bidders_withdrawing_from_an_auction_cancel_their_deal() -> None:
    body = "Tollan Dairies and Halvard Bank withdrew from the auction in December."
    (event,) = of_type(events_of(body), "deal_cancelled")
    assert event.company_key == "tollan dairies"
    assert event.status == "occurred"


def test_a_company_that_may_pull_out_of_the_process_speculates_a_cancellation() -> None:
    body = "The paper suggested Halvard Bank may pull out of the process and bid directly."
    (event,) = of_type(events_of(body), "deal_cancelled")
    assert (event.company_key, event.status) == ("halvard bank", "speculated")


def test_a_person_leaving_a_race_cancels_no_deal() -> None:
    assert not of_type(events_of("The senator withdrew from the race."), "deal_cancelled")


def test_starting_to_produce_a_product_is_its_launch() -> None:
    body = "Halvard Bank said it would start producing the chip in early 2005 at plants in the US."
    (event,) = of_type(events_of(body), "product_launch")
    assert (event.company_key, event.status) == ("halvard bank", "planned")
    assert not of_type(events_of(body), "market_entry")


def test_starting_to_produce_results_is_no_launch() -> None:
    body = "The reforms at Tollan Dairies have started producing results."
    assert not of_type(events_of(body), "product_launch")


def test_entering_a_sector_fray_is_a_market_entry() -> None:
    body = "Halvard Bank has entered the desktop search fray, releasing a test version of its tool."
    (event,) = of_type(events_of(body), "market_entry")
    assert (event.company_key, event.status) == ("halvard bank", "occurred")


def test_entering_the_takeover_fray_or_a_bare_fray_is_no_market_entry() -> None:
    assert not of_type(events_of("Halvard Bank has entered the takeover fray."), "market_entry")
    assert not of_type(events_of("Halvard Bank has entered the fray."), "market_entry")


def test_a_company_getting_into_the_game_enters_the_market() -> None:
    body = "Halvard Bank is planning to get into the game in January."
    (event,) = of_type(events_of(body), "market_entry")
    assert (event.company_key, event.status) == ("halvard bank", "planned")


def test_people_getting_into_a_game_or_a_place_enter_no_market() -> None:
    assert not of_type(events_of("Players can get into the game quickly."), "market_entry")
    body = "Fans will get into the stadium in Norway early."
    assert not of_type(events_of(body), "market_entry")
    body = "Tollan Dairies got into financial difficulty in 2003."
    assert not of_type(events_of(body), "market_entry")


def test_an_authority_accusing_a_company_is_a_regulatory_action() -> None:
    body = "The Commission accused Halvard Bank of using improper accounting techniques."
    (event,) = of_type(events_of(body), "regulatory_action")
    assert [(p.company_key, p.role) for p in event.participants] == [("halvard bank", "target")]


def test_a_company_accusing_another_is_no_regulatory_action() -> None:
    body = "Tollan Dairies accused Halvard Bank of misleading its customers."
    assert not of_type(events_of(body), "regulatory_action")


def test_paying_to_get_out_of_a_deal_cancels_it() -> None:
    body = "Halvard Bank is to pay Tollan Dairies 1.5bn euros to get out of a deal."
    (event,) = of_type(events_of(body), "deal_cancelled")
    assert (event.company_key, event.status) == ("halvard bank", "planned")


def test_firms_unwinding_joint_ventures_cancel_them() -> None:
    body = "Halvard Bank will unwind its joint ventures with Tollan Dairies."
    (event,) = of_type(events_of(body), "deal_cancelled")
    assert event.company_key == "halvard bank"


def test_getting_out_of_debt_cancels_no_deal() -> None:
    assert not of_type(events_of("Tollan Dairies wants to get out of debt."), "deal_cancelled")


def test_an_authority_charging_a_company_is_a_regulatory_action() -> None:
    body = "Prosecutors charged Halvard Bank with fraud in May."
    (event,) = of_type(events_of(body), "regulatory_action")
    assert [(p.company_key, p.role) for p in event.participants] == [("halvard bank", "target")]


def test_a_company_charging_customers_is_no_regulatory_action() -> None:
    body = "Halvard Bank charges customers a fee for each transfer."
    assert not of_type(events_of(body), "regulatory_action")


def test_firms_sent_statements_of_objections_are_the_targets_of_a_probe() -> None:
    body = "Halvard Bank and Tollan Dairies were sent statements of objections by the Commission."
    (event,) = of_type(events_of(body), "investigation")
    targets = {p.company_key for p in event.participants if p.role == "target"}
    assert targets == {"halvard bank", "tollan dairies"}


def test_a_firm_receiving_a_statement_of_objections_is_investigated() -> None:
    body = "Halvard Bank received a statement of objections in May."
    (event,) = of_type(events_of(body), "investigation")
    assert [(p.company_key, p.role) for p in event.participants] == [("halvard bank", "target")]


def test_taking_action_against_a_company_is_a_planned_lawsuit() -> None:
    body = (
        "Tollan Dairies said it intends to take action against Halvard Bank to recover its debts."
    )
    (event,) = of_type(events_of(body), "lawsuit")
    assert (event.company_key, event.status) == ("tollan dairies", "planned")
    assert ("halvard bank", "target") in [(p.company_key, p.role) for p in event.participants]


def test_action_by_a_regulator_or_against_costs_is_no_lawsuit() -> None:
    assert not of_type(events_of("The regulator took action against Halvard Bank."), "lawsuit")
    body = "Tollan Dairies took action against rising costs."
    assert not of_type(events_of(body), "lawsuit")
