"""The records every extractor returns: plain dataclasses with offsets into the document body.

Offsets are Python string indices into the `body` the extractor was given (the same string that is
loaded as `documents.body`), end-exclusive, so `body[start:end] == text` always holds.
Entities are identified inside one document by a `key`: a normalised name (lower case, no legal
form) that the load stage turns into a stable warehouse id, so the same company found in two
documents becomes one `companies` row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The value types are the vocabularies of newsfacts.vocab, defined there once.
from newsfacts.vocab import (
    CompanyKind,
    EventStatus,
    Granularity,
    ParticipantRole,
    Stance,
    TimexType,
)


@dataclass(frozen=True)
class Company:
    """One organisation as the document names it, canonicalised."""

    key: str  # normalised name, e.g. "ford motor"; the warehouse id derives from it
    name: str  # display name without legal form, e.g. "Ford Motor"
    kind: CompanyKind
    aliases: tuple[str, ...] = ()  # other surface forms seen, e.g. ("Ford Motor Co.", "Ford")
    parent_key: str | None = None  # key of the parent when the text states it ("Alphabet-owned")
    confidence: float = 1.0
    rule: str = ""  # component.pattern: the rule of its first mention


@dataclass(frozen=True)
class CompanyMention:
    start: int
    end: int
    text: str
    company_key: str
    how: str  # the rule that found it: "gazetteer", "legal_suffix", "descriptor", "propagation"...
    confidence: float = 1.0
    rule: str = ""  # component.pattern: "entities.gazetteer" (component + how)


@dataclass(frozen=True)
class Person:
    key: str  # normalised full name, e.g. "park jiwoo"
    name: str  # "Park Jiwoo"
    aliases: tuple[str, ...] = ()  # short forms linked to the full name: "Mr. Park", "Jiwoo"
    company_key: str | None = None  # affiliation when the text states it
    title: str | None = None  # "Chairman", "Senior Vice President"
    confidence: float = 1.0
    rule: str = ""  # component.pattern: the rule of its first mention


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    text: str
    person_key: str
    how: str
    confidence: float = 1.0
    rule: str = ""  # component.pattern: "entities.speech_verb" (component + how)


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: TimexType
    value: (
        str | None
    )  # TIMEX3 value ("2018-03", "2018-Q4", "P7Y", "PRESENT_REF"); None if unresolved
    anchored: bool = False  # True when the value was resolved against the publication date
    confidence: float = 1.0
    rule: str = ""  # component.pattern: "timexes.month_year"


@dataclass(frozen=True)
class Claim:
    """A statement attributed to a source: who said what, how, with which stance."""

    start: int  # evidence sentence
    end: int
    speaker: str  # as written
    speaker_start: int
    speaker_end: int
    cue: str  # "said", "told", "according to", "denied"...
    content: str
    content_start: int
    content_end: int
    is_quote: bool
    stance: Stance
    speaker_person_key: str | None = None
    speaker_company_key: str | None = None
    # The speaker resolved by name: a person's full name ("he" -> "Dana Whitlow"), the
    # organisation an unnamed representative or "the company" speaks for; None for groups.
    speaker_name: str | None = None
    reported_via_key: str | None = None  # media outlet relaying the statement
    subject_company_key: str | None = None
    claim_date: str | None = None  # TIMEX3 value: the statement's date, else the publication date
    event_index: int | None = (
        None  # index into DocumentFacts.events of the event the content states
    )
    confidence: float = 1.0
    rule: str = ""  # component.pattern: "claims.reported_speech", "claims.according_to"
    cue_start: int | None = None  # the cue as written ("said", "ruled out", "according to")
    cue_end: int | None = None


@dataclass(frozen=True)
class EventParticipant:
    company_key: str
    role: ParticipantRole
    rule: str = ""  # component.pattern: who gave the role: "events.agent"


@dataclass(frozen=True)
class Event:
    start: int  # evidence sentence
    end: int
    event_type: str  # one of newsfacts.vocab.EVENT_TYPES
    status: EventStatus
    trigger: str
    trigger_start: int
    trigger_end: int
    company_key: str | None = None  # main participant
    participants: tuple[EventParticipant, ...] = ()
    location: str | None = None  # ISO 3166 alpha-2 code or a region name ("Europe")
    date_value: str | None = None  # TIMEX3 value
    date_start: str | None = None  # ISO date, first day the value covers
    date_end: str | None = None  # ISO date, last day the value covers
    date_granularity: Granularity | None = None
    amount: float | None = None  # scaled to units: 9.3e9 for "$9.3bn", 20 for "20 pct"
    unit: str | None = None  # newsfacts.vocab.AMOUNT_UNITS: money, percent, jobs, shares, units...
    confidence: float = 1.0
    currency: str | None = None  # ISO 4217 code of a money amount: "USD", "AUD", "GBP"
    currency_text: str | None = None  # the currency as written: "$", "A$", "dlrs", "stg"
    scale: str | None = None  # the scale word as written: "bn", "mln", "billion"
    prior_amount: float | None = None  # the previous period's figure: "vs 900,000", "from $639m"
    rule: str | None = None  # the rule that made the event: "events.buy.verb"
    line_items: tuple[LineItem, ...] = ()  # every figure of an earnings report


@dataclass(frozen=True)
class LineItem:
    """One figure of an earnings report: "Net 1.2 mln vs 900,000" -> net, 1.2e6, prior 9e5."""

    item: str  # "net", "revenue", "per_share", "operating_net"...
    amount: float | None  # signed: a loss is negative
    prior_amount: float | None
    currency: str | None
    currency_text: str | None
    unit: str  # money or shares
    scale: str | None
    start: int  # the line in the body
    end: int
    rule: str  # "events.earnings.net"


@dataclass
class DocumentFacts:
    """Everything extracted from one document body."""

    companies: list[Company] = field(default_factory=list)
    company_mentions: list[CompanyMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    person_mentions: list[PersonMention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
