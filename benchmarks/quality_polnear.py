"""Claim attribution quality on PolNeAR (../shared/data/polnear-train-dev): source, cue, content.

PolNeAR v1.0 annotates attributions in US political news as BRAT standoff: `Source`, `Cue` and
`Content` text-bound spans (possibly discontinuous, `start end;start end`) linked by an
`Attribution` event; an `Attribution-no-source` event has no Source. For each text (the whole
file, headline included, so offsets are the annotation's) the claim extractor runs and every
claim gives three system spans: its speaker as written (speaker_start/end), its cue
(cue_start/cue_end) and its content.

Matching: a system span matches a gold span when their characters overlap by at least half the
length of the shorter of the two; each of source, cue and content is matched one to one on its
own (greedy, larger overlap first), and P/R/F1 count matched spans over system claims and over
gold attributions (source: over attributions that have a Source). Files annotated by several
annotators use the first annotation file in name order. Prints `<split> <metric> <value>` per
split (train, dev) and writes benchmarks/results/quality_polnear.md.

    python benchmarks/quality_polnear.py                      # both splits, today's pipeline
    python benchmarks/quality_polnear.py --split dev
    python benchmarks/quality_polnear.py --errors train       # train mistakes, for reading

Errors are printed for train only (`--errors dev` is refused): rules are written from train, dev
is reported.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import common

from newsfacts.extract.model import Claim

POLNEAR = common.SHARED_DATA / "polnear-train-dev"
SPLITS = ("train", "dev")
# Characters searched either side of a claim's evidence sentence for its cue text (a quote
# attributed in the next sentence: '"...," he said.').
CUE_WINDOW = 30

Span = tuple[tuple[int, int], ...]  # one or more (start, end) character ranges


@dataclass
class Attribution:
    source: Span | None
    cue: Span
    content: Span | None


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


# --- gold ------------------------------------------------------------------------------------


def _ranges(field_text: str) -> Span:
    """ "12 20;25 30" -> ((12, 20), (25, 30))."""
    return tuple(tuple(map(int, part.split())) for part in field_text.split(";"))  # type: ignore[misc]


def read_ann(path: Path) -> list[Attribution]:
    """Attributions of one BRAT file: Source / Cue / Content spans joined by their event."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            if label in ("Source", "Cue", "Content"):
                spans[parts[0]] = _ranges(ranges)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            events.append(args)
    out = []
    for args in events:
        if args.get("Cue") not in spans:
            continue
        out.append(
            Attribution(
                source=spans.get(args.get("Source", "")),
                cue=spans[args["Cue"]],
                content=spans.get(args.get("Content", "")),
            )
        )
    return out


