"""Highlight: an article body and the offsets of its facts in, the body as escaped HTML with one
<mark> per fact out.

Spans may nest (a company mention inside an evidence sentence) or cross (a claim's content that
starts inside one sentence and ends in the next). Marks must nest in HTML, so spans are
flattened deterministically: they are taken in order of (start, longest first, kind, id), and a
span that crosses the end of the innermost open mark is cut there, its rest taken up again in
order. Each mark carries the offsets of the piece it holds, so its text is always
body[data-start:data-end]; `data-ref` names the fact, and only the first piece of a fact carries
its `id` (the target of links into the page).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from newsfacts.report.markup import esc

# Order among spans with equal offsets: the outer kind first, so marks nest the same way on
# every build (a sentence holds a claim, a claim holds an event trigger, a mention sits inside).
KIND_ORDER = {"sentence": 0, "claim": 1, "speaker": 2, "event": 3, "company": 4, "person": 5}
LAST_KIND = len(KIND_ORDER) + 1  # timexes and anything else


@dataclass(frozen=True)
class Span:
    """One fact's stretch of the body: [start, end) in characters of documents.body."""

    start: int
    end: int
    kind: str  # sentence, claim, speaker, event, company, person, timex
    ref: str  # the fact's id (event_id, claim_id, company_id...)
    label: str = ""  # shown on hover
    anchor: str | None = None  # element id for links into the page

    def key(self) -> tuple[int, int, int, str, str]:
        return (self.start, -self.end, KIND_ORDER.get(self.kind, LAST_KIND), self.ref, self.kind)


@dataclass
class Node:
    """A mark to draw: a piece of one span and the marks nested inside it."""

    span: Span
    start: int
    end: int
    first: bool  # the first piece of its span (carries the anchor id)
    children: list[Node] = field(default_factory=list)


def valid(spans: list[Span], length: int) -> list[Span]:
    """Spans that lie inside the body and hold at least one character, each once."""
    seen = {(s.start, s.end, s.kind, s.ref): s for s in spans if 0 <= s.start < s.end <= length}
    return sorted(seen.values(), key=Span.key)


def flatten(spans: list[Span], length: int) -> list[Node]:
    """The spans as a forest of properly nested pieces (see the module docstring)."""
    heap = [(s.key(), s.start, True, s) for s in valid(spans, length)]
    heapq.heapify(heap)
    roots: list[Node] = []
    stack: list[Node] = []
    while heap:
        _, start, first, span = heapq.heappop(heap)
        while stack and stack[-1].end <= start:
            stack.pop()
        end = span.end
        if stack and stack[-1].end < end:  # crosses the open mark: cut, take the rest up later
            end = stack[-1].end
            rest_key = (end, -span.end, KIND_ORDER.get(span.kind, LAST_KIND), span.ref, span.kind)
            heapq.heappush(heap, (rest_key, end, False, span))
        node = Node(span, start, end, first)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _render(body: str, nodes: list[Node], start: int, end: int) -> str:
    out: list[str] = []
    at = start
    for node in nodes:
        out.append(esc(body[at : node.start]))
        out.append(_mark(body, node))
        at = node.end
    out.append(esc(body[at:end]))
    return "".join(out)


def _mark(body: str, node: Node) -> str:
    span = node.span
    ident = f" id='{esc(span.anchor)}'" if node.first and span.anchor else ""
    title = f" title='{esc(span.label)}'" if span.label else ""
    inner = _render(body, node.children, node.start, node.end)
    return (
        f"<mark data-kind='{esc(span.kind)}' data-start='{node.start}' data-end='{node.end}' "
        f"data-ref='{esc(span.ref)}'{ident}{title}>{inner}</mark>"
    )


def highlight(body: str, spans: list[Span]) -> str:
    """The body as escaped HTML with every span marked (text outside marks is escaped too)."""
    return _render(body, flatten(spans, len(body)), 0, len(body))
