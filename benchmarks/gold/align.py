"""Gold-to-warehouse alignment: file offsets onto documents.title/body, names, one-to-one matching.

Gold offsets count characters of the decoded file (headline line included); newsfacts' offsets
count characters of documents.body, a normalised copy without the headline (which becomes
documents.title). `OffsetMap` aligns the two texts on their non-white-space characters: when
those sequences are equal (nearly always: normalisation mostly changes white space) character k
of one is character k of the other; where they differ (an HTML entity decoded, a boilerplate
line dropped) difflib's opcodes pair the differing stretches, and a span touching a dropped
stretch maps to what is left of it. `same_text` is the check applied to every mapped span.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

# White space placed between title and body in the aligned target text (never a character of
# either, so a span can never map across the boundary).
TITLE_BODY_SEP = "\n\n"
# Legal forms folded off the end of organisation names ("Tollan Dairies plc" = "Tollan
# Dairies"); common English, US and European company suffixes, written for this scorer.
LEGAL_FORMS = frozenset(
    [
        "plc",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "corp",
        "corporation",
        "co",
        "ag",
        "sa",
        "nv",
        "bv",
        "gmbh",
        "spa",
        "ab",
        "asa",
        "oyj",
        "kk",
        "lp",
        "llp",
        "pty",
        "se",
    ]
)
# Honorifics dropped from the front of person names ("Mr Moss" = "Moss").
HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor"]
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Mapped:
    """A span of documents.title or documents.body."""

    field: str  # "title" or "body"
    start: int
    end: int


def _non_space(text: str) -> tuple[str, list[int]]:
    """The non-white-space characters of text and their offsets."""
    pos = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in pos), pos


def _char_ranges(src: str, dst: str) -> list[tuple[int, int]]:
    """For each character of src, the range of dst characters it corresponds to (difflib
    opcodes; a replaced stretch maps every one of its characters onto the whole replacement,
    a deleted one onto an empty range)."""
    if src == dst:
        return [(k, k + 1) for k in range(len(src))]
    ranges: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            ranges += [(j1 + k, j1 + k + 1) for k in range(i2 - i1)]
        elif op != "insert":
            ranges += [(j1, j2)] * (i2 - i1)
    return ranges


class OffsetMap:
    """Maps character spans of a file's text onto documents.title or documents.body."""

    def __init__(self, file_text: str, title: str | None, body: str) -> None:
        self.title = title or ""
        self.body = body
        self._base = len(self.title) + len(TITLE_BODY_SEP)
        target = self.title + TITLE_BODY_SEP + body
        src, self._src_pos = _non_space(file_text)
        dst, self._dst_pos = _non_space(target)
        self._ranges = _char_ranges(src, dst)

    def span(self, start: int, end: int) -> Mapped | None:
        """The title or body span holding file[start:end]; None when nothing of it survived
        normalisation or it would straddle title and body."""
        k0, k1 = bisect_left(self._src_pos, start), bisect_left(self._src_pos, end)
        hits = [self._ranges[k] for k in range(k0, k1) if self._ranges[k][0] < self._ranges[k][1]]
        if not hits:
            return None
        first, last = min(h[0] for h in hits), max(h[1] for h in hits)
        t_start, t_end = self._dst_pos[first], self._dst_pos[last - 1] + 1
        if t_end <= len(self.title):
            return Mapped("title", t_start, t_end)
        if t_start >= self._base:
            return Mapped("body", t_start - self._base, t_end - self._base)
        return None

    def text(self, mapped: Mapped) -> str:
        """The characters a mapped span covers."""
        source = self.title if mapped.field == "title" else self.body
        return source[mapped.start : mapped.end]


def _fold(text: str) -> str:
    """Text without white space, HTML entities decoded, Unicode compatibility-normalised."""
    return "".join(unicodedata.normalize("NFKC", html.unescape(text)).split())


def same_text(a: str, b: str) -> bool:
    """Whether two spans say the same once white space and entity/Unicode forms are ignored."""
    return _fold(a) == _fold(b)


# --- names -----------------------------------------------------------------------------------


def norm_name(name: str) -> str:
    """A comparison key for an organisation name: case, punctuation, leading "the", possessive
    's and trailing legal forms folded ("The Tollan Dairies plc's" -> "tollan dairies")."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).lower()
    text = _POSSESSIVE.sub("", text)
    words = _NON_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words)


def norm_person(name: str) -> str:
    """A comparison key for a person's name: as norm_name, honorifics dropped ("Mr Moss")."""
    words = norm_name(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def name_keys(names: Iterable[str | None], person: bool = False) -> frozenset[str]:
    """The normalised keys of several surface forms (empty ones dropped)."""
    norm = norm_person if person else norm_name
    return frozenset(k for k in (norm(n) for n in names if n) if k)


def speaker_name_ok(system: Iterable[str], gold: Iterable[str]) -> bool:
    """Whether a system speaker name names the gold speaker: equal keys, or a system name whose
    words are a subset of a gold name's words including its last word ("Moss" or "Ari Moss"
    for "Ari J. Moss")."""
    gold_keys = name_keys(gold, person=True)
    for key in name_keys(system, person=True):
        if key in gold_keys:
            return True
        words = set(key.split())
        for gold_key in gold_keys:
            gold_words = gold_key.split()
            if len(gold_words) > 1 and gold_words[-1] in words and words <= set(gold_words):
                return True
    return False


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A possible gold-system pair; a higher `score` tuple is matched first."""

    score: tuple[float, ...]
    gold: int
    system: int


def greedy_match(candidates: Iterable[Candidate]) -> dict[int, int]:
    """One-to-one gold index -> system index: best score first, ties by gold then system index
    (deterministic)."""
    chosen: dict[int, int] = {}
    used: set[int] = set()
    order = sorted(candidates, key=lambda c: (tuple(-s for s in c.score), c.gold, c.system))
    for cand in order:
        if cand.gold not in chosen and cand.system not in used:
            chosen[cand.gold] = cand.system
            used.add(cand.system)
    return chosen


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Characters two half-open spans share (0 when either is missing)."""
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _distance(hit: tuple[int, int], span: tuple[int, int]) -> int:
    """Characters between two half-open spans (0 when they touch or overlap)."""
    return max(0, span[0] - hit[1], hit[0] - span[1])


def locate_cue(
    body: str, cue: str, sentence: tuple[int, int], near: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Offsets of a claim's cue text inside its evidence sentence (case folded; of several
    occurrences the one closest to `near`, the speaker span, then the earliest); None when the
    cue text is not in the sentence."""
    text = body[sentence[0] : sentence[1]].lower()
    needle = cue.lower().strip()
    if not needle:
        return None
    hits = [
        (sentence[0] + m.start(), sentence[0] + m.end())
        for m in re.finditer(re.escape(needle), text)
    ]
    if not hits:
        return None
    return min(hits, key=lambda h: (_distance(h, near) if near else 0, h[0]))
