"""companies/<company_id>.html: one organisation with its aliases and kind, its people, its
timeline of canonical events and statements in date order (undated items apart), its conflicts,
and for every item the evidence sentence, leading to the highlighted sentence in the article.
"""

from __future__ import annotations

from datetime import date

from newsfacts.report import svg
from newsfacts.report.data import Row
from newsfacts.report.markup import (
    OTHER_COLOR,
    STATUS_COLORS,
    Html,
    badge,
    document_href,
    esc,
    link,
    note,
    page,
    plain,
    section,
    table,
)
from newsfacts.report.parts import Links, conflicts_table

ROOT = "../"


def _what(item: Row) -> str:
    """One line saying what a timeline item is: an event and its status, or who said what."""
    if item["item"] == "event":
        return f"<b>{esc(item['event_type'])}</b> {badge(item['status'])}"
    speakers = ", ".join(s for s in item["speakers"] or [] if s) or "someone"
    about = f" about <b>{esc(item['event_type'])}</b>" if item["event_type"] else ""
    words = f"<div>{esc(item['content'])}</div>" if item.get("content") else ""
    return f"<b>{esc(speakers)}</b> {badge(item['stance'])}{about}{words}"


def _when(item: Row) -> str:
    """The item's date as the warehouse states it (an event's TIMEX value keeps its grain)."""
    if item["item"] == "event" and item["date_value"]:
        return item["date_value"]
    return plain(item["item_date"]) or "undated"


def _item(links: Links, item: Row) -> str:
    counts = (
        f"<span class='meta'>reported by {item['n_documents']} document(s), "
        f"{item['n_publishers']} known publisher(s): </span>{links.docs(item['doc_ids'], ROOT)}"
    )
    return (
        f"<li id='i-{esc(item['item_id'])}'><span class='when'>{esc(_when(item))}</span>"
        f"<span class='meta'>{esc(item['item'])}</span> {_what(item)}"
        f"{links.evidence(item['item_id'], item['evidence'], ROOT)}{counts}</li>"
    )


def _chart(links: Links, items: list[Row], name: str) -> str:
    dots = []
    for item in items:
        day = item["item_date"]
        if not isinstance(day, date):
            continue
        place = links.places.get(item["item_id"])
        href = (
            ROOT + document_href(place.doc_id, place.anchor)
            if place and place.doc_id in links.titles
            else None
        )
        colour = STATUS_COLORS.get(
            item["status"] if item["item"] == "event" else item["stance"], OTHER_COLOR
        )
        label = item["event_type"] or item.get("content") or item["item"]
        dots.append(svg.Dot(day, f"{item['item']}: {label}", colour, href))
    return svg.timeline(dots, f"{name}: dated events and statements")


def timeline_section(links: Links, items: list[Row], name: str) -> str:
    """Dated items in date order with a chart, then the undated ones apart."""
    if not items:
        return note("No events or statements about this organisation yet.")
    dated = [i for i in items if i["item_date"] is not None]
    undated = [i for i in items if i["item_date"] is None]
    parts = [_chart(links, dated, name)]
    if dated:
        parts.append("<ol class='timeline'>" + "".join(_item(links, i) for i in dated) + "</ol>")
    if undated:
        parts.append(
            f"<h3>Undated ({len(undated)})</h3><ol class='timeline undated'>"
            + "".join(_item(links, i) for i in undated)
            + "</ol>"
        )
    return "".join(parts)


def people_section(people: list[Row]) -> str:
    """The people working for the organisation, with their titles."""
    rows = [
        (
            Html(f"<span id='p-{esc(p['person_id'])}'>{esc(p['name'])}</span>"),
            p["title"],
            ", ".join(p["aliases"] or []),
            p["n_documents"],
        )
        for p in people
    ]
    return table(
        ["name", "title", "also written", "documents"], rows, "No people named for it yet."
    )


def company_page(
    company: Row,
    people: list[Row],
    items: list[Row],
    conflicts: list[Row],
    links: Links,
    names: dict[str, str],
) -> str:
    """The whole page of one organisation."""
    name = company["name"]
    parent = company["parent_company_id"]
    parent_part = f" · part of {links.company(parent, names.get(parent), ROOT)}" if parent else ""
    aliases = ", ".join(a for a in company["aliases"] or [] if a != name) or "none"
    head = (
        f"<p class='meta'>{link(ROOT + 'index.html', 'All companies')}</p>"
        f"<h1>{esc(name)}</h1><p>{badge(company['kind'])} named in {company['n_documents']} "
        f"document(s){parent_part}</p><p><b>Also written:</b> {esc(aliases)}</p>"
    )
    empty = "No open conflicts about this organisation."
    body = (
        head
        + section("people", "People", people_section(people))
        + section("timeline", "Timeline", timeline_section(links, items, name))
        + section("conflicts", "Conflicts", conflicts_table(links, conflicts, ROOT, empty))
    )
    return page(f"{name} · newsfacts", Html(body), ROOT)
