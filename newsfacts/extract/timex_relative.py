"""Rules for deictic and relative expressions: "last year", "Tuesday", "two weeks ago", "now".

Consumes the shared rule machinery of `timex_rules`; produces `Rule`s whose values are computed
from the publication date (`context.dct`). Without a publication date they return no value.
"""

from __future__ import annotations

import datetime as dt
import re

from newsfacts.extract.timex_calendar import (
    month_value,
    quarter_of,
    shift_month,
    shift_quarter,
    week_value,
)
from newsfacts.extract.timex_lexicon import (
    APPROX,
    DAY_PARTS,
    NUMBER,
    POINT_MOD,
    SEASON,
    SEASONS,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    parse_number,
    unit_code,
)
from newsfacts.extract.timex_periods import year_ago_value
from newsfacts.extract.timex_resolve import Context, resolve_weekday
from newsfacts.extract.timex_rules import FLAGS, UNRESOLVED, Norm, Rule, _tense

# Relation word -> (offset in units from the DCT's unit, or None for anaphora / duration).
_OFFSETS = {
    "this": 0, "current": 0, "the current": 0, "the present": 0,
    "last": -1, "past": -1, "previous": -1, "the previous": -1, "the prior": -1,
    "next": 1, "coming": 1, "the coming": 1, "the following": 1,
}  # fmt: skip
# Relations that count from the time in focus rather than from the publication date.
_ANAPHORIC_OFFSETS = {"the following": 1, "the previous": -1, "the prior": -1}
# "the past year", "the last week", "the next month": a stretch of time, not a calendar unit.
_DURATION_RELATIONS = ("the past", "the last", "the next", "the latest", "the most recent")


