"""Consolidate: canonical documents and their facts in; stories, canonical claims and events out.

Stories group documents reporting the same happening (shared companies, similar words, close in
time). Within a story, reports of one statement by one speaker share a canonical_claim_id and
reports of one event share a canonical_event_id. Every id is a hash of the cluster's earliest
member, so re-running over the same input gives the same ids. The functions here are pure;
those of the last section (warehouse IO, entry point `consolidate_warehouse`) alone touch the
warehouse.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import combinations

from newsfacts import settings
from newsfacts.facts import stable_id
from newsfacts.parallel import BatchMap
from newsfacts.publishers import publisher_key
from newsfacts.vocab import is_denial

# --- stories ----------------------------------------------------------------------------------
# Two documents whose publication dates are both known are one story only if at most this many
# days apart: follow-ups of a news story cluster within weeks.
STORY_WINDOW_DAYS = 30
# Undated documents are compared on the years their text mentions (a proxy for when they were
# written): they may share a story only if some year mentioned in one lies within this many years
# of some year mentioned in the other. A document with no date and no year mentioned never blocks.
STORY_YEAR_GAP = 1
# Pair score = LEXICAL_WEIGHT * TF-IDF cosine of the texts + ENTITY_WEIGHT * cosine of the
# organisations' mention counts (media outlets excluded): two reports of one story name the same
# main company about as often, a piece where it is one partner among others does not. Documents
# are linked at or above STORY_MIN_SCORE.
STORY_LEXICAL_WEIGHT = 0.4
STORY_ENTITY_WEIGHT = 0.6
STORY_MIN_SCORE = 0.5
# And the texts alone must be at least this similar (cosine): two rewrites of a story share some
# distinctive words, whatever else they say.
STORY_MIN_LEXICAL = 0.1
# Blocking: only documents sharing a company or one of their STORY_BLOCK_TERMS highest-weighted
# words are compared; a key held by more than STORY_MAX_BLOCK documents is too common to block on.
STORY_BLOCK_TERMS = 12
STORY_MAX_BLOCK = 250
# Each document is compared with at most this many others: those sharing the most blocking keys
# with it. This bounds the work per document, so a large corpus costs linear time and memory; a
# story larger than this still forms, through chains of links.
STORY_MAX_CANDIDATES = 50
# Rows (documents) and pairs handled per sparse-matrix step: bounds memory, not results.
STORY_CHUNK_ROWS = 500
STORY_CHUNK_PAIRS = 2_000

# --- claims -----------------------------------------------------------------------------------
# Two statements of one speaker in one story are paraphrases when they share at least
# CLAIM_MIN_SHARED content words and that is at least CLAIM_MIN_OVERLAP of the shorter one's words
# (overlap coefficient).
CLAIM_MIN_SHARED = 2
CLAIM_MIN_OVERLAP = 0.5

# --- events -----------------------------------------------------------------------------------
# Two reports of one event may give dates at most this many days apart (gap between the periods
# they cover): plans move ("by end 2018, or early 2019"), things that happened do not.
EVENT_DATE_GAP_DAYS = {"occurred": 31, "planned": 366, "denied": 366}
# Statuses that can describe one event: a plan and speculation about it are one thing; a denial
# or an occurrence is another (a denial is a conflict, see the claim_conflicts view). Keys: every
# status of newsfacts.vocab.EVENT_STATUSES (tests/test_vocab.py checks).
STATUS_GROUP = {
    "planned": "planned",
    "speculated": "planned",
    "occurred": "occurred",
    "denied": "denied",
}

# --- scope ------------------------------------------------------------------------------------
# A document's dominant product category needs at least this many phrase hits to be its scope.
DOC_SCOPE_MIN_HITS = 2

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
# Speakers that name nobody: without a resolved id they are never merged across documents.
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "reports", "sources"]
)


# ----------------------------------------------------------------------------------------------
# Shared helpers
# ----------------------------------------------------------------------------------------------


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
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item in self.parent:
            out[self.find(item)].append(item)
        return list(out.values())


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


def members_anchor(members: list[str], order: dict[str, tuple]) -> str:
    """The earliest member: lowest (ingest order, offset, id); the cluster's id derives from it."""
    return min(members, key=lambda m: (order.get(m, ()), m))


# ----------------------------------------------------------------------------------------------
# Stories
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryDoc:
    """What story clustering needs about one canonical document."""

    doc_id: str
    order: int  # ingest order: the earliest document anchors the story id
    text: str  # title and body
    published: date | None = None
    years: frozenset[int] = frozenset()  # years the text mentions (TIMEX3 DATE values)
    companies: dict[str, float] = field(default_factory=dict)  # company_id -> mentions (no media)

    @property
    def period(self) -> tuple[date | None, frozenset[int]] | None:
        """What time compatibility looks at; None when the document says nothing about time."""
        return document_period(self.published, self.years)


def document_period(
    published: date | None, years: frozenset[int]
) -> tuple[date | None, frozenset[int]] | None:
    """The publication date, else the years mentioned; None when neither is known."""
    if published is None and not years:
        return None
    return (published, frozenset() if published else years)


@dataclass
class StoryInputs:
    """What story clustering needs about the canonical documents, compactly: row i is document i.

    Nothing here holds a text: the words come as a stream (see story_links).
    """

    doc_ids: list[str]
    orders: list[int]  # ingest order: the earliest document anchors the story id
    periods: list[tuple | None]  # document_period of each; equal periods are one shared object
    companies: object  # CSR documents x companies: mentions (no media), columns in company-id order


def shared_periods(periods: Iterable[tuple | None]) -> list[tuple | None]:
    """The periods, equal ones replaced by one object (a corpus has few distinct periods)."""
    seen: dict = {}
    return [seen.setdefault(p, p) for p in periods]


def company_matrix(rows: object, cols: object, mentions: object, shape: tuple[int, int]) -> object:
    """CSR documents x companies of mention counts; (row, col) pairs sorted and unique."""
    import numpy as np
    from scipy import sparse

    data, rows, cols = (
        np.asarray(a, dtype)
        for a, dtype in ((mentions, np.float64), (rows, np.int64), (cols, np.int64))
    )
    return sparse.csr_matrix((data, (rows, cols)), shape=(shape[0], max(shape[1], 1)))


def story_inputs(docs: list[StoryDoc]) -> StoryInputs:
    """StoryInputs of StoryDoc objects."""
    codes = {c: k for k, c in enumerate(sorted({c for d in docs for c in d.companies}))}
    entries = [
        (i, codes[c], d.companies[c]) for i, d in enumerate(docs) for c in sorted(d.companies)
    ]
    rows, cols, mentions = zip(*entries, strict=True) if entries else ((), (), ())
    return StoryInputs(
        [d.doc_id for d in docs],
        [d.order for d in docs],
        shared_periods(d.period for d in docs),
        company_matrix(rows, cols, mentions, (len(docs), len(codes))),
    )


