"""Report: the published warehouse in, one self-contained HTML report (charts inline) out.

The page opens offline: plotly.js is embedded once in the head and every chart is a plotly
div. Fact tables and views land over time, so each section first checks that the tables and
columns it reads exist, and says "not available in this warehouse" otherwise.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from newsfacts.validate import gx_project_dir
from newsfacts.warehouse import open_read_only

# Rows shown per table in the page; the warehouse keeps them all (`newsfacts sql` shows more).
MAX_TABLE_ROWS = 200
# Runs listed in the run history and drawn in its chart.
RUNS_SHOWN = 20
# Companies in the "top companies by mentions" chart.
TOP_COMPANIES = 20
# Companies that get their own timeline chart (those with the most events).
TIMELINE_COMPANIES = 6
# Days of margin left and right of a company's timeline (at least), so lone events are readable.
TIMELINE_MIN_PAD_DAYS = 30
# Claims in the "most corroborated" table.
TOP_CLAIMS = 25
# Characters of a cell shown before it is cut with an ellipsis (claims, JSON records).
MAX_CELL_CHARS = 300
NOT_AVAILABLE = "not available in this warehouse"
# Colours per event status / stance (newsfacts.vocab values), so the same status looks the same
# in every chart; speculated, hedge and anything else are grey.
STATUS_COLORS = {
    "occurred": "#2a9d8f",
    "planned": "#457b9d",
    "denied": "#e63946",
    "assert": "#2a9d8f",
    "deny": "#e63946",
}

Relations = dict[str, set[str]]


# --- schema introspection ------------------------------------------------------------------


def relations(con: duckdb.DuckDBPyConnection) -> Relations:
    """Column names of every table and view of the warehouse, by table or view name."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    out: Relations = {}
    for table, column in rows:
        out.setdefault(table, set()).add(column)
    return out


def missing(rels: Relations, name: str, columns: Sequence[str] = ()) -> str | None:
    """Why `name` cannot feed a section (absent, or lacking columns); None when it can."""
    if name not in rels:
        return f"{name}: {NOT_AVAILABLE}."
    lacking = [c for c in columns if c not in rels[name]]
    if lacking:
        return f"{name} has no column {', '.join(lacking)}: {NOT_AVAILABLE}."
    return None


def _ident(name: str) -> str:
    """Quote an identifier that came from the catalog (never from data)."""
    return '"' + name.replace('"', '""') + '"'


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table, by name."""
    names = [
        t
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY 1"
        ).fetchall()
    ]
    return {n: con.execute(f"SELECT count(*) FROM {_ident(n)}").fetchone()[0] for n in names}


def view_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int | str]:
    """Row count of every view, by name (the error text when a view cannot be read)."""
    names = [
        v
        for (v,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND NOT internal ORDER BY 1"
        ).fetchall()
    ]
    out: dict[str, int | str] = {}
    for name in names:
        try:
            out[name] = con.execute(f"SELECT count(*) FROM {_ident(name)}").fetchone()[0]
        except duckdb.Error as exc:
            out[name] = f"unreadable: {exc}"[:MAX_CELL_CHARS]
    return out


# --- HTML building blocks ------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.3g}"
    elif isinstance(value, list | tuple):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return html.escape(text)


def html_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], empty: str = "none"
) -> str:
    """An HTML table of rows (at most MAX_TABLE_ROWS), or a note when there are none."""
    if not rows:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in rows[:MAX_TABLE_ROWS]
    )
    more = len(rows) - MAX_TABLE_ROWS
    note = f"<p class='empty'>{more} more rows not shown.</p>" if more > 0 else ""
    return f"<table class='data'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def note(text: str) -> str:
    """A greyed paragraph: a section with nothing to show says why."""
    return f"<p class='empty'>{html.escape(text)}</p>"


def chart(fig: object, height: int = 360) -> str:
    """A plotly figure as a div; plotly.js itself is embedded once in the page head."""
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": "system-ui, sans-serif", "size": 12},
    )
    div = fig.to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True}
    )
    return f"<div class='chart'>{div}</div>"


def _bar(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    horizontal: bool = True,
    color: str = "#457b9d",
) -> object:
    import plotly.graph_objects as go

    if horizontal:  # longest bar on top
        bar = go.Bar(
            x=list(values)[::-1], y=list(labels)[::-1], orientation="h", marker_color=color
        )
    else:
        bar = go.Bar(x=list(labels), y=list(values), marker_color=color)
    fig = go.Figure(bar, layout={"title": {"text": title}, "yaxis": {"automargin": True}})
    if values and max(values) <= 10:  # small counts: whole-number ticks, not 0.5 steps
        fig.update_layout({"xaxis" if horizontal else "yaxis": {"dtick": 1}})
    return fig


# --- trust verdict -------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether the latest run's data can be trusted, and why, in one sentence."""

    trusted: bool
    text: str


