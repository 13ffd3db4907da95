"""Fact quality against the hand-annotated BBC gold set (issue #15), field by field, dev and test.

Builds one warehouse over every annotated article with `newsfacts run` (the articles copied into a
temporary folder as <category>/<nnn>.txt, so raw_documents.source_path leads back to the gold
file), or scores the one given with --warehouse (built there first when the file is absent), and
prints one metric per line: `<split> <metric> <value> (<counts>)`, `nan` when a ratio has no
denominator. Writes benchmarks/results/quality_facts.md (dev and test side by side) on a plain run.

    python benchmarks/quality_facts.py                     # both splits, printed apart
    python benchmarks/quality_facts.py --split dev         # dev | test | all (pooled)
    python benchmarks/quality_facts.py --errors dev        # dev mistakes, for reading
    python benchmarks/quality_facts.py --write-floors      # dev numbers -> gold/floors.json

Test-split errors are never printed (`--errors test` is refused): rules are written and tuned from
dev only. Lowering a floor in floors.json is an explicit, reviewed change (tests/test_gold_floors.py
fails when a dev number drops more than its tolerance below its floor).

Offsets. Gold offsets count characters of the decoded file, headline line included; newsfacts'
count characters of documents.body. align.OffsetMap maps every gold span onto documents.title or
.body by aligning the non-white-space characters of file and title+body (difflib on stretches that
differ); each mapped span must still read the same (goldio.span_ok on the file, align.same_text on
the mapped slice, white space and HTML entities ignored), else it counts as unmapped (printed).
Facts are extracted from the body only, so a gold claim or event whose cue or trigger lies in the
headline can never be matched: it stays in the gold and counts as a miss (its count is printed).

Matching rules (benchmarks/gold/factscore.py implements them; all matching is one to one, greedy
by the stated preference, ties broken by gold then system order, so it is deterministic):
- Companies and people: per-document entity sets. A document_companies / document_people row
  matches a gold entity when its name or one of its aliases equals the gold name, an alias or the
  first mention after normalisation (case, punctuation, leading "the", possessive 's, trailing
  legal forms such as plc/Inc/Ltd folded; for people also honorifics such as Mr/Ms). Rows whose
  display names agree are paired first. company_f1 / person_f1 count matched rows against all
  system rows and all gold entities; company_kind_accuracy and person_affiliation_accuracy are
  over matched pairs (affiliation: the system company_id's names against the gold affiliation's
  names; both absent is right).
- Claims: the claims table keeps no cue offsets, so a system cue is its `cue` text located inside
  the claim's evidence sentence [start_char, end_char) widened to 30 characters either side of its
  speaker span (a quotation after "..., he said." has its cue in the sentence before; case folded;
  of several occurrences the one nearest the speaker span); a claim whose cue text is not found
  there cannot match (claim_cue_not_located counts them). A system claim matches a gold claim
  when the cue spans overlap, larger overlap first. claim_precision / claim_recall over all
  system / gold claims.
  Speaker: right when the system's resolved speaker (the name and aliases of speaker_person_id,
  else of speaker_company_id, else claims.speaker_name where the table has it, else the speaker
  text) names gold
  speaker_name or its speaker_ref entity after normalisation, a token subset holding the gold
  name's last word counting ("Moss" for "Ari Moss"); when gold speaker_name is null, right when
  the speaker spans overlap. claim_speaker_f1: right speakers / system claims and / gold claims.
  Subject: subject_company_id's names against the gold subject's (both null right). Stance and
  quote (is_quote) by equality. claim_fully_correct_precision: system claims matched with speaker,
  subject, stance and quote all right, over all system claims.
- Headlines (guidelines ruling 1): facts come from documents.body, so gold event mentions whose
  trigger lies in the headline are optional, and gold claims whose cue lies there are left out.
- Events: a system event is a candidate for a gold mention when its trigger (trigger_start,
  trigger_end) overlaps the mention's clause; preferred are triggers overlapping the gold trigger,
  then the same type, then non-optional mentions, then more overlap. A system row matched to an
  optional mention is left out of every event metric. event_precision: rows matched with the
  right type over the remaining system rows. event_recall: gold instances (with a non-optional
  mention) found by any matched mention, whatever the type; event_recall_typed needs the right
  type; event_recall_<type> per gold type. Accuracies over matched non-optional pairs: type,
  status, main company (events.company_id's names against gold main_company's), amount (both
  absent, or within 1% and, when gold has a currency, events.currency equal to it; a gold
  percentage needs events.unit "percent"; other units compare the value only), date (events.date_value equal to the gold value, only where gold has a value).
  event_fully_correct_precision: rows whose type, status, main company, amount and (when gold has
  one) date value are all right, over the same rows as event_precision.
- Across documents (stories/*.json and each article's own conflicts list), on gold items
  (an event instance "file#E1" or a claim "file#c1"): a system pair links two gold items in
  different articles when the matched system rows share a canonical_event_id (canonical_claim_id).
  corroboration_precision: linked item pairs with both articles in annotated story files that gold
  lists as the same (same_event / same_claim groups), over those pairs; corroboration_recall: gold
  same pairs the system links, over gold pairs whose both items some system row matched;
  corroboration_recall_all: over all gold same pairs. Also per kind (event_/claim_corroboration_*).
  Conflicts: each distinct claim_conflicts row (kind, a_id, b_id) maps each side's member rows to
  gold items (a claim also to the gold event instances whose clause its content overlaps, an
  event also to the gold claims whose content holds its trigger, since a denial may be annotated
  either way); a row is scored when some pair of its sides' items lies in one article or in
  annotated story articles; conflict_precision: scored rows holding a gold conflict pair;
  conflict_recall: gold conflict pairs held by some row (conflict_recall_found: of those whose both
  items some system row maps to). A cross-document pair counts in the split of each of its
  articles (stories sit whole in one split).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import common

sys.path.insert(0, str(Path(__file__).resolve().parent / "gold"))

import align  # noqa: E402
import factscore as fs  # noqa: E402
import goldio  # noqa: E402

GOLD_DIR = goldio.GOLD_DIR
FLOORS = GOLD_DIR / "floors.json"
# How far (absolute, in metric units) a dev number may fall below its floor before
# tests/test_gold_floors.py fails.
FLOOR_TOLERANCE = 0.02
# A metric resting on fewer items than this gets no floor (one item would move it past the tolerance).
MIN_FLOOR_COUNT = 20
# A floor also allows this many items of slack when that is more than FLOOR_TOLERANCE.
FLOOR_SLACK_ITEMS = 2
# Metrics that are diagnostics, not quality (lower is not worse): never pinned as floors.
DIAGNOSTICS = ("claim_cue_not_located",)
# Print order of the headline metrics; per-type recalls and the rest follow, sorted.
ORDER = (
    "company_f1",
    "company_kind_accuracy",
    "person_f1",
    "person_affiliation_accuracy",
    "claim_precision",
    "claim_recall",
    "claim_speaker_f1",
    "claim_subject_accuracy",
    "claim_stance_accuracy",
    "claim_quote_accuracy",
    "claim_fully_correct_precision",
    "claim_cue_not_located",
    "event_precision",
    "event_recall",
    "event_recall_typed",
    "event_type_accuracy",
    "event_status_accuracy",
    "event_main_company_accuracy",
    "event_amount_accuracy",
    "event_date_accuracy",
    "event_fully_correct_precision",
    "conflict_precision",
    "conflict_recall",
    "conflict_recall_found",
    "corroboration_precision",
    "corroboration_recall",
    "corroboration_recall_all",
)


# --- gold ------------------------------------------------------------------------------------


def sample_splits(gold_dir: Path = GOLD_DIR) -> dict[str, str]:
    """Article -> split from sample.json (empty when it is absent)."""
    path = gold_dir / "sample.json"
    if not path.exists():
        return {}
    return {a["file"]: a["split"] for a in json.loads(path.read_text())["articles"]}


def read_gold(gold_dir: Path = GOLD_DIR) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Gold records by article (bbc/<category>/<nnn>.json) and the story files."""
    splits = sample_splits(gold_dir) or sample_splits()
    records = {}
    for path in sorted((gold_dir / "bbc").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        record.setdefault("split", splits.get(record["file"]))
        records[record["file"]] = record
    stories = [json.loads(p.read_text()) for p in sorted((gold_dir / "stories").glob("*.json"))]
    return records, stories


def gold_articles(
    records: dict[str, dict[str, Any]], system: fs.SystemTables, report: fs.SpanReport, split: str
) -> dict[str, fs.GoldArticle]:
    """Gold articles of a split ("all": every one, pooled) with spans mapped onto the documents."""
    golds = {}
    for file, record in records.items():
        if split not in ("all", record["split"]):
            continue
        text = goldio.article_text(file)
        doc = system.articles.get(file) or fs.SystemArticle(doc_id="", body="")
        omap = align.OffsetMap(text, doc.title, doc.body)
        fs.attach_spans(record, text, omap, report)
        fs.apply_headline_ruling(record)
        golds[file] = fs.GoldArticle(
            file, split if split == "all" else record["split"], record.get("story"), record
        )
    return golds


# --- warehouse -------------------------------------------------------------------------------


def stage_articles(files: list[str], folder: Path) -> Path:
    """Copy the annotated articles to folder/<category>/<nnn>.txt (newsfacts refuses symlinks
    that leave the folder it reads)."""
    shutil.rmtree(folder, ignore_errors=True)  # never articles left by an earlier build
    for file in files:
        target = folder / file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(goldio.BBC_DIR / file, target)
    return folder


def build_warehouse(files: list[str], warehouse: Path) -> float:
    """Run `newsfacts run` over copies of the articles into warehouse; seconds taken."""
    started = time.perf_counter()
    # One folder per warehouse, so two builds side by side never share (or mix) their articles;
    # the last part stays "articles", since document ids hash the path from there on.
    folder = stage_articles(files, warehouse.parent / f"{warehouse.stem}_build" / "articles")
    cli = Path(sys.executable).with_name("newsfacts")
    done = subprocess.run(
        [str(cli), "run", str(folder), "-w", str(warehouse)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"newsfacts run failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return time.perf_counter() - started


def _rows(con: Any, sql: str) -> list[dict[str, Any]]:
    """Rows of a query as dicts."""
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _article_key(source_path: str) -> str:
    """ "business/003.txt" from a source path ending in <category>/<nnn>.txt."""
    return "/".join(Path(source_path).parts[-2:])


# The warehouse reads of the scorer (fixed statements; documents of every current raw record,
# canonical ones first so a duplicate never hides the copy that holds the facts).
DOCUMENTS_SQL = """
SELECT d.doc_id, r.source_path, d.title, d.body
FROM documents d JOIN raw_documents r USING (raw_id)
WHERE r.is_current
ORDER BY d.duplicate_of NULLS FIRST, d.doc_id
"""
ROWS_SQL = {
    "companies": "SELECT * FROM document_companies ORDER BY doc_id, company_id",
    "people": "SELECT * FROM document_people ORDER BY doc_id, person_id",
    "claims": "SELECT * FROM claims ORDER BY doc_id, start_char, claim_id",
    "events": """
        SELECT e.*, (SELECT list(p.company_id ORDER BY p.company_id) FROM event_participants p
                     WHERE p.event_id = e.event_id AND p.company_id IS DISTINCT FROM e.company_id)
                    AS counterparty_ids
        FROM events e ORDER BY doc_id, trigger_start, event_id""",
}
CLAIM_GROUPS_SQL = """
SELECT canonical_claim_id, list(claim_id ORDER BY claim_id) FROM claim_clusters GROUP BY 1
"""
EVENT_GROUPS_SQL = """
SELECT canonical_event_id, list(event_id ORDER BY event_id) FROM event_clusters GROUP BY 1
"""
CONFLICTS_SQL = "SELECT DISTINCT kind, a_id, b_id FROM claim_conflicts"


def _articles(con: Any) -> tuple[dict[str, fs.SystemArticle], dict[str, fs.SystemArticle]]:
    """System articles by gold article key and by doc_id, their fact rows filled in."""
    by_doc: dict[str, fs.SystemArticle] = {}
    articles: dict[str, fs.SystemArticle] = {}
    for d in _rows(con, DOCUMENTS_SQL):
        article = fs.SystemArticle(doc_id=d["doc_id"], body=d["body"], title=d["title"])
        by_doc[d["doc_id"]] = article
        articles.setdefault(_article_key(d["source_path"]), article)
    for attr, sql in ROWS_SQL.items():
        for row in _rows(con, sql):
            if row["doc_id"] in by_doc:
                getattr(by_doc[row["doc_id"]], attr).append(row)
    return articles, by_doc


def _names(by_doc: dict[str, fs.SystemArticle]) -> dict[str, list[str]]:
    """Company/person id -> its display name first, then every alias any document gives it."""
    names: dict[str, list[str]] = {}
    rows = [(r["company_id"], r) for a in by_doc.values() for r in a.companies]
    rows += [(r["person_id"], r) for a in by_doc.values() for r in a.people]
    for key, row in rows:
        forms = names.setdefault(key, [row["name"]])
        forms += [a for a in [row["name"], *(row["aliases"] or [])] if a not in forms]
    return names


def read_system(warehouse: Path) -> fs.SystemTables:
    """The documents and facts of a warehouse, keyed by gold article."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        articles, by_doc = _articles(con)
        claim_groups = dict(con.execute(CLAIM_GROUPS_SQL).fetchall())
        event_groups = dict(con.execute(EVENT_GROUPS_SQL).fetchall())
        conflicts = [tuple(row) for row in con.execute(CONFLICTS_SQL).fetchall()]
    finally:
        con.close()
    return fs.SystemTables(articles, _names(by_doc), claim_groups, event_groups, conflicts)


# --- numbers ---------------------------------------------------------------------------------


def metric_order(names: set[str]) -> list[str]:
    """ORDER first, then per-type event recalls, then any other metric, sorted."""
    head = [m for m in ORDER if m in names]
    types = sorted(m for m in names if m.startswith("event_recall_") and m not in ORDER)
    return head + types + sorted(names - set(head) - set(types))


def metrics(scores: fs.Scores) -> dict[str, tuple[float, str]]:
    """Metric -> (value, counts shown beside it), in print order; every ORDER metric is there,
    nan with 0/0 counts when nothing was counted."""
    out = {}
    for name in metric_order(set(scores.ratios) | set(scores.f1s) | set(ORDER)):
        if name in scores.f1s or name.endswith("_f1"):
            tp, system, gold = scores.f1s[name]
            out[name] = (fs.f1(tp, system, gold), f"P {tp}/{system}, R {tp}/{gold}")
        else:
            num, den = scores.ratios[name]
            out[name] = (fs.ratio(num, den), f"{num}/{den}")
    return out


def fmt(value: float) -> str:
    """A metric value with three decimals, or nan."""
    return "nan" if math.isnan(value) else f"{value:.3f}"


def metric_lines(split: str, scores: fs.Scores) -> list[str]:
    """`<split> <metric> <value> (<counts>)` lines of one split."""
    return [f"{split} {name} {fmt(v)} ({c})" for name, (v, c) in metrics(scores).items()]


# --- one evaluation --------------------------------------------------------------------------


def evaluate(
    warehouse: Path, split: str, gold_dir: Path = GOLD_DIR, only: list[str] | None = None
) -> tuple[dict[str, fs.Scores], dict[str, list[str]], dict[str, Any]]:
    """Scores per split, error lines per article, and facts about the run (gold files per
    split, span report) for one warehouse and the gold of `split` (dev, test, both or all),
    optionally of the articles in `only`."""
    records, stories = read_gold(gold_dir)
    if only is not None:
        records = {f: r for f, r in records.items() if f in only}
    system = read_system(warehouse)
    reports = {one: fs.SpanReport() for one in (("dev", "test") if split == "both" else (split,))}
    golds = {}
    for one, report in reports.items():
        golds |= gold_articles(records, system, report, one)
    scores, errs = fs.score(golds, system, stories)
    files = {
        s: sum(g.split == s for g in golds.values())
        for s in sorted({g.split for g in golds.values()})
    }
    missing = sorted(f for f in golds if f not in system.articles)
    info = {
        "files": files,
        "articles": sorted(golds),
        "spans": reports,
        "missing": missing,
        "stories": len(stories),
    }
    return scores, errs, info


def annotated_files(split: str, gold_dir: Path = GOLD_DIR) -> list[str]:
    """Articles with a gold file in a split (both/all: every one)."""
    records, _ = read_gold(gold_dir)
    return sorted(f for f, r in records.items() if split in ("both", "all", r["split"]))


def info_lines(info: dict[str, Any]) -> list[str]:
    """Lines on what was scored, per split: gold files, unmapped and headline spans, documents
    missing from the warehouse."""
    lines = []
    for split, spans in info["spans"].items():
        lines.append(f"{split} gold_files {info['files'].get(split, 0)}")
        lines.append(
            f"{split} unmapped_spans {len(spans.unmapped)} "
            f"(of {spans.total}; {spans.in_title} in the headline)"
        )
        lines += [f"  unmapped: {where}" for where in spans.unmapped]
    if info["missing"]:
        lines.append(f"documents_missing_from_warehouse {len(info['missing'])}")
    return lines


# --- result file and floors ------------------------------------------------------------------


def result_lines(scores: dict[str, fs.Scores], info: dict[str, Any], seconds: float) -> list[str]:
    """benchmarks/results/quality_facts.md: dev and test side by side, with counts."""
    lines = common.header(
        "Fact quality against the BBC gold set (benchmarks/quality_facts.py)",
        ["newsfacts", "duckdb"],
    )
    spans = info["spans"].values()
    files = info["files"]
    unmapped = sum(len(s.unmapped) for s in spans)
    lines += [
        f"- gold: {files.get('dev', 0)} dev and {files.get('test', 0)} test articles annotated "
        f"(of 100 and 50 drawn), {info['stories']} story files",
        f"- spans: {sum(s.total for s in spans)} gold spans, {unmapped} could not be mapped onto "
        f"documents.body/title, {sum(s.in_title for s in spans)} lie in the headline",
        f"- warehouse: one `newsfacts run` over the annotated articles, {seconds:.0f} s",
        "- matching rules: the docstring of benchmarks/quality_facts.py; test errors are never "
        "read",
        "",
        "| metric | dev | test |",
        "|---|---|---|",
    ]
    dev, test = metrics(scores.get("dev", fs.Scores())), metrics(scores.get("test", fs.Scores()))
    for name in metric_order(set(dev) | set(test)):
        cells = [f"{fmt(m[name][0])} ({m[name][1]})" if name in m else "-" for m in (dev, test)]
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return lines


def counted(scores: fs.Scores, name: str) -> int:
    """How many items a metric rests on: a ratio's denominator, an F1's smaller side."""
    if name in scores.f1s:
        return min(scores.f1s[name][1], scores.f1s[name][2])
    return scores.ratios[name][1] if name in scores.ratios else 0


def floor_values(scores: fs.Scores) -> dict[str, float]:
    """Today's dev numbers as floors (rounded down to 3 decimals; nan, diagnostics and metrics
    resting on fewer than MIN_FLOOR_COUNT items left out: one item moves those by more than the
    tolerance, so a floor on them would pin noise, not quality)."""
    return {
        name: math.floor(value * 1000) / 1000
        for name, (value, _) in metrics(scores).items()
        if not math.isnan(value)
        and name not in DIAGNOSTICS
        and ":" not in name  # per-rule precisions ("claim_precision_rule:claims.object")
        and counted(scores, name) >= MIN_FLOOR_COUNT
    }


def write_floors(scores: fs.Scores, info: dict[str, Any]) -> None:
    """benchmarks/gold/floors.json from the dev scores."""
    spec = {
        "about": "Dev-split floors of benchmarks/quality_facts.py, pinned by "
        "tests/test_gold_floors.py. "
        "Written by `python benchmarks/quality_facts.py --write-floors`; lowering a floor is an "
        "explicit, reviewed change (say why in the commit). Test-split numbers never appear here.",
        "split": "dev",
        "tolerance": FLOOR_TOLERANCE,
        "articles": info["articles"],
        "written": dt.date.today().isoformat(),
        "floors": floor_values(scores),
    }
    FLOORS.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS.relative_to(common.REPO)} ({len(spec['floors'])} floors)")


def below_floors(scores: fs.Scores, spec: dict[str, Any]) -> list[str]:
    """Floors a dev score falls below by more than the tolerance (a vanished metric too)."""
    now = metrics(scores)
    problems = []
    for name, floor in spec["floors"].items():
        value = now.get(name, (math.nan, ""))[0]
        # two items of slack where that is more than the tolerance: cross-document pairs rest on
        # a few dozen items and move by one or two between builds of the same code
        slack = max(spec["tolerance"], FLOOR_SLACK_ITEMS / max(counted(scores, name), 1))
        if math.isnan(value) or value < floor - slack:
            problems.append(f"{name}: {fmt(value)} < floor {floor} - {slack:.3f}")
    return problems


# --- command line ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse", type=Path, help="Score this warehouse (built here first when absent)."
    )
    parser.add_argument(
        "--split",
        choices=("dev", "test", "all"),
        help="One split, or all pooled (default: dev and test apart).",
    )
    parser.add_argument("--errors", choices=("dev", "test"), help="Print the dev split's mistakes.")
    parser.add_argument(
        "--write-floors", action="store_true", help="Write floors.json from the dev numbers."
    )
    parser.add_argument(
        "--gold-dir", type=Path, default=GOLD_DIR, help="Folder holding bbc/ and stories/."
    )
    return parser.parse_args(argv)


def print_errors(errs: dict[str, list[str]], golds_split: dict[str, str]) -> None:
    """Error lines of dev articles (cross-document ones were kept to dev pairs when scored)."""
    for file, lines in sorted(errs.items()):
        if lines and (file == "across documents" or golds_split.get(file) == "dev"):
            print(file)
            print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.errors == "test":
        print("refused: test-split errors are never printed or read (GUIDELINES.md section 0)")
        return 2
    common.skip_without(goldio.BBC_DIR, "quality_facts")
    split = "dev" if (args.errors or args.write_floors) else (args.split or "both")
    files = annotated_files(split, args.gold_dir)
    if not files:
        print(f"quality_facts: skipped, no gold files for split {split} in {args.gold_dir}")
        return 0
    with tempfile.TemporaryDirectory(prefix="quality_facts_") as tmp:
        warehouse = args.warehouse or Path(tmp) / "w.duckdb"
        built = not warehouse.exists()
        seconds = build_warehouse(files, warehouse) if built else 0.0
        # gold files written during the build are left for the next run
        only = files if built else None
        scores, errs, info = evaluate(warehouse, split, args.gold_dir, only)
    for name in sorted(scores):
        print("\n".join(metric_lines(name, scores[name])))
    print("\n".join(info_lines(info)))
    if args.errors:
        records, _ = read_gold(args.gold_dir)
        print_errors(errs, {f: r["split"] for f, r in records.items()})
    elif args.write_floors:
        write_floors(scores["dev"], info)
    elif split == "both" and args.gold_dir == GOLD_DIR:
        common.write_result("quality_facts", result_lines(scores, info, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
