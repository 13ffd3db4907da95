"""Seed acceptance for companies and people (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.extract.entities import add_entities
from newsfacts.extract.model import DocumentFacts

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds is absent")


def _all_facts() -> list[DocumentFacts]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        facts = DocumentFacts()
        add_entities(path.read_text(encoding="utf-8"), facts)
        out.append(facts)
    return out


def test_expected_companies_and_kinds_across_seeds() -> None:
    kinds = {(c.name, c.kind) for f in _all_facts() for c in f.companies}
    expected = {("Reuters", "media"), ("The Wall Street Journal", "media"), ("FBI", "government")}
    expected |= {("CIA", "government"), ("NSA", "government"), ("BYD", "company")}
    expected |= {(n, "company") for n in ("Huawei", "ZTE", "AT&T", "Qualcomm", "Walmart")}
    expected |= {(n, "company") for n in ("Amazon", "Tesla", "Ford Motor")}
    assert expected <= kinds
    assert any(n == "Federal Communications Commission" and k == "government" for n, k in kinds)


def test_no_person_is_loaded_as_a_company() -> None:
    for facts in _all_facts():
        person_words = {w for p in facts.people for w in p.name.split()}
        assert not {c.name for c in facts.companies} & (
            person_words | {p.name for p in facts.people}
        )
