"""Events from the dependency parse (issue #17): one test per failure listed under Why, on
sentences the team wrote. Companies and dates are given by hand (fixtures' builder), so the
tests exercise the event rules, not the entity or timex stages. All names are invented."""

from __future__ import annotations

from datetime import date

import pytest
from claims_events_support import builder

from newsfacts.extract.event_stance import apply_claim_stances
from newsfacts.extract.events import add_events
from newsfacts.extract.model import Claim, DocumentFacts, Event

# The invented companies every sentence below may name, with their surface forms.
COMPANIES = [
    {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]},
    {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]},
    {"key": "halvard bank", "surfaces": ["Halvard Bank", "Halvard"]},
    {"key": "kestrel air", "surfaces": ["Kestrel Air"]},
    {"key": "vantor telecom", "surfaces": ["Vantor Telecom", "Vantor"]},
    {"key": "orbis ratings", "surfaces": ["Orbis Ratings"]},
    {"key": "competition board", "kind": "government", "surfaces": ["Competition Board"]},
    {"key": "ostrian treasury", "kind": "government", "surfaces": ["Ostrian Treasury"]},
]


def events_of(
    body: str, timexes: list[dict] | None = None, people: list | None = None
) -> list[Event]:
    """The events of one invented text."""
    spec = {"body": body, "companies": COMPANIES, "timexes": timexes or [], "people": people or []}
    facts = builder.build_facts(spec)
    add_events(body, facts, date(2004, 11, 1))
    return facts.events


def one(events: list[Event], event_type: str) -> Event:
    """The single event of a type."""
    hits = [e for e in events if e.event_type == event_type]
    assert len(hits) == 1, [(e.event_type, e.trigger) for e in events]
    return hits[0]


# --- status: forecasts, talks, bids, hypotheticals, reported plans ---------------------------


def test_a_forecast_is_speculated() -> None:
    e = one(
        events_of("Brenmoor Foods expects its profits to rise 30% next year."), "financial_result"
    )
    assert (e.status, e.company_key) == ("speculated", "brenmoor foods")


def test_merger_talks_are_speculated() -> None:
    e = one(events_of("Tollan Dairies is in merger talks with Halvard Bank."), "acquisition")
    assert e.status == "speculated"


def test_a_bid_made_is_planned_and_a_rejected_bid_stays_planned() -> None:
    made = one(events_of("Brenmoor Foods made a £2bn bid for Tollan Dairies."), "acquisition")
    assert (made.status, made.company_key) == ("planned", "brenmoor foods")
    assert ("tollan dairies", "target") in {(p.company_key, p.role) for p in made.participants}
    rejected = events_of("Tollan Dairies rejected a £2bn takeover offer from Brenmoor Foods.")
    bid = one(rejected, "acquisition")
    assert (bid.status, bid.company_key) == ("planned", "brenmoor foods")


@pytest.mark.parametrize(
    "sentence",
    [
        "Buying Tollan Dairies would give Brenmoor Foods a bigger share of the cheese market.",
        "A merger with Halvard Bank would be the largest deal Kestrel Air has ever done.",
    ],
)
def test_a_hypothetical_is_speculated(sentence: str) -> None:
    assert one(events_of(sentence), "acquisition").status == "speculated"


def test_a_reported_plan_is_planned_not_a_past_acquisition() -> None:
    e = one(events_of("Brenmoor Foods was to buy Tollan Dairies for £80m."), "acquisition")
    assert (e.status, e.company_key, e.amount) == ("planned", "brenmoor foods", 80e6)


def test_an_agreed_deal_is_planned_until_completed() -> None:
    agreed = one(events_of("Brenmoor Foods has agreed to buy Tollan Dairies."), "acquisition")
    done = one(events_of("Brenmoor Foods completed its purchase of Tollan Dairies."), "acquisition")
    assert (agreed.status, done.status) == ("planned", "occurred")


def test_a_denial_by_a_party_is_denied() -> None:
    e = one(events_of("Kestrel Air denied it was in talks to buy Vantor Telecom."), "acquisition")
    assert e.status == "denied"


# --- roles: passives, nominalisations, relative clauses, the agent as main company ------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tollan Dairies was acquired by Brenmoor Foods last year.",
        "Brenmoor Foods's takeover of Tollan Dairies was completed in May.",
        "The acquisition of Tollan Dairies by Brenmoor Foods was completed in May.",
        "Tollan Dairies, which Brenmoor Foods bought in May, makes cheese.",
    ],
)
def test_buyer_and_target_from_syntactic_roles(sentence: str) -> None:
    e = one(events_of(sentence), "acquisition")
    roles = {(p.company_key, p.role) for p in e.participants}
    assert e.company_key == "brenmoor foods"
    assert ("tollan dairies", "target") in roles


def test_the_main_company_is_the_agent_not_the_nearest_organisation() -> None:
    body = "Analysts at Halvard Bank said Brenmoor Foods had bought Tollan Dairies."
    assert one(events_of(body), "acquisition").company_key == "brenmoor foods"


# --- type from the predicate and its arguments ------------------------------------------------


