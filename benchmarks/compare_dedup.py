"""Near-duplicate detection side by side: newsfacts.dedup vs a straightforward datasketch MinHashLSH.

Times are the best of 3 runs each. Same run, same bodies, same shingles (lower-cased `\\w+` words, 5-grams), threshold 0.8, 128
permutations. datasketch's LSH answer is reported as is and after the same exact-Jaccard check
ours does; every pair is checked against the exact Jaccard of its shingle sets, and on bbc-news
against a brute-force all-pairs search (sparse matrix product), so recall is known.

Run: .venv/bin/python benchmarks/compare_dedup.py [--corpus benchmarks/corpora/<name>]
Writes benchmarks/results/compare_dedup.md; skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

import common
import numpy as np

from newsfacts import dedup, settings

THRESHOLD = settings.NEAR_DUP_THRESHOLD
PERMS = settings.MINHASH_PERMUTATIONS
SIZE = settings.SHINGLE_SIZE
_WORD = re.compile(r"\w+")
# Each detector runs this many times; the best time is reported (warm caches for all).
REPEAT = 3
# Brute force is only run on corpora up to this many documents (it is quadratic).
BRUTE_FORCE_MAX_DOCS = 10_000


def read_bodies(folder: Path) -> list[str]:
    """Bodies of the corpus text files (headline line dropped), decoded leniently."""
    bodies = []
    for path in sorted(folder.rglob("*.txt")):
        if path.name.lower() == "readme.txt":
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        bodies.append(text.split("\n", 1)[1] if "\n" in text else text)
    return bodies


def shingle_strings(text: str) -> set[bytes]:
    """The same shingles newsfacts hashes, as strings: lower-cased word 5-grams."""
    words = _WORD.findall(text.lower())
    size = min(SIZE, len(words))
    if size == 0:
        return set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def datasketch_pairs(bodies: list[str]) -> tuple[set[tuple[int, int]], dict[str, float]]:
    """Candidate pairs from datasketch MinHash + MinHashLSH, and seconds per step."""
    from datasketch import MinHash, MinHashLSH

    seconds: dict[str, float] = {}
    start = time.perf_counter()
    sets = [shingle_strings(b) for b in bodies]
    seconds["shingles"] = time.perf_counter() - start
    start = time.perf_counter()
    hashes = []
    for shingles in sets:
        m = MinHash(num_perm=PERMS, seed=1)
        m.update_batch(list(shingles))
        hashes.append(m)
    seconds["minhash"] = time.perf_counter() - start
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMS)
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    pairs = {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}
    seconds["lsh"] = time.perf_counter() - start
    return pairs, seconds


def verify(pairs: set[tuple[int, int]], sets: list[np.ndarray]) -> tuple[set, float]:
    """The pairs whose exact shingle Jaccard reaches the threshold, and the seconds it took."""
    start = time.perf_counter()
    kept = {p for p in pairs if dedup.jaccard(sets[p[0]], sets[p[1]]) >= THRESHOLD}
    return kept, time.perf_counter() - start


def brute_force_pairs(sets: list[np.ndarray]) -> set[tuple[int, int]]:
    """Every pair with Jaccard >= threshold, by a sparse doc x shingle matrix product."""
    from scipy import sparse

    vocab = np.unique(np.concatenate([s for s in sets if s.size]))
    rows = np.repeat(np.arange(len(sets)), [s.size for s in sets])
    cols = np.searchsorted(vocab, np.concatenate([s for s in sets if s.size]))
    matrix = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(len(sets), len(vocab))
    )
    inter = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.array([s.size for s in sets])
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    keep = jac >= THRESHOLD
    return {(int(i), int(j)) for i, j in zip(inter.row[keep], inter.col[keep], strict=True)}


def timed_call(call: Callable[[], object], repeat: int = 3) -> tuple[object, float]:
    """Result and the best wall-clock seconds of `repeat` calls (first-call warm-up excluded)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        out = call()
        best = min(best, time.perf_counter() - start)
    return out, best


