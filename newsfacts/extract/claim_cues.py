"""Claim cues: the speech/cognition lexicon (resources/speech_cues.tsv) and the lexical gate.

Consumes a body and its sentence spans; produces the lexicon entries (lemma, kind, stance,
object) the parse rules match by lemma, and the indexes of the sentences worth parsing: those
holding a surface form of a cue ("blames", "told", "according to", "is concerned").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parents[1] / "resources" / "speech_cues.tsv"
# Phrases that attribute without a cue verb ("according to X", "in a statement").
GATE_PHRASES = ("according to", "quoted as")


@dataclass(frozen=True)
class CueEntry:
    """One cue of the lexicon: a verb (or phrasal verb) or a predicative adjective."""

    lemma: str  # "say", "point out", "concerned"
    kind: str  # speech | cognition
    stance: str  # default stance: assert | deny | hedge
    object: str  # clause | that | any: what may serve as content
    forms: tuple[str, ...] = ()  # irregular surface forms
    adjective: bool = False  # a predicative adjective ("concerned"), matched as written

    @property
    def verb(self) -> str:
        """The verb of a phrasal cue ("point" of "point out")."""
        return self.lemma.split()[0]

    @property
    def particle(self) -> str | None:
        """The particle of a phrasal cue ("out" of "point out"), else None."""
        parts = self.lemma.split()
        return parts[1] if len(parts) > 1 else None


@cache
def lexicon(path: Path = LEXICON_PATH) -> dict[str, CueEntry]:
    """Cue entries by verb lemma (a phrasal cue under its verb, e.g. "rule" for "rule out")."""
    entries: dict[str, CueEntry] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        extra = cols[4] if len(cols) > 4 else ""
        forms = tuple(f for f in extra.split(",") if f and f != "=")
        entry = CueEntry(cols[0], cols[1], cols[2], cols[3], forms, adjective=extra == "=")
        # a phrasal verb never hides the plain verb entry ("rule out" vs a plain "rule")
        entries.setdefault(entry.verb, entry)
    return entries


def regular_forms(lemma: str) -> set[str]:
    """The -s, -ed and -ing forms of a regular verb ("blame" -> blames, blamed, blaming)."""
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def surface_forms(entry: CueEntry) -> set[str]:
    """Every surface form the gate looks for: regular forms, irregular ones, the adjective."""
    if entry.adjective:
        return {entry.lemma}
    forms = regular_forms(entry.verb) | set(entry.forms)
    if entry.particle:
        return {f"{f} {entry.particle}" for f in forms}
    return forms


@cache
def gate_pattern() -> re.Pattern[str]:
    """One case-insensitive pattern matching any cue form or attribution phrase."""
    words: set[str] = set(GATE_PHRASES)
    for entry in lexicon().values():
        words |= surface_forms(entry)
    alternatives = sorted(words, key=lambda w: (-len(w), w))
    escaped = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alternatives)
    return re.compile(rf"(?<![\w-])(?:{escaped})(?![\w-])", re.IGNORECASE)


# A maximal run of word characters and hyphens: what a one-word cue form must be, whole.
_WORD_RUN = re.compile(r"[\w-]+")


@cache
def _gate_lookup() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The gate pattern split for speed: one-word forms, looked up per word of the body, and a
    pattern for the phrases ("according to", "pointed out")."""
    words: set[str] = set(GATE_PHRASES)
    for entry in lexicon().values():
        words |= surface_forms(entry)
    single = frozenset(w.lower() for w in words if _WORD_RUN.fullmatch(w))
    phrases = sorted((w for w in words if not _WORD_RUN.fullmatch(w)), key=lambda w: (-len(w), w))
    if not phrases:
        return single, None
    escaped = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases)
    return single, re.compile(rf"(?<![\w-])(?:{escaped})(?![\w-])", re.IGNORECASE)


def gated_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Indexes of the sentences holding a cue form (the sentences gate_pattern() matches in):
    the body's words looked up, the phrases scanned for, then bisect."""
    single, phrases = _gate_lookup()
    found = [m.start() for m in _WORD_RUN.finditer(body) if m.group().lower() in single]
    if phrases is not None:
        found += [m.start() for m in phrases.finditer(body)]
    starts = [s for s, _ in spans]
    hits: set[int] = set()
    for at in found:
        i = bisect.bisect_right(starts, at) - 1
        if 0 <= i < len(spans) and at < spans[i][1]:
            hits.add(i)
    return sorted(hits)


@cache
def entries_by_form() -> dict[str, CueEntry]:
    """Cue entries by their one-word surface forms ("hopes" -> hope), for a verb the
    lemmatiser gets wrong ("hopes" read as a form of "hop")."""
    out: dict[str, CueEntry] = {}
    for entry in lexicon().values():
        if entry.adjective or entry.particle:
            continue
        for form in surface_forms(entry):
            out.setdefault(form.lower(), entry)
    return out
