"""The invented claims-and-events fixtures' builder (tests/fixtures/claims_events/builder.py),
loaded once for every test module that builds DocumentFacts by hand."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from newsfacts.extract.claims import add_claims
from newsfacts.extract.events import add_events

FIXTURES = Path(__file__).parent / "fixtures" / "claims_events"
_spec = importlib.util.spec_from_file_location("claims_events_builder", FIXTURES / "builder.py")
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)  # type: ignore[union-attr]


def events_of(body: str, companies: list[dict], timexes: list | None = None) -> list:
    """The events of one invented text, its companies given by hand."""
    facts = builder.build_facts(
        {"body": body, "companies": companies, "timexes": timexes or [], "people": []}
    )
    add_events(body, facts, date(2004, 11, 1))
    return facts.events


def of_type(events: list, event_type: str) -> list:
    """The events of one type."""
    return [e for e in events if e.event_type == event_type]


def claims_of(body: str, companies: list[dict], people: list[dict] = ()) -> list:
    """The claims of one invented text, its companies and people given by hand."""
    facts = builder.build_facts({"body": body, "companies": companies, "people": list(people)})
    add_claims(body, facts, None)
    return facts.claims


# The invented companies most event tests share.
INVENTED_COMPANIES = [
    {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]},
    {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]},
    {"key": "halvard bank", "surfaces": ["Halvard Bank", "Halvard"]},
]


def events_among_invented(body: str) -> list:
    """The events of one invented text naming INVENTED_COMPANIES."""
    return events_of(body, INVENTED_COMPANIES)


def roles(event: object) -> list[tuple[str, str]]:
    """(company, role) of an event's participants."""
    return [(p.company_key, p.role) for p in event.participants]


def the_claim(claims: list, cue: str) -> object:
    """The one claim with a given cue (the test fails, listing the claims, if not exactly one)."""
    hits = [c for c in claims if c.cue == cue]
    assert len(hits) == 1, [(c.cue, c.speaker, c.content) for c in claims]
    return hits[0]
