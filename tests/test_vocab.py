"""Vocabularies once: every copy of a value set derives from newsfacts.vocab or matches it."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import duckdb
import pytest

from newsfacts import report, settings, vocab, warehouse
from newsfacts.consolidate import thresholds
from newsfacts.extract import event_triggers, events, gazetteers, model

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GOLD = ROOT / "benchmarks" / "gold"
# Suites whose value sets belong to ingest and the run log, whose stages define them (not fact
# vocabularies; see the newsfacts.vocab docstring).
NOT_FACT_SUITES = {"runs", "raw_documents", "ingest_errors", "documents"}


def suites() -> dict[str, dict]:
    """Every GX suite file, by name."""
    paths = sorted(settings.EXPECTATIONS_DIR.glob("*.json"))
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in paths}


def english_list(values: tuple[str, ...]) -> str:
    """("a", "b", "c") -> "a, b or c", the form SQL comments list values in."""
    return ", ".join(values[:-1]) + " or " + values[-1]


def markdown_table(text: str, header: str) -> list[list[str]]:
    """Body rows of the first Markdown table whose header line is `header`, cells stripped."""
    lines = text[text.index(header + "\n") :].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def ticked(cell: str) -> list[str]:
    """The `code` items of a table cell."""
    return re.findall(r"`([^`]+)`", cell)


@pytest.fixture(scope="module")
def column_comments() -> dict[tuple[str, str], str]:
    """(table, column) -> comment, from the DDL applied to an in-memory DuckDB."""
    con = duckdb.connect()
    warehouse.apply_ddl(con)
    rows = con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main'"
    ).fetchall()
    con.close()
    return {(t, c): comment or "" for t, c, comment in rows}


# --- the module itself ------------------------------------------------------------------------


def test_event_types_have_one_line_descriptions_and_the_guidelines_types() -> None:
    assert list(vocab.EVENT_TYPES)[-1] == "other"
    assert {"investigation", "settlement", "rating_change", "bankruptcy"} <= set(vocab.EVENT_TYPES)
    for description in vocab.EVENT_TYPES.values():
        assert description.endswith(".") and 20 < len(description) <= 90, description
        assert "\n" not in description


def test_record_types_are_the_vocabulary_literals() -> None:
    assert model.Stance is vocab.Stance
    assert model.EventStatus is vocab.EventStatus
    assert model.CompanyKind is vocab.CompanyKind
    assert model.ParticipantRole is vocab.ParticipantRole
    assert model.TimexType is vocab.TimexType
    assert model.Granularity is vocab.Granularity
    assert events.EVENT_TYPES is vocab.EVENT_TYPES  # stages.py seeds event_types from it


@pytest.mark.parametrize(
    ("value", "denial"),
    [("deny", True), ("denied", True), ("assert", False), ("hedge", False), ("planned", False)],
)
def test_is_denial(value: str, denial: bool) -> None:
    assert vocab.is_denial(value) is denial


def test_denial_is_one_stance_and_one_status() -> None:
    assert vocab.DENY_STANCE in vocab.STANCES
    assert vocab.DENIED_STATUS in vocab.EVENT_STATUSES
    assert not vocab.is_denial(None)


# --- Great Expectations -----------------------------------------------------------------------


def test_every_suite_value_set_is_its_vocabulary() -> None:
    """Fails when a suite's value set differs from newsfacts.vocab or a vocabulary column has none.

    Fix: `python -m newsfacts.vocab --write-expectations`.
    """
    for name, suite in suites().items():
        assert vocab.sync_value_sets(copy.deepcopy(suite)) == [], name


def test_every_fact_value_set_has_a_vocabulary() -> None:
    undeclared = [
        (name, e["kwargs"]["column"])
        for name, suite in suites().items()
        if name not in NOT_FACT_SUITES
        for e in suite["expectations"]
        if e["type"] == vocab.IN_SET
        and (name, e["kwargs"]["column"]) not in vocab.COLUMN_VOCABULARIES
    ]
    assert undeclared == []


def test_sync_rewrites_a_stale_set_and_adds_a_missing_one() -> None:
    suite = {
        "name": "claims",
        "expectations": [vocab.value_set_expectation("stance", ("assert", "denies"))],
    }
    assert vocab.sync_value_sets(suite) == ["claims.stance"]
    assert suite["expectations"][0]["kwargs"]["value_set"] == list(vocab.STANCES)
    empty = {"name": "event_participants", "expectations": []}
    assert vocab.sync_value_sets(empty) == ["event_participants.role"]
    assert empty["expectations"][0]["kwargs"]["value_set"] == list(vocab.PARTICIPANT_ROLES)


def test_write_expectations_changes_only_what_differs(tmp_path: Path) -> None:
    stale = {"name": "events", "expectations": [vocab.value_set_expectation("status", ("done",))]}
    matching = {
        "name": "claims",
        "expectations": [vocab.value_set_expectation("stance", vocab.STANCES)],
    }
    (tmp_path / "events.json").write_text(json.dumps(stale))
    (tmp_path / "claims.json").write_text(json.dumps(matching))
    before = (tmp_path / "claims.json").read_text()
    assert vocab.write_expectations(tmp_path) == ["events.status", "events.date_granularity"]
    assert (tmp_path / "claims.json").read_text() == before
    written = json.loads((tmp_path / "events.json").read_text())
    value_sets = {e["kwargs"]["column"]: e["kwargs"]["value_set"] for e in written["expectations"]}
    assert value_sets == {
        "status": list(vocab.EVENT_STATUSES),
        "date_granularity": list(vocab.GRANULARITIES),
    }


# --- SQL --------------------------------------------------------------------------------------


def test_vocabulary_columns_exist(column_comments: dict[tuple[str, str], str]) -> None:
    assert set(vocab.COLUMN_VOCABULARIES) <= set(column_comments)


def test_sql_comments_that_name_values_name_the_vocabulary(
    column_comments: dict[tuple[str, str], str],
) -> None:
    """A column comment naming any value of its vocabulary lists all of them, in order."""
    for column, values in vocab.COLUMN_VOCABULARIES.items():
        comment = re.sub(r"\s*\([^)]*\)", "", column_comments[column])  # drop glosses "(...)"
        named = [v for v in values if re.search(rf"\b{re.escape(v)}\b", comment)]
        if named:
            assert english_list(values) in comment, (column, column_comments[column])


def test_claim_conflicts_denial_is_the_vocabulary_denial() -> None:
    sql = (settings.SQL_DIR / "views" / "claim_conflicts.sql").read_text(encoding="utf-8")
    found = re.findall(r"position IN \(([^)]*)\) AS denies", sql)
    assert len(found) == 1, "claim_conflicts must define a denial in exactly one place"
    assert set(re.findall(r"'(\w+)'", found[0])) == vocab.DENIALS
    assert "'deny'" not in sql.replace(found[0], "")
    assert "'denied'" not in sql.replace(found[0], "")


# --- code keyed by a vocabulary ---------------------------------------------------------------


def test_status_groups_cover_every_status() -> None:
    assert set(thresholds.STATUS_GROUP) == set(vocab.EVENT_STATUSES)
    assert set(thresholds.EVENT_DATE_GAP_DAYS) == set(thresholds.STATUS_GROUP.values())


def test_report_colours_are_keyed_by_statuses_and_stances() -> None:
    assert set(report.STATUS_COLORS) <= set(vocab.EVENT_STATUSES) | set(vocab.STANCES)


def test_rules_emit_only_vocabulary_values() -> None:
    assert {r.event_type for r in event_triggers.trigger_rules()} <= set(vocab.EVENT_TYPES)
    for types in (events._FIGURE_TYPES, events._DURATION_TYPES, events._TARGET_TYPES):
        assert types <= set(vocab.EVENT_TYPES)
    kinds = set(gazetteers.org_head_words().values()) | set(gazetteers.org_descriptors().values())
    assert kinds <= set(vocab.COMPANY_KINDS)


# --- README -----------------------------------------------------------------------------------


def test_readme_event_taxonomy_is_the_vocabulary() -> None:
    rows = markdown_table(README.read_text(encoding="utf-8"), "| type | covers |")
    assert [(ticked(t)[0], d) for t, d in rows] == list(vocab.EVENT_TYPES.items())


def test_readme_vocabularies_table_is_the_vocabulary() -> None:
    rows = markdown_table(README.read_text(encoding="utf-8"), "| vocabulary | columns | values |")
    listed = {}
    for _, columns, values in rows:
        for column in ticked(columns):
            table, name = column.split(".")
            listed[(table, name)] = tuple(ticked(values))
    expected = dict(vocab.COLUMN_VOCABULARIES)
    del expected[("event_types", "event_type")]  # the taxonomy has its own table
    assert listed == expected


def test_readme_inline_lists_are_the_vocabulary() -> None:
    text = README.read_text(encoding="utf-8")
    assert f"kind ({', '.join(vocab.COMPANY_KINDS)})" in text
    assert f"stance ({'/'.join(vocab.STANCES)})" in text
    assert f"status ({'/'.join(vocab.EVENT_STATUSES)})" in text
    assert f"| {english_list(vocab.PARTICIPANT_ROLES)} |" in text


# --- gold set ---------------------------------------------------------------------------------


def gold_values(doc: dict) -> dict[str, set[str]]:
    """The vocabulary values one gold file uses, by vocabulary."""
    used: dict[str, set[str]] = {k: set() for k in ("kind", "stance", "type", "status", "role")}
    used |= {"relation": set(), "unit": set()}
    used["kind"] |= {c["kind"] for c in doc.get("companies", [])}
    used["stance"] |= {c["stance"] for c in doc.get("claims", [])}
    for e in doc.get("events", []):
        used["type"].add(e["type"])
        used["status"].add(e["status"])
        used["role"] |= {p["role"] for p in e.get("participants", [])}
        if e.get("amount"):
            used["unit"].add(e["amount"]["unit"])
    used["relation"] |= {c["relation"] for c in doc.get("conflicts", [])}
    return used


def test_gold_annotations_use_the_vocabulary() -> None:
    """The gold set (GUIDELINES.md section 7) and the code share one vocabulary."""
    files = sorted(GOLD.glob("bbc/*/*.json")) + sorted(GOLD.glob("agreement/*/*.json"))
    if not files:
        pytest.skip("no gold files")
    allowed = {
        "kind": vocab.COMPANY_KINDS,
        "stance": vocab.STANCES,
        "type": tuple(vocab.EVENT_TYPES),
        "status": vocab.EVENT_STATUSES,
        "role": vocab.PARTICIPANT_ROLES,
        "relation": vocab.CONFLICT_RELATIONS,
        "unit": vocab.AMOUNT_UNITS,
    }
    for path in files:
        for name, values in gold_values(json.loads(path.read_text(encoding="utf-8"))).items():
            assert values <= set(allowed[name]) | {None}, (path.name, name, values)
