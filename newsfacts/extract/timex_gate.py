"""Where each timex rule can match: a body in, per-rule character windows around trigger words out.

Scanning every rule's pattern over the whole body was most of the timex time (about 30 case-
insensitive patterns, each tried at every position). Every match of a rule contains at least one
of its trigger tokens (a word such as "quarter", a month name, or a number), starts at most
`WINDOW_BEFORE` characters before the first one and ends, lookaheads included, at most
`WINDOW_AFTER` characters after it. One cheap token pass finds the triggers; each rule then scans
only the merged windows around its own triggers. A window never starts inside a match the full
scan would make (that match's trigger window would have merged with it), so the matches are the
same as a full scan's; `tests/test_timexes.py` checks the equivalence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsfacts.extract.timex_lexicon import MONTHS, WEEKDAYS

# Longest stretch a rule matches before its first trigger token ("the past more than twenty-five
# " before "years"; "the beginning of the most recent " before "quarter"), in characters.
WINDOW_BEFORE = 80
# Longest stretch after the end of the first trigger token, including what lookaheads inspect
# (" of the fiscal year", "(?!\s+of\s+the\s+previous)"), in characters.
WINDOW_AFTER = 80

# Trigger keys: lower-cased letter tokens, "#" for any digit run, "#year" for a 4-digit year.
_UNITS = ("year", "month", "week", "day", "hour", "minute", "second", "decade", "quarter")
_UNITS_PLURAL = tuple(u + "s" for u in _UNITS) + ("century", "centuries")
_SEASONS = ("spring", "summer", "fall", "autumn", "winter")
_MONTHS = tuple(MONTHS)  # full names and abbreviations, as the rules spell them
_WEEKDAYS = tuple(WEEKDAYS)
_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
_SET_ADVERBS = [
    "daily",
    "nightly",
    "weekly",
    "monthly",
    "quarterly",
    "annually",
    "yearly",
    "hourly",
    "biweekly",
]

# Rule name -> the tokens one of which every match of the rule contains.
RULE_TRIGGERS: dict[str, Sequence[str]] = {
    "set": (*_SET_ADVERBS, "every", "each", "per", "day", "week", "month", "year"),
    "quarter": ("quarter",),
    "quarter_code": ("q",),
    "half": ("half",),
    "half_code": ("h",),
    "the_quarter": ("quarter", "period"),
    "year_earlier": ("year",),
    "iso_date": ("#year",),
    "us_numeric_date": ("#",),
    "month_day": _MONTHS,
    "day_month": _MONTHS,
    "month_year": _MONTHS,
    "month_of_year": _MONTHS,
    "month_relative": _MONTHS,
    "bare_month": _MONTHS,
    "year": ("#year",),
    "fiscal_year": ("fy", "fiscal"),
    "decade": ("#",),
    "century": ("century",),
    "spelled_year": ("nineteen", "thousand"),
    "relative_unit": ("year", "month", "week", "quarter", "weekend", "decade", "century", "day")
    + _SEASONS,
    "unit_edge": ("year", "month", "week", "quarter"),
    "deictic_day": ("yesterday", "today", "tomorrow", "tonight", *_PARTS_OF_DAY),
    "weekday": _WEEKDAYS,
    "ago": _UNITS + _UNITS_PLURAL,
    "duration": _UNITS + _UNITS_PLURAL,
    "vague_duration": ("years", "months", "weeks", "days", "decades", "centuries"),
    "the_unit": ("year", "week", "weekend"),
    "reference": [
        "future",
        "present",
        "days",
        "now",
        "currently",
        "presently",
        "nowadays",
        "recently",
        "past",
        "current",
        "lately",
    ],
    "clock_time": ("am", "pm", "m", "noon", "midnight", "midday"),
    "season_year": _SEASONS,
    "holiday": [
        "year",
        "christmas",
        "thanksgiving",
        "easter",
        "independence",
        "labor",
        "labour",
        "memorial",
        "halloween",
        "valentine",
        "boxing",
    ],
}

_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_YEAR_DIGITS = re.compile(r"1\d{3}|20\d\d")

Window = tuple[int, int]


class Gate:
    """Trigger index for an ordered list of rule names; `windows(text)` gives each rule's spans."""

    def __init__(self, rule_names: list[str]) -> None:
        index: dict[str, list[int]] = defaultdict(list)
        self.ungated: list[int] = []
        for n, name in enumerate(rule_names):
            triggers = RULE_TRIGGERS.get(name)
            if triggers is None:  # a rule nobody described is scanned everywhere
                self.ungated.append(n)
                continue
            for key in triggers:
                index[key].append(n)
        for n in index.get("#", []):  # a year is also a number
            if n not in index["#year"]:
                index["#year"].append(n)
        self._index = {k: tuple(v) for k, v in index.items()}
        self._size = len(rule_names)

    def windows(self, text: str) -> list[list[Window]]:
        """Merged (start, end) windows per rule index; the whole text for ungated rules."""
        hits = self._trigger_hits(text)
        out: list[list[Window]] = [[] for _ in range(self._size)]
        length = len(text)
        for n, positions in hits.items():
            merged = out[n]
            for start, end in positions:
                lo, hi = max(0, start - WINDOW_BEFORE), min(length, end + WINDOW_AFTER)
                if merged and lo <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
                else:
                    merged.append((lo, hi))
        for n in self.ungated:
            out[n] = [(0, length)]
        return out

    def _trigger_hits(self, text: str) -> dict[int, list[Window]]:
        """Trigger token spans per rule index, in text order."""
        index = self._index
        hits: dict[int, list[Window]] = defaultdict(list)
        for m in _TOKEN.finditer(text):
            word = m.group()
            if word[0].isdigit():
                key = "#year" if len(word) == 4 and _YEAR_DIGITS.fullmatch(word) else "#"
            else:
                key = word.lower()
            rules = index.get(key)
            if rules:
                span = m.span()
                for n in rules:
                    hits[n].append(span)
        return hits
