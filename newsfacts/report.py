"""Report: the published warehouse in, one self-contained HTML data-quality report out."""

from __future__ import annotations

import html
from pathlib import Path

import duckdb

from newsfacts.validate import gx_project_dir
from newsfacts.warehouse import open_read_only


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table, by name."""
    names = [t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1"
    ).fetchall()]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _table(headers: list[str], rows: list[tuple], empty: str = "none") -> str:
    if not rows:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _latest_run(con: duckdb.DuckDBPyConnection) -> tuple | None:
    return con.execute(
        "SELECT run_id, status, started_at, finished_at, message FROM runs ORDER BY started_at DESC LIMIT 1"
    ).fetchone()


def report_sections(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(heading, HTML) pairs: runs, data quality, table counts, errors, quarantine."""
    runs = con.execute(
        "SELECT run_id, status, started_at, finished_at, message FROM runs ORDER BY started_at DESC LIMIT 20"
    ).fetchall()
    latest = runs[0][0] if runs else None
    dq = con.execute(
        "SELECT suite, expectation, json_extract_string(kwargs, '$.column') AS col, on_failure, success, "
        "unexpected_count FROM dq_results WHERE run_id = ? ORDER BY success, suite, expectation",
        [latest]).fetchall()
    errors = con.execute(
        "SELECT run_id, source_path, stage, reason FROM ingest_errors ORDER BY logged_at DESC LIMIT 200"
    ).fetchall()
    quarantined = con.execute(
        "SELECT run_id, table_name, record_key, reasons FROM quarantine ORDER BY quarantined_at DESC LIMIT 200"
    ).fetchall()
    return [
        ("Run history", _table(["run", "status", "started", "finished", "message"], runs)),
        ("Data quality of the latest run", _table(
            ["suite", "expectation", "column", "on failure", "success", "unexpected rows"], dq)),
        ("Rows per table", _table(["table", "rows"], list(table_counts(con).items()))),
        ("Ingest errors", _table(["run", "path", "stage", "reason"], errors)),
        ("Quarantined rows", _table(["run", "table", "key", "reasons"], quarantined)),
    ]


STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.status{font-size:1.2rem;padding:.5rem;border-radius:4px}
.ok{background:#e3f6e3}.bad{background:#fde2e2}.empty{color:#777}"""


def render_report(con: duckdb.DuckDBPyConnection, data_docs: Path | None) -> str:
    """The whole report as one HTML string (no external resources)."""
    latest = _latest_run(con)
    failed = con.execute(
        "SELECT count(*) FROM dq_results WHERE run_id = ? AND NOT success", [latest[0] if latest else None]
    ).fetchone()[0]
    trusted = bool(latest) and latest[1] == "success" and failed == 0
    verdict = ("Latest run passed every expectation: the load can be trusted." if trusted
               else "Latest run did not pass validation: see below before trusting the data.")
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>newsfacts data quality</title>"
             f"<style>{STYLE}</style></head><body><h1>newsfacts data-quality report</h1>",
             f"<p class='status {'ok' if trusted else 'bad'}'>{html.escape(verdict)}</p>"]
    if data_docs and data_docs.exists():
        parts.append(f"<p><a href='{data_docs.as_uri()}'>Great Expectations Data Docs</a></p>")
    for heading, body in report_sections(con):
        parts.append(f"<h2>{html.escape(heading)}</h2>{body}")
    parts.append("</body></html>")
    return "".join(parts)


def write_report(warehouse: Path, output: Path | None = None) -> Path:
    """Write the HTML report next to the warehouse (or to `output`) and return its path."""
    output = output or warehouse.parent / "report.html"
    docs = gx_project_dir(warehouse) / "uncommitted" / "data_docs" / "local_site" / "index.html"
    with open_read_only(warehouse) as con:
        page = render_report(con, docs)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page)
    return output
