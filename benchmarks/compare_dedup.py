"""Near-duplicate detection: newsfacts.dedup vs datasketch MinHashLSH, and planted article versions.

Part 1, speed and recall of the Jaccard rule. Times are the best of 3 runs each. Same run, same bodies, same shingles (lower-cased `\\w+` words, 5-grams), threshold 0.8, 128
permutations. datasketch's LSH answer is reported as is and after the same exact-Jaccard check
ours does; every pair is checked against the exact Jaccard of its shingle sets, and on bbc-news
against a brute-force all-pairs search (sparse matrix product), so recall is known.

Part 2, versions of one article. Every pair bbc-news joins below the Jaccard threshold (an
edited version) is listed; the pairs in REVIEWED_VERSIONS were read by hand and are versions of
one article, any other is flagged for reading. Then variants of bbc-news articles are planted,
one kind per sample of articles: three words replaced, one sentence replaced by a sentence of
another article, one paragraph replaced by a paragraph of another article. find_duplicates runs
over bbc-news plus the variants, with and without the edited-version rule; per kind it reports
recall (variant joined to its article) and false merges (variant joined to any other document).

Run: .venv/bin/python benchmarks/compare_dedup.py [--corpus benchmarks/corpora/<name>]
Writes benchmarks/results/compare_dedup.md; skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import common
import numpy as np
import polars as pl

from newsfacts import dedup, settings

THRESHOLD = settings.NEAR_DUP_THRESHOLD
PERMS = settings.MINHASH_PERMUTATIONS
SIZE = settings.SHINGLE_SIZE
_WORD = re.compile(r"\w+")
# Each detector runs this many times; the best time is reported (warm caches for all).
REPEAT = 3
# Brute force is only run on corpora up to this many documents (it is quadratic).
BRUTE_FORCE_MAX_DOCS = 10_000
# Articles that get a planted variant, per kind (distinct articles across kinds).
PLANTED_PER_KIND = 400
# Words replaced in a "three-word edits" variant.
PLANTED_WORD_EDITS = 3
# A sentence or paragraph is replaced only when it, and its replacement, has this many words.
PLANTED_MIN_WORDS = {"edited sentence": 6, "edited paragraph": 8}
# ... and when it is at most this share of its article's words, and the replacement at most this
# many times longer or shorter than it.
PLANTED_MAX_SHARE = 1 / 3
PLANTED_LENGTH_RATIO = 1.5
SEED = 18
# Other articles tried, in turn, for a sentence or paragraph of about the right length.
PLANTED_DONORS = 20
# bbc-news pairs that only the edited-version rule joins, read by hand (file names under bbc/):
# each is one article in two versions (same story, same wording, a passage edited).
REVIEWED_VERSIONS = {
    ("business/254.txt", "business/447.txt"): "a background paragraph cut; one word respelt",
    ("politics/043.txt", "politics/313.txt"): "a paragraph of reactions added",
    ("sport/444.txt", "sport/458.txt"): "a paragraph of the loser's comments added",
    ("politics/077.txt", "politics/354.txt"): "a sentence and a quote added; a figure corrected",
    ("sport/424.txt", "sport/511.txt"): "the paragraph on the other semi-final rewritten",
    ("tech/009.txt", "tech/379.txt"): "typos fixed; a block of readers' comments added",
    ("tech/043.txt", "tech/326.txt"): "a sentence added; two sentences cut",
}


def read_bodies(folder: Path) -> list[str]:
    """Bodies of the corpus text files (headline line dropped), decoded leniently."""
    return [body for _, body in read_corpus(folder)]


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    """(path under the folder, body) of the corpus text files, headline line dropped."""
    out = []
    for path in sorted(folder.rglob("*.txt")):
        if path.name.lower() == "readme.txt":
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        out.append(
            (str(path.relative_to(folder)), text.split("\n", 1)[1] if "\n" in text else text)
        )
    return out


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


# --- part 2: versions of one article --------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z])")


def sentences(body: str) -> list[str]:
    """The sentences of a body, roughly (enough to pick one to replace)."""
    return [s for p in body.split("\n\n") for s in _SENTENCE_END.split(p.strip()) if s]


def paragraphs(body: str) -> list[str]:
    """The blank-line separated paragraphs of a body."""
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def word_edits(body: str, rng: random.Random, vocabulary: list[str]) -> str | None:
    """The body with PLANTED_WORD_EDITS words replaced at random places."""
    words = body.split(" ")
    for at in rng.sample(range(len(words)), min(PLANTED_WORD_EDITS, len(words))):
        words[at] = rng.choice(vocabulary)
    return " ".join(words)


def replace_unit(body: str, donor: str, rng: random.Random, kind: str) -> str | None:
    """The body with one sentence or paragraph replaced by one of the donor's of about the same
    length; None when either has no such unit. A unit is long enough (PLANTED_MIN_WORDS) and at
    most PLANTED_MAX_SHARE of its article, so the variant stays the base article edited, not
    the donor's article (some bbc-news files are one or two long paragraphs)."""
    split = sentences if kind == "edited sentence" else paragraphs
    own = _units(split(body), PLANTED_MIN_WORDS[kind], len(body.split()))
    if not own:
        return None
    old = rng.choice(own)
    size = len(old.split())
    theirs = [
        u
        for u in _units(split(donor), PLANTED_MIN_WORDS[kind], len(donor.split()))
        if size / PLANTED_LENGTH_RATIO <= len(u.split()) <= size * PLANTED_LENGTH_RATIO
    ]
    return body.replace(old, rng.choice(theirs), 1) if theirs else None


