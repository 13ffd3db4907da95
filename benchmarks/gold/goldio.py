"""Gold-set files: decode an article, locate an annotator's draft spans, check a gold file.

An annotator writes a *draft* (outside the repository, since it may quote long spans) in which
every span is either a string or {"text": ..., "ctx": ...}: `ctx` is a longer passage that
occurs exactly once in the article and contains `text` exactly once; without `ctx`, `text`
itself must occur exactly once (a company's or person's first `mention` may occur several times:
its first occurrence is taken; an event's trigger, date and amount without ctx are looked for in
the event's clause first). `locate` turns each span into {"start", "end", "text"} with
character offsets into the decoded file (headline line included). Spans longer than
SHORT_SPAN_CHARS keep only a fingerprint (first and last words and a hash) instead of their
text, so the repository holds offsets and labels, and only short quotes.

    python benchmarks/gold/goldio.py locate DRAFT.json      # writes benchmarks/gold/bbc/<cat>/<nnn>.json
                                                            # ("pass": 2 drafts: gold/agreement/...)
    python benchmarks/gold/goldio.py check [FILE ...]       # re-checks offsets of gold files

The offsets are computed by this script; every label is the annotator's.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent
BBC_DIR = GOLD_DIR.parents[2] / "shared" / "data" / "bbc-news" / "bbc"
# Spans up to this many characters keep their text in the gold file; longer ones a fingerprint.
SHORT_SPAN_CHARS = 60
# Keys whose values are spans, wherever they occur in a gold record.
SPAN_KEYS = ("mention", "speaker", "cue", "content", "trigger", "clause", "span")


def decode_file(data: bytes) -> str:
    """The article text as newsfacts' gold offsets see it: UTF-8 (BOM dropped), else cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def article_text(file: str, bbc_dir: Path = BBC_DIR) -> str:
    """Decoded text of one BBC file named like "business/001.txt"."""
    return decode_file((bbc_dir / file).read_bytes())


def text_hash(text: str) -> str:
    """A short hash of a span or article text (sha1, 12 hex digits)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def fingerprint(text: str) -> dict[str, str]:
    """What a gold file keeps of a span: its text when short, else head, tail and hash."""
    if len(text) <= SHORT_SPAN_CHARS:
        return {"text": text}
    words = text.split()
    return {"head": " ".join(words[:3]), "tail": " ".join(words[-3:]), "sha1": text_hash(text)}


def _occurrences(haystack: str, needle: str) -> list[int]:
    """Offsets of needle in haystack as a whole word ("it" is not found inside "admitted")."""
    left = r"\b" if re.match(r"\w", needle) else ""
    right = r"\b" if re.search(r"\w$", needle) else ""
    return [m.start() for m in re.finditer(left + re.escape(needle) + right, haystack)]


def _unique(haystack: str, needle: str, what: str) -> int:
    """Offset of the one occurrence of needle in haystack, or a ValueError naming the problem."""
    found = _occurrences(haystack, needle)
    if not found:
        raise ValueError(f"{what}: not found: {needle[:80]!r}")
    if len(found) > 1:
        raise ValueError(f"{what}: occurs more than once, give a longer ctx: {needle[:80]!r}")
    return found[0]


def locate_span(text: str, span: Any, what: str) -> dict[str, Any]:
    """Offsets of one draft span ("text" or {"text", "ctx"}) in the article text."""
    if isinstance(span, dict) and "start" in span:
        return span
    needle = span if isinstance(span, str) else span["text"]
    ctx = None if isinstance(span, str) else span.get("ctx")
    if not needle or needle != needle.strip():
        raise ValueError(f"{what}: empty span or span with outer white space: {needle!r}")
    if what.endswith(".mention") and not ctx and _occurrences(text, needle):
        # a first mention is the first occurrence by definition
        start = _occurrences(text, needle)[0]
        return {"start": start, "end": start + len(needle), **fingerprint(needle)}
    if ctx:
        base = _unique(text, ctx, what + " ctx")
        start = base + _unique(ctx, needle, what + " (inside ctx)")
    else:
        start = _unique(text, needle, what)
    return {"start": start, "end": start + len(needle), **fingerprint(needle)}


def _in_clause(text: str, clause: dict[str, Any], span: Any, what: str) -> Any:
    """An event's trigger, date or amount given without ctx is looked for inside its clause
    first, so that a word used elsewhere in the article needs no ctx."""
    if not isinstance(span, str):
        return span
    found = _occurrences(text[clause["start"] : clause["end"]], span)
    if len(found) == 1:
        start = clause["start"] + found[0]
        return {"start": start, "end": start + len(span), **fingerprint(span)}
    return span


def _walk(node: Any, text: str, path: str) -> Any:
    """Locate every span below node, keeping everything else as it is."""
    if isinstance(node, dict) and node.get("clause") is not None and "trigger" in node:
        clause = locate_span(text, node["clause"], f"{path}.clause")
        node = {
            **node,
            "clause": clause,
            "trigger": _in_clause(text, clause, node["trigger"], path),
        }
        for key in ("date", "amount"):
            if isinstance(node.get(key), dict) and node[key].get("span") is not None:
                inner = _in_clause(text, clause, node[key]["span"], path)
                node = {**node, key: {**node[key], "span": inner}}
    if isinstance(node, list):
        return [_walk(item, text, f"{path}[{i}]") for i, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in SPAN_KEYS and value is not None:
            out[key] = locate_span(text, value, f"{path}.{key}")
        else:
            out[key] = _walk(value, text, f"{path}.{key}")
    return out


def gold_path(file: str, second_pass: bool = False) -> Path:
    """Where the gold file of one article lives: bbc/<category>/<nnn>.json (agreement/ for the
    independent second pass)."""
    return GOLD_DIR / ("agreement" if second_pass else "bbc") / Path(file).with_suffix(".json")


def locate(draft: dict[str, Any], bbc_dir: Path = BBC_DIR) -> dict[str, Any]:
    """The gold record of a draft: every span located, the article's hash recorded."""
    text = article_text(draft["file"], bbc_dir)
    gold = _walk(draft, text, draft["file"])
    gold["text_sha1"] = text_hash(text)
    check_refs(gold)
    return gold


