"""Claims: a body plus its entities, dates and events in, DocumentFacts.claims out.

A claim is who said what: direct quotes with the speaker before or after, reported speech
("X told Reuters that ..."), "according to X", "X took to Weibo to ...", "..., which X denied".
Each gets a resolved speaker, a cue, the content span, a stance (assert / deny / hedge), the
outlet relaying it, the company it is about, its date and a link to the event its content states.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from newsfacts.extract.claim_patterns import CandidateClaim, find_candidates
from newsfacts.extract.event_context import (
    MEDIA_DESCRIPTOR,
    MentionIndex,
    mention_index,
    resolve_company_anaphor,
    sentence_spans,
)
from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.extract.model import Claim, DocumentFacts, Event, EventParticipant, Stance
from newsfacts.vocab import DENIED_STATUS, DENY_STANCE, is_denial

_DENY_CUES = re.compile(
    r"^(?:den(?:y|ies|ied)|dismiss(?:es|ed)?|reject(?:s|ed)?|refut\w+|rul\w+ out)"
)
_DENY_CONTENT = with_first_char_check(
    re.compile(
        r"\b(?:no\s+(?:\w+\s+)?(?:plans?|intentions?)|not\s+(?:be\s+)?planning|(?:is|are|was|were)\s+not"
        r"\s+(?:planning|going\s+to)|rul(?:e|es|ed)\s+out|dismiss(?:es|ed)?|never\s+(?:planned|intended))\b",
        re.IGNORECASE,
    )
)
_HEDGE_CONTENT = with_first_char_check(
    re.compile(
        r"\b(?:hope|hopes|hoping|could|may|might|considering|consider|aim|aims|aiming|possibly|"
        r"perhaps|potentially)\b",
        re.IGNORECASE,
    )
)
_FIRST_PERSON = with_first_char_check(
    re.compile(r"\b(?:we|our|us|we've|we're|we'll)\b", re.IGNORECASE)
)
# A trailing "to <outlet>" in reported content ("confirmed the plan to Reuters").
_TO_OUTLET = re.compile(r"\s+to\s+(?=\S+\W*$|[A-Z][\w&.'’ -]{0,40}$)")
# Cues that continue the previous statement of the same speaker ("he added").
_CONTINUATION_CUES = re.compile(r"^(?:added|adds|continued|went on)", re.IGNORECASE)


def add_claims(body: str, facts: DocumentFacts, published_date: date | None) -> None:
    """Fill facts.claims with the statements attributed in the body; link them to events."""
    spans = sentence_spans(body)
    index = mention_index(facts, spans)
    previous: Claim | None = None
    for candidate in find_candidates(body, spans, index):
        candidate = _strip_leading_date(body, _strip_outlet(body, candidate, index), index)
        claim = _to_claim(body, candidate, index)
        if previous is not None:
            claim = _continue(claim, previous, candidate)
        if claim.claim_date is None and published_date:
            claim = replace(claim, claim_date=published_date.isoformat())
        claim = _link_event(body, claim, facts, index)
        facts.claims.append(claim)
        previous = claim


def _strip_outlet(body: str, c: CandidateClaim, index: MentionIndex) -> CandidateClaim:
    """ "confirmed the plan to Reuters": the trailing "to <outlet>" is the relay, not content."""
    m = _TO_OUTLET.search(body, c.content_start, c.content_end)
    if not m:
        return c
    outlets = [o for o in index.companies_in(m.end(), c.content_end) if o.start == m.end()]
    if (
        outlets
        and index.kind(outlets[0].company_key) == "media"
        and outlets[0].end >= c.content_end - 1
    ):
        return replace(c, content_end=m.start(), via_key=outlets[0].company_key)
    return c


def _strip_leading_date(body: str, c: CandidateClaim, index: MentionIndex) -> CandidateClaim:
    """ "announced on Tuesday the first ...": a date right after the cue dates the statement."""
    if c.is_quote or c.content_start < c.cue_start:
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
            return replace(c, content_start=start) if c.content_end - start > 3 else c
    return c


def _to_claim(body: str, c: CandidateClaim, index: MentionIndex) -> Claim:
    """Resolve outlet, subject, stance and date of one candidate."""
    content = body[c.content_start : c.content_end]
    via = _reported_via(body, c, index)
    speaker_company = c.speaker.company_key
    if via and speaker_company == via and c.via_key is None:
        via = None  # the outlet is the speaker itself ("The Journal reported that ...")
    return Claim(
        start=c.start,
        end=c.end,
        speaker=c.speaker.text,
        speaker_start=c.speaker.start,
        speaker_end=c.speaker.end,
        cue=c.cue,
        content=content,
        content_start=c.content_start,
        content_end=c.content_end,
        is_quote=c.is_quote,
        stance=_stance(c.cue, content),
        speaker_person_key=c.speaker.person_key,
        speaker_company_key=speaker_company,
        reported_via_key=via,
        subject_company_key=_subject(content, c, index),
        claim_date=_claim_date(c, index),
        confidence=c.confidence,
    )


def _stance(cue: str, content: str) -> Stance:
    """deny for denials and "no plans", hedge for "hope", "could", "may", else assert."""
    if _DENY_CUES.match(cue.lower()) or _DENY_CONTENT.search(content):
        return DENY_STANCE
    if _HEDGE_CONTENT.search(content):
        return "hedge"
    return "assert"


def _reported_via(body: str, c: CandidateClaim, index: MentionIndex) -> str | None:
    """A media outlet named in the sentence outside the content ("told Reuters")."""
    if c.via_key:
        return c.via_key
    for m in index.companies_in(c.start, c.end):
        outside = m.end <= c.content_start or m.start >= c.content_end
        if outside and index.kind(m.company_key) == "media":
            return m.company_key
    for region in ((c.start, c.content_start), (c.content_end, c.end)):
        for m in MEDIA_DESCRIPTOR.finditer(body, *region):
            key = resolve_company_anaphor(m.group(), m.start(), index)
            if key:
                return key
    return None


def _subject(content: str, c: CandidateClaim, index: MentionIndex) -> str | None:
    """First non-media company named in the content, else the speaker's own company for "we"."""
    for m in index.companies_in(c.content_start, c.content_end):
        if index.kind(m.company_key) not in ("media", "government"):
            return m.company_key
    if _FIRST_PERSON.search(content):
        return c.speaker.company_key or index.affiliation(c.speaker.person_key)
    found = re.search(r"\b(?:the\s+company|the\s+firm|it)\b", content, re.IGNORECASE)
    if found:
        pos = c.content_start + found.start()
        return resolve_company_anaphor(found.group(), pos, index, c.start)
    return None


