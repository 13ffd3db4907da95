"""Calendar arithmetic for TIMEX3 values: shifting months and weeks, and the days a value covers.

Consumes TIMEX3 value strings and `datetime.date` anchors; produces TIMEX3 value strings and ISO
date bounds. Pure functions, no text handling (that lives in `timex_rules`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# Season codes of TimeML and the (first month, last month) each covers in the northern
# hemisphere; winter is taken as the December that opens it through February.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return (year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_value(year: int, month: int) -> str:
    """Return the TIMEX3 value of a calendar month, e.g. 2018-03."""
    return f"{year:04d}-{month:02d}"


def quarter_of(day: dt.date) -> int:
    """Return the calendar quarter (1-4) that `day` falls in."""
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    """Return (year, quarter) moved by `delta` quarters."""
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def week_value(day: dt.date, suffix: str = "") -> str:
    """Return the ISO week value of `day`, e.g. 2018-W27 (suffix "-WE" for its weekend)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}{suffix}"


def last_day_of_month(year: int, month: int) -> int:
    """Return the number of days in the month."""
    return calendar.monthrange(year, month)[1]


def _span(first: dt.date, last: dt.date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()


def _month_range(year: int, first_month: int, last_month: int) -> tuple[str, str]:
    last = dt.date(year, last_month, last_day_of_month(year, last_month))
    return _span(dt.date(year, first_month, 1), last)


def _calendar_bounds(value: str) -> tuple[str | None, str | None, str | None] | None:
    """Bounds for the granularities the events table knows (day to year)."""
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day.isoformat(), day.isoformat(), "day"
    if m := _MONTH.match(value):
        return (*_month_range(int(m[1]), int(m[2]), int(m[2])), "month")
    if m := _QUARTER.match(value):
        first = (int(m[2]) - 1) * 3 + 1
        return (*_month_range(int(m[1]), first, first + 2), "quarter")
    if m := _HALF.match(value):
        first = 1 if m[2] == "1" else 7
        return (*_month_range(int(m[1]), first, first + 5), "half")
    if m := _YEAR.match(value):
        return (*_month_range(int(m[1]), 1, 12), "year")
    return None


def _coarse_bounds(value: str) -> tuple[str | None, str | None, str | None] | None:
    """Bounds for weeks, seasons, decades and centuries: a range but no granularity label."""
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        first = monday + dt.timedelta(days=5) if value.endswith("-WE") else monday
        return (*_span(first, monday + dt.timedelta(days=6)), None)
    if m := _SEASON.match(value):
        year, (first, last) = int(m[1]), SEASON_MONTHS[m[2]]
        end_year = year + 1 if last < first else year
        last_day = dt.date(end_year, last, last_day_of_month(end_year, last))
        return (*_span(dt.date(year, first, 1), last_day), None)
    if m := _DECADE.match(value):
        start = int(m[1]) * 10
        return f"{start:04d}-01-01", f"{start + 9:04d}-12-31", None
    if m := _CENTURY.match(value):
        start = int(m[1]) * 100
        return f"{start:04d}-01-01", f"{start + 99:04d}-12-31", None
    return None


def timex_bounds(value: str | None) -> tuple[str | None, str | None, str | None]:
    """Return (first ISO day, last ISO day, granularity) a TIMEX3 value covers, Nones if none."""
    if not value:
        return None, None, None
    try:
        return _calendar_bounds(value) or _coarse_bounds(value) or (None, None, None)
    except ValueError:  # e.g. 2018-02-31 or week 54: not a real calendar point
        return None, None, None
