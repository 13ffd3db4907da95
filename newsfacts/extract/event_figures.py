"""Figures in a sentence: money, percentages and counted units, normalised to (amount, unit).

Consumes sentence text; produces Figure records with offsets. "$100 billion" -> (1e11, "USD"),
"125 percent" -> (125, "percent"), "10,000 units" -> (10000, "units").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.extract.first_chars import with_first_char_check

# Scale words and their multipliers.
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Currency symbols and words to ISO 4217 codes.
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "usd": "USD",
    "euros": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "yuan": "CNY",
    "rmb": "CNY",
    "yen": "JPY",
    "rupees": "INR",
}
# Count nouns reported as a unit ("10,000 units", "45 vehicles", "2 million phones").
_COUNT_NOUNS = (
    r"units|vehicles|cars|phones|smartphones|handsets|devices|employees|jobs|workers|staff|"
    r"stores|shops|customers|users|subscribers|shares"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|mn|bn|tn)\b|(?:k|m|b|bn)\b)?"
FIGURE = with_first_char_check(
    re.compile(
        rf"(?P<sym>US\$|\$|€|£|¥|₹)\s?(?P<mnum>{_NUMBER})(?P<mscale>{_SCALE})"
        rf"|(?P<num>{_NUMBER})(?P<scale>{_SCALE})\s*"
        rf"(?:(?P<pct>%|percent\b|per\s+cent\b|pct\b)|(?P<cur>dollars|usd|euros|eur|pounds|yuan|rmb|yen|"
        rf"rupees)\b|(?:\w+\s+)?(?P<count>{_COUNT_NOUNS})\b)",
        re.IGNORECASE,
    )
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    amount: float
    unit: str


def _number(text: str, scale: str | None) -> float:
    """Numeric value of "10,000" or "1.5" times a scale word ("billion")."""
    value = float(text.replace(",", ""))
    word = (scale or "").strip().lower()
    return value * _SCALES.get(word, 1.0)


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Money, percent and unit figures: "$100 billion", "30.3 percent", "10,000 units sold"."""
    figures = []
    for m in FIGURE.finditer(text):
        if m.group("sym"):
            amount = _number(m.group("mnum"), m.group("mscale"))
            unit = _CURRENCY_SYMBOLS[m.group("sym").lower()]
        else:
            amount = _number(m.group("num"), m.group("scale"))
            unit = _unit_of(m)
        figures.append(Figure(offset + m.start(), offset + m.end(), amount, unit))
    return figures


def _unit_of(m: re.Match[str]) -> str:
    """Unit name of a number match without a currency symbol."""
    if m.group("pct"):
        return "percent"
    if m.group("cur"):
        return _CURRENCY_WORDS[m.group("cur").lower()]
    return m.group("count").lower()
