"""Datelines: the first paragraph of a story in, its place, agency, date text and end offset out.

The one dateline parser of newsfacts: normalization cuts the dateline off the first sentence and
stores its place and agency on the document; cross-document work reads the same fields. Pure
functions, no state. Forms read (written for this module, not taken from any corpus):

    LONDON, March 3 (Reuters) - Acme Corp said ...
    ST. LOUIS, Mo., May 2 (AP) — ...
    NEW YORK, May 14, 2024 /PRNewswire/ -- Acme Corp today announced ...
    Paris, 3 March (AFP) - ...
    TOKYO — ...
    (Reuters) - ...
    March 3, 2024 -- Acme Corp today announced ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
# A place in capitals: "LONDON", "NEW YORK", "ST. LOUIS", "RIO DE JANEIRO", "SAO PAULO".
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]*[A-Z.](?:\s+(?:[A-Z][A-Z.'’\-]*[A-Z.]|[A-Z]\.))*"
# A place in title case, trusted only before a date or an agency: "Paris", "Buenos Aires".
_TITLE_PLACE = r"[A-Z][a-zà-ÿ'’.\-]+(?:\s+[A-Z][a-zà-ÿ'’.\-]+){0,3}"
# A state or country after the place: ", Calif.", ", Germany", ", N.Y.", ", Mo."
_REGION = r"(?:,\s+[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,2}){0,2}"
# "(Reuters)", "(AP)", "(BUSINESS WIRE)", "(Reuters Breakingviews)"; "/PRNewswire/", "/CNW/".
_AGENCY = r"(?:\((?P<agency>[A-Za-z][A-Za-z.&'’ \-]{0,38}[A-Za-z.])\)|/(?P<slashed>[A-Za-z][A-Za-z .\-]{1,30})/)"
_SEP = r"\s*(?:-{1,2}|[—–]|:)(?:\s+|(?=[A-Z\"“‘'(])|$)"
_SPACED_SEP = r"\s+(?:-{1,2}|[—–])(?:\s+|$)"

_WITH_AGENCY_OR_DATE = re.compile(
    rf"^(?P<place>(?:{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION})"
    rf"(?:,?\s+{_DATE})?(?:\s*{_AGENCY})?{_SEP}"
)
_CAPS_ONLY = re.compile(rf"^(?P<place>{_CAPS_PLACE}{_REGION}){_SPACED_SEP}")
_AGENCY_ONLY = re.compile(rf"^{_AGENCY}{_SEP}")
_DATE_ONLY = re.compile(rf"^{_DATE}\s*{_AGENCY}?{_SEP}")
_TICKER_RE = re.compile(r"^[A-Z0-9_]+\.[A-Za-z]{1,3}$|^[A-Z]+:\s*[A-Z]+$")
# A dateline names at most this many words of place.
PLACE_MAX_WORDS = 6
# Words that open sentences, not places, when written in capitals or title case.
_NOT_PLACES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "update",
        "corrected",
        "correction",
        "exclusive",
        "analysis",
        "breakingviews",
        "factbox",
        "instant",
        "view",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
    ]
)


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a story."""

    place: str | None  # as written: "LONDON", "ST. LOUIS, Mo."
    agency: str | None  # "Reuters", "AP", "PRNewswire"; None when none is named
    date_text: str | None  # "March 3", "May 14, 2024"; None when the dateline has no date
    end: int  # offset in the paragraph where the story's own first sentence starts


def parse_dateline(first_paragraph: str) -> Dateline | None:
    """The dateline at the start of a story's first paragraph, or None when it has none.

    Matches "LONDON, March 3 (Reuters) - ...", "DETROIT (AP) — ...", "TOKYO — ...",
    "NEW YORK, May 14, 2024 /PRNewswire/ -- ...", "(Reuters) - ...".
    """
    for pattern in (_WITH_AGENCY_OR_DATE, _CAPS_ONLY, _AGENCY_ONLY, _DATE_ONLY):
        match = pattern.match(first_paragraph)
        if match is None:
            continue
        groups = match.groupdict()
        place = groups.get("place")
        if place is not None and not _is_place(place):
            continue
        agency = groups.get("agency") or groups.get("slashed")
        if pattern is _WITH_AGENCY_OR_DATE and not (agency or groups.get("date")):
            continue  # "Paris - ..." alone is no dateline; "PARIS - ..." is (_CAPS_ONLY)
        if agency is not None and not _is_agency(agency):
            continue
        return Dateline(
            place=place.strip() if place else None,
            agency=agency.strip() if agency else None,
            date_text=groups.get("date"),
            end=match.end(),
        )
    return None


def _is_place(place: str) -> bool:
    """A plausible place: a few words, not a sentence opener ("THE", "Monday")."""
    words = place.replace(",", " ").split()
    return 0 < len(words) <= PLACE_MAX_WORDS and words[0].casefold().strip(".") not in _NOT_PLACES


def _is_agency(name: str) -> bool:
    """A news agency's or wire service's name: at most four words, no figures, no ticker."""
    if _TICKER_RE.match(name) or any(ch.isdigit() for ch in name):
        return False  # "IBM (IBM.N) - ..." names a stock, not an agency
    return len(name.split()) <= 4
