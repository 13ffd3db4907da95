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
    event_class: dict[str, str] = field(default_factory=dict)  # event mention -> class
    non_date_anchors: int = 0  # anchors to durations or PRESENT_REF-like values: not dates
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
            if elem.get("functionInDocument") == "CREATION_TIME" and elem.get("value"):
                doc.dct = date.fromisoformat(elem.get("value")[:10])
            else:  # TLINKs to the creation time are the default anchor, not a stated date
                timex_values[elem.get("m_id")] = elem.get("value")
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
    for elem in markables.findall("EVENT_MENTION"):
        doc.event_class[elem.get("m_id")] = mention_instance.get(elem.get("m_id")) or ""
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
        if rel.get("reltype") not in ANCHOR_RELS or not value or src not in doc.spans:
            continue
        if value[:1].isdigit():
            doc.anchors[src] = value
        else:
            doc.non_date_anchors += 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cue_span(body: str, claim) -> tuple[int, int]:
    """Char span of a claim's cue: its first word (Claim.cue_start on); for a claim without cue
    offsets, the cue's first word nearest to the speaker outside the content."""
    word = claim.cue.split()[0].rstrip(",")
    if claim.cue_start is not None:
        return claim.cue_start, claim.cue_start + len(word)
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
    n: dict[str, int] = {}
    for path in sorted(folder.glob("*.xml")):
        gold = load_meantime(path)
        facts = extract(gold.body, gold.dct)
        _score_speakers(gold, facts, n)
        _score_events(gold, facts, n)
        _score_dates(gold, facts, n)
    out: dict[str, float] = dict(n)
    r = _ratio(n, "tp", "gold")
    for name, pred in (("", "pred_region"), ("_all", "pred"), ("_scoped", "pred_scoped")):
        p = _ratio(n, "tp" if name != "_scoped" else "tp_scoped", pred)
        out[f"precision{name}"] = p
        out[f"f1{name}"] = 2 * p * r / (p + r) if p + r else 0.0
    out["recall"] = r
    out["org_recall"] = _ratio(n, "org_hit", "org_gold")
    out["date_accuracy"] = _ratio(n, "date_ok", "dated")
    out["date_accuracy_events"] = _ratio(n, "ev_date_ok", "ev_dated")
    out["date_accuracy_claims"] = _ratio(n, "cl_date_ok", "cl_dated")
    out["attach_accuracy"] = _ratio(n, "attach_ok", "anchors")
    return out


def _ratio(n: dict[str, int], hit: str, total: str) -> float:
    """n[hit] / n[total], 0 when the total is 0."""
    return n.get(hit, 0) / n[total] if n.get(total) else 0.0


def _add(n: dict[str, int], key: str, value: int | bool = 1) -> None:
    n[key] = n.get(key, 0) + int(value)


def _gold_event_at(gold: GoldDoc, span: tuple[int, int]) -> str | None:
    """The gold event mention overlapping a span, if any."""
    for m in gold.event_class:
        if m in gold.spans and _overlap(gold.spans[m], span):
            return m
    return None


def _in_scope(gold: GoldDoc, claim, cue: tuple[int, int]) -> bool:
    """Whether the gold could judge a claim: its cue is a gold speech event with an Arg0, or no
    gold event at all (an invented cue). Cues the gold annotates as another event class or as
    speech without an Arg0, and "according to" (a preposition, never a MEANTIME event), are
    outside what the gold measures."""
    event = _gold_event_at(gold, cue)
    if event is None:
        return claim.cue != "according to"
    return any(e == event for e, _ in gold.speech)


