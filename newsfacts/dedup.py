"""Deduplicate: documents in, (doc_id, duplicate_of, duplicate_kind, similarity) out.

Exact duplicates share the hash of their normalized text. Near duplicates are pairs whose word
shingle sets have a Jaccard similarity at or above the threshold: MinHash signatures and LSH
banding (vectorised with NumPy) propose candidate pairs, and every candidate is then checked
with the exact Jaccard similarity, so the result has no false positives. Each group of
duplicates points at one canonical document: the earliest published, else the first ingested.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import polars as pl

from newsfacts import settings

_WORD = re.compile(r"\w+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
# Fixed seeds: signatures must be identical from run to run and machine to machine.
_RNG = np.random.default_rng(20180704)
_PERM_A = _RNG.integers(1, 2**63, settings.MINHASH_PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_PERM_B = _RNG.integers(0, 2**63, settings.MINHASH_PERMUTATIONS, dtype=np.uint64)
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)


def shingles(text: str, size: int = settings.SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's word `size`-grams (lower-cased words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    codes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(codes) < size:
        size = len(codes)
    n = len(codes) - size + 1
    hashed = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):  # polynomial rolling hash, wrapping at 2**64
            hashed = hashed * _SHINGLE_MULT + codes[offset : offset + n]
    return np.unique(hashed)


def minhash(shingle_set: np.ndarray) -> np.ndarray:
    """MinHash signature (uint32 per permutation) of one shingle set."""
    if shingle_set.size == 0:
        return np.full(settings.MINHASH_PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        # Multiply-shift hashing: the high 32 bits of a*x+b (mod 2**64) are a universal hash of x.
        mixed = shingle_set[:, None] * _PERM_A[None, :] + _PERM_B[None, :]
    return (mixed >> np.uint64(32)).min(axis=0).astype(np.uint32)


def candidate_pairs(signatures: np.ndarray, rows: int = settings.BAND_ROWS) -> np.ndarray:
    """Pairs (i, j), i < j, whose signatures agree on all rows of at least one LSH band."""
    n, perms = signatures.shape
    found: list[np.ndarray] = []
    for start in range(0, perms - rows + 1, rows):
        band = np.ascontiguousarray(signatures[:, start : start + rows])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        boundaries = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        for group in np.split(order, boundaries):
            if 1 < len(group) <= 200:  # a bucket of hundreds is boilerplate text, not news
                idx = np.sort(group)
                ii, jj = np.triu_indices(len(idx), k=1)
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
    return _similar_pairs([shingles(b) for b in bodies], threshold)


def _similar_pairs(sets: list[np.ndarray], threshold: float) -> list[tuple[int, int, float]]:
    if len(sets) < 2:
        return []
    signatures = np.vstack([minhash(s) for s in sets])
    pairs = []
    for i, j in candidate_pairs(signatures):
        sim = jaccard(sets[i], sets[j])
        if sim >= threshold:
            pairs.append((int(i), int(j), sim))
    return pairs


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def find_duplicates(
    docs: pl.DataFrame, threshold: float = settings.NEAR_DUP_THRESHOLD
) -> pl.DataFrame:
    """Flag duplicates among documents.

    `docs` needs doc_id, content_hash, body, published_date and ingest_order (smaller = ingested
    earlier). Returns one row per document: doc_id, duplicate_of (null for canonical documents),
    duplicate_kind ("exact", "near" or null) and similarity to the canonical document.
    """
    # Canonical order: earliest published first (unknown dates last), then first ingested.
    docs = docs.sort(["published_date", "ingest_order", "doc_id"], nulls_last=True)
    firsts = docs.unique("content_hash", keep="first", maintain_order=True)
    first_ids = firsts["doc_id"].to_list()
    first_hashes = firsts["content_hash"].to_list()
    sets = [shingles(b) for b in firsts["body"].to_list()]
    uf = _UnionFind(len(first_ids))
    for i, j, _ in _similar_pairs(sets, threshold):
        uf.union(i, j)  # the smaller index, i.e. the earlier document, becomes the root
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
            similarity = jaccard(sets[own], sets[root])
            rows.append((doc_id, first_ids[root], "near", similarity))
    return pl.DataFrame(rows, schema=DUPLICATES_SCHEMA, orient="row")


DUPLICATES_SCHEMA = {
    "doc_id": pl.Utf8,
    "duplicate_of": pl.Utf8,
    "duplicate_kind": pl.Utf8,
    "similarity": pl.Float64,
}
