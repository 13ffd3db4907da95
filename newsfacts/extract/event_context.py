"""Shared context for claims and events: sentences, entity mentions by position, anaphora, dates.

Consumes a body and the DocumentFacts the entity and timex stages filled; produces lookups that the
claim and event rules use. Sentence splitting and timex bounds are the shared ones
(newsfacts.extract.text and newsfacts.extract.timex_calendar), re-exported here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from newsfacts.extract.model import (
    Company,
    CompanyMention,
    DocumentFacts,
    Person,
    PersonMention,
    Timex,
)
from newsfacts.extract.text import sentence_spans as sentence_spans
from newsfacts.extract.timex_calendar import timex_bounds as timex_bounds

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_COMPANY = frozenset({"it", "its", "they", "their"})
# Descriptors that point back at the last person named ("the executive told the news agency").
PERSON_DESCRIPTOR = re.compile(
    r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:executive|chairman|chairwoman|chief|ceo|founder|"
    r"president|spokesman|spokeswoman|spokesperson|official|boss|minister|director|analyst)\b",
    re.IGNORECASE,
)
# Descriptors that point back at the last company named ("the company said", "the firm denied").
COMPANY_DESCRIPTOR = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|group|startup|maker|manufacturer|"
    r"vendor|carrier|retailer|giant|brand|automaker|carmaker|operator|business|club)\b",
    re.IGNORECASE,
)
# Descriptors of news outlets ("told the news agency", "the newspaper reported").
MEDIA_DESCRIPTOR = re.compile(
    r"\b(?:the|this)\s+(?:news\s+agency|agency|newspaper|paper|outlet|publication|broadcaster|"
    r"wire\s+service|magazine|website)\b",
    re.IGNORECASE,
)


@dataclass
class MentionIndex:
    """Company and person mentions of one document, sorted by offset, with back-references."""

    companies: dict[str, Company]
    people: dict[str, Person]
    company_mentions: list[CompanyMention]
    person_mentions: list[PersonMention]
    timexes: list[Timex]
    _company_starts: list[int] = field(default_factory=list)
    _person_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._company_starts = [m.start for m in self.company_mentions]
        self._person_starts = [m.start for m in self.person_mentions]

    def kind(self, company_key: str) -> str:
        """Kind of a company key ("company" when unknown)."""
        company = self.companies.get(company_key)
        return company.kind if company else "company"

    def companies_in(self, start: int, end: int) -> list[CompanyMention]:
        """Company mentions lying inside [start, end)."""
        i = bisect.bisect_left(self._company_starts, start)
        out = []
        while i < len(self.company_mentions) and self.company_mentions[i].start < end:
            if self.company_mentions[i].end <= end:
                out.append(self.company_mentions[i])
            i += 1
        return out

    def people_in(self, start: int, end: int) -> list[PersonMention]:
        """Person mentions lying inside [start, end)."""
        i = bisect.bisect_left(self._person_starts, start)
        out = []
        while i < len(self.person_mentions) and self.person_mentions[i].start < end:
            if self.person_mentions[i].end <= end:
                out.append(self.person_mentions[i])
            i += 1
        return out

    def last_person_before(self, pos: int) -> PersonMention | None:
        """Most recent person mention ending at or before pos."""
        i = bisect.bisect_right(self._person_starts, pos) - 1
        while i >= 0:
            if self.person_mentions[i].end <= pos:
                return self.person_mentions[i]
            i -= 1
        return None

    def last_company_before(self, pos: int, kinds: tuple[str, ...] = ("company",)) -> str | None:
        """Key of the most recent company mention of one of `kinds` ending at or before pos."""
        i = bisect.bisect_right(self._company_starts, pos) - 1
        while i >= 0:
            mention = self.company_mentions[i]
            if mention.end <= pos and self.kind(mention.company_key) in kinds:
                return mention.company_key
            i -= 1
        return None

    def affiliation(self, person_key: str | None) -> str | None:
        """Company key of a person's affiliation, if the text states one."""
        person = self.people.get(person_key) if person_key else None
        return person.company_key if person else None


def mention_index(facts: DocumentFacts, spans: list[tuple[int, int]] | None = None) -> MentionIndex:
    """Build the position lookups of one document's entity mentions.

    With sentence spans given, descriptor mentions ("the company") are re-resolved so that the
    affiliation of the sentence's subject beats a company named in an earlier sentence.
    """
    index = MentionIndex(
        companies={c.key: c for c in facts.companies},
        people={p.key: p for p in facts.people},
        company_mentions=sorted(facts.company_mentions, key=lambda m: (m.start, -m.end)),
        person_mentions=sorted(facts.person_mentions, key=lambda m: (m.start, -m.end)),
        timexes=sorted(facts.timexes, key=lambda t: t.start),
    )
    if spans and index.person_mentions:
        _rekey_descriptors(index, spans)
    return index


def _rekey_descriptors(index: MentionIndex, spans: list[tuple[int, int]]) -> None:
    """ "Foo's CEO Bar said the company's arm ...": "the company" is Bar's company, Foo."""
    starts = [s for s, _ in spans]
    for i, m in enumerate(index.company_mentions):
        if m.how != "descriptor" or index.kind(m.company_key) == "media":
            continue  # "the executive told the news agency": an outlet, not his company
        sentence_start = spans[max(0, bisect.bisect_right(starts, m.start) - 1)][0]
        key = _sentence_company(m.start, sentence_start, index)
        if key and key != m.company_key:
            index.company_mentions[i] = replace(m, company_key=key)


def resolve_company_anaphor(
    text: str, pos: int, index: MentionIndex, sentence_start: int | None = None
) -> str | None:
    """Company key for "it", "the company", "the Beijing-based phone maker" ending at pos.

    With the sentence start given, a company named earlier in the same sentence wins; else the
    affiliation of a person who is the sentence's subject ("Foo's CEO Bar said the company's EV
    arm ...": the company is Foo, not one named in the sentence before).
    """
    lowered = text.lower()
    if lowered in PRONOUNS_COMPANY or COMPANY_DESCRIPTOR.fullmatch(text):
        if sentence_start is not None:
            local = _sentence_company(pos, sentence_start, index)
            if local:
                return local
        return index.last_company_before(pos)
    if MEDIA_DESCRIPTOR.fullmatch(text):
        return index.last_company_before(pos, ("media",))
    return None


def _sentence_company(pos: int, sentence_start: int, index: MentionIndex) -> str | None:
    """The last company named in the sentence before pos, else the affiliation of its subject."""
    named = [
        m for m in index.companies_in(sentence_start, pos) if index.kind(m.company_key) == "company"
    ]
    if named:
        return named[-1].company_key
    for person in index.people_in(sentence_start, pos):
        affiliation = index.affiliation(person.person_key)
        if affiliation:
            return affiliation
    return None
