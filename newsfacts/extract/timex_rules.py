"""The rules that find temporal expressions and turn each match into a TIMEX3 type and value.

Consumes nothing at import but the lexicon; produces `RULES`, a registry of compiled patterns,
each with a normaliser `(match, context) -> Norm`. Spans follow TimeML 1.2: determiners and
modifiers ("the", "early", "late", "about") are inside, prepositions ("in", "on", "back in")
outside. Relative expressions need `context.dct`; without it they return no value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from newsfacts.extract.model import TimexType
from newsfacts.extract.timex_calendar import (
    month_value,
)
from newsfacts.extract.timex_lexicon import (
    DAYNUM,
    MONTH,
    MONTH_FULL,
    POINT_MOD,
    WEEKDAY,
    YEAR4,
    month_number,
    parse_number,
)
from newsfacts.extract.timex_resolve import (
    Context,
    resolve_day,
    resolve_month,
    resolve_next_month,
    resolve_past_month,
    tense_near,
)

FLAGS = re.IGNORECASE


class Norm(NamedTuple):
    """A normalised value: TIMEX3 value (None if unresolvable), anchored flag, optional type."""

    value: str | None
    anchored: bool = False
    type: TimexType | None = None  # overrides the rule's type ("the past year" is a DURATION)


Normalizer = Callable[[re.Match[str], Context], Norm]
Validator = Callable[[re.Match[str], str], bool]


@dataclass(frozen=True)
class Rule:
    """One pattern family: how to find it, what it is, how to normalise it."""

    name: str
    pattern: re.Pattern[str]
    type: TimexType
    normalize: Normalizer
    valid: Validator | None = None
    confidence: float = 0.9


UNRESOLVED = Norm(None, False)


# --- shared helpers --------------------------------------------------------------------------
def _year_of(text: str) -> int:
    """Return a year from "2018", "'18", "18" or "FY18" (two digits read as 19xx/20xx)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:
        n = int(digits)
        return 2000 + n if n < 50 else 1900 + n
    return int(digits)


def _relative_year(phrase: str, dct: dt.date | None, ctx: Context) -> int | None:
    """Return the year named by "this year", "last year", "next year", "the year", "that year"."""
    phrase = " ".join(phrase.lower().split())
    if phrase.startswith("that") or phrase.startswith("the same"):
        return ctx.last_year
    if dct is None:
        return None
    if phrase.startswith("last") or phrase.startswith("the previous"):
        return dct.year - 1
    if phrase.startswith("next") or phrase.startswith("the coming"):
        return dct.year + 1
    return dct.year


def _explicit_or_relative_year(
    explicit: str | None, phrase: str | None, ctx: Context
) -> tuple[int | None, bool]:
    """Return (year, anchored) from an explicit year or a relative year phrase."""
    if explicit:
        return _year_of(explicit), False
    if phrase:
        year = _relative_year(phrase, ctx.dct, ctx)
        return year, year is not None and ctx.dct is not None
    return None, False


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 25) : start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\W{0,3}([A-Za-z%$]+)", text[end : end + 25])
    return m.group(1) if m else ""


def _tense(m: re.Match[str], ctx: Context) -> str | None:
    return tense_near(ctx.text, m.start(), m.end())


# --- absolute and month-level dates ----------------------------------------------------------
def _norm_calendar_day(m: re.Match[str], ctx: Context) -> Norm:
    month, day = month_number(m["mon"]), int(re.sub(r"\D", "", m["day"]))
    if m["year"]:
        try:
            return Norm(dt.date(int(m["year"]), month, day).isoformat())
        except ValueError:
            return UNRESOLVED
    if ctx.dct is None:
        return UNRESOLVED
    resolved = resolve_day(month, day, ctx.dct, _tense(m, ctx))
    return Norm(resolved.isoformat(), True) if resolved else UNRESOLVED


def rule_month_day() -> Rule:
    """ "March 5, 2018", "Monday, Oct. 12", "Sept. 2" (year from the publication date)."""
    pattern = (
        rf"\b(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAYNUM})\b(?![.,]?\d)"
        rf"(?:,?\s+(?P<year>{YEAR4})\b(?![.,]?\d))?"
    )
    return Rule("month_day", re.compile(pattern, FLAGS), "DATE", _norm_calendar_day)


def rule_day_month() -> Rule:
    """ "10 January 2019", "the 3rd of March", "Tuesday, 4 July 2018"."""
    pattern = (
        rf"(?<![\d.,$])\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?"
        rf"(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR4})\b(?![.,]?\d))?"
    )
    return Rule("day_month", re.compile(pattern, FLAGS), "DATE", _norm_calendar_day)


def _norm_numeric_date(m: re.Match[str], ctx: Context) -> Norm:
    try:
        return Norm(dt.date(_year_of(m["y"]), int(m["m"]), int(m["d"])).isoformat())
    except ValueError:
        return UNRESOLVED


def rule_iso_date() -> Rule:
    """ "2018-07-04", "2019-01-10" in running text."""
    pattern = rf"\b(?P<y>{YEAR4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"
    return Rule("iso_date", re.compile(pattern), "DATE", _norm_numeric_date, confidence=0.95)


