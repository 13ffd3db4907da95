"""The command line through the real binary: --version, --help, sql, schema and export (none of
these starts Prefect, so each call takes about a second)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

import duckdb
import pytest

from newsfacts import warehouse as wh

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin" / "newsfacts"
# Rows in the test warehouse's raw_documents: more than sql's default terminal limit of 1,000.
ROWS = 1_200


def newsfacts(*args: str) -> subprocess.CompletedProcess:
    """Run the installed newsfacts binary and capture its output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFACTS_")}
    env["COLUMNS"] = "200"  # help and tables as wide as they are, whatever the terminal
    return subprocess.run(
        [str(BIN), *args], capture_output=True, text=True, timeout=120, env=env, cwd=REPO
    )


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every table and view of the DDL, with ROWS invented raw records (no pipeline run)."""
    path = tmp_path_factory.mktemp("cli") / "w.duckdb"
    con = wh.connect(path)
    wh.apply_ddl(con)
    con.execute(
        "INSERT INTO raw_documents SELECT 'raw' || lpad(i::VARCHAR, 5, '0'), "
        "'/crawl/site-' || (i % 3) || '/a' || i || '.txt', 0, 'txt', 'f' || i, 's' || i, 10, "
        "'Harbour cranes to be replaced', 'utf-8', NULL, 1, true, NULL, TIMESTAMP '2024-05-01', "
        "i, 'run1' FROM range(?) t(i)",
        [ROWS],
    )
    con.close()
    return path


def test_version_names_the_package_and_its_engines() -> None:
    done = newsfacts("--version")
    assert done.returncode == 0
    assert re.match(r"newsfacts \d+\.\d+\.\d+ \(duckdb [\d.]+, prefect [\d.]+", done.stdout)


@pytest.mark.parametrize("command", ["run", "sql", "export"])
def test_help_shows_value_names_not_type_tokens(command: str) -> None:
    done = newsfacts(command, "--help")
    assert done.returncode == 0, done.stderr
    assert not re.search(r"<(list\[|bool|int|float|str|path|text)", done.stdout), done.stdout


def test_run_help_agrees_with_the_readme() -> None:
    text = newsfacts("run", "--help").stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "normalize, extract and consolidate" in " ".join(text.split())
    assert "`--workers N` runs normalize, extract and consolidate" in " ".join(readme.split())
    for option in ("--include", "--exclude", "--workers", "--dask-address", "--full-refresh"):
        assert option in text and option in readme


def test_sql_cuts_terminal_output_at_max_rows_and_says_so(small_warehouse: Path) -> None:
    done = newsfacts(
        "sql",
        "SELECT raw_id FROM raw_documents ORDER BY raw_id",
        "-w",
        str(small_warehouse),
        "--csv",
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1 + 1_000  # header and the default 1,000 rows
    assert "showing the first 1,000 of 1,200 rows" in done.stderr
    done = newsfacts(
        "sql", "SELECT raw_id FROM raw_documents", "-w", str(small_warehouse), "--max-rows", "5"
    )
    assert done.stdout.count("raw0") == 5 and "first 5 of 1,200" in done.stderr


def test_sql_out_writes_every_row(small_warehouse: Path, tmp_path: Path) -> None:
    query = "SELECT raw_id, source_path FROM raw_documents ORDER BY raw_id"
    for name in ("all.csv", "all.jsonl", "all.parquet"):
        done = newsfacts("sql", query, "-w", str(small_warehouse), "--out", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert f"{ROWS:,} rows written" in done.stderr
    assert len((tmp_path / "all.csv").read_text().splitlines()) == ROWS + 1
    lines = (tmp_path / "all.jsonl").read_text().splitlines()
    assert json.loads(lines[-1]) == {"raw_id": "raw01199", "source_path": "/crawl/site-2/a1199.txt"}
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'all.parquet'}'").fetchone()[0] == ROWS


def test_sql_error_keeps_duckdbs_hint_lines(small_warehouse: Path) -> None:
    done = newsfacts("sql", "SELECT * FROM compnies", "-w", str(small_warehouse))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("error: Catalog Error: Table with name compnies does not exist")
    assert 'Did you mean "companies"' in lines[1]
    done = newsfacts("sql", "SELECT raw_idd FROM raw_documents", "-w", str(small_warehouse))
    assert "Candidate bindings" in done.stderr and "raw_id" in done.stderr


def test_schema_prints_view_columns_with_comments_and_grain(small_warehouse: Path) -> None:
    done = newsfacts("schema", "companies", "-w", str(small_warehouse))
    assert done.returncode == 0, done.stderr
    assert "companies (view): one row per company_id" in done.stdout
    assert "Name most documents use for it." in done.stdout
    listing = newsfacts("schema", "-w", str(small_warehouse)).stdout
    assert "claim_conflicts" in listing and "one row per doc_id" in listing
    wrong = newsfacts("schema", "compnies", "-w", str(small_warehouse))
    assert wrong.returncode == 2 and "did you mean companies" in wrong.stderr


def test_every_view_column_has_a_comment(small_warehouse: Path) -> None:
    con = duckdb.connect(str(small_warehouse), read_only=True)
    missing = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE comment IS NULL "
        "AND table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal)"
    ).fetchall()
    con.close()
    assert missing == []


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_files_and_a_manifest(
    small_warehouse: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "export"
    done = newsfacts(
        "export",
        str(out),
        "-w",
        str(small_warehouse),
        "--format",
        fmt,
        "--tables",
        "raw_documents,companies",
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    entries = {e["table"]: e for e in manifest["tables"]}
    assert set(entries) == {"raw_documents", "companies"}
    assert entries["raw_documents"]["rows"] == ROWS and entries["companies"]["kind"] == "view"
    assert entries["companies"]["columns"][0] == {"name": "company_id", "type": "VARCHAR"}
    for entry in entries.values():
        data = (out / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    count = duckdb.sql(
        f"SELECT count(*) FROM '{out / entries['raw_documents']['file']}'"
    ).fetchone()[0]
    assert count == ROWS


def test_export_all_tables_and_views_by_default(small_warehouse: Path, tmp_path: Path) -> None:
    done = newsfacts("export", str(tmp_path), "-w", str(small_warehouse))
    assert done.returncode == 0, done.stderr
    names = {e["table"] for e in json.loads((tmp_path / "manifest.json").read_text())["tables"]}
    assert {"documents", "raw_documents", "companies", "claim_conflicts", "runs"} <= names
    wrong = newsfacts("export", str(tmp_path), "-w", str(small_warehouse), "--tables", "nope")
    assert wrong.returncode == 2 and "no table or view named 'nope'" in wrong.stderr