@dataclass
class TermCounts:
    """Each document's word counts as compact CSR arrays: document i's entries are
    indptr[i]:indptr[i + 1] of `cols` (vocabulary index, numbered by first use in the corpus) and
    `counts`, in reverse order of first use in the document. That order fixes the floating-point
    sums of the TF-IDF norms and cosines, and so which pairs clear the thresholds: keep it."""

    indptr: object  # int64, one more than the documents
    cols: object  # int32
    counts: object  # uint8 (uint32 once some document repeats a word more than 255 times)
    vocab: list[str]


def count_terms(token_lists: Iterable[list[str]]) -> TermCounts:
    """TermCounts of a stream of token lists, about five bytes a distinct word per document."""
    from array import array

    import numpy as np

    vocab: dict[str, int] = {}
    indptr, cols, counts = array("q", [0]), array("i"), array("B")
    for tokens in token_lists:
        counted = Counter(tokens)
        ids = [vocab.setdefault(w, len(vocab)) for w in counted]
        ids.reverse()
        values = list(counted.values())
        values.reverse()
        if counts.typecode == "B" and values and max(values) > 255:
            counts = array("I", counts)
        cols.extend(ids)
        counts.extend(values)
        indptr.append(len(cols))
    as_array = {"q": np.int64, "i": np.int32, "B": np.uint8, "I": np.uint32}
    return TermCounts(
        *(np.frombuffer(a, dtype=as_array[a.typecode]) for a in (indptr, cols, counts)),
        list(vocab),
    )


class TfIdf:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) of the TermCounts documents, built
    a few rows at a time: the corpus-wide matrix is never held."""

    def __init__(self, terms: TermCounts) -> None:
        import numpy as np

        self.terms = terms
        n = len(terms.indptr) - 1
        df = np.bincount(terms.cols, minlength=len(terms.vocab))
        self.idf = np.log((n + 1) / (df + 1.0)) + 1.0
        top = int(terms.counts.max(initial=0))
        with np.errstate(divide="ignore"):  # count 0 never occurs
            self.tf = 1.0 + np.log(np.arange(top + 1, dtype=np.float64))
        self.inverse_norms = np.ones(n)
        for lo in range(0, n, STORY_CHUNK_ROWS):
            docs = np.arange(lo, min(lo + STORY_CHUNK_ROWS, n))
            indptr, _, weights = self._weights(docs)
            filled = np.flatnonzero(np.diff(indptr))
            norms = np.sqrt(np.add.reduceat(weights * weights, indptr[filled]))
            self.inverse_norms[docs[filled]] = 1.0 / norms

    def _weights(self, docs: object) -> tuple[object, object, object]:
        """indptr, columns and unnormalised weights of these documents' rows."""
        import numpy as np

        starts, ends = self.terms.indptr[docs], self.terms.indptr[docs + 1]
        lengths = ends - starts
        indptr = np.zeros(len(docs) + 1, np.int64)
        np.cumsum(lengths, out=indptr[1:])
        at = np.arange(indptr[-1]) + np.repeat(starts - indptr[:-1], lengths)
        cols = self.terms.cols[at]
        return indptr, cols, self.tf[self.terms.counts[at]] * self.idf[cols]

    def rows(self, docs: object) -> object:
        """The normalised rows of these documents (an int array), as a CSR matrix."""
        import numpy as np
        from scipy import sparse

        indptr, cols, weights = self._weights(docs)
        data = np.repeat(self.inverse_norms[docs], np.diff(indptr)) * weights
        return sparse.csr_matrix((data, cols, indptr), shape=(len(docs), len(self.terms.vocab)))

    def top_terms(self, k: int = STORY_BLOCK_TERMS) -> tuple[object, object]:
        """(document, column) of each document's k highest-weighted words (ties: alphabetical)."""
        import numpy as np

        vocab = self.terms.vocab
        rank = np.empty(len(vocab), np.int64)
        rank[np.argsort(np.array(vocab, dtype=object), kind="stable")] = np.arange(len(vocab))
        n = len(self.inverse_norms)
        found_docs, found_cols = [], []
        for lo in range(0, n, STORY_CHUNK_ROWS):
            rows = self.rows(np.arange(lo, min(lo + STORY_CHUNK_ROWS, n)))
            doc = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
            order = np.lexsort((rank[rows.indices], -rows.data, doc))
            keep = order[_ranks(doc[order]) < k]
            found_docs.append(lo + doc[keep])
            found_cols.append(rows.indices[keep])
        return _concat(found_docs, np.int64), _concat(found_cols, np.int32)


def _ranks(groups: object) -> object:
    """Each entry's place within its run of equal values in a sorted array (0 for the first)."""
    import numpy as np

    return np.arange(len(groups)) - np.searchsorted(groups, groups)


def _concat(parts: list, dtype: object) -> object:
    """np.concatenate that also takes no parts."""
    import numpy as np

    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


@lru_cache(maxsize=65536)
def periods_compatible(a: tuple | None, b: tuple | None) -> bool:
    """Close in time: dates within the window; else years mentioned close; unknown never blocks."""
    if a is None or b is None:
        return True
    (pub_a, years_a), (pub_b, years_b) = a, b
    if pub_a and pub_b:
        return abs((pub_a - pub_b).days) <= STORY_WINDOW_DAYS
    years_a = {pub_a.year} if pub_a else years_a
    years_b = {pub_b.year} if pub_b else years_b
    return min(abs(x - y) for x in years_a for y in years_b) <= STORY_YEAR_GAP


def story_score(lexical: object, entity: object) -> object:
    return STORY_LEXICAL_WEIGHT * lexical + STORY_ENTITY_WEIGHT * entity