def rule_us_numeric_date() -> Rule:
    """ "7/4/2018", "12/31/18" (US month/day/year order, as in US newswire)."""
    pattern = (
        r"(?<![\d/])\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])"
        rf"/(?P<y>{YEAR4}|\d{{2}})\b(?!/)"
    )
    return Rule("us_numeric_date", re.compile(pattern), "DATE", _norm_numeric_date, confidence=0.8)


def _norm_month_year(m: re.Match[str], ctx: Context) -> Norm:
    return Norm(month_value(_year_of(m["year"]), month_number(m["mon"])))


def rule_month_year() -> Rule:
    """ "December 2025", "early March 2019", "June of 2017", "Sept. '98"."""
    pattern = (
        rf"\b{POINT_MOD}?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR4}\b|'\d\d\b)"
        r"(?![.,]?\d)"
    )
    return Rule("month_year", re.compile(pattern, FLAGS), "DATE", _norm_month_year, confidence=0.95)


def _norm_month_relative(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    month, rel = month_number(m["mon"]), m["rel"].lower()
    if rel in ("last", "past"):
        year = resolve_past_month(month, ctx.dct)
    elif rel in ("next", "coming"):
        year = resolve_next_month(month, ctx.dct)
    else:
        year = ctx.dct.year
    return Norm(month_value(year, month), True)


def rule_month_relative() -> Rule:
    """ "last November", "next March", "this September"."""
    pattern = rf"\b{POINT_MOD}?(?P<rel>this|last|next|past|coming)\s+(?P<mon>{MONTH_FULL})\b"
    return Rule("month_relative", re.compile(pattern, FLAGS), "DATE", _norm_month_relative)


def _norm_month_of_year(m: re.Match[str], ctx: Context) -> Norm:
    year = _relative_year(m["rel"], ctx.dct, ctx)
    if year is None:
        return UNRESOLVED
    return Norm(month_value(year, month_number(m["mon"])), ctx.dct is not None)


def rule_month_of_relative_year() -> Rule:
    """ "March this year", "June last year", "early January of next year"."""
    pattern = (
        rf"\b{POINT_MOD}?(?P<mon>{MONTH_FULL})(?:\s+of)?\s+(?P<rel>this|last|next|that|the\s+same)"
        r"\s+year\b"
    )
    return Rule("month_of_year", re.compile(pattern, FLAGS), "DATE", _norm_month_of_year)


# Words before a bare month name that make it a date rather than a verb or a person's name.
_MONTH_CUES = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "through",
        "from",
        "to",
        "before",
        "after",
        "during",
        "of",
        "for",
        "early",
        "late",
        "mid",
        "and",
        "or",
        "between",
        "last",
        "this",
        "next",
        "end",
        "beginning",
        "start",
        "middle",
        "around",
    ]
)


def _valid_bare_month(m: re.Match[str], text: str) -> bool:
    """A bare "May"/"March", or one followed by a capitalised word, needs a cue word before it."""
    if m["mod"] or _word_before(text, m.start()) in _MONTH_CUES:
        return True
    if m["mon"] in ("May", "March"):
        return False
    after = _word_after(text, m.end())
    return not (after[:1].isupper() and after.lower() not in ("and", "or"))