def unit_value(code: str, anchor: dt.date, offset: int) -> str | None:
    """Return the calendar unit containing `anchor`, moved by `offset` units, as a TIMEX3 value."""
    if code == "Y":
        return str(anchor.year + offset)
    if code == "M":
        return month_value(*shift_month(anchor.year, anchor.month, offset))
    if code in ("W", "WE"):
        return week_value(anchor + dt.timedelta(weeks=offset), "-WE" if code == "WE" else "")
    if code == "Q":
        year, quarter = shift_quarter(anchor.year, quarter_of(anchor), offset)
        return f"{year}-Q{quarter}"
    if code == "D":
        return (anchor + dt.timedelta(days=offset)).isoformat()
    if code == "DE":
        return str(anchor.year // 10 + offset)
    if code == "CE":
        return f"{anchor.year // 100 + offset:02d}"
    return None


def season_value(season: str, anchor: dt.date, offset: int) -> str:
    """Return "YYYY-SU" for this (0), last (-1) or next (+1) season relative to the anchor."""
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if offset == 0:
        return f"{anchor.year}-{season}"
    started = anchor.month >= first_month + 3 if season != "WI" else False
    if offset < 0:
        return f"{anchor.year if started else anchor.year - 1}-{season}"
    return f"{anchor.year if anchor.month < first_month else anchor.year + 1}-{season}"


def _norm_relative_unit(m: re.Match[str], ctx: Context) -> Norm:
    rel = " ".join(m["rel"].lower().split())
    unit_word = m["unit"].lower().split()[-1]
    if rel in ("the past", "the last") and not m["mod"] and unit_word in ("year", "week"):
        # annotated news reads "over the past year" as last year, not as a stretch (P1Y)
        return _date_for("last", unit_word, ctx)
    if rel in _DURATION_RELATIONS and rel not in ("the latest", "the most recent"):
        code = "Q" if unit_word == "quarter" else unit_code(unit_word)
        if unit_word in SEASONS:
            return UNRESOLVED
        if m["mod"]:  # "the end of the last year" reads as a date
            return _date_for(rel.replace("the ", ""), unit_word, ctx)
        return Norm(_duration_value(1, code), False, "DURATION")
    if rel in ("that", "the same"):
        return _anaphoric_unit(unit_word, ctx)
    if rel in _ANAPHORIC_OFFSETS and unit_word == "year" and ctx.last_year:
        # "In 1995 he was promoted, and the following year ...": relative to the year in focus
        year = ctx.last_year + _ANAPHORIC_OFFSETS[rel]
        return Norm(str(year), ctx.dct is not None)
    if rel in _ANAPHORIC_OFFSETS and unit_word == "month" and ctx.last_month:
        # "In March the bid failed; the following month ...": relative to the month in focus
        year, month = shift_month(*ctx.last_month, _ANAPHORIC_OFFSETS[rel])
        return Norm(month_value(year, month), ctx.dct is not None)
    return _date_for(rel, unit_word, ctx)


def _date_for(rel: str, unit_word: str, ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    if rel in ("the latest", "the most recent", "latest"):
        return year_ago_value(ctx, False) if unit_word == "year" else _latest(unit_word, ctx)
    offset = _OFFSETS.get(rel, 0)
    if unit_word in SEASONS:
        return Norm(season_value(SEASONS[unit_word], ctx.dct, offset), True)
    if unit_word == "quarter" and offset == 0 and rel == "this":
        return Norm(unit_value("Q", ctx.dct, 0), True)
    return Norm(unit_value(unit_code(unit_word), ctx.dct, offset), True)


def _latest(unit_word: str, ctx: Context) -> Norm:
    if unit_word == "quarter" and ctx.last_quarter:
        return Norm(f"{ctx.last_quarter[0]}-Q{ctx.last_quarter[1]}", True)
    assert ctx.dct is not None
    return Norm(unit_value(unit_code(unit_word), ctx.dct, -1), True)


def _anaphoric_unit(unit_word: str, ctx: Context) -> Norm:
    if unit_word == "year" and ctx.last_year:
        return Norm(str(ctx.last_year), ctx.dct is not None)
    if unit_word == "day" and ctx.last_day:
        return Norm(ctx.last_day.isoformat(), ctx.dct is not None)
    return UNRESOLVED


def rule_relative_unit() -> Rule:
    """ "late last year", "this year", "next week", "earlier this month", "the past year"."""
    rels = "|".join(
        sorted([*_OFFSETS, *_DURATION_RELATIONS, "that", "the same"], key=len, reverse=True)
    ).replace(" ", r"\s+")
    pattern = (
        rf"\b(?P<mod>{POINT_MOD})?(?P<rel>{rels})\s+(?P<unit>(?:fiscal\s+)?year|month|week|"
        rf"(?:fiscal\s+)?quarter|weekend|decade|century|day|{SEASON})\b(?!['’]s\s+(?:first|"
        r"second|third|fourth|final|last)\b)"
    )
    return Rule("relative_unit", re.compile(pattern, FLAGS), "DATE", _norm_relative_unit)


def _norm_unit_edge(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    return Norm(unit_value(unit_code(m["unit"]), ctx.dct, 0), True)


def rule_unit_edge() -> Rule:
    """ "the end of the year", "year-end", "earlier in the month" (the current unit)."""
    pattern = (
        r"\b(?:the\s+)?(?:end|beginning|start|middle|turn|rest)\s+of\s+the\s+(?P<unit>year|month|"
        r"week|quarter)\b|\b(?P<unit2>year)[\s-]end\b|\byear['’]s\s+end\b"
    )
    regex = re.compile(pattern, FLAGS)
    return Rule("unit_edge", regex, "DATE", lambda m, c: _norm_unit_edge_any(m, c))


def _norm_unit_edge_any(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    unit = m["unit"] or "year"
    return Norm(unit_value(unit_code(unit), ctx.dct, 0), True)


# --- days and weekdays -----------------------------------------------------------------------
_DEICTIC_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def _norm_deictic_day(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    word = (m["d"] or m["rel"]).lower()
    offset = -1 if word == "last" and m["part"] else _DEICTIC_OFFSET.get(word, 0)
    part = m["part"] or m["p1"] or ("night" if word == "tonight" else None)
    typ = "TIME" if part else None
    day = (ctx.dct + dt.timedelta(days=offset)).isoformat()
    return Norm(day + _part_suffix(part), True, typ)


def rule_deictic_day() -> Rule:
    """ "yesterday", "today", "tomorrow morning", "last night", "this afternoon"."""
    pattern = (
        r"\b(?:(?:early|late|mid-?)\s*)?(?:(?P<d>yesterday|today|tomorrow|tonight)(?:\s+(?P<p1>"
        r"morning|afternoon|evening|night))?|(?P<rel>this|last)\s+(?P<part>morning|afternoon|"
        r"evening|night))\b"
    )
    return Rule("deictic_day", re.compile(pattern, FLAGS), "DATE", _norm_deictic_day, None, 0.95)


def _norm_weekday(m: re.Match[str], ctx: Context) -> Norm:
    if ctx.dct is None:
        return UNRESOLVED
    relation = (m["rel"] or "").lower()
    # "Wednesday's ruling": a possessive weekday names something that already happened
    possessive = ctx.text.startswith(("'s", "’s"), m.end())
    tense = "past" if possessive else _tense(m, ctx)
    day = resolve_weekday(WEEKDAYS[m["wd"].lower()], ctx.dct, relation, tense)
    # annotated news gives "Friday night" the day itself far more often than "...TNI"
    return Norm(day.isoformat(), True)


def _part_suffix(part: str | None) -> str:
    """TIMEX3 part-of-day suffix: "morning" -> "TMO" (TimeML 1.2 appendix)."""
    return f"T{DAY_PARTS[part.lower()]}" if part else ""


def rule_weekday() -> Rule:
    """ "Tuesday", "last Friday", "next Monday morning" (nearest such day to the DCT)."""
    pattern = (
        rf"\b(?:(?P<rel>last|next|this|early|late)\s+)?(?P<wd>{WEEKDAY})"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
    )
    return Rule("weekday", re.compile(pattern, FLAGS), "DATE", _norm_weekday, None, 0.85)


# --- "two weeks ago", durations --------------------------------------------------------------
def _norm_ago(m: re.Match[str], ctx: Context) -> Norm:
    n, code = parse_number(m["n"]), unit_code(m["unit"])
    sign = 1 if m["dir"].lower().split()[0] in ("later", "from", "hence") else -1
    if ctx.dct is not None and (n is None or n != int(n)):
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF", True)
    if code == "Y" and n == 1 and sign < 0:
        return year_ago_value(ctx, True, m.start())
    if ctx.dct is None or n is None or code in ("H", "MIN", "S"):
        return UNRESOLVED
    if code == "Q":
        return Norm(unit_value("Q", ctx.dct, sign * int(n)), True)
    if code == "W":
        return Norm(week_value(ctx.dct + dt.timedelta(weeks=sign * int(n))), True)
    return Norm(unit_value(code, ctx.dct, sign * int(n)), True)


def rule_ago() -> Rule:
    """ "a year ago", "two weeks earlier", "nearly four years ago", "three days from now"."""
    pattern = (
        rf"\b{APPROX}?(?P<n>{NUMBER})\s+(?P<unit>{UNIT})\s+(?:or\s+so\s+)?"
        r"(?P<dir>ago|earlier|later|from\s+now|hence)\b"
    )
    return Rule("ago", re.compile(pattern, FLAGS), "DATE", _norm_ago)


def _duration_value(n: float | None, code: str) -> str:
    if code in ("DE", "CE") and n is not None:  # TimeML writes decades as years: P10Y
        n, code = n * (10 if code == "DE" else 100), "Y"
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if code in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if code == 'MIN' else code}"
    return f"P{amount}{code}"


def _valid_duration(m: re.Match[str], text: str) -> bool:
    """Not "a second time", "three quarters of", "a 5-year-old", nor "10,000 years"-style counts."""
    unit, number = m["unit"].lower(), m["n"].lower()
    if unit.startswith("second") and number in ("a", "an"):
        return False
    if unit.startswith("quarter") and re.match(r"\s+of\b", text[m.end() :]):
        return False
    if re.match(r"[\s-]+olds?\b", text[m.end() :]):
        return False
    return not (number in ("a", "an") and m["sep"].startswith("-"))


def _norm_duration(m: re.Match[str], ctx: Context) -> Norm:
    n, code = parse_number(m["n"]), unit_code(m["unit"])
    if n is not None and n == int(n) and (m["frac"] or m["half"]):
        return Norm(_and_a_half_value(int(n), code))
    return Norm(_duration_value(n, code))


# Half of each unit written in smaller TIMEX3 units: "2 1/2 years" -> P2Y6M.
_HALF_UNIT = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H"}
_HALF_TIME_UNIT = {"H": "30M", "MIN": "30S"}


def _and_a_half_value(n: int, code: str) -> str:
    """Value of "n and a half" units: "5 1/2 hours" -> PT5H30M, "a year and a half" -> P1Y6M."""
    if code in ("DE", "CE"):
        return f"P{n * 10 + 5 if code == 'DE' else n * 100 + 50}Y"
    if code == "Q":
        return f"P{3 * n + 1}M15D"
    if code in _HALF_TIME_UNIT:
        return f"PT{n}{'M' if code == 'MIN' else code}{_HALF_TIME_UNIT[code]}"
    if code in _HALF_UNIT:
        return f"P{n}{code}{_HALF_UNIT[code]}"
    return _duration_value(n + 0.5, code)


def rule_duration() -> Rule:
    """ "seven years", "the past two months", "a five-year low", "the first nine months"."""
    pattern = (
        r"\b(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|latest|final|"
        rf"remaining|initial|recent|same|full)\s+)?{APPROX}?(?<![\d.,$/])(?P<n>{NUMBER})"
        r"(?P<frac>\s+1/2)?"
        rf"(?P<sep>[\s-]+)(?P<unit>{UNIT})\b(?:\s+or\s+so\b|(?P<half>\s+and\s+a\s+half\b))?"
    )
    return Rule("duration", re.compile(pattern, FLAGS), "DURATION", _norm_duration, _valid_duration)


def _norm_vague_duration(m: re.Match[str], ctx: Context) -> Norm:
    word = (m["word"] or "").lower()
    if word in ("past", "coming") and ctx.dct is None:
        return Norm(None, False, "DATE")
    # "in recent years" is annotated as a vague stretch (PXY) more often than as PAST_REF
    if word == "past":
        return Norm("PAST_REF", True, "DATE")
    if word == "coming":
        return Norm("FUTURE_REF", True, "DATE")
    return Norm(_duration_value(None, unit_code(m["unit"])))


def rule_vague_duration() -> Rule:
    """ "recent years", "the coming months", "for years" (span "years"), "decades"."""
    pattern = (
        r"\b(?:(?:the\s+)?(?P<word>recent|coming|past)\s+|(?<=\bfor\s))(?P<unit>years|months"
        r"|weeks|days|decades|centuries)\b"
    )
    return Rule(
        "vague_duration", re.compile(pattern, FLAGS), "DURATION", _norm_vague_duration, None, 0.7
    )


# After "the year" these words make it a stretch of time ("the year ended June 30"), not the
# calendar year of the publication date ("for the full year", "earlier in the year").
_STRETCH_AFTER = re.compile(
    r"\s+(?:ended|ending|to\s+(?:date|\w+\s+\d)|before|after|earlier|ago)\b"
)


def _norm_the_unit(m: re.Match[str], ctx: Context) -> Norm:
    unit = m["unit"].lower()
    if unit == "weekend":
        if ctx.dct is None:
            return UNRESOLVED
        back = 0 if ctx.dct.weekday() >= 5 or _tense(m, ctx) == "future" else -1
        return Norm(unit_value("WE", ctx.dct, back), True)
    if unit == "week" or _STRETCH_AFTER.match(ctx.text, m.end()):
        return Norm(_duration_value(1, unit_code(unit)), False, "DURATION")
    if ctx.dct is None:
        return UNRESOLVED
    return Norm(unit_value("Y", ctx.dct, 0), True)


def rule_the_unit() -> Rule:
    """ "the weekend", "for the full year" (the DCT's year), "the year ended June 30" (P1Y)."""
    pattern = r"\bthe\s+(?:(?:full|fiscal|calendar|whole|entire)\s+)?(?P<unit>year|week|weekend)\b"
    return Rule("the_unit", re.compile(pattern, FLAGS), "DATE", _norm_the_unit, None, 0.6)


def relative_rules() -> list[Rule]:
    """All relative-date and duration rules."""
    return [
        rule_relative_unit(),
        rule_unit_edge(),
        rule_deictic_day(),
        rule_weekday(),
        rule_ago(),
        rule_duration(),
        rule_vague_duration(),
        rule_the_unit(),
    ]
