"""Deduplicate: documents in, (doc_id, duplicate_of, duplicate_kind, similarity) out.

Exact duplicates share the hash of their normalized text. Near duplicates are pairs whose word
shingle sets have a Jaccard similarity at or above the threshold: MinHash signatures and LSH
banding (vectorised with NumPy) propose candidate pairs, and every candidate is then checked
with the exact Jaccard similarity, so the result has no false positives. Edited versions are
candidates below the threshold that differ only in a passage or two (an edited, added or cut
sentence or paragraph): most of each one's words lie in shingles the other also has. Each group
of duplicates points at one canonical document: the earliest published, else the first ingested.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from newsfacts import settings
from newsfacts.consolidate.shared import UnionFind

# Fixed constants: signatures must be identical from run to run and machine to machine.
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX_MULT = np.uint64(0xBF58476D1CE4E5B9)  # splitmix64's multiplier: spreads shingle hashes
_BIN_BITS = int(settings.MINHASH_PERMUTATIONS).bit_length() - 1  # 128 bins: the top 7 bits
_BORROW_SHIFT = np.uint32(0x9E3779B9)  # added per hop to a value an empty bin borrows
_WORD_HASH_SEED = 20180704
# An LSH bucket holding more documents than this is shared boilerplate, not news: skipped.
_MAX_BUCKET = 200
# Bodies shingled at once: memory is bounded by this, not by the corpus (a signature is 512 bytes).
DEDUP_BATCH_SIZE = 2_000


def shingle_sets(bodies: Sequence[str], size: int = settings.SHINGLE_SIZE) -> list[np.ndarray]:
    """Sorted unique 64-bit hashes of each body's lower-cased word `size`-grams, all at once."""
    doc, hashed = shingle_hashes(bodies, size)
    order = np.lexsort((hashed, doc))
    doc, hashed = doc[order], hashed[order]
    first = np.ones(len(hashed), bool)
    first[1:] = (hashed[1:] != hashed[:-1]) | (doc[1:] != doc[:-1])
    doc, hashed = doc[first], hashed[first]
    bounds = np.searchsorted(doc, np.arange(len(bodies) + 1))
    return [hashed[bounds[i] : bounds[i + 1]] for i in range(len(bodies))]


def shingle_hashes(
    bodies: Sequence[str], size: int = settings.SHINGLE_SIZE
) -> tuple[np.ndarray, np.ndarray]:
    """(document index, shingle hash) of every word `size`-gram of the bodies, repeats included.

    Words are split and hashed in one polars pass (Rust) instead of a Python loop per word;
    polars' hash is stable for one polars version, which is enough because duplicates are
    recomputed over every document on each run, never compared with stored hashes. A body of
    fewer than `size` words is one shorter shingle.
    """
    if not bodies:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    words = (
        pl.DataFrame({"body": list(bodies)}, schema={"body": pl.Utf8})
        .with_row_index("doc")
        .select("doc", pl.col("body").str.to_lowercase().str.extract_all(r"\w+").alias("w"))
        .explode("w")
        .drop_nulls()
    )
    doc = words["doc"].to_numpy().astype(np.int64)
    codes = words["w"].hash(seed=_WORD_HASH_SEED).to_numpy()
    docs, hashes = [], []
    d, h = _rolled(doc, codes, size)
    docs.append(d)
    hashes.append(h)
    has_shingle = np.zeros(len(bodies), bool)
    has_shingle[d] = True
    for i in np.flatnonzero(~has_shingle):  # fewer than `size` words: one shorter shingle
        short = codes[doc == i]
        if short.size:
            _, h = _rolled(np.zeros(short.size, np.int64), short, short.size)
            docs.append(np.full(h.size, i, np.int64))
            hashes.append(h)
    return np.concatenate(docs), np.concatenate(hashes)