def test_a_fine_for_breaching_takeover_rules_is_no_acquisition() -> None:
    events = events_of("The Competition Board fined Kestrel Air £3m for breaching takeover rules.")
    e = one(events, "regulatory_action")
    assert (e.company_key, e.amount, e.currency) == ("competition board", 3e6, "GBP")
    assert ("kestrel air", "target") in {(p.company_key, p.role) for p in e.participants}
    assert not [x for x in events if x.event_type == "acquisition"]


def test_selling_a_unit_is_an_acquisition_by_the_buyer() -> None:
    events = events_of("Kestrel Air sold its cargo unit to Vantor Telecom for £10.")
    e = one(events, "acquisition")
    assert (e.company_key, e.amount) == ("vantor telecom", 10.0)
    assert not [x for x in events if x.event_type == "financial_result"]


def test_a_generic_negation_is_no_event() -> None:
    assert events_of("Brenmoor Foods has not laid off a single worker since 1990.") == []


def test_an_inquiry_launched_is_an_investigation() -> None:
    events = events_of("The Competition Board launched an inquiry into Kestrel Air on Monday.")
    e = one(events, "investigation")
    assert e.company_key == "competition board"
    assert ("kestrel air", "target") in {(p.company_key, p.role) for p in e.participants}
    assert not [x for x in events if x.event_type == "product_launch"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ostria's economy grew 0.8% in the third quarter.",
        "Exports from Ostria rose 12% to $4.1bn last year.",
        "Retail sales in Ostria fell 2% in October.",
    ],
)
def test_national_statistics_are_no_company_result(sentence: str) -> None:
    assert [e for e in events_of(sentence) if e.event_type == "financial_result"] == []


def test_a_company_result_needs_the_company_as_subject() -> None:
    e = one(events_of("Brenmoor Foods reported profits of £42m for the year."), "financial_result")
    assert (e.company_key, e.amount, e.currency) == ("brenmoor foods", 42e6, "GBP")


# --- amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "amount", "currency", "written"),
    [
        ("Kestrel Air agreed to buy Vantor Telecom for A$1.2bn.", 1.2e9, "AUD", "A$"),
        ("Kestrel Air agreed to buy Vantor Telecom for HK$900m.", 9e8, "HKD", "HK$"),
        ("Kestrel Air agreed to buy Vantor Telecom for 1.2 mln dlrs.", 1.2e6, "USD", "dlrs"),
        ("Kestrel Air agreed to buy Vantor Telecom for 3.5 bln stg.", 3.5e9, "GBP", "stg"),
        (
            "Kestrel Air agreed to buy Vantor Telecom for 160,000 Canadian dlrs.",
            1.6e5,
            "CAD",
            "Canadian dlrs",
        ),
    ],
)
def test_amounts_keep_their_currency(
    sentence: str, amount: float, currency: str, written: str
) -> None:
    e = one(events_of(sentence), "acquisition")
    assert (e.amount, e.unit, e.currency, e.currency_text) == (amount, "money", currency, written)


def test_a_figure_belongs_to_the_company_it_is_predicated_of() -> None:
    body = "Brenmoor Foods's sales rose 5%, while rival Tollan Dairies's sales fell 2%."
    results = {
        e.company_key: e.amount for e in events_of(body) if e.event_type == "financial_result"
    }
    assert results.get("brenmoor foods") == 5.0
    assert results.get("tollan dairies") in (2.0, None)


def test_a_level_is_preferred_to_a_change_and_the_prior_is_kept() -> None:
    body = "Brenmoor Foods's profits rose 20% to $1.1bn from $900m a year earlier."
    e = one(events_of(body), "financial_result")
    assert (e.amount, e.currency, e.prior_amount) == (1.1e9, "USD", 9e8)


def test_layoffs_count_jobs_in_wire_style() -> None:
    e = one(events_of("Kestrel Air will cut 1,200 jobs, about 20 pct of its staff."), "layoffs")
    assert (e.status, e.amount, e.unit) == ("planned", 1200.0, "jobs")


# --- dates ------------------------------------------------------------------------------------


def test_a_date_in_the_same_sentence_is_attached() -> None:
    body = "Brenmoor Foods bought Tollan Dairies on 14 October, its third deal this year."
    timexes = [
        {"text": "14 October", "value": "2004-10-14"},
        {"text": "this year", "value": "2004"},
    ]
    e = one(events_of(body, timexes), "acquisition")
    assert (e.date_value, e.date_granularity) == ("2004-10-14", "day")


def test_a_date_of_another_clause_yields_to_the_own_clause() -> None:
    body = "In March Brenmoor Foods warned on costs, and in May it sold its dairy unit to Halvard."
    timexes = [{"text": "In March", "value": "2004-03"}, {"text": "in May", "value": "2004-05"}]
    e = one(events_of(body, timexes), "acquisition")
    assert e.date_value == "2004-05"


