"""The site's index.html: load summary with the trust banner, search, charts labelled by name,
the most corroborated events and statements, open conflicts, data quality, runs and problems.

Each section reads what it needs through `data`; a section whose relations are missing from
this warehouse says so instead of failing, and one that cannot be drawn names the error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from newsfacts.report import data, svg
from newsfacts.report.markup import (
    Html,
    badge,
    cards,
    company_href,
    esc,
    link,
    note,
    page,
    section,
    short,
    table,
)
from newsfacts.report.parts import Links, claims_table, conflicts_table, events_table
from newsfacts.report.trust import Verdict

# Runs listed in the run history.
RUNS_SHOWN = 20
# Companies in the "companies by documents" chart, and rows of the companies table.
TOP_COMPANIES = 20
COMPANIES_LISTED = 50
# Statements and events in the "most corroborated" tables (the first CHART_ROWS are charted).
TOP_FACTS = 25
CHART_ROWS = 10


@dataclass(frozen=True)
class Context:
    """What every section of the index reads: the connection, the schema and the links."""

    con: duckdb.DuckDBPyConnection
    rels: data.Relations
    links: Links
    verdict: Verdict
    companies: list[data.Row]
    timelines: dict[str, list[data.Row]]


def summary_section(ctx: Context) -> str:
    """Headline numbers and the latest run in one line."""
    latest = data.runs(ctx.con, 1) if "runs" in ctx.rels else []
    line = ""
    if latest:
        r = latest[0]
        line = (
            f"<p class='meta'>Latest run {esc(r['run_id'])}: {badge(r['status'])} "
            f"{esc(r['message'])}</p>"
        )
    return cards(data.summary(ctx.con, ctx.rels)) + line


def search_section(ctx: Context) -> str:
    """The search box (search.js fills the list as you type)."""
    return (
        "<div class='search'><label for='search'>Find a company or a person: </label>"
        "<input id='search' type='search' autocomplete='off' placeholder='name or alias'>"
        "<ul id='search-results'></ul></div>"
    )


def companies_section(ctx: Context) -> str:
    """Companies by number of documents (chart) and the best documented ones (table)."""
    if why := data.missing(ctx.rels, "companies", ["company_id", "name", "n_documents"]):
        return note(why)
    if not ctx.companies:
        return note("No companies yet.")
    top = ctx.companies[:TOP_COMPANIES]
    chart = svg.bars(
        [svg.Bar(c["name"], c["n_documents"], company_href(c["company_id"])) for c in top],
        f"Top {len(top)} organisations by documents naming them",
    )
    body = [
        (
            ctx.links.company(c["company_id"], c["name"], ""),
            c["kind"],
            ", ".join(a for a in c["aliases"] or [] if a != c["name"]),
            c["n_documents"],
            len(ctx.timelines.get(c["company_id"], [])),
        )
        for c in ctx.companies[:COMPANIES_LISTED]
    ]
    headers = ["organisation", "kind", "also written", "documents", "timeline items"]
    more = len(ctx.companies) - COMPANIES_LISTED
    extra = note(f"{more} more organisations: use the search above.") if more > 0 else ""
    return chart + table(headers, body, limit=COMPANIES_LISTED) + extra


def events_section(ctx: Context) -> str:
    """Canonical events by type and status (chart) and the most corroborated ones (table)."""
    if why := data.missing(ctx.rels, "event_corroboration", ["canonical_event_id", "n_publishers"]):
        return note(why)
    per_type: dict[str, dict[str, int]] = {}
    for event_type, status, n in data.events_by_type(ctx.con):
        per_type.setdefault(event_type, {})[status] = n
    ordered = sorted(per_type.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    chart = svg.stacked(
        ordered, "Events by type and status (each event once, however many reports)"
    )
    rows = data.top_events(ctx.con, TOP_FACTS) if "companies" in ctx.rels else []
    return chart + "<h3>Most corroborated events</h3>" + events_table(ctx.links, rows, "")


def claims_section(ctx: Context) -> str:
    """The statements reported by the most publishers: chart by speaker and words, and table."""
    if why := data.missing(ctx.rels, "claim_corroboration", ["canonical_claim_id", "content"]):
        return note(why)
    rows = data.top_claims(ctx.con, TOP_FACTS)
    if not rows:
        return note("No statements yet.")
    chart = svg.bars(
        [
            svg.Bar(f"{r['speaker']}: {short(r['content'] or '', 60)}", r["n_documents"])
            for r in rows[:CHART_ROWS]
        ],
        "Documents reporting each statement",
        color="#2a9d8f",
    )
    return chart + claims_table(ctx.links, rows, "")


def conflicts_section(ctx: Context) -> str:
    """Open conflicts, one readable row per pair."""
    if why := data.missing(ctx.rels, "claim_conflicts", ["a_id", "b_id", "relation"]):
        return note(why)
    empty = "No open conflicts: no two statements or events about the same thing disagree."
    return conflicts_table(ctx.links, data.conflicts(ctx.con), "", empty)


def quality_section(ctx: Context) -> str:
    """The expectations of the run that validated the published data: per suite, then failures."""
    if why := data.missing(ctx.rels, "dq_results", ["run_id", "suite", "success"]):
        return note(why)
    results = data.dq_results(ctx.con, ctx.verdict.validated_run)
    if not results:
        return note("No data-quality results for the published data.")
    per_suite: dict[str, list[int]] = {}
    for r in results:
        per_suite.setdefault(r["suite"], [0, 0])[0 if r["success"] else 1] += 1
    suites = table(
        ["suite", "passed", "failed"],
        [(s, p, f) for s, (p, f) in sorted(per_suite.items())],
        cls="data narrow",
    )
    failed = [tuple(r.values()) for r in results if not r["success"]]
    headers = ["suite", "expectation", "column or rule", "on failure", "passed", "unexpected rows"]
    return (
        f"<p>Results of run {esc(ctx.verdict.validated_run)}, which validated the published data.</p>"
        + "<h3>Failed expectations</h3>"
        + table(headers, failed, "None: every expectation held.")
        + f"<details><summary>Expectations per suite ({len(results)} in all)</summary>{suites}</details>"
    )


def runs_section(ctx: Context) -> str:
    """The latest runs: status, start, seconds and message."""
    if why := data.missing(ctx.rels, "runs", ["run_id", "status", "started_at", "finished_at"]):
        return note(why)
    rows = [
        (r["run_id"], badge(r["status"]), r["started_at"], r["seconds"], r["message"])
        for r in data.runs(ctx.con, RUNS_SHOWN)
    ]
    return table(["run", "status", "started (UTC)", "seconds", "message"], rows, "No runs yet.")


def problems_section(ctx: Context) -> str:
    """Quarantined rows and ingest errors, with their reasons."""
    quarantined, errors = data.problems(ctx.con, ctx.rels)
    q_rows = [
        (q["run_id"], q["table_name"], q["record_key"], readable_reasons(q["reasons"]))
        for q in quarantined
    ]
    e_rows = [(e["run_id"], e["source_path"], e["stage"], e["reason"]) for e in errors]
    return (
        "<h3>Quarantined rows</h3>"
        + table(["run", "table", "key", "reasons"], q_rows, "No row was quarantined.")
        + "<h3>Ingest errors</h3>"
        + table(["run", "path", "stage", "reason"], e_rows, "No ingest errors.")
    )


def readable_reasons(reasons: str) -> str:
    """'expect_x (column); ...' from the JSON list stored in quarantine.reasons."""
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


Section = tuple[str, str, Callable[[Context], str]]
SECTIONS: list[Section] = [
    ("summary", "Load summary", summary_section),
    ("search", "Search", search_section),
    ("companies", "Companies and organisations", companies_section),
    ("events", "Events", events_section),
    ("claims", "Most corroborated statements", claims_section),
    ("conflicts", "Open conflicts", conflicts_section),
    ("quality", "Data quality", quality_section),
    ("runs", "Run history", runs_section),
    ("problems", "Quarantined rows and ingest errors", problems_section),
]


def _render(ctx: Context, item: Section) -> str:
    anchor, heading, build = item
    try:
        body = build(ctx)
    except (
        duckdb.Error,
        KeyError,
        ValueError,
        TypeError,
    ) as exc:  # an odd schema must not sink the site
        body = note(
            f"This section could not be drawn from this warehouse: {type(exc).__name__}: {exc}"
        )
    return section(anchor, heading, body)


def index_page(ctx: Context, data_docs: str | None, title: str) -> str:
    """The whole index.html."""
    v = ctx.verdict
    docs = (
        f"<p>{link(data_docs, 'Great Expectations Data Docs')} (every expectation and its results)</p>"
        if data_docs
        else note("Great Expectations Data Docs: not built for this warehouse yet.")
    )
    nav = "".join(f"<a href='#{a}'>{esc(h)}</a>" for a, h, _ in SECTIONS)
    body = (
        f"<h1>{esc(title)}</h1>"
        f"<p class='meta'>Generated {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}</p>"
        f"<p id='verdict' class='verdict {esc(v.level)}'>{esc(v.text)}</p>{docs}"
        f"<nav class='toc'>{nav}</nav>" + "".join(_render(ctx, s) for s in SECTIONS)
    )
    return page(title, Html(body), "", ["search.js"])
