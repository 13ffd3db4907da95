"""A reading of random warehouse rows: what an analyst sees when they open the facts.

`sample` draws claims and events at random from a warehouse built over bbc-news, from business
articles outside the gold set (neither split), and writes one JSON line per row with the fields a
reader judges and the text around the evidence. A reader (a person, or an annotation agent that
never saw newsfacts' rules) marks each field right or wrong by benchmarks/gold/GUIDELINES.md and
writes one JSON line per row: {"id": ..., "fields": {"speaker": true, ...}}. `score` turns those
judgements into per-field precision and the share of rows right in every field, written to
benchmarks/results/row_reading.md. Measurement only: no rule is written from these rows.

    python benchmarks/row_reading.py sample --warehouse W.duckdb --n 40 > rows.jsonl
    python benchmarks/row_reading.py score rows.jsonl judged.jsonl

Two builds differ in few rows, so independent samples of each mostly measure which rows were
drawn. `changed` draws the rows only one build holds (same articles, same judged fields and
place) under neutral ids, for one reader, and writes the id -> build key apart;
`score-changed` scores each build's rows:

    python benchmarks/row_reading.py changed --before A.duckdb --after B.duckdb --key key.json > rows.jsonl
    python benchmarks/row_reading.py score-changed key.json judged.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import common  # noqa: F401  (puts the repository on sys.path)
import duckdb

from benchmarks.gold import goldio

# Fields judged per kind, in the order a reader sees them.
FIELDS = {
    "claim": ("is_claim", "speaker", "subject", "stance", "content"),
    "event": ("is_event", "type", "status", "main_company", "counterparties", "amount"),
}
CONTEXT_CHARS = 400  # text shown before the evidence, for pronouns and descriptors

_NAME = "(SELECT name FROM document_companies c WHERE c.doc_id = x.doc_id AND c.company_id = {})"
_CLAIMS = f"""
SELECT x.claim_id AS id, x.doc_id, x.start_char, x.end_char, x.speaker, x.speaker_name,
       {_NAME.format("x.speaker_company_id")} AS speaker_company,
       {_NAME.format("x.subject_company_id")} AS subject, x.stance, x.cue, x.content, x.is_quote
FROM claims x
"""
_EVENTS = f"""
SELECT x.event_id AS id, x.doc_id, x.start_char, x.end_char, x.event_type AS type, x.status,
       x.trigger, {_NAME.format("x.company_id")} AS main_company,
       (SELECT list(p.role || ': ' || coalesce({_NAME.format("p.company_id")}, '?')
                    ORDER BY p.role, p.company_id)
        FROM event_participants p WHERE p.event_id = x.event_id
          AND p.company_id IS DISTINCT FROM x.company_id) AS counterparties,
       x.amount, x.currency, x.unit, x.date_value
