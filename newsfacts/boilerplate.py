"""Plain-text cleaning: crawled article text in, title, date, body and removed boilerplate out.

Rules are small functions, one per kind of web residue a crawler leaves in plain text
(navigation words, comment counters, repeated captions, teaser blocks, widgets, date lines).
Each rule looks at whole lines ("units"), never at words inside prose, so a sentence that
mentions "read more" or "filed under" is never cut.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsfacts.boilerplate_rules import (
    BARE_DATE_MAX_POSITION,
    CAPTION_MAX_COPIES,
    CONTINUATION_START_RE,
    DATELINE_SEARCH_UNITS,
    INVISIBLE_RE,
    LINE_END_PUNCT,
    LINE_RULES,
    OPEN_LINE_MIN_WORDS,
    SENTENCE_BREAK_RE,
    SHORT_LINE_MAX_WORDS,
    SPACE_RE,
    TEASER_BLURB_MAX_WORDS,
    TITLE_SEARCH_UNITS,
    ends_sentence,
    is_edge_widget,
    is_prose,
    is_teaser_heading,
    line_key,
    looks_like_headline,
    parse_date_line,
    word_count,
)
from newsfacts.dateline import Dateline, parse_dateline
from newsfacts.unwrap import paragraphs
from newsfacts.wire import cut_glued_credit, trailing_sign_offs


@dataclass(frozen=True)
class CleanText:
    """Result of cleaning one plain-text article."""

    title: str | None  # headline found at the top (or the title_hint), else None
    body: str  # cleaned article text, paragraphs separated by "\n\n"
    date: str | None  # ISO yyyy-mm-dd from an explicit date line/prefix in the text, else None
    removed: tuple[tuple[str, str], ...]  # (removed line or block text, reason)
    dateline: Dateline | None = None  # the dateline cut off the first paragraph, if any


# --- splitting ------------------------------------------------------------------------------------
def split_units(text: str) -> list[str]:
    """Whitespace-normalised units: paragraphs of hard-wrapped text joined, other lines as they are."""
    text = INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Spacing is squashed per unit, after unwrapping: indentation and column gaps mark
    # paragraphs and table rows in wrapped text.
    units = (SPACE_RE.sub(" ", unit).strip() for unit in paragraphs(text))
    return [unit for unit in units if unit]


# --- passes over the units of one text ------------------------------------------------------------
class _Doc:
    """Units of one text and the removal reason of each unit that goes."""

    def __init__(self, units: list[str]) -> None:
        self.units = units
        self.reason: dict[int, str] = {}
        self.cut: list[tuple[int, str, str]] = []  # parts cut out of a kept unit

    def mark(self, index: int, reason: str) -> None:
        """Mark a unit for removal; the first reason given wins."""
        self.reason.setdefault(index, reason)

    def live(self) -> list[int]:
        """Indexes of the units still kept, in order."""
        return [i for i in range(len(self.units)) if i not in self.reason]

    def first_prose(self, skip: int | None = None) -> int:
        """Index of the first kept prose unit (other than skip), or len(units)."""
        for i in self.live():
            if i != skip and is_prose(self.units[i]):
                return i
        return len(self.units)


def _mark_line_rules(doc: _Doc) -> None:
    """Apply the whole-line rules of LINE_RULES to every unit."""
    for i, unit in enumerate(doc.units):
        for reason, rule in LINE_RULES:
            if rule(unit):
                doc.mark(i, reason)
                break


def _take_date(doc: _Doc) -> str | None:
    """Remove explicit date lines/prefixes and return the document date they state."""
    live = doc.live()
    prose_start = doc.first_prose()
    hits: list[tuple[bool, int, str]] = []
    for rank, i in enumerate(live):
        head_zone = rank < BARE_DATE_MAX_POSITION and i <= prose_start
        hit = parse_date_line(doc.units[i], allow_bare=head_zone)
        if hit is None or (hit.rest and rank >= 2):
            continue  # a date opening prose deep in the text is part of the story
        hits.append((hit.is_update, i, hit.iso))
        if hit.rest:
            doc.cut.append((i, hit.prefix, "date_line"))
            doc.units[i] = hit.rest
        else:
            doc.mark(i, "date_line")
    # A "Published" date beats an "Updated" one; otherwise the first one stated.
    return min(hits)[2] if hits else None


def _take_title(doc: _Doc, title_hint: str | None) -> str | None:
    """Find and remove the headline (or the line repeating title_hint); return the title."""
    if title_hint is not None:
        hint_key = line_key(title_hint)
        live = doc.live()
        if live and line_key(doc.units[live[0]]) == hint_key:
            doc.mark(live[0], "title")
        return title_hint.strip() or None
    live = doc.live()
    for pos, i in enumerate(live[:TITLE_SEARCH_UNITS]):
        unit = doc.units[i]
        if _is_label(unit):
            continue  # a section label or widget above the headline
        if not looks_like_headline(unit) or doc.first_prose(skip=i) == len(doc.units):
            return None
        for kicker in live[:pos]:
            doc.mark(kicker, "widget")
        doc.mark(i, "title")
        return unit
    return None


def _is_label(unit: str) -> bool:
    """Section labels and widgets that sit above a headline ("Technology", "Most popular")."""
    short_label = word_count(unit) <= 2 and not ends_sentence(unit)
    return short_label or is_edge_widget(unit) or is_teaser_heading(unit)


def _mark_repeats(doc: _Doc, title: str | None) -> None:
    """Remove copies of the title, doubled photo captions and doubled paragraphs."""
    title_key = line_key(title) if title else None
    live = doc.live()
    keys = {i: line_key(doc.units[i]) for i in live}
    where: dict[str, list[int]] = {}
    for pos, i in enumerate(live):
        where.setdefault(keys[i], []).append(pos)
    prose_pos = next((p for p, i in enumerate(live) if is_prose(doc.units[i])), len(live))
    for pos, i in enumerate(live):
        key, unit = keys[i], doc.units[i]
        if key == title_key:
            doc.mark(i, "title")
        elif _is_caption_like(unit) and _is_caption_pair(where[key], prose_pos):
            doc.mark(i, "caption_repeat")
        elif pos and key == keys[live[pos - 1]]:
            doc.mark(i, "duplicate_paragraph")


def _is_caption_pair(positions: list[int], prose_pos: int) -> bool:
    """A caption is printed two or three times: twice in a row, or once above the prose."""
    if not 2 <= len(positions) <= CAPTION_MAX_COPIES:
        return False
    adjacent = any(b == a + 1 for a, b in zip(positions, positions[1:], strict=False))
    return adjacent or positions[0] < prose_pos


def _is_caption_like(unit: str) -> bool:
    """A short line that does not end like a sentence or a lead-in ("Acme's X5 flagship")."""
    return (
        word_count(unit) <= SHORT_LINE_MAX_WORDS
        and not ends_sentence(unit)
        and not unit.endswith(":")
    )


def _mark_edge_widgets(doc: _Doc) -> None:
    """Remove widget lines above the first prose unit and in the run after the last one."""
    prose_start = doc.first_prose()
    for i in doc.live():
        if i >= prose_start:
            break
        if is_edge_widget(doc.units[i]):
            doc.mark(i, "widget")
    for i in reversed(doc.live()):
        if not is_edge_widget(doc.units[i]):
            break
        doc.mark(i, "widget")


def _teaser_kind(unit: str, previous: str) -> str | None:
    """Role of a unit inside a teaser block: 'headline', 'blurb' or None (prose resumes)."""
    if word_count(unit) <= SHORT_LINE_MAX_WORDS and not unit.rstrip("\"'”’)").endswith("."):
        return "headline"
    sentences = len(SENTENCE_BREAK_RE.findall(unit)) + 1
    if previous == "headline" and word_count(unit) <= TEASER_BLURB_MAX_WORDS and sentences <= 2:
        return "blurb"
    return None


def _teaser_run(units: list[str], following: Iterable[int]) -> list[int]:
    """Units after a teaser heading that read as teaser headlines and blurbs."""
    run: list[tuple[int, str]] = []
    previous = "heading"
    for i in following:
        kind = _teaser_kind(units[i], previous)
        if kind is None:
            # Blurbs just before resumed prose may be prose themselves: keep them.
            while run and run[-1][1] == "blurb" and not _is_long_prose(units[i]):
                run.pop()
            break
        run.append((i, kind))
        previous = kind
    return [j for j, _ in run]


def _is_long_prose(unit: str) -> bool:
    """Prose that cannot be a teaser blurb: long or several sentences."""
    sentences = len(SENTENCE_BREAK_RE.findall(unit)) + 1
    return word_count(unit) > TEASER_BLURB_MAX_WORDS or sentences > 2


def _mark_teaser_blocks(doc: _Doc) -> None:
    """Remove "You May Also Like"-style headings with the headlines and blurbs under them."""
    live = doc.live()
    for pos, i in enumerate(live):
        if i in doc.reason or not is_teaser_heading(doc.units[i]):
            continue
        following = (live[k] for k in range(pos + 1, len(live)))
        for j in [i, *_teaser_run(doc.units, following)]:
            doc.mark(j, "teaser_block")


def _mark_sign_offs(doc: _Doc) -> None:
    """Remove an agency's sign-off: credits, end marks and contact blocks after the story."""
    live = doc.live()
    for pos in trailing_sign_offs([doc.units[i] for i in live]):
        doc.mark(live[pos], "sign_off")
    live = doc.live()
    if live:
        rest, credit = cut_glued_credit(doc.units[live[-1]])
        if credit:
            doc.cut.append((live[-1], credit, "sign_off"))
            doc.units[live[-1]] = rest


