"""Speakers of claims: the noun phrase before or after a cue, resolved to a person or organisation.

Consumes the body, a position where a speaker phrase ends (or starts) and the document's mention
index; produces a Speaker with its span as written and the person / company key it refers to.
Pronouns ("he said") and descriptors ("the executive told") go to the most recent person named,
"the company" / "it" to the most recent company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.extract.event_context import (
    COMPANY_DESCRIPTOR,
    MEDIA_DESCRIPTOR,
    PERSON_DESCRIPTOR,
    MentionIndex,
    resolve_company_anaphor,
)
from newsfacts.extract.event_places import find_places

# Adverbs and auxiliaries allowed between a speaker and its cue ("Ford subsequently denied",
# "the heads of three agencies all recently warned", "he had added").
SPEAKER_GAP = re.compile(
    r"(?:\s+(?:has|have|had|also|all|recently|subsequently|explicitly|previously|later|further|"
    r"publicly|reportedly|then|quickly|directly|officially|strongly|once|again|repeatedly|did|"
    r"does|would|will|has\s+since|first|now|only|still|even|both|however|flatly|categorically))*"
    r"\s*$",
    re.IGNORECASE,
)
# A capitalised name phrase ending at the cue when no mention is known ("Foo Analytics said").
_CAPITALISED_END = re.compile(r"((?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)$")
_CAPITALISED_START = re.compile(r"^((?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){0,5}[A-Z][\w&.'’-]*)")
_CAPITALISED_ANY = re.compile(r"(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*")
_PRONOUN_END = re.compile(r"\b(he|she|they|it|we|i)$", re.IGNORECASE)
# A group head before an organisation list: "The heads of the FBI, CIA, and NSA".
_GROUP_HEAD = re.compile(
    r"(?:\b[Tt]he\s+)?(?:heads?|chiefs?|leaders?|executives?|officials?|spokes(?:man|woman|person)|"
    r"representatives?|CEOs?|directors?)\s+(?:of|at|for)\s+(?:the\s+)?$"
)
_LIST_JOIN = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
# Words never starting a speaker phrase though capitalised at a sentence start.
_FUNCTION_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "While",
        "When",
        "After",
        "Before",
        "Meanwhile",
        "However",
        "Also",
        "For",
        "Of",
        "Its",
        "His",
        "Her",
        "Their",
        "This",
        "That",
        "These",
        "Those",
        "According",
        "As",
    ]
)


@dataclass(frozen=True)
class Speaker:
    start: int
    end: int
    text: str
    person_key: str | None = None
    company_key: str | None = None


def speaker_ending_at(body: str, pos: int, lower: int, index: MentionIndex) -> Speaker | None:
    """The speaker phrase ending at pos (after dropping adverbs), not reaching before `lower`."""
    gap = SPEAKER_GAP.search(body, lower, pos)
    end = gap.start() if gap else pos
    person = _person_ending(body, end, lower, index)
    if person:
        return person
    company = _company_ending(body, end, lower, index)
    if company:
        return company
    return _anaphor_ending(body, end, lower, index) or _capitalised_ending(body, end, lower)


def _person_ending(body: str, end: int, lower: int, index: MentionIndex) -> Speaker | None:
    """A person mention ending right at `end`, widened left over its title ("Chairman Foo")."""
    for m in index.people_in(max(lower, end - 60), end):
        if m.end == end:
            start = _title_start(body, m.start, lower)
            return Speaker(start, end, "", person_key=m.person_key)
    return None


def _title_start(body: str, start: int, lower: int) -> int:
    """Start of the capitalised title words or organisation name right before a person mention."""
    m = re.search(r"((?:(?:[A-Z][\w&.'’-]*|of)\s+){1,5})$", body[max(lower, start - 60) : start])
    if not m:
        return start
    words = m.group(1).split()
    while words and (words[0] in _FUNCTION_WORDS or words[0] == "of"):
        words.pop(0)
    if not words:
        return start
    return start - len(m.group(1)) + m.group(1).index(words[0])


def _company_ending(body: str, end: int, lower: int, index: MentionIndex) -> Speaker | None:
    """An organisation mention ending at `end`, widened over lists and group heads."""
    hits = [m for m in index.companies_in(max(lower, end - 80), end) if m.end == end]
    if not hits:
        return None
    first = hits[0]
    start = first.start
    while True:
        join = _LIST_JOIN.search(body, max(lower, start - 8), start)
        if not join:
            break
        prev = [m for m in index.companies_in(max(lower, join.start() - 60), join.start())]
        prev = [m for m in prev if m.end == join.start()]
        if not prev:
            break
        first, start = prev[0], prev[0].start
    head = _GROUP_HEAD.search(body, max(lower, start - 40), start)
    if head:
        start = head.start()
    return Speaker(start, end, "", company_key=first.company_key)


def _anaphor_ending(body: str, end: int, lower: int, index: MentionIndex) -> Speaker | None:
    """ "he", "the executive", "the company", "the news agency" ending at `end`, resolved."""
    window = body[max(lower, end - 50) : end]
    pronoun = _PRONOUN_END.search(window)
    if pronoun:
        start = end - len(pronoun.group())
        return _resolve_pronoun(pronoun.group().lower(), start, end, index)
    for pattern in (PERSON_DESCRIPTOR, COMPANY_DESCRIPTOR, MEDIA_DESCRIPTOR):
        found = [m for m in pattern.finditer(window) if m.end() == len(window)]
        if found:
            start = end - len(found[-1].group())
            return _resolve_descriptor(pattern, found[-1].group(), start, end, index)
    return None


def _resolve_pronoun(word: str, start: int, end: int, index: MentionIndex) -> Speaker:
    """he/she -> last person; it/they -> last company; we/I stay unresolved."""
    if word in ("he", "she"):
        person = index.last_person_before(start)
        return Speaker(start, end, "", person_key=person.person_key if person else None)
    if word in ("it", "they"):
        return Speaker(start, end, "", company_key=index.last_company_before(start))
    return Speaker(start, end, "")


def _resolve_descriptor(
    pattern: re.Pattern[str], text: str, start: int, end: int, index: MentionIndex
) -> Speaker:
    """ "the executive" -> last person; "the company" / "the agency" -> last organisation."""
    if pattern is PERSON_DESCRIPTOR:
        person = index.last_person_before(start)
        return Speaker(start, end, "", person_key=person.person_key if person else None)
    return Speaker(start, end, "", company_key=resolve_company_anaphor(text, start, index))


def _capitalised_ending(body: str, end: int, lower: int) -> Speaker | None:
    """A capitalised name phrase nobody recognised, kept as written without a key."""
    m = _CAPITALISED_END.search(body, max(lower, end - 60), end)
    if not m:
        return None
    words = m.group(1).split()
    while words and words[0] in _FUNCTION_WORDS:
        words.pop(0)
    if not words:
        return None
    text = " ".join(words)
    if find_places(text) and find_places(text)[-1][1] == len(text):
        return None  # "in the United States said" - a place does not speak
    return Speaker(end - len(text), end, "") if body[end - len(text) : end] == text else None


def speaker_starting_at(body: str, pos: int, upper: int, index: MentionIndex) -> Speaker | None:
    """The speaker phrase right after a cue ("says Acme Chairman John Smith")."""
    while pos < upper and body[pos].isspace():
        pos += 1
    people = index.people_in(pos, min(upper, pos + 80))
    if people:
        m = people[0]
        return Speaker(pos, m.end, "", person_key=m.person_key)
    m = _CAPITALISED_START.match(body, pos, upper) or _CAPITALISED_ANY.search(
        body, pos, min(upper, pos + 60)
    )
    if m:
        end = m.end() - 1 if body[m.end() - 1] == "." else m.end()
        hits = index.companies_in(pos, end)
        key = hits[-1].company_key if hits else None
        return Speaker(pos, end, "", company_key=key)
    return _anaphor_ending(body, min(upper, pos + 40), pos, index)


def with_text(body: str, speaker: Speaker) -> Speaker:
    """The speaker with its text filled from the body."""
    from dataclasses import replace

    return replace(speaker, text=body[speaker.start : speaker.end])
