"""Keys of rows failing a quarantine expectation, recomputed in DuckDB from the suite's definition."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from newsfacts import settings
from newsfacts.warehouse.quality import failing_keys


def _expectation(suite: str, description: str) -> dict:
    spec = json.loads((settings.EXPECTATIONS_DIR / f"{suite}.json").read_text())
    (found,) = [e for e in spec["expectations"] if e["kwargs"].get("description") == description]
    return found


def test_row_query_expectation_yields_the_failing_keys(tmp_path: Path) -> None:
    """An evidence check written as an unexpected-rows query quarantines exactly its rows."""
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE documents (doc_id VARCHAR, body VARCHAR)")
        con.execute("INSERT INTO documents VALUES ('d1', 'Orbex Ltd said on Monday it grew.')")
        con.execute(
            "CREATE TABLE company_mentions (doc_id VARCHAR, company_id VARCHAR,"
            " start_char INTEGER, end_char INTEGER, text VARCHAR)"
        )
        con.execute(
            "INSERT INTO company_mentions VALUES "
            "('d1', 'c-orbex', 0, 9, 'Orbex Ltd'), "  # matches the body
            "('d1', 'c-orbex', 20, 26, 'Orbex'), "  # text is not what the offsets hold
            "('d1', 'c-other', 30, 90, 'Other')"  # runs past the end of the body
        )
    key = ["doc_id", "company_id", "start_char"]
    inside = _expectation("company_mentions", "start_char/end_char lie inside documents.body")
    same_text = _expectation("company_mentions", "text equals body[start_char:end_char]")
    assert inside["meta"]["on_failure"] == same_text["meta"]["on_failure"] == "quarantine"

    assert failing_keys(db, "company_mentions", key, inside["type"], inside["kwargs"]) == (
        "d1|c-other|30",
    )
    assert failing_keys(db, "company_mentions", key, same_text["type"], same_text["kwargs"]) == (
        "d1|c-orbex|20",
        "d1|c-other|30",
    )


def test_column_expectation_yields_the_failing_keys(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(
            "CREATE TABLE t AS SELECT * FROM (VALUES ('a', 0.5), ('b', 1.5), ('c', NULL)) v(k, x)"
        )
    kwargs = {"column": "x", "min_value": 0, "max_value": 1}
    assert failing_keys(db, "t", ["k"], "expect_column_values_to_be_between", kwargs) == ("b",)
