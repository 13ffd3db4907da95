"""Shared context for claims and events: sentences, entity mentions by position, anaphora, dates.

Consumes a body and the DocumentFacts the entity and timex stages filled; produces lookups that the
claim and event rules use. Sentence splitting and timex bounds come from the sibling modules
(newsfacts.extract.text / newsfacts.extract.timexes) when they exist; the small fallbacks here
only keep this stage usable on its own.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

from newsfacts.extract.model import (
    Company,
    CompanyMention,
    DocumentFacts,
    Person,
    PersonMention,
    Timex,
)

# Abbreviations after which a full stop does not end a sentence ("Mr. Park", "Acme Inc. said").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "st",
        "co",
        "corp",
        "inc",
        "ltd",
        "jr",
        "sr",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n")

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
    r"vendor|carrier|retailer|giant|brand|automaker|carmaker|operator|business)\b",
    re.IGNORECASE,
)
# Descriptors of news outlets ("told the news agency", "the newspaper reported").
MEDIA_DESCRIPTOR = re.compile(
    r"\b(?:the|this)\s+(?:news\s+agency|agency|newspaper|paper|outlet|publication|broadcaster|"
    r"wire\s+service|magazine|website)\b",
    re.IGNORECASE,
)


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, from the shared splitter when it is available."""
    try:
        from newsfacts.extract.text import sentence_spans as shared
    except ImportError:
        return fallback_sentence_spans(body)
    return [(int(s), int(e)) for s, e in shared(body)]


def fallback_sentence_spans(body: str) -> list[tuple[int, int]]:
    """Split on sentence-final punctuation before a capital, and on line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(body):
        if m.group().startswith(".") and _ends_with_abbreviation(body, m.start()):
            continue
        _append_trimmed(body, start, m.end(), spans)
        start = m.end()
    _append_trimmed(body, start, len(body), spans)
    return spans


def _ends_with_abbreviation(body: str, dot: int) -> bool:
    """True when the word before the dot is a known abbreviation or a single capital ("J.")."""
    word = re.search(r"([\w.]+)$", body[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _append_trimmed(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append (start, end) without surrounding whitespace, if anything is left."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def timex_bounds(value: str | None) -> tuple[str | None, str | None, str | None]:
    """(date_start, date_end, granularity) of a TIMEX3 value, from the timex stage if present."""
    if not value:
        return None, None, None
    try:
        from newsfacts.extract.timexes import timex_bounds as shared
    except ImportError:
        return fallback_timex_bounds(value)
    got = shared(value)
    if not got:
        return None, None, None
    start, end, granularity = got
    return _iso(start), _iso(end), granularity


def _iso(day: date | str | None) -> str | None:
    """ISO text of a date given as a date or already as text."""
    return day.isoformat() if isinstance(day, date) else day


def fallback_timex_bounds(value: str) -> tuple[str | None, str | None, str | None]:
    """Bounds of "2018", "2018-03", "2018-03-05", "2018-Q1", "2018-H2"; else all None."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?", value)
    if not m:
        return None, None, None
    year = int(m.group(1))
    if m.group(3):
        return value, value, "day"
    if m.group(2):
        return _month_range(year, int(m.group(2)), int(m.group(2)), "month")
    if m.group(4):
        q = int(m.group(4))
        return _month_range(year, 3 * q - 2, 3 * q, "quarter")
    if m.group(5):
        h = int(m.group(5))
        return _month_range(year, 6 * h - 5, 6 * h, "half")
    return f"{year}-01-01", f"{year}-12-31", "year"


def _month_range(year: int, first: int, last: int, granularity: str) -> tuple[str, str, str]:
    """First day of month `first` to last day of month `last` of one year."""
    days = calendar.monthrange(year, last)[1]
    return f"{year}-{first:02d}-01", f"{year}-{last:02d}-{days:02d}", granularity


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
        if m.how != "descriptor":
            continue
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
