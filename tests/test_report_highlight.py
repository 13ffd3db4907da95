"""Marks from offsets: nested and crossing spans flatten into properly nested marks, every mark's
text is body[data-start:data-end], the text outside marks is the body, and all of it is escaped."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from newsfacts.report.highlight import Span, flatten, highlight

BODY = 'Harbor Lane Foods said on Monday it <b>will</b> "sell" the bakery & the mill.'


class Marks(HTMLParser):
    """Collects (kind, start, end, text, id) of every <mark> and the whole text, from HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[dict, list[str]]] = []
        self.marks: list[tuple[str, int, int, str, str | None]] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self.open.append((dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            attrs, parts = self.open.pop()
            text = "".join(parts)
            self.marks.append(
                (
                    attrs["data-kind"],
                    int(attrs["data-start"]),
                    int(attrs["data-end"]),
                    text,
                    attrs.get("id"),
                )
            )

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, parts in self.open:
            parts.append(data)


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def at(text: str, kind: str, ref: str = "", nth: int = 0, anchor: str | None = None) -> Span:
    start = BODY.index(text)
    for _ in range(nth):
        start = BODY.index(text, start + 1)
    return Span(start, start + len(text), kind, ref or text, "", anchor)


def test_nested_spans_nest_and_keep_their_offsets() -> None:
    spans = [
        at(BODY[:-1], "sentence", "s", anchor="s-1"),
        at("Harbor Lane Foods", "company"),
        at("Monday", "timex"),
    ]
    found = parse(highlight(BODY, spans))
    assert "".join(found.text) == BODY
    assert {(k, t) for k, _, _, t, _ in found.marks} == {
        ("sentence", BODY[:-1]),
        ("company", "Harbor Lane Foods"),
        ("timex", "Monday"),
    }
    assert next(m for m in found.marks if m[0] == "sentence")[4] == "s-1"


def test_crossing_spans_are_cut_where_the_open_mark_ends() -> None:
    first = Span(0, 20, "claim", "k1", "", "claim-k1")
    crossing = Span(10, 30, "event", "e1", "", "event-e1")
    nodes = flatten([crossing, first], len(BODY))
    assert [(n.start, n.end) for n in nodes] == [(0, 20), (20, 30)]
    assert [(c.start, c.end) for c in nodes[0].children] == [(10, 20)]
    found = parse(highlight(BODY, [crossing, first]))
    ids = [m[4] for m in sorted(found.marks, key=lambda m: m[1]) if m[0] == "event"]
    assert ids == ["event-e1", None]  # only the first piece is a link target


def test_equal_spans_nest_by_kind_whatever_their_order() -> None:
    spans = [Span(0, 17, "company", "c1"), Span(0, 17, "sentence", "s"), Span(0, 17, "claim", "k")]
    for order in (spans, spans[::-1]):
        nodes = flatten(list(order), len(BODY))
        kinds = []
        while nodes:
            kinds.append(nodes[0].span.kind)
            nodes = nodes[0].children
        assert kinds == ["sentence", "claim", "company"]


def test_spans_outside_the_body_or_empty_are_dropped() -> None:
    spans = [Span(-1, 3, "company", "a"), Span(5, 5, "timex", "b"), Span(70, 999, "event", "c")]
    assert flatten(spans, len(BODY)) == []
    assert highlight(BODY, spans) == highlight(BODY, [])


def test_markup_in_the_body_is_text() -> None:
    html = highlight(BODY, [at("<b>will</b>", "claim"), at("&", "company")])
    assert "<b>" not in html and "&lt;b&gt;will&lt;/b&gt;" in html and "&amp;" in html
    found = parse(html)
    assert found.tags == ["mark", "mark"] and "".join(found.text) == BODY


@pytest.mark.parametrize("seed", range(20))
def test_random_spans_always_give_marks_holding_their_slice(seed: int) -> None:
    rng = random.Random(seed)
    kinds = ["sentence", "claim", "speaker", "event", "company", "person", "timex"]
    spans = []
    for n in range(12):
        start = rng.randrange(len(BODY))
        spans.append(Span(start, rng.randrange(start, len(BODY) + 1), rng.choice(kinds), f"r{n}"))
    html = highlight(BODY, spans)
    assert html == highlight(BODY, spans[::-1])  # deterministic whatever the input order
    found = parse(html)
    assert "".join(found.text) == BODY
    for _, start, end, text, _ in found.marks:
        assert text == BODY[start:end]
