"""Places in a sentence: country names, aliases and "<demonym> market" phrases to ISO 3166 codes.

Consumes sentence text; produces (start, end, code) spans. The tables are general resources:
events_countries.tsv (generated from pycountry's ISO 3166-1 data) and events_country_aliases.tsv
(short forms, regions and demonyms written by the team).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Words that make a demonym name a place: "the American market", "Chinese consumers" does not.
_MARKET_WORDS = r"(?:smartphone\s+|phone\s+|car\s+|EV\s+|retail\s+|consumer\s+)?markets?"


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a packaged TSV resource, without comment and header lines."""
    text = resources.files("newsfacts.resources").joinpath(name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def place_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every place phrase, longest first, and the phrase -> code table."""
    table: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for name, code in _read_tsv("events_countries.tsv"):
        table[name] = code
    for phrase, code, kind in _read_tsv("events_country_aliases.tsv"):
        (demonyms if kind == "demonym" else table)[phrase] = code
    places = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    adjectives = "|".join(re.escape(p) for p in sorted(demonyms, key=len, reverse=True))
    pattern = re.compile(
        # The lookahead skips, cheaply, positions no place phrase can start at.
        rf"(?<![\w.])(?=[A-ZÅsmtw])(?:(?P<adj>{adjectives})\s+{_MARKET_WORDS}\b|(?P<place>{places})(?![\w]))"
    )
    table.update({f"adj:{k}": v for k, v in demonyms.items()})
    return pattern, table


def find_places(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, code) of places named in text: "the U.S." -> US, "Indian market" -> IN."""
    pattern, table = place_pattern()
    found = []
    for m in pattern.finditer(text):
        key = m.group("place") or f"adj:{m.group('adj')}"
        found.append((offset + m.start(), offset + m.end(), table[key]))
    return found
