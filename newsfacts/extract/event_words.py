"""Word lists of the event rules: resources/event_words.tsv in, frozensets by name out."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Every list of resources/event_words.tsv, by name."""
    text = resources.files("newsfacts.resources").joinpath("event_words.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {name: frozenset(words.split()) for name, words in rows[1:]}


def word_set(name: str) -> frozenset[str]:
    """The word list `name` ("event_frames.business_nouns")."""
    return _table()[name]
