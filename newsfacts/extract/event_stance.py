"""Claim stance to event status: a document's claims and events in, event statuses adjusted.

Runs after both the events and the claims components. Where a claim and an event are the same
proposition - the event's trigger lies inside the claim's content span - the event's status
follows the claim's stance (GUIDELINES section 4, a report of an event inside a claim): a denial
makes it denied ("X denied it was in talks to buy Y"), a hedge makes it speculated ("analysts
said X could cut 500 jobs"), an assertion keeps the status the event's own words give it.
"""

from __future__ import annotations

from dataclasses import replace

from newsfacts.extract.model import Claim, DocumentFacts, Event
from newsfacts.vocab import DENIED_STATUS, EventStatus, is_denial

# The status a stance gives an event it states; an assertion gives none (the event's own cues).
STANCE_STATUS: dict[str, EventStatus] = {"deny": DENIED_STATUS, "hedge": "speculated"}


def apply_claim_stances(facts: DocumentFacts) -> int:
    """Set the status of each event stated inside a denying or hedging claim; return how many
    events changed."""
    changed = 0
    for i, event in enumerate(facts.events):
        status = stated_status(event, facts.claims)
        if status is not None and status != event.status:
            facts.events[i] = replace(event, status=status)
            changed += 1
    return changed


def stated_status(event: Event, claims: list[Claim]) -> EventStatus | None:
    """The status the innermost claim holding the event's trigger gives it, if any: a denial
    outranks a hedge, and a hedged event that the text itself denies stays denied."""
    holding = [c for c in claims if _holds(c, event)]
    if not holding:
        return None
    innermost = min(holding, key=lambda c: c.content_end - c.content_start)
    if is_denial(innermost.stance) and _rejected_bid(innermost, event):
        return "planned"  # the target declining an offer: the bid stands, nobody denies it
    status = STANCE_STATUS.get(innermost.stance)
    if status == "speculated" and is_denial(event.status):
        return None
    if status == "speculated" and event.status == "planned" and _plain_speech(innermost):
        return None  # "she said the firm would cut 200 jobs": a reported plan (GUIDELINES s.4)
    return status


# Speech cues that report without hedging: under them a "would" or "will" is the speaker's plan,
# while a cognition cue ("believes", "expects") makes the reported plan a forecast.
_PLAIN_SPEECH = frozenset(
    {
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "added",
        "adds",
        "adding",
        "announced",
        "confirmed",
        "stated",
    }
)


def _plain_speech(claim: Claim) -> bool:
    """Whether a claim's cue only reports: "said", "told", "added" (not "believes")."""
    return claim.cue.lower() in _PLAIN_SPEECH


# Cues by which a target turns a bid down (GUIDELINES s.4: a rejected offer stays planned).
_REJECTIONS = ("reject", "rebuff", "spurn", "turn", "declin", "dismiss")


def _rejected_bid(claim: Claim, event: Event) -> bool:
    """ "the board rejected a takeover offer from X": a bid the target turns down."""
    bid = event.event_type == "acquisition" and (event.rule or "").startswith("events.bid")
    return bid and claim.cue.lower().startswith(_REJECTIONS)


def _holds(claim: Claim, event: Event) -> bool:
    """Whether the claim's content span holds the event's trigger."""
    return claim.content_start <= event.trigger_start and event.trigger_end <= claim.content_end