def _units(units: list[str], least: int, article_words: int) -> list[str]:
    """Units with at least `least` words and at most PLANTED_MAX_SHARE of the article's."""
    return [u for u in units if least <= len(u.split()) <= PLANTED_MAX_SHARE * article_words]


def plant_versions(
    bodies: list[str], groups: list[int], rng: random.Random
) -> list[tuple[str, int, str]]:
    """(kind, base index, variant body) for PLANTED_PER_KIND articles per kind; bases are
    articles with no duplicate in the corpus, donors are articles of another group."""
    sizes = Counter(groups)
    alone = [i for i, g in enumerate(groups) if sizes[g] == 1]
    bases = rng.sample(alone, 3 * PLANTED_PER_KIND)
    vocabulary = [w for i in rng.sample(alone, 50) for w in bodies[i].split() if w.isalpha()]
    planted = []
    kinds = ("three-word edits", "edited sentence", "edited paragraph")
    for n, base in enumerate(bases):
        kind = kinds[n // PLANTED_PER_KIND]
        if kind == "three-word edits":
            variant = word_edits(bodies[base], rng, vocabulary)
        else:  # the first of a few other articles that has a unit of about the right length
            donors = (bodies[i] for i in rng.sample(alone, PLANTED_DONORS) if i != base)
            variant = next(
                filter(None, (replace_unit(bodies[base], d, rng, kind) for d in donors)), None
            )
        if variant and variant != bodies[base]:
            planted.append((kind, base, variant))
    return planted


def groups_of(bodies: list[str]) -> list[int]:
    """Duplicate group (index of its canonical document) of each body, by find_duplicates."""
    docs = pl.DataFrame(
        {
            "doc_id": [f"{i:06d}" for i in range(len(bodies))],
            "content_hash": [hashlib.sha256(b.encode()).hexdigest() for b in bodies],
            "published_date": pl.Series([None] * len(bodies), dtype=pl.Date),
            "ingest_order": list(range(len(bodies))),
            "body": bodies,
        }
    )
    flags = dedup.find_duplicates(docs).sort("doc_id")
    return [
        int(canonical or doc_id)
        for doc_id, canonical in flags.select("doc_id", "duplicate_of").iter_rows()
    ]


@contextlib.contextmanager
def jaccard_only() -> Iterator[None]:
    """find_duplicates without the edited-version rule (a share no document can reach)."""
    kept = settings.EDITED_MIN_SHARED
    settings.EDITED_MIN_SHARED = 2.0
    try:
        yield
    finally:
        settings.EDITED_MIN_SHARED = kept


def bbc_versions(corpus: list[tuple[str, str]]) -> list[str]:
    """Markdown: every bbc-news pair joined as an edited version, with its review."""
    names, bodies = [n for n, _ in corpus], [b for _, b in corpus]
    pairs = dedup.duplicate_pairs(bodies)
    kinds = [k for *_, k, _ in pairs]
    lines = [
        "## Versions of one article on bbc-news",
        "",
        f"Pairs joined: {kinds.count('near')} by Jaccard >= {THRESHOLD}, "
        f"{kinds.count('edited')} as edited versions (at least {settings.EDITED_MIN_SHARED:.0%} "
        f"of each one's words shared, at most {settings.EDITED_MAX_PASSAGES} differing passages "
        "each).",
        "",
        "| pair | Jaccard | words shared (a / b) | passages (a / b) | review |",
        "|---|---|---|---|---|",
    ]
    unreviewed = 0
    for i, j, kind, similarity in pairs:
        if kind != "edited":
            continue
        m = dedup.version_measures(*dedup.shingle_sequences([bodies[i], bodies[j]]))
        review = REVIEWED_VERSIONS.get((names[i], names[j]))
        unreviewed += review is None
        lines.append(
            f"| {names[i]} ~ {names[j]} | {similarity:.3f} | {m.shared_a:.2f} / {m.shared_b:.2f} "
            f"| {m.passages_a} / {m.passages_b} | {review or 'NOT REVIEWED: read it'} |"
        )
    lines += [
        "",
        f"False merges among them: 0 of the {len(REVIEWED_VERSIONS)} read by hand "
        f"(each is one article in two versions); {unreviewed} not yet read.",
        "",
    ]
    return lines


def planted_section(bodies: list[str]) -> list[str]:
    """Markdown: recall and false merges per planted kind, with and without the rule."""
    rng = random.Random(SEED)
    groups = groups_of(bodies)
    planted = plant_versions(bodies, groups, rng)
    corpus = bodies + [variant for _, _, variant in planted]
    with jaccard_only():
        before = groups_of(corpus)
    after = groups_of(corpus)
    lines = [
        f"## Planted versions: bbc-news ({len(bodies):,} bodies) plus {len(planted):,} variants",
        "",
        "| kind | variants | rule alone (if proposed) | recall, Jaccard only | recall, with edited "
        "versions | false merges, Jaccard only | false merges, with edited versions |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in ("three-word edits", "edited sentence", "edited paragraph"):
        mine = [(len(bodies) + n, base) for n, (k, base, _) in enumerate(planted) if k == kind]
        rule = sum(
            dedup.edited_version(bodies[b], corpus[v])
            or dedup.jaccard(dedup.shingles(bodies[b]), dedup.shingles(corpus[v])) >= THRESHOLD
            for v, b in mine
        )
        lines.append(
            f"| {kind} | {len(mine)} | {rule / len(mine):.3f} "
            f"| {_recall(mine, before):.3f} | {_recall(mine, after):.3f} "
            f"| {_false_merges(mine, groups, before)} | {_false_merges(mine, groups, after)} |"
        )
    return [
        *lines,
        "",
        "Recall: variants joined to their article. False merges: variants joined to any other "
        "document. 'Rule alone' applies the Jaccard and edited-version tests to each planted pair "
        "directly; the end-to-end recall is lower only where LSH did not propose the pair.",
        "",
    ]


def _recall(mine: list[tuple[int, int]], groups: list[int]) -> float:
    return sum(groups[v] == groups[b] for v, b in mine) / len(mine)


def _false_merges(mine: list[tuple[int, int]], original: list[int], groups: list[int]) -> int:
    """Variants whose group holds a document other than their article and its own duplicates."""
    members: dict[int, set[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, set()).add(i)
    bad = 0
    for v, b in mine:
        allowed = {v} | {i for i, g in enumerate(original) if g == original[b]}
        bad += not members[groups[v]] <= allowed
    return bad


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
    corpus = read_corpus(common.BBC_DIR)
    lines += compare("bbc-news", [body for _, body in corpus])
    lines += bbc_versions(corpus)
    lines += planted_section([body for _, body in corpus])
    for folder in args.corpus:
        lines += compare(folder.name, read_bodies(folder))
    lines.append(f"Peak RSS of the whole script: {common.peak_rss_mb():,.0f} MiB.")
    common.write_result("compare_dedup", lines)


if __name__ == "__main__":
    main()
