"""Charts as inline SVG: labelled bars and a company's dated timeline, with no chart library.

Labels are names (companies, speakers, event types), never ids; every text is escaped. A bar or
dot with a link target is wrapped in an <a>, so a chart leads to the page behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsfacts.report.markup import OTHER_COLOR, STATUS_COLORS, esc, short

# Pixel geometry of the bar charts.
WIDTH = 760
LABEL_WIDTH = 300  # left column holding the labels
ROW_HEIGHT = 22
TITLE_HEIGHT = 28
# Characters of a bar label before it is cut (the full text is in the bar's tooltip).
LABEL_CHARS = 46
BAR_COLOR = "#457b9d"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and the page it leads to (optional)."""

    label: str
    value: float
    href: str | None = None


def _a(href: str | None, inner: str) -> str:
    return f"<a href='{esc(href)}'>{inner}</a>" if href else inner


def _svg(width: int, height: int, title: str, inner: str) -> str:
    return (
        f"<svg class='chart' role='img' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' xmlns='http://www.w3.org/2000/svg'>"
        f"<title>{esc(title)}</title><text x='0' y='18' font-weight='600'>{esc(title)}</text>"
        f"{inner}</svg>"
    )


def bars(items: Sequence[Bar], title: str, color: str = BAR_COLOR) -> str:
    """A horizontal bar chart, one labelled row per item in the given order."""
    if not items:
        return ""
    top = max(i.value for i in items) or 1
    span = WIDTH - LABEL_WIDTH - 50
    parts = []
    for n, item in enumerate(items):
        y = TITLE_HEIGHT + n * ROW_HEIGHT
        w = max(1.0, span * item.value / top)
        label = esc(short(item.label, LABEL_CHARS))
        row = (
            f"<text x='{LABEL_WIDTH - 6}' y='{y + 15}' text-anchor='end'>{label}</text>"
            f"<rect x='{LABEL_WIDTH}' y='{y + 3}' width='{w:.1f}' height='{ROW_HEIGHT - 6}' "
            f"fill='{color}'><title>{esc(item.label)}: {item.value:g}</title></rect>"
            f"<text x='{LABEL_WIDTH + w + 4:.1f}' y='{y + 15}'>{item.value:g}</text>"
        )
        parts.append(f"<g>{_a(item.href, row)}</g>")
    height = TITLE_HEIGHT + len(items) * ROW_HEIGHT + 6
    return _svg(WIDTH, height, title, "".join(parts))


def stacked(rows: Sequence[tuple[str, dict[str, int]]], title: str) -> str:
    """Horizontal stacked bars (label -> count per status), with a legend of the statuses."""
    if not rows:
        return ""
    statuses = sorted({s for _, parts in rows for s in parts})
    top = max(sum(p.values()) for _, p in rows) or 1
    span = WIDTH - LABEL_WIDTH - 50
    out = []
    for n, (label, parts) in enumerate(rows):
        y = TITLE_HEIGHT + 20 + n * ROW_HEIGHT
        x = float(LABEL_WIDTH)
        out.append(
            f"<text x='{LABEL_WIDTH - 6}' y='{y + 15}' text-anchor='end'>{esc(label)}</text>"
        )
        for status in statuses:
            count = parts.get(status, 0)
            if not count:
                continue
            w = span * count / top
            color = STATUS_COLORS.get(status, OTHER_COLOR)
            out.append(
                f"<rect x='{x:.1f}' y='{y + 3}' width='{w:.1f}' height='{ROW_HEIGHT - 6}' "
                f"fill='{color}'><title>{esc(label)}, {esc(status)}: {count}</title></rect>"
            )
            x += w
        out.append(f"<text x='{x + 4:.1f}' y='{y + 15}'>{sum(parts.values())}</text>")
    legend = "".join(
        f"<rect x='{LABEL_WIDTH + i * 110}' y='{TITLE_HEIGHT}' width='10' height='10' "
        f"fill='{STATUS_COLORS.get(s, OTHER_COLOR)}'/>"
        f"<text x='{LABEL_WIDTH + i * 110 + 14}' y='{TITLE_HEIGHT + 10}'>{esc(s)}</text>"
        for i, s in enumerate(statuses)
    )
    height = TITLE_HEIGHT + 20 + len(rows) * ROW_HEIGHT + 6
    return _svg(WIDTH, height, title, legend + "".join(out))


@dataclass(frozen=True)
class Dot:
    """One dated item on a timeline: its day, tooltip, colour and link."""

    day: date
    label: str
    color: str
    href: str | None = None


def timeline(dots: Sequence[Dot], title: str) -> str:
    """Dots on a date axis (first and last day labelled), one row per distinct day."""
    if not dots:
        return ""
    first = min(d.day for d in dots)
    last = max(d.day for d in dots)
    days = max(1, (last - first).days)
    left, right, y = 20, WIDTH - 20, TITLE_HEIGHT + 22
    axis = (
        f"<line x1='{left}' y1='{y}' x2='{right}' y2='{y}' stroke='#99a'/>"
        f"<text x='{left}' y='{y + 22}'>{first.isoformat()}</text>"
        f"<text x='{right}' y='{y + 22}' text-anchor='end'>{last.isoformat()}</text>"
    )
    stacked_at: dict[int, int] = {}
    marks = []
    for dot in sorted(dots, key=lambda d: d.day):
        x = left + (right - left) * (dot.day - first).days / days
        level = stacked_at.get(round(x / 8), 0)  # dots on near days stack upwards
        stacked_at[round(x / 8)] = level + 1
        circle = (
            f"<circle cx='{x:.1f}' cy='{y - 9 * level}' r='6' fill='{dot.color}' stroke='#fff'>"
            f"<title>{esc(dot.day.isoformat())}: {esc(dot.label)}</title></circle>"
        )
        marks.append(_a(dot.href, circle))
    height = y + 30
    top = max(stacked_at.values(), default=1)
    return _svg(
        WIDTH,
        height + 9 * top,
        title,
        f"<g transform='translate(0,{9 * top})'>{axis}{''.join(marks)}</g>",
    )
