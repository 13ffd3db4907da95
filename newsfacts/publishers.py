"""Publishers: a document's metadata, URL, byline and the run's --publisher in, its publisher out.

The order of trust (issue #18): the outlet the metadata names ("site_name", "publisher"); else
the URL's host; else the outlet a byline names ("By Jane Roe, Harbour Times"); else the name
given with `newsfacts run PATH --publisher NAME` for the files under PATH. A wire agency named
in a dateline ("LONDON (Reuters) -") is not a publisher: newsfacts.dateline puts it in
documents.agency. With none of these the publisher is unknown (NULL), and counts never treat an
unknown publisher as one more distinct publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

# Where documents.publisher came from, in order of trust; "unknown" when nothing names one.
PUBLISHER_SOURCES = ("metadata", "url", "byline", "cli", "unknown")
# A publisher name longer than this many characters is a sentence or a list, not a name.
MAX_PUBLISHER_CHARS = 80
# Host prefixes that name a site's mobile or accelerated edition, not another publisher.
_EDITION_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# Bylines are looked for among this many first paragraphs of the body (a byline sits above the
# story, sometimes under a standfirst).
BYLINE_PARAGRAPHS = 3

_RESOURCES = Path(__file__).parent / "resources"
# Lower-case words an outlet's name may hold ("Voice of the North", "Le Courrier de l'Ouest").
SMALL_WORDS = frozenset("of the and on in at de du des la le les el al am an".split())  # noqa: SIM905


@cache
def word_list(name: str) -> frozenset[str]:
    """The case-folded words of a resources/<name>.txt list (comment lines start with #)."""
    lines = (_RESOURCES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


_BYLINE = re.compile(r"^\s*by[:\s]\s*(?P<rest>.+?)\s*$", re.IGNORECASE)
# Separators between the parts of a byline: comma, pipe, dash, slash, "for".
_PARTS = re.compile(r"\s*(?:,|\||\s[-–—/]\s|\bfor\b)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")  # "CNN", "AFP", "NPR"
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Publisher:
    """A document's publisher and where it came from (one of PUBLISHER_SOURCES)."""

    name: str | None
    source: str


def clean_name(name: object) -> str | None:
    """A publisher name as stored: spacing collapsed, quotes and stray punctuation trimmed;
    None when nothing name-like is left ("", "-", a sentence)."""
    if not isinstance(name, str):
        return None
    text = " ".join(name.split()).strip(" \"'“”‘’.,;:|-–—")
    if not text or len(text) > MAX_PUBLISHER_CHARS or not any(c.isalpha() for c in text):
        return None
    return text


def publisher_from_url(url: str | None) -> str | None:
    """The site a URL belongs to: its host name without "www." (or "m.", "amp.", "mobile.")."""
    if not url:
        return None
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:  # an unparseable URL ("http://[bad") names no site
        return None
    for prefix in _EDITION_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host.removeprefix(prefix)
            break
    return host or None


def publisher_from_byline(byline: str | None) -> str | None:
    """The outlet a byline names, or None.

    Matches "By Jane Roe, Harbour Times", "By Jane Roe and Tom Aske | North Coast News",
    "By Jane Roe, Transport correspondent, Harbour Times", "By JANE ROE for The Evening Post",
    and an author field written the same way without "By" ("Jane Roe, Harbour Times"). Names
    only ("By Jane Roe"), roles only ("By Jane Roe, Business reporter") and places ("By Jane
    Roe, London") name no outlet.
    """
    if not byline or len(byline) > 2 * MAX_PUBLISHER_CHARS or "\n" in byline.strip():
        return None
    match = _BYLINE.match(byline)
    parts = _PARTS.split(match["rest"] if match else byline.strip())
    for part in parts[1:]:  # the first part is the author
        name = clean_name(part)
        if name and is_outlet(name):
            return name
    return None


def is_outlet(name: str) -> bool:
    """A name that reads as a news outlet: an acronym ("CNN"), a domain ("harbourtimes.example")
    or title-cased words with an outlet word ("Harbour Times", "Voice of the North News"), and
    no journalist's role ("Senior Correspondent", "Business reporter")."""
    if _ACRONYM.match(name) or _DOMAIN.match(name):
        return True
    words = name.split()
    folded = {w.casefold().strip(".,'’") for w in words}
    if not words or len(words) > 6 or folded & word_list("byline_roles"):
        return False
    title_cased = all(w[0].isupper() or w[0].isdigit() or w in SMALL_WORDS for w in words)
    return title_cased and bool(folded & word_list("outlet_words"))


def byline_in_body(body: str) -> str | None:
    """The outlet of a byline line among the body's first BYLINE_PARAGRAPHS paragraphs, if any."""
    for paragraph in body.split("\n\n")[:BYLINE_PARAGRAPHS]:
        for line in paragraph.splitlines():
            if _BYLINE.match(line) and (found := publisher_from_byline(line)):
                return found
    return None


def decide_publisher(
    metadata: object,
    url: str | None,
    author: str | None,
    body: str,
    given: str | None = None,
) -> Publisher:
    """The publisher of a document by the order of trust: metadata, URL host, byline (the
    author field, then a byline line in the body), the run's --publisher; else unknown."""
    if name := clean_name(metadata):
        return Publisher(name, "metadata")
    if name := publisher_from_url(url):
        return Publisher(name, "url")
    if name := publisher_from_byline(author) or byline_in_body(body):
        return Publisher(name, "byline")
    if name := clean_name(given):
        return Publisher(name, "cli")
    return Publisher(None, "unknown")


def publisher_key(name: str | None) -> str | None:
    """What counting compares: the name case-folded ("BBC News" and "bbc news" are one)."""
    return name.casefold() if name else None