def candidate_pairs(keys: object) -> tuple[object, object]:
    """Document pairs (left < right, sorted) sharing a blocking key: a company or a top word.

    `keys` is a CSR documents x keys incidence matrix. Keys held by more than STORY_MAX_BLOCK
    documents are skipped; each document keeps the STORY_MAX_CANDIDATES partners that share the
    most keys with it (ties: the earlier index).
    """
    import numpy as np
    from scipy import sparse

    held = np.bincount(keys.indices, minlength=keys.shape[1])
    usable = (held > 1) & (held <= STORY_MAX_BLOCK)
    incidence = sparse.csr_matrix(keys[:, np.flatnonzero(usable)], dtype=np.int32)
    transposed = incidence.T.tocsr()
    n = incidence.shape[0]
    found = []
    for lo in range(0, n, STORY_CHUNK_ROWS):
        shared = (incidence[lo : lo + STORY_CHUNK_ROWS] @ transposed).tocsr()
        doc = lo + np.repeat(np.arange(shared.shape[0]), np.diff(shared.indptr))
        other, counts = shared.indices.astype(np.int64), shared.data
        order = np.lexsort((other, -counts, doc))
        order = order[other[order] != doc[order]]  # not paired with itself
        best = order[_ranks(doc[order]) < STORY_MAX_CANDIDATES]
        left, right = np.minimum(doc[best], other[best]), np.maximum(doc[best], other[best])
        found.append(np.unique(left * n + right))
    pairs = np.unique(_concat(found, np.int64))
    return pairs // max(n, 1), pairs % max(n, 1)


def sequential_row_sums(matrix: object) -> object:
    """Each row's stored values added left to right, as Python's sum() adds a list."""
    import numpy as np

    out = np.zeros(matrix.shape[0])
    lengths = np.diff(matrix.indptr)
    for k in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > k)
        out[rows] += matrix.data[matrix.indptr[rows] + k]
    return out


def unit_rows(matrix: object) -> object:
    """The rows scaled to length 1 (empty rows stay empty)."""
    import numpy as np
    from scipy import sparse

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    data = matrix.data / np.repeat(norms, np.diff(matrix.indptr))
    return sparse.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def story_links(
    inputs: StoryInputs, token_lists: Iterable[list[str]]
) -> tuple[object, object, object]:
    """Linked document pairs (index arrays left, right and their scores), best first: similar
    enough, close in time. `token_lists` gives each document's words, in order, as a stream."""
    import numpy as np
    from scipy import sparse

    tfidf = TfIdf(count_terms(token_lists))
    n, n_companies = inputs.companies.shape
    if len(tfidf.inverse_norms) != n:
        raise ValueError(f"{len(tfidf.inverse_norms)} texts for {n} documents")
    term_docs, term_cols = tfidf.top_terms()
    company_docs = np.repeat(np.arange(n), np.diff(inputs.companies.indptr))
    keys = sparse.csr_matrix(
        (
            np.ones(len(company_docs) + len(term_docs), np.int8),
            (
                np.concatenate((company_docs, term_docs)),
                np.concatenate((inputs.companies.indices, n_companies + term_cols)),
            ),
        ),
        shape=(n, n_companies + len(tfidf.terms.vocab)),
    )
    left, right = candidate_pairs(keys)
    entities = unit_rows(inputs.companies)
    links = []
    for lo in range(0, len(left), STORY_CHUNK_PAIRS):
        a, b = left[lo : lo + STORY_CHUNK_PAIRS], right[lo : lo + STORY_CHUNK_PAIRS]
        docs, at = np.unique(np.concatenate((a, b)), return_inverse=True)
        rows = tfidf.rows(docs)
        lexical = np.asarray(rows[at[: len(a)]].multiply(rows[at[len(a) :]]).sum(axis=1)).ravel()
        keep = lexical >= STORY_MIN_LEXICAL
        keep[keep] = [
            periods_compatible(inputs.periods[i], inputs.periods[j])
            for i, j in zip(a[keep].tolist(), b[keep].tolist(), strict=True)
        ]
        a, b, lexical = a[keep], b[keep], lexical[keep]
        score = story_score(lexical, sequential_row_sums(entities[a].multiply(entities[b])))
        linked = score >= STORY_MIN_SCORE
        links.append((a[linked], b[linked], score[linked]))
    left, right = (_concat([link[k] for link in links], np.int64) for k in (0, 1))
    score = _concat([link[2] for link in links], np.float64)
    order = np.lexsort((right, left, -score))
    return left[order], right[order], score[order]


def story_ids(inputs: StoryInputs, token_lists: Iterable[list[str]]) -> list[str]:
    """Each document's story id: linked documents merged best link first, id from the earliest.

    Two groups merge only if every pair of their members is close in time, so an undated
    document cannot chain a 2021 report and a 2023 report into one story.
    """
    left, right, _ = story_links(inputs, token_lists)
    uf = UnionFind()  # over linked documents only
    merged: dict[int, set] = {}  # a group's periods, once it has more than one member

    def periods(root: int) -> set:
        return merged.get(root) or {inputs.periods[root]} - {None}

    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        pi, pj = periods(ri), periods(rj)
        if not all(periods_compatible(a, b) for a in pi for b in pj):
            continue
        uf.union(ri, rj)
        merged[ri] = pi | pj
        merged.pop(rj, None)
    ids = [stable_id("st", doc_id) for doc_id in inputs.doc_ids]
    for group in uf.groups():
        anchor = min(group, key=lambda i: (inputs.orders[i], inputs.doc_ids[i]))
        for i in group:
            ids[i] = ids[anchor]
    return ids


def cluster_stories(docs: list[StoryDoc]) -> dict[str, str]:
    """doc_id -> story_id (see story_ids) of documents held whole."""
    ids = story_ids(story_inputs(docs), (words(d.text) for d in docs))
    return dict(zip((d.doc_id for d in docs), ids, strict=True))


def story_rows(docs: list[dict], story_of: dict[str, str]) -> list[dict]:
    """One stories row per story from its documents (doc_id, title, body, publisher, published, order)."""
    by_story: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        by_story[story_of[d["doc_id"]]].append(d)
    rows = []
    for story_id, members in sorted(by_story.items()):
        members.sort(key=lambda d: (d["order"], d["doc_id"]))
        dates = [d["published"] for d in members if d["published"]]
        rows.append(
            {
                "story_id": story_id,
                "title": story_title(members),
                "first_seen": min(dates, default=None),
                "last_seen": max(dates, default=None),
                "n_documents": len(members),
                "n_publishers": n_publishers(members),
                "anchor_doc_id": members[0]["doc_id"],
            }
        )
    return rows


def n_publishers(members: list[dict]) -> int:
    """Distinct known publishers (case-insensitive); a document with no known publisher is not
    one more publisher (the corroboration views count those in n_unknown_publisher)."""
    return len({publisher_key(d["publisher"]) for d in members if d["publisher"]})


def story_title(members: list[dict]) -> str:
    """The earliest member's headline, else the start of its first line."""
    for d in members:
        if d.get("title"):
            return d["title"]
    first = members[0]["body"].strip().split("\n", 1)[0]
    return first if len(first) <= 100 else first[:99].rsplit(" ", 1)[0] + "…"


# ----------------------------------------------------------------------------------------------
# Scope: the product line a statement or event concerns
# ----------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------
# Events
# ----------------------------------------------------------------------------------------------


