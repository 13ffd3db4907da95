"""The component registry: order, rules on every record, switching rules off, the version.
Texts are invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsfacts import settings
from newsfacts.extract import nlp, registry
from newsfacts.extract.analysis import AnalysedDoc
from newsfacts.extract.model import (
    Claim,
    Company,
    CompanyMention,
    DocumentFacts,
    Event,
    EventParticipant,
    Person,
    PersonMention,
    Timex,
)
from newsfacts.extract.registry import Component
from newsfacts.facts import fact_rows

TEXT = (
    "Kestrel Foods Ltd said on Monday it would buy Orvane Dairies for $2 billion. "
    "Its chief executive, Maria Kovacs, told Reuters the deal would close in March. "
    '"We are delighted," Ms Kovacs said.'
)
PUBLISHED = date(2024, 5, 8)
COMPONENT_NAMES = {c.name for c in registry.COMPONENTS} | {"propagate"}


def _all_rules(facts: DocumentFacts) -> list[str]:
    records = [
        *facts.companies,
        *facts.company_mentions,
        *facts.people,
        *facts.person_mentions,
        *facts.timexes,
        *facts.claims,
        *facts.events,
        *(p for e in facts.events for p in e.participants),
    ]
    return [r.rule for r in records]


@pytest.fixture
def no_rules_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(registry.DISABLED_RULES_ENV, raising=False)


def test_components_run_in_registry_order() -> None:
    assert [c.name for c in registry.COMPONENTS] == [
        "entities",
        "timexes",
        "events",
        "claims",
        "event_stance",
    ]
    assert all(c.version for c in registry.COMPONENTS)


def test_every_record_and_row_carries_component_and_pattern(no_rules_off: None) -> None:
    facts = registry.extract(TEXT, PUBLISHED)
    rules = _all_rules(facts)
    assert facts.claims and facts.events and facts.timexes and facts.companies
    for rule in rules:
        component, _, pattern = rule.partition(".")
        assert component in COMPONENT_NAMES and pattern, rule
    assert "entities.legal_suffix" in rules  # a mention's how becomes its pattern
    assert "timexes.weekday" in rules and "timexes.bare_month" in rules  # timex rule names
    rows = fact_rows("d1", facts, PUBLISHED)
    for table, table_rows in rows.items():
        assert all(row["rule"] for row in table_rows), table


def test_a_company_takes_the_rule_of_its_first_mention() -> None:
    facts = DocumentFacts(
        companies=[Company("kestrel", "Kestrel", "company")],
        company_mentions=[
            CompanyMention(40, 47, "Kestrel", "kestrel", "alias"),
            CompanyMention(0, 11, "Kestrel Ltd", "kestrel", "legal_suffix"),
        ],
        people=[Person("maria kovacs", "Maria Kovacs")],
        person_mentions=[PersonMention(20, 32, "Maria Kovacs", "maria kovacs", "given_name")],
    )
    registry.stamp(facts, "entities")
    assert facts.companies[0].rule == "entities.legal_suffix"
    assert facts.people[0].rule == "entities.given_name"
    assert [m.rule for m in facts.company_mentions] == ["entities.alias", "entities.legal_suffix"]


def test_rules_a_component_set_are_kept_and_missing_ones_are_stamped() -> None:
    event = Event(0, 10, "acquisition", "occurred", "buy", 3, 6, rule="events.buy.verb")
    event = replace(event, participants=(EventParticipant("kestrel", "agent"),))
    facts = DocumentFacts(
        timexes=[Timex(0, 6, "Monday", "DATE", None, rule="timexes.weekday")], events=[event]
    )
    registry.stamp(facts, "events")
    assert facts.events[0].rule == "events.buy.verb"
    assert facts.events[0].participants[0].rule == "events.agent"
    assert facts.timexes[0].rule == "timexes.weekday"


@pytest.mark.parametrize(
    ("rule", "enabled"),
    [
        ("claims.according_to", False),
        ("claims.quote", True),
        ("entities.gazetteer", True),
        ("events.buy.verb", False),
        ("events.buyout", True),
        ("timexes.weekday", False),
    ],
)
def test_a_rule_is_off_when_it_or_a_prefix_is_listed(rule: str, enabled: bool) -> None:
    off = frozenset({"claims.according_to", "events.buy", "timexes"})
    assert registry.is_enabled(rule, off) is enabled


def test_switching_a_timex_rule_off_drops_its_expressions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(registry.DISABLED_RULES_ENV, "timexes.weekday")
    facts = registry.extract(TEXT, PUBLISHED)
    assert "Monday" not in [t.text for t in facts.timexes]
    assert "March" in [t.text for t in facts.timexes]
    assert settings.EXTRACTOR_VERSION.endswith("+off:timexes.weekday")


def test_switching_an_entity_pattern_off_drops_its_mentions_and_their_companies(
    monkeypatch: pytest.MonkeyPatch, no_rules_off: None
) -> None:
    everything = registry.extract(TEXT, PUBLISHED)
    suffixed = {m.company_key for m in everything.company_mentions if m.how == "legal_suffix"}
    assert suffixed
    monkeypatch.setenv(registry.DISABLED_RULES_ENV, "entities.legal_suffix")
    facts = registry.extract(TEXT, PUBLISHED)
    assert all(m.rule != "entities.legal_suffix" for m in facts.company_mentions)
    named = {m.company_key for m in facts.company_mentions}
    assert {c.key for c in facts.companies} == named
    assert all(p.company_key is None or p.company_key in named for p in facts.people)


def test_switching_a_component_off_skips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(registry.DISABLED_RULES_ENV, "claims,events")
    facts = registry.extract(TEXT, PUBLISHED)
    assert facts.claims == [] and facts.events == [] and facts.company_mentions
    assert [c.name for c in registry.enabled_components()] == [
        "entities",
        "timexes",
        "event_stance",
    ]


def test_dropping_an_event_keeps_claims_pointing_at_the_right_one() -> None:
    events = [
        Event(0, 9, "ipo", "planned", "listing", 0, 7, rule="events.ipo"),
        Event(10, 20, "layoffs", "occurred", "cut", 10, 13, rule="events.layoffs"),
    ]
    claims = [
        Claim(0, 20, "Kovacs", 0, 6, "said", "x", 10, 20, False, "assert", event_index=i)
        for i in (0, 1)
    ]
    facts = DocumentFacts(events=events, claims=[replace(c, rule="claims.quote") for c in claims])
    registry.drop_disabled(facts, frozenset({"events.ipo"}))
    assert [e.event_type for e in facts.events] == ["layoffs"]
    assert [c.event_index for c in facts.claims] == [None, 0]


def test_the_version_names_model_components_and_rules_off(
    monkeypatch: pytest.MonkeyPatch, no_rules_off: None
) -> None:
    version = registry.extractor_version()
    assert version == settings.EXTRACTOR_VERSION
    assert version.startswith(f"{settings.EXTRACTOR_BASE_VERSION}+{nlp.model_id()}+c")
    extra = Component("extra", "1", lambda doc, facts: None)
    monkeypatch.setattr(registry, "COMPONENTS", (*registry.COMPONENTS, extra))
    assert registry.extractor_version() != version
    monkeypatch.setenv(registry.DISABLED_RULES_ENV, "claims.quote, timexes.ago")
    assert registry.extractor_version().endswith("+off:claims.quote,timexes.ago")


def _first_subject(doc: AnalysedDoc, facts: DocumentFacts) -> None:
    """A component as the syntax rules will be: it reads the parse of its gated sentences."""
    for sentence in doc.parsed:
        for token in sentence:
            if token.dep_ == "nsubj" and token.ent_type_ == "PERSON":
                facts.person_mentions.append(
                    PersonMention(token.idx, token.idx + len(token), token.text, "x", "nsubj")
                )


def _kovacs_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    return [i for i, (s, e) in enumerate(spans) if "Kovacs" in body[s:e]]


def test_registering_a_component_is_one_entry_and_it_reads_its_gated_parse(
    monkeypatch: pytest.MonkeyPatch, no_rules_off: None
) -> None:
    syntax = Component("syntax", "1", _first_subject, _kovacs_sentences, _kovacs_sentences)
    monkeypatch.setattr(registry, "COMPONENTS", (syntax,))
    facts = registry.extract("Maria Kovacs left. Rain fell. Kovacs said no.", PUBLISHED)
    # "Kovacs" of the third sentence is a subject too, but NER tags it ORG there
    assert [(m.text, m.start, m.rule) for m in facts.person_mentions] == [
        ("Kovacs", 6, "syntax.nsubj")
    ]


def test_a_failing_document_gets_its_exception_and_the_others_their_facts(
    monkeypatch: pytest.MonkeyPatch, no_rules_off: None
) -> None:
    def fussy(doc: AnalysedDoc, facts: DocumentFacts) -> None:
        if "boom" in doc.body:
            raise ValueError("odd document")

    monkeypatch.setattr(registry, "COMPONENTS", (Component("fussy", "1", fussy),))
    out = registry.extract_batch([("Fine text here.", None), ("boom goes this one.", None)])
    assert isinstance(out[0], DocumentFacts) and isinstance(out[1], ValueError)


def test_a_changed_rule_file_is_a_new_extractor_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule edited without a component version bump still changes the version, so an
    incremental run re-extracts instead of mixing facts from two rule sets."""
    code, words = tmp_path / "extract", tmp_path / "resources"
    code.mkdir()
    words.mkdir()
    (code / "claims.py").write_text("CUES = ('said',)\n")
    (words / "cues.tsv").write_text("say\tspeech\n")
    monkeypatch.setattr(registry, "_RULE_SOURCES", ((code, "*.py"), (words, "*")))
    registry.rules_digest.cache_clear()
    registry._version.cache_clear()
    before = registry.extractor_version()
    (words / "cues.tsv").write_text("say\tspeech\nclaim\tspeech\n")
    registry.rules_digest.cache_clear()
    registry._version.cache_clear()
    assert registry.extractor_version() != before
    registry.rules_digest.cache_clear()
    registry._version.cache_clear()
