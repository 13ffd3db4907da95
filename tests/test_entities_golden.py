"""Golden must-find / must-not-find test for companies and people, with a pinned floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts

HERE = Path(__file__).resolve().parent
GOLDEN = json.loads((HERE / "golden" / "entities_golden.json").read_text(encoding="utf-8"))
FIXTURES = {name: spec for name, spec in GOLDEN.items() if not name.startswith("_")}
# Share of must-find items found (recall) and of must-not-find items avoided (precision proxy).
MIN_RECALL = 0.9
MIN_AVOIDED = 1.0


def _facts(name: str) -> DocumentFacts:
    """Entities of one fixture text."""
    facts = DocumentFacts()
    add_entities((HERE / "fixtures" / "entities" / name).read_text(encoding="utf-8"), facts)
    return facts


def _found(name: str, spec: dict) -> tuple[int, int, list[str]]:
    """(found, expected, misses) over the fixture's must-find companies and people."""
    facts = _facts(name)
    comps = {(c.name, c.kind) for c in facts.companies}
    by_key = {c.key: c.name for c in facts.companies}
    people = {p.name: (by_key.get(p.company_key or ""), p.title) for p in facts.people}
    misses = [f"company {n} ({k})" for n, k in spec["companies"] if (n, k) not in comps]
    for person, company, title in spec["people"]:
        got = people.get(person)
        if got is None or (company and got[0] != company) or (title and got[1] != title):
            misses.append(f"person {person} {got}")
    expected = len(spec["companies"]) + len(spec["people"])
    return expected - len(misses), expected, misses


def _violations(name: str, spec: dict) -> list[str]:
    """Must-not-find names that were loaded anyway."""
    facts = _facts(name)
    comp_names = {c.name for c in facts.companies} | {a for c in facts.companies for a in c.aliases}
    person_names = {p.name for p in facts.people} | {a for p in facts.people for a in p.aliases}
    bad = [f"company {n}" for n in spec["not_companies"] if n in comp_names]
    return bad + [f"person {n}" for n in spec["not_people"] if n in person_names]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_no_must_not_find_entity_is_loaded(name: str) -> None:
    assert _violations(name, FIXTURES[name]) == []


def test_golden_gate_pins_recall_floor() -> None:
    found = expected = 0
    misses: list[str] = []
    for name, spec in FIXTURES.items():
        f, e, m = _found(name, spec)
        found, expected, misses = found + f, expected + e, misses + m
    assert found / expected >= MIN_RECALL, misses


def test_golden_gate_pins_avoidance_floor() -> None:
    bad = [v for name, spec in FIXTURES.items() for v in _violations(name, spec)]
    total = sum(len(s["not_companies"]) + len(s["not_people"]) for s in FIXTURES.values())
    assert 1 - len(bad) / total >= MIN_AVOIDED, bad
