"""The report site, built without a browser: pages per company and per canonical article, read
from the views; sections degrade to "not available" without fact tables; the trust banner after
no-op, failed and invalid runs; escaping; the output folder is replaced whole and only if ours.

Browser checks (offline rendering, links, highlights, search) are in test_report_chromium.py.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsfacts import warehouse
from newsfacts.cli import app
from newsfacts.report import NOT_AVAILABLE, write_site
from newsfacts.report.data import relations
from newsfacts.report.trust import trust_verdict
from newsfacts.warehouse import sql_files

# --- an invented warehouse (no real company, person or article) --------------------------------

BODY1 = (
    "Northwind Robotics plans to buy Harbor Lane Foods, chief executive Mara Ellison said on "
    "Monday. The deal would close in March 2031.\n\nHarbor Lane Foods declined to comment."
)
BODY2 = (
    'Northwind Robotics denied that it plans to buy Harbor Lane Foods. "There are no plans to buy '
    'the bakery business," spokesman Tobias Renn said.'
)
# A title and a body holding markup: the pages must show it as text and run none of it.
XSS_TITLE = "<script>document.title='pwned'</script> Quillfeather <b>Bank</b> & co"
BODY3 = (
    "Quillfeather Bank will cut 300 jobs. <img src=x onerror=\"document.title='pwned'\"> "
    "The bank gave no date."
)
DOCS = {"d1": BODY1, "d2": BODY2, "d3": BODY3}


def span(doc: str, text: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of text in a document's body."""
    body, at = DOCS[doc], -1
    for _ in range(nth + 1):
        at = body.index(text, at + 1)
    return at, at + len(text)


def sentence_of(doc: str, text: str) -> tuple[int, int]:
    """Offsets of the sentence holding text (sentences end with '. ')."""
    body = DOCS[doc]
    start, _ = span(doc, text)
    begin = max(body.rfind(". ", 0, start) + 2, body.rfind("\n", 0, start) + 1, 0)
    end = body.find(". ", start)
    return (0 if begin == 1 else begin), (len(body) if end < 0 else end + 1)


def fill(con: duckdb.DuckDBPyConnection, table: str, row: dict) -> None:
    """Insert a row, giving NOT NULL columns it leaves out a harmless value of their type."""
    defaults = {"VARCHAR": "x", "DOUBLE": 0.9, "INTEGER": 0, "BIGINT": 0, "BOOLEAN": False}
    for name, kind, nullable in con.execute(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE table_name = ?",
        [table],
    ).fetchall():
        if not nullable and name not in row:
            row[name] = [] if kind.endswith("[]") else defaults.get(kind, "x")
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))


def add_documents(con: duckdb.DuckDBPyConnection) -> None:
    dated = {"d1": date(2031, 2, 2), "d2": date(2031, 3, 5), "d3": None}
    titles = {
        "d1": "Northwind to buy Harbor Lane",
        "d2": "Northwind denies bid",
        "d3": XSS_TITLE,
    }
    for doc, body in DOCS.items():
        fill(
            con,
            "documents",
            {"doc_id": doc, "body": body, "title": titles[doc], "published_date": dated[doc]},
        )
    fill(con, "documents", {"doc_id": "d4", "body": BODY1, "duplicate_of": "d1"})


def add_entities(con: duckdb.DuckDBPyConnection) -> None:
    companies = [
        ("c1", "Northwind Robotics"),
        ("c2", "Harbor Lane Foods"),
        ("c3", "Quillfeather Bank"),
    ]
    where = {"c1": ["d1", "d2"], "c2": ["d1", "d2"], "c3": ["d3"]}
    for cid, name in companies:
        for doc in where[cid]:
            fill(
                con,
                "document_companies",
                {
                    "doc_id": doc,
                    "company_id": cid,
                    "name": name,
                    "kind": "company",
                    "aliases": [name],
                },
            )
            fill(
                con,
                "company_mentions",
                {"doc_id": doc, "company_id": cid, **_offsets(doc, name.split(" (")[0])},
            )
    for pid, name, cid, title, doc in (
        ("p1", "Mara Ellison", "c1", "Chief Executive", "d1"),
        ("p2", "Tobias Renn", "c1", "Spokesman", "d2"),
    ):
        fill(
            con,
            "document_people",
            {
                "doc_id": doc,
                "person_id": pid,
                "name": name,
                "company_id": cid,
                "title": title,
                "aliases": [],
            },
        )
        fill(con, "person_mentions", {"doc_id": doc, "person_id": pid, **_offsets(doc, name)})
    for text in ("Monday", "March 2031"):
        fill(
            con,
            "timexes",
            {"doc_id": "d1", "type": "DATE", "value": "2031-03", **_offsets("d1", text)},
        )


