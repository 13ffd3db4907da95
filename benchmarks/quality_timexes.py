"""Timex quality and speed on tbaq-cleaned (TempEval-3 style) and MEANTIME Apple.

Reads ../shared/data at run time (skips cleanly when absent); writes
benchmarks/results/quality_timexes.md. Run: `.venv/bin/python benchmarks/quality_timexes.py`.
Add `--errors` to print value errors for reading.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timex_corpora import (  # noqa: E402
    MEANTIME_DIR,
    RESULTS_DIR,
    TBAQ_DIR,
    GoldDoc,
    Scores,
    count_sentences,
    machine_header,
    read_meantime_all,
    read_tbaq,
    score_doc,
)

from newsfacts.extract.timexes import find_timexes  # noqa: E402

# Timing repeats over the whole corpus; the best run is reported (least disturbed by the OS).
TIMING_REPEATS = 5


def evaluate(docs: list[GoldDoc], show_errors: bool) -> tuple[Scores, Counter[str]]:
    """Score find_timexes on documents with their creation date as the publication date."""
    scores, errors = Scores(), Counter()
    for doc in docs:
        found = [(t.start, t.end, t.type, t.value) for t in find_timexes(doc.text, doc.dct)]
        for gold, sys_match in score_doc(doc, found, scores):
            if sys_match is None:
                errors[f"missed  {doc.text[gold.start : gold.end]!r}"] += 1
            elif sys_match[3] != gold.value and show_errors:
                span = doc.text[sys_match[0] : sys_match[1]]
                print(f"{doc.name} dct={doc.dct} {span!r}: got {sys_match[3]} want {gold.value}")
    return scores, errors


def timing(docs: list[GoldDoc]) -> tuple[float, int, int]:
    """Best wall time of TIMEX_REPEATS passes, with the sentence and timex counts of one pass."""
    sentences = sum(count_sentences(d.text) for d in docs)
    best, found = float("inf"), 0
    for _ in range(TIMING_REPEATS):
        t0 = time.perf_counter()
        found = sum(len(find_timexes(d.text, d.dct)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    return best, sentences, found


def score_lines(name: str, scores: Scores) -> list[str]:
    """Markdown table rows for one corpus."""
    sp, sr, sf = scores.prf(scores.strict)
    rp, rr, rf = scores.prf(scores.relaxed)
    value_f1 = scores.value_accuracy * rf
    type_f1 = (scores.type_ok / scores.relaxed if scores.relaxed else 0) * rf
    return [
        f"| {name} | {scores.gold} | {scores.system} | {sp:.3f} / {sr:.3f} / **{sf:.3f}** | "
        f"{rp:.3f} / {rr:.3f} / **{rf:.3f}** | {scores.value_accuracy:.3f} | **{value_f1:.3f}** "
        f"| {type_f1:.3f} |"
    ]


def main() -> int:
    """Run both corpora, print and write the markdown report."""
    if not TBAQ_DIR.is_dir():
        print(f"skipped: {TBAQ_DIR} not found")
        return 0
    show = "--errors" in sys.argv
    tbaq = read_tbaq()
    tb_scores, tb_missed = evaluate(tbaq, show)
    lines = machine_header("Timex extraction quality and speed")
    lines += [
        "",
        "Gold: TIMEX3 inside `<TEXT>` (tbaq-cleaned; the DCT itself is excluded) and MEANTIME",
        "English Apple TIMEX3 except the CREATION_TIME; the DCT is passed as publication date.",
        "Strict = identical character span; relaxed = overlapping span (one-to-one). Value F1 =",
        "value accuracy over relaxed matches x relaxed F1, as the TempEval-3 scorer computes",
        "attribute F1; values compared as exact strings. Type F1 likewise.",
        "",
        "| corpus | gold | found | strict P / R / F1 | relaxed P / R / F1 | value acc. "
        "| value F1 | type F1 |",
        "|---|---|---|---|---|---|---|---|",
        *score_lines(f"tbaq-cleaned ({len(tbaq)} docs)", tb_scores),
    ]
    if MEANTIME_DIR.is_dir():
        meantime = read_meantime_all()
        mt_scores, _ = evaluate(meantime, show)
        lines += score_lines(f"meantime-apple ({len(meantime)} docs)", mt_scores)
        lines.append("")
        lines.append(
            f"MEANTIME timex value accuracy (matched gold timexes): {mt_scores.value_accuracy:.3f}"
            f" ({mt_scores.value_ok}/{mt_scores.relaxed}); over all gold timexes: "
            f"{mt_scores.value_ok / max(mt_scores.gold, 1):.3f} ({mt_scores.value_ok}/"
            f"{mt_scores.gold})."
        )
    seconds, sentences, found = timing(tbaq)
    lines += [
        "",
        f"Speed on tbaq-cleaned (single process, best of {TIMING_REPEATS}): {len(tbaq)} docs, "
        f"{sentences} sentences, {found} timexes in {seconds:.3f} s = "
        f"**{sentences / seconds:,.0f} sentences/s**, {found / seconds:,.0f} timexes/s, "
        f"{len(tbaq) / seconds:,.0f} docs/s.",
        "",
        "Most frequent missed gold expressions (tbaq-cleaned):",
        "",
        *(f"- {n} x {text}" for text, n in tb_missed.most_common(15)),
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "quality_timexes.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
