"""Ticker markup in news text: a body in, the spans of stock-symbol markup out ("<HALD.L>",
"(NYSE: HAL)", "HALD.N"), each with its symbol and the company the symbol belongs to when the
pytickersymbols package lists it.

Markup is never part of a company's name: the entity rules take its span out of the name
candidates, then link the symbol to the company named right before it ("Halden Corp (NYSE:
HAL)"), or to the listed company the symbol stands for when no name precedes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Stock exchanges written before a colon in a ticker ("NYSE: HAL", "Nasdaq: HALD").
EXCHANGES = (
    "NYSE", "NASDAQ", "Nasdaq", "AMEX", "NYSE American", "NYSE Arca", "LSE", "AIM", "TSX",
    "TSXV", "ASX", "HKEX", "HKSE", "SGX", "TYO", "TSE", "NSE", "BSE", "KRX", "KOSDAQ", "SSE",
    "SZSE", "FWB", "XETRA", "Xetra", "Euronext", "SIX", "OMX", "BME", "JSE", "OTC", "OTCQX",
)  # fmt: skip
# Reuters instrument code suffixes after a full stop ("HALD.N" New York, ".O" Nasdaq, ".L"
# London, ".T" Tokyo, ".HK" Hong Kong, ".DE" Xetra, ".PA" Paris, ".TO" Toronto, ".AX" Sydney).
RIC_SUFFIXES = ("N", "O", "L", "T", "HK", "DE", "PA", "TO", "AX", "SS", "SZ", "KS", "AS", "MI")
_SYMBOL = r"[A-Z0-9][A-Z0-9&\-]{0,7}"
_RIC = rf"{_SYMBOL}\.(?:{'|'.join(RIC_SUFFIXES)})"
_EXCHANGE = "|".join(re.escape(e) for e in sorted(EXCHANGES, key=len, reverse=True))
_PATTERNS = (
    # "(NYSE: HAL)", "(Nasdaq:HALD)", "(LSE: HALD.L)"
    re.compile(rf"\((?:{_EXCHANGE})\s*:\s*(?P<symbol>{_SYMBOL}(?:\.[A-Z]{{1,2}})?)\)"),
    # "<HALD.L>", "<HAL>"
    re.compile(rf"<(?P<symbol>{_SYMBOL}(?:\.[A-Z]{{1,2}})?)>"),
    # "HALD.N" written bare, two capitals at least before the suffix
    re.compile(
        rf"(?<![\w.])(?P<symbol>[A-Z][A-Z0-9]{{1,7}}\.(?:{'|'.join(RIC_SUFFIXES)}))(?![\w.])"
    ),
)


@dataclass(frozen=True)
class Ticker:
    """One piece of ticker markup: the whole span, the symbol's span and text."""

    start: int
    end: int
    symbol: str
    symbol_start: int
    symbol_end: int


def find_tickers(body: str) -> list[Ticker]:
    """Every ticker markup span of a body, in text order, none overlapping.

    Matches "Halden Corp (NYSE: HAL) rose", "shares of Halden <HALD.L> fell", "HALD.N gained".
    """
    found: list[Ticker] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(body):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            s, e = m.span("symbol")
            found.append(Ticker(m.start(), m.end(), m.group("symbol"), s, e))
    return sorted(found, key=lambda t: t.start)


def listed_name(symbol: str) -> str | None:
    """The listed company a symbol stands for (pytickersymbols), without its exchange suffix."""
    return _symbols().get(symbol.split(".")[0].upper())


@cache
def _symbols() -> dict[str, str]:
    """Symbol -> company name, from the pytickersymbols package (its own symbol and every
    Yahoo and Google form of it, exchange suffix and prefix removed)."""
    from pytickersymbols import PyTickerSymbols

    table: dict[str, str] = {}
    for stock in PyTickerSymbols().get_all_stocks():
        forms = {stock.get("symbol") or ""}
        for entry in stock.get("symbols", []):
            forms.add((entry.get("yahoo") or "").split(".")[0])
            forms.add((entry.get("google") or "").split(":")[-1])
        for form in forms - {""}:
            table.setdefault(form.upper(), stock["name"])
    return table
