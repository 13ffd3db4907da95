"""Typed events: a body plus its companies and dates in, DocumentFacts.events out.

Each sentence is scanned with the trigger rules of newsfacts.extract.event_triggers; every trigger
becomes an Event with a status (occurred, planned, denied, speculated), participants resolved to
company keys, a location, the nearest date and a figure. Same-type triggers in one clause merge.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from newsfacts.extract.event_context import (
    MentionIndex,
    mention_index,
    resolve_company_anaphor,
    sentence_spans,
    timex_bounds,
)
from newsfacts.extract.event_figures import Figure, find_figures
from newsfacts.extract.event_places import find_places
from newsfacts.extract.event_triggers import find_triggers
from newsfacts.extract.model import (
    Company,
    CompanyMention,
    DocumentFacts,
    Event,
    EventParticipant,
    Timex,
)

if TYPE_CHECKING:
    from newsfacts.extract.analysis import AnalysedDoc
from newsfacts.vocab import DENIED_STATUS, EventStatus
from newsfacts.vocab import EVENT_TYPES as EVENT_TYPES  # re-exported: the taxonomy's one home

# Types whose stated figure (amount, unit) is recorded on the event.
_FIGURE_TYPES = frozenset(
    {"financial_result", "ipo", "investment", "acquisition", "layoffs", "regulatory_action"}
)
# Types whose stated duration is their figure ("banned ... for seven years" -> 7 years).
_DURATION_TYPES = frozenset({"regulatory_action"})
_DURATION_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}
# Types whose company after the trigger is the target ("banned ... Foo", "acquired Bar").
_TARGET_TYPES = frozenset({"acquisition", "regulatory_action", "lawsuit", "investment"})
# Status cues, looked for in the clause before the trigger ("plans to enter") and just after it
# ("offering expected to be held"). Order of precedence: denied, speculated, planned.
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied)|no\s+(?:\w+\s+)?(?:plans?|intentions?)|not\s+(?:be\s+)?planning|"
    r"(?:is|are|was|were|has|have)\s+not\s+(?:planning|going\s+to)|dismiss(?:es|ed)?|"
    r"rul(?:es|ed)\s+out|reject(?:s|ed)?|never)\b",
    re.IGNORECASE,
)
_SPECULATED = re.compile(
    r"\b(?:rumou?rs?|rumou?red|speculat\w*|reportedly|could|may|might|considering|consider|"
    r"potential(?:ly)?|possibl[ey]|mulling|weighing|exploring|said\s+to\s+be|likely|in\s+talks)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:plan(?:s|ned|ning)?|intend(?:s|ed)?|intention|aim(?:s|ed|ing)?|will|would|'ll|"
    r"expect(?:s|ed)?|set\s+to|going\s+to|prepar(?:e|es|ing)|target(?:s|ing)?|upcoming|"
    r"schedul(?:ed|es)|slated|hop(?:e|es|ing)|seek(?:s|ing)?|eye(?:s|ing)|ambitions?|prelude|"
    r"interest(?:ed)?\s+in)\b",
    re.IGNORECASE,
)
_AFTER_PLANNED = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:expected|set|scheduled|planned|slated)\b", re.I
)
# A trigger that is only the topic of talk: "its stance on entering the market", "questions about
# a listing". Neither occurred nor planned: speculated.
_TOPIC_BEFORE = re.compile(
    r"\b(?:stance|position|questions?|talk|comments?|views?|speculation)\s+(?:on|about|over|"
    r"regarding|of)\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_FUTURE_WORDS = re.compile(
    r"\b(?:next\s+(?:year|month|quarter)|by\s+(?:the\s+)?(?:end|early|late|mid))\b", re.I
)
# Clause breaks that stop the status window and merge region ("..., but the deal collapsed").
_CLAUSE_BREAK = re.compile(r"[;:]|,\s|\s(?:but|while|although|whereas|and)\s", re.IGNORECASE)
# Extra distance, in characters, charged to a date in another clause than the trigger.
_OTHER_CLAUSE_PENALTY = 50
# Characters of context before a trigger searched for status cues.
_STATUS_WINDOW = 60
_SUBJECT_WORDS = re.compile(
    r"\b(?:it|they|the\s+(?:[\w-]+\s+){0,3}?(?:company|firm|group|startup|maker|manufacturer|"
    r"vendor|carrier|retailer|giant|automaker|carmaker|operator))\b",
    re.IGNORECASE,
)


def add_events(body: str, facts: DocumentFacts, published_date: date | None) -> None:
    """Fill facts.events with the typed events stated in the body (its whole dependency parse)."""
    index = mention_index(facts, sentence_spans(body))
    facts.events.extend(document_events(body, parse(body), index, facts, published_date))


def run_component(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """The registered events component: events from the parsed sentences of an analysed
    document (those event_lexicon.predicate_sentences gated), and earnings reports."""
    events = document_events(doc.body, doc.spacy, doc.mentions, facts, doc.published, doc.parsed)
    facts.events.extend(events)


def run_stance_component(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """The registered claim-stance component (after claims): events stated inside a denying or
    hedging claim take its stance as their status (newsfacts.extract.event_stance)."""
    from newsfacts.extract.event_stance import apply_claim_stances

    apply_claim_stances(facts)


def document_events(
    body: str,
    doc: object,
    index: MentionIndex,
    facts: DocumentFacts,
    published: date | None,
    parsed: list | None = None,
) -> list[Event]:
    """The events of one document: its earnings reports, then what the parse states outside
    them."""
    from newsfacts.extract.event_syntax import syntax_events

    reports = earnings_events(body, facts)
    spans = [(e.start, e.end) for e in reports]
    stated = [
        e
        for e in syntax_events(doc, index, published, parsed)
        if not any(s <= e.trigger_start < t for s, t in spans)
    ]
    return reports + stated


def earnings_events(body: str, facts: DocumentFacts) -> list[Event]:
    """One financial_result per period of a wire earnings report in the body (extract.earnings),
    for the company its headline or first line names."""
    from newsfacts.extract import earnings

    if not earnings.is_earnings_report(body):
        return []
    return earnings.period_events(body, _report_company(body, facts))


def _report_company(body: str, facts: DocumentFacts) -> str | None:
    """The company of an earnings report: the one its headline names (a company mention on
    that name, else the name added as a company with how="earnings_headline"), else a company
    named on the first line."""
    from newsfacts.extract import earnings
    from newsfacts.extract.gazetteers import name_key

    kinds = {c.key: c.kind for c in facts.companies}
    name = earnings.headline_company(body)
    start = body.find(name) if name else -1
    mentions = sorted(facts.company_mentions, key=lambda m: m.start)
    if start >= 0:
        end = start + len(name)
        for m in mentions:
            on_name = m.start <= start < m.end or start <= m.start < end and m.end - m.start > 3
            if on_name and name_key(m.text) == name_key(name):
                return m.company_key
        key = name_key(name)
        if key and key not in kinds:
            display = name.title() if name.isupper() else name
            facts.companies.append(Company(key=key, name=display, kind="company", confidence=0.7))
            facts.company_mentions.append(
                CompanyMention(start, end, name, key, "earnings_headline", 0.7)
            )
        return key or None
    first_end = body.find("\n") if "\n" in body else len(body)
    for m in mentions:
        if m.start < first_end and kinds.get(m.company_key, "company") == "company":
            return m.company_key
    return None


def parse(body: str) -> object:
    """The spaCy Doc of a whole body (tags, lemmas, parse and entities)."""
    from newsfacts.extract import nlp

    return nlp.load()(body)


def add_events_by_triggers(body: str, facts: DocumentFacts, published_date: date | None) -> None:
    """Fill facts.events with the typed events stated in the body (trigger words, no parse)."""
    spans = sentence_spans(body)
    index = mention_index(facts, spans)
    for i, (start, end) in enumerate(spans):
        sentence = body[start:end]
        triggers = _merged_triggers(sentence)
        if not triggers:
            continue  # most sentences state no event: skip their place scan
        places = _places(body, start, end, index)
        for event_type, t_start, t_end in triggers:
            event = _build_event(
                body,
                (start, end),
                (event_type, start + t_start, start + t_end),
                index,
                places,
                published_date,
            )
            if event.location is None and event_type in ("market_entry", "market_exit"):
                event = _inherit_market(body, event, spans[:i], index)
            if not _repeats(event, facts.events):
                facts.events.append(event)


def _places(body: str, start: int, end: int, index: MentionIndex) -> list[tuple[int, int, str]]:
    """Places named in a sentence, leaving out those inside a company name."""
    return [p for p in find_places(body[start:end], start) if not _inside_company(p, index)]


def _last_place(body: str, before: list[tuple[int, int]], index: MentionIndex) -> str | None:
    """The last place named in the sentences before, nearest sentence first."""
    for start, end in reversed(before):
        places = _places(body, start, end, index)
        if places:
            return places[-1][2]
    return None


def _repeats(event: Event, events: list[Event]) -> bool:
    """True when the sentence already has an event of this type with the same figure and date."""
    return any(
        e.start == event.start
        and e.event_type == event.event_type
        and (e.amount, e.unit, e.date_value) == (event.amount, event.unit, event.date_value)
        and e.amount is not None
        for e in events
    )


def _inside_company(place: tuple[int, int, str], index: MentionIndex) -> bool:
    """True when a place name is part of a company mention ("China Mobile")."""
    near = index.companies_in(place[0] - 60, place[1] + 60)
    return any(
        m.start <= place[0] and place[1] <= m.end and index.kind(m.company_key) != "government"
        for m in near
    )


def _merged_triggers(sentence: str) -> list[tuple[str, int, int]]:
    """Triggers of a sentence, keeping the first of each type within one clause."""
    kept: list[tuple[str, int, int]] = []
    for event_type, s, e in find_triggers(sentence):
        same = [k for k in kept if k[0] == event_type]
        if same and not _CLAUSE_BREAK.search(sentence, same[-1][2], s):
            continue
        kept.append((event_type, s, e))
    return kept


def _build_event(
    body: str,
    sentence: tuple[int, int],
    trigger: tuple[str, int, int],
    index: MentionIndex,
    places: list[tuple[int, int, str]],
    published_date: date | None,
) -> Event:
    """Assemble one Event from its trigger and the sentence around it."""
    event_type, t_start, t_end = trigger
    participants = _participants(body, sentence, trigger, index)
    timex = _nearest_timex(body, index.timexes, sentence, t_start, t_end)
    value = timex.value if timex else None
    date_start, date_end, granularity = timex_bounds(value)
    figure = _nearest_figure(body, sentence, t_start) if event_type in _FIGURE_TYPES else None
    if figure is None and event_type in _DURATION_TYPES:
        figure = _duration_figure(index.timexes, sentence)
    return Event(
        start=sentence[0],
        end=sentence[1],
        event_type=event_type,
        status=_status(body, sentence, t_start, t_end, date_start, published_date),
        trigger=body[t_start:t_end],
        trigger_start=t_start,
        trigger_end=t_end,
        company_key=_main_company(participants),
        participants=tuple(participants),
        location=_location(places, t_start, t_end, event_type),
        date_value=value,
        date_start=date_start,
        date_end=date_end,
        date_granularity=granularity,
        amount=figure.amount if figure else None,
        unit=figure.unit if figure else None,
        confidence=0.75 if participants else 0.55,
    )


def _status(
    body: str,
    sentence: tuple[int, int],
    t_start: int,
    t_end: int,
    date_start: str | None,
    published_date: date | None,
) -> EventStatus:
    """occurred / planned / denied / speculated from cues around the trigger and its date."""
    window = body[max(sentence[0], t_start - _STATUS_WINDOW) : t_start]
    breaks = list(re.finditer(r"[;]|\s(?:but|while|although|whereas)\s", window))
    if breaks:
        window = window[breaks[-1].end() :]
    after = body[t_end : min(sentence[1], t_end + 40)]
    if _DENIED.search(window):
        return DENIED_STATUS
    if _SPECULATED.search(window) or _TOPIC_BEFORE.search(window):
        return "speculated"
    if _PLANNED.search(window) or _AFTER_PLANNED.search(after) or _FUTURE_WORDS.search(after):
        return "planned"
    if published_date and date_start and date_start > published_date.isoformat():
        return "planned"
    return "occurred"


def _participants(
    body: str, sentence: tuple[int, int], trigger: tuple[str, int, int], index: MentionIndex
) -> list[EventParticipant]:
    """Companies of the sentence with their role relative to the trigger."""
    event_type, t_start, t_end = trigger
    mentions = [m for m in index.companies_in(*sentence) if index.kind(m.company_key) != "media"]
    roles: dict[str, str] = {}
    for m in mentions:
        if index.kind(m.company_key) == "government" and event_type in (
            "regulatory_action",
            "lawsuit",
        ):
            roles.setdefault(m.company_key, "regulator")
    before = [m for m in mentions if m.end <= t_start and m.company_key not in roles]
    after = [m for m in mentions if m.start >= t_end and m.company_key not in roles]
    if event_type == "regulatory_action" and roles:
        # A regulator acts on companies: "the ministry banned sales to A", "alongside B, ..."
        for m in after[:1] + before:
            roles.setdefault(m.company_key, "target")
        return [EventParticipant(key, role) for key, role in roles.items()]  # type: ignore[arg-type]
    if event_type in ("partnership", "deal_cancelled"):
        between = _between_partners(body, sentence, t_start, index)
        if len(between) >= 2:
            return [EventParticipant(key, "partner") for key in between]
    agent = before[-1].company_key if before else _anaphoric_subject(body, sentence, t_start, index)
    if agent and agent not in roles:
        roles[agent] = "agent"
    second = "partner" if event_type in ("partnership", "deal_cancelled") else "target"
    if event_type in _TARGET_TYPES or second == "partner":
        for m in _object_list(body, after, t_end) if second == "partner" else after[:1]:
            roles.setdefault(m.company_key, second)
    return [EventParticipant(key, role) for key, role in roles.items()]  # type: ignore[arg-type]


# What may separate the companies of one object list: "with A, B and C", "with A's unit and B".
_LIST_GAP = re.compile(r"(?:['’]s)?\s*(?:,\s*)?(?:(?:and|or)\s+)?(?:the\s+)?")


def _object_list(body: str, after: list, t_end: int) -> list:
    """The companies after a trigger in its own clause, as one list: "with AT&T and Verizon"."""
    if not after or _CLAUSE_BREAK.search(body, t_end, after[0].start):
        return []
    listed = [after[0]]
    for m in after[1:4]:
        if not _LIST_GAP.fullmatch(body, listed[-1].end, m.start):
            break
        listed.append(m)
    return listed


# "between A and B", "between the Chinese company and B": the parties of a deal.
_BETWEEN = re.compile(
    r"\bbetween\s+(?P<a>[^,;]{2,60}?)\s+and\s+(?P<b>[^,;]{2,60}?)(?=\s+(?:[a-z]+ly\s+)?"
    r"(?:was|were|had|has|have|is|are|collaps|fell|end|cancel|scrap|broke|fail|\w+ed\b)|[,;.]|$)"
)


def _between_partners(
    body: str, sentence: tuple[int, int], t_start: int, index: MentionIndex
) -> list[str]:
    """Keys of the two parties in "between A and B"; a descriptor party ("the Chinese
    company") is the most recent company other than the named one."""
    keys: list[str] = []
    for m in _BETWEEN.finditer(body, sentence[0], sentence[1]):
        if abs(m.start() - t_start) > 120:
            continue
        named = [
            [c for c in index.companies_in(m.start(g), m.end(g)) if c.how != "descriptor"]
            for g in ("a", "b")
        ]
        known = {ms[0].company_key for ms in named if ms}
        for found in named:
            key = found[0].company_key if found else _other_company_before(m.start(), known, index)
            if key and key not in keys:
                keys.append(key)
        if len(keys) >= 2:
            return keys
    return keys


def _other_company_before(pos: int, exclude: set[str], index: MentionIndex) -> str | None:
    """The most recent company named before pos that is not one of `exclude`."""
    for m in reversed(index.companies_in(max(0, pos - 2000), pos)):
        if m.company_key not in exclude and index.kind(m.company_key) == "company":
            return m.company_key
    return None


def _anaphoric_subject(
    body: str, sentence: tuple[int, int], t_start: int, index: MentionIndex
) -> str | None:
    """Company key of a pronoun or descriptor subject before the trigger ("It kicked off...")."""
    found = list(_SUBJECT_WORDS.finditer(body, sentence[0], t_start))
    if not found:
        return None
    m = found[0]
    return resolve_company_anaphor(m.group(), m.start(), index, sentence[0])


def _main_company(participants: list[EventParticipant]) -> str | None:
    """The agent, else the target, else the first partner."""
    for role in ("agent", "target", "partner"):
        for p in participants:
            if p.role == role:
                return p.company_key
    return None


def _location(
    places: list[tuple[int, int, str]], t_start: int, t_end: int, event_type: str
) -> str | None:
    """Nearest place after the trigger (its object), else nearest before it."""
    after = [p for p in places if p[0] >= t_end and p[0] - t_end < 80]
    if after:
        return after[0][2]
    before = [p for p in places if p[1] <= t_start]
    if before and (event_type == "regulatory_action" or t_start - before[-1][1] < 80):
        return before[-1][2]
    return None


def _inherit_market(
    body: str, event: Event, before: list[tuple[int, int]], index: MentionIndex
) -> Event:
    """ "entering the market" right after a sentence naming a country refers to that country."""
    from dataclasses import replace

    tail = body[event.trigger_end : event.trigger_end + 20]
    if re.match(r"\s+the\s+market\b", tail):
        place = _last_place(body, before, index)
        if place:
            return replace(event, location=place)
    return event


def event_timex(
    body: str, timexes: list[Timex], sentence: tuple[int, int], t_start: int, t_end: int
) -> Timex | None:
    """The date expression a trigger at [t_start, t_end) of a sentence takes as its date."""
    return _nearest_timex(body, timexes, sentence, t_start, t_end)


def _nearest_timex(
    body: str, timexes: list[Timex], sentence: tuple[int, int], t_start: int, t_end: int
) -> Timex | None:
    """The date expression of the sentence closest to the trigger; durations are not dates."""
    best, best_gap = None, None
    for timex in timexes:
        if (
            timex.start < sentence[0]
            or timex.end > sentence[1]
            or timex.type not in ("DATE", "TIME")
        ):
            continue
        if timex.value and not timex.value[:1].isdigit():
            continue  # PRESENT_REF and friends say "now", not when the event happened
        if body[timex.end : timex.end + 2] in ("'s", "’s") and not _qualifies(body, timex, t_start):
            continue  # "at this year's conference, X unveiled": the date qualifies a noun
        gap = t_start - timex.end if timex.end <= t_start else max(0, timex.start - t_end)
        between = body[timex.end : t_start] if timex.end <= t_start else body[t_end : timex.start]
        if _CLAUSE_BREAK.search(between):
            gap += _OTHER_CLAUSE_PENALTY  # "late last year and tied up with X in March"
        if best_gap is None or gap < best_gap:
            best, best_gap = timex, gap
    return best


def _qualifies(body: str, timex: Timex, t_start: int) -> bool:
    """True when a possessive date is the trigger's own: "last year's deadly blasts"."""
    between = body[timex.end + 2 : t_start]
    return 0 <= t_start - timex.end <= 40 and not re.search(r"[,;:]", between)


def _nearest_figure(body: str, sentence: tuple[int, int], t_start: int) -> Figure | None:
    """The figure of the sentence closest to the trigger."""
    figures = find_figures(body[sentence[0] : sentence[1]], sentence[0])
    if not figures:
        return None
    return min(figures, key=lambda f: abs(f.start - t_start))


def _duration_figure(timexes: list[Timex], sentence: tuple[int, int]) -> Figure | None:
    """A duration of the sentence as a figure: "for as many as seven years" (P7Y) -> 7 years."""
    for t in timexes:
        if sentence[0] <= t.start and t.end <= sentence[1] and t.type == "DURATION" and t.value:
            m = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWD])", t.value)
            if m:
                return Figure(t.start, t.end, float(m.group(1)), _DURATION_UNITS[m.group(2)])
    return None