def _claim_date(c: CandidateClaim, index: MentionIndex) -> str | None:
    """The date the sentence gives for the statement, outside its content ("in March")."""
    best = None
    for t in index.timexes:
        if t.start < c.start or t.end > c.end or t.type not in ("DATE", "TIME"):
            continue
        if c.content_start <= t.start < c.content_end or not (t.value or "")[:1].isdigit():
            continue
        if best is None or abs(t.start - c.cue_start) < abs(best.start - c.cue_start):
            best = t
    return best.value if best else None


def _continue(claim: Claim, previous: Claim, c: CandidateClaim) -> Claim:
    """ "he added" / a bare follow-up quote keeps the outlet and date of the statement before."""
    same = claim.speaker_person_key and claim.speaker_person_key == previous.speaker_person_key
    # The next sentence by the same person reports the same interview ("X told Reuters ... .
    # X said that ...") unless it names its own outlet.
    adjacent = same and 0 <= claim.start - previous.end <= 3
    if not (c.continuation or adjacent or (same and _CONTINUATION_CUES.match(claim.cue))):
        return claim
    return replace(
        claim,
        reported_via_key=claim.reported_via_key or previous.reported_via_key,
        claim_date=claim.claim_date or previous.claim_date,
    )


def _link_event(body: str, claim: Claim, facts: DocumentFacts, index: MentionIndex) -> Claim:
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


__all__ = ["add_claims", "sentence_spans"]