def _score_speakers(gold: GoldDoc, facts: DocumentFacts, n: dict[str, int]) -> None:
    """A claim is right when its cue and speaker overlap one gold (event, Arg0) pair."""
    pairs = [(gold.spans[e], gold.spans[a]) for e, a in gold.speech]
    _add(n, "gold", len(pairs))
    matched: set[int] = set()
    for claim in facts.claims:
        region = claim.start < gold.annotated_end
        cue = _cue_span(gold.body, claim)
        scoped = region and _in_scope(gold, claim, cue)
        _add(n, "pred")
        _add(n, "pred_region", region)
        _add(n, "pred_scoped", scoped)
        speaker = (claim.speaker_start, claim.speaker_end)
        for i, (g_cue, g_speaker) in enumerate(pairs):
            if i not in matched and _overlap(cue, g_cue) and _overlap(speaker, g_speaker):
                matched.add(i)
                _add(n, "tp")
                _add(n, "tp_scoped", scoped)
                break


def _score_events(gold: GoldDoc, facts: DocumentFacts, n: dict[str, int]) -> None:
    """ORG participant recall of our events whose trigger overlaps a gold event mention."""
    for event in facts.events:
        trigger = (event.trigger_start, event.trigger_end)
        hits = [m for m in gold.org_participants if _overlap(gold.spans[m], trigger)]
        if not hits:
            continue
        _add(n, "ev")
        keys = {p.company_key for p in event.participants}
        for m in hits:
            for org in gold.org_participants.get(m, []):
                span = gold.spans[org]
                found = {
                    c.company_key
                    for c in facts.company_mentions
                    if _overlap((c.start, c.end), span)
                }
                _add(n, "org_gold")
                _add(n, "org_hit", bool(found & keys))


def _score_dates(gold: GoldDoc, facts: DocumentFacts, n: dict[str, int]) -> None:
    """Dates against gold anchors: our events (by trigger) and claims (by cue, the statement is
    the event) end to end, and our date attachment rule run on every gold anchored trigger."""
    from newsfacts.extract.events import event_timex

    dated = {m: gold.spans[m] for m in gold.anchors}
    for event in facts.events:
        hit = next(
            (
                m
                for m, sp in dated.items()
                if _overlap(sp, (event.trigger_start, event.trigger_end))
            ),
            None,
        )
        if hit:
            for key in ("dated", "ev_dated"):
                _add(n, key)
            ok = event.date_value == gold.anchors[hit]
            for key in ("date_ok", "ev_date_ok"):
                _add(n, key, ok)
    for claim in facts.claims:
        cue = _cue_span(gold.body, claim)
        hit = next((m for m, sp in dated.items() if _overlap(sp, cue)), None)
        if hit:
            for key in ("dated", "cl_dated"):
                _add(n, key)
            ok = claim.claim_date == gold.anchors[hit]
            for key in ("date_ok", "cl_date_ok"):
                _add(n, key, ok)
    _add(n, "non_date_anchors", gold.non_date_anchors)
    for m, (s, e) in dated.items():
        line = (gold.body.rfind("\n", 0, s) + 1, _line_end(gold.body, s))
        timex = event_timex(gold.body, facts.timexes, line, s, e)
        _add(n, "anchors")
        _add(n, "attach_ok", bool(timex) and timex.value == gold.anchors[m])


def _line_end(body: str, pos: int) -> int:
    """End of the line (gold sentence) holding pos."""
    end = body.find("\n", pos)
    return len(body) if end < 0 else end


def _timeml_text(elem: ET.Element, parts: list[str], spans: dict[str, tuple[int, int]]) -> None:
    """Append an element's text to parts, recording the char span of every EVENT and TIMEX3."""
    start = sum(map(len, parts))
    parts.append(elem.text or "")
    for child in elem:
        _timeml_text(child, parts, spans)
        parts.append(child.tail or "")
    ident = elem.get("eid") or elem.get("tid")
    if ident and elem.tag in ("EVENT", "TIMEX3"):
        spans[ident] = (start, start + len(elem.text or ""))


