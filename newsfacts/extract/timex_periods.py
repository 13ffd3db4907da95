"""Rules for business periods: quarters, halves, fiscal years and year-ago comparisons.

Consumes the shared rule machinery of `timex_rules`; produces `Rule`s for "the third quarter of
2018" (2018-Q3), "H2 2018" (2018-H2), "the year-earlier quarter" (the last quarter mentioned,
one year back) and "the latest quarter". Quarters without a year are resolved against the
publication date, looking back when the quarter lies ahead of it (earnings reports).
"""

from __future__ import annotations

import re

from newsfacts.extract.timex_calendar import quarter_of, shift_quarter
from newsfacts.extract.timex_lexicon import ORDINAL, ORDINALS, YEAR4
from newsfacts.extract.timex_resolve import Context
from newsfacts.extract.timex_rules import (
    FLAGS,
    UNRESOLVED,
    Norm,
    Rule,
    _explicit_or_relative_year,
    _tense,
)

# "a year ago" means the same quarter a year back when a quarter was named at most this many
# characters earlier (earnings stories); farther away it means the previous year.
QUARTER_FOCUS_CHARS = 1000

# "of 2018", "of this year", "of fiscal 2019", "of the current fiscal year", "of FY18".
_OF_YEAR = (
    rf"(?:\s+(?:of|in|for)\s+(?:the\s+)?(?:(?:fiscal|calendar)(?:\s+year)?\s*)?"
    rf"(?:(?P<y2>{YEAR4}\b|FY\s*'?\d\d\b|'\d\d\b)|(?P<rel2>(?:this|last|next|that|the\s+same"
    r"|the\s+current|the\s+previous|the\s+fiscal|the)\s+(?:fiscal\s+)?year)\b))?"
)
# "2018 third quarter", "this year's third quarter", "fiscal 2019 first quarter".
_YEAR_BEFORE = rf"(?:(?:fiscal\s+|FY\s*)?(?P<y1>{YEAR4})\s+|(?P<rel1>this|last|next)\s+year's\s+)?"


def _period_year(m: re.Match[str], ctx: Context) -> tuple[int | None, bool, bool]:
    """Return (year, anchored, explicit) of a period phrase from its year groups."""
    explicit = m["y1"] or m["y2"]
    year, anchored = _explicit_or_relative_year(explicit, m["rel1"] or m["rel2"], ctx)
    return year, anchored, bool(explicit or m["rel1"] or m["rel2"])


def _quarter_number(word: str) -> int:
    word = word.lower()
    return 4 if word in ("final", "last", "fourth") else ORDINALS.get(word, 0) or int(word[0])


def _unstated_quarter_year(quarter: int, m: re.Match[str], ctx: Context) -> int:
    """Year of "the fourth quarter" with no year: look back when it lies ahead of the DCT."""
    assert ctx.dct is not None
    current, tense = quarter_of(ctx.dct), _tense(m, ctx)
    if quarter > current and (tense == "past" or (tense is None and quarter - current >= 2)):
        return ctx.dct.year - 1
    if quarter < current and tense == "future" and current - quarter >= 2:
        return ctx.dct.year + 1
    return ctx.dct.year


def _norm_quarter(m: re.Match[str], ctx: Context) -> Norm:
    year, anchored, stated = _period_year(m, ctx)
    word = m["q"].lower()
    if word == "last" and not stated:  # "last quarter": the one before the current
        if ctx.dct is None:
            return UNRESOLVED
        y, q = shift_quarter(ctx.dct.year, quarter_of(ctx.dct), -1)
        return Norm(f"{y}-Q{q}", True)
    quarter = _quarter_number(word)
    if stated:
        return Norm(f"{year}-Q{quarter}", anchored) if year else UNRESOLVED
    if ctx.dct is None:
        return UNRESOLVED
    return Norm(f"{_unstated_quarter_year(quarter, m, ctx)}-Q{quarter}", True)


def rule_quarter() -> Rule:
    """ "the first quarter of 2018", "third-quarter", "last year's fourth quarter"."""
    pattern = (
        rf"\b(?:the\s+|its\s+|a\s+)?{_YEAR_BEFORE}(?:(?:fiscal|calendar)[\s-]+)?"
        rf"(?P<q>{ORDINAL}|final|last)[\s-]+(?:fiscal[\s-]+)?quarter\b(?!\s+of\s+(?!the\s+year|\d|[$€£¥#]|"
        rf"this|last|next|fiscal|calendar|the\s+current|the\s+previous|the\s+fiscal)){_OF_YEAR}"
    )
    return Rule("quarter", re.compile(pattern, FLAGS), "DATE", _norm_quarter)


def rule_quarter_code() -> Rule:
    """ "Q3 2018", "Q4", "3Q18", "2019 Q1"."""
    pattern = (
        rf"\b(?:(?P<y1>{YEAR4})\s+)?(?-i:Q)(?P<q>[1-4])(?:\s*(?:FY\s*)?(?P<y2>{YEAR4}|'?\d\d)\b)?"
        rf"|\b(?P<q2>[1-4])(?-i:Q)\s*(?P<y3>{YEAR4}|'?\d\d)?\b"
    )
    return Rule("quarter_code", re.compile(pattern, FLAGS), "DATE", _norm_quarter_code)


