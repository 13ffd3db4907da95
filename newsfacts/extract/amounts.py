"""Amounts: text in, figures in the one amounts schema out (GUIDELINES section 4).

Every event stores its figure the same way: `value` scaled to units, `currency` as an ISO 4217
code and `currency_text` as written, `unit` (money, percent, jobs, shares, units, other), `scale`
as written and, where the text gives the previous period, a prior value. Prose and wire forms
alike: "$9.3bn" -> 9.3e9 USD "$" "bn"; "A$648m" -> AUD; "HK$2.1bn" -> HKD; "1.2 mln dlrs" ->
1.2e6 USD "dlrs" "mln"; "3.5 bln stg" -> GBP; "160,000 Canadian dlrs" -> CAD; "20 pct" -> 20
percent; "950p" -> 9.5 GBP "p"; "90 journalist jobs" -> 90 jobs. The currency forms are the
table newsfacts/resources/currencies.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from newsfacts.vocab import AmountUnit

# Scale words as written -> multiplier.
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "trn": 1e12,
    "tn": 1e12,
}
# Small number words that may stand before a scale word: "three million PSPs", "a billion".
WORD_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "half a": 0.5,
}
# Count nouns and the unit they give: jobs cut, shares sold, items counted.
COUNT_UNITS: dict[str, AmountUnit] = {
    **dict.fromkeys(
        [
            "jobs",
            "posts",
            "positions",
            "workers",
            "staff",
            "employees",
            "reporters",
            "journalists",
            "roles",
            "redundancies",
            "people",
        ],
        "jobs",
    ),
    "shares": "shares",
    **dict.fromkeys(
        [
            "units",
            "vehicles",
            "cars",
            "trucks",
            "copies",
            "subscribers",
            "customers",
            "users",
            "members",
            "phones",
            "smartphones",
            "handsets",
            "consoles",
            "devices",
            "machines",
            "computers",
            "pcs",
            "players",
            "games",
            "homes",
            "passengers",
            "visitors",
            "downloads",
            "sessions",
            "accounts",
            "stores",
            "shops",
            "branches",
            "outlets",
            "planes",
            "aircraft",
        ],
        "units",
    ),
}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:trillion|billion|million|thousand|bln|mln|trn|bn|mn|tn)|[mbk])(?![A-Za-z])"
_PERCENT = r"%|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b"
# "between 3% and 5%", "just over 300p": not one figure (ruling 10: value null).
_RANGE_BEFORE = re.compile(r"(?:\bbetween|\bjust\s+(?:over|under)|\bfrom\s+about)\s*$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to|and)\s*(?:\$|£|€)?\d", re.I)
_PER_SHARE = re.compile(r"^\s*(?:a|per|each)\s+(?:share|shr)\b", re.I)
# Function word right before a figure: "rose 20% to $1.1bn" (level), "by 20%" (change).
_LEAD = re.compile(
    r"\b(?P<lead>to|by|from|of|at|for|vs|versus|against|with|worth|about|around|nearly|"
    r"than|over|under)\.?\s*(?:(?:a|an|the|its|their|some|about|around|nearly|almost|"
    r"initial|previous|earlier|record|just|only|roughly|approximately|estimated)\s+)*$",
    re.I,
)


@dataclass(frozen=True)
class Amount:
    """One figure as the amounts schema stores it, with its offsets."""

    start: int
    end: int
    text: str
    value: float | None  # scaled to units; None for a range or an inexact bound
    unit: AmountUnit
    currency: str | None = None  # ISO 4217
    currency_text: str | None = None  # as written: "$", "A$", "dlrs", "Canadian dlrs", "p"
    scale: str | None = None  # as written: "bn", "mln", "billion"
    lead: str | None = None  # the function word before it: "to", "by", "from"...
    per_share: bool = False  # "950p a share"
    converted: bool = False  # a conversion in brackets after another figure: "($91m)"


@dataclass(frozen=True)
class _Currency:
    code: str
    kind: str  # prefix | word | glued
    factor: float


@lru_cache(maxsize=1)
def currency_table() -> dict[str, _Currency]:
    """Written form (lower case) -> currency, from resources/currencies.tsv."""
    text = resources.files("newsfacts.resources").joinpath("currencies.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    table = {}
    for written, code, kind, factor in rows[1:]:
        kind = "glued" if written == "p" else kind
        table[written.lower()] = _Currency(code, kind, float(factor))
    return table


def _alternation(forms: list[str]) -> str:
    """A regex alternation of literal forms, longest first (so "US$" beats "$")."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def amount_pattern() -> re.Pattern[str]:
    """One pattern for every figure form: prefixed money, money words, percentages, counts."""
    table = currency_table()
    prefixes = _alternation([w for w, c in table.items() if c.kind == "prefix"])
    words = _alternation([w for w, c in table.items() if c.kind == "word"])
    words = words.replace(r"\ ", r"\s+")
    counts = "|".join(sorted(COUNT_UNITS, key=len, reverse=True))
    number_words = _alternation([w for w in WORD_NUMBERS if w != "a"] + ["a"])
    num = rf"(?:(?P<wnum>{number_words})\s+(?=(?:trillion|billion|million)\b)|(?P<num>{_NUMBER}))"
    return re.compile(
        rf"(?<![\w$£€¥.])(?:(?P<pre>{prefixes})\s?(?P<pnum>{_NUMBER})(?P<pscale>{_SCALE})?"
        rf"|(?P<wordpre>australian\s+dollars|canadian\s+dollars|us\s+dollars)\s(?P<wpnum>{_NUMBER})"
        rf"(?P<wpscale>{_SCALE})?"
        rf"|{num}(?P<scale>{_SCALE})?(?:(?P<glued>p)(?![\w])|\s?(?:(?P<pct>{_PERCENT})"
        rf"|(?P<cur>{words})(?![A-Za-z])"
        rf"|(?P<count>(?:[a-z][\w-]*\s+){{0,3}}?(?:{counts})\b))))",
        re.IGNORECASE,
    )


