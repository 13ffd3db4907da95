"""The HTML report: sections degrade to "not available" without fact tables, light up with them,
and the page built from the samples renders in headless Chromium with its charts and tables."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import duckdb
import pytest

from newsfacts import load
from newsfacts.report import NOT_AVAILABLE, render_report, write_report
from newsfacts.warehouse import sql_files

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--virtual-time-budget=10000",  # let plotly finish drawing before the DOM or pixels are taken
]

# Invented facts (no real company, person or article): enough rows for every fact section.
COMPANIES = [
    ("c1", "Northwind Robotics", "company"),
    ("c2", "Harbor Lane Foods", "company"),
    ("c3", "Quillfeather Bank", "company"),
]
MENTIONS = [("d1", "c1"), ("d1", "c1"), ("d2", "c1"), ("d2", "c2"), ("d3", "c3"), ("d3", "c1")]
EVENTS = [
    ("e1", "d1", "acquisition", "planned", "plans to buy", "c1", "2031-03-01", None),
    ("e2", "d2", "acquisition", "denied", "denied buying", "c1", "2031-05-10", None),
    ("e3", "d2", "market_entry", "occurred", "launched", "c2", None, "2031-04"),
    ("e4", "d3", "layoffs", "occurred", "cut jobs", "c3", None, None),
]
CLAIMS = [
    ("k1", "d1", "Mara Ellison", "assert", "We will open a plant in the valley next spring"),
    ("k2", "d2", "Tobias Renn", "deny", "There are no plans to sell the bakery unit"),
]


def add_invented_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Create the fact tables and views other stages will build, filled with invented rows."""
    con.execute(
        "CREATE OR REPLACE TABLE companies (company_id VARCHAR, name VARCHAR, kind VARCHAR)"
    )
    con.executemany("INSERT INTO companies VALUES (?, ?, ?)", COMPANIES)
    con.execute("CREATE OR REPLACE TABLE company_mentions (doc_id VARCHAR, company_id VARCHAR)")
    con.executemany("INSERT INTO company_mentions VALUES (?, ?)", MENTIONS)
    con.execute(
        "CREATE OR REPLACE TABLE events (event_id VARCHAR, doc_id VARCHAR, event_type VARCHAR, "
        "status VARCHAR, "
        "trigger VARCHAR, company_id VARCHAR, date_start VARCHAR, date_value VARCHAR)"
    )
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", EVENTS)
    con.execute(
        "CREATE OR REPLACE TABLE claims (claim_id VARCHAR, doc_id VARCHAR, speaker VARCHAR, "
        "stance VARCHAR, "
        "content VARCHAR)"
    )
    con.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?)", CLAIMS)
    con.execute(
        "CREATE OR REPLACE VIEW claim_corroboration AS SELECT claim_id AS canonical_claim_id, "
        "speaker, stance, "
        "3 AS n_documents, 2 AS n_publishers FROM claims"
    )
    con.execute(
        "CREATE OR REPLACE VIEW claim_conflicts AS SELECT 'e1' AS left_id, 'e2' AS right_id, "
        "'contradiction' AS relation"
    )


# DDL layers of a warehouse before any fact table or view exists.
BASE_LAYERS = {"raw", "staging", "ops"}


def minimal_warehouse(path: Path, dq_success: bool = True) -> Path:
    """A warehouse with the base tables only (no facts), one successful run and one DQ result."""
    with duckdb.connect(str(path)) as con:
        for ddl in sql_files():
            if ddl.parent.name in BASE_LAYERS:
                con.execute(ddl.read_text())
        load.start_run(con, "run-1", ["in"], "0", None)
        load.finish_run(con, "run-1", "success", {}, {"ingest": 1.5, "validate": 4.0}, "ok")
        con.execute(
            "INSERT INTO dq_results VALUES ('run-1', 'documents', "
            "'expect_column_values_to_not_be_null', "
            "'{\"column\": \"body\"}', 'abort', ?, 0, now())",
            [dq_success],
        )
    return path


