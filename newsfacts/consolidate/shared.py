"""What every clustering of consolidation shares: union-find and grouping, the earliest
member that anchors a cluster id, and the words texts are compared on.

UnionFind is also dedup's (newsfacts/dedup.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class UnionFind:
    """Disjoint sets over hashable items (path halving)."""

    def __init__(self, items: Iterable[Hashable] = ()) -> None:
        self.parent: dict[Hashable, Hashable] = {i: i for i in items}

    def find(self, item: Hashable) -> Hashable:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            self.parent[item] = self.parent.get(parent, parent)
            item, parent = parent, self.parent[parent]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        """Join b's set to a's: a's root stays the root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def union_min(self, a: Hashable, b: Hashable) -> None:
        """Join the two sets under the smaller of their roots (items that sort: indices)."""
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[Hashable]]:
        """Every set, in order of its first item (items in the order they came)."""
        return list(group_by(self.parent, self.find).values())


def group_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """Items by key: keys in order of first appearance, each list in the order given."""
    out: dict[K, list[T]] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return dict(out)


def complete_link_groups(
    items: Iterable[Hashable],
    pairs: Iterable[tuple[Hashable, Hashable]],
    compatible: Callable[[Hashable, Hashable], bool],
) -> list[list[Hashable]]:
    """Groups of items joined along `pairs` (in the order given): two groups merge only when
    every member of one is compatible with every member of the other.

    Plain union-find would chain reports through one that lacks a detail: a lawsuit against
    Brenmoor, one against nobody named and one against Tollan would become one lawsuit. The
    result depends on the order of `pairs`, so callers give them in a fixed order.
    """
    uf = UnionFind(items)
    members: dict[Hashable, list[Hashable]] = {item: [item] for item in uf.parent}
    for a, b in pairs:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        if all(compatible(x, y) for x in members[ra] for y in members[rb]):
            uf.union(ra, rb)
            members[ra] += members.pop(rb)
    return uf.groups()


def members_anchor(members: list[str], order: dict[str, tuple]) -> str:
    """The earliest member: lowest (ingest order, offset, id); the cluster's id derives from it."""
    return min(members, key=lambda m: (order.get(m, ()), m))


# Function words left out of the word vectors: articles, pronouns, auxiliaries, prepositions,
# conjunctions and reporting verbs. Written by the team; kept short on purpose, so that words that
# carry meaning in news ("next", "year", "something") still count.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "said",
        "same",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "told",
        "say",
        "according",
    ]
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]*[a-z0-9]|[a-z]")


def words(text: str) -> list[str]:
    """Lower-cased content words: "Acme's US plans" -> ["acme", "us", "plans"]."""
    found = _WORD.findall(text.lower().replace("’", "'"))
    return [w.removesuffix("'s") for w in found if w not in STOPWORDS and len(w) > 1]


def stem(word: str) -> str:
    """A crude suffix strip so that "entering"/"enter" and "plans"/"plan" meet."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)  # claim clustering compares each statement with every other of its block
def normalize_quote(text: str) -> str:
    """Case, quote marks, punctuation and spacing folded: '“Do Something,”' -> 'do something'."""
    text = text.lower().translate(str.maketrans("‘’“”„«»", '\'\'"""""'))
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())
