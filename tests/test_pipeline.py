"""End to end: the real Prefect pipeline on samples/ into a real DuckDB file, validated by real GX."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLES, run_pipeline, use_suites_with_document_expectation

LOG_TABLES = {"runs", "dq_results"}


def snapshot(warehouse: Path) -> dict[str, tuple[int, str]]:
    """Row count and content hash of every data table (run logs and run ids left out)."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            t
            for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
        ]
        for table in tables:
            if table in LOG_TABLES:
                continue
            cols = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND column_name NOT IN "
                    "('run_id', 'ingested_at', 'logged_at', 'quarantined_at')",
                    [table],
                ).fetchall()
            ]
            rows = con.execute(
                f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"'
            ).fetchall()
            digest = hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
            out[table] = (len(rows), digest)
    return out


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_samples_load(samples_warehouse: Path) -> None:
    docs = query(samples_warehouse, "SELECT count(*), count(DISTINCT content_hash) FROM documents")[
        0
    ]
    assert docs == (19, 18)  # one byte-identical copy shares its hash
    kinds = dict(
        query(
            samples_warehouse,
            "SELECT duplicate_kind, count(*) FROM documents "
            "WHERE duplicate_of IS NOT NULL GROUP BY 1",
        )
    )
    assert kinds == {"exact": 1, "near": 1}
    formats = {f for (f,) in query(samples_warehouse, "SELECT DISTINCT format FROM raw_documents")}
    assert formats == {"txt", "html", "json", "jsonl", "warc"}


def test_every_bad_input_is_reported(samples_warehouse: Path) -> None:
    errors = {
        Path(p.split("#")[0]).name: reason
        for p, reason in query(samples_warehouse, "SELECT source_path, reason FROM ingest_errors")
    }
    assert "empty file" in errors["empty.txt"]
    assert "binary" in errors["binary_image.txt"]
    assert "truncated" in errors["broken.warc.gz"]
    assert "invalid JSON line" in errors["newswire_feed.jsonl"]
    assert "no article" in errors["no_article_login.html"]


def test_repaired_encoding_is_recorded(samples_warehouse: Path) -> None:
    rows = query(
        samples_warehouse,
        "SELECT r.encoding, d.body FROM raw_documents r JOIN documents d "
        "USING (raw_id) WHERE r.source_path LIKE '%legacy_cp1252.txt'",
    )
    assert rows and rows[0][0] == "cp1252" and "\u00e9" in rows[0][1]


def test_dates_have_sources_and_are_never_invented(samples_warehouse: Path) -> None:
    by_source = dict(
        query(samples_warehouse, "SELECT published_date_source, count(*) FROM documents GROUP BY 1")
    )
    assert set(by_source) <= {"metadata", "text", "url", "unknown"}
    assert by_source.get("unknown", 0) >= 1 and by_source.get("metadata", 0) >= 1
    assert (
        query(
            samples_warehouse,
            "SELECT count(*) FROM documents WHERE published_date_source = 'unknown' "
            "AND published_date IS NOT NULL",
        )[0][0]
        == 0
    )


def test_languages_are_detected(samples_warehouse: Path) -> None:
    langs = dict(query(samples_warehouse, "SELECT language, count(*) FROM documents GROUP BY 1"))
    assert langs.get("de") == 1 and langs.get("en", 0) >= 15


def test_validation_results_and_data_docs(samples_warehouse: Path) -> None:
    run = query(samples_warehouse, "SELECT run_id, status, stage_counts FROM runs")[0]
    assert run[1] == "success"
    results = query(
        samples_warehouse, "SELECT suite, success FROM dq_results WHERE run_id = ?", [run[0]]
    )
    assert {s for s, _ in results} >= {"raw_documents", "documents", "ingest_errors", "runs"}
    assert all(ok for _, ok in results)
    docs = json.loads(run[2])["validate"]["data_docs"]
    assert Path(docs).is_file() and "<html" in Path(docs).read_text().lower()


def test_tables_and_columns_are_commented(samples_warehouse: Path) -> None:
    missing = query(
        samples_warehouse,
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE comment IS NULL AND table_name IN ('raw_documents', 'documents')",
    )
    assert missing == []


def test_second_run_changes_no_row(samples_warehouse: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, warehouse)
    before = snapshot(warehouse)
    result = run_pipeline([SAMPLES], warehouse)
    assert result["status"] == "success"
    assert (
        result["counts"]["ingest"]["files_unchanged"] == result["counts"]["ingest"]["files_found"]
    )
    assert snapshot(warehouse) == before


def test_row_failures_are_quarantined_not_lost(prefect_harness, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    body = (
        "Tidewater Mills said it would close two plants and cut 300 jobs by the end of the year. "
        * 3
    )
    (src / "old.json").write_text(
        json.dumps({"title": "Mills cut jobs", "text": body, "date": "1850-05-01"})
    )
    (src / "ok.json").write_text(
        json.dumps({"title": "Mills", "text": body + " More.", "date": "2020-05-01"})
    )
    warehouse = tmp_path / "w.duckdb"
    result = run_pipeline([src], warehouse)
    assert result["status"] == "success"
    assert query(warehouse, "SELECT count(*) FROM documents")[0][0] == 1
    table, record, reasons = query(warehouse, "SELECT table_name, record, reasons FROM quarantine")[
        0
    ]
    assert table == "documents" and "1850-05-01" in record and "published_date" in reasons
    rerun = run_pipeline([src], warehouse)
    assert rerun["status"] == "success"
    assert query(warehouse, "SELECT count(*) FROM quarantine")[0][0] == 1


def test_table_level_failure_keeps_previous_state(
    samples_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(samples_warehouse, warehouse)
    before = snapshot(warehouse)
    use_suites_with_document_expectation(
        tmp_path / "expectations",
        {
            "type": "expect_table_row_count_to_be_between",
            "kwargs": {"max_value": 3},
            "meta": {"on_failure": "abort"},
        },
        monkeypatch,
    )
    new = tmp_path / "new"
    new.mkdir()
    (new / "extra.txt").write_text(
        "Quayside Bank said it had hired 40 advisers in its new Lisbon office. " * 3
    )
    result = run_pipeline([new], warehouse)
    assert result["status"] == "failed_validation"
    assert snapshot(warehouse) == before  # nothing new published
    status = query(warehouse, "SELECT status FROM runs ORDER BY started_at DESC LIMIT 1")[0][0]
    assert status == "failed_validation"
    failed = query(warehouse, "SELECT expectation FROM dq_results WHERE NOT success")
    assert ("expect_table_row_count_to_be_between",) in failed
