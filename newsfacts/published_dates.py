"""Publication dates: a document's metadata, text, URL, file path and the run's --published in,
its published_date and published_date_source out.

The order of trust (issue #18): the metadata; an explicit date line in the text; a dated URL
path; a date in the file or folder name ("2018-07-04/", "20180704-story.txt"); the date given
with `newsfacts run PATH --published YYYY-MM-DD` for the files under PATH that carry none of
their own. A date is never guessed: with none of these it is NULL, source "unknown".

A date from the command line says when the user thinks the files were published, not what they
say themselves: relative expressions resolved against it keep a lower confidence
(settings.CLI_DATE_CONFIDENCE, applied by warehouse.facts.lower_anchored_confidence), and story clustering does not read it as evidence that two
documents are close in time.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import urlparse

# Where documents.published_date came from, in order of trust.
DATE_SOURCES = ("metadata", "text", "url", "path", "cli", "unknown")
# Dates in URLs: /2018/07/04/, /2018-07-04/, /20180704/ (a day is required; a month alone is not
# a date).
URL_DATE = re.compile(
    r"(?<!\d)(19\d{2}|20\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
# Dates in file and folder names: the same forms, but set apart from letters and digits, so an
# id such as "a20180704f" or "x_2018_07_04_1" is not read as a date.
PATH_DATE = re.compile(
    r"(?<![0-9A-Za-z])(19\d{2}|20\d{2})([/_.-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
)


def safe_date(year: int, month: int, day: int) -> date | None:
    """The calendar date, or None when it does not exist (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_url(url: str | None) -> date | None:
    """The publication date a URL path states (/2018/07/04/...), else None."""
    if not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:
        return None
    match = URL_DATE.search(path)
    return safe_date(*map(int, match.groups())) if match else None


def date_from_path(source_path: str) -> date | None:
    """The date a file's name or its folder's name states, else None.

    Matches ".../2018-07-04/story.txt", ".../20180704-story.txt", ".../story_2018-07-04.html"
    and folders by year, month and day ".../2018/07/04/story.txt". Folders further up are not
    read: "/home/me/2024-01-01-project/news/story.txt" says when a project began, not when the
    story was published.
    """
    parts = PurePosixPath(source_path).parts
    for text in (parts[-1], *parts[-2:-1], "/".join(parts[-4:-1])):
        match = PATH_DATE.search(text) if text else None
        if match and (text.count("/") == 0 or match.group(0) == text):
            year, _, month, day = match.groups()
            return safe_date(int(year), int(month), int(day))
    return None


def decide_date(
    metadata: date | None,
    text: date | None,
    url: str | None,
    source_path: str,
    given: date | None = None,
) -> tuple[date | None, str]:
    """(published_date, published_date_source) by the order of trust of DATE_SOURCES."""
    for found, source in (
        (metadata, "metadata"),
        (text, "text"),
        (date_from_url(url), "url"),
        (date_from_path(source_path), "path"),
        (given, "cli"),
    ):
        if found is not None:
            return found, source
    return None, "unknown"
