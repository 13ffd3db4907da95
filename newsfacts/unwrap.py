"""Unwrapping: plain text as lines in, paragraphs and list or table rows ("units") out.

Wire copy, press releases and mailing-list archives arrive hard-wrapped at 65-80 columns: their
line ends mean nothing, and a paragraph starts after a blank line or on an indented line. Text
counts as hard-wrapped from the distribution of its line lengths (most lines end close to one
width, because the next word would not have fitted) and from where its lines end (mostly inside
a sentence). Such lines are joined with a space; blank lines, indented paragraph starts, bullets
and table rows ("Revenue 1.2 bln vs 1.1 bln") keep their own line. Any other text comes out line
by line, as it came in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

# --- thresholds (characters, shares) ----------------------------------------------------------
# Wrap widths recognised: the lines of wrapped text end near one width between these values.
# Wider lines are paragraphs stored one per line (web text), narrower ones are lists or verse.
HARD_WRAP_MIN_WIDTH = 30
HARD_WRAP_MAX_WIDTH = 100
# The wrap width is read as this quantile of a text's line lengths, so a few over-long lines
# (a URL, a headline) do not move it.
WIDTH_QUANTILE = 0.9
# A line is "full" when the next line's first word would not have fitted on it: its length plus
# a space plus that word exceeds the width less this slack (wrappers count a trailing space).
WRAP_SLACK = 1
# A block is wrapped when at least this share of its line ends fall on full lines...
FULL_LINE_MIN_SHARE = 0.5
# ...and at least this share of those full lines end inside a sentence.
OPEN_END_MIN_SHARE = 0.5
# A numbered list item ("1. ", "2) ") has at most this number.
LIST_NUMBER_MAX = 30

_TERMINAL_RE = re.compile(r"[.!?…:][\"'”’)\]]*$")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
_BULLET_RE = re.compile(r"^(?:[-*•·▪◦–—+>]|o(?=\s))\s+\S")
_NUMBERED_RE = re.compile(r"^\(?(\d{1,2}|[a-hA-H])[.)]\s+\S")
# Column gaps: a tab or 3+ spaces inside a line, or 2 spaces not after sentence punctuation
# (typists put two spaces after a full stop; tables put them between columns).
_COLUMN_GAP_RE = re.compile(r"\S(?:\t|   | {2}(?<![.!?:;\"'”’)] {2}))[ \t]*\S")
_FIGURE = r"[-+(]?[$€£¥]?\d[\d,.]*\)?\s*(?:%|[A-Za-z$€£¥]{1,8}\.?)?"
# "Revenue 1.24 bln vs 1.10 bln", "EPS $0.42 vs. $0.38, est. $0.40", "Margin: 12.1% vs 11.4%"
_FIGURE_VS_RE = re.compile(
    rf"^[A-Za-z(][^.!?]{{0,60}}?[\s:]{_FIGURE}\s+(?:vs\.?|versus)\s+{_FIGURE}(?:[,;]?\s+\S+){{0,4}}$"
)
_LOWER_START_RE = re.compile(r"^[\"'“‘(]?[a-z]")


@dataclass(frozen=True)
class Line:
    """One non-blank line: its indentation (columns, tabs expanded) and its stripped text."""

    indent: int
    text: str

    @property
    def width(self) -> int:
        """Columns the line takes up, indentation included."""
        return self.indent + len(self.text)

    @property
    def first_word(self) -> str:
        """The word a wrapper would have tried to fit on the line before."""
        return self.text.split(maxsplit=1)[0]


def read_line(raw: str) -> Line:
    """A raw line as a Line (tabs in the indentation expanded to 8 columns)."""
    stripped = raw.strip()
    head = raw[: len(raw) - len(raw.lstrip())].expandtabs(8)
    return Line(len(head), stripped)


def blocks(text: str) -> list[list[Line]]:
    """Runs of non-blank lines, split at blank lines."""
    out: list[list[Line]] = [[]]
    for raw in text.split("\n"):
        if raw.strip():
            out[-1].append(read_line(raw))
        elif out[-1]:
            out.append([])
    return [block for block in out if block]


def wrap_width(lines: list[Line]) -> int | None:
    """The width a text is wrapped at, from its line lengths; None when it is not wrapped.

    Read from the least indented lines: indented paragraph starts can overshoot the width
    (a wrapper may count a tab as one column).
    """
    worded = [line for line in lines if " " in line.text]
    if len(worded) < 2:
        return None
    least = min(line.indent for line in worded)
    lengths = sorted(line.width for line in worded if line.indent == least)
    if len(lengths) < 2:
        lengths = sorted(line.width for line in worded)
    width = lengths[min(len(lengths) - 1, int(len(lengths) * WIDTH_QUANTILE))]
    return width if HARD_WRAP_MIN_WIDTH <= width <= HARD_WRAP_MAX_WIDTH else None


def is_full(line: Line, following: Line, width: int) -> bool:
    """The next line's first word would not have fitted on this line: a wrapper broke it."""
    return line.width + 1 + len(following.first_word) > width - WRAP_SLACK