def _offsets(doc: str, text: str) -> dict:
    start, end = span(doc, text)
    return {"start_char": start, "end_char": end, "text": text}


def add_facts(con: duckdb.DuckDBPyConnection) -> None:
    events = [  # (event_id, doc, type, status, trigger, company, date)
        ("e1", "d1", "acquisition", "planned", "buy", "c1", date(2031, 3, 1)),
        ("e2", "d2", "acquisition", "denied", "denied", "c1", date(2031, 3, 5)),
        ("e3", "d3", "layoffs", "planned", "cut", "c3", None),
    ]
    for eid, doc, kind, status, trigger, company, day in events:
        (s, e), (ts, te) = sentence_of(doc, trigger), span(doc, trigger)
        fill(
            con,
            "events",
            {
                "event_id": eid,
                "doc_id": doc,
                "event_type": kind,
                "status": status,
                "trigger": trigger,
                "trigger_start": ts,
                "trigger_end": te,
                "company_id": company,
                "date_start": day,
                "start_char": s,
                "end_char": e,
            },
        )
        companies = ["c1", "c2"] if eid in ("e1", "e2") else [company]
        fill(
            con,
            "canonical_events",
            {
                "canonical_event_id": f"ce_{eid}",
                "anchor_event_id": eid,
                "event_type": kind,
                "status": status,
                "statuses": [status],
                "company_id": company,
                "company_ids": companies,
                "date_start": day,
                "date_value": day.isoformat()[:7] if day else None,
                "n_documents": 1,
                "n_publishers": 1,
                "doc_ids": [doc],
                "evidence": DOCS[doc][s:e],
                "first_seen": day,
                "counterparty_ids": ["c2"] if eid in ("e1", "e2") else [],
                "story_id": "st_northwind",  # a denial pairs with a report of its own story
            },
        )
    claims = [  # (claim_id, doc, speaker, stance, content, event)
        (
            "k1",
            "d1",
            "Mara Ellison",
            "assert",
            "Northwind Robotics plans to buy Harbor Lane Foods",
            "ce_e1",
        ),
        (
            "k2",
            "d2",
            "Tobias Renn",
            "deny",
            "There are no plans to buy the bakery business",
            "ce_e2",
        ),
    ]
    for kid, doc, speaker, stance, content, event in claims:
        (s, e), (cs, ce), (ss, se) = (
            sentence_of(doc, content),
            span(doc, content),
            span(doc, speaker),
        )
        fill(
            con,
            "claims",
            {
                "claim_id": kid,
                "doc_id": doc,
                "speaker": speaker,
                "stance": stance,
                "content": content,
                "start_char": s,
                "end_char": e,
                "content_start": cs,
                "content_end": ce,
                "speaker_start": ss,
                "speaker_end": se,
            },
        )
        companies = ["c1", "c2"]
        fill(con, "canonical_claims", {"canonical_claim_id": f"cc_{kid}", "anchor_claim_id": kid, "speaker": speaker, "stance": stance, "stances": [stance], "content": content, "canonical_event_id": event, "speaker_company_id": "c1", "company_ids": companies, "first_seen": date(2031, 2, 2) if kid == "k1" else date(2031, 3, 5), "n_documents": 1, "n_publishers": 1, "doc_ids": [doc], "evidence": DOCS[doc][s:e], "story_id": "st_northwind"})  # fmt: skip


def add_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str = "success",
    dq: bool | None = True,
    no_op: bool = False,
) -> None:
    """A run and (unless dq is None) one data-quality result for it."""
    warehouse.runs.start_run(con, run_id, ["in"], "0", None)
    counts = {"validate": {"skipped": "no new or changed inputs"}} if no_op else {}
    warehouse.runs.finish_run(con, run_id, status, counts, {"ingest": 1.0}, "ok")
    if dq is not None:
        con.execute(
            "INSERT INTO dq_results VALUES (?, 'documents', 'expect_column_values_to_not_be_null', "
            "'{\"column\": \"body\"}', 'abort', ?, 0, now())",
            [run_id, dq],
        )


