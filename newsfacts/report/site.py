"""Site: the published warehouse in, a static report site out (by default `report/` next to the
warehouse) that opens from disk with no network: index.html, companies/<company_id>.html,
documents/<doc_id>.html, one shared site.css and search.js. Charts are inline SVG.

The site is built in a sibling folder and swapped in whole, so pages of companies or documents
that no longer exist do not linger, and a reader never sees half a site.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfacts.report import data, data_docs, documents, search
from newsfacts.report.company_page import company_page
from newsfacts.report.document_page import document_page
from newsfacts.report.index_page import Context, index_page
from newsfacts.report.markup import STYLE, company_href, doc_title, document_href
from newsfacts.report.parts import Links
from newsfacts.report.trust import trust_verdict
from newsfacts.warehouse import gx_project_dir, open_read_only

TITLE = "newsfacts warehouse report"
# File marking a folder as a report site, so `--output` never wipes a folder it did not write.
MARKER = ".newsfacts-report"


@dataclass(frozen=True)
class SiteStats:
    """What one build wrote: pages per kind and bytes on disk."""

    companies: int
    documents: int
    bytes: int


def data_docs_index(warehouse: Path) -> Path | None:
    """The GX Data Docs index page of the warehouse's GX project, if it has been built."""
    root = gx_project_dir(warehouse)
    for candidate in (root / "gx", root):  # GX's file context nests its files in a gx/ folder
        index = candidate / "uncommitted" / "data_docs" / "local_site" / "index.html"
        if index.exists():
            return index
    return None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _company_pages(
    con: duckdb.DuckDBPyConnection, rels: data.Relations, out: Path, ctx: Context
) -> int:
    if data.missing(rels, "companies", ["company_id", "name", "kind", "aliases"]):
        return 0
    people = (
        data.people(con) if not data.missing(rels, "people", ["person_id", "company_id"]) else []
    )
    staff: dict[str, list[data.Row]] = {}
    for p in people:
        staff.setdefault(p["company_id"], []).append(p)
    by_company: dict[str, list[data.Row]] = {}
    if not data.missing(rels, "claim_conflicts", ["a_id", "b_id", "company_id"]):
        for c in data.conflicts(con):
            by_company.setdefault(c["company_id"], []).append(c)
    names = {c["company_id"]: c["name"] for c in ctx.companies}
    for c in ctx.companies:
        cid = c["company_id"]
        page = company_page(
            c,
            staff.get(cid, []),
            ctx.timelines.get(cid, []),
            by_company.get(cid, []),
            ctx.links,
            names,
        )
        _write(out / company_href(cid), page)
    return len(ctx.companies)


def build(
    con: duckdb.DuckDBPyConnection, out: Path, docs_link: str | None, title: str = TITLE
) -> SiteStats:
    """Write every page of the site into the folder `out` (which must be empty or absent)."""
    rels = data.relations(con)
    articles = documents.articles(con, rels)
    companies = (
        data.companies(con)
        if not data.missing(rels, "companies", ["company_id", "n_documents"])
        else []
    )
    timelines = data.timelines(con, rels) if "company_timeline" in rels else {}
    links = Links(
        {d: doc_title(a.doc) for d, a in articles.items()},
        {c["company_id"] for c in companies},
        data.evidence_places(con, rels),
    )
    ctx = Context(con, rels, links, trust_verdict(con, rels), companies, timelines)
    _write(out / "site.css", STYLE)
    _write(out / "index.html", index_page(ctx, docs_link, title))
    n_companies = _company_pages(con, rels, out, ctx)
    names = documents.names(con, rels)
    for doc_id, article in articles.items():
        _write(out / document_href(doc_id), document_page(article, names, links.companies))
    people = (
        data.people(con)
        if not data.missing(rels, "people", ["person_id", "name", "aliases"])
        else []
    )
    entries = search.entries(companies, people, data.person_documents(con, rels), set(articles))
    _write(out / "search.js", search.script(entries))
    (out / MARKER).write_text("written by `newsfacts report`; replaced whole on every build\n")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return SiteStats(n_companies, len(articles), size)


def _check_replaceable(output: Path) -> None:
    """Refuse to replace a file, or a folder with content that is not a report site."""
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(20, "not a folder", str(output))
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise FileExistsError(17, "folder exists and is not a newsfacts report site", str(output))


def write_site(
    warehouse: Path, output: Path | None = None, title: str = TITLE
) -> tuple[Path, SiteStats]:
    """Build the site for the warehouse into `output` (default: report/ next to it).

    Returns the index page and what was written. The GX Data Docs site, when built, is made
    offline too (older warehouses built it with CDN links) and linked by a relative path.
    """
    output = (output or warehouse.parent / "report").absolute()
    _check_replaceable(output)
    docs = data_docs_index(warehouse)
    if docs:
        data_docs.make_offline(docs.parent)
    link = os.path.relpath(docs, output) if docs else None
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with open_read_only(warehouse) as con:
            stats = build(con, staging, link, title)
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        if output.exists():
            output.rename(old)
        staging.rename(output)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output / "index.html", stats


def write_report(warehouse: Path, output: Path | None = None) -> Path:
    """Write the report site and return its index page (the `newsfacts report` command)."""
    return write_site(warehouse, output)[0]
