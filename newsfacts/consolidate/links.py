"""Claims stating events: which canonical event a canonical claim states or is about, and
the companies and dates of claims and events."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from newsfacts.consolidate.records import ClaimReport, EventReport
from newsfacts.consolidate.shared import group_by, normalize_quote
from newsfacts.consolidate.thresholds import STATUS_GROUP
from newsfacts.vocab import is_denial

# Words marking a statement about the future (an intention, a plan, a hope): such a statement,
# when it states no event itself, is matched to a planned event. Written by the team.
INTENT_WORDS = frozenset(
    [
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intention",
        "intentions",
        "hope",
        "hopes",
        "hoping",
        "aim",
        "aims",
        "expect",
        "expects",
        "want",
        "wants",
        "will",
        "next",
        "target",
        "targets",
        "goal",
    ]
)


def claim_tense_group(content: str) -> str:
    """'planned' for statements of intent ("we hope to sell there next year"), else 'occurred'."""
    return "planned" if INTENT_WORDS & set(normalize_quote(content).split()) else "occurred"


@dataclass(frozen=True)
class CanonicalEvent:
    """What matching a statement to an event needs about one canonical event."""

    canonical_event_id: str
    story_id: str | None
    company_id: str | None
    locations: frozenset[str]
    group: str  # STATUS_GROUP of its reports
    n_documents: int


def canonical_event_index(
    events: list[EventReport], canon: dict[str, tuple[str, str]], story_of: dict[str, str]
) -> list[CanonicalEvent]:
    """One summary per canonical event from its member reports."""
    members = group_by(events, lambda e: canon[e.event_id][0])
    return [
        CanonicalEvent(
            cid,
            story_of.get(ms[0].doc_id),
            ms[0].company_id,
            frozenset(m.location for m in ms if m.location),
            STATUS_GROUP[ms[0].status],
            len({m.doc_id for m in ms}),
        )
        for cid, ms in sorted(members.items())
    ]


def inferred_event(
    claim: ClaimReport, story_id: str | None, index: dict[tuple, list[CanonicalEvent]]
) -> str | None:
    """The story's best-reported event a statement without its own event is about, if any.

    A statement about a company's intentions for a place ('it intends to "do something" in
    Brazil next year') that names no event itself reports the story's planned event of that
    company in that place; several candidates: the one most documents report.
    `index` maps (story_id, company_id) to that company's canonical events in the story.
    """
    from newsfacts.extract.event_places import find_places

    if is_denial(claim.stance) or story_id is None:
        return None
    candidates = [e for c in claim_companies(claim) for e in index.get((story_id, c), ())]
    if not candidates:
        return None
    places = {code for _, _, code in find_places(claim.content)}
    group = claim_tense_group(claim.content)
    found = [e for e in candidates if e.group == group and e.locations & places]
    best = min(found, key=lambda e: (-e.n_documents, e.canonical_event_id), default=None)
    return best.canonical_event_id if best else None


def claim_event_links(
    claims: list[ClaimReport],
    claim_canon: dict[str, tuple[str, str]],
    event_canon: dict[str, tuple[str, str]],
    events: list[CanonicalEvent],
    story_of: dict[str, str],
) -> dict[str, tuple[str, str]]:
    """canonical_claim_id -> (canonical_event_id, 'stated' | 'inferred') for statements of events."""
    index = group_by(events, lambda e: (e.story_id, e.company_id))
    stated: dict[str, Counter] = defaultdict(Counter)
    inferred: dict[str, Counter] = defaultdict(Counter)
    for c in claims:
        cid = claim_canon[c.claim_id][0]
        if c.event_id in event_canon:
            stated[cid][event_canon[c.event_id][0]] += 1
        elif found := inferred_event(c, story_of.get(c.doc_id), index):
            inferred[cid][found] += 1
    links = {}
    for cid in {v[0] for v in claim_canon.values()}:
        for how, counts in (("stated", stated[cid]), ("inferred", inferred[cid])):
            if counts:
                links[cid] = (min(counts, key=lambda e: (-counts[e], e)), how)
                break
    return links


def speaker_company(claim: ClaimReport) -> str | None:
    """The organisation that speaks: the speaker itself when an organisation, else the
    speaker's employer."""
    return claim.speaker_company_id or claim.speaker_affiliation


def claim_companies(claim: ClaimReport) -> list[str]:
    """Companies a statement is about: its subject and the speaker's employer.

    The speaking organisation counts only when the statement names no subject ("Ford denied
    the talks"): a research firm or newspaper quoted about a company is not what it is about.
    """
    found = [claim.subject_company_id, claim.speaker_affiliation]
    if not claim.subject_company_id:
        found.append(claim.speaker_company_id)
    return list(dict.fromkeys(c for c in found if c))


def event_companies(event: EventReport, stating: list[ClaimReport]) -> list[str]:
    """Companies an event is about: its main participant, and the employers of those stating it.

    An executive announcing or denying a plan speaks for the company whose plan it is, even when
    the sentence names that company only as "the company's EV arm".
    """
    employers = [c.speaker_affiliation for c in stating]
    return list(dict.fromkeys(c for c in [event.company_id, *employers] if c))


def seen_date(timex_value: str | None, published: date | None) -> date | None:
    """When a statement was made: first day of its TIMEX3 date, else the publication date."""
    from newsfacts.extract.timex_calendar import timex_bounds

    first, _, _ = timex_bounds(timex_value)
    try:
        return date.fromisoformat(first) if first else published
    except ValueError:  # a value outside the calendar (year 0000): fall back to publication
        return published
