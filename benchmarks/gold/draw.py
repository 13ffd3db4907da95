"""Draw the gold sample: BBC business+tech files -> benchmarks/gold/sample.json (split, story, batch).

Reproduces the draw exactly: duplicate removal, TF-IDF story clustering of the whole pool, the
hand-chosen multi-article stories, the seeded random draw, split assignment and annotation batches.
Run `python benchmarks/gold/draw.py`; it prints a summary and rewrites sample.json. Only file
names, invented story slugs, splits and batch names are written, never text from the data.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "bbc-news" / "bbc"
OUT = Path(__file__).resolve().parent / "sample.json"
CATEGORIES = ("business", "tech")

SEED = 20261207  # fixed seed of the draw, split assignment, batches and agreement pass
SAMPLE_SIZE = 150  # articles in the gold set
TEST_SIZE = 50  # articles in the test split; the rest (100) are dev
DEV_BATCHES = 6  # dev annotation batches (~17 articles each)
TEST_BATCHES = 4  # test annotation batches (~12-13 articles each)
AGREEMENT_SIZE = 20  # dev articles annotated a second time, independently

SHINGLE_N = 5  # words per shingle for near-duplicate detection
NEAR_JACCARD = 0.5  # shingle Jaccard at or above which two files are near duplicates
NEAR_CONTAINMENT = 0.8  # share of the smaller file's shingles found in the other file
# Cosine (word 1+2-gram TF-IDF, sublinear tf, stop words removed) at or above which two pool
# files belong to one story. Chosen by reading the pairs: see DRAW.md.
STORY_COSINE = 0.12

# Hand-chosen multi-article stories (headlines and first paragraphs read: the articles report the
# same real-world events), slug -> files. Each comment says what the story is, in our words.
STORIES: dict[str, list[str]] = {
    # test: a fraud trial: the ex-boss denies, his finance chief testifies against him
    "telecom-fraud-trial": [
        "business/100.txt",
        "business/114.txt",
        "business/246.txt",
        "business/465.txt",
    ],
    # test: a telecom takeover battle: rival bid, lower offer accepted, new bid promised, lawsuit
    "telecom-takeover-battle": [
        "business/162.txt",
        "business/188.txt",
        "business/202.txt",
        "business/251.txt",
    ],
    # test: a government damages claim thrown out on appeal, then a rehearing sought
    "tobacco-damages-appeal": ["business/010.txt", "business/104.txt", "business/291.txt"],
    # test: a brewer buys a stake in a winemaker, its takeover offer is rejected
    "brewer-winemaker-bid": ["business/435.txt", "business/451.txt"],
    # test: a campaign website blocks foreign visitors; reasons given differ
    "campaign-site-block": ["tech/101.txt", "tech/123.txt"],
    # dev: two exchanges compete to buy a stock exchange; first offer rejected
    "exchange-takeover-battle": [
        "business/279.txt",
        "business/316.txt",
        "business/319.txt",
        "business/421.txt",
    ],
    # dev: a tycoon's renewed approach for a football club; board and big holders resist
    "football-club-bid": [
        "business/179.txt",
        "business/209.txt",
        "business/224.txt",
        "business/293.txt",
    ],
    # dev: an oil firm's US bankruptcy filing to stop an asset auction, challenged and dismissed
    "oil-firm-us-bankruptcy": [
        "business/025.txt",
        "business/083.txt",
        "business/299.txt",
        "business/358.txt",
    ],
    # dev: a carmakers' dispute over a put option, ending in a cash settlement
    "carmaker-put-option": ["business/078.txt", "business/160.txt", "business/359.txt"],
    # dev: an EU software patent directive: rewrite demanded, refused, adoption delayed
    "eu-software-patents": ["tech/030.txt", "tech/048.txt", "tech/080.txt", "tech/258.txt"],
    # dev: a console processor announced ahead of a conference, then unveiled
    "console-chip-unveiled": ["tech/018.txt", "tech/320.txt"],
    # dev: an anti-spam screensaver campaign launched, paused, then dropped
    "anti-spam-screensaver": ["tech/147.txt", "tech/189.txt", "tech/214.txt"],
    # dev: a card issuer threatened with liquidation, then rescued by creditors and ex-parent
    "card-issuer-rescue": ["business/349.txt", "business/375.txt"],
    # dev: a parliament cuts a foreign mobile operator's stake in a network deal
    "mobile-network-stake-cut": ["business/074.txt", "business/092.txt"],
    # dev: a new government reviews privatisations; number of cases revised down
    "privatisation-review": ["business/136.txt", "business/217.txt"],
}
# Stories placed in test: rich in denials, rejections, updates and differing figures.
TEST_STORIES = {
    "telecom-fraud-trial",
    "telecom-takeover-battle",
    "tobacco-damages-appeal",
    "brewer-winemaker-bid",
    "campaign-site-block",
}


def read_text(path: Path) -> str:
    """Decode a data file as UTF-8, falling back to cp1252 for the one file that is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def file_key(name: str) -> tuple[int, str]:
    """Sort key 'tech/012.txt' -> (12, 'tech/012.txt'): lowest number first."""
    return int(Path(name).stem), name


