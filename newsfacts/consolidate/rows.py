"""Fact tables: claim_clusters and event_clusters rows (one per report) and canonical_claims
and canonical_events rows (one per canonical claim and event)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from newsfacts.consolidate.claims import cluster_claims, speaker_key
from newsfacts.consolidate.events import cluster_events
from newsfacts.consolidate.links import (
    canonical_event_index,
    claim_companies,
    claim_event_links,
    event_companies,
    seen_date,
    speaker_company,
)
from newsfacts.consolidate.records import (
    CanonicalClaimRow,
    CanonicalEventRow,
    ClaimClusterRow,
    ClaimReport,
    EventClusterRow,
    EventReport,
    ReportDoc,
)
from newsfacts.consolidate.scope import sentence_scope
from newsfacts.consolidate.shared import group_by
from newsfacts.consolidate.stories import n_publishers

R = TypeVar("R", ClaimReport, EventReport)


def fact_tables(
    claims: list[ClaimReport],
    events: list[EventReport],
    docs: dict[str, ReportDoc],
    doc_scope: dict[str, str | None],
    story_of: dict[str, str],
) -> dict[str, list[tuple]]:
    """claim_clusters, event_clusters, canonical_claims and canonical_events rows.

    Every rule here compares facts within one story, so the claims and events of any set of
    whole stories give the same rows as those of all stories: the warehouse path feeds them a
    batch of stories at a time.
    """
    events, claims = in_report_order(events, docs), in_report_order(claims, docs)
    event_canon = cluster_events(events, story_of)
    claim_canon = cluster_claims(claims, story_of)
    index = canonical_event_index(events, event_canon, story_of)
    links = claim_event_links(claims, claim_canon, event_canon, index, story_of)
    event_members = _event_cluster_rows(claims, events, event_canon, docs, doc_scope)
    claim_members = _claim_cluster_rows(claims, claim_canon, links, docs, doc_scope)
    return {
        "event_clusters": event_members,
        "claim_clusters": claim_members,
        "canonical_claims": canonical_claim_rows(claims, claim_members, docs, story_of),
        "canonical_events": canonical_event_rows(
            events, event_members, claims, claim_members, docs, story_of
        ),
    }


def in_report_order(reports: list[R], docs: dict[str, ReportDoc]) -> list[R]:
    """The reports with their sort key set: the document's ingest order, then the offset."""
    return [r._replace(order=(docs[r.doc_id].order, r.start_char)) for r in reports]


def _event_cluster_rows(
    claims: list[ClaimReport],
    events: list[EventReport],
    canon: dict,
    docs: dict[str, ReportDoc],
    doc_scope: dict,
) -> list[EventClusterRow]:
    stating = group_by([c for c in claims if c.event_id], lambda c: c.event_id)
    return [
        EventClusterRow(
            event_id=e.event_id,
            canonical_event_id=canon[e.event_id][0],
            doc_id=e.doc_id,
            match=canon[e.event_id][1],
            scope=sentence_scope(e.sentence, doc_scope.get(e.doc_id)),
            company_ids=event_companies(e, stating.get(e.event_id, [])),
            seen_date=docs[e.doc_id].published,
        )
        for e in events
    ]


def _claim_cluster_rows(
    claims: list[ClaimReport], canon: dict, links: dict, docs: dict[str, ReportDoc], doc_scope: dict
) -> list[ClaimClusterRow]:
    rows = []
    for c in claims:
        cid, match = canon[c.claim_id]
        event, how = links.get(cid, (None, None))
        rows.append(
            ClaimClusterRow(
                claim_id=c.claim_id,
                canonical_claim_id=cid,
                doc_id=c.doc_id,
                match=match,
                speaker_key=speaker_key(c),
                canonical_event_id=event,
                event_link=how,
                scope=sentence_scope(c.sentence, doc_scope.get(c.doc_id)),
                company_ids=claim_companies(c),
                seen_date=seen_date(c.claim_date, docs[c.doc_id].published),
            )
        )
    return rows