def _take_dateline(doc: _Doc) -> Dateline | None:
    """Cut the dateline ("LONDON, March 3 (Reuters) -") off the story's first paragraph."""
    for i in doc.live()[:DATELINE_SEARCH_UNITS]:
        unit = doc.units[i]
        found = parse_dateline(unit)
        if found is not None:
            rest = unit[found.end :].strip()
            if rest:
                doc.cut.append((i, unit[: found.end].strip(), "dateline"))
                doc.units[i] = rest
            else:
                doc.mark(i, "dateline")
            return found
        if is_prose(unit):
            return None  # the story has started without a dateline
    return None


# --- public API -----------------------------------------------------------------------------------
def clean_plain_text(text: str, title_hint: str | None = None) -> CleanText:
    """Clean crawled plain text: strip boilerplate, find the headline and a stated date."""
    doc = _Doc(split_units(text))
    _mark_line_rules(doc)
    date = _take_date(doc)
    title = _take_title(doc, title_hint)
    _mark_repeats(doc, title)
    _mark_edge_widgets(doc)
    _mark_teaser_blocks(doc)
    _mark_edge_widgets(doc)
    _mark_sign_offs(doc)
    dateline = _take_dateline(doc)
    removed = [(i, doc.units[i], reason) for i, reason in doc.reason.items()] + doc.cut
    removed.sort(key=lambda item: item[0])
    body = "\n\n".join(doc.units[i] for i in doc.live())
    pieces = tuple((part, reason) for _, part, reason in removed)
    return CleanText(title, body, date, pieces, dateline)