def base_warehouse(path: Path, layers: set[str] | None = None) -> Path:
    """A warehouse with the DDL of the given layers (all when None) and one good run."""
    with duckdb.connect(str(path)) as con:
        for ddl in sql_files():
            if layers is None or ddl.parent.name in layers:
                con.execute(ddl.read_text())
        add_run(con, "run-1")
    return path


def invented_warehouse(path: Path) -> Path:
    """Every table and view, filled with the invented articles and facts above."""
    base_warehouse(path)
    with duckdb.connect(str(path)) as con:
        add_documents(con)
        add_entities(con)
        add_facts(con)
    return path


# --- tests ------------------------------------------------------------------------------------


def section(page: str, anchor: str) -> str:
    """The HTML of one section of the index page."""
    return re.search(rf"<section id='{anchor}'>(.*?)</section>", page, re.S).group(1)


def test_sections_say_not_available_before_the_fact_tables_exist(tmp_path: Path) -> None:
    wh = base_warehouse(tmp_path / "w.duckdb", {"raw", "staging", "ops"})
    index, stats = write_site(wh, tmp_path / "site")
    page = index.read_text()
    for anchor in ("companies", "events", "claims", "conflicts"):
        assert NOT_AVAILABLE in section(page, anchor), anchor
    assert "Trusted:" in page and stats.companies == 0 and stats.documents == 0


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented warehouse, built once for the module (tests copy it before changing it)."""
    return invented_warehouse(tmp_path_factory.mktemp("invented") / "w.duckdb")


@pytest.fixture(scope="module")
def site(invented: Path) -> Path:
    """The site of the invented warehouse."""
    return write_site(invented, invented.parent / "site")[0].parent


def test_one_page_per_company_and_per_canonical_article_with_a_fact(site: Path) -> None:
    assert sorted(p.stem for p in (site / "companies").glob("*.html")) == ["c1", "c2", "c3"]
    # d4 is a duplicate of d1: facts come from canonical articles only
    assert sorted(p.stem for p in (site / "documents").glob("*.html")) == ["d1", "d2", "d3"]


def test_company_page_timeline_in_date_order_undated_apart(site: Path) -> None:
    c2 = (site / "companies" / "c2.html").read_text()
    dated, undated = c2.split("<h3>Undated") if "<h3>Undated" in c2 else (c2, "")
    order = [m for m in re.findall(r"<li id='i-([^']+)'", dated)]
    assert order == ["cc_k1", "ce_e1", "ce_e2", "cc_k2"]  # by date; on one day events first
    c1 = (site / "companies" / "c1.html").read_text()
    assert "Tobias Renn" in c1 and "Spokesman" in c1  # its people with titles
    c3 = (site / "companies" / "c3.html").read_text()
    assert "<h3>Undated (1)</h3>" in c3 and "layoffs" in c3.split("<h3>Undated")[1]


def test_every_item_quotes_its_evidence_and_links_to_the_sentence(site: Path) -> None:
    c1 = (site / "companies" / "c1.html").read_text()
    s, e = sentence_of("d1", "buy")
    assert f"href='../documents/d1.html#s-{s}-{e}'" in c1
    d1 = (site / "documents" / "d1.html").read_text()
    assert f"id='s-{s}-{e}'" in d1


def test_conflicts_are_readable_rows_on_index_and_company_page(site: Path) -> None:
    index = (site / "index.html").read_text()
    conflicts = section(index, "conflicts")
    assert conflicts.count("<tr>") == 3  # header, the claim pair and the event pair about c1
    assert "<th>one side says</th><th>the other denies</th>" in conflicts
    assert "../" not in conflicts and "documents/d2.html#s-" in conflicts
    assert "Open conflicts" in index and "Harbor Lane Foods" in conflicts
    assert "denied" in (site / "companies" / "c1.html").read_text().split("id='conflicts'")[1]


def test_corroborated_claims_show_their_words_and_charts_their_names(site: Path) -> None:
    claims = section((site / "index.html").read_text(), "claims")
    assert "There are no plans to buy the bakery business" in claims
    chart_text = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", claims))
    assert "Tobias Renn" in chart_text and "cc_" not in chart_text


def test_titles_and_bodies_are_escaped(site: Path) -> None:
    page = (site / "documents" / "d3.html").read_text()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "<script>document" not in page and "<img src=x" not in page and "<b>Bank" not in page


def test_search_index_lists_companies_and_people(site: Path) -> None:
    script = (site / "search.js").read_text()
    entries = json.loads(script.split("=", 1)[1].split(";\n", 1)[0])
    renn = next(e for e in entries if e["n"] == "Tobias Renn")
    assert renn["u"] == "companies/c1.html#p-p2" and "Spokesman at Northwind Robotics" in renn["k"]
    assert {
        "n": "Northwind Robotics",
        "a": "Northwind Robotics",
        "k": "company",
        "u": "companies/c1.html",
    } in entries


def verdict_of(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        v = trust_verdict(con, relations(con))
    return f"{v.level}: {v.text}"


def test_trust_after_a_no_op_rerun(tmp_path: Path) -> None:
    path = base_warehouse(tmp_path / "w.duckdb", {"raw", "staging", "ops"})
    with duckdb.connect(str(path)) as con:
        add_run(con, "run-2", dq=None, no_op=True)
    text = verdict_of(path)
    assert text.startswith("ok: Trusted") and "run-1" in text and "run-2 found no new" in text


def test_trust_after_an_incremental_run_reads_that_run(tmp_path: Path) -> None:
    path = base_warehouse(tmp_path / "w.duckdb", {"raw", "staging", "ops"})
    with duckdb.connect(str(path)) as con:
        add_run(con, "run-2", dq=True)  # new input: validated again
    assert verdict_of(path).startswith("ok: Trusted: the published data passed all 1 ")
    assert "in run run-2" in verdict_of(path)
    with duckdb.connect(str(path)) as con:
        add_run(con, "run-3", dq=False)  # the next increment broke an expectation
    assert verdict_of(path).startswith("bad: Not trusted: 1 of 1 expectations failed in run run-3")


def test_trust_after_a_failed_run_is_amber_and_judges_the_published_data(tmp_path: Path) -> None:
    path = base_warehouse(tmp_path / "w.duckdb", {"raw", "staging", "ops"})
    with duckdb.connect(str(path)) as con:
        add_run(con, "run-2", status="failed_validation", dq=False)
    text = verdict_of(path)
    assert text.startswith("warn: Trusted") and "run-2 ended with status failed_validation" in text


def test_a_failed_expectation_of_the_published_data_is_untrusted(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        for ddl in sql_files():
            if ddl.parent.name in {"raw", "staging", "ops"}:
                con.execute(ddl.read_text())
        add_run(con, "run-1", dq=False)
        add_run(con, "run-2", dq=None, no_op=True)
    assert verdict_of(path).startswith("bad: Not trusted: 1 of 1 expectations failed in run run-1")


def test_a_missing_column_is_named_not_fatal(tmp_path: Path) -> None:
    path = base_warehouse(tmp_path / "w.duckdb", {"raw", "staging", "ops"})
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE companies (company_id VARCHAR, label VARCHAR)")
    page = write_site(path, tmp_path / "site")[0].read_text()
    assert "companies has no column name, n_documents" in section(page, "companies")


def test_a_rebuild_replaces_the_site_and_a_foreign_folder_is_refused(
    invented: Path, tmp_path: Path
) -> None:
    wh = Path(shutil.copy(invented, tmp_path / "w.duckdb"))
    out = tmp_path / "site"
    write_site(wh, out)
    (out / "companies" / "gone.html").write_text("stale")
    write_site(wh, out)
    assert not (out / "companies" / "gone.html").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(app, ["report", "-w", str(wh), "--output", str(foreign)])
    assert result.exit_code == 2 and "not a newsfacts report site" in result.output
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_cli_writes_the_site_next_to_the_warehouse(invented: Path, tmp_path: Path) -> None:
    wh = Path(shutil.copy(invented, tmp_path / "w.duckdb"))
    result = CliRunner().invoke(app, ["report", "-w", str(wh)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report" / "index.html").exists() and "3 company pages" in result.output