def html_of(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return render_report(con)


def section(page: str, anchor: str) -> str:
    """The HTML of one section of the page."""
    return re.search(rf"<section id='{anchor}'>(.*?)</section>", page, re.S).group(1)


def test_fact_sections_say_not_available_before_the_tables_exist(tmp_path: Path) -> None:
    page = html_of(minimal_warehouse(tmp_path / "w.duckdb"))
    for anchor in ("companies", "timelines", "claims", "conflicts"):
        assert NOT_AVAILABLE in section(page, anchor), anchor
    assert "Trusted:" in page
    assert "cdn" not in page.lower().split("<script>", 1)[0]  # nothing fetched from the network


def test_fact_sections_light_up_with_the_tables(tmp_path: Path) -> None:
    path = minimal_warehouse(tmp_path / "w.duckdb")
    with duckdb.connect(str(path)) as con:
        add_invented_facts(con)
    page = html_of(path)
    companies = section(page, "companies")
    assert "Northwind Robotics" in companies and "plotly-graph-div" in companies
    timelines = section(page, "timelines")
    assert timelines.count("plotly-graph-div") == 2  # one chart per company with dated events
    assert "1 of 1 event without a resolved date" in timelines  # the layoffs event
    assert "There are no plans to sell the bakery unit" in section(page, "claims")
    assert "contradiction" in section(page, "conflicts")
    assert NOT_AVAILABLE not in page


def test_a_missing_column_is_named_not_fatal(tmp_path: Path) -> None:
    path = minimal_warehouse(tmp_path / "w.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE company_mentions (doc_id VARCHAR, surface VARCHAR)")
    assert "has no column company_id" in section(html_of(path), "companies")


def test_a_failed_expectation_makes_the_warehouse_untrusted(tmp_path: Path) -> None:
    page = html_of(minimal_warehouse(tmp_path / "w.duckdb", dq_success=False))
    assert "Not trusted" in page and "1 of 1 expectations failed" in page
    assert "expect_column_values_to_not_be_null" in section(page, "quality")


# --- the real thing: samples -> pipeline -> report -> Chromium --------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, installed with apt-get when missing (CI runs as root on Debian)."""
    if not CHROMIUM.exists():
        for step in (
            ["apt-get", "install", "-y", "chromium"],
            ["apt-get", "update"],
            ["apt-get", "install", "-y", "chromium"],
        ):
            if CHROMIUM.exists():
                break
            try:
                subprocess.run(step, capture_output=True, timeout=900, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                pytest.skip(f"cannot install chromium ({exc}): the report is not rendered")
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed and apt-get could not install it")
    return CHROMIUM


def run_chromium(binary: Path, page: Path, profile: Path, *args: str) -> str:
    """Run headless Chromium on a local file; returns stdout (the DOM with --dump-dom)."""
    done = subprocess.run(
        [str(binary), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def render_and_check(binary: Path, report: Path, tmp_path: Path, shot_name: str) -> str:
    """Render the report: every plotly chart drawn as SVG, every table filled; save a screenshot."""
    dom = run_chromium(binary, report, tmp_path / "profile", "--dump-dom")
    charts = dom.count('class="plotly-graph-div')
    assert charts >= 3
    assert dom.count('class="plot-container plotly"') == charts  # plotly drew every chart
    assert dom.count('<svg class="main-svg"') >= charts
    tables = re.findall(r"<table class=\"data\">.*?</table>", dom, re.S)
    assert tables and all("<td>" in t for t in tables)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / shot_name
    shot.unlink(missing_ok=True)
    run_chromium(
        binary, report, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2400"
    )
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    return dom


def test_samples_report_renders_in_chromium(
    samples_warehouse: Path, chromium: Path, tmp_path: Path
) -> None:
    report = write_report(samples_warehouse, tmp_path / "report.html")
    assert not re.search(
        r"<script[^>]+src=|<link[^>]+href=\"http", report.read_text()
    )  # all inline
    dom = render_and_check(chromium, report, tmp_path, "report-samples.png")
    assert "Trusted:" in dom
    assert ">documents<" in dom and ">ingest_errors<" in dom  # rows per table
    errors = re.search(r"<h3>Ingest errors</h3>(.*?)</table>", dom, re.S).group(1)
    assert errors.count("<tr>") >= 2  # the samples' bad inputs are listed with reasons
    docs = re.search(r"id=\"data-docs\" href=\"([^\"]+)\"", dom).group(1)
    assert (report.parent / docs).exists() or (samples_warehouse.parent / docs).exists()


def test_report_with_facts_renders_in_chromium(chromium: Path, tmp_path: Path) -> None:
    path = minimal_warehouse(tmp_path / "w.duckdb")
    with duckdb.connect(str(path)) as con:
        add_invented_facts(con)
    report = write_report(path, tmp_path / "report.html")
    dom = render_and_check(chromium, report, tmp_path, "report-with-facts.png")
    assert NOT_AVAILABLE not in dom
    assert "Northwind Robotics" in dom and "Tobias Renn" in dom
