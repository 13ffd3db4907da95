"""Pieces shared by the report's pages: evidence quotes that lead to their sentence, document
links named by title, the conflicts table and the corroboration tables.

`root` is the relative path from the page being written to the site root ("" on index.html,
"../" on company and document pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsfacts.report.data import Place, Row
from newsfacts.report.markup import (
    Html,
    badge,
    company_href,
    document_href,
    esc,
    link,
    plain,
    short,
    table,
)

# Characters of an evidence sentence quoted in a table or list (the page behind has it all).
QUOTE_CHARS = 240
# Document links listed per fact before "and N more".
DOC_LINKS = 4


@dataclass(frozen=True)
class Links:
    """What the pages can link to: documents with a page (and their titles), companies with a
    page, and where each canonical fact's evidence sentence is."""

    titles: dict[str, str]  # doc_id -> title, for documents that have a page
    companies: set[str]
    places: dict[str, Place]

    def doc(self, doc_id: str, root: str, anchor: str | None = None) -> Html:
        """A document named by its title, linked to its page when it has one."""
        title = self.titles.get(doc_id)
        if title is None:
            return Html(esc(doc_id))
        return link(root + document_href(doc_id, anchor), short(title or doc_id, 80))

    def docs(self, doc_ids: Sequence[str] | None, root: str) -> Html:
        """Several documents, the first DOC_LINKS linked by title."""
        ids = list(doc_ids or [])
        shown = "; ".join(self.doc(d, root) for d in ids[:DOC_LINKS])
        more = len(ids) - DOC_LINKS
        return Html(shown + (f" and {more} more" if more > 0 else ""))

    def company(self, company_id: str | None, name: str | None, root: str) -> Html:
        """A company named, linked to its page when it has one."""
        if company_id in self.companies:
            return link(root + company_href(company_id), name or company_id)
        return Html(esc(name or company_id or ""))

    def evidence(self, fact_id: str, text: str | None, root: str) -> Html:
        """The evidence sentence quoted, leading to the highlighted sentence in its article."""
        quote = esc(short(" ".join((text or "").split()), QUOTE_CHARS))
        place = self.places.get(fact_id)
        if place is None or place.doc_id not in self.titles:
            return Html(f"<blockquote>{quote}</blockquote>")
        href = root + document_href(place.doc_id, place.anchor)
        source = esc(short(self.titles[place.doc_id] or place.doc_id, 80))
        return Html(
            f"<blockquote><a href='{esc(href)}' class='evidence'>{quote}</a>"
            f"<br><span class='meta'>in {source}</span></blockquote>"
        )


def side(link_set: Links, row: Row, prefix: str, root: str) -> Html:
    """One side of a conflict: position, who, when, and its evidence."""
    speakers = ", ".join(s for s in row[f"{prefix}_speakers"] or [] if s)
    when = plain(row[f"{prefix}_first_seen"]) or "undated"
    head = f"{badge(row[f'{prefix}_position'])} {esc(speakers or 'reported')} · {esc(when)}"
    quote = link_set.evidence(row[f"{prefix}_id"], row[f"{prefix}_evidence"], root)
    return Html(f"<div class='side'>{head}{quote}</div>")


def conflicts_table(link_set: Links, conflicts: list[Row], root: str, empty: str) -> str:
    """Disagreements as four readable columns: company, what, the statement and the denial."""
    body = [
        (
            link_set.company(c["company_id"], c["company_name"], root),
            Html(
                f"{esc(c['topic'])}<br><span class='meta'>{esc(c['relation'])} ({esc(c['kind'])})</span>"
            ),
            side(link_set, c, "a", root),
            side(link_set, c, "b", root),
        )
        for c in conflicts
    ]
    return table(
        ["company", "about", "one side says", "the other denies"], body, empty, "data conflict"
    )


def claims_table(link_set: Links, claims: list[Row], root: str) -> str:
    """Statements with speaker, stance, words, counts and the evidence sentence."""
    body = [
        (
            c["speaker"],
            badge(c["stance"]),
            short(c["content"] or "", QUOTE_CHARS),
            c["first_seen"],
            c["n_documents"],
            c["n_publishers"],
            link_set.evidence(c["canonical_claim_id"], c["evidence"], root),
        )
        for c in claims
    ]
    headers = [
        "speaker",
        "stance",
        "what was said",
        "first seen",
        "documents",
        "known publishers",
        "evidence",
    ]
    return table(headers, body, "No statements yet.")


def events_table(link_set: Links, events: list[Row], root: str) -> str:
    """Events with company, status, date, counts and the evidence sentence."""
    body = [
        (
            e["event_type"],
            link_set.company(e["company_id"], e["company"], root),
            badge(e["status"]),
            e["date_value"] or e["date_start"],
            e["n_documents"],
            e["n_publishers"],
            link_set.evidence(e["canonical_event_id"], e["evidence"], root),
        )
        for e in events
    ]
    headers = ["event", "company", "status", "date", "documents", "known publishers", "evidence"]
    return table(headers, body, "No events yet.")