def score_timebank_attachment(folder: Path) -> dict[str, int]:
    """Our date attachment on TimeBank/AQUAINT events anchored in a text date, with the reasons
    of the misses: gold date in another sentence, normalised differently, not found, or our rule
    picking another date of the sentence."""
    from newsfacts.extract.event_context import sentence_spans
    from newsfacts.extract.events import event_timex
    from newsfacts.extract.timexes import find_timexes

    n: dict[str, int] = {}
    for path in sorted(folder.rglob("*.tml")):
        root = ET.parse(path).getroot()
        dct_elem = root.find("DCT/TIMEX3")
        dct = date.fromisoformat(dct_elem.get("value")[:10]) if dct_elem is not None else None
        parts: list[str] = []
        spans: dict[str, tuple[int, int]] = {}
        _timeml_text(root.find("TEXT"), parts, spans)
        body = "".join(parts)
        values = {t.get("tid"): t.get("value") or "" for t in root.iter("TIMEX3")}
        instance = {m.get("eiid"): m.get("eventID") for m in root.iter("MAKEINSTANCE")}
        timexes = find_timexes(body, dct)
        sentences = sentence_spans(body)
        for link in root.iter("TLINK"):
            event = instance.get(link.get("eventInstanceID"))
            tid = link.get("relatedToTime")
            value = values.get(tid, "")
            if link.get("relType") not in ANCHOR_RELS or event not in spans or tid not in spans:
                continue
            if not value[:1].isdigit():
                continue
            s, e = spans[event]
            sentence = next(((a, b) for a, b in sentences if a <= s < b), (s, e))
            timex = event_timex(body, timexes, sentence, s, e)
            _add(n, "total")
            _add(n, _attachment_outcome(timex, value, timexes, spans[tid], sentence))
    return n


def _attachment_outcome(timex, value: str, timexes: list, gold: tuple[int, int], sentence) -> str:
    """Why a date attachment is right or wrong."""
    if timex and timex.value == value:
        return "right"
    ours = [t for t in timexes if t.start < gold[1] and gold[0] < t.end]
    if not ours:
        return "gold_date_not_found"
    if ours[0].value != value:
        return "gold_date_other_value"
    if not sentence[0] <= gold[0] < sentence[1]:
        return "gold_date_other_sentence"
    return "rule_picked_another"


def print_seeds(folder: Path) -> dict[str, int]:
    """Print every claim and event of the seed articles; return their counts."""
    from newsfacts.normalize import normalize_record

    counts = {"docs": 0, "claims": 0, "events": 0}
    for path in sorted(folder.glob("*.txt")):
        doc = normalize_record(path.stem, "txt", path.read_text(encoding="utf-8"), str(path))
        facts = extract(doc.body, doc.published_date)
        counts["docs"] += 1
        counts["claims"] += len(facts.claims)
        counts["events"] += len(facts.events)
        print(f"== {path.name} (published {doc.published_date})")
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


