"""Quality and speed of claim and event extraction on ../shared/data (skipped when absent).

- meantime-apple: speaker attribution (speaker + cue P/R/F1) against SPEECH_COGNITIVE events with
  an Arg0, ORG participant recall of detected events, event date accuracy against TIMEX anchors.
- seeds: every claim and event printed for reading (stdout only: seed text stays out of the repo).
- bbc-news: documents/s of the whole extraction (entities, dates, events, claims) on one core.
Writes benchmarks/results/quality_claims_events.md with the numbers printed.
"""

from __future__ import annotations

import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsfacts.extract import extract
from newsfacts.extract.model import DocumentFacts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "quality_claims_events.md"
# TLINK types that anchor an event inside a time expression.
ANCHOR_RELS = {"IS_INCLUDED", "SIMULTANEOUS", "DURING"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "%", "'s", "n't", "?", "!", "'", "''"}
_NO_SPACE_AFTER = {"(", "$", "``"}


@dataclass
class GoldDoc:
    body: str
    dct: date | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # mention id -> chars
    speech: list[tuple[str, str]] = field(default_factory=list)  # (event mention, Arg0 mention)
    org_participants: dict[str, list[str]] = field(default_factory=dict)  # event -> ORG mentions
    anchors: dict[str, str] = field(default_factory=dict)  # event mention -> TIMEX value
    annotated_end: int = (
        0  # MEANTIME annotates events only in the opening sentences: chars up to here
    )