def report_counts(
    doc_ids: Iterable[str], docs: dict[str, ReportDoc], seen: Iterable[date | None]
) -> dict:
    """first_seen, last_seen, n_documents, n_publishers and doc_ids of a set of reports."""
    ids = sorted(set(doc_ids))
    dates = [d for d in seen if d]
    return {
        "first_seen": min(dates, default=None),
        "last_seen": max(dates, default=None),
        "n_documents": len(ids),
        "n_publishers": n_publishers([docs[i] for i in ids]),
        "doc_ids": ids,
    }


def canonical_claim_rows(
    claims: list[ClaimReport],
    members: list[ClaimClusterRow],
    docs: dict[str, ReportDoc],
    story_of: dict,
) -> list[CanonicalClaimRow]:
    """One row per canonical claim: the anchor's words and stance, every report's counts."""
    by_id = {c.claim_id: c for c in claims}
    rows = []
    for cid, group in sorted(group_by(members, lambda m: m.canonical_claim_id).items()):
        anchor_row = next(m for m in group if m.match == "anchor")
        anchor = by_id[anchor_row.claim_id]
        rows.append(
            CanonicalClaimRow(
                canonical_claim_id=cid,
                anchor_claim_id=anchor.claim_id,
                speaker=anchor.speaker_name or anchor.speaker,
                speaker_key=anchor_row.speaker_key,
                stance=anchor.stance,
                stances=sorted({by_id[m.claim_id].stance for m in group}),
                content=anchor.content,
                canonical_event_id=anchor_row.canonical_event_id,
                event_link=anchor_row.event_link,
                scope=anchor_row.scope,
                company_ids=sorted({c for m in group for c in m.company_ids}),
                speaker_company_id=speaker_company(anchor),
                **report_counts([m.doc_id for m in group], docs, [m.seen_date for m in group]),
                n_reports=len(group),
                story_id=story_of.get(anchor.doc_id),
                evidence=anchor.sentence,
            )
        )
    return rows


def canonical_event_rows(
    events: list[EventReport],
    members: list[EventClusterRow],
    claims: list[ClaimReport],
    claim_members: list[ClaimClusterRow],
    docs: dict[str, ReportDoc],
    story_of: dict,
) -> list[CanonicalEventRow]:
    """One row per canonical event: the anchor's type, place and sentence, every report's counts.

    A document reports the event through an event of its own or through a statement of it.
    """
    by_id = {e.event_id: e for e in events}
    claim_by_id = {c.claim_id: c for c in claims}
    stating = group_by(
        [m for m in claim_members if m.canonical_event_id], lambda m: m.canonical_event_id
    )
    rows = []
    for cid, group in sorted(group_by(members, lambda m: m.canonical_event_id).items()):
        reports = [by_id[m.event_id] for m in group]
        anchor = by_id[next(m.event_id for m in group if m.match == "anchor")]
        statements = stating.get(cid, [])
        dated = [r for r in reports if r.date_start]
        speakers = {
            claim_by_id[m.claim_id].speaker_name or claim_by_id[m.claim_id].speaker
            for m in statements
        }
        reporting = group + statements
        rows.append(
            CanonicalEventRow(
                canonical_event_id=cid,
                anchor_event_id=anchor.event_id,
                event_type=anchor.event_type,
                # planned and speculated reports of one plan: planned as soon as one report says so
                status="planned" if any(r.status == "planned" for r in reports) else anchor.status,
                statuses=sorted({r.status for r in reports}),
                company_id=anchor.company_id,
                company_ids=sorted({c for m in group for c in m.company_ids}),
                counterparty_ids=sorted({c for r in reports for c in r.counterparties or ()}),
                location=anchor.location or _most_common(r.location for r in reports),
                date_value=min(dated, key=lambda r: r.date_start).date_value if dated else None,
                date_start=min((r.date_start for r in dated), default=None),
                date_end=max((r.date_end or r.date_start for r in dated), default=None),
                scope=next(m.scope for m in group if m.match == "anchor"),
                **report_counts(
                    [m.doc_id for m in reporting],
                    docs,
                    [docs[m.doc_id].published for m in reporting],
                ),
                n_reports=len(group),
                n_claims=len({m.canonical_claim_id for m in statements}),
                speakers=sorted(speakers),
                story_id=story_of.get(anchor.doc_id),
                evidence=anchor.sentence,
            )
        )
    return rows


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None