def read_split(split: str, root: Path = POLNEAR) -> list[Article]:
    """The articles of one split with their attributions (first annotation file per text)."""
    articles = []
    for text_path in sorted((root / split / "text").glob("*.txt")):
        anns = sorted((root / split / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(Article(text_path.stem, text, read_ann(anns[0])))
    return articles


# --- system ----------------------------------------------------------------------------------


def pipeline_claims(text: str) -> list[Claim]:
    """Claims of today's extraction pipeline (newsfacts.extract.extract)."""
    from newsfacts.extract import extract

    return extract(text).claims


def claims_only(text: str) -> list[Claim]:
    """Claims after entities and dates only (no events): the same claims, faster."""
    from newsfacts.extract import claims, entities, timexes
    from newsfacts.extract.model import DocumentFacts

    facts = DocumentFacts()
    entities.add_entities(text, facts)
    facts.timexes = timexes.find_timexes(text, None)
    claims.add_claims(text, facts, None)
    return facts.claims


EXTRACTORS: dict[str, Callable[[str], list[Claim]]] = {
    "pipeline": pipeline_claims,
    "claims": claims_only,
}


def cue_span(text: str, claim: Claim) -> Span:
    """The claim's cue: Claim.cue_start/cue_end; for a claim without them, its cue text located
    in its sentence (widened), outside its content, nearest the speaker, else the speaker's end."""
    if claim.cue_start is not None and claim.cue_end is not None:
        return ((claim.cue_start, claim.cue_end),)
    lo = max(0, min(claim.start, claim.speaker_start) - CUE_WINDOW)
    hi = min(len(text), max(claim.end, claim.speaker_end) + CUE_WINDOW)
    best: tuple[int, int] | None = None
    needle = re.escape(claim.cue.strip().lower())
    for m in re.finditer(rf"(?<!\w){needle}(?!\w)", text[lo:hi].lower()) if needle else ():
        s, e = lo + m.start(), lo + m.end()
        if claim.content_start <= s < claim.content_end and not claim.is_quote:
            continue
        if best is None or _gap((s, e), claim) < _gap(best, claim):
            best = (s, e)
    return (best or (claim.speaker_end, claim.speaker_end + 1),)


def _gap(span: tuple[int, int], claim: Claim) -> int:
    """Characters between a span and the claim's speaker."""
    return max(claim.speaker_start - span[1], span[0] - claim.speaker_end, 0)


def system_spans(text: str, claim: Claim) -> tuple[Span, Span, Span]:
    """(source, cue, content) spans of one system claim."""
    source = ((claim.speaker_start, claim.speaker_end),)
    return source, cue_span(text, claim), ((claim.content_start, claim.content_end),)


# --- matching --------------------------------------------------------------------------------


def _length(span: Span) -> int:
    return sum(e - s for s, e in span)


def overlap(a: Span, b: Span) -> int:
    """Characters two (possibly discontinuous) spans share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def spans_match(a: Span, b: Span) -> bool:
    """Overlap of at least half the shorter span."""
    shorter = min(_length(a), _length(b))
    return shorter > 0 and 2 * overlap(a, b) >= shorter


def match(system: list[Span], gold: list[Span]) -> dict[int, int]:
    """One-to-one gold index -> system index, greedy by overlap (ties: gold then system order)."""
    pairs = [
        (overlap(s, g), gi, si)
        for gi, g in enumerate(gold)
        for si, s in enumerate(system)
        if spans_match(s, g)
    ]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g: dict[int, int] = {}
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g[gi] = si
            used_s.add(si)
    return used_g


@dataclass
class Counts:
    """Matched, system and gold spans per part (source, cue, content)."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    system: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))

    def prf(self, part: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of one part."""
        tp, s, g = self.tp[part], self.system[part], self.gold[part]
        p = tp / s if s else 0.0
        r = tp / g if g else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


PARTS = ("source", "cue", "content")


def score_article(
    article: Article, claims: list[Claim], counts: Counts
) -> dict[str, tuple[list[Span], list[Span], dict[int, int]]]:
    """Add one article's counts; per part, the system and gold spans and the match."""
    sys_parts = [system_spans(article.text, c) for c in claims]
    out = {}
    for i, part in enumerate(PARTS):
        system = [s[i] for s in sys_parts]
        gold = [g for a in article.attributions if (g := getattr(a, part)) is not None]
        matched = match(system, gold)
        counts.tp[part] += len(matched)
        counts.system[part] += len(system)
        counts.gold[part] += len(gold)
        out[part] = (system, gold, matched)
    return out


# --- errors ----------------------------------------------------------------------------------


def _show(text: str, span: Span) -> str:
    return " ... ".join(text[s:e] for s, e in span).replace("\n", " ")


def error_lines(article: Article, claims: list[Claim], parts: dict) -> Iterator[str]:
    """Misses and false positives of one article, per part, with the sentence around."""
    _, gold_cues, cue_match = parts["cue"]
    for gi, attr in enumerate(article.attributions):
        if gi not in cue_match:
            src = _show(article.text, attr.source) if attr.source else "-"
            yield f"  MISS   cue {_show(article.text, attr.cue)!r} source {src!r}"
    matched_sys = set(cue_match.values())
    for si, claim in enumerate(claims):
        if si not in matched_sys:
            yield f"  FP     cue {claim.cue!r} speaker {claim.speaker!r} | {claim.content[:120]!r}"
    system_src, gold_src, src_match = parts["source"]
    wrong = set(range(len(system_src))) - set(src_match.values())
    for si in sorted(wrong & matched_sys):
        claim = claims[si]
        yield f"  SOURCE cue {claim.cue!r} speaker {claim.speaker!r} | {claim.content[:80]!r}"


# --- command line ----------------------------------------------------------------------------


def evaluate(
    split: str, extractor: Callable[[str], list[Claim]], errors: bool = False
) -> tuple[Counts, int, float]:
    """Counts, articles and seconds of one split; prints errors when asked."""
    counts = Counts()
    articles = read_split(split)
    started = time.perf_counter()
    for article in articles:
        claims = extractor(article.text)
        parts = score_article(article, claims, counts)
        if errors:
            lines = list(error_lines(article, claims, parts))
            if lines:
                print(article.name)
                print("\n".join(lines))
    return counts, len(articles), time.perf_counter() - started


def metric_lines(split: str, counts: Counts) -> list[str]:
    """`<split> <metric> <value>` lines."""
    lines = []
    for part in PARTS:
        p, r, f = counts.prf(part)
        lines += [
            f"{split} {part}_precision {p:.3f} ({counts.tp[part]}/{counts.system[part]})",
            f"{split} {part}_recall {r:.3f} ({counts.tp[part]}/{counts.gold[part]})",
            f"{split} {part}_f1 {f:.3f}",
        ]
    return lines


# Today's regex rules before the parse (newsfacts.extract.claims at commit e63eee4), measured
# by this script then: (precision, recall, F1) per split and part.
BASELINE = {
    "train": {"source": (0.749, 0.336, 0.464), "cue": (0.753, 0.313, 0.442),
              "content": (0.765, 0.318, 0.449)},
    "dev": {"source": (0.764, 0.347, 0.477), "cue": (0.758, 0.325, 0.455),
            "content": (0.781, 0.334, 0.468)},
}  # fmt: skip


def result_lines(results: dict[str, tuple[Counts, int, float]], extractor: str) -> list[str]:
    """benchmarks/results/quality_polnear.md."""
    lines = common.header(
        "Claim attribution on PolNeAR (benchmarks/quality_polnear.py)", ["newsfacts", "spacy"]
    )
    lines += [
        f"- extractor: `{extractor}`; a span matches when the overlap is at least half the "
        "shorter span; one-to-one per part; errors are read on train only",
        "",
        "| split | articles | seconds | source P / R / F1 | cue P / R / F1 | content P / R / F1 |",
        "|---|---|---|---|---|---|",
    ]
    for split, (counts, n, seconds) in results.items():
        cells = [" / ".join(f"{v:.3f}" for v in counts.prf(p)) for p in PARTS]
        lines.append(f"| {split} | {n} | {seconds:.0f} | " + " | ".join(cells) + " |")
    lines += ["", "Baseline: the regex rules before the parse (commit e63eee4):", ""]
    lines += ["| split | source P / R / F1 | cue P / R / F1 | content P / R / F1 |"]
    lines += ["|---|---|---|---|"]
    for split, parts in BASELINE.items():
        cells = [" / ".join(f"{v:.3f}" for v in parts[p]) for p in PARTS]
        lines.append(f"| {split} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, help="One split (default: both, apart).")
    parser.add_argument("--errors", choices=SPLITS, help="Print the train split's mistakes.")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="pipeline")
    parser.add_argument("--no-write", action="store_true", help="Do not write the result file.")
    args = parser.parse_args(argv)
    if args.errors == "dev":
        print("refused: dev errors are not read (rules come from train; dev is reported)")
        return 2
    common.skip_without(POLNEAR, "quality_polnear")
    splits = ("train",) if args.errors else ((args.split,) if args.split else SPLITS)
    results = {}
    for split in splits:
        results[split] = evaluate(split, EXTRACTORS[args.extractor], bool(args.errors))
        print("\n".join(metric_lines(split, results[split][0])), flush=True)
    if not args.errors and not args.no_write and len(results) == len(SPLITS):
        common.write_result("quality_polnear", result_lines(results, args.extractor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