def _period_gap(a: dict, b: dict) -> int | None:
    """Days between the periods two events' dates cover (0 if they overlap); None if either is undated."""
    if not (a.get("date_start") and b.get("date_start")):
        return None
    a_end, b_end = a.get("date_end") or a["date_start"], b.get("date_end") or b["date_start"]
    return max((b["date_start"] - a_end).days, (a["date_start"] - b_end).days, 0)


def amounts_compatible(a: dict, b: dict) -> bool:
    """Two reports' headline figures can be one figure: either missing, different currencies or
    units, or within settings.EVENT_AMOUNT_TOLERANCE (see there)."""
    x, y = a.get("amount"), b.get("amount")
    if x is None or y is None or a.get("unit") != b.get("unit"):
        return True
    if a.get("currency") and b.get("currency") and a["currency"] != b["currency"]:
        return True  # no exchange rate is assumed
    low, high = sorted((abs(x), abs(y)))
    if low == 0 or high / low > settings.EVENT_AMOUNT_SAME_QUANTITY_RATIO:
        return True  # a price a share and a company's value: different quantities
    return high - low <= settings.EVENT_AMOUNT_TOLERANCE * high


def date_window(a: dict, b: dict, group: str) -> int:
    """Days two reports of one event may date it apart: by granularity for things that happened
    (settings.EVENT_DATE_WINDOW_DAYS), else EVENT_DATE_GAP_DAYS of the status group."""
    grains = {a.get("date_granularity"), b.get("date_granularity")}
    if group != "occurred" or not grains <= settings.EVENT_DATE_WINDOW_DAYS.keys():
        return EVENT_DATE_GAP_DAYS[group]
    return max(settings.EVENT_DATE_WINDOW_DAYS[g] for g in grains)


def same_event(a: dict, b: dict) -> bool:
    """Two reports (same type, same main company, same story) can describe one event: the same
    polarity, and place, counterparties, dates and figures compatible (missing is compatible,
    conflicting is not)."""
    group = STATUS_GROUP[a["status"]]
    if group != STATUS_GROUP[b["status"]]:
        return False
    if a.get("location") and b.get("location") and a["location"] != b["location"]:
        return False
    others_a, others_b = set(a.get("others") or ()), set(b.get("others") or ())
    if others_a and others_b and not others_a & others_b:
        return False  # partnerships with different partners are different deals
    sides_a, sides_b = set(a.get("counterparties") or ()), set(b.get("counterparties") or ())
    if sides_a and sides_b and not sides_a & sides_b:
        return False  # a bid for Tollan is not a bid for Kestrel; two lawsuits, two defendants
    if not amounts_compatible(a, b):
        return False
    gap = _period_gap(a, b)
    return gap is None or gap <= date_window(a, b, group)


def event_pair_strength(a: dict, b: dict) -> int:
    """How many details two compatible reports share (counterparty, figure, date, place): pairs
    sharing more are merged first, so a vague report joins the event it fits best."""
    return sum(
        (
            bool(set(a.get("counterparties") or ()) & set(b.get("counterparties") or ())),
            a.get("amount") is not None and b.get("amount") is not None,
            _period_gap(a, b) is not None,
            bool(a.get("location")) and a.get("location") == b.get("location"),
        )
    )


def cluster_events(events: list[dict], story_of: dict[str, str]) -> dict[str, tuple[str, str]]:
    """event_id -> (canonical_event_id, match): reports of one event within one story.

    Events need event_id, doc_id, order, event_type, status, company_id; optionally location,
    date_start, date_end, date_granularity, amount, unit, currency, others (other participants'
    company ids) and counterparties (targets and partners). Reports merge best-matching pair
    first, and only into a group every member of which they are compatible with.
    """
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for e in events:
        key = e["event_id"] if e["company_id"] is None else e["company_id"]
        blocks[(story_of.get(e["doc_id"]), e["event_type"], key)].append(e)
    by_id = {e["event_id"]: e for e in events}
    ranked = []
    for block in blocks.values():
        for a, b in combinations(block, 2):
            if same_event(a, b):
                a, b = sorted((a, b), key=lambda e: (e["order"], e["event_id"]))
                ranked.append((-event_pair_strength(a, b), a["order"], b["order"], a, b))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3]["event_id"], r[4]["event_id"]))
    groups = complete_link_groups(
        sorted(by_id),
        ((a["event_id"], b["event_id"]) for *_, a, b in ranked),
        lambda x, y: same_event(by_id[x], by_id[y]),
    )
    order = {e["event_id"]: e["order"] for e in events}
    out = {}
    for group in groups:
        anchor = members_anchor(group, order)
        for m in group:
            out[m] = (stable_id("ce", anchor), "anchor" if m == anchor else "same_event")
    return out


# ----------------------------------------------------------------------------------------------
# Claims
# ----------------------------------------------------------------------------------------------


def speaker_key(claim: dict) -> str | None:
    """Who said it: resolved person, else organisation, else the name as written (not a pronoun)."""
    if claim.get("speaker_person_id"):
        return claim["speaker_person_id"]
    if claim.get("speaker_company_id"):
        return claim["speaker_company_id"]
    name = normalize_quote(claim["speaker"])
    if not name or name in _PRONOUNS or not claim["speaker"][:1].isupper():
        return None
    return "name:" + name


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


_CASED_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z]")


@lru_cache(maxsize=4096)
def proposition_stems(text: str) -> frozenset[str]:
    """content_stems without names (capitalised words after the first): what is said about
    someone, not who. 'I see no difference from Mr Glazer's proposals' and 'it stayed opposed to
    Mr Glazer's proposal' share "proposal" only, not "mr" and "glazer"."""
    tokens = _CASED_WORD.findall(text)
    kept = [t for k, t in enumerate(tokens) if k == 0 or not t[:1].isupper()]
    return content_stems(" ".join(kept))


def same_statement(a: dict, b: dict) -> str | None:
    """'exact', 'paraphrase' or None for two statements of one speaker in one story.

    Matches: '"We want to be there from day one"' vs 'we want to be there from day one';
    'Next year we hope to sell there' vs 'its hope is to sell there at some point next year'.
    A denial never matches an assertion: that is a conflict, not a corroboration.
    """
    if is_denial(a["stance"]) != is_denial(b["stance"]):
        return None
    if normalize_quote(a["content"]) == normalize_quote(b["content"]):
        return "exact"
    wa, wb = content_stems(a["content"]), content_stems(b["content"])
    # names shared ("Mr Glazer") say who the statements are about, not that they say one thing
    shared = len(proposition_stems(a["content"]) & proposition_stems(b["content"]))
    if shared >= CLAIM_MIN_SHARED and shared >= CLAIM_MIN_OVERLAP * min(len(wa), len(wb)):
        return "paraphrase"
    return None


