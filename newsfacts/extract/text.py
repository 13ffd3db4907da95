"""Sentence and token helpers shared by the extractors: a body in, character spans out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.settings import MAX_SENTENCE_CHARS

# Abbreviations after which a full stop does not end a sentence ("Mr. Park", "Acme Motor Co. said").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "co",
        "corp",
        "inc",
        "ltd",
        "plc",
        "bros",
        "no",
        "vs",
        "etc",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "sgt",
        "capt",
        "col",
        "lt",
        "maj",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dept",
        "est",
        "fig",
        "approx",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and an opening char,
# or at a line break: cleaned bodies keep one paragraph or headline per line.
_BOUNDARY = with_first_char_check(re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n+"""))
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")
# Tokens: dotted acronyms ("U.S."), words with inner & - ' . ("AT&T", "Wal-Mart", "Amazon.com"),
# possessive endings split off so "Acme's" yields "Acme" + "'s", then any other single symbol.
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|['’]s\b"
    r"|[A-Za-z0-9]+(?:[&\-][A-Za-z0-9]+|\.(?=[a-z]{2,}\b)[a-z]+|['’](?!s\b)[A-Za-z]+)*"
    r"|\S"
)


@dataclass(slots=True)
class Token:
    """One token of the body: text and end-exclusive character offsets."""

    start: int
    end: int
    text: str


def _is_abbreviation_stop(body: str, stop: int) -> bool:
    """True when the full stop at `stop` closes an abbreviation or an initial ("W. Ross")."""
    if body[stop] != ".":
        return False
    match = _LAST_WORD.search(body, max(0, stop - 12), stop + 1)
    if match is None:
        return False
    word = match.group(1).rstrip(".").lower()
    if body[match.start() - 1 : match.start()] == "&":
        return False  # "AT&T." ends a name, it is no initial
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """Split a body into sentences: end-exclusive (start, end) spans, whitespace trimmed."""
    return list(_sentence_spans(body))


# Entities, events and claims split the same body one after another: remember the last few.
@lru_cache(maxsize=4)
def _sentence_spans(body: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(body):
        if match.group(0)[0] != "\n" and _is_abbreviation_stop(body, match.start()):
            continue
        _append_trimmed(body, start, match.end(), spans)
        start = match.end()
    _append_trimmed(body, start, len(body), spans)
    return tuple(spans)


def _append_trimmed(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append body[start:end] without surrounding whitespace, if anything is left; a run-on
    longer than MAX_SENTENCE_CHARS goes in pieces of at most that length."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _piece_end(body, start)
        spans.append((start, cut))
        start = cut
        while start < end and body[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _piece_end(body: str, start: int) -> int:
    """End of a piece of a run-on sentence: the last space within MAX_SENTENCE_CHARS (or the
    bound itself when there is none), so every rule's work per sentence stays bounded."""
    bound = start + MAX_SENTENCE_CHARS
    space = body.rfind(" ", start + MAX_SENTENCE_CHARS // 2, bound)
    return space if space > start else bound


def tokens(body: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokenise body[start:end] into Tokens with offsets into the whole body."""
    stop = len(body) if end is None else end
    return [Token(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(body, start, stop)]


def doc_text(doc: object) -> str:
    """The text of a spaCy Doc, joined once and kept in its user_data: `Doc.text` joins every
    token's text on each call (a body's Doc read per event trigger cost seconds a corpus)."""
    text = doc.user_data.get("newsfacts.text")
    if text is None:
        text = doc.user_data["newsfacts.text"] = doc.text
    return text
