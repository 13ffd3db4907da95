"""Readers and TempEval-3-style scoring for the annotated timex corpora in ../shared/data.

Consumes TimeML files (tbaq-cleaned) and MEANTIME CAT XML files; produces plain-text documents
with their creation date and gold timex spans, and strict/relaxed/value scores. Nothing here is
copied into the repository: the data is read at run time only.
"""

from __future__ import annotations

import datetime as dt
import html
import platform
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TBAQ_DIR = DATA_DIR / "tbaq-cleaned"
MEANTIME_DIR = DATA_DIR / "meantime-apple" / "intra-doc"
RESULTS_DIR = Path(__file__).resolve().parent / "results"

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SENTENCE = re.compile(r"[.!?][\"')]?\s+(?=[\"'(]?[A-Z0-9])|\n\s*\n")


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: dt.date
    timexes: list[GoldTimex] = field(default_factory=list)
    scored_until: int | None = None  # system timexes starting here or later are not scored
    ignored: list[tuple[int, int]] = field(default_factory=list)  # spans never scored (DCT line)


def count_sentences(text: str) -> int:
    """Rough sentence count (for sentences/s): sentence-final punctuation and blank lines."""
    return len(_SENTENCE.findall(text.strip())) + 1


def read_timeml(path: Path) -> GoldDoc:
    """Read one TimeML file: the <TEXT> content without tags, its TIMEX3s and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    dct = dt.date.fromisoformat(dct_match.group(1)) if dct_match else dt.date(2000, 1, 1)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    parts: list[str] = []
    length, open_timex, timexes = 0, None, []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            if open_timex is not None:
                attrs = open_timex[1]
                timexes.append(
                    GoldTimex(open_timex[0], length, attrs.get("type", ""), attrs.get("value", ""))
                )
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
    parts.append(html.unescape(body[pos:]))
    return GoldDoc(path.stem, "".join(parts), dct, timexes)


def read_tbaq() -> list[GoldDoc]:
    """All TimeBank and AQUAINT documents of tbaq-cleaned, sorted by name."""
    return [read_timeml(p) for p in sorted(TBAQ_DIR.glob("*/*.tml"))]


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't", "'", "''", "'re", "'ve"}
_NO_SPACE_AFTER = {"(", "$", "``", "#"}


def read_meantime(path: Path) -> GoldDoc:
    """Read one MEANTIME CAT file: detokenised text, its TIMEX3s and the creation time."""
    root = ET.parse(path).getroot()
    starts: dict[str, tuple[int, int]] = {}
    sentence_end: dict[int, int] = {}
    text, last_sentence, prev = "", None, ""
    for tok in root.iter("token"):
        word, sentence = tok.text or "", tok.get("sentence")
        if text:
            if sentence != last_sentence:
                text += "\n"
            elif word not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
                text += " "
        starts[tok.get("t_id", "")] = (len(text), len(text) + len(word))
        text += word
        sentence_end[int(sentence or 0)] = len(text)
        last_sentence, prev = sentence, word
    doc = GoldDoc(path.stem, text, dt.date(2000, 1, 1))
    for tx in root.iter("TIMEX3"):
        anchors = [starts[a.get("t_id", "")] for a in tx.iter("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            doc.dct = dt.date.fromisoformat(tx.get("value", "")[:10])
            if anchors:
                doc.ignored.append((anchors[0][0], anchors[-1][1]))
            continue
        if anchors:
            doc.timexes.append(
                GoldTimex(anchors[0][0], anchors[-1][1], tx.get("type", ""), tx.get("value", ""))
            )
    # MEANTIME annotates the title and the first sentences only; score that region alone
    annotated = [
        int(t.get("sentence", 0)) for t in root.iter("token") if t.get("t_id") in _anchored(root)
    ]
    doc.scored_until = sentence_end[max(annotated)] if annotated else None
    return doc


def _anchored(root: ET.Element) -> set[str]:
    """Token ids that some markable (entity, event, timex) of the file is anchored to."""
    return {a.get("t_id", "") for a in root.iter("token_anchor")}


def read_meantime_all() -> list[GoldDoc]:
    """All 30 English Apple documents of MEANTIME (document-level annotation)."""
    return [read_meantime(p) for p in sorted(MEANTIME_DIR.glob("*.xml"))]


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall, F1 for a number of matched items."""
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0


def match_spans(
    gold: list[tuple[int, int]], system: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one overlap matching (exact matches first): returns (gold index, system index)."""
    pairs, used_g, used_s = [], set(), set()
    for exact in (True, False):
        for gi, (gs, ge) in enumerate(gold):
            if gi in used_g:
                continue
            for si, (ss, se) in enumerate(system):
                if si in used_s:
                    continue
                if (gs, ge) == (ss, se) if exact else (ss < ge and gs < se):
                    pairs.append((gi, si))
                    used_g.add(gi)
                    used_s.add(si)
                    break
    return pairs


def score_doc(
    doc: GoldDoc, system: list[tuple[int, int, str, str | None]], scores: Scores
) -> list[tuple[GoldTimex, tuple[int, int, str, str | None] | None]]:
    """Add one document to `scores`; returns gold timexes paired with their system match."""
    system = [
        s
        for s in system
        if (doc.scored_until is None or s[0] < doc.scored_until)
        and not any(s[0] < ie and is_ < s[1] for is_, ie in doc.ignored)
    ]
    gold_spans = [(g.start, g.end) for g in doc.timexes]
    pairs = match_spans(gold_spans, [(s[0], s[1]) for s in system])
    scores.gold += len(doc.timexes)
    scores.system += len(system)
    matched: dict[int, tuple[int, int, str, str | None]] = {}
    for gi, si in pairs:
        g, s = doc.timexes[gi], system[si]
        matched[gi] = s
        scores.relaxed += 1
        scores.strict += (g.start, g.end) == (s[0], s[1])
        scores.value_ok += g.value == s[3]
        scores.type_ok += g.type == s[2]
    return [(g, matched.get(i)) for i, g in enumerate(doc.timexes)]


def machine_header(title: str) -> list[str]:
    """Markdown lines naming the machine, versions, date and commit of a benchmark run."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = "unknown"
    cpu = platform.processor() or platform.machine()
    return [
        f"# {title}",
        "",
        f"- date: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"- machine: {platform.node() and 'linux host'} {cpu}, {platform.system()} "
        f"{platform.release()}, {__import__('os').cpu_count()} cores",
        f"- python: {sys.version.split()[0]}; commit: {commit}",
    ]