def cluster_claims(claims: list[dict], story_of: dict[str, str]) -> dict[str, tuple[str, str]]:
    """claim_id -> (canonical_claim_id, match): one speaker's statement reported across a story.

    Claims need claim_id, doc_id, order, speaker, stance, content; optionally speaker_person_id,
    speaker_company_id. match is anchor, exact or paraphrase (relative to a linked member).
    """
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        who = speaker_key(c) or f"claim:{c['claim_id']}"
        blocks[(story_of.get(c["doc_id"]), who)].append(c)
    kinds: dict[tuple[str, str], str] = {}
    for block in blocks.values():
        for a, b in combinations(block, 2):
            if kind := same_statement(a, b):
                a, b = sorted((a, b), key=lambda c: (c["order"], c["claim_id"]))
                kinds[(a["claim_id"], b["claim_id"])] = kind
    order = {c["claim_id"]: c["order"] for c in claims}
    # exact repeats first, then paraphrases, each in document order
    ranked = sorted(kinds, key=lambda p: (kinds[p] != "exact", order[p[0]], order[p[1]], p))
    polarity = {c["claim_id"]: is_denial(c["stance"]) for c in claims}
    groups = complete_link_groups(sorted(order), ranked, lambda x, y: polarity[x] == polarity[y])
    out = {}
    for group in groups:
        anchor = members_anchor(group, order)
        members = set(group)
        for m in group:
            # "exact" wins over "paraphrase": how m matches the members it was paired with
            how = min(
                (kinds.get((m, o)) or kinds.get((o, m)) or "~" for o in members - {m}),
                default="~",
            )
            out[m] = (stable_id("cc", anchor), "anchor" if m == anchor else how)
    return out


# ----------------------------------------------------------------------------------------------
# Claims stating events
# ----------------------------------------------------------------------------------------------

# Words marking a statement about the future (an intention, a plan, a hope): such a statement,
# when it states no event itself, is matched to a planned event. Written by the team.
INTENT_WORDS = frozenset(
    [
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intention",
        "intentions",
        "hope",
        "hopes",
        "hoping",
        "aim",
        "aims",
        "expect",
        "expects",
        "want",
        "wants",
        "will",
        "next",
        "target",
        "targets",
        "goal",
    ]
)


def claim_tense_group(content: str) -> str:
    """'planned' for statements of intent ("we hope to sell there next year"), else 'occurred'."""
    return "planned" if INTENT_WORDS & set(normalize_quote(content).split()) else "occurred"


@dataclass(frozen=True)
class CanonicalEvent:
    """What matching a statement to an event needs about one canonical event."""

    canonical_event_id: str
    story_id: str | None
    company_id: str | None
    locations: frozenset[str]
    group: str  # STATUS_GROUP of its reports
    n_documents: int


def canonical_event_index(
    events: list[dict], canon: dict[str, tuple[str, str]], story_of: dict[str, str]
) -> list[CanonicalEvent]:
    """One summary per canonical event from its member reports."""
    members: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        members[canon[e["event_id"]][0]].append(e)
    return [
        CanonicalEvent(
            cid,
            story_of.get(ms[0]["doc_id"]),
            ms[0]["company_id"],
            frozenset(m["location"] for m in ms if m.get("location")),
            STATUS_GROUP[ms[0]["status"]],
            len({m["doc_id"] for m in ms}),
        )
        for cid, ms in sorted(members.items())
    ]


def inferred_event(
    claim: dict, story_id: str | None, index: dict[tuple, list[CanonicalEvent]]
) -> str | None:
    """The story's best-reported event a statement without its own event is about, if any.

    A statement about a company's intentions for a place ('it intends to "do something" in
    Brazil next year') that names no event itself reports the story's planned event of that
    company in that place; several candidates: the one most documents report.
    `index` maps (story_id, company_id) to that company's canonical events in the story.
    """
    from newsfacts.extract.event_places import find_places

    if is_denial(claim["stance"]) or story_id is None:
        return None
    candidates = [e for c in claim_companies(claim) for e in index.get((story_id, c), ())]
    if not candidates:
        return None
    places = {code for _, _, code in find_places(claim["content"])}
    group = claim_tense_group(claim["content"])
    found = [e for e in candidates if e.group == group and e.locations & places]
    best = min(found, key=lambda e: (-e.n_documents, e.canonical_event_id), default=None)
    return best.canonical_event_id if best else None


def claim_event_links(
    claims: list[dict],
    claim_canon: dict[str, tuple[str, str]],
    event_canon: dict[str, tuple[str, str]],
    events: list[CanonicalEvent],
    story_of: dict[str, str],
) -> dict[str, tuple[str, str]]:
    """canonical_claim_id -> (canonical_event_id, 'stated' | 'inferred') for statements of events."""
    index: dict[tuple, list[CanonicalEvent]] = defaultdict(list)
    for e in events:
        index[(e.story_id, e.company_id)].append(e)
    stated: dict[str, Counter] = defaultdict(Counter)
    inferred: dict[str, Counter] = defaultdict(Counter)
    for c in claims:
        cid = claim_canon[c["claim_id"]][0]
        if c.get("event_id") in event_canon:
            stated[cid][event_canon[c["event_id"]][0]] += 1
        elif found := inferred_event(c, story_of.get(c["doc_id"]), index):
            inferred[cid][found] += 1
    links = {}
    for cid in {v[0] for v in claim_canon.values()}:
        for how, counts in (("stated", stated[cid]), ("inferred", inferred[cid])):
            if counts:
                links[cid] = (min(counts, key=lambda e: (-counts[e], e)), how)
                break
    return links


def speaker_company(claim: dict) -> str | None:
    """The organisation that speaks: the speaker itself when an organisation, else the
    speaker's employer."""
    return claim.get("speaker_company_id") or claim.get("speaker_affiliation")


def claim_companies(claim: dict) -> list[str]:
    """Companies a statement is about: its subject and the speaker's employer.

    The speaking organisation counts only when the statement names no subject ("Ford denied
    the talks"): a research firm or newspaper quoted about a company is not what it is about.
    """
    keys = ("subject_company_id", "speaker_affiliation")
    found = [claim.get(k) for k in keys]
    if not claim.get("subject_company_id"):
        found.append(claim.get("speaker_company_id"))
    return list(dict.fromkeys(c for c in found if c))