def _scaled(number: str, scale: str | None) -> float:
    """ "1,200.5" times the multiplier of a scale word ("mln" -> 1e6)."""
    return float(number.replace(",", "")) * SCALES.get((scale or "").strip().lower(), 1.0)


def _scale_text(scale: str | None) -> str | None:
    """The scale as written, without the space before it."""
    return scale.strip() if scale and scale.strip() else None


def _from_match(m: re.Match[str]) -> tuple[float, AmountUnit, str | None, str | None, str | None]:
    """(value, unit, currency, currency_text, scale) of one match of amount_pattern()."""
    table = currency_table()
    if m.group("pre"):
        cur = table[m.group("pre").lower()]
        scale = m.group("pscale")
        return (
            _scaled(m.group("pnum"), scale),
            "money",
            cur.code,
            m.group("pre"),
            _scale_text(scale),
        )
    if m.group("wordpre"):
        written = " ".join(m.group("wordpre").split())
        cur, scale = table[written.lower()], m.group("wpscale")
        return _scaled(m.group("wpnum"), scale), "money", cur.code, written, _scale_text(scale)
    scale = m.group("scale")
    if m.group("wnum"):
        value = WORD_NUMBERS[m.group("wnum").lower()] * SCALES[scale.strip().lower()]
    else:
        value = _scaled(m.group("num"), scale)
    if m.group("pct"):
        return value, "percent", None, None, _scale_text(scale)
    if m.group("glued") or m.group("cur"):
        written = " ".join((m.group("glued") or m.group("cur")).split())
        cur = table[written.lower()]
        return value * cur.factor, "money", cur.code, written, _scale_text(scale)
    noun = m.group("count").split()[-1].lower()
    return value, COUNT_UNITS[noun], None, None, _scale_text(scale)


def find_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Every figure in text: "$9.3bn", "1.2 mln dlrs", "20 pct", "90 jobs", "950p a share"."""
    found: list[Amount] = []
    for m in amount_pattern().finditer(text):
        if _is_year_or_date(text, m):
            continue
        value, unit, currency, written, scale = _from_match(m)
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 20]
        lead = _LEAD.search(before)
        amount = Amount(
            start=offset + m.start(),
            end=offset + m.end(),
            text=m.group(),
            value=value,
            unit=unit,
            currency=currency,
            currency_text=written,
            scale=scale,
            lead=lead.group("lead").lower() if lead else None,
            per_share=bool(_PER_SHARE.match(after)),
        )
        found.append(amount)
    return _mark_ranges(text, offset, _mark_conversions(text, offset, found))


def _is_year_or_date(text: str, m: re.Match[str]) -> bool:
    """True for "2004 models" style counts: a year before a count noun is no figure."""
    number = m.group("num")
    return bool(
        m.group("count")
        and number
        and re.fullmatch(r"(?:19|20)\d\d", number)
        and not m.group("scale")
    )


def _mark_conversions(text: str, offset: int, amounts: list[Amount]) -> list[Amount]:
    """Flag figures in brackets after a money figure: "70m euros ($91m; £48m)"."""
    out: list[Amount] = []
    for a in amounts:
        if out and a.unit == "money" and out[-1].unit == "money":
            gap = text[out[-1].end - offset : a.start - offset]
            if re.fullmatch(r"\s*\(\s*", gap) or (
                out[-1].converted and re.fullmatch(r"\s*[;,:]\s*", gap)
            ):
                a = replace(a, converted=True)
        out.append(a)
    return out


def _mark_ranges(text: str, offset: int, amounts: list[Amount]) -> list[Amount]:
    """Null the value of figures that only bound a range: "between 3% and 5%", "just over 300p"."""
    out = []
    for i, a in enumerate(amounts):
        before = text[max(0, a.start - offset - 20) : a.start - offset]
        after = text[a.end - offset : a.end - offset + 12]
        ranged = _RANGE_BEFORE.search(before) or (
            _RANGE_AFTER.match(after) and re.search(r"\bbetween\s*$", before)
        )
        if not ranged and i and out[-1].value is None and a.unit == out[-1].unit:
            gap = text[amounts[i - 1].end - offset : a.start - offset]
            ranged = re.fullmatch(r"\s*(?:and|to|-|–)\s*", gap) is not None
        out.append(replace(a, value=None) if ranged else a)
    return out


# What introduces a previous period's figure: "up from $639m", "vs 900,000", "from 70% to 49%".
_PRIOR_LEADS = frozenset({"from", "vs", "versus", "against"})


def prior_of(amount: Amount, amounts: list[Amount], text: str, offset: int = 0) -> Amount | None:
    """The previous-period figure the text pairs with `amount` in the same clause, if any."""
    for other in amounts:
        if other is amount or other.converted or other.unit != amount.unit:
            continue
        if other.currency != amount.currency or other.lead not in _PRIOR_LEADS:
            continue
        lo, hi = (
            sorted((amount.end, other.start))
            if other.start > amount.start
            else (
                other.end,
                amount.start,
            )
        )
        if re.search(r"[;.]|\bbut\b|\bwhile\b", text[lo - offset : hi - offset]):
            continue
        if abs(other.start - amount.start) < 120:
            return other
    return None