# --- events that were missed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event_type", "main"),
    [
        (
            "The Competition Board is investigating Kestrel Air over its fares.",
            "investigation",
            "competition board",
        ),
        (
            "Halvard Bank agreed to pay $12m to settle the lawsuit brought by Tollan Dairies.",
            "settlement",
            "halvard bank",
        ),
        (
            "Orbis Ratings downgraded Vantor Telecom to junk status on Friday.",
            "rating_change",
            "vantor telecom",
        ),
        (
            "Tollan Dairies filed for bankruptcy protection in October.",
            "bankruptcy",
            "tollan dairies",
        ),
    ],
)
def test_investigations_settlements_ratings_and_bankruptcies_are_found(
    sentence: str, event_type: str, main: str
) -> None:
    assert one(events_of(sentence), event_type).company_key == main


def test_an_executive_replacement_is_a_leadership_change() -> None:
    body = "Kestrel Air appointed Dana Whitlow as chief executive, replacing Ari Moss."
    people = [
        {"key": "dana whitlow", "surfaces": ["Dana Whitlow"]},
        {"key": "ari moss", "surfaces": ["Ari Moss"], "company": "kestrel air"},
    ]
    e = one(events_of(body, people=people), "leadership_change")
    assert e.company_key == "kestrel air"


def test_products_brought_to_a_country_are_a_market_entry() -> None:
    e = one(
        events_of("Vantor Telecom intends to bring its handsets to Brazil by early 2006."),
        "market_entry",
    )
    assert (e.status, e.company_key, e.location, e.trigger) == (
        "planned",
        "vantor telecom",
        "BR",
        "bring",
    )
    # no product, or no country: no entry
    for sentence in (
        "The deal will bring Tollan's total to 40 stores in Brazil.",
        "Tollan Dairies will bring its complaint to the Competition Board.",
    ):
        assert "market_entry" not in {e.event_type for e in events_of(sentence)}


def test_a_market_share_in_a_participle_belongs_to_the_subject_it_describes() -> None:
    # "leading the market with ..." has no subject: the company the clause describes leads,
    # in the market (Brazil) that clause names
    body = (
        "Vantor Telecom is also the top carrier in Brazil, leading the market with 31.5 "
        "percent market share."
    )
    e = one(events_of(body), "financial_result")
    assert (e.company_key, e.location, e.amount, e.unit) == (
        "vantor telecom",
        "BR",
        31.5,
        "percent",
    )


# --- claims: the stance of a claim stating the event ------------------------------------------


def _claim(body: str, content: str, stance: str) -> Claim:
    start = body.index(content)
    return Claim(
        start=0,
        end=len(body),
        speaker="Brenmoor Foods",
        speaker_start=0,
        speaker_end=14,
        cue="said",
        content=content,
        content_start=start,
        content_end=start + len(content),
        is_quote=False,
        stance=stance,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("cue", "stance", "status"),
    [
        ("said", "deny", "denied"),
        ("believes", "hedge", "speculated"),
        ("said", "assert", "planned"),
        # a plan reported by a plain speech verb stays a plan (GUIDELINES s.4: "he said the
        # firm would cut 200 jobs" is planned), whatever stance the claim's modal gave it
        ("said", "hedge", "planned"),
    ],
)
def test_an_event_inside_a_claim_takes_its_stance(cue: str, stance: str, status: str) -> None:
    body = f"Brenmoor Foods {cue} it will buy Tollan Dairies."
    facts = DocumentFacts(events=events_of(body))
    claim = _claim(body, "it will buy Tollan Dairies", stance)
    facts.claims.append(Claim(**{**claim.__dict__, "cue": cue}))
    apply_claim_stances(facts)
    assert one(facts.events, "acquisition").status == status


def test_would_reported_after_a_speech_verb_is_a_plan() -> None:
    body = "Halvard Bank said it would fund the deal by selling its stake in Tollan Dairies."
    e = one(events_of(body), "acquisition")
    assert e.status == "planned"


def test_an_event_outside_the_claim_content_keeps_its_status() -> None:
    body = "Brenmoor Foods bought Tollan Dairies, and analysts said prices could rise."
    facts = DocumentFacts(events=events_of(body))
    facts.claims.append(_claim(body, "prices could rise", "hedge"))
    apply_claim_stances(facts)
    assert one(facts.events, "acquisition").status == "occurred"


def test_a_target_rejecting_a_bid_denies_nothing() -> None:
    body = "Tollan Dairies rejected a £2bn takeover offer from Brenmoor Foods."
    facts = DocumentFacts(events=events_of(body))
    claim = _claim(body, "a £2bn takeover offer from Brenmoor Foods", "deny")
    facts.claims.append(Claim(**{**claim.__dict__, "cue": "rejected"}))
    apply_claim_stances(facts)
    assert one(facts.events, "acquisition").status == "planned"


# --- declining to comment (issue #18: such rows had become claim_conflicts) -------------------


@pytest.mark.parametrize(
    "body",
    [
        "Kestrel Air declined to comment on reports that it was in talks to buy Vantor Telecom.",
        "Kestrel Air's chairman declined to be drawn on reports that Kestrel Air had held "
        "merger talks with Vantor Telecom.",
    ],
)
def test_declining_to_comment_is_no_denial(body: str) -> None:
    """A party that declines to comment on a report does not deny it."""
    assert one(events_of(body), "acquisition").status != "denied"
