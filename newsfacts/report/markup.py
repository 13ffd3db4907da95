"""HTML building blocks of the report site: escaping, tables, cards, links and the page shell.

Every text that comes from the warehouse goes through `esc` (article titles, bodies, names and
claims are data, never markup). The site's style lives in one shared `site.css`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from datetime import date, datetime

# Rows shown per table on a page; the warehouse keeps them all (`newsfacts sql` shows more).
MAX_TABLE_ROWS = 200
# Characters of a cell shown before it is cut with an ellipsis (claims, reasons, evidence).
MAX_CELL_CHARS = 300
NOT_AVAILABLE = "not available in this warehouse"

# Colours per event status and claim stance (newsfacts.vocab values), so the same status looks the
# same in every chart and list; speculated, hedge and anything else are grey.
STATUS_COLORS = {
    "occurred": "#2a9d8f",
    "planned": "#457b9d",
    "denied": "#e63946",
    "assert": "#2a9d8f",
    "deny": "#e63946",
}
OTHER_COLOR = "#6c757d"
# Colours per run status (runs.status).
RUN_COLORS = {
    "success": "#2a9d8f",
    "failed_validation": "#e63946",
    "failed": "#e63946",
    "interrupted": "#e9a400",
}


def esc(value: object) -> str:
    """Text (or any value) as HTML-escaped text; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def short(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """Text cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(value: object) -> str:
    """A value as display text: dates in ISO form, floats to 3 digits, lists joined."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return str(value)


def cell(value: object) -> str:
    """A table cell's HTML: a value escaped and cut, or Html passed through as it is."""
    if isinstance(value, Html):
        return str(value)
    return esc(short(plain(value)))


class Html(str):
    """Markup built by this package (already escaped), passed through `cell` untouched."""


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    empty: str = "none",
    cls: str = "data",
    limit: int = MAX_TABLE_ROWS,
) -> str:
    """An HTML table of rows (at most `limit`), or a note when there are none."""
    if not rows:
        return note(empty)
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows[:limit]
    )
    more = len(rows) - limit
    extra = note(f"{more} more rows not shown.") if more > 0 else ""
    return (
        f"<table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{extra}"
    )


def safe_name(ident: str) -> str:
    """A file name for an id: ids are hex hashes with a prefix; anything else is hashed."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", ident):
        return ident
    return "x" + hashlib.sha256(ident.encode()).hexdigest()[:24]


def company_href(company_id: str) -> str:
    """Path of a company's page, relative to the site root."""
    return f"companies/{safe_name(company_id)}.html"


def document_href(doc_id: str, anchor: str | None = None) -> str:
    """Path of a document's page (and a place in it), relative to the site root."""
    return f"documents/{safe_name(doc_id)}.html" + (f"#{anchor}" if anchor else "")


def doc_title(doc: dict) -> str:
    """A document's readable title; untitled ones are named by their first words."""
    title = doc.get("display_title") or doc.get("title")
    if title:
        return title
    words = " ".join((doc.get("body") or "").split()[:10])
    return f"Untitled: {words}…" if words else doc["doc_id"]


def note(text: str) -> str:
    """A greyed paragraph: a section with nothing to show says why."""
    return f"<p class='empty'>{esc(text)}</p>"


def link(href: str, text: str, cls: str = "") -> Html:
    """An <a> with escaped target and text."""
    klass = f" class='{esc(cls)}'" if cls else ""
    return Html(f"<a href='{esc(href)}'{klass}>{esc(text)}</a>")


def badge(value: str | None) -> Html:
    """A coloured label for a status or stance."""
    if not value:
        return Html("")
    color = STATUS_COLORS.get(value) or RUN_COLORS.get(value, OTHER_COLOR)
    return Html(f"<span class='badge' style='background:{color}'>{esc(value)}</span>")


def cards(numbers: Sequence[tuple[str, int | None]]) -> str:
    """Headline numbers as cards; None reads n/a (the table is not in this warehouse)."""
    cells = "".join(
        f"<div class='card'><b>{'n/a' if n is None else f'{n:,}'}</b><span>{esc(label)}</span></div>"
        for label, n in numbers
    )
    return f"<div class='cards'>{cells}</div>"