def ends_sentence(text: str) -> bool:
    """Ends like a sentence or a lead-in: '.', '!', '?', ':' (possibly before a quote)."""
    return bool(_TERMINAL_RE.search(text))


# --- rows: lines that keep their own line whatever their length --------------------------------
def is_table_row(text: str) -> bool:
    """A table or figures line.

    Matches "Revenue      1,204     1,118", "EPS $0.42 vs. $0.38", "Net income 98.7 mln vs 77.2 mln".
    """
    return bool(_COLUMN_GAP_RE.search(text)) or bool(_FIGURE_VS_RE.match(text))


def is_list_item(text: str, previous: str | None) -> bool:
    """A bullet or numbered item, when the line before does not leave a sentence open.

    Matches "- Revenue up 4 percent", "* Shares fall 2 pct", "2) Close the Leeds plant".
    """
    if previous is not None and not (ends_sentence(previous) or is_table_row(previous)):
        return False  # "... fell to\n- a record" or "... to March\n31. Net" continue a sentence
    if _BULLET_RE.match(text):
        return True
    match = _NUMBERED_RE.match(text)
    return bool(match) and (not match.group(1).isdigit() or int(match.group(1)) <= LIST_NUMBER_MAX)


def _is_row(line: Line, previous: Line | None) -> bool:
    return is_table_row(line.text) or is_list_item(line.text, previous and previous.text)


# --- wrapped blocks ---------------------------------------------------------------------------
def is_hard_wrapped(block: list[Line], width: int) -> bool:
    """A block whose line ends mostly fall on full lines, inside sentences."""
    ends = [
        (a, b) for a, b in pairwise(block) if not (is_table_row(a.text) or is_table_row(b.text))
    ]
    full = [a for a, b in ends if is_full(a, b, width)]
    open_ended = sum(not ends_sentence(a.text) for a in full)
    return (
        bool(full)
        and len(full) >= FULL_LINE_MIN_SHARE * len(ends)
        and open_ended >= OPEN_END_MIN_SHARE * len(full)
    )


def base_indent(block: list[Line], width: int) -> int:
    """Indentation of continuation lines: the most common one after a full line (ties: least)."""
    after_full = [b.indent for a, b in pairwise(block) if is_full(a, b, width)]
    indents = after_full or [line.indent for line in block]
    return min(indents, key=lambda n: (-indents.count(n), n))


def continues(previous: Line, line: Line, base: int, width: int) -> bool:
    """Whether `line` carries on the paragraph of `previous` inside a wrapped block."""
    if line.indent != base or _is_row(line, previous) or is_table_row(previous.text):
        return False  # an indented paragraph start, an outdented heading, a bullet or a row
    if is_full(previous, line, width):
        return True
    # A short line may still break a sentence in ragged text: "... said on\nTuesday" is not it,
    # but a lower-case start after an open end is ("sales of\nmore than").
    return not _SENTENCE_END_RE.search(previous.text) and bool(_LOWER_START_RE.match(line.text))


def _hanging(previous: Line, line: Line, item_indent: int | None, width: int) -> bool:
    """A wrapped bullet's next line, indented under the bullet's text."""
    return (
        item_indent is not None
        and line.indent > item_indent
        and is_full(previous, line, width)
        and not _is_row(line, previous)
    )


def join_wrapped(block: list[Line], width: int) -> list[str]:
    """The paragraphs and rows of a wrapped block, each paragraph's lines joined by a space."""
    base = base_indent(block, width)
    units = [[block[0].text]]
    item_indent = block[0].indent if _is_row(block[0], None) else None
    for previous, line in pairwise(block):
        if continues(previous, line, base, width) or _hanging(previous, line, item_indent, width):
            units[-1].append(line.text)
            continue
        units.append([line.text])
        item_indent = line.indent if is_list_item(line.text, previous.text) else None
    return [" ".join(unit) for unit in units]


def paragraphs(text: str) -> list[str]:
    """Units of a text: wrapped blocks joined into paragraphs, every other line on its own."""
    found = blocks(text)
    width = wrap_width([line for block in found for line in block])
    units: list[str] = []
    for block in found:
        if width is not None and len(block) > 1 and is_hard_wrapped(block, width):
            units += join_wrapped(block, width)
        else:
            units += [line.text for line in block]
    return units
