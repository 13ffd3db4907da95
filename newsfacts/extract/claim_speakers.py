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
from newsfacts.extract.first_chars import with_first_char_check

# Adverbs and auxiliaries allowed between a speaker and its cue ("Ford subsequently denied",
# "the heads of three agencies all recently warned", "he had added").
SPEAKER_GAP = re.compile(
    r"(?:\s+(?:has|have|had|also|all|recently|subsequently|explicitly|previously|later|further|"
    r"publicly|reportedly|then|quickly|directly|officially|strongly|once|again|repeatedly|did|"
    r"does|would|will|has\s+since|first|now|only|still|even|both|however|flatly|categorically|"
    r"today|yesterday|tonight|earlier|(?:on\s+|last\s+|this\s+)?(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|week|month)(?:\s+(?:morning|afternoon|evening|night))?|"
    r",\s*in\s+(?:a|an|its|his|her|their|the)\s+(?:[\w-]+\s+){0,3}?(?:statement|interview|memo|"
    r"letter|e-?mail|post|note|release|filing|call|speech)(?:\s+(?:on|to|with)\s+[^,]{1,40})?\s*,))*"
    r"\s*$",
    re.IGNORECASE,
)
# An apposition between a name and its cue: "Jane Roe, the chief executive of Foo Inc., said".
_APPOSITION_END = re.compile(
    r",\s+(?:(?:the|a|an|its|his|her|their)\s+|[a-z\d])[^,;\"“”()]{2,90}?"
    r"(?:,\s+(?:and\s+)?[^,;\"“”()]{2,40})?,\s*$"
)
# Unnamed groups that speak: "Some customers reported", "analysts said", "others tweeted".
_GROUP_END = with_first_char_check(
    re.compile(
        r"\b((?:(?:some|many|most|several|other|few|two|three|the)\s+)?"
        r"(?:(?!(?:and|or|but|that|which|who|of|to|by)\b)[\w-]+\s+)?"
        r"(?:analysts|experts|critics|officials|observers|investors|customers|users|buyers|sources|"
        r"people|executives|insiders|lawyers|employees|workers|consumers|owners|fans|reviewers|"
        r"economists|traders|shareholders|others))$",
        re.IGNORECASE,
    )
)
# A capitalised name phrase ending at the cue when no mention is known ("Foo Analytics said").
_CAPITALISED_END = with_first_char_check(
    re.compile(r"((?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)$")
)
_CAPITALISED_START = re.compile(r"^((?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){0,5}[A-Z][\w&.'’-]*)")
_CAPITALISED_ANY = re.compile(r"(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*")
_PRONOUN_END = with_first_char_check(re.compile(r"\b(he|she|they|it|we|i)$", re.IGNORECASE))
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
    gap = SPEAKER_GAP.search(body, max(lower, pos - 120), pos)
    end = gap.start() if gap else pos
    found = _named_ending(body, end, lower, index)
    if found:
        return found
    apposition = _APPOSITION_END.search(body, max(lower, end - 140), end)
    if apposition:
        named = _named_ending(body, apposition.start(), lower, index)
        if named:
            return named
    return (
        _anaphor_ending(body, end, lower, index)
        or _capitalised_ending(body, end, lower)
        or _group_ending(body, end, lower)
    )


def _named_ending(body: str, end: int, lower: int, index: MentionIndex) -> Speaker | None:
    """A person, else an organisation mention ending right at `end`."""
    return _person_ending(body, end, lower, index) or _company_ending(body, end, lower, index)


def _only_capitals(text: str) -> bool:
    """True for a run of capitalised words between an organisation and a name ("'s CEO")."""
    return bool(re.fullmatch(r"(?:['’]s)?(?:\s+[A-Z][\w.&-]*)*\s+", text))


def _group_ending(body: str, end: int, lower: int) -> Speaker | None:
    """ "Some customers", "analysts", "others": a group speaking, kept without a key."""
    m = _GROUP_END.search(body, max(lower, end - 50), end)
    return Speaker(m.start(1), end, "") if m else None


def sentence_subject(body: str, start: int, pos: int, index: MentionIndex) -> Speaker | None:
    """The subject of a sentence: a name or pronoun opening it ("Foo Inc. released X, saying")."""
    lead = re.match(r"\s*(?:(?:[A-Z]\w*\s+){0,2}\w+,\s+)?(?:The\s+)?", body[start:pos])
    first = start + (lead.end() if lead else 0)
    people = [m for m in index.people_in(first, min(pos, first + 80)) if m.start - first < 40]
    companies = [m for m in index.companies_in(first, min(pos, first + 80)) if m.start - first < 30]
    named = sorted(people + companies, key=lambda m: m.start)
    if named and not body[first : named[0].start].strip(" ,").islower():
        m = named[0]
        titled = [p for p in people if _only_capitals(body[m.end : p.start])]
        m = titled[0] if titled else m
        if hasattr(m, "person_key"):
            start2 = _title_start(body, m.start, first)
            return Speaker(start2, m.end, "", person_key=m.person_key)
        return Speaker(m.start, m.end, "", company_key=m.company_key)
    pronoun = re.match(r"(He|She|It|They)\b", body[first : first + 5])
    if pronoun:
        return _resolve_pronoun(pronoun.group().lower(), first, first + len(pronoun.group()), index)
    return None


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
