"""Side by side on tbaq-cleaned: newsfacts date normalization vs dateparser.search_dates.

Both run in the same process on the same documents with the DCT as base. dateparser returns
(found string, datetime) pairs without offsets, so each string is located in the text left to
right and matched to gold timexes by overlap; its datetime is rendered at the gold value's
granularity (a fair reading: dateparser has no notion of months or years as values). Writes
benchmarks/results/compare_dateparser.md; skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timex_corpora import (  # noqa: E402
    RESULTS_DIR,
    TBAQ_DIR,
    GoldDoc,
    Scores,
    machine_header,
    read_tbaq,
    score_doc,
)

from newsfacts.extract.timexes import find_timexes  # noqa: E402

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def render_like(gold_value: str, when: dt.datetime) -> str:
    """Render a dateparser datetime at the granularity of the gold value it is compared with."""
    if _DAY.match(gold_value):
        return when.date().isoformat()
    if _MONTH.match(gold_value):
        return f"{when.year:04d}-{when.month:02d}"
    if _YEAR.match(gold_value):
        return f"{when.year:04d}"
    if "T" in gold_value:
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.isoformat()  # quarters, weeks, durations, *_REF: dateparser cannot express them


def dateparser_spans(doc: GoldDoc) -> list[tuple[int, int, str, dt.datetime]]:
    """Run search_dates with the DCT as base; locate each found string in the text in order."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(doc.dct, dt.time(12, 0))
    found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans, cursor = [], 0
    for string, when in found:
        at = doc.text.find(string, cursor)
        if at < 0:
            at = doc.text.find(string)
        if at >= 0:
            spans.append((at, at + len(string), "DATE", when))
            cursor = at + len(string)
    return spans


def run_ours(docs: list[GoldDoc]) -> tuple[Scores, float]:
    """Score and time newsfacts.find_timexes."""
    scores, t0 = Scores(), time.perf_counter()
    outputs = [
        [(t.start, t.end, t.type, t.value) for t in find_timexes(d.text, d.dct)] for d in docs
    ]
    seconds = time.perf_counter() - t0
    for doc, found in zip(docs, outputs, strict=True):
        score_doc(doc, found, scores)
    return scores, seconds


def run_dateparser(docs: list[GoldDoc]) -> tuple[Scores, float]:
    """Score and time dateparser.search_dates (values rendered at the gold granularity)."""
    t0 = time.perf_counter()
    outputs = [dateparser_spans(d) for d in docs]
    seconds = time.perf_counter() - t0
    scores = Scores()
    for doc, found in zip(docs, outputs, strict=True):
        pairs = score_doc(doc, [(s, e, t, None) for s, e, t, _ in found], scores)
        by_span = {(s, e): when for s, e, _, when in found}
        for gold, match in pairs:
            if match is not None:
                scores.value_ok += (
                    render_like(gold.value, by_span[(match[0], match[1])]) == gold.value
                )
    return scores, seconds


def row(name: str, scores: Scores, seconds: float, n_docs: int) -> str:
    """One markdown table row."""
    _, _, strict_f1 = scores.prf(scores.strict)
    rp, rr, rf = scores.prf(scores.relaxed)
    value_f1 = scores.value_accuracy * rf
    return (
        f"| {name} | {seconds:.2f} | {n_docs / seconds:,.0f} | {scores.system} | {strict_f1:.3f} | "
        f"{rp:.3f} / {rr:.3f} / {rf:.3f} | {scores.value_accuracy:.3f} | {value_f1:.3f} |"
    )


def main() -> int:
    """Run both, print and write the markdown report."""
    if not TBAQ_DIR.is_dir():
        print(f"skipped: {TBAQ_DIR} not found")
        return 0
    import dateparser

    docs = read_tbaq()
    ours, ours_s = run_ours(docs)
    theirs, theirs_s = run_dateparser(docs)
    lines = machine_header("Date normalization: newsfacts vs dateparser.search_dates")
    lines += [
        f"- dateparser {dateparser.__version__}; corpus: tbaq-cleaned, {len(docs)} docs, "
        f"{ours.gold} gold TIMEX3 (DCT excluded)",
        "",
        "Same process, same documents, DCT as base (`RELATIVE_BASE` for dateparser). Value",
        "accuracy is over gold timexes matched by overlap; dateparser's datetimes are rendered at",
        "the gold value's granularity (day, month, year, clock time), which favours it; it cannot",
        "express quarters, weeks, durations or PRESENT_REF, so those count as wrong for it.",
        "Value F1 = value accuracy x relaxed F1 (TempEval-3 attribute F1).",
        "",
        "| system | seconds | docs/s | found | strict F1 | relaxed P / R / F1 | value acc. "
        "| value F1 |",
        "|---|---|---|---|---|---|---|---|",
        row("newsfacts find_timexes", ours, ours_s, len(docs)),
        row("dateparser.search_dates", theirs, theirs_s, len(docs)),
        "",
        f"Speed ratio: newsfacts is {theirs_s / ours_s:,.1f}x faster.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "compare_dateparser.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
