"""Resolution of underspecified dates (a month, a weekday, a day without year) against an anchor.

Consumes the document text around a temporal expression and the publication date; produces
calendar dates. Follows TempEval practice for news (HeidelTime's "news" strategy): the anchor
is the publication date and the tense of the clause picks the past or the future occurrence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from newsfacts.extract.timex_calendar import last_day_of_month

Tense = Literal["past", "future"] | None

# How far (characters) either side of an expression the tense cues are looked for; about one
# clause of newswire.
TENSE_WINDOW_CHARS = 80
# Cues after an expression count as this many times farther away than cues before it.
RIGHT_CUE_WEIGHT = 2
# A date without year is read as its occurrence nearest the anchor; the tense of the clause
# overrides that only when the nearest reading lies more than this many days on its wrong side
# ("was founded in December" in a February article -> the December before; "said Aug. 27" in
# September stays in the same year). Chosen on TempEval-3 training data (tbaq-cleaned).
TENSE_OVERRIDE_DAYS = 90
# A bare month moves to the neighbouring year when the tense puts the whole month more than this
# many days on the wrong side of the anchor ("will go on sale in April" in a July article).
MONTH_TENSE_OVERRIDE_DAYS = 30
# Penalty (days) for a reading against the tense: large enough that any allowed reading wins.
_AGAINST_TENSE_PENALTY = 10_000
# Day standing for a whole month when months are compared by distance.
MID_MONTH_DAY = 15

# Future-tense cues before the expression. "by" and "through" mark a deadline only right before
# it ("will double its flights by August"); farther away they are mostly the passive agent
# ("cited by traffic police in December") or a route.
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to|set\s+to|plans?\s+to|planning|"
    r"planned|scheduled|expects?|expected|is\s+due|are\s+due|due|would|could|might|upcoming|"
    r"next|as\s+(?:soon|early)\s+as|effective|payable|starting)\b|\b(?:through|by)\s+$",
    re.IGNORECASE,
)
# After the expression only auxiliaries count: "rally Thursday by workers" is not a future.
_FUTURE_AFTER = re.compile(r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to)\b", re.I)
# An "-ed" word as a past cue: lower case only, so that names such as "United" do not count; not
# a participle after "be"/"is"/"are" ("will be named", "is scheduled"), which carries no tense.
_ED_VERB = r"\b(?<!\bbe\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)(?!(?:{})ed\b)[a-z]{{2,}}ed\b"
_NOT_PAST_ED = "need|expect|schedul|plann|propos|intend|seed"
_PAST = re.compile(
    r"\b(?i:was|were|had|did|said|told|ago|last|since|earlier|previously|until)\b|"
    + _ED_VERB.format(_NOT_PAST_ED)
)
# After the expression a reporting verb is left out: in "will leave Thursday," he said" it dates
# the report, not the expression.
_PAST_AFTER = re.compile(
    r"\b(?i:was|were|had|did|ago|last|since|earlier|previously|until)\b|"
    + _ED_VERB.format(_NOT_PAST_ED + "|report|stat|add|not|claim")
)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s|\n")


@dataclass
class Context:
    """What the resolver knows while walking one document left to right."""

    text: str
    dct: dt.date | None
    last_quarter: tuple[int, int] | None = None  # (year, quarter) of the latest quarter mention
    last_quarter_end: int = 0  # character offset where that quarter mention ended
    last_year: int | None = None  # year of the latest year-or-finer mention
    last_day: dt.date | None = None  # latest day-level mention
    last_month: tuple[int, int] | None = None  # (year, month) of the latest month-or-finer mention
    notes: dict[str, str] = field(default_factory=dict)


def clause_window(text: str, start: int, end: int) -> tuple[str, str]:
    """Return the text before and after a span, cut at the sentence and the tense window."""
    left = text[max(0, start - TENSE_WINDOW_CHARS) : start]
    cut = [m.end() for m in _SENTENCE_END.finditer(left)]
    if cut:
        left = left[cut[-1] :]
    right = text[end : end + TENSE_WINDOW_CHARS]
    stop = _SENTENCE_END.search(right)
    return left, right[: stop.start()] if stop else right


def tense_near(text: str, start: int, end: int) -> Tense:
    """Return the tense of the nearest cue around a span: "will launch in April" -> future."""
    left, right = clause_window(text, start, end)
    best: tuple[int, Tense] | None = None
    for regex, after, tense in ((_FUTURE, _FUTURE_AFTER, "future"), (_PAST, _PAST_AFTER, "past")):
        for m in regex.finditer(left):
            distance = len(left) - m.end()
            if best is None or distance < best[0]:
                best = (distance, tense)
        for m in after.finditer(right):
            # a cue before the expression governs it more often ("said Tuesday it will ...")
            distance = RIGHT_CUE_WEIGHT * m.start() + 1
            if best is None or distance < best[0]:
                best = (distance, tense)
            break
    return best[1] if best else None


def resolve_month(month: int, anchor: dt.date, tense: Tense) -> int:
    """Return the year of a bare month: its occurrence nearest the anchor, unless the tense puts
    it wholly on the other side by over a month ("will go on sale in April" said in July)."""
    nearest = _nearest(month, MID_MONTH_DAY, anchor, None)
    first = nearest.replace(day=1)
    last = nearest.replace(day=last_day_of_month(nearest.year, month))
    if tense == "past" and (first - anchor).days > MONTH_TENSE_OVERRIDE_DAYS:
        return nearest.year - 1
    if tense == "future" and (anchor - last).days > MONTH_TENSE_OVERRIDE_DAYS:
        return nearest.year + 1
    return nearest.year


def resolve_past_month(month: int, anchor: dt.date, inclusive: bool = False) -> int:
    """Return the year of the latest such month before the anchor ("last November", "back in")."""
    if month < anchor.month or (inclusive and month == anchor.month):
        return anchor.year
    return anchor.year - 1


def resolve_next_month(month: int, anchor: dt.date) -> int:
    """Return the year of the next such month after the anchor ("next March")."""
    return anchor.year if month > anchor.month else anchor.year + 1


def resolve_day(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    """Return the date of "Aug. 7" without year: the occurrence nearest the anchor, unless the
    tense points the other way by more than `TENSE_OVERRIDE_DAYS`."""
    if day > last_day_of_month(anchor.year, month) and not (month == 2 and day == 29):
        return None
    return _nearest(month, day, anchor, tense)


def _nearest(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date:
    """The date with this month and day in the anchor's year or a neighbouring one, nearest the
    anchor among those the tense allows (news mostly reports the recent past and near future)."""
    best: tuple[int, dt.date] | None = None
    for year in range(anchor.year - 4, anchor.year + 5):  # four years apart: one has Feb 29
        candidate = _replace_year(dt.date(2000, month, day), year)  # 2000 is a leap year
        if candidate is None:
            continue
        gap = (candidate - anchor).days
        against = (tense == "past" and gap > TENSE_OVERRIDE_DAYS) or (
            tense == "future" and gap < -TENSE_OVERRIDE_DAYS
        )
        score = abs(gap) + (_AGAINST_TENSE_PENALTY if against else 0)
        if best is None or score < best[0]:
            best = (score, candidate)
    assert best is not None  # any nine consecutive years hold every month and day
    return best[1]


def _replace_year(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def resolve_weekday(weekday: int, anchor: dt.date, relation: str, tense: Tense) -> dt.date:
    """Return the date of a weekday name: "last Friday", "next Monday", or bare "Tuesday"."""
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=back or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=forward or 7)
    if relation == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if back == 0:  # news convention: "said Friday" in a Friday paper is that day
        return anchor
    if tense == "future":
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """Return the n-th (1-based; -1 = last) given weekday of a month (for moving holidays)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, last_day_of_month(year, month))
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
