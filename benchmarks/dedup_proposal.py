"""A proposed faster near_duplicate_pairs for newsfacts/dedup.py (measured by compare_dedup.py).

Not used by the pipeline: the integrator owns newsfacts/dedup.py. Same shingles (lower-cased
`\\w+` word 5-grams), same MinHash permutations, same bands and the same exact-Jaccard check;
two changes, both where compare_dedup's profile shows the time goes:
1. Tokenize and hash every body in one polars pass (Rust, multi-threaded) instead of a Python
   regex + crc32 per word; 5-gram hashes are rolled over the concatenated word hashes and the
   ones crossing a document boundary are dropped. (polars' hash is stable for one polars
   version; duplicates are recomputed over all documents each run, so that is enough.)
2. LSH buckets keyed by one uint64 per band instead of sorting numpy void (bytes) keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from newsfacts import dedup, settings

_KEY_MULT = np.uint64(0x9E3779B97F4A7C15)
# Seed for polars' word hash; any fixed value works, it only has to be the same for every body.
_WORD_HASH_SEED = 20180704


def shingle_sets(bodies: Sequence[str], size: int = settings.SHINGLE_SIZE) -> list[np.ndarray]:
    """Sorted unique 64-bit word `size`-gram hashes of each body, computed for all at once."""
    words = (
        pl.DataFrame({"body": list(bodies)})
        .with_row_index("doc")
        .select("doc", pl.col("body").str.to_lowercase().str.extract_all(r"\w+").alias("w"))
        .explode("w")
        .drop_nulls()
    )
    doc = words["doc"].to_numpy()
    codes = words["w"].hash(seed=_WORD_HASH_SEED).to_numpy()
    sets = _rolled(doc, codes, size, len(bodies))
    for i in range(len(bodies)):  # bodies shorter than `size` words: one shorter shingle
        if sets[i].size == 0 and (short := codes[doc == i]).size:
            sets[i] = _rolled(np.zeros(short.size, np.uint32), short, short.size, 1)[0]
    return sets


def _rolled(doc: np.ndarray, codes: np.ndarray, size: int, n_docs: int) -> list[np.ndarray]:
    n = len(codes) - size + 1
    if n <= 0:
        return [np.zeros(0, np.uint64) for _ in range(n_docs)]
    hashed = np.zeros(n, np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            hashed = hashed * dedup._SHINGLE_MULT + codes[offset : offset + n]
    inside = doc[:n] == doc[size - 1 :]
    d, h = doc[:n][inside], hashed[inside]
    order = np.lexsort((h, d))
    d, h = d[order], h[order]
    first = np.ones(len(h), bool)
    first[1:] = (h[1:] != h[:-1]) | (d[1:] != d[:-1])
    d, h = d[first], h[first]
    bounds = np.searchsorted(d, np.arange(n_docs + 1))
    return [h[bounds[i] : bounds[i + 1]] for i in range(n_docs)]


def candidate_pairs(signatures: np.ndarray, rows: int = settings.BAND_ROWS) -> np.ndarray:
    """As dedup.candidate_pairs, with one uint64 key per band (collisions only add candidates)."""
    n, perms = signatures.shape
    found: list[np.ndarray] = []
    for start in range(0, perms - rows + 1, rows):
        keys = np.zeros(n, np.uint64)
        with np.errstate(over="ignore"):
            for r in range(start, start + rows):
                keys = keys * _KEY_MULT + signatures[:, r].astype(np.uint64)
        order = np.argsort(keys, kind="stable")
        same = keys[order][1:] == keys[order][:-1]
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        sizes = np.diff(np.append(starts, n))
        for at, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            if size <= 200:  # as dedup: a bucket of hundreds is boilerplate text, not news
                idx = np.sort(order[at : at + size])
                ii, jj = np.triu_indices(size, k=1)
                found.append(np.stack([idx[ii], idx[jj]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found), axis=0)


def near_duplicate_pairs(
    bodies: Sequence[str], threshold: float = settings.NEAR_DUP_THRESHOLD
) -> list[tuple[int, int, float]]:
    """All pairs of bodies with shingle Jaccard >= threshold, as (i, j, similarity)."""
    sets = shingle_sets(bodies)
    if len(sets) < 2:
        return []
    signatures = np.vstack([dedup.minhash(s) for s in sets])
    pairs = []
    for i, j in candidate_pairs(signatures):
        sim = dedup.jaccard(sets[i], sets[j])
        if sim >= threshold:
            pairs.append((int(i), int(j), sim))
    return pairs