def span_ok(text: str, span: dict[str, Any]) -> bool:
    """Whether a located span still points at its text (or fingerprint) in text."""
    piece = text[span["start"] : span["end"]]
    return fingerprint(piece) == {k: span[k] for k in ("text", "head", "tail", "sha1") if k in span}


def iter_spans(node: Any, path: str = ""):
    """(path, span) for every located span below node."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from iter_spans(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in SPAN_KEYS and isinstance(value, dict) and "start" in value:
                yield f"{path}.{key}", value
            else:
                yield from iter_spans(value, f"{path}.{key}")


def check_refs(gold: dict[str, Any]) -> None:
    """Every reference to an organisation or person names an id defined in the file."""
    orgs = {c["id"] for c in gold.get("companies", [])}
    people = {p["id"] for p in gold.get("people", [])}
    problems = []
    for p in gold.get("people", []):
        if p.get("affiliation") and p["affiliation"] not in orgs:
            problems.append(f"person {p['id']}: unknown affiliation {p['affiliation']}")
    for c in gold.get("claims", []):
        for key, allowed in (
            ("subject", orgs),
            ("speaker_ref", orgs | people),
            ("speaker_org", orgs),
        ):
            if c.get(key) and c[key] not in allowed:
                problems.append(f"claim {c['id']}: unknown {key} {c[key]}")
    for e in gold.get("events", []):
        if e.get("main_company") and e["main_company"] not in orgs:
            problems.append(f"event {e['id']}: unknown main_company {e['main_company']}")
        for part in e.get("participants", []):
            if part["ref"] not in orgs:
                problems.append(f"event {e['id']}: unknown participant {part['ref']}")
    if problems:
        raise ValueError("; ".join(problems))


def check_file(path: Path, bbc_dir: Path = BBC_DIR) -> list[str]:
    """Problems of one gold file: spans whose offsets no longer hold, bad references."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = article_text(gold["file"], bbc_dir)
    problems = [] if gold.get("text_sha1") == text_hash(text) else ["article text changed"]
    problems += [
        f"{where}: offsets do not hold" for where, s in iter_spans(gold) if not span_ok(text, s)
    ]
    try:
        check_refs(gold)
    except ValueError as err:
        problems.append(str(err))
    return problems


def main(argv: list[str]) -> int:
    """Command line: locate DRAFT... | check [GOLD...]."""
    if not argv or argv[0] not in ("locate", "check"):
        print(__doc__)
        return 2
    if argv[0] == "locate":
        for name in argv[1:]:
            draft = json.loads(Path(name).read_text(encoding="utf-8"))
            try:
                gold = locate(draft)
            except ValueError as err:
                print(f"{name}: {err}")
                return 1
            out = gold_path(draft["file"], draft.get("pass") == 2)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{name} -> {out.relative_to(GOLD_DIR.parents[1])}")
        return 0
    files = [Path(a) for a in argv[1:]] or sorted(GOLD_DIR.glob("[ba][bg]*/*/*.json"))
    bad = 0
    for path in files:
        for problem in check_file(path):
            bad += 1
            print(f"{path}: {problem}")
    print(f"{len(files)} files checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