def _meantime_lines(s: dict[str, float]) -> list[str]:
    """The MEANTIME section of the results file."""
    i = int
    return [
        "## MEANTIME (corpus_apple, 30 documents)",
        "",
        "| measure | value | counts | target |",
        "|---|---|---|---|",
        f"| speaker + cue precision, scoped | {s['precision_scoped']:.3f} | "
        f"{i(s['tp_scoped'])}/{i(s['pred_scoped'])} claims | |",
        f"| speaker + cue precision, annotated sentences | {s['precision']:.3f} | "
        f"{i(s['tp'])}/{i(s['pred_region'])} claims | |",
        f"| speaker + cue precision, all sentences | {s['precision_all']:.3f} | "
        f"{i(s['tp'])}/{i(s['pred'])} claims | |",
        f"| speaker + cue recall | {s['recall']:.3f} | "
        f"{i(s['tp'])}/{i(s['gold'])} SPEECH_COGNITIVE with Arg0 | |",
        f"| speaker + cue F1, scoped | {s['f1_scoped']:.3f} | | >= 0.85 |",
        f"| speaker + cue F1, annotated sentences | {s['f1']:.3f} | | |",
        f"| speaker + cue F1, all sentences | {s['f1_all']:.3f} | | |",
        f"| ORG participant recall (events matching a gold event) | {s['org_recall']:.3f} | "
        f"{i(s['org_hit'])}/{i(s['org_gold'])} over {i(s['ev'])} matched events | |",
        f"| date accuracy, our events + claims on anchored gold events | {s['date_accuracy']:.3f} | "
        f"{i(s['date_ok'])}/{i(s['dated'])} | >= 0.80 |",
        f"| - events only | {s['date_accuracy_events']:.3f} | "
        f"{i(s['ev_date_ok'])}/{i(s['ev_dated'])} | |",
        f"| - claims only (claim_date) | {s['date_accuracy_claims']:.3f} | "
        f"{i(s['cl_date_ok'])}/{i(s['cl_dated'])} | |",
        f"| date attachment on every gold anchored trigger | {s['attach_accuracy']:.3f} | "
        f"{i(s['attach_ok'])}/{i(s['anchors'])} | |",
        "",
        "MEANTIME annotates events only in the opening sentences of each article, so claims found "
        "later have no gold to match. A claim is right when its cue and its speaker span both "
        "overlap one gold SPEECH_COGNITIVE event and its Arg0. Three precisions: *all sentences* "
        "counts every claim; *annotated sentences* only claims whose sentence lies in the "
        "annotated part (up to the last sentence holding an event mention); *scoped* further "
        "leaves out claims the gold cannot judge: those whose cue the gold annotates as an event of "
        'another class or as speech without an Arg0 (e.g. an "announced" tagged OTHER), and '
        '"according to" cues (a preposition, never a MEANTIME event). A claim whose cue is no '
        "gold event at all stays in scope and counts as wrong. Recall is the same for all three.",
        "",
        "Dates: gold anchors are IS_INCLUDED / SIMULTANEOUS / DURING TLINKs from an event to a "
        "TIMEX in the text with a calendar value (TLINKs to the creation time are the annotators' "
        f"default and are not used; {i(s['non_date_anchors'])} anchors to durations or "
        "PRESENT_REF-like values are left out because events and claims carry calendar dates "
        "only). End to end, an event is matched by its trigger and a claim by its cue (a "
        "statement is itself an event, its date is claim_date); the value must equal the gold "
        "value exactly. The attachment row runs our date rule (events.event_timex) on every gold "
        "anchored trigger with our own timexes, so it measures attachment plus normalisation "
        "independently of which triggers we detect.",
        "",
    ]


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
        lines += _meantime_lines(s)
    tbaq = DATA / "tbaq-cleaned"
    if tbaq.is_dir():
        tb = score_timebank_attachment(tbaq)
        print(f"tbaq-cleaned date attachment: {tb}")
        right, total = tb.get("right", 0), tb.get("total", 0)
        local = right + tb.get("rule_picked_another", 0)
        lines += [
            "## TimeBank + AQUAINT (tbaq-cleaned, 256 documents): date attachment",
            "",
            "| measure | value | counts | target |",
            "|---|---|---|---|",
            f"| date attachment on gold anchored events | {right / total if total else 0:.3f} | "
            f"{right}/{total} | |",
            f"| - when the gold date is in the sentence and normalised alike | "
            f"{right / local if local else 0:.3f} | {right}/{local} | |",
            f"| misses: gold date in another sentence | | {tb.get('gold_date_other_sentence', 0)} | |",
            f"| misses: gold date normalised to another value | | "
            f"{tb.get('gold_date_other_value', 0)} | |",
            f"| misses: gold date not found | | {tb.get('gold_date_not_found', 0)} | |",
            "",
            "Every event with an IS_INCLUDED / SIMULTANEOUS / DURING TLINK to a TIMEX in the text "
            "whose value is a calendar date; our timexes (timexes.find_timexes with the DCT) and "
            "our attachment rule (events.event_timex) on the gold event's span inside our sentence; "
            "right when the chosen timex's value equals the gold value exactly. This measures "
            "attachment plus normalisation on many more events than MEANTIME holds; TimeBank's "
            "events are all kinds of events, not only business ones.",
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