def event_companies(event: dict, stating: list[dict]) -> list[str]:
    """Companies an event is about: its main participant, and the employers of those stating it.

    An executive announcing or denying a plan speaks for the company whose plan it is, even when
    the sentence names that company only as "the company's EV arm".
    """
    employers = [c.get("speaker_affiliation") for c in stating]
    return list(dict.fromkeys(c for c in [event["company_id"], *employers] if c))


def seen_date(timex_value: str | None, published: date | None) -> date | None:
    """When a statement was made: first day of its TIMEX3 date, else the publication date."""
    from newsfacts.extract.timex_calendar import timex_bounds

    first, _, _ = timex_bounds(timex_value)
    try:
        return date.fromisoformat(first) if first else published
    except ValueError:  # a value outside the calendar (year 0000): fall back to publication
        return published


# ----------------------------------------------------------------------------------------------
# All together
# ----------------------------------------------------------------------------------------------


def fact_tables(
    claims: list[dict],
    events: list[dict],
    docs: dict[str, dict],
    doc_scope: dict[str, str | None],
    story_of: dict[str, str],
) -> dict[str, list[dict]]:
    """claim_clusters, event_clusters, canonical_claims and canonical_events rows.

    Every rule here compares facts within one story, so the claims and events of any set of
    whole stories give the same rows as those of all stories: the warehouse path feeds them a
    batch of stories at a time.
    """
    for row in events + claims:  # a sort key: the document's ingest order, then the offset
        row["order"] = (docs[row["doc_id"]]["order"], row["start_char"])
    event_canon = cluster_events(events, story_of)
    claim_canon = cluster_claims(claims, story_of)
    index = canonical_event_index(events, event_canon, story_of)
    links = claim_event_links(claims, claim_canon, event_canon, index, story_of)
    event_members = _event_cluster_rows(claims, events, event_canon, docs, doc_scope)
    claim_members = _claim_cluster_rows(claims, claim_canon, links, docs, doc_scope)
    return {
        "event_clusters": event_members,
        "claim_clusters": claim_members,
        "canonical_claims": canonical_claim_rows(claims, claim_members, docs, story_of),
        "canonical_events": canonical_event_rows(
            events, event_members, claims, claim_members, docs, story_of
        ),
    }


def _event_cluster_rows(
    claims: list[dict], events: list[dict], canon: dict, docs: dict, doc_scope: dict
) -> list[dict]:
    stating: dict[str, list[dict]] = defaultdict(list)
    for c in claims:
        if c.get("event_id"):
            stating[c["event_id"]].append(c)
    return [
        {
            "event_id": e["event_id"],
            "canonical_event_id": canon[e["event_id"]][0],
            "doc_id": e["doc_id"],
            "match": canon[e["event_id"]][1],
            "scope": sentence_scope(e["sentence"], doc_scope.get(e["doc_id"])),
            "company_ids": event_companies(e, stating[e["event_id"]]),
            "seen_date": docs[e["doc_id"]]["published"],
        }
        for e in events
    ]


def _claim_cluster_rows(
    claims: list[dict], canon: dict, links: dict, docs: dict, doc_scope: dict
) -> list[dict]:
    rows = []
    for c in claims:
        cid, match = canon[c["claim_id"]]
        event, how = links.get(cid, (None, None))
        rows.append(
            {
                "claim_id": c["claim_id"],
                "canonical_claim_id": cid,
                "doc_id": c["doc_id"],
                "match": match,
                "speaker_key": speaker_key(c),
                "canonical_event_id": event,
                "event_link": how,
                "scope": sentence_scope(c["sentence"], doc_scope.get(c["doc_id"])),
                "company_ids": claim_companies(c),
                "seen_date": seen_date(c.get("claim_date"), docs[c["doc_id"]]["published"]),
            }
        )
    return rows


# ----------------------------------------------------------------------------------------------
# One row per canonical claim and event
# ----------------------------------------------------------------------------------------------


def report_counts(
    doc_ids: Iterable[str], docs: dict[str, dict], seen: Iterable[date | None]
) -> dict:
    """first_seen, last_seen, n_documents, n_publishers and doc_ids of a set of reports."""
    ids = sorted(set(doc_ids))
    dates = [d for d in seen if d]
    return {
        "first_seen": min(dates, default=None),
        "last_seen": max(dates, default=None),
        "n_documents": len(ids),
        "n_publishers": n_publishers([docs[i] for i in ids]),
        "doc_ids": ids,
    }


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def canonical_claim_rows(
    claims: list[dict], members: list[dict], docs: dict, story_of: dict
) -> list[dict]:
    """One row per canonical claim: the anchor's words and stance, every report's counts."""
    by_id = {c["claim_id"]: c for c in claims}
    rows = []
    for cid, group in sorted(_group(members, "canonical_claim_id").items()):
        anchor_row = next(m for m in group if m["match"] == "anchor")
        anchor = by_id[anchor_row["claim_id"]]
        rows.append(
            {
                "canonical_claim_id": cid,
                "anchor_claim_id": anchor["claim_id"],
                "speaker": anchor.get("speaker_name") or anchor["speaker"],
                "speaker_key": anchor_row["speaker_key"],
                "stance": anchor["stance"],
                "stances": sorted({by_id[m["claim_id"]]["stance"] for m in group}),
                "content": anchor["content"],
                "canonical_event_id": anchor_row["canonical_event_id"],
                "event_link": anchor_row["event_link"],
                "scope": anchor_row["scope"],
                "company_ids": sorted({c for m in group for c in m["company_ids"]}),
                "speaker_company_id": speaker_company(anchor),
                **report_counts(
                    [m["doc_id"] for m in group], docs, [m["seen_date"] for m in group]
                ),
                "n_reports": len(group),
                "story_id": story_of.get(anchor["doc_id"]),
                "evidence": anchor["sentence"],
            }
        )
    return rows


