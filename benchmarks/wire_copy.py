"""Wire copy: hard-wrapped stories through normalization, and what the new normalizer changes elsewhere.

1. On tests/fixtures/wire/articles/ (invented wrapped stories; truth in expected.json): stored
   line breaks that fall inside a paragraph or sentence, words lost or added against the
   story's own words (title, dateline and sign-off aside), table and list rows kept on their own
   line, datelines and agencies found.
2. On ../shared/data/bbc-news, the seeds and samples/: bodies and titles of the current
   normalizer against those of a baseline commit (default: the last one before the unwrapping
   work), each run in its own process from a `git archive` of that commit's newsfacts/.

Run: .venv/bin/python benchmarks/wire_copy.py [--baseline COMMIT] [--folder DIR --expected FILE]
Writes benchmarks/results/wire_copy.md. Part 2 skips folders that are absent.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import common

FIXTURES = common.REPO / "tests" / "fixtures" / "wire"
# The last commit before unwrapping, datelines and sign-offs (issue #22).
BASELINE_COMMIT = "7ec5544"

# Run in a child process with a newsfacts package on sys.path[0]: every record of the given
# folders, normalized and template-cleaned as the normalize stage does, as JSON on stdout.
_DUMP = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from newsfacts.ingest import discover_inputs, parse_file, read_bytes
from newsfacts.normalize import NormalizeError, normalize_record, remove_template_lines
out, pairs = {}, []
for folder in sys.argv[2:]:
    items, _ = discover_inputs([Path(folder)])
    for item in items:
        got = read_bytes(item.path)
        if not isinstance(got, tuple):
            continue
        for rec in parse_file(item.path, *got).records:
            try:
                doc = normalize_record(rec.raw_id, rec.format, rec.raw_text, rec.source_path, rec.url)
            except NormalizeError:
                continue
            pairs.append((f"{rec.source_path}#{rec.record_index}", doc))
cleaned = {d.doc_id: d for d in remove_template_lines([d for _, d in pairs], {})}
for key, doc in pairs:
    d = cleaned[doc.doc_id]
    out[key] = {k: getattr(d, k, None) for k in ("title", "body", "dateline_place", "agency",
                                                 "display_title", "removed")}
json.dump(out, sys.stdout)
"""


def normalized(package_root: Path, folders: list[Path]) -> dict[str, dict]:
    """Documents of these folders, as the newsfacts package under package_root normalizes them."""
    done = subprocess.run(
        [sys.executable, "-c", _DUMP, str(package_root), *map(str, folders)],
        capture_output=True,
        text=True,
        check=True,
        cwd=common.REPO,
    )
    return json.loads(done.stdout)