def _detokenize(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Body text (one sentence a line) and token id -> char span from CAT tokens."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, prev_sentence, prev_text, quote_open = 0, None, "", False
    for t_id, sentence, text in tokens:
        sep = ""
        if prev_sentence is not None and sentence != prev_sentence:
            sep = "\n"
        elif prev_sentence is not None:
            closing = text == '"' and quote_open
            glued = text in _NO_SPACE_BEFORE or closing or prev_text in _NO_SPACE_AFTER
            glued = glued or (prev_text == '"' and quote_open and not closing)
            sep = "" if glued else " "
        if text == '"':
            quote_open = not quote_open
        parts.append(sep + text)
        pos += len(sep)
        offsets[t_id] = (pos, pos + len(text))
        pos += len(text)
        prev_sentence, prev_text = sentence, text
    return "".join(parts), offsets


def _mention_span(elem: ET.Element, tok: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """Char span covering a markable's token anchors."""
    ids = [a.get("t_id") for a in elem.findall("token_anchor")]
    spans = [tok[i] for i in ids if i in tok]
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def load_meantime(path: Path) -> GoldDoc:
    """Gold speakers, ORG participants and date anchors of one MEANTIME CAT file."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), t.get("sentence"), t.text or "") for t in root.iter("token")]
    body, tok = _detokenize(tokens)
    markables = root.find("Markables")
    doc = GoldDoc(body, None)
    timex_values, instance_class, mention_instance = {}, {}, {}
    for elem in markables:
        span = _mention_span(elem, tok)
        if span:
            doc.spans[elem.get("m_id")] = span
        if elem.tag == "TIMEX3":
            timex_values[elem.get("m_id")] = elem.get("value")
            if elem.get("functionInDocument") == "CREATION_TIME" and elem.get("value"):
                doc.dct = date.fromisoformat(elem.get("value")[:10])
        elif elem.tag in ("EVENT", "ENTITY"):
            instance_class[elem.get("m_id")] = elem.get("class") or elem.get("ent_type")
    event_ends = [
        doc.spans[e.get("m_id")][1]
        for e in markables.findall("EVENT_MENTION")
        if e.get("m_id") in doc.spans
    ]
    last = max(event_ends, default=0)
    doc.annotated_end = body.find("\n", last) if body.find("\n", last) >= 0 else len(body)
    relations = root.find("Relations")
    for rel in relations.findall("REFERS_TO"):
        target = rel.find("target").get("m_id")
        for src in rel.findall("source"):
            mention_instance[src.get("m_id")] = instance_class.get(target)
    _gold_relations(doc, relations, mention_instance, timex_values)
    return doc


def _gold_relations(doc: GoldDoc, relations: ET.Element, cls: dict, timex_values: dict) -> None:
    """Fill speakers, ORG participants and anchors from HAS_PARTICIPANT and TLINK."""
    for rel in relations.findall("HAS_PARTICIPANT"):
        src, tgt = rel.find("source").get("m_id"), rel.find("target").get("m_id")
        if src not in doc.spans or tgt not in doc.spans:
            continue
        if rel.get("sem_role") == "Arg0" and cls.get(src) == "SPEECH_COGNITIVE":
            doc.speech.append((src, tgt))
        if cls.get(tgt) == "ORG":
            doc.org_participants.setdefault(src, []).append(tgt)
    for rel in relations.findall("TLINK"):
        src, tgt = rel.find("source").get("m_id"), rel.find("target").get("m_id")
        value = timex_values.get(tgt)
        dct_value = doc.dct.isoformat() if doc.dct else None
        if rel.get("reltype") in ANCHOR_RELS and value and value != dct_value and src in doc.spans:
            doc.anchors[src] = value


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cue_span(body: str, claim) -> tuple[int, int]:
    """Char span of a claim's cue: its first word, nearest to the speaker outside the content."""
    word = claim.cue.split()[0].rstrip(",")
    best = None
    for m in re.finditer(rf"\b{re.escape(word)}\b", body[claim.start : claim.end]):
        s = claim.start + m.start()
        if claim.content_start <= s < claim.content_end:
            continue
        if best is None or abs(s - claim.speaker_start) < abs(best - claim.speaker_start):
            best = s
    best = claim.speaker_end if best is None else best
    return best, best + len(word)


def score_meantime(folder: Path) -> dict[str, float]:
    """Speaker+cue P/R/F1, ORG participant recall and date accuracy over the corpus."""
    n = {
        "pred": 0,
        "pred_region": 0,
        "gold": 0,
        "tp": 0,
        "ev": 0,
        "org_gold": 0,
        "org_hit": 0,
        "dated": 0,
        "date_ok": 0,
    }
    for path in sorted(folder.glob("*.xml")):
        gold = load_meantime(path)
        facts = extract(gold.body, gold.dct)
        _score_speakers(gold, facts, n)
        _score_events(gold, facts, n)
    p = n["tp"] / n["pred_region"] if n["pred_region"] else 0.0
    r = n["tp"] / n["gold"] if n["gold"] else 0.0
    p_all = n["tp"] / n["pred"] if n["pred"] else 0.0
    return {
        **n,
        "precision_all": p_all,
        "f1_all": 2 * p_all * r / (p_all + r) if p_all + r else 0.0,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "org_recall": n["org_hit"] / n["org_gold"] if n["org_gold"] else 0.0,
        "date_accuracy": n["date_ok"] / n["dated"] if n["dated"] else 0.0,
    }


def _score_speakers(gold: GoldDoc, facts: DocumentFacts, n: dict[str, int]) -> None:
    """A claim is right when its cue and speaker overlap one gold (event, Arg0) pair."""
    pairs = [(gold.spans[e], gold.spans[a]) for e, a in gold.speech]
    n["gold"] += len(pairs)
    matched: set[int] = set()
    for claim in facts.claims:
        n["pred"] += 1
        n["pred_region"] += claim.start < gold.annotated_end
        cue = _cue_span(gold.body, claim)
        speaker = (claim.speaker_start, claim.speaker_end)
        for i, (g_cue, g_speaker) in enumerate(pairs):
            if i not in matched and _overlap(cue, g_cue) and _overlap(speaker, g_speaker):
                matched.add(i)
                n["tp"] += 1
                break


def _score_events(gold: GoldDoc, facts: DocumentFacts, n: dict[str, int]) -> None:
    """ORG participant recall and date accuracy of our events that match a gold event mention."""
    for event in facts.events:
        trigger = (event.trigger_start, event.trigger_end)
        hits = [m for m in gold.org_participants if _overlap(gold.spans[m], trigger)]
        hits += [m for m in gold.anchors if _overlap(gold.spans[m], trigger) and m not in hits]
        if not hits:
            continue
        n["ev"] += 1
        keys = {p.company_key for p in event.participants}
        for m in hits:
            for org in gold.org_participants.get(m, []):
                n["org_gold"] += 1
                span = gold.spans[org]
                found = {
                    c.company_key
                    for c in facts.company_mentions
                    if _overlap((c.start, c.end), span)
                }
                n["org_hit"] += bool(found & keys)
            if m in gold.anchors:
                n["dated"] += 1
                n["date_ok"] += event.date_value == gold.anchors[m]


def print_seeds(folder: Path) -> dict[str, int]:
    """Print every claim and event of the seed articles; return their counts."""
    from newsfacts.boilerplate import clean_plain_text

    counts = {"docs": 0, "claims": 0, "events": 0}
    for path in sorted(folder.glob("*.txt")):
        cleaned = clean_plain_text(path.read_text(encoding="utf-8"))
        published = date.fromisoformat(cleaned.date) if cleaned.date else None
        facts = extract(cleaned.body, published)
        counts["docs"] += 1
        counts["claims"] += len(facts.claims)
        counts["events"] += len(facts.events)
        print(f"== {path.name} (published {cleaned.date})")
        for c in facts.claims:
            print(
                f"  CLAIM {c.stance:6} {c.speaker!r} [{c.cue}] via={c.reported_via_key} "
                f"subject={c.subject_company_key} date={c.claim_date} event={c.event_index}"
            )
            print(f"        {c.content!r}")
        for i, e in enumerate(facts.events):
            roles = ", ".join(f"{p.company_key}:{p.role}" for p in e.participants)
            print(
                f"  EVENT {i} {e.event_type}/{e.status} {e.trigger!r} company={e.company_key} "
                f"[{roles}] loc={e.location} date={e.date_value} figure={e.amount} {e.unit}"
            )
    return counts


def speed_bbc(folder: Path) -> tuple[int, float]:
    """(documents, seconds) of the whole extraction over every BBC article."""
    bodies = []
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        _, _, body = text.partition("\n\n")
        bodies.append(body.strip())
    started = time.process_time()
    for body in bodies:
        extract(body, None)
    return len(bodies), time.process_time() - started


def speed_claims_events(folder: Path) -> float:
    """CPU seconds of the events and claims stages alone over every BBC article."""
    from newsfacts.extract import claims, entities, events, timexes

    spent = 0.0
    for path in sorted(folder.rglob("*.txt")):
        body = path.read_bytes().decode("utf-8", errors="replace").partition("\n\n")[2].strip()
        facts = DocumentFacts()
        entities.add_entities(body, facts)
        facts.timexes = timexes.find_timexes(body, None)
        started = time.process_time()
        events.add_events(body, facts, None)
        claims.add_claims(body, facts, None)
        spent += time.process_time() - started
    return spent


def main() -> int:
    """Run every measure whose data is present and write the markdown table."""
    if not DATA.is_dir():
        print(f"skipped: {DATA} absent")
        return 0
    lines = [
        "# Claims and events: quality and speed",
        "",
        "Written by `benchmarks/quality_claims_events.py` on the data in ../shared/data.",
        "",
    ]
    meantime = DATA / "meantime-apple" / "intra-doc"
    if meantime.is_dir():
        s = score_meantime(meantime)
        print(s)
        lines += [
            "## MEANTIME (corpus_apple, 30 documents)",
            "",
            "| measure | value | counts | target |",
            "|---|---|---|---|",
            f"| speaker + cue precision (annotated sentences) | {s['precision']:.3f} | "
            f"{s['tp']}/{s['pred_region']} claims | |",
            f"| speaker + cue precision (all sentences) | {s['precision_all']:.3f} | "
            f"{s['tp']}/{s['pred']} claims | |",
            f"| speaker + cue recall | {s['recall']:.3f} | "
            f"{s['tp']}/{s['gold']} SPEECH_COGNITIVE with Arg0 | |",
            f"| speaker + cue F1 (annotated sentences) | {s['f1']:.3f} | | >= 0.85 |",
            f"| speaker + cue F1 (all sentences) | {s['f1_all']:.3f} | | |",
            f"| ORG participant recall (events matching a gold event) | {s['org_recall']:.3f} | "
            f"{s['org_hit']}/{s['org_gold']} over {s['ev']} matched events | |",
            f"| event date accuracy (gold TIMEX anchor) | {s['date_accuracy']:.3f} | "
            f"{s['date_ok']}/{s['dated']} | >= 0.80 |",
            "",
            "MEANTIME annotates events only in the opening sentences of each article, so claims "
            "found later have no gold to match: the headline precision counts only claims whose "
            "evidence sentence lies in the annotated part (last sentence holding an event "
            "mention); the all-sentences row counts every claim as a guess. A claim is right when "
            "its cue and its speaker span both overlap one gold SPEECH_COGNITIVE event and its "
            "Arg0. Participant recall and date accuracy are over our events whose trigger overlaps "
            "a gold event mention (anchors: IS_INCLUDED / SIMULTANEOUS / DURING TLINKs to a TIMEX "
            "other than the creation time).",
            "",
        ]
    seeds = DATA / "seeds"
    if seeds.is_dir():
        c = print_seeds(seeds)
        lines += [
            "## Seeds",
            "",
            f"{c['docs']} articles, {c['claims']} claims, {c['events']} events "
            "(printed by the benchmark for reading; not copied here).",
            "",
        ]
    bbc = DATA / "bbc-news" / "bbc"
    if bbc.is_dir():
        docs, seconds = speed_bbc(bbc)
        rate = docs / seconds if seconds else 0.0
        print(f"bbc-news: {docs} documents in {seconds:.1f} s CPU = {rate:.0f} documents/s")
        own = speed_claims_events(bbc)
        print(f"events + claims stages alone: {own:.1f} s CPU = {docs / own:.0f} documents/s")
        lines += [
            "## Speed (bbc-news, one core)",
            "",
            "| stages | documents | CPU seconds | documents/s | target |",
            "|---|---|---|---|---|",
            f"| whole extraction | {docs} | {seconds:.1f} | {rate:.0f} | >= 200 |",
            f"| events + claims only | {docs} | {own:.1f} | {docs / own:.0f} | |",
            "",
        ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