def read_pool() -> dict[str, str]:
    """All business and tech files, name 'business/001.txt' -> text, in name order."""
    pool = {}
    for category in CATEGORIES:
        for path in sorted((DATA / category).glob("*.txt")):
            pool[f"{category}/{path.name}"] = read_text(path)
    return pool


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    """Word 5-gram shingles of a text."""
    toks = words(text)
    return {tuple(toks[i : i + SHINGLE_N]) for i in range(len(toks) - SHINGLE_N + 1)}


class UnionFind:
    """Disjoint sets over hashable items."""

    def __init__(self, items: list[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        """Root of an item's set (with path halving)."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        """Merge the sets of a and b."""
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        """All sets, each sorted by file number, ordered by their first member."""
        out = defaultdict(list)
        for item in self.parent:
            out[self.find(item)].append(item)
        return sorted((sorted(g, key=file_key) for g in out.values()), key=lambda g: file_key(g[0]))


def near_pairs(shingle_sets: dict[str, set]) -> list[tuple[str, str]]:
    """Pairs of files that are exact or near duplicates by shingle Jaccard or containment."""
    index = defaultdict(set)
    for name, sh in shingle_sets.items():
        for s in sh:
            index[s].add(name)
    shared = Counter()
    for names in index.values():
        ordered = sorted(names)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[a, b] += 1
    pairs = []
    for (a, b), inter in shared.items():
        sa, sb = len(shingle_sets[a]), len(shingle_sets[b])
        jaccard = inter / (sa + sb - inter)
        if jaccard >= NEAR_JACCARD or inter / min(sa, sb) >= NEAR_CONTAINMENT:
            pairs.append((a, b))
    return pairs


def dedup(pool: dict[str, str]) -> tuple[dict[str, str], list[dict]]:
    """Drop exact and near duplicates, keeping the lowest-numbered file of each group."""
    uf = UnionFind(list(pool))
    by_hash = {}
    for name, text in pool.items():
        digest = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()
        if digest in by_hash:
            uf.union(name, by_hash[digest])
        by_hash.setdefault(digest, name)
    for a, b in near_pairs({name: shingles(text) for name, text in pool.items()}):
        uf.union(a, b)
    dropped = []
    for group in uf.groups():
        for name in group[1:]:
            dropped.append({"file": name, "duplicate_of": group[0]})
    gone = {d["file"] for d in dropped}
    return {k: v for k, v in pool.items() if k not in gone}, dropped


def terms(text: str) -> list[str]:
    """Unigrams and bigrams of non-stop-word tokens (bigrams over the stop-word-free sequence)."""
    toks = [t for t in words(text) if t not in STOP_WORDS and len(t) > 1]
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def tfidf(texts: list[str]) -> sparse.csr_matrix:
    """Row-normalised TF-IDF matrix, sublinear tf and smoothed idf (as scikit-learn's defaults)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        for term, count in Counter(terms(text)).items():
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(1.0 + np.log(count))
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.bincount(m.indices, minlength=len(vocab))
    m = m @ sparse.diags(np.log((1 + len(texts)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def cosine_matrix(pool: dict[str, str]) -> np.ndarray:
    """Dense pool x pool cosine similarity (pool order)."""
    m = tfidf(list(pool.values()))
    return (m @ m.T).toarray()


def story_clusters(pool: dict[str, str], sim: np.ndarray) -> dict[str, int]:
    """File -> cluster id: connected components of cosine >= STORY_COSINE over the whole pool."""
    names = list(pool)
    uf = UnionFind(names)
    for i, j in zip(*np.nonzero(np.triu(sim, 1) >= STORY_COSINE), strict=True):
        uf.union(names[i], names[j])
    return {name: cid for cid, group in enumerate(uf.groups()) for name in group}


def draw_sample(pool: dict[str, str], rng: random.Random) -> list[str]:
    """The chosen story files plus a seeded random draw from the rest of the pool."""
    story_files = sorted((f for files in STORIES.values() for f in files), key=file_key)
    missing = [f for f in story_files if f not in pool]
    if missing:
        raise ValueError(f"story files not in the deduplicated pool: {missing}")
    rest = [f for f in pool if f not in set(story_files)]
    return story_files + rng.sample(rest, SAMPLE_SIZE - len(story_files))


def units(sample: list[str], clusters: dict[str, int]) -> dict[str, int]:
    """File -> unit id: sampled files joined by pool cluster and by chosen story."""
    uf = UnionFind(sample)
    first_in_cluster: dict[int, str] = {}
    for name in sample:
        uf.union(name, first_in_cluster.setdefault(clusters[name], name))
    for files in STORIES.values():
        for name in files[1:]:
            uf.union(name, files[0])
    return {name: min(clusters[n] for n in group) for group in uf.groups() for name in group}


def story_of() -> dict[str, str]:
    """File -> chosen story slug."""
    return {f: slug for slug, files in STORIES.items() for f in files}


def assign_splits(unit: dict[str, int], rng: random.Random) -> dict[int, str]:
    """Unit -> split: story units as fixed in TEST_STORIES, others shuffled to fill test exactly."""
    members = defaultdict(list)
    for name, uid in unit.items():
        members[uid].append(name)
    split: dict[int, str] = {}
    for name, slug in story_of().items():
        wanted = "test" if slug in TEST_STORIES else "dev"
        if split.setdefault(unit[name], wanted) != wanted:
            raise ValueError(f"unit {unit[name]} holds both dev and test stories")
    need = TEST_SIZE - sum(len(members[u]) for u, s in split.items() if s == "test")
    free = sorted(u for u in members if u not in split)
    rng.shuffle(free)
    for uid in free:
        fits = len(members[uid]) <= need
        split[uid] = "test" if fits else "dev"
        need -= len(members[uid]) if fits else 0
    if need:
        raise ValueError(f"could not fill the test split exactly ({need} short)")
    return split


def make_batches(unit: dict[str, int], split: dict[int, str], rng: random.Random) -> dict[int, str]:
    """Unit -> batch name: per split, largest units first into the emptiest batch."""
    sizes = Counter(unit.values())
    batch_of: dict[int, str] = {}
    for name, count in (("dev", DEV_BATCHES), ("test", TEST_BATCHES)):
        uids = sorted(u for u in sizes if split[u] == name)
        rng.shuffle(uids)
        uids.sort(key=lambda u: -sizes[u])
        load = [0] * count
        for uid in uids:
            k = load.index(min(load))
            load[k] += sizes[uid]
            batch_of[uid] = f"{name}-{k + 1:02d}"
    return batch_of


def agreement(articles: list[dict], rng: random.Random) -> list[str]:
    """Dev files for the second annotation pass: drawn among dev files alone in their unit."""
    sizes = Counter(a["unit"] for a in articles)
    alone = [a["file"] for a in articles if a["split"] == "dev" and sizes[a["unit"]] == 1]
    return sorted(rng.sample(sorted(alone, key=file_key), AGREEMENT_SIZE))


def build() -> dict:
    """Run the whole draw and return the sample.json content."""
    rng = random.Random(SEED)
    pool, dropped = dedup(read_pool())
    clusters = story_clusters(pool, cosine_matrix(pool))
    sample = draw_sample(pool, rng)
    unit = units(sample, clusters)
    split = assign_splits(unit, rng)
    batch = make_batches(unit, split, rng)
    stories = story_of()
    articles = [
        {
            "file": f,
            "split": split[unit[f]],
            "story": stories.get(f),
            "unit": unit[f],
            "batch": batch[unit[f]],
        }
        for f in sample
    ]
    articles.sort(key=lambda a: (a["batch"], a["unit"], file_key(a["file"])))
    return {
        "seed": SEED,
        "story_cosine": STORY_COSINE,
        "articles": articles,
        "agreement": agreement(articles, rng),
        "dropped_duplicates": dropped,
    }


def summary(result: dict) -> str:
    """Counts per split, per batch and per story, as printed after a run."""
    arts = result["articles"]
    lines = [f"dropped duplicates: {len(result['dropped_duplicates'])}"]
    lines.append(f"splits: {dict(sorted(Counter(a['split'] for a in arts).items()))}")
    for b, n in sorted(Counter(a["batch"] for a in arts).items()):
        slugs = sorted({a["story"] for a in arts if a["batch"] == b and a["story"]})
        multi = Counter(a["unit"] for a in arts if a["batch"] == b)
        lines.append(
            f"  {b}: {n} articles, stories {slugs}, multi-article units {sum(v > 1 for v in multi.values())}"
        )
    for slug, files in STORIES.items():
        rows = [a for a in arts if a["story"] == slug]
        lines.append(f"  story {slug}: {len(files)} files, {rows[0]['split']}, {rows[0]['batch']}")
    lines.append(f"agreement pass: {len(result['agreement'])} dev files")
    return "\n".join(lines)


def main() -> None:
    """Write sample.json and print the summary."""
    result = build()
    OUT.write_text(json.dumps(result, indent=1) + "\n")
    print(summary(result))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