def _norm_quarter_code(m: re.Match[str], ctx: Context) -> Norm:
    quarter = int(m["q"] or m["q2"])
    explicit = m["y1"] or m["y2"] or m["y3"]
    year, _ = _explicit_or_relative_year(explicit, None, ctx)
    if year:
        return Norm(f"{year}-Q{quarter}")
    if ctx.dct is None:
        return UNRESOLVED
    return Norm(f"{_unstated_quarter_year(quarter, m, ctx)}-Q{quarter}", True)


def _norm_half(m: re.Match[str], ctx: Context) -> Norm:
    word = m["h"].lower()
    half = 1 if word in ("first", "front", "1") else 2
    year, anchored, stated = _period_year(m, ctx)
    if stated:
        return Norm(f"{year}-H{half}", anchored) if year else UNRESOLVED
    if ctx.dct is None:
        return UNRESOLVED
    current = 1 if ctx.dct.month <= 6 else 2
    year = ctx.dct.year - 1 if half > current and _tense(m, ctx) == "past" else ctx.dct.year
    return Norm(f"{year}-H{half}", True)


def rule_half() -> Rule:
    """ "the second half of the year", "the first half of 2019", "this year's second half"."""
    pattern = (
        rf"\b(?:the\s+|its\s+)?{_YEAR_BEFORE}(?:(?:fiscal|calendar)[\s-]+)?"
        rf"(?P<h>first|second|latter|last|back|front)[\s-]+half\b(?!\s+of\s+(?!the\s+year|\d|[$€£¥#]|"
        rf"this|last|next|fiscal|calendar|the\s+current|the\s+previous|the\s+fiscal)){_OF_YEAR}"
    )
    return Rule("half", re.compile(pattern, FLAGS), "DATE", _norm_half)


def rule_half_code() -> Rule:
    """ "H2 2018", "1H19", "H1"."""
    pattern = (
        rf"\b(?:(?P<y1>{YEAR4})\s+)?(?-i:H)(?P<h>[12])(?:\s*(?P<y2>{YEAR4}|'?\d\d)\b)?(?![-\w])"
        rf"|\b(?P<h2>[12])(?-i:H)\s*(?P<y3>{YEAR4}|'?\d\d)\b"
    )
    return Rule("half_code", re.compile(pattern), "DATE", _norm_half_code)


def _norm_half_code(m: re.Match[str], ctx: Context) -> Norm:
    half = int(m["h"] or m["h2"])
    explicit = m["y1"] or m["y2"] or m["y3"]
    if explicit:
        return Norm(f"{_explicit_or_relative_year(explicit, None, ctx)[0]}-H{half}")
    return Norm(f"{ctx.dct.year}-H{half}", True) if ctx.dct else UNRESOLVED


def _previous_quarter(ctx: Context) -> tuple[int, int] | None:
    """The quarter the text is about: the last one mentioned, else the one before the DCT."""
    if ctx.last_quarter:
        return ctx.last_quarter
    if ctx.dct is None:
        return None
    return shift_quarter(ctx.dct.year, quarter_of(ctx.dct), -1)


def _norm_the_quarter(m: re.Match[str], ctx: Context) -> Norm:
    if m["cur"]:
        if ctx.dct is None:
            return UNRESOLVED
        return Norm(f"{ctx.dct.year}-Q{quarter_of(ctx.dct)}", True)
    ref = _previous_quarter(ctx)
    return Norm(f"{ref[0]}-Q{ref[1]}", ctx.dct is not None) if ref else UNRESOLVED


def rule_the_quarter() -> Rule:
    """ "the quarter", "the latest quarter", "the current quarter" (earnings-report anaphora)."""
    pattern = (
        r"\bthe\s+(?:(?P<cur>current|present)\s+|(?:latest|most\s+recent|just[\s-]ended|"
        r"recent|same|fiscal)\s+)?(?:fiscal\s+)?quarter\b(?!\s+of\b|ly)"
        r"|\bthe\s+(?:latest|most\s+recent)\s+(?:fiscal\s+)?period\b"
    )
    return Rule("the_quarter", re.compile(pattern, FLAGS), "DATE", _norm_the_quarter, None, 0.7)


def year_ago_value(ctx: Context, granular: bool = True, at: int | None = None) -> Norm:
    """Value of "a year ago"/"year-earlier": the quarter in focus a year back, else last year."""
    if ctx.dct is None:
        return UNRESOLVED
    in_focus = at is None or at - ctx.last_quarter_end <= QUARTER_FOCUS_CHARS
    if granular and ctx.last_quarter and in_focus:
        year, quarter = ctx.last_quarter
        return Norm(f"{year - 1}-Q{quarter}", True)
    return Norm(str(ctx.dct.year - 1), True)


def _norm_year_earlier(m: re.Match[str], ctx: Context) -> Norm:
    return year_ago_value(ctx)


def rule_year_earlier() -> Rule:
    """ "the year-earlier quarter", "year-ago", "the same period last year"."""
    pattern = (
        r"\b(?:(?:the|a)\s+)?(?:comparable\s+|same\s+|corresponding\s+)?(?:year[\s-]earlier|"
        r"year[\s-]ago|prior[\s-]year)(?:\s+(?:quarter|period))?\b"
        r"|\bthe\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?:of\s+)?(?:a\s+year\s+"
        r"(?:ago|earlier)|last\s+year)\b"
    )
    return Rule("year_earlier", re.compile(pattern, FLAGS), "DATE", _norm_year_earlier, None, 0.7)


def period_rules() -> list[Rule]:
    """All business-period rules."""
    return [
        rule_quarter(),
        rule_quarter_code(),
        rule_half(),
        rule_half_code(),
        rule_the_quarter(),
        rule_year_earlier(),
    ]