FROM events x
"""


def gold_files() -> set[str]:
    """Category/number of every gold article ("business/010.txt"), dev and test."""
    return {f"{p.parent.name}/{p.stem}.txt" for p in (goldio.GOLD_DIR / "bbc").glob("*/*.json")}


def business_docs(
    con: duckdb.DuckDBPyConnection, skip: set[str]
) -> dict[str, tuple[str, str, str]]:
    """doc_id -> (file, title, body) of canonical business articles outside the gold set."""
    rows = con.execute(
        "SELECT d.doc_id, r.source_path, d.title, d.body FROM documents d JOIN raw_documents r "
        "USING (raw_id) WHERE d.duplicate_of IS NULL"
    ).fetchall()
    out = {}
    for doc_id, path, title, body in rows:
        parts = Path(path).parts
        file = "/".join(parts[-2:])
        if parts[-2] == "business" and file not in skip:
            out[doc_id] = (file, title or "", body)
    return out


_QUERIES = {"claim": _CLAIMS, "event": _EVENTS}


def _kind_rows(
    con: duckdb.DuckDBPyConnection, kind: str, docs: dict[str, tuple[str, str, str]]
) -> list[dict]:
    """Rows of one kind from the given documents, ordered by id."""
    cur = con.execute(_QUERIES[kind])
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    return sorted((r for r in rows if r["doc_id"] in docs), key=lambda r: r["id"])


def _for_reader(kind: str, row: dict, docs: dict[str, tuple[str, str, str]]) -> dict:
    """A row as a reader sees it: its text around the evidence and the judged fields."""
    row = dict(row)
    file, title, body = docs[row.pop("doc_id")]
    start, end = row.pop("start_char"), row.pop("end_char")
    return {
        "kind": kind,
        "file": file,
        "before": body[max(0, start - CONTEXT_CHARS) : start],
        "evidence": body[start:end],
        "title": title,
        **{k: _plain(v) for k, v in row.items()},
    }


def sample(warehouse: Path, n: int, seed: int) -> list[dict]:
    """n random claims and n random events of business articles outside the gold set."""
    con = duckdb.connect(str(warehouse), read_only=True)
    docs = business_docs(con, gold_files())
    rng = random.Random(seed)
    out = []
    for kind in ("claim", "event"):
        for row in rng.sample(rows := _kind_rows(con, kind, docs), min(n, len(rows))):
            out.append(_for_reader(kind, row, docs))
    return out


def _signature(row: dict) -> tuple[str, ...]:
    """What a reader judges of a row, with its place: two builds' rows are the same row when
    these are equal (ids differ between extractor versions)."""
    return tuple(str(v) for k, v in sorted(row.items()) if k not in ("id", "end_char"))


def changed(before: Path, after: Path, n: int, seed: int) -> tuple[list[dict], dict[str, str]]:
    """The rows a code change made: of each kind, n random rows found only in the `before`
    build and n only in the `after` one (same articles), shuffled together under neutral ids
    ("c001", "e001"); and the key id -> build, kept away from the reader."""
    rng = random.Random(seed)
    builds = {}
    for name, path in (("before", before), ("after", after)):
        con = duckdb.connect(str(path), read_only=True)
        docs = business_docs(con, gold_files())
        builds[name] = (con, docs)
    picked = []
    for kind in ("claim", "event"):
        rows = {name: _kind_rows(con, kind, docs) for name, (con, docs) in builds.items()}
        seen = {name: {_signature(r) for r in rs} for name, rs in rows.items()}
        for name, other in (("before", "after"), ("after", "before")):
            only = [r for r in rows[name] if _signature(r) not in seen[other]]
            for row in rng.sample(only, min(n, len(only))):
                picked.append((name, _for_reader(kind, row, builds[name][1])))
    rng.shuffle(picked)
    out, key, counts = [], {}, {"claim": 0, "event": 0}
    for name, row in picked:
        counts[row["kind"]] += 1
        rid = f"{row['kind'][0]}{counts[row['kind']]:03d}"
        key[rid] = name
        out.append({**row, "id": rid})
    return out, key


def score_changed(key_path: Path, judged_path: Path) -> str:
    """Per-field precision of the rows only in each build, as a Markdown table."""
    key = json.loads(key_path.read_text())
    judged = [json.loads(line) for line in judged_path.read_text().splitlines() if line.strip()]
    lines = ["| kind | field | before only | after only |", "|---|---|---|---|"]
    for kind, fields in FIELDS.items():
        mine = [j for j in judged if j["id"][0] == kind[0]]
        for field in (*fields, "every field"):
            cells = []
            for build in ("before", "after"):
                side = [j["fields"] for j in mine if key[j["id"]] == build]
                marks = [
                    all(f.values()) if field == "every field" else bool(f.get(field)) for f in side
                ]
                cells.append(f"{sum(marks)} / {len(marks)}")
            lines.append(f"| {kind} | {field} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def _plain(value: object) -> object:
    """JSON-friendly value (numbers stay numbers, lists stay lists)."""
    return value if isinstance(value, (str, int, float, list, type(None))) else str(value)


def score(rows_path: Path, judged_path: Path) -> str:
    """Per-field precision and rows right in every field, as a Markdown table."""
    kinds = {r["id"]: r["kind"] for r in map(json.loads, rows_path.read_text().splitlines())}
    judged = [json.loads(line) for line in judged_path.read_text().splitlines() if line.strip()]
    lines = ["| kind | field | right / judged | precision |", "|---|---|---|---|"]
    for kind, fields in FIELDS.items():
        mine = [j for j in judged if kinds.get(j["id"]) == kind]
        for field in (*fields, "every field"):
            if field == "every field":
                marks = [all(v for v in j["fields"].values()) for j in mine]
            else:
                marks = [j["fields"][field] for j in mine if j["fields"].get(field) is not None]
            share = sum(marks) / len(marks) if marks else float("nan")
            lines.append(f"| {kind} | {field} | {sum(marks)} / {len(marks)} | {share:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="random rows to read, as JSON lines on stdout")
    s.add_argument("--warehouse", type=Path, required=True)
    s.add_argument("--n", type=int, default=40, help="rows of each kind (40)")
    s.add_argument("--seed", type=int, default=7)
    c = sub.add_parser("score", help="precision per field from a reader's judgements")
    c.add_argument("rows", type=Path)
    c.add_argument("judged", type=Path)
    d = sub.add_parser("changed", help="rows only one of two builds holds, mixed, for one reader")
    d.add_argument("--before", type=Path, required=True)
    d.add_argument("--after", type=Path, required=True)
    d.add_argument("--n", type=int, default=30, help="rows of each kind and build (30)")
    d.add_argument("--seed", type=int, default=99)
    d.add_argument("--key", type=Path, required=True, help="where the id -> build key goes")
    k = sub.add_parser("score-changed", help="precision per field of each build's own rows")
    k.add_argument("key", type=Path)
    k.add_argument("judged", type=Path)
    args = parser.parse_args(argv)
    if args.command == "sample":
        for row in sample(args.warehouse, args.n, args.seed):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if args.command == "changed":
        rows, key = changed(args.before, args.after, args.n, args.seed)
        args.key.write_text(json.dumps(key, indent=1))
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if args.command == "score-changed":
        print(score_changed(args.key, args.judged))
        return 0
    print(score(args.rows, args.judged))
    return 0


if __name__ == "__main__":
    sys.exit(main())
