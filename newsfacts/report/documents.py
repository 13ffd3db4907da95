"""Document reads: the published warehouse in, each canonical article with a fact and the spans
of its facts out (mentions, timexes, claims with their speakers, event triggers, and the
evidence sentences behind claims and events), read in bulk rather than one query per article.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from newsfacts.report.data import Relations, Row, missing
from newsfacts.report.highlight import Span
from newsfacts.warehouse import report as reads

# Per fact table: the columns it needs to be placed in an article.
FACT_TABLES = {
    "company_mentions": ["doc_id", "company_id", "start_char", "end_char", "text"],
    "person_mentions": ["doc_id", "person_id", "start_char", "end_char", "text"],
    "timexes": ["doc_id", "start_char", "end_char", "text", "type", "value"],
    "claims": [
        "doc_id",
        "claim_id",
        "speaker",
        "stance",
        "content",
        "start_char",
        "end_char",
        "content_start",
        "content_end",
        "speaker_start",
        "speaker_end",
    ],  # fmt: skip
    "events": [
        "doc_id",
        "event_id",
        "event_type",
        "status",
        "trigger",
        "company_id",
        "start_char",
        "end_char",
        "trigger_start",
        "trigger_end",
    ],  # fmt: skip
}


@dataclass
class Article:
    """A canonical document with its facts, as one document page shows it."""

    doc: Row
    spans: list[Span] = field(default_factory=list)
    facts: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))


def usable(rels: Relations) -> list[str]:
    """The fact tables of this warehouse that carry the columns a document page needs."""
    return [t for t, cols in FACT_TABLES.items() if not missing(rels, t, cols)]


def sentence(doc_start: int, doc_end: int) -> Span:
    """An evidence sentence span, anchored so a link can land on it."""
    anchor = f"s-{doc_start}-{doc_end}"
    return Span(doc_start, doc_end, "sentence", anchor, "evidence sentence", anchor)


def _spans(table: str, r: Row, names: dict[str, str]) -> list[Span]:
    """The spans one fact row puts on its article."""
    s, e = r["start_char"], r["end_char"]
    if table == "company_mentions":
        return [Span(s, e, "company", r["company_id"], names.get(r["company_id"], r["text"]))]
    if table == "person_mentions":
        return [Span(s, e, "person", r["person_id"], names.get(r["person_id"], r["text"]))]
    if table == "timexes":
        return [Span(s, e, "timex", f"t-{s}", f"{r['type']} {r['value'] or '(unresolved)'}")]
    if table == "claims":
        out = [
            sentence(s, e),
            Span(
                r["content_start"],
                r["content_end"],
                "claim",
                r["claim_id"],
                f"{r['stance']}: {r['speaker']}",
                f"claim-{r['claim_id']}",
            ),
        ]
        if r["speaker_start"] is not None and r["speaker_end"] is not None:
            out.append(
                Span(r["speaker_start"], r["speaker_end"], "speaker", r["claim_id"], "speaker")
            )
        return out
    label = f"{r['event_type']} ({r['status']})"
    trigger = Span(
        r["trigger_start"],
        r["trigger_end"],
        "event",
        r["event_id"],
        label,
        f"event-{r['event_id']}",
    )
    return [sentence(s, e), trigger]


def names(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, str]:
    """company_id and person_id -> name, from the companies and people views."""
    out: dict[str, str] = {}
    for view, key in (("companies", "company_id"), ("people", "person_id")):
        if not missing(rels, view, [key, "name"]):
            out.update(reads.names(con, view, key))
    return out


def articles(con: duckdb.DuckDBPyConnection, rels: Relations) -> dict[str, Article]:
    """doc_id -> Article for every canonical document with at least one fact."""
    tables = usable(rels)
    if not tables or missing(rels, "documents", ["doc_id", "body", "duplicate_of"]):
        return {}
    optional = [c for c in ("display_title", "author") if c in rels["documents"]]
    docs = reads.canonical_documents_with_facts(con, tables, optional)
    out = {d["doc_id"]: Article(d) for d in docs}
    known = names(con, rels)
    for table in tables:
        for r in reads.fact_rows(con, table, FACT_TABLES[table]):
            article = out.get(r["doc_id"])
            if article is None:
                continue
            article.facts[table].append(r)
            article.spans.extend(_spans(table, r, known))
    return out