def _rolled(doc: np.ndarray, codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Polynomial rolling hash of every `size` consecutive codes that stay inside one document."""
    n = len(codes) - size + 1
    if n <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    hashed = np.zeros(n, np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            hashed = hashed * _SHINGLE_MULT + codes[offset : offset + n]
    inside = doc[:n] == doc[size - 1 :]
    return doc[:n][inside], hashed[inside]


def shingles(text: str, size: int = settings.SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique 64-bit hashes of one text's word `size`-grams."""
    return shingle_sets([text], size)[0]


def shingle_sequences(bodies: Sequence[str], size: int = settings.SHINGLE_SIZE) -> list[np.ndarray]:
    """Each body's word `size`-gram hashes in text order, repeats kept: hash k covers words
    k .. k+size-1, so a body of n >= size words has n - size + 1 of them."""
    doc, hashed = shingle_hashes(bodies, size)
    order = np.argsort(doc, kind="stable")  # shorter bodies' shingles come last; keep text order
    doc, hashed = doc[order], hashed[order]
    bounds = np.searchsorted(doc, np.arange(len(bodies) + 1))
    return [hashed[bounds[i] : bounds[i + 1]] for i in range(len(bodies))]


# --- edited versions ---------------------------------------------------------------------------


def shared_words(
    sequence: np.ndarray, other: np.ndarray, size: int = settings.SHINGLE_SIZE
) -> np.ndarray:
    """Per word of a document (given as its shingle sequence): True when the word lies in a
    shingle that the other document (its sorted unique shingles) also has.

    A replaced word uncovers only itself: the words before and after it still lie in shingles
    that do not reach it. A replaced sentence uncovers exactly its words.
    """
    hit = np.isin(sequence, other)
    covered = np.zeros(len(sequence) + size - 1, bool)
    for offset in range(size):
        covered[offset : offset + len(sequence)] |= hit
    return covered


def edited_passages(shared: np.ndarray) -> int:
    """Differing passages of a document, from its shared_words mask.

    Differing words with fewer than EDITED_GAP_WORDS shared words between them are one passage
    (a rewritten sentence keeps a phrase or two); a passage of at most WORD_EDIT_MAX_WORDS
    differing words is a word edit and not counted.
    """
    differing = np.flatnonzero(~shared)
    if differing.size == 0:
        return 0
    breaks = np.flatnonzero(np.diff(differing) > settings.EDITED_GAP_WORDS)
    sizes = np.diff(np.concatenate(([0], breaks + 1, [differing.size])))
    return int((sizes > settings.WORD_EDIT_MAX_WORDS).sum())


@dataclass(frozen=True)
class VersionMeasures:
    """How two documents compare as versions of one article."""

    shared_a: float  # share of a's words in shingles b also has
    shared_b: float
    passages_a: int  # passages of a that b does not have (edited_passages)
    passages_b: int

    @property
    def edited_version(self) -> bool:
        """One article in two versions: mostly shared, differing in a passage or two."""
        return (
            min(self.shared_a, self.shared_b) >= settings.EDITED_MIN_SHARED
            and max(self.passages_a, self.passages_b) <= settings.EDITED_MAX_PASSAGES
        )


def version_measures(seq_a: np.ndarray, seq_b: np.ndarray) -> VersionMeasures | None:
    """VersionMeasures of two shingle sequences; None when either document is shorter than
    EDITED_MIN_WORDS (too little text to tell an edit from another article)."""
    size = settings.SHINGLE_SIZE
    if min(len(seq_a), len(seq_b)) + size - 1 < settings.EDITED_MIN_WORDS:
        return None
    shared_a = shared_words(seq_a, np.unique(seq_b), size)
    shared_b = shared_words(seq_b, np.unique(seq_a), size)
    return VersionMeasures(
        float(shared_a.mean()),
        float(shared_b.mean()),
        edited_passages(shared_a),
        edited_passages(shared_b),
    )


def edited_version(a: str, b: str) -> bool:
    """Whether two texts are versions of one article with a passage or two edited."""
    measures = version_measures(*shingle_sequences([a, b]))
    return measures is not None and measures.edited_version


def minhash_signatures(doc: np.ndarray, hashed: np.ndarray, n: int) -> np.ndarray:
    """MinHash signatures (one row each) of n documents given as (document index, shingle hash)
    arrays, by one-permutation hashing with densification.

    Each shingle hash is mixed once; its top bits pick one of MINHASH_PERMUTATIONS bins and its
    low 32 bits compete for that bin's minimum (Li, Owen and Zhang 2012): one hash per shingle
    instead of one per shingle and permutation. A bin no shingle fell into borrows the value of
    the next non-empty bin to its right, shifted once per hop (Shrivastava 2017's rotation), so
    two documents still agree on a bin with probability close to their Jaccard similarity.
    Repeated shingles change nothing, so the hashes need no sorting. Candidates are checked
    with the exact similarity afterwards, so this only affects recall.
    """
    bins = settings.MINHASH_PERMUTATIONS
    empty_value = np.iinfo(np.uint32).max
    signatures = np.full((n, bins), empty_value, dtype=np.uint32)
    hashed = hashed.astype(np.uint64, copy=False)
    with np.errstate(over="ignore"):
        hashed = hashed * _MIX_MULT
        hashed ^= hashed >> np.uint64(31)
        hashed = hashed * _SHINGLE_MULT
    shift = np.uint64(64 - _BIN_BITS)
    np.minimum.at(
        signatures,
        (doc, (hashed >> shift).astype(np.int64)),
        (hashed & np.uint64(0xFFFFFFFF)).astype(np.uint32),
    )
    empty = signatures == empty_value
    has_shingle = np.zeros(n, bool)
    has_shingle[doc] = True
    empty[~has_shingle] = False  # an empty document keeps an all-empty signature
    for _ in range(bins):
        if not empty.any():
            break
        right = np.roll(signatures, -1, axis=1)
        fill = empty & (right != empty_value)
        with np.errstate(over="ignore"):
            signatures[fill] = right[fill] + _BORROW_SHIFT
        empty &= ~fill
    return signatures


def candidate_pairs(signatures: np.ndarray, rows: int = settings.BAND_ROWS) -> np.ndarray:
    """Pairs (i, j), i < j, whose signatures agree on all rows of at least one LSH band."""
    n, perms = signatures.shape
    found: list[np.ndarray] = []
    for start in range(0, perms - rows + 1, rows):
        keys = np.zeros(n, np.uint64)  # one 64-bit key per band; a collision only adds candidates
        with np.errstate(over="ignore"):
            for r in range(start, start + rows):
                keys = keys * _SHINGLE_MULT + signatures[:, r].astype(np.uint64)
        order = np.argsort(keys, kind="stable")
        same = keys[order][1:] == keys[order][:-1]
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        sizes = np.diff(np.append(starts, n))
        for at, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            if size <= _MAX_BUCKET:
                idx = np.sort(order[at : at + size])
                ii, jj = np.triu_indices(size, k=1)
                found.append(np.stack([idx[ii], idx[jj]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found), axis=0)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def near_duplicate_pairs(
    bodies: Sequence[str], threshold: float = settings.NEAR_DUP_THRESHOLD
) -> list[tuple[int, int, float]]:
    """All pairs of bodies with shingle Jaccard >= threshold, as (i, j, similarity)."""
    sets = _candidate_sets(list(range(len(bodies))), lambda idx: [bodies[i] for i in idx])
    similar = ((i, j, jaccard(sets.shingles[i], sets.shingles[j])) for i, j in sets.pairs.tolist())
    return [(i, j, sim) for i, j, sim in similar if sim >= threshold]


def duplicate_pairs(
    bodies: Sequence[str], threshold: float = settings.NEAR_DUP_THRESHOLD
) -> list[tuple[int, int, str, float]]:
    """Every pair of bodies find_duplicates joins, as (i, j, kind, Jaccard similarity), kind
    "near" (Jaccard >= threshold) or "edited" (an edited version)."""
    sets = _candidate_sets(list(range(len(bodies))), lambda idx: [bodies[i] for i in idx])
    return _verified_pairs(sets, threshold)


def find_duplicates(
    docs: pl.DataFrame,
    threshold: float = settings.NEAR_DUP_THRESHOLD,
    read_bodies: Callable[[list[str]], list[str]] | None = None,
) -> pl.DataFrame:
    """Flag duplicates among documents.

    `docs` needs doc_id, content_hash, published_date and ingest_order (smaller = ingested
    earlier), and either a body column or `read_bodies`, which returns the bodies of a list of
    doc_ids in that order. Bodies are read DEDUP_BATCH_SIZE at a time: only MinHash signatures are
    kept for every document, and shingle sets only for the documents LSH proposes as candidates.
    Returns one row per document: doc_id, duplicate_of (null for canonical documents),
    duplicate_kind ("exact", "near", "edited" or null) and shingle Jaccard similarity to the
    canonical document.
    """
    # Canonical order: earliest published first (unknown dates last), then first ingested.
    docs = docs.sort(["published_date", "ingest_order", "doc_id"], nulls_last=True)
    firsts = docs.unique("content_hash", keep="first", maintain_order=True)
    first_ids = firsts["doc_id"].to_list()
    first_hashes = firsts["content_hash"].to_list()
    if read_bodies is None:
        body_of = dict(zip(first_ids, firsts["body"].to_list(), strict=True))
        read_bodies = lambda ids: [body_of[i] for i in ids]  # noqa: E731
    sets = _candidate_sets(first_ids, read_bodies)
    uf, by_jaccard = UnionFind(range(len(first_ids))), UnionFind(range(len(first_ids)))
    for i, j, kind, _ in _verified_pairs(sets, threshold):
        uf.union_min(i, j)  # the smaller index, i.e. the earlier document, becomes the root
        if kind == "near":
            by_jaccard.union_min(i, j)
    index_of_hash = {h: i for i, h in enumerate(first_hashes)}
    rows = []
    for doc_id, chash in docs.select("doc_id", "content_hash").iter_rows():
        own = index_of_hash[chash]
        root = uf.find(own)
        if first_ids[root] == doc_id:
            rows.append((doc_id, None, None, None))
        elif first_hashes[root] == chash:
            rows.append((doc_id, first_ids[root], "exact", 1.0))
        else:
            similarity = jaccard(sets.shingles[own], sets.shingles[root])
            # "near" when similar shingle sets alone lead to the canonical document.
            kind = "near" if by_jaccard.find(own) == root else "edited"
            rows.append((doc_id, first_ids[root], kind, similarity))
    return pl.DataFrame(rows, schema=DUPLICATES_SCHEMA, orient="row")


class _CandidateSets:
    """LSH candidate pairs (index, index) and the shingle sequences and sets of the documents
    in them."""

    def __init__(self, pairs: np.ndarray, sequences: dict[int, np.ndarray]) -> None:
        self.pairs, self.sequences = pairs, sequences
        self.shingles = {i: np.unique(seq) for i, seq in sequences.items()}


def _candidate_sets(doc_ids: list, read_bodies: Callable[[list], list[str]]) -> _CandidateSets:
    """Signatures batch by batch, LSH candidates, then the shingles of candidate documents only."""
    batches = [doc_ids[k : k + DEDUP_BATCH_SIZE] for k in range(0, len(doc_ids), DEDUP_BATCH_SIZE)]
    if len(doc_ids) < 2:
        return _CandidateSets(np.zeros((0, 2), np.int64), {})
    signatures = np.vstack(
        [minhash_signatures(*shingle_hashes(read_bodies(batch)), len(batch)) for batch in batches]
    )
    pairs = candidate_pairs(signatures)
    involved = np.unique(pairs).tolist()
    sequences: dict[int, np.ndarray] = {}
    for k in range(0, len(involved), DEDUP_BATCH_SIZE):
        chunk = involved[k : k + DEDUP_BATCH_SIZE]
        bodies = read_bodies([doc_ids[i] for i in chunk])
        sequences.update(zip(chunk, shingle_sequences(bodies), strict=True))
    return _CandidateSets(pairs, sequences)


def _verified_pairs(sets: _CandidateSets, threshold: float) -> list[tuple[int, int, str, float]]:
    """Candidate pairs that are duplicates: (i, j, "near" or "edited", Jaccard similarity)."""
    out = []
    for i, j in sets.pairs.tolist():
        similarity = jaccard(sets.shingles[i], sets.shingles[j])
        if similarity >= threshold:
            out.append((i, j, "near", similarity))
            continue
        measures = version_measures(sets.sequences[i], sets.sequences[j])
        if measures is not None and measures.edited_version:
            out.append((i, j, "edited", similarity))
    return out


DUPLICATES_SCHEMA = {
    "doc_id": pl.Utf8,
    "duplicate_of": pl.Utf8,
    "duplicate_kind": pl.Utf8,
    "similarity": pl.Float64,
}