def canonical_event_rows(
    events: list[dict],
    members: list[dict],
    claims: list[dict],
    claim_members: list[dict],
    docs: dict,
    story_of: dict,
) -> list[dict]:
    """One row per canonical event: the anchor's type, place and sentence, every report's counts.

    A document reports the event through an event of its own or through a statement of it.
    """
    by_id = {e["event_id"]: e for e in events}
    claim_by_id = {c["claim_id"]: c for c in claims}
    stating = _group([m for m in claim_members if m["canonical_event_id"]], "canonical_event_id")
    rows = []
    for cid, group in sorted(_group(members, "canonical_event_id").items()):
        reports = [by_id[m["event_id"]] for m in group]
        anchor = by_id[next(m["event_id"] for m in group if m["match"] == "anchor")]
        statements = stating.get(cid, [])
        dated = [r for r in reports if r.get("date_start")]
        speakers = {
            claim_by_id[m["claim_id"]].get("speaker_name") or claim_by_id[m["claim_id"]]["speaker"]
            for m in statements
        }
        rows.append(
            {
                "canonical_event_id": cid,
                "anchor_event_id": anchor["event_id"],
                "event_type": anchor["event_type"],
                # planned and speculated reports of one plan: planned as soon as one report says so
                "status": "planned"
                if any(r["status"] == "planned" for r in reports)
                else anchor["status"],
                "statuses": sorted({r["status"] for r in reports}),
                "company_id": anchor["company_id"],
                "company_ids": sorted({c for m in group for c in m["company_ids"]}),
                "counterparty_ids": sorted(
                    {c for r in reports for c in r.get("counterparties") or ()}
                ),
                "location": anchor.get("location")
                or _most_common(r.get("location") for r in reports),
                "date_value": min(dated, key=lambda r: r["date_start"])["date_value"]
                if dated
                else None,
                "date_start": min((r["date_start"] for r in dated), default=None),
                "date_end": max((r["date_end"] or r["date_start"] for r in dated), default=None),
                "scope": next(m["scope"] for m in group if m["match"] == "anchor"),
                **report_counts(
                    [m["doc_id"] for m in group + statements],
                    docs,
                    [docs[m["doc_id"]]["published"] for m in group + statements],
                ),
                "n_reports": len(group),
                "n_claims": len({m["canonical_claim_id"] for m in statements}),
                "speakers": sorted(speakers),
                "story_id": story_of.get(anchor["doc_id"]),
                "evidence": anchor["sentence"],
            }
        )
    return rows


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


# ----------------------------------------------------------------------------------------------
# Warehouse IO
# ----------------------------------------------------------------------------------------------

# Canonical documents in ingest order, numbered from 0: the rows of StoryInputs. A date given on
# the command line (published_date_source 'cli') is no evidence of when a document appeared, so
# stories read it as unknown, and the years of expressions resolved against it are not read.
_CANONICAL = (
    "WITH canonical AS (SELECT d.doc_id, r.ingest_order, d.published_date_source = 'cli' AS cli, "
    "CASE WHEN d.published_date_source = 'cli' THEN NULL ELSE d.published_date END AS published_date, "
    "row_number() OVER (ORDER BY r.ingest_order, d.doc_id) - 1 AS i "
    "FROM documents d JOIN raw_documents r USING (raw_id) WHERE d.duplicate_of IS NULL) "
)
_BATCH_BODIES = (
    "WITH batch AS (SELECT DISTINCT unnest(?) AS doc_id), "
    "d AS (SELECT doc_id, body FROM documents SEMI JOIN batch USING (doc_id))"
)
_READ = {
    "canonical": f"{_CANONICAL} SELECT doc_id, ingest_order, published_date FROM canonical ORDER BY i",
    # Organisations' mentions, media outlets left out (they relay every kind of story); the
    # company code numbers company ids in their sort order.
    "companies": (
        f"{_CANONICAL} SELECT c.i, dense_rank() OVER (ORDER BY m.company_id) - 1 AS code, "
        "count(*) AS mentions FROM company_mentions m "
        "JOIN document_companies k USING (doc_id, company_id) JOIN canonical c USING (doc_id) "
        "WHERE k.kind <> 'media' GROUP BY c.i, m.company_id ORDER BY c.i, code"
    ),
    "years": (
        f"{_CANONICAL} SELECT DISTINCT c.i, CAST(substr(t.value, 1, 4) AS INTEGER) AS year "
        "FROM timexes t JOIN canonical c USING (doc_id) "
        "WHERE t.type = 'DATE' AND regexp_matches(t.value, '^[0-9]{4}') "
        "AND NOT (c.cli AND t.anchored) ORDER BY c.i, year"
    ),
    # What the rows of one batch of documents (the list parameter) need of their documents.
    "documents": (
        "SELECT d.doc_id, d.title, d.publisher, d.published_date AS published, "
        'r.ingest_order AS "order" FROM documents d JOIN raw_documents r USING (raw_id) '
        "SEMI JOIN (SELECT unnest(?) AS doc_id) b ON b.doc_id = d.doc_id "
        "ORDER BY r.ingest_order, d.doc_id"
    ),
    # Claims and events of one batch of documents. The batch's bodies, people and participants
    # are selected by SEMI JOINs on the batch before the joins, so DuckDB's memory and time follow
    # the batch, not the warehouse (`doc_id IN (SELECT ...)` scanned every body: 4.7 s against
    # 0.4 s per batch of 1,000 at 20,000 documents).
    "claims": (
        f"{_BATCH_BODIES}, "
        "p AS (SELECT * FROM document_people SEMI JOIN batch USING (doc_id)) "
        "SELECT c.claim_id, c.doc_id, c.speaker, c.speaker_person_id, "
        "c.speaker_company_id, c.content, c.stance, c.subject_company_id, c.event_id, c.claim_date, "
        "c.start_char, substr(d.body, c.start_char + 1, c.end_char - c.start_char) AS sentence, "
        "p.company_id AS speaker_affiliation, p.name AS speaker_name "
        "FROM claims c JOIN d USING (doc_id) "
        "LEFT JOIN p ON p.doc_id = c.doc_id AND p.person_id = c.speaker_person_id "
        "SEMI JOIN batch b ON b.doc_id = c.doc_id ORDER BY c.claim_id"
    ),
    # others: the event's other participants; counterparties: those of them acted on or
    # partnered with (targets, partners); lists, NULL when there are none.
    "events": (
        f"{_BATCH_BODIES}, e AS (SELECT * FROM events SEMI JOIN batch USING (doc_id)), "
        "o AS (SELECT p.event_id, list(DISTINCT p.company_id ORDER BY p.company_id) AS others, "
        " list(DISTINCT p.company_id ORDER BY p.company_id) "
        "  FILTER (WHERE p.role IN ('target', 'partner')) AS counterparties "
        " FROM event_participants p JOIN e USING (event_id) "
        " WHERE p.company_id IS DISTINCT FROM e.company_id GROUP BY p.event_id) "
        "SELECT e.event_id, e.doc_id, e.event_type, e.status, e.company_id, "
        "e.location, e.date_value, e.date_start, e.date_end, e.date_granularity, "
        "e.amount, e.unit, e.currency, e.start_char, "
        "substr(d.body, e.start_char + 1, e.end_char - e.start_char) AS sentence, o.others, "
        "o.counterparties "
        "FROM e JOIN d USING (doc_id) LEFT JOIN o USING (event_id) ORDER BY e.event_id"
    ),
}
# Every document's story: its canonical document's (none when that one is not a story member).
_SET_DOCUMENT_STORIES = (
    "UPDATE documents d SET story_id = s.story_id FROM ("
    " SELECT x.doc_id, sd.story_id FROM documents x JOIN raw_documents r USING (raw_id)"
    " LEFT JOIN story_documents sd ON sd.doc_id = coalesce(x.duplicate_of, x.doc_id)) s "
    "WHERE d.doc_id = s.doc_id AND d.story_id IS DISTINCT FROM s.story_id"
)
OUTPUT_TABLES = (
    "stories",
    "story_documents",
    "claim_clusters",
    "event_clusters",
    "canonical_claims",
    "canonical_events",
)