def baseline_package(commit: str, into: Path) -> Path:
    """The newsfacts/ package of a commit, unpacked under `into`; returns the folder holding it."""
    archive = subprocess.run(
        ["git", "archive", commit, "newsfacts"], capture_output=True, check=True, cwd=common.REPO
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


# --- part 1: the wire fixtures ---------------------------------------------------------------
@dataclass
class WireScore:
    """Counts over the wire folder."""

    documents: int = 0
    expected_docs: int = 0
    breaks: int = 0
    breaks_inside: int = 0
    units_exact: int = 0
    words: int = 0
    words_missing: int = 0
    words_extra: int = 0
    rows: int = 0
    rows_kept: int = 0
    place_right: int = 0
    agency_right: int = 0
    title_right: int = 0
    problems: list[str] = field(default_factory=list)


def score_wire(docs: dict[str, dict], truth: dict[str, dict]) -> WireScore:
    """Compare normalized documents with the truth of each record."""
    score = WireScore(expected_docs=len(truth))
    by_name = {key.rsplit("/", 1)[-1]: doc for key, doc in docs.items()}
    for name, want in sorted(truth.items()):
        doc = by_name.get(name)
        if doc is None:
            score.problems.append(f"{name}: no document")
            continue
        score.documents += 1
        units = doc["body"].split("\n\n")
        _score_breaks(score, name, units, want["units"])
        score.units_exact += units == want["units"]
        score.rows += len(want["rows"])
        score.rows_kept += sum(row in units for row in want["rows"])
        score.place_right += doc.get("dateline_place") == want["dateline_place"]
        score.agency_right += doc.get("agency") == want["agency"]
        score.title_right += doc["title"] == want["title"]
    return score


def _score_breaks(score: WireScore, name: str, units: list[str], want: list[str]) -> None:
    """Breaks inside an expected unit, and words lost or added (by a word-level diff)."""
    got_words = [w for unit in units for w in unit.split()]
    want_words = [w for unit in want for w in unit.split()]
    want_ends = _ends(want)
    matcher = difflib.SequenceMatcher(a=got_words, b=want_words, autojunk=False)
    to_want = {a + k: b + k for a, b, n in matcher.get_matching_blocks() for k in range(n + 1)}
    for end in sorted(_ends(units))[:-1]:
        score.breaks += 1
        if to_want.get(end) not in want_ends:
            score.breaks_inside += 1
            score.problems.append(
                f"{name}: break after {' '.join(got_words[max(0, end - 4) : end])!r}"
            )
    score.words += len(want_words)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            score.words_missing += b2 - b1
            score.words_extra += a2 - a1
            score.problems.append(f"{name}: {tag} {got_words[a1:a2]} vs {want_words[b1:b2]}")


def _ends(units: list[str]) -> set[int]:
    """Word positions at which the units end."""
    ends, count = set(), 0
    for unit in units:
        count += len(unit.split())
        ends.add(count)
    return ends


def wire_lines(score: WireScore, base: WireScore, commit: str) -> list[str]:
    """The fixture results as markdown, beside the baseline normalizer's."""
    s, b = score, base
    return [
        "## Hard-wrapped stories (tests/fixtures/wire)",
        "",
        f"| measure | result | baseline {commit} | target |",
        "|---|---|---|---|",
        f"| documents | {s.documents} of {s.expected_docs} | {b.documents} | all |",
        f"| stored line breaks inside a paragraph (a sentence) | {s.breaks_inside} of {s.breaks}"
        f" | {b.breaks_inside} of {b.breaks} | 0 |",
        f"| story words lost (boilerplate aside) | {s.words_missing} of {s.words}"
        f" | {b.words_missing} | 0 |",
        f"| words kept that are boilerplate (or added) | {s.words_extra} | {b.words_extra} | 0 |",
        f"| table and list rows on their own line | {s.rows_kept} of {s.rows} | {b.rows_kept} | all |",
        f"| bodies exactly the expected paragraphs and rows | {s.units_exact} of {s.documents}"
        f" | {b.units_exact} | all |",
        f"| dateline place right | {s.place_right} of {s.documents} | {b.place_right} | all |",
        f"| agency right | {s.agency_right} of {s.documents} | {b.agency_right} | all |",
        f"| stored title right (ALL CAPS kept) | {s.title_right} of {s.documents}"
        f" | {b.title_right} | all |",
        "",
        *(["Problems:", "", *[f"- {p}" for p in s.problems[:40]], ""] if s.problems else []),
    ]


# --- part 2: bodies elsewhere, before and after -------------------------------------------------
def diff_lines(label: str, before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """How many bodies and titles changed, and the changed documents with their word deltas."""
    changed = [k for k in before if k in after and before[k]["body"] != after[k]["body"]]
    titles = [k for k in before if k in after and before[k]["title"] != after[k]["title"]]
    lines = [
        f"| {label} | {len(before)} | {len(after)} | {len(changed)} | {len(titles)} |",
    ]
    details = []
    for key in changed:
        old, new = before[key]["body"], after[key]["body"]
        same_words = old.split() == new.split()
        delta = len(new.split()) - len(old.split())
        what = "same words, line breaks only" if same_words else f"{delta:+d} words"
        details.append(f"- {label} `{key.rsplit('/', 2)[-2:]}`: {what}")
    return lines + ["DETAIL"] + details


def compare_lines(commit: str) -> list[str]:
    """Part 2 as markdown."""
    sets = [
        ("bbc-news", [common.SHARED_DATA / "bbc-news"]),
        ("seeds", [common.SHARED_DATA / "seeds"]),
        ("samples", [common.REPO / "samples"]),
    ]
    table = [
        f"## Bodies before ({commit}) and after",
        "",
        "| corpus | documents before | documents after | bodies changed | titles changed |",
        "|---|---|---|---|---|",
    ]
    details: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline_package(commit, Path(tmp))
        for label, folders in sets:
            if not all(f.exists() for f in folders):
                table.append(f"| {label} | absent | | | |")
                continue
            out = diff_lines(label, normalized(base, folders), normalized(common.REPO, folders))
            cut = out.index("DETAIL")
            table += out[:cut]
            details += out[cut + 1 :]
    return [*table, "", "Changed documents:", "", *(details or ["- none"]), ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline", default=BASELINE_COMMIT, help="Commit to compare bodies with."
    )
    parser.add_argument("--folder", type=Path, default=FIXTURES / "articles")
    parser.add_argument("--expected", type=Path, default=FIXTURES / "expected.json")
    args = parser.parse_args()
    truth = json.loads(args.expected.read_text(encoding="utf-8"))
    with common.timed() as clock:
        score = score_wire(normalized(common.REPO, [args.folder]), truth)
    with tempfile.TemporaryDirectory() as tmp:
        base = score_wire(
            normalized(baseline_package(args.baseline, Path(tmp)), [args.folder]), truth
        )
    lines = common.header("Wire copy: unwrapping, datelines, sign-offs", ["ftfy"])
    lines += [f"Wire folder normalized in {clock.seconds:.1f} s.", ""]
    lines += wire_lines(score, base, args.baseline)
    lines += compare_lines(args.baseline)
    common.write_result("wire_copy", lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