def trust_verdict(con: duckdb.DuckDBPyConnection, rels: Relations) -> Verdict:
    """Trusted when the latest run published and every expectation of it held."""
    if missing(rels, "runs", ["run_id", "status", "started_at"]):
        return Verdict(False, "Not trusted: this warehouse has no run log.")
    latest = con.execute(
        "SELECT run_id, status FROM runs ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    if latest is None:
        return Verdict(False, "Not trusted: no pipeline run has been recorded yet.")
    run_id, status = latest
    failed, total = (
        con.execute(
            "SELECT count(*) FILTER (WHERE NOT success), count(*) FROM dq_results WHERE run_id = ?",
            [run_id],
        ).fetchone()
        if "dq_results" in rels
        else (0, 0)
    )
    if status == "success" and failed == 0 and total > 0:
        return Verdict(
            True,
            f"Trusted: the latest run {run_id} published and passed all {total} "
            "data-quality expectations.",
        )
    why = f"{failed} of {total} expectations failed" if failed else f"its status is {status}"
    if total == 0 and status == "success":
        why = "no data-quality results were recorded for it"
    return Verdict(
        False,
        f"Not trusted: the latest run {run_id} did not pass validation ({why}); "
        "read the data-quality section before using the data.",
    )


# Key numbers at the top of the page: (label, table, filter on that table or "").
KEY_NUMBERS = [
    ("documents", "documents", ""),
    ("canonical documents", "documents", "WHERE duplicate_of IS NULL"),
    ("companies", "companies", ""),
    ("company mentions", "company_mentions", ""),
    ("events", "events", ""),
    ("claims", "claims", ""),
    ("ingest errors", "ingest_errors", ""),
    ("quarantined rows", "quarantine", ""),
]


def key_numbers(con: duckdb.DuckDBPyConnection, rels: Relations) -> list[tuple[str, int | None]]:
    """(label, count) of the headline numbers; None where the table is not in this warehouse."""
    out: list[tuple[str, int | None]] = []
    for label, table, where in KEY_NUMBERS:
        if table not in rels or (where and "duplicate_of" not in rels[table]):
            out.append((label, None))
            continue
        out.append(
            (label, con.execute(f"SELECT count(*) FROM {_ident(table)} {where}").fetchone()[0])
        )
    return out


def _cards(numbers: list[tuple[str, int | None]]) -> str:
    cells = "".join(
        f"<div class='card'><b>{'n/a' if n is None else f'{n:,}'}</b>"
        f"<span>{html.escape(label)}</span></div>"
        for label, n in numbers
    )
    return f"<div class='cards'>{cells}</div>"


# --- sections ------------------------------------------------------------------------------


def runs_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """Run history: a table and a stacked bar of seconds per stage per run."""
    if why := missing(rels, "runs", ["run_id", "status", "started_at", "finished_at", "message"]):
        return note(why)
    rows = con.execute(
        "SELECT run_id, status, strftime(started_at, '%Y-%m-%d %H:%M:%S'), "
        "strftime(finished_at, '%Y-%m-%d %H:%M:%S'), "
        "round(epoch(finished_at) - epoch(started_at), 1) AS seconds, message "
        "FROM runs ORDER BY started_at DESC LIMIT ?",
        [RUNS_SHOWN],
    ).fetchall()
    table = html_table(
        ["run", "status", "started (UTC)", "finished (UTC)", "seconds", "message"],
        rows,
        "no runs recorded yet",
    )
    stage_chart = _stage_seconds_chart(con, rels)
    return stage_chart + table


def _stage_seconds_chart(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    import plotly.graph_objects as go

    if "stage_seconds" not in rels["runs"]:
        return ""
    rows = con.execute(
        "SELECT run_id, stage_seconds FROM runs WHERE stage_seconds IS NOT NULL "
        "ORDER BY started_at DESC LIMIT ?",
        [RUNS_SHOWN],
    ).fetchall()[::-1]
    per_run = [(run, json.loads(secs)) for run, secs in rows if secs]
    stages = list(dict.fromkeys(s for _, secs in per_run for s in secs))
    if not stages:
        return ""
    fig = go.Figure(
        [
            go.Bar(name=s, x=[r for r, _ in per_run], y=[secs.get(s, 0) for _, secs in per_run])
            for s in stages
        ],
        layout={
            "barmode": "stack",
            "title": {"text": "Seconds per stage, per run"},
            "xaxis": {"type": "category"},
        },
    )
    return chart(fig, height=320)


def dq_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """Expectations of the latest run: pass/fail per suite (chart), failures, then every check."""
    cols = ["run_id", "suite", "expectation", "kwargs", "on_failure", "success", "unexpected_count"]
    if why := missing(rels, "dq_results", cols) or missing(rels, "runs"):
        return note(why)
    latest = con.execute("SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    rows = con.execute(
        "SELECT suite, expectation, coalesce(json_extract_string(kwargs, '$.column'), "
        "json_extract_string(kwargs, '$.description'), "
        "json_extract_string(kwargs, '$.unexpected_rows_query')) AS target, "
        "on_failure, success, unexpected_count FROM dq_results WHERE run_id = ? "
        "ORDER BY success, suite, expectation, target",
        [latest[0] if latest else None],
    ).fetchall()
    if not rows:
        return note("No data-quality results for the latest run.")
    by_suite: dict[str, list[int]] = {}
    for suite, *_, success, _ in rows:
        by_suite.setdefault(suite, [0, 0])[0 if success else 1] += 1
    headers = ["suite", "expectation", "column or rule", "on failure", "passed", "unexpected rows"]
    failed = [r for r in rows if not r[4]]
    return (
        _dq_chart(by_suite)
        + "<h3>Failed expectations</h3>"
        + html_table(headers, failed, "None: every expectation held.")
        + f"<details><summary>All {len(rows)} expectations</summary>"
        + html_table(headers, rows)
        + "</details>"
    )


def _dq_chart(by_suite: dict[str, list[int]]) -> str:
    import plotly.graph_objects as go

    suites = sorted(by_suite)
    fig = go.Figure(
        [
            go.Bar(
                name="passed", x=suites, y=[by_suite[s][0] for s in suites], marker_color="#2a9d8f"
            ),
            go.Bar(
                name="failed", x=suites, y=[by_suite[s][1] for s in suites], marker_color="#e63946"
            ),
        ],
        layout={"barmode": "stack", "title": {"text": "Expectations per suite, latest run"}},
    )
    return chart(fig, height=300)


def counts_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """Rows per table (bar chart and table) and rows per view."""
    counts = table_counts(con)
    if not counts:
        return note("The warehouse has no tables.")
    fig = _bar(list(counts), list(counts.values()), "Rows per table", horizontal=False)
    views = view_counts(con)
    view_part = (
        ("<h3>Views</h3>" + html_table(["view", "rows"], list(views.items()))) if views else ""
    )
    return chart(fig, height=320) + html_table(["table", "rows"], list(counts.items())) + view_part


def _company_name_join(rels: Relations, alias: str) -> tuple[str, str]:
    """(name expression, join clause) naming companies by companies.name when that table exists."""
    if missing(rels, "companies", ["company_id", "name"]):
        return f"{alias}.company_id", ""
    return (
        f"coalesce(c.name, {alias}.company_id)",
        f"LEFT JOIN companies c ON c.company_id = {alias}.company_id",
    )


def companies_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """Top companies by number of mentions, with the number of documents mentioning them."""
    if why := missing(rels, "company_mentions", ["company_id", "doc_id"]):
        return note(why)
    name, join = _company_name_join(rels, "m")
    rows = con.execute(
        f"SELECT {name} AS company, m.company_id, count(*) AS mentions, "
        "count(DISTINCT m.doc_id) AS docs "
        f"FROM company_mentions m {join} GROUP BY ALL ORDER BY mentions DESC, company LIMIT ?",
        [TOP_COMPANIES],
    ).fetchall()
    if not rows:
        return note("No company mentions yet.")
    fig = _bar([r[0] for r in rows], [r[2] for r in rows], f"Top {len(rows)} companies by mentions")
    return chart(fig, height=max(260, 26 * len(rows) + 80)) + html_table(
        ["company", "company_id", "mentions", "documents"], rows
    )


def _as_date(column: str) -> str:
    """SQL turning an ISO value of any granularity ('2031', '2031-04', '2031-04-02T10:00') into a
    DATE at its first day; NULL for values that are not dates (durations, PRESENT_REF)."""
    text = f"CAST({column} AS VARCHAR)"
    return (
        f"TRY_CAST(CASE WHEN regexp_matches({text}, '^\\d{{4}}$') THEN {text} || '-01-01' "
        f"WHEN regexp_matches({text}, '^\\d{{4}}-\\d{{2}}$') THEN {text} || '-01' "
        f"ELSE left({text}, 10) END AS DATE)"
    )


def _event_date_sql(rels: Relations) -> str:
    """Best date of an event: its own start or value, else its document's publication date."""
    parts = [_as_date(f"e.{c}") for c in ("date_start", "date_value") if c in rels["events"]]
    if not missing(rels, "documents", ["doc_id", "published_date"]):
        parts.append("d.published_date")
    return f"coalesce({', '.join(parts)})" if parts else "CAST(NULL AS DATE)"


def timeline_events(con: duckdb.DuckDBPyConnection, rels: Relations) -> list[tuple]:
    """(company, date, event_type, status, trigger, doc_id) of the companies with most events."""
    name, join = _company_name_join(rels, "e")
    doc_join = (
        ""
        if missing(rels, "documents", ["doc_id", "published_date"])
        else "LEFT JOIN documents d ON d.doc_id = e.doc_id"
    )
    trigger = "e.trigger" if "trigger" in rels["events"] else "NULL"
    return con.execute(
        f"WITH ev AS (SELECT {name} AS company, {_event_date_sql(rels)} AS day, e.event_type, "
        f"e.status, {trigger} AS trigger, e.doc_id FROM events e {join} {doc_join} "
        "WHERE e.company_id IS NOT NULL), "
        "top AS (SELECT company FROM ev GROUP BY company ORDER BY count(*) DESC, company LIMIT ?) "
        "SELECT * FROM ev WHERE company IN (SELECT company FROM top) "
        "ORDER BY company, day NULLS LAST, event_type",
        [TIMELINE_COMPANIES],
    ).fetchall()


def timeline_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """One timeline chart per company: its events by date (x) and type (y), coloured by status."""
    if why := missing(rels, "events", ["event_id", "doc_id", "event_type", "status", "company_id"]):
        return note(why)
    rows = timeline_events(con, rels)
    if not rows:
        return note("No events linked to a company yet.")
    by_company: dict[str, list[tuple]] = {}
    for row in rows:
        by_company.setdefault(row[0], []).append(row)
    parts = [_company_timeline(company, events) for company, events in by_company.items()]
    table = html_table(["company", "date", "event type", "status", "trigger", "doc_id"], rows)
    return "".join(parts) + "<h3>Events shown above</h3>" + table


def _company_timeline(company: str, events: list[tuple]) -> str:
    import plotly.graph_objects as go

    dated = [e for e in events if isinstance(e[1], date | datetime)]
    undated = len(events) - len(dated)
    caption = note(
        f"{company}: {undated} of {_plural(len(events), 'event')} without a resolved date "
        "(listed in the table below)."
    )
    if not dated:
        return caption
    fig = go.Figure(
        layout={
            "title": {"text": f"{company}: {_plural(len(events), 'event')}"},
            "yaxis": {"type": "category", "automargin": True},
            "xaxis": {"type": "date", "range": _date_range([e[1] for e in dated])},
            "showlegend": True,  # plotly hides a one-trace legend, and with it the status
        }
    )
    for status in sorted({str(e[3]) for e in dated}):
        chosen = [e for e in dated if str(e[3]) == status]
        fig.add_trace(
            go.Scatter(
                x=[e[1] for e in chosen],
                y=[e[2] for e in chosen],
                mode="markers",
                name=status,
                marker={
                    "size": 12,
                    "color": STATUS_COLORS.get(status, "#6c757d"),
                    "line": {"width": 1},
                },
                text=[f"{e[4] or ''} ({e[5]})" for e in chosen],
                hovertemplate="%{x}: %{y}<br>%{text}",
            )
        )
    return chart(fig, height=240) + (caption if undated else "")


def _date_range(days: list[date]) -> list[str]:
    """x-axis range with some air, so one event or a few close ones are not drawn at ms scale."""
    first, last = min(days), max(days)
    pad = max(timedelta(days=TIMELINE_MIN_PAD_DAYS), (last - first) * 0.05)
    return [(first - pad).isoformat(), (last + pad).isoformat()]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def claims_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """The claims reported by the most documents and publishers."""
    if why := missing(rels, "claim_corroboration", ["canonical_claim_id", "n_documents"]):
        return note(why)
    wanted = ["speaker", "stance", "n_documents", "n_publishers", "first_seen", "last_seen"]
    cols = [c for c in wanted if c in rels["claim_corroboration"]]
    has_content = not missing(rels, "claims", ["claim_id", "content"])
    content = "cl.content" if has_content else "NULL"
    join = "LEFT JOIN claims cl ON cl.claim_id = k.canonical_claim_id" if has_content else ""
    order = "k.n_documents DESC" + (", k.n_publishers DESC" if "n_publishers" in cols else "")
    rows = con.execute(
        f"SELECT k.canonical_claim_id, {', '.join('k.' + c for c in cols)}, {content} AS content "
        f"FROM claim_corroboration k {join} ORDER BY {order}, k.canonical_claim_id LIMIT ?",
        [TOP_CLAIMS],
    ).fetchall()
    if not rows:
        return note("No claims yet.")
    n_docs = cols.index("n_documents") + 1
    labels = [
        f"{(r[1] or '?') if 'speaker' in cols else ''}: {_short(r[-1] or r[0], 60)}"
        for r in rows[:10]
    ]
    fig = _bar(
        labels, [r[n_docs] for r in rows[:10]], "Documents reporting each claim", color="#2a9d8f"
    )
    return chart(fig, height=max(220, 34 * len(labels) + 90)) + html_table(
        ["canonical claim", *cols, "content"], rows
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def conflicts_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """Every row of the claim_conflicts view (its columns as they are), counted by kind."""
    if why := missing(rels, "claim_conflicts"):
        return note(why)
    rel = con.sql("SELECT * FROM claim_conflicts")
    rows = rel.limit(MAX_TABLE_ROWS + 1).fetchall()
    if not rows:
        return note("No open conflicts: no two claims or events about the same thing disagree.")
    kind_col = next(
        (c for c in ("relation", "conflict_kind", "kind", "scope_relation") if c in rel.columns),
        None,
    )
    summary = ""
    if kind_col:
        kinds = con.execute(
            f"SELECT {_ident(kind_col)}, count(*) FROM claim_conflicts GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        summary = html_table([kind_col, "pairs"], kinds)
    return summary + html_table(rel.columns, rows)


def problems_section(con: duckdb.DuckDBPyConnection, rels: Relations) -> str:
    """Ingest errors and quarantined rows, with their reasons, and a chart of both by kind."""
    errors = quarantined = []
    if not missing(
        rels, "ingest_errors", ["run_id", "source_path", "stage", "reason", "logged_at"]
    ):
        errors = con.execute(
            "SELECT run_id, source_path, stage, reason FROM ingest_errors "
            "ORDER BY logged_at DESC, source_path"
        ).fetchall()
    if not missing(
        rels, "quarantine", ["run_id", "table_name", "record_key", "reasons", "quarantined_at"]
    ):
        quarantined = [
            (run, table, key, readable_reasons(reasons))
            for run, table, key, reasons in con.execute(
                "SELECT run_id, table_name, record_key, reasons FROM quarantine "
                "ORDER BY quarantined_at DESC, table_name, record_key"
            ).fetchall()
        ]
    kinds: dict[str, int] = {}
    for _, _, stage, _ in errors:
        kinds[f"ingest error: {stage}"] = kinds.get(f"ingest error: {stage}", 0) + 1
    for _, table, _, _ in quarantined:
        kinds[f"quarantined: {table}"] = kinds.get(f"quarantined: {table}", 0) + 1
    top = (
        chart(
            _bar(list(kinds), list(kinds.values()), "Problems by kind", color="#e76f51"),
            height=max(220, 30 * len(kinds) + 80),
        )
        if kinds
        else ""
    )
    return (
        top
        + "<h3>Quarantined rows</h3>"
        + html_table(["run", "table", "key", "reasons"], quarantined, "No row was quarantined.")
        + "<h3>Ingest errors</h3>"
        + html_table(["run", "path", "stage", "reason"], errors, "No ingest errors.")
    )


def readable_reasons(reasons: str) -> str:
    """'expect_x (column), ...' from the JSON list stored in quarantine.reasons."""
    try:
        items = json.loads(reasons)
    except (TypeError, ValueError):
        return str(reasons)
    if not isinstance(items, list):
        return str(items)
    return "; ".join(
        f"{i.get('expectation')}" + (f" ({i['column']})" if i.get("column") else "")
        if isinstance(i, dict)
        else str(i)
        for i in items
    )


Section = tuple[str, str, Callable[[duckdb.DuckDBPyConnection, Relations], str]]
SECTIONS: list[Section] = [
    ("runs", "Run history", runs_section),
    ("quality", "Data quality of the latest run", dq_section),
    ("counts", "Rows per table", counts_section),
    ("companies", "Top companies by mentions", companies_section),
    ("timelines", "Company timelines", timeline_section),
    ("claims", "Most corroborated claims", claims_section),
    ("conflicts", "Open conflicts", conflicts_section),
    ("problems", "Quarantined rows and ingest errors", problems_section),
]


def _render_section(con: duckdb.DuckDBPyConnection, rels: Relations, section: Section) -> str:
    anchor, heading, build = section
    try:
        body = build(con, rels)
    except (
        duckdb.Error,
        KeyError,
        ValueError,
        TypeError,
    ) as exc:  # an odd schema must not sink the report
        body = note(
            f"This section could not be drawn from this warehouse: {type(exc).__name__}: {exc}"
        )
    return f"<section id='{anchor}'><h2>{html.escape(heading)}</h2>{body}</section>"


# --- page ----------------------------------------------------------------------------------

STYLE = """body{font-family:system-ui,sans-serif;margin:1.5rem 2rem;color:#222;max-width:1200px}
h1{margin-bottom:.2rem}nav a{margin-right:1rem}section{margin-top:1.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.verdict{font-size:1.15rem;padding:.6rem .8rem;border-radius:4px}
.ok{background:#e3f6e3;border-left:6px solid #2a9d8f}
.bad{background:#fde2e2;border-left:6px solid #e63946}
.empty{color:#777}.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.4rem .8rem;min-width:7rem}
.card b{display:block;font-size:1.3rem}.card span{color:#555;font-size:.8rem}.chart{margin:.5rem 0}
.meta{color:#555;font-size:.9rem}"""


def render_report(
    con: duckdb.DuckDBPyConnection,
    data_docs: str | None = None,
    title: str = "newsfacts warehouse report",
) -> str:
    """The whole report as one HTML string with no external resources (data_docs: link target)."""
    from plotly.offline import get_plotlyjs

    rels = relations(con)
    verdict = trust_verdict(con, rels)
    docs_link = (
        (
            f"<p><a id='data-docs' href='{html.escape(data_docs)}'>Great Expectations Data Docs</a>"
            " (every expectation and its results)</p>"
        )
        if data_docs
        else note("Great Expectations Data Docs: not built for this warehouse yet.")
    )
    nav = "".join(f"<a href='#{a}'>{html.escape(h)}</a>" for a, h, _ in SECTIONS)
    sections = "".join(_render_section(con, rels, s) for s in SECTIONS)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f"<script>{get_plotlyjs()}</script></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p class='meta'>Generated {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}</p>"
        f"<p id='verdict' class='verdict {'ok' if verdict.trusted else 'bad'}'>"
        f"{html.escape(verdict.text)}</p>"
        f"{docs_link}{_cards(key_numbers(con, rels))}<nav>{nav}</nav>{sections}</body></html>"
    )


def data_docs_index(warehouse: Path) -> Path | None:
    """The GX Data Docs index page of the warehouse's GX project, if it has been built."""
    root = gx_project_dir(warehouse)
    for candidate in (root / "gx", root):  # GX's file context nests its files in a gx/ folder
        index = candidate / "uncommitted" / "data_docs" / "local_site" / "index.html"
        if index.exists():
            return index
    return None


def write_report(warehouse: Path, output: Path | None = None) -> Path:
    """Write the HTML report next to the warehouse (or to `output`) and return its path."""
    output = output or warehouse.parent / "report.html"
    docs = data_docs_index(warehouse)
    # A relative link keeps working when the warehouse folder is copied or served elsewhere.
    link = os.path.relpath(docs, output.absolute().parent) if docs else None
    with open_read_only(warehouse) as con:
        page = render_report(con, link)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output
