"""Event clusters: reports of one event within one story share a canonical_event_id."""

from __future__ import annotations

from itertools import combinations

from newsfacts import settings
from newsfacts.consolidate.records import EventReport
from newsfacts.consolidate.shared import complete_link_groups, group_by, members_anchor
from newsfacts.consolidate.thresholds import EVENT_DATE_GAP_DAYS, STATUS_GROUP
from newsfacts.facts import stable_id


def _period_gap(a: EventReport, b: EventReport) -> int | None:
    """Days between the periods two events' dates cover (0 if they overlap); None if either is undated."""
    if not (a.date_start and b.date_start):
        return None
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    return max((b.date_start - a_end).days, (a.date_start - b_end).days, 0)


def amounts_compatible(a: EventReport, b: EventReport) -> bool:
    """Two reports' headline figures can be one figure: either missing, different currencies or
    units, or within settings.EVENT_AMOUNT_TOLERANCE (see there)."""
    x, y = a.amount, b.amount
    if x is None or y is None or a.unit != b.unit:
        return True
    if a.currency and b.currency and a.currency != b.currency:
        return True  # no exchange rate is assumed
    low, high = sorted((abs(x), abs(y)))
    if low == 0 or high / low > settings.EVENT_AMOUNT_SAME_QUANTITY_RATIO:
        return True  # a price a share and a company's value: different quantities
    return high - low <= settings.EVENT_AMOUNT_TOLERANCE * high


def date_window(a: EventReport, b: EventReport, group: str) -> int:
    """Days two reports of one event may date it apart: by granularity for things that happened
    (settings.EVENT_DATE_WINDOW_DAYS), else EVENT_DATE_GAP_DAYS of the status group."""
    grains = {a.date_granularity, b.date_granularity}
    if group != "occurred" or not grains <= settings.EVENT_DATE_WINDOW_DAYS.keys():
        return EVENT_DATE_GAP_DAYS[group]
    return max(settings.EVENT_DATE_WINDOW_DAYS[g] for g in grains)


def same_event(a: EventReport, b: EventReport) -> bool:
    """Two reports (same type, same main company, same story) can describe one event: the same
    polarity, and place, counterparties, dates and figures compatible (missing is compatible,
    conflicting is not)."""
    group = STATUS_GROUP[a.status]
    if group != STATUS_GROUP[b.status]:
        return False
    if a.location and b.location and a.location != b.location:
        return False
    others_a, others_b = set(a.others or ()), set(b.others or ())
    if others_a and others_b and not others_a & others_b:
        return False  # partnerships with different partners are different deals
    sides_a, sides_b = set(a.counterparties or ()), set(b.counterparties or ())
    if sides_a and sides_b and not sides_a & sides_b:
        return False  # a bid for Tollan is not a bid for Kestrel; two lawsuits, two defendants
    if not amounts_compatible(a, b):
        return False
    gap = _period_gap(a, b)
    return gap is None or gap <= date_window(a, b, group)


def event_pair_strength(a: EventReport, b: EventReport) -> int:
    """How many details two compatible reports share (counterparty, figure, date, place): pairs
    sharing more are merged first, so a vague report joins the event it fits best."""
    return sum(
        (
            bool(set(a.counterparties or ()) & set(b.counterparties or ())),
            a.amount is not None and b.amount is not None,
            _period_gap(a, b) is not None,
            bool(a.location) and a.location == b.location,
        )
    )


def cluster_events(
    events: list[EventReport], story_of: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """event_id -> (canonical_event_id, match): reports of one event within one story.

    Events need event_id, doc_id, order, event_type, status, company_id; optionally location,
    date_start, date_end, date_granularity, amount, unit, currency, others (other participants'
    company ids) and counterparties (targets and partners). Reports merge best-matching pair
    first, and only into a group every member of which they are compatible with.
    """
    blocks = group_by(
        events,
        lambda e: (
            story_of.get(e.doc_id),
            e.event_type,
            e.event_id if e.company_id is None else e.company_id,
        ),
    )
    by_id = {e.event_id: e for e in events}
    ranked = []
    for block in blocks.values():
        for a, b in combinations(block, 2):
            if same_event(a, b):
                a, b = sorted((a, b), key=lambda e: (e.order, e.event_id))
                ranked.append((-event_pair_strength(a, b), a.order, b.order, a, b))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3].event_id, r[4].event_id))
    groups = complete_link_groups(
        sorted(by_id),
        ((a.event_id, b.event_id) for *_, a, b in ranked),
        lambda x, y: same_event(by_id[x], by_id[y]),
    )
    order = {e.event_id: e.order for e in events}
    out = {}
    for group in groups:
        anchor = members_anchor(group, order)
        for m in group:
            out[m] = (stable_id("ce", anchor), "anchor" if m == anchor else "same_event")
    return out