def _squash(line: str) -> str:
    """A line with its spacing normalised, as compared by repeated_lines and drop_lines."""
    return SPACE_RE.sub(" ", line).strip()


def _squashed_lines(body: str) -> set[str]:
    """The distinct non-empty lines of a body, squashed; one substitution for the whole body."""
    return {line for raw in SPACE_RE.sub(" ", body).split("\n") if (line := raw.strip())}


def repeated_lines(bodies: Iterable[str], min_docs: int, min_share: float) -> set[str]:
    """Lines found in >= min_docs bodies and >= min_share of them: a publisher's template lines.

    A prose line only counts in a body that is mostly its own text, so copies of one
    article (exact or near duplicates) never turn their shared prose into "template".
    """
    line_sets = [_squashed_lines(body) for body in bodies]
    if not line_sets:
        return set()
    counts = Counter(line for lines in line_sets for line in lines)
    shared = {line for line, n in counts.items() if n >= min_docs}
    support: Counter[str] = Counter()
    for lines in line_sets:
        own_chars = sum(len(ln) for ln in lines if ln not in shared)
        mostly_own = own_chars * 2 > sum(len(ln) for ln in lines)
        for line in lines & shared:
            if mostly_own or not is_prose(line):
                support[line] += 1
    total = len(line_sets)
    return {
        line
        for line, n in support.items()
        if n >= min_docs and n / total >= min_share and not CONTINUATION_START_RE.match(line)
    }


def continues_sentence(previous: str | None, line: str) -> bool:
    """Whether a line carries on the sentence of the line before: never a template line alone.

    True for "the company said." (a lower-case start), and for any line after an open prose
    line ("Shares of Acme rose 4 percent on the") that a wrapper cut.
    """
    if CONTINUATION_START_RE.match(line):
        return True
    if previous is None or word_count(previous) < OPEN_LINE_MIN_WORDS:
        return False
    return not previous.rstrip().endswith(LINE_END_PUNCT)


def drop_lines(body: str, lines: set[str]) -> str:
    """Remove the given (stripped) lines from a body, keeping paragraphs "\\n\\n"-separated.

    A line that continues the sentence of the line before it stays (see continues_sentence).
    """
    kept: list[str] = []
    previous: str | None = None
    for line in body.split("\n"):
        squashed = _squash(line)
        if squashed and squashed in lines and not continues_sentence(previous, squashed):
            continue
        kept.append(line)
        previous = squashed or previous
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
