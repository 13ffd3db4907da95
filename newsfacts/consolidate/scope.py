"""Scope: the product line a statement or event concerns (product_scopes.tsv)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from newsfacts.consolidate.thresholds import DOC_SCOPE_MIN_HITS


@lru_cache(maxsize=1)
def scope_table() -> dict[tuple[str, ...], str]:
    """Product phrase (as a tuple of words) -> scope, from product_scopes.tsv."""
    text = resources.files("newsfacts.resources").joinpath("product_scopes.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {tuple(phrase.split()): scope for phrase, scope in rows[1:]}


@lru_cache(maxsize=1)
def scope_starts() -> frozenset[str]:
    """Tokens a product phrase can begin with: a two-word phrase's first word, a one-word phrase
    or its plural."""
    table = scope_table()
    firsts = [phrase[0] for phrase in table if len(phrase) == 2]
    singles = [phrase[0] + plural for phrase in table if len(phrase) == 1 for plural in ("", "s")]
    return frozenset(firsts + singles)


_TOKEN = re.compile(r"[a-z0-9][a-z0-9\-]*")


def scope_counts(text: str) -> Counter[str]:
    """Product categories named in text: "its Android smartphones" -> {"smartphones": 1}.

    Phrases are matched left to right, longest first ("electric vehicle" before "vehicle"); only
    tokens that can begin a phrase are looked at.
    """
    table, starts = scope_table(), scope_starts()
    tokens = _TOKEN.findall(text.lower())
    found: Counter[str] = Counter()
    free = 0  # tokens before this one belong to a phrase already counted
    for i in [i for i, token in enumerate(tokens) if token in starts]:
        if i < free:
            continue
        for size in (2, 1):
            phrase = tuple(tokens[i : i + size])
            key = phrase if phrase in table else (*phrase[:-1], phrase[-1].removesuffix("s"))
            if len(phrase) == size and key in table:
                found[table[key]] += 1
                free = i + size
                break
    return found


def document_scope(body: str) -> str | None:
    """The category a document names most often (ties: alphabetical), if named often enough."""
    counts = scope_counts(body)
    if not counts:
        return None
    scope, hits = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return scope if hits >= DOC_SCOPE_MIN_HITS else None


def sentence_scope(sentence: str, doc_scope: str | None) -> str | None:
    """The category the evidence sentence names (the document's own first on a tie), else the document's."""
    counts = scope_counts(sentence)
    if not counts:
        return doc_scope
    return min(counts, key=lambda s: (-counts[s], s != doc_scope, s))
