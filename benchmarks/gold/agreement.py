"""Inter-annotator agreement on the 20 dev articles annotated twice (bbc/ vs agreement/).

Each field is compared between the two passes the way the scorer compares system and gold:
entities as per-article name sets, claims matched by overlapping cue spans, event mentions matched
by overlapping triggers (or one trigger inside the other's clause). Set agreement is F1 (pass 1
taken as reference; F1 is symmetric); field agreement is the share of matched pairs with equal
values. Optional event mentions are left out on both sides.

    python benchmarks/gold/agreement.py          # prints a Markdown table
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import align

GOLD_DIR = Path(__file__).resolve().parent


def norm_name(name: str | None) -> str:
    """A name folded for comparison the way the scorer folds it (align.norm_name); "" for none."""
    return align.norm_name(name) if name else ""


def names(entity: dict[str, Any]) -> set[str]:
    """Every folded name of a gold organisation or person."""
    return {norm_name(n) for n in [entity["name"], *entity.get("aliases", [])]} - {""}


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two located spans share a character."""
    return a["start"] < b["end"] and b["start"] < a["end"]


def match(
    left: list[dict], right: list[dict], same: Callable[[dict, dict], bool]
) -> list[tuple[dict, dict]]:
    """One-to-one greedy matching in document order."""
    pairs, used = [], set()
    for a in left:
        for j, b in enumerate(right):
            if j not in used and same(a, b):
                pairs.append((a, b))
                used.add(j)
                break
    return pairs


def ref_names(gold: dict[str, Any], ref: str | None) -> frozenset[str]:
    """Folded names of the organisation or person an id points at (empty for null)."""
    for entity in gold.get("companies", []) + gold.get("people", []):
        if entity["id"] == ref:
            return frozenset(names(entity))
    return frozenset()


def same_ref(ga: dict, a: str | None, gb: dict, b: str | None) -> bool:
    """Whether two id references (one per pass) name the same entity, or are both null."""
    na, nb = ref_names(ga, a), ref_names(gb, b)
    return (not na and not nb) or bool(na & nb)


def _event_match(a: dict, b: dict) -> bool:
    """Two event mentions are one when their triggers overlap or a trigger lies in the other's clause."""
    return (
        overlap(a["trigger"], b["trigger"])
        or overlap(a["trigger"], b["clause"])
        and overlap(b["trigger"], a["clause"])
    )


def _amount_key(event: dict) -> tuple | None:
    """The comparable part of an event's amount."""
    amount = event.get("amount")
    return None if not amount else (amount.get("value"), amount.get("currency"), amount.get("unit"))


def _date_key(event: dict) -> str | None:
    """The comparable part of an event's date (its value)."""
    return (event.get("date") or {}).get("value")


def compare(ga: dict[str, Any], gb: dict[str, Any], tally: dict[str, list[int]]) -> None:
    """Add one article's agreement counts to tally: name -> [agreeing, compared]."""

    def add(name: str, agree: int, total: int) -> None:
        tally.setdefault(name, [0, 0])
        tally[name][0] += agree
        tally[name][1] += total

    for kind in ("companies", "people"):
        left, right = ga.get(kind, []), gb.get(kind, [])
        pairs = match(left, right, lambda a, b: bool(names(a) & names(b)))
        add(f"{kind} (F1)", 2 * len(pairs), len(left) + len(right))
        if kind == "companies":
            add("company kind", sum(a["kind"] == b["kind"] for a, b in pairs), len(pairs))
        else:
            add(
                "person title",
                sum(norm_name(a.get("title")) == norm_name(b.get("title")) for a, b in pairs),
                len(pairs),
            )
            add(
                "person affiliation",
                sum(same_ref(ga, a.get("affiliation"), gb, b.get("affiliation")) for a, b in pairs),
                len(pairs),
            )
    ca, cb = ga.get("claims", []), gb.get("claims", [])
    pairs = match(ca, cb, lambda a, b: overlap(a["cue"], b["cue"]))
    add("claims (F1)", 2 * len(pairs), len(ca) + len(cb))
    add(
        "claim speaker",
        sum(norm_name(a.get("speaker_name")) == norm_name(b.get("speaker_name")) for a, b in pairs),
        len(pairs),
    )
    add(
        "claim subject",
        sum(same_ref(ga, a.get("subject"), gb, b.get("subject")) for a, b in pairs),
        len(pairs),
    )
    add("claim stance", sum(a["stance"] == b["stance"] for a, b in pairs), len(pairs))
    add("claim quote", sum(a["quote"] == b["quote"] for a, b in pairs), len(pairs))
    ea = [e for e in ga.get("events", []) if not e.get("optional")]
    eb = [e for e in gb.get("events", []) if not e.get("optional")]
    pairs = match(ea, eb, _event_match)
    add("event mentions (F1)", 2 * len(pairs), len(ea) + len(eb))
    add("event type", sum(a["type"] == b["type"] for a, b in pairs), len(pairs))
    add("event status", sum(a["status"] == b["status"] for a, b in pairs), len(pairs))
    add(
        "event main company",
        sum(same_ref(ga, a.get("main_company"), gb, b.get("main_company")) for a, b in pairs),
        len(pairs),
    )
    add("event amount", sum(_amount_key(a) == _amount_key(b) for a, b in pairs), len(pairs))
    add("event date value", sum(_date_key(a) == _date_key(b) for a, b in pairs), len(pairs))


def agreement(files: Iterable[str]) -> dict[str, list[int]]:
    """Agreement counts over the doubly annotated articles that have both passes."""
    tally: dict[str, list[int]] = {}
    for file in files:
        first = GOLD_DIR / "bbc" / Path(file).with_suffix(".json")
        second = GOLD_DIR / "agreement" / Path(file).with_suffix(".json")
        if first.exists() and second.exists():
            tally.setdefault("articles", [0, 0])
            tally["articles"][0] += 1
            compare(json.loads(first.read_text()), json.loads(second.read_text()), tally)
    return tally


def main() -> int:
    """Print the agreement table."""
    sample = json.loads((GOLD_DIR / "sample.json").read_text())
    tally = agreement(sample["agreement"])
    n = tally.pop("articles", [0, 0])[0]
    print(f"Articles annotated twice: {n}\n")
    print("| field | agreement | counts |\n|---|---|---|")
    for name, (agree, total) in tally.items():
        value = f"{agree / total:.3f}" if total else "nan"
        counts = f"{agree // 2} matched of {total} rows" if "(F1)" in name else f"{agree}/{total}"
        print(f"| {name} | {value} | {counts} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
