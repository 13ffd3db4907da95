"""Rules for vague references, clock times, seasons, holidays and recurring times.

Consumes the shared rule machinery of `timex_rules`; produces `Rule`s for "now" (PRESENT_REF),
"recently" (PAST_REF), "soon" (FUTURE_REF), "10:35 a.m.", "summer 2018", "Christmas" and
"every year" (SET, P1Y), following the TimeML 1.2 value conventions.
"""

from __future__ import annotations

import datetime as dt
import re

from newsfacts.extract.timex_lexicon import (
    FIXED_HOLIDAYS,
    MONTH,
    NUMBER,
    POINT_MOD,
    SEASON,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    YEAR4,
    month_number,
    parse_number,
)
from newsfacts.extract.timex_resolve import Context, nth_weekday, resolve_day, resolve_weekday
from newsfacts.extract.timex_rules import FLAGS, UNRESOLVED, Norm, Rule, _tense

# Reference word -> TimeML value (TimeML 1.2 guidelines, section on "now", "recently", "future").
_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "present": "PRESENT_REF", "the present": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}  # fmt: skip
# Not here although TimeML allows them: "previously", "soon", bare "future"/"recent". Annotated
# news corpora tag them only now and then, so as timexes they cost more precision than they add.


def _norm_ref(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:  # deictic: without a publication date it refers to nothing known
        return UNRESOLVED
    return Norm(_REFS[" ".join(m[0].lower().split())], True)


def _valid_ref(m: re.Match[str], text: str) -> bool:
    """ "present" only as "at present"; not "current account"; not the discourse marker "Now,"."""
    word = m[0].lower()
    if m[0] == "Now" and text.startswith(",", m.end()):
        return False
    if word == "present":
        return bool(re.search(r"\bat\s+$", text[max(0, m.start() - 4) : m.start()], FLAGS))
    return not (word == "current" and re.match(r"\s+(?:account|affairs|events)\b", text[m.end() :]))


def rule_reference() -> Rule:
    """ "now", "currently", "recently", "in the past" (span "the past"), "soon", "the future"."""
    words = sorted(_REFS, key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + r")\b(?![-'’]\w)"
    return Rule("reference", re.compile(pattern, FLAGS), "DATE", _norm_ref, _valid_ref, 0.75)


# --- clock times -----------------------------------------------------------------------------
def _clock_day(m: re.Match[str], ctx: Context) -> dt.date | None:
    """The day a clock time belongs to: a day word next to it, else the last day mentioned."""
    word = (m["dayword"] or "").lower()
    if ctx.dct is None:
        return None
    if word in WEEKDAYS:
        return resolve_weekday(WEEKDAYS[word], ctx.dct, "", _tense(m, ctx))
    if word:
        return ctx.dct + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    if m["mon"]:
        return resolve_day(month_number(m["mon"]), int(m["mday"]), ctx.dct, _tense(m, ctx))
    return ctx.last_day or ctx.dct


def _norm_clock(m: re.Match[str], ctx: Context) -> Norm:
    if m["noon"]:
        hour, minute = (0, 0) if m["noon"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        meridiem = m["ap"].lower()[0]
        if meridiem == "p" and hour < 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
    day = _clock_day(m, ctx)
    if day is None:
        return UNRESOLVED
    return Norm(f"{day.isoformat()}T{hour:02d}:{minute:02d}", True)


def rule_clock_time() -> Rule:
    """ "10:35 a.m.", "3 p.m. EST Tuesday", "noon Saturday", "5 p.m. EST, Nov. 9"."""
    day = (
        rf"(?:,?\s+(?:on\s+)?(?:(?P<dayword>{WEEKDAY}|today|yesterday|tomorrow)"
        rf"|(?P<mon>{MONTH})\s*(?P<mday>3[01]|[12][0-9]|0?[1-9])\b(?![.,]?\d)))?"
    )
    pattern = (
        r"(?<![\d:.])\b(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.?|[ap]m\b)"
        r"|(?P<noon>noon|midnight|midday)\b)(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET)\b)?" + day
    )
    return Rule("clock_time", re.compile(pattern, FLAGS), "TIME", _norm_clock)


# --- seasons and holidays --------------------------------------------------------------------
def _norm_season_year(m: re.Match[str], ctx: Context) -> Norm:
    return Norm(f"{m['y']}-{SEASONS[m['s'].lower()]}")


def rule_season_year() -> Rule:
    """ "summer 2018", "the spring of 2019", "late autumn 2017"."""
    pattern = rf"\b(?:the\s+)?{POINT_MOD}?(?P<s>{SEASON})(?:\s+of)?,?\s+(?P<y>{YEAR4})\b"
    return Rule("season_year", re.compile(pattern, FLAGS), "DATE", _norm_season_year)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(name: str, year: int) -> dt.date:
    """Return the date of a holiday in a year (US rules for the moving ones)."""
    name = " ".join(name.lower().replace("’", "'").split())
    if name in FIXED_HOLIDAYS:
        return dt.date(year, *FIXED_HOLIDAYS[name])
    if name.startswith("thanksgiving"):
        return nth_weekday(year, 11, 3, 4)
    if name.startswith("labor") or name.startswith("labour"):
        return nth_weekday(year, 9, 0, 1)
    if name.startswith("memorial"):
        return nth_weekday(year, 5, 0, -1)
    return _easter(year)


def _norm_holiday(m: re.Match[str], ctx: Context) -> Norm:
    if m["y"]:
        return Norm(holiday_date(m["name"], int(m["y"])).isoformat())
    if ctx.dct is None:
        return UNRESOLVED
    day = holiday_date(m["name"], ctx.dct.year)
    resolved = resolve_day(day.month, day.day, ctx.dct, _tense(m, ctx)) or day
    if resolved.year != day.year:
        resolved = holiday_date(m["name"], resolved.year)
    return Norm(resolved.isoformat(), True)


def rule_holiday() -> Rule:
    """ "Christmas", "Thanksgiving Day", "New Year's Eve 2019", "Easter"."""
    names = (
        r"New\s+Year['’]s\s+(?:Day|Eve)|Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|"
        r"Easter(?:\s+Sunday)?|Independence\s+Day|Labou?r\s+Day|Memorial\s+Day|Halloween|"
        r"Valentine['’]s\s+Day|Boxing\s+Day"
    )
    pattern = rf"\b(?P<name>(?-i:{names}))\b(?:,?\s+(?P<y>{YEAR4})\b)?"
    return Rule("holiday", re.compile(pattern, FLAGS), "DATE", _norm_holiday, None, 0.85)


# --- recurring times (SET) -------------------------------------------------------------------
_SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
}  # fmt: skip
_SET_UNITS = {
    "day": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y",
    "hour": "PT1H", "minute": "PT1M", "morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI",
    "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE",
}  # fmt: skip


def _norm_set(m: re.Match[str], ctx: Context) -> Norm:
    if m["adv"]:
        return Norm(_SET_ADVERBS[m["adv"].lower()])
    unit = m["unit"].lower().rstrip("s") if m["unit"].lower() != "days" else "day"
    if unit in WEEKDAYS:
        return Norm(f"XXXX-WXX-{WEEKDAYS[unit] + 1}")
    value = _SET_UNITS[unit]
    n = parse_number(m["n"]) if m["n"] else 1
    if n and n != 1 and value.startswith("P"):
        value = value.replace("1", str(int(n)), 1)
    return Norm(value)


def _valid_set(m: re.Match[str], text: str) -> bool:
    """ "a year" is a rate only after an amount: "$5 million a year", "twice a day"."""
    if m["adv"]:  # "a quarterly dividend", "the daily newspaper": an adjective, not a timex
        return not re.match(r"\s+[a-z]", text[m.end() :]) or m["adv"].lower() == "annually"
    if not m["rate"]:
        return True
    before = text[max(0, m.start() - 20) : m.start()].lower()
    return bool(
        re.search(r"(?:\d|%|percent|million|billion|thousand|once|twice|times)\W*$", before)
    )


def rule_set() -> Rule:
    """ "daily", "every year", "each Thursday", "twice a day", "$3 billion a year"."""
    units = (
        r"(?P<unit>days?|weeks?|months?|quarters?|years?|hours?|minutes?|mornings?|nights?"
        rf"|evenings?|weekends?|{WEEKDAY}s?)"
    )
    pattern = (
        r"\b(?P<adv>(?-i:daily|nightly|weekly|monthly|quarterly|annually|yearly|hourly|biweekly))"
        r"\b(?!\s+(?:basis|newspaper|paper))"
        rf"|\b(?:every|each|per)\s+(?:(?P<n>{NUMBER})\s+)?{units}\b|(?P<rate>\ba\s+)(?P<u2>day|week|month|year)\b"
    )
    return Rule("set", re.compile(pattern, FLAGS), "SET", _norm_set_any, _valid_set, 0.85)


def _norm_set_any(m: re.Match[str], ctx: Context) -> Norm:
    if m["rate"]:
        return Norm(_SET_UNITS[m["u2"].lower()])
    return _norm_set(m, ctx)


def reference_rules() -> list[Rule]:
    """All reference, clock, season, holiday and SET rules."""
    return [
        rule_reference(),
        rule_clock_time(),
        rule_season_year(),
        rule_holiday(),
        rule_set(),
    ]
