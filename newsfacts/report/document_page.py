"""documents/<doc_id>.html: one canonical article, its body with every extracted mention, timex,
claim and event highlighted from its offsets, and a side list of its facts linking into the body.

A link to `#s-<start>-<end>` lands on an evidence sentence, which the stylesheet outlines
(`:target`); `#claim-<id>` and `#event-<id>` land on a claim's words or an event's trigger.
"""

from __future__ import annotations

from collections import Counter

from newsfacts.report.data import Row
from newsfacts.report.documents import Article
from newsfacts.report.highlight import highlight
from newsfacts.report.markup import (
    Html,
    badge,
    company_href,
    doc_title,
    esc,
    link,
    page,
    plain,
    short,
)

ROOT = "../"
# Characters of a claim's words in the side list.
SIDE_CHARS = 120
LEGEND = [
    ("company", "company or organisation"),
    ("person", "person"),
    ("timex", "date or time"),
    ("claim", "what was said"),
    ("speaker", "who said it"),
    ("event", "event trigger"),
]


def _list(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return (
        f"<h3>{esc(title)} ({len(items)})</h3><ul>"
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul>"
    )


def _events(article: Article, names: dict[str, str], companies: set[str]) -> list[str]:
    out = []
    for e in article.facts["events"]:
        target = link(f"#event-{e['event_id']}", f"{e['event_type']}: “{e['trigger']}”")
        who = e["company_id"]
        company = ""
        if who:
            name = names.get(who, who)
            company = " · " + (
                link(ROOT + company_href(who), name) if who in companies else esc(name)
            )
        out.append(f"{target} {badge(e['status'])}{company}")
    return out


def _claims(article: Article) -> list[str]:
    return [
        f"<b>{esc(c['speaker'])}</b> {badge(c['stance'])} "
        + link(f"#claim-{c['claim_id']}", short(c["content"], SIDE_CHARS))
        for c in article.facts["claims"]
    ]


def _mentioned(rows: list[Row], key: str, names: dict[str, str], pages: set[str]) -> list[str]:
    counts = Counter(r[key] for r in rows)
    out = []
    for ident, n in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0]))):
        name = names.get(ident, ident)
        shown = link(ROOT + company_href(ident), name) if ident in pages else Html(esc(name))
        out.append(f"{shown} <span class='meta'>×{n}</span>")
    return out


def _timexes(article: Article) -> list[str]:
    return [
        f"“{esc(t['text'])}” <span class='meta'>{esc(t['type'])} {esc(t['value'] or 'unresolved')}</span>"
        for t in article.facts["timexes"]
    ]


def facts_list(article: Article, names: dict[str, str], companies: set[str]) -> str:
    """The side list: events, claims, organisations, people and dates of the article."""
    return (
        _list("Events", _events(article, names, companies))
        + _list("Claims", _claims(article))
        + _list(
            "Organisations",
            _mentioned(article.facts["company_mentions"], "company_id", names, companies),
        )
        + _list("People", _mentioned(article.facts["person_mentions"], "person_id", names, set()))
        + _list("Dates and times", _timexes(article))
    )


def _meta(doc: Row) -> str:
    parts = [doc.get("publisher"), plain(doc.get("published_date")) or "undated", doc.get("author")]
    line = " · ".join(esc(p) for p in parts if p)
    url = doc.get("url")
    source = ""
    if url:  # only web addresses become links: a javascript: URL stays text
        web = url.lower().startswith(("http://", "https://"))
        source = "<br>" + (link(url, short(url, 100)) if web else esc(short(url, 100)))
    return f"<p class='meta'>{line}{source}<br>document {esc(doc['doc_id'])}</p>"


def document_page(article: Article, names: dict[str, str], companies: set[str]) -> str:
    """The whole page of one article."""
    doc = article.doc
    title = doc_title(doc)
    legend = "".join(f"<mark data-kind='{k}'>{esc(text)}</mark>" for k, text in LEGEND)
    body = (
        f"<p class='meta'>{link(ROOT + 'index.html', 'Back to the report')}</p>"
        f"<h1 id='title'>{esc(title)}</h1>{_meta(doc)}<p class='legend'>{legend}</p>"
        f"<div class='doc'><article class='body' id='body'>{highlight(doc['body'], article.spans)}</article>"
        f"<aside class='facts'>{facts_list(article, names, companies)}</aside></div>"
    )
    return page(f"{title} · newsfacts", Html(body), ROOT)