def _norm_bare_month(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    month = month_number(m["mon"])
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if re.search(r"\bback\s+in\s*$", before):  # "back in November": the latest past one
        return Norm(month_value(resolve_past_month(month, ctx.dct), month), True)
    return Norm(month_value(resolve_month(month, ctx.dct, _tense(m, ctx)), month), True)


def rule_bare_month() -> Rule:
    """ "in April", "back in November", "late November" (year from publication date and tense)."""
    pattern = rf"\b(?P<mod>{POINT_MOD})?(?P<mon>{MONTH_FULL})\b(?!-)"
    return Rule(
        "bare_month", re.compile(pattern, FLAGS), "DATE", _norm_bare_month, _valid_bare_month, 0.8
    )


# --- years, decades, centuries ---------------------------------------------------------------
# Nouns after a four-digit number that make it a count, not a year ("2000 people").
_COUNT_NOUNS = frozenset(
    [
        "percent",
        "units",
        "people",
        "employees",
        "workers",
        "jobs",
        "shares",
        "stores",
        "times",
        "members",
        "cars",
        "vehicles",
        "phones",
        "devices",
        "customers",
        "users",
        "miles",
        "kilometers",
        "kilometres",
        "km",
        "meters",
        "metres",
        "feet",
        "tons",
        "tonnes",
        "dollars",
        "yuan",
        "euros",
        "pounds",
        "yen",
        "rupees",
        "points",
        "barrels",
        "acres",
        "pages",
        "words",
        "hectares",
        "troops",
        "soldiers",
        "students",
        "residents",
        "visitors",
        "homes",
        "houses",
    ]
)
# Words before a number that make it a price, a model or an identifier ("$2000", "No. 1999").
_NON_YEAR_BEFORE = frozenset(
    ["no", "number", "model", "version", "flight", "route", "room", "page", "rs"]
)


def _valid_year(m: re.Match[str], text: str) -> bool:
    """A four-digit year is a year unless it counts something or names a model."""
    if _word_after(text, m.end()).lower() in _COUNT_NOUNS:
        return False
    before = _word_before(text, m.start())
    if before in _NON_YEAR_BEFORE:
        return False
    year = int(m["year"])
    return 1900 <= year <= 2099 or bool(m["fy"]) or before in _MONTH_CUES


def _norm_year(m: re.Match[str], ctx: Context) -> Norm:
    return Norm(str(_year_of(m["year"])))


def rule_year() -> Rule:
    """ "2015", "fiscal 2018", "end 2018", "mid-2019", "early 2019"."""
    pattern = (
        r"(?<![\w$€£¥#.,/:])(?<!\d-)"
        rf"(?P<fy>(?:fiscal|calendar)(?:\s+year)?\s+|FY\s*)?{POINT_MOD}?(?P<year>{YEAR4})"
        r"(?![\w%]|[.,:/]\d|-\d\d?\b|\s*(?:percent|per\s*cent|%))"
    )
    return Rule("year", re.compile(pattern, FLAGS), "DATE", _norm_year, _valid_year, 0.85)


def rule_fiscal_short_year() -> Rule:
    """ "FY18", "FY'19", "fiscal '18"."""
    pattern = r"\b(?:FY\s*'?|fiscal\s+')(?P<year>\d{2})\b"
    return Rule("fiscal_year", re.compile(pattern, FLAGS), "DATE", _norm_year)


def _norm_decade(m: re.Match[str], ctx: Context) -> Norm:
    if m["dec"]:
        return Norm(m["dec"][:3])
    digit = int(m["yy"])
    return Norm(("19" if digit >= 3 else "20") + str(digit))


def rule_decade() -> Rule:
    """ "the 1990s", "the mid-1980s", "the '90s"."""
    pattern = rf"\b(?:the\s+)?{POINT_MOD}?(?:(?P<dec>1[0-9]{{2}}0|20[0-9]0)'?s|'(?P<yy>\d)0s)\b"
    return Rule("decade", re.compile(pattern, FLAGS), "DATE", _norm_decade)


def _norm_century(m: re.Match[str], ctx: Context) -> Norm:
    return Norm(f"{int(m['n']) - 1:02d}")


def rule_century() -> Rule:
    """ "the 21st century", "the early 20th century"."""
    pattern = rf"\b(?:the\s+)?{POINT_MOD}?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century\b"
    return Rule("century", re.compile(pattern, FLAGS), "DATE", _norm_century)


# --- years written out in words (broadcast transcripts) ----------------------------------------
_TEENS = "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|eleven|twelve"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_UNDER_HUNDRED = (
    rf"(?:(?:{_TENS_WORDS})(?:[\s-]+(?:{_ONES_WORDS}))?|{_TEENS}|oh[\s-]+(?:{_ONES_WORDS}))"
)


def _spelled_year(words: str) -> int | None:
    """1996 from "nineteen ninety-six", 2000 from "two thousand", 2003 from "two thousand three"."""
    words = " ".join(words.lower().replace("-", " ").split())
    if words.startswith("nineteen "):
        rest = words[len("nineteen ") :].removeprefix("oh ")
        n = parse_number(rest)
        return None if n is None else 1900 + int(n)
    if words.startswith("two thousand"):
        rest = words[len("two thousand") :].strip().removeprefix("and ").strip()
        n = parse_number(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    return None


def _norm_spelled_year(m: re.Match[str], ctx: Context) -> Norm:
    year = _spelled_year(m["y"])
    if year is None:
        return UNRESOLVED
    return Norm(month_value(year, month_number(m["mon"])) if m["mon"] else str(year))


# Words before a bare "two thousand" that make it a year ("in two thousand", not "some two thousand").
_YEAR_PREPOSITIONS = frozenset(["in", "since", "until", "by", "before", "after", "from", "of"])


def _valid_spelled_year(m: re.Match[str], text: str) -> bool:
    """ "nineteen ninety-six" always; "two thousand (and) N" only after a preposition or "year"."""
    if m["mon"] or not m["y"].lower().startswith("two") or m[0].lower().startswith("the"):
        return True
    before = text[max(0, m.start() - 12) : m.start()].split()
    return bool(before) and before[-1].lower() in _YEAR_PREPOSITIONS


def rule_spelled_year() -> Rule:
    """ "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand"."""
    pattern = (
        rf"\b(?:(?P<mon>{MONTH_FULL})\s+|the\s+year\s+)?(?P<y>nineteen[\s-]+{_UNDER_HUNDRED}"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_UNDER_HUNDRED}|{_ONES_WORDS}))?)\b(?![\s-]+"
        r"(?:years?|people|dollars|miles|troops|hundred|thousand|million|percent)\b)"
    )
    return Rule(
        "spelled_year", re.compile(pattern, FLAGS), "DATE", _norm_spelled_year,
        _valid_spelled_year, 0.8,
    )  # fmt: skip