def compare(name: str, bodies: list[str]) -> list[str]:
    """Markdown lines comparing both detectors on one corpus."""
    ours_list, ours_s = timed_call(lambda: dedup.near_duplicate_pairs(bodies, THRESHOLD))
    ours = {(i, j) for i, j, _ in ours_list}
    ds_steps: dict[str, float] = {}
    for _ in range(REPEAT):  # best of REPEAT per step, as for ours
        ds_raw, steps = datasketch_pairs(bodies)
        ds_steps = {k: min(v, ds_steps.get(k, v)) for k, v in steps.items()}
    sets = [dedup.shingles(b) for b in bodies]
    ds_verified, verify_s = verify(ds_raw, sets)
    ds_s = sum(ds_steps.values())
    truth = brute_force_pairs(sets) if len(bodies) <= BRUTE_FORCE_MAX_DOCS else None
    lines = [
        f"## {name}: {len(bodies):,} bodies",
        "",
        "| detector | seconds | docs/s | pairs | recall vs exact all-pairs |",
        "|---|---|---|---|---|",
        _row(
            "newsfacts near_duplicate_pairs (incl. exact check)", ours_s, len(bodies), ours, truth
        ),
        _row("datasketch MinHashLSH (raw LSH answer)", ds_s, len(bodies), ds_raw, truth),
        _row("datasketch + exact Jaccard check", ds_s + verify_s, len(bodies), ds_verified, truth),
        "",
        f"datasketch steps: shingles {ds_steps['shingles']:.2f} s, MinHash {ds_steps['minhash']:.2f} s, "
        f"LSH index+query {ds_steps['lsh']:.2f} s; exact check of its candidates {verify_s:.2f} s.",
        f"Speed-up of newsfacts over datasketch: {ds_s / ours_s:.1f}x (raw LSH), "
        f"{(ds_s + verify_s) / ours_s:.1f}x (with the same exact check).",
        "",
        *_agreement(ours, ds_raw, ds_verified, sets),
    ]
    if truth is not None:
        lines.append(
            f"Exact all-pairs search (sparse product) finds {len(truth):,} pairs with "
            f"Jaccard >= {THRESHOLD}."
        )
    return [*lines, ""]


def _row(label: str, seconds: float, n: int, pairs: set, truth: set | None) -> str:
    recall = f"{len(pairs & truth) / len(truth):.3f}" if truth else "n/a"
    return f"| {label} | {seconds:.2f} | {n / seconds:,.0f} | {len(pairs):,} | {recall} |"


def _agreement(ours: set, ds_raw: set, ds_verified: set, sets: list[np.ndarray]) -> list[str]:
    only_ds = ds_raw - ours
    below = sum(1 for i, j in only_ds if dedup.jaccard(sets[i], sets[j]) < THRESHOLD)
    return [
        "| agreement | pairs |",
        "|---|---|",
        f"| found by both (vs verified datasketch) | {len(ours & ds_verified):,} |",
        f"| only newsfacts (vs verified datasketch) | {len(ours - ds_verified):,} |",
        f"| only datasketch, verified >= {THRESHOLD} (missed by newsfacts) | {len(ds_verified - ours):,} |",
        f"| only datasketch, raw, exact Jaccard < {THRESHOLD} (its false positives) | {below:,} |",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        help="Also compare on this folder of .txt files (e.g. a generated corpus).",
    )
    args = parser.parse_args()
    common.skip_without(common.BBC_DIR, "compare_dedup")
    lines = common.header(
        "Near-duplicate detection: newsfacts vs datasketch MinHashLSH",
        ["numpy", "datasketch", "scipy"],
    )
    lines += [
        f"Threshold {THRESHOLD}, {PERMS} permutations, word {SIZE}-shingles, same process.",
        f"newsfacts LSH: {PERMS // settings.BAND_ROWS} bands x {settings.BAND_ROWS} rows; "
        "datasketch picks its own bands for the threshold.",
        "",
    ]
    lines += compare("bbc-news", read_bodies(common.BBC_DIR))
    for folder in args.corpus:
        lines += compare(folder.name, read_bodies(folder))
    lines.append(f"Peak RSS of the whole script: {common.peak_rss_mb():,.0f} MiB.")
    common.write_result("compare_dedup", lines)


if __name__ == "__main__":
    main()
