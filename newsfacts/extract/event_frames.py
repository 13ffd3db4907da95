"""Event frames: a predicate and its arguments in, the event type and the roles of its parties out.

One small rule per predicate family (the `family` column of resources/event_predicates.tsv). The
type comes from the predicate and its arguments, never from the word alone: "launched an inquiry
into X" is an investigation, "sold its car unit to Y" an acquisition by Y, "sold 2 million
consoles" a financial result, "was fined for breaching takeover rules" a regulatory action and no
acquisition. Each rule returns a Frame (or None when the words name no event of the taxonomy),
stamped with the rule that made it.

This module holds the dispatch (FRAMES, frame_of); the rules live by family in event_frames_deals
(buy, merge, sell, bid, talks, deal, partner), event_frames_cancel (cancel), event_frames_hands
(hands), event_frames_products (launch, enter, exit), event_frames_results (result, rank),
event_frames_legal (regulate, investigate, sue, settle, pay) and event_frames_company (leader,
layoff, cut, rating, bankrupt, invest, ipo, other), on the word lists and helpers of
event_frames_common.
"""

from __future__ import annotations

from newsfacts.extract.event_args import Args, Resolver
from newsfacts.extract.event_frames_cancel import frame_cancel
from newsfacts.extract.event_frames_common import Frame, FrameRule
from newsfacts.extract.event_frames_company import (
    frame_bankrupt,
    frame_cut,
    frame_invest,
    frame_ipo,
    frame_layoff,
    frame_leader,
    frame_other,
    frame_rating,
)
from newsfacts.extract.event_frames_deals import (
    frame_bid,
    frame_buy,
    frame_deal,
    frame_merge,
    frame_partner,
    frame_sell,
    frame_talks,
)
from newsfacts.extract.event_frames_hands import frame_hands
from newsfacts.extract.event_frames_legal import (
    frame_investigate,
    frame_pay,
    frame_regulate,
    frame_settle,
    frame_sue,
)
from newsfacts.extract.event_frames_products import frame_enter, frame_exit, frame_launch
from newsfacts.extract.event_frames_results import frame_rank, frame_result
from newsfacts.extract.event_lexicon import Predicate

FRAMES: dict[str, FrameRule] = {
    "rank": frame_rank,
    "buy": frame_buy,
    "merge": frame_merge,
    "sell": frame_sell,
    "bid": frame_bid,
    "talks": frame_talks,
    "deal": frame_deal,
    "partner": frame_partner,
    "cancel": frame_cancel,
    "hands": frame_hands,
    "launch": frame_launch,
    "enter": frame_enter,
    "exit": frame_exit,
    "result": frame_result,
    "regulate": frame_regulate,
    "investigate": frame_investigate,
    "sue": frame_sue,
    "settle": frame_settle,
    "pay": frame_pay,
    "leader": frame_leader,
    "layoff": frame_layoff,
    "cut": frame_cut,
    "rating": frame_rating,
    "bankrupt": frame_bankrupt,
    "invest": frame_invest,
    "ipo": frame_ipo,
    "other": frame_other,
}


def frame_of(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """The frame of a predicate by its family's rule."""
    if r.company[pred.token.i]:
        return None  # "Finans Investment", "the Alliance for Digital Inclusion": a name
    for family in (pred.family, *pred.others):
        rule = FRAMES.get(family)
        frame = rule(pred, args, r) if rule else None
        if frame is not None:
            return frame
    return None
