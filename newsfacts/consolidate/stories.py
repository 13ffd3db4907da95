"""Stories: documents reporting the same happening (shared companies, similar words, close in
time), grouped; each story's id derives from its earliest document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from newsfacts.consolidate.records import ReportDoc, StoryRow
from newsfacts.consolidate.shared import UnionFind, group_by, words
from newsfacts.consolidate.thresholds import (
    STORY_BLOCK_TERMS,
    STORY_ENTITY_WEIGHT,
    STORY_LEXICAL_WEIGHT,
    STORY_MAX_BLOCK,
    STORY_MAX_CANDIDATES,
    STORY_MIN_LEXICAL,
    STORY_MIN_SCORE,
    STORY_WINDOW_DAYS,
    STORY_YEAR_GAP,
)
from newsfacts.facts import stable_id
from newsfacts.publishers import publisher_key

# Rows (documents) and pairs handled per sparse-matrix step: bounds memory, not results.
STORY_CHUNK_ROWS = 500
STORY_CHUNK_PAIRS = 2_000


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


def story_rows(docs: list[ReportDoc], story_of: dict[str, str]) -> list[StoryRow]:
    """One stories row per story from its documents."""
    by_story = group_by(docs, lambda d: story_of[d.doc_id])
    rows = []
    for story_id, members in sorted(by_story.items()):
        members.sort(key=lambda d: (d.order, d.doc_id))
        dates = [d.published for d in members if d.published]
        rows.append(
            StoryRow(
                story_id=story_id,
                title=story_title(members),
                first_seen=min(dates, default=None),
                last_seen=max(dates, default=None),
                n_documents=len(members),
                n_publishers=n_publishers(members),
                anchor_doc_id=members[0].doc_id,
            )
        )
    return rows


def n_publishers(members: list[ReportDoc]) -> int:
    """Distinct known publishers (case-insensitive); a document with no known publisher is not
    one more publisher (the corroboration views count those in n_unknown_publisher)."""
    return len({publisher_key(d.publisher) for d in members if d.publisher})


def story_title(members: list[ReportDoc]) -> str:
    """The earliest member's headline, else the start of its first line."""
    for d in members:
        if d.title:
            return d.title
    first = members[0].body.strip().split("\n", 1)[0]
    return first if len(first) <= 100 else first[:99].rsplit(" ", 1)[0] + "…"