def section(anchor: str, heading: str, body: str) -> str:
    """A titled section with an anchor for the page's navigation."""
    return f"<section id='{esc(anchor)}'><h2>{esc(heading)}</h2>{body}</section>"


def page(title: str, body: str, root: str = "", scripts: Sequence[str] = ()) -> str:
    """A whole page: head with the shared stylesheet (root: relative path to the site root)."""
    tags = "".join(f"<script src='{esc(root + s)}'></script>" for s in scripts)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(title)}</title><link rel='stylesheet' href='{esc(root)}site.css'></head>"
        f"<body><header class='top'><a href='{esc(root)}index.html'>newsfacts</a></header>"
        f"<main>{body}</main>{tags}</body></html>"
    )


STYLE = """*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2328;background:#fff}
main{max-width:1180px;margin:0 auto;padding:1rem 1.5rem 3rem}
header.top{background:#1f2d3d;padding:.5rem 1.5rem}header.top a{color:#fff;font-weight:600;text-decoration:none}
h1{margin:.6rem 0 .2rem;font-size:1.7rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
a{color:#0b5cad}nav.toc{display:flex;flex-wrap:wrap;gap:.2rem 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem;width:100%}
th,td{border:1px solid #d8dee4;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.num,th.num{text-align:right}
.verdict{font-size:1.05rem;padding:.6rem .8rem;border-radius:4px;margin:.8rem 0}
.ok{background:#e3f6e3;border-left:6px solid #2a9d8f}.warn{background:#fff4d6;border-left:6px solid #e9a400}
.bad{background:#fde2e2;border-left:6px solid #e63946}
.empty,.meta{color:#667}.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
.card{border:1px solid #d8dee4;border-radius:6px;padding:.4rem .8rem;min-width:7.5rem}
.card b{display:block;font-size:1.3rem}.card span{color:#556;font-size:.8rem}
.badge{color:#fff;border-radius:3px;padding:0 .35rem;font-size:.78rem;white-space:nowrap}
.chart{margin:.5rem 0 1rem;max-width:100%;height:auto}.chart text{font-size:12px;fill:#1f2328}
blockquote{margin:.3rem 0;padding:.2rem .7rem;border-left:3px solid #c5ccd3;color:#333}
ol.timeline{list-style:none;padding:0}ol.timeline li{border-left:3px solid #c5ccd3;margin:0 0 .8rem;padding:.1rem .8rem}
ol.timeline .when{font-weight:600;margin-right:.5rem}
.search input{width:100%;max-width:32rem;padding:.45rem .6rem;font-size:1rem;border:1px solid #aab;border-radius:4px}
#search-results{list-style:none;padding:0;margin:.3rem 0}#search-results li{padding:.15rem 0}
.doc{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.5rem}
@media (max-width:900px){.doc{grid-template-columns:1fr}}
.body{white-space:pre-wrap;line-height:1.6;font-family:Georgia,serif;font-size:1.02rem}
.facts{font-size:.85rem}.facts h3{margin:.8rem 0 .3rem}.facts ul{padding-left:1.1rem;margin:0}
mark{background:none;color:inherit;padding:0}
mark[data-kind=sentence]{border-radius:2px}
mark[data-kind=company]{background:#dbeafe;border-bottom:2px solid #3b82f6}
mark[data-kind=person]{background:#ede9fe;border-bottom:2px solid #7c3aed}
mark[data-kind=timex]{background:#dcfce7;border-bottom:2px solid #16a34a}
mark[data-kind=claim]{background:#fef3c7}
mark[data-kind=speaker]{border-bottom:2px dotted #b45309}
mark[data-kind=event]{background:#fee2e2;border-bottom:2px solid #dc2626;font-weight:600}
mark[data-kind=sentence]:target,mark.hit{outline:3px solid #f59e0b;background:#fff7cc}
.legend mark{padding:0 .3rem;margin-right:.4rem}
.conflict td:nth-child(1){width:12%}.conflict td:nth-child(2){width:14%}.conflict td:nth-child(n+3){width:37%}.side{font-size:.85rem}"""
