"""Words of English temporal expressions and the regex building blocks made from them.

Consumes nothing; produces word tables (months, weekdays, number words, units, seasons,
holidays) and pattern fragments used by `timex_rules`. The lists are general English written
by the team from the TimeML 1.2 guidelines (Pustejovsky et al. 2005) and common newswire usage.
"""

from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Quantifiers that stand for an unspecified count: TimeML writes X ("several years" -> PXY).
VAGUE_COUNTS = ("several", "a few", "few", "a couple of", "a couple", "many", "some", "the")

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Time unit word -> TIMEX3 duration unit; hour/minute/second go after "T" ("PT5H").
UNITS = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "MIN",
    "second": "S", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE",
}  # fmt: skip
CLOCK_UNITS = {"H", "MIN", "S"}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Part-of-day words and their TIMEX3 codes ("this morning" -> 2018-07-04TMO).
DAY_PARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

# Fixed-date holidays common in English-language news: name -> (month, day).
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
}  # fmt: skip

# --- regex fragments -------------------------------------------------------------------------
# Month and weekday names must be capitalised: "Acme may release" and "they march" are verbs.
MONTH_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
)
MONTH_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})(?![a-z])"
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})"
DAYNUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"

_ONES_ALT = "|".join(sorted(ONES, key=len, reverse=True))
_TENS_ALT = "|".join(TENS)
NUMBER = (
    rf"(?:\d{{1,3}}(?:\.\d+)?|(?:{_TENS_ALT})(?:[- ](?:{_ONES_ALT}))?|{_ONES_ALT}"
    r"|a\s+few|a\s+couple\s+of|couple\s+of|several|few|many|a\s+dozen|an?)"
)
UNIT = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|century|centuries|quarters?)"
)
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
# Modifiers that TimeML keeps inside the span and records as mod: "early 2019", "late last year".
POINT_MOD = (
    r"(?:(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle)\s+of|end"
    r"|the\s+rest\s+of)[\s-]+)"
)
APPROX = (
    r"(?:(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|less\s+than"
    r"|at\s+least|at\s+most|up\s+to|over|under|only|just)\s+)"
)


def parse_number(word: str) -> float | None:
    """Return the value of a count word ("seven", "twenty-one", "3", "a"); None when vague."""
    word = " ".join(word.lower().replace("-", " ").split())
    if word in ("a", "an"):
        return 1
    if word in ("a dozen",):
        return 12
    if word in ("a couple of", "a couple", "couple of"):  # TimeML reads "a couple of years" as P2Y
        return 2
    if word in ONES:
        return ONES[word]
    parts = word.split()
    if parts and parts[0] in TENS:
        return TENS[parts[0]] + (ONES.get(parts[1], 0) if len(parts) > 1 else 0)
    try:
        return float(word)
    except ValueError:
        return None


def month_number(word: str) -> int:
    """Return 1-12 for a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.lower().rstrip(".")]


def unit_code(word: str) -> str:
    """Return the TIMEX3 unit code of a unit word ("months" -> "M", "centuries" -> "CE")."""
    word = word.lower()
    if word.startswith("centur"):
        return "CE"
    return UNITS[word[:-1] if word.endswith("s") and word[:-1] in UNITS else word]