def _rows(con: object, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [c[0] for c in cur.description]
    out: list[dict] = []
    while chunk := cur.fetchmany(10_000):  # never the whole result twice (tuples and dicts)
        out += [dict(zip(names, r, strict=True)) for r in chunk]
    return out


# Canonical documents whose stories, claims and events are consolidated at once (whole stories,
# so a batch can be larger): bounds memory by the batch, not by the warehouse.
CONSOLIDATE_BATCH_DOCS = 1_000
# Bodies read at once while streaming them into the story word counts.
BODY_BATCH_DOCS = 500
# DuckDB's memory limit while consolidating: its cache of table blocks counts in the process's
# memory, and consolidation reads each body and fact once, so a small cache costs little time.
CONSOLIDATE_DUCKDB_MEMORY = "128MB"


def read_story_inputs(con: object) -> StoryInputs:
    """StoryInputs of the warehouse's canonical documents, in ingest order."""

    docs = con.execute(_READ["canonical"]).fetchall()
    years: dict[int, set[int]] = defaultdict(set)
    for i, year in con.execute(_READ["years"]).fetchall():
        years[i].add(year)
    periods = shared_periods(
        document_period(published, frozenset(years.pop(i, ())))
        for i, (_, _, published) in enumerate(docs)
    )
    companies = con.execute(_READ["companies"]).fetchnumpy()
    n_codes = int(companies["code"].max()) + 1 if len(companies["code"]) else 0
    return StoryInputs(
        [doc_id for doc_id, _, _ in docs],
        [order for _, order, _ in docs],
        periods,
        company_matrix(
            companies["i"], companies["code"], companies["mentions"], (len(docs), n_codes)
        ),
    )


def consolidate_warehouse(con: object, map_batches: BatchMap = map) -> dict[str, int]:
    """Stories, claim and event clusters and canonical claims and events of the warehouse, written
    to OUTPUT_TABLES (and documents.story_id); returns the rows written per table.

    Nothing is held per document beyond compact arrays: bodies stream once, BODY_BATCH_DOCS at a
    time, into the story word counts (keeping each document's scope, and the first line of an
    untitled one); then the stories, claims and events of whole stories are read, clustered and
    written CONSOLIDATE_BATCH_DOCS documents at a time (see fact_tables). The clustering of each
    batch is a pure function (`story_batch_tables`), so `map_batches` may run it elsewhere.
    """
    previous = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{CONSOLIDATE_DUCKDB_MEMORY}'")
    try:
        return _consolidate(con, map_batches)
    finally:
        con.execute(f"SET memory_limit = '{previous}'")


@dataclass
class StoryBatch:
    """What the rows of a batch of whole stories are made from (read from the warehouse)."""

    doc_ids: list[str]
    docs: dict[str, dict]  # doc_id -> doc_id, title, publisher, published, order (and body)
    claims: list[dict]
    events: list[dict]
    scope: dict[str, str | None]  # doc_id -> the document's product scope
    story_of: dict[str, str]  # doc_id -> story_id


def story_batch_tables(batch: StoryBatch) -> dict[str, list[dict]]:
    """Rows of every OUTPUT_TABLES table for one batch of whole stories; pure."""
    return {
        "stories": story_rows(list(batch.docs.values()), batch.story_of),
        "story_documents": [{"story_id": batch.story_of[i], "doc_id": i} for i in batch.doc_ids],
        **fact_tables(batch.claims, batch.events, batch.docs, batch.scope, batch.story_of),
    }


def _consolidate(con: object, map_batches: BatchMap = map) -> dict[str, int]:
    """consolidate_warehouse under whatever DuckDB memory limit is set."""
    from newsfacts import load

    inputs = read_story_inputs(con)
    scopes: list[str | None] = []
    first_lines: dict[str, str] = {}  # untitled documents: all story_title needs of the body

    def token_lists() -> Iterator[list[str]]:
        ids = inputs.doc_ids
        for k in range(0, len(ids), BODY_BATCH_DOCS):
            for doc_id, title, body in load.documents_in_order(
                con, ids[k : k + BODY_BATCH_DOCS], "d.doc_id, d.title, d.body"
            ):
                scopes.append(document_scope(body))
                if not title:
                    first_lines[doc_id] = body.strip().split("\n", 1)[0]
                yield words(f"{title or ''}\n{body}")

    story_of = story_ids(inputs, token_lists())
    for table in OUTPUT_TABLES:
        con.execute(f'DELETE FROM "{table}"')
    counts = dict.fromkeys(OUTPUT_TABLES, 0)
    batches = list(_story_batches(story_of))
    if len(batches) <= 1:
        map_batches = map  # a single batch: nothing to overlap

    def story_batches() -> Iterator[StoryBatch]:
        for batch in batches:
            ids = [inputs.doc_ids[i] for i in batch]
            docs = {d["doc_id"]: d for d in _rows(con, _READ["documents"], [ids])}
            for doc_id in docs.keys() & first_lines.keys():
                docs[doc_id]["body"] = first_lines.pop(doc_id)
            claims, events = (_rows(con, _READ[name], [ids]) for name in ("claims", "events"))
            yield StoryBatch(
                ids,
                docs,
                claims,
                events,
                {inputs.doc_ids[i]: scopes[i] for i in batch},
                {inputs.doc_ids[i]: story_of[i] for i in batch},
            )

    for tables in map_batches(story_batch_tables, story_batches()):
        for table, rows in tables.items():
            counts[table] += load.insert_rows(con, table, rows)
    con.execute(_SET_DOCUMENT_STORIES)
    return counts


def _story_batches(story_of: list[str]) -> Iterator[list[int]]:
    """Document indices in batches of whole stories (in story id order), about
    CONSOLIDATE_BATCH_DOCS each."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, story_id in enumerate(story_of):
        members[story_id].append(i)
    batch: list[int] = []
    for story_id in sorted(members):
        batch += members[story_id]
        if len(batch) >= CONSOLIDATE_BATCH_DOCS:
            yield batch
            batch = []
    if batch:
        yield batch
