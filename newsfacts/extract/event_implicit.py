"""Implicit event arguments: the frames of one document in, bid frames with their unstated target
filled out.

A bid noun often leaves its target unsaid because the story has already given it: after "Halvard
Bank made a £2bn offer for Tollan Dairies", the sentences "Kestrel Air is also working on a bid"
and "its new offer values the dairy group at £2.2bn" are bids for Tollan Dairies. A relational
noun's missing argument is read from the discourse (implicit-argument resolution): the target is
the company the document's explicit acquisition frames name as target most often, and only when
one company clearly leads, so that a story about several deals leaves a bare bid without one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from newsfacts.extract.event_args import Resolver
from newsfacts.extract.event_frames_common import Frame

# Rules of bid and takeover nouns whose target may be implicit ("a bid", "his new offer").
IMPLICIT_TARGET_RULES = frozenset({"events.bid.noun", "events.buy.noun"})
# Rules whose stated target makes a company the story's target ("a bid for X", "to buy X").
_TARGET_RULES = frozenset(
    {"events.bid.noun", "events.bid.verb", "events.buy.noun", "events.buy.verb"}
)


def story_target(frames: list[Frame], r: Resolver) -> str | None:
    """The company a document's acquisition frames name as target most often, when it leads
    every other target by at least one mention; None when no company leads."""
    counts = Counter(
        key
        for f in frames
        if f.event_type == "acquisition" and f.rule in _TARGET_RULES
        for key in f.targets
        if r.kind(key) == "company"
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def with_implicit_target(frame: Frame, target: str | None) -> Frame:
    """A bid or takeover frame without a target takes the story's target, unless that company
    is its own bidder ("the target's own offer for a rival" stays untargeted)."""
    if target is None or frame.targets or frame.rule not in IMPLICIT_TARGET_RULES:
        return frame
    if frame.event_type != "acquisition" or target in frame.agents:
        return frame
    return replace(frame, targets=(target,))
