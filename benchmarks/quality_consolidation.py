"""Quality of the cross-document stage (newsfacts/consolidate/) on ../shared/data.

- meantime-apple/intra-cross-doc: B-cubed precision/recall/F1 of our company clusters
  (company_mentions by company_id) and event clusters (event_clusters by canonical_event_id)
  against the gold cross-document instance ids.
- semeval2015-apple-trial: how many gold timeline events of each target entity our
  company_timeline holds, and how many aligned pairs it puts in the gold order.

Both warehouses are built by the plain stage functions (ingest -> normalize -> deduplicate ->
extract -> consolidate, no Prefect, no GX) from one JSON record {title, text, date, url} per
document, so what is scored is what the pipeline stores.

Run: .venv/bin/python benchmarks/quality_consolidation.py  (skips cleanly when ../shared/data
is absent). Writes benchmarks/results/quality_consolidation.md.
"""

from __future__ import annotations

import difflib
import json
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import common  # first: puts the repository on sys.path and disables telemetry
import duckdb  # noqa: E402
from quality_claims_events import _cue_span, _detokenize, load_meantime  # noqa: E402

from newsfacts import stages, warehouse  # noqa: E402

MEANTIME_DIR = common.SHARED_DATA / "meantime-apple" / "intra-cross-doc"
SEMEVAL_DIR = common.SHARED_DATA / "semeval2015-apple-trial"
SEMEVAL_DOCS = SEMEVAL_DIR / "Corpus-trial-data_task4_events_timelines"
SEMEVAL_TIMELINES = SEMEVAL_DIR / "TimeLines_trial_data_task4_v1.2"
RUN_ID = "quality-consolidation"
# MEANTIME syntactic types of proper-name mentions (the rest are NOM, PRO, PTV, ...).
NAMED_TYPES = ("NAM", "PRE.NAM")
# Company whose timeline should hold each SemEval target's events: the target itself when it
# is a company, else the company that makes the product or employs the person. Our warehouse
# may keep one company under several names, so each target lists the names we accept.
TARGET_COMPANIES = {
    "Beatles Apple Corps": ("Apple Corps", "Beatles Apple Corps", "The Beatles' Apple Corps"),
    "iPhone 3G": ("Apple", "Apple Inc.", "Apple Computer"),
    "iPhone 4": ("Apple", "Apple Inc.", "Apple Computer"),
    "iPod": ("Apple", "Apple Inc.", "Apple Computer"),
    "iTunes store": ("Apple", "Apple Inc.", "Apple Computer"),
    "Steve Jobs": ("Apple", "Apple Inc.", "Apple Computer"),
}
# MEANTIME annotates all mentions in the title (sentence 0), dateline (1) and sentences 2-5 only.
ANNOTATED_LAST_SENTENCE = 5
# Gold timeline date of events the annotators could not anchor (SemEval puts them at ordinal 0).
UNDATED = "XXXX-XX-XX"

Span = tuple[int, int]


# ---------------------------------------------------------------- building the warehouses


@dataclass
class SourceDoc:
    """One evaluation document: its gold text, the record we ingest and where the body starts."""

    key: str  # the corpus document id
    text: str  # gold text: title line, then one sentence a line
    record: dict
    body_shift: int  # offset in `text` of the part fed as the record's text
    to_body: Callable[[int], int | None] = lambda _i: None  # gold offset -> documents.body offset


def source_doc(key: str, text: str, dct: str | None, url: str | None) -> SourceDoc:
    """Split the gold text into title (first line) and article text, as a JSON record."""
    title, _, rest = text.partition("\n")
    record = {"title": title, "text": rest, "date": dct, "url": url}
    return SourceDoc(key, text, record, len(title) + 1)


def build_warehouse(docs: list[SourceDoc], folder: Path) -> tuple[duckdb.DuckDBPyConnection, dict]:
    """Ingest one JSON file per document through every stage; returns (connection, key -> doc_id)."""
    inputs = folder / "inputs"
    inputs.mkdir()
    for doc in docs:
        (inputs / f"{doc.key}.json").write_text(json.dumps(doc.record), encoding="utf-8")
    con = duckdb.connect(str(folder / "warehouse.duckdb"))
    warehouse.apply_ddl(con)
    stages.ingest(con, [inputs], RUN_ID)
    stages.normalize(con, RUN_ID)
    stages.deduplicate(con)
    stages.extract(con, RUN_ID)
    stages.consolidate(con, RUN_ID)
    rows = con.execute(
        "SELECT r.source_path, d.doc_id, d.body FROM documents d JOIN raw_documents r USING (raw_id)"
    ).fetchall()
    doc_ids = {}
    by_key = {d.key: d for d in docs}
    for source_path, doc_id, body in rows:
        doc = by_key[Path(source_path).stem]
        doc.to_body = offset_map(doc.text[doc.body_shift :], body, doc.body_shift)
        doc_ids[doc.key] = doc_id
    return con, doc_ids


def offset_map(src: str, dst: str, shift: int) -> Callable[[int], int | None]:
    """Map offsets of `src` (shifted by `shift`) to `dst`: normalize only re-spaces lines and
    drops a few (the dateline), so matching character blocks carry every kept character."""
    table: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for i in range(size):
            table[shift + a + i] = b + i
    return table.get


def body_span(doc: SourceDoc, span: Span) -> Span | None:
    """A gold span in documents.body coordinates; None when it is in the title or was removed."""
    start, last = doc.to_body(span[0]), doc.to_body(span[1] - 1)
    return (start, last + 1) if start is not None and last is not None else None


def duplicates(con: duckdb.DuckDBPyConnection) -> int:
    """Documents the dedup stage flagged (their facts are not extracted)."""
    return con.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[
        0
    ]


# ---------------------------------------------------------------- B-cubed


@dataclass(frozen=True)
class Mention:
    """A gold or predicted mention: document, body span, cluster id, and a flag for variants."""

    doc: str
    span: Span
    cluster: str
    named: bool = True


def overlap(a: Span, b: Span) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align(gold: list[Mention], pred: list[Mention]) -> dict[int, int]:
    """One-to-one gold index -> pred index: same document, overlapping spans, largest overlap
    first (ties: earlier gold mention), greedy."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(pred):
        by_doc[p.doc].append(j)
    candidates = [
        (-overlap(g.span, pred[j].span), i, j)
        for i, g in enumerate(gold)
        for j in by_doc[g.doc]
        if overlap(g.span, pred[j].span) > 0
    ]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def _b3_side(clusters: list[str], other: list[str | None]) -> float:
    """Mean over items of |own cluster ∩ other cluster| / |own cluster|; None in `other` means a
    twinless item, a singleton on the other side."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        members[c].append(i)
    total = 0.0
    for i, c in enumerate(clusters):
        same = 1 if other[i] is None else sum(1 for k in members[c] if other[k] == other[i])
        total += same / len(members[c])
    return total / len(clusters) if clusters else 0.0


def bcubed(gold: list[Mention], pred: list[Mention], aligned_only: bool) -> dict[str, float]:
    """B-cubed P/R/F1. aligned_only scores the aligned pairs alone; otherwise twinless mentions
    stay in, as singletons on the other side (Cai & Strube 2010's B3-sys)."""
    pairs = align(gold, pred)
    back = {j: i for i, j in pairs.items()}
    g_items = [i for i in range(len(gold)) if not aligned_only or i in pairs]
    p_items = [j for j in range(len(pred)) if not aligned_only or j in back]
    recall = _b3_side(
        [gold[i].cluster for i in g_items],
        [pred[pairs[i]].cluster if i in pairs else None for i in g_items],
    )
    precision = _b3_side(
        [pred[j].cluster for j in p_items],
        [gold[back[j]].cluster if j in back else None for j in p_items],
    )
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1, "gold": len(gold), "pred": len(pred),
            "aligned": len(pairs)}  # fmt: skip


def cluster_stats(mentions: list[Mention]) -> tuple[int, int]:
    """(clusters, clusters whose mentions span more than one document)."""
    docs: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        docs[m.cluster].add(m.doc)
    return len(docs), sum(1 for d in docs.values() if len(d) > 1)


def baselines(gold: list[Mention]) -> dict[str, dict[str, float]]:
    """B-cubed of two trivial clusterings of the gold mentions themselves, for scale."""
    single = [Mention(m.doc, m.span, f"{m.doc}:{m.span}") for m in gold]
    lump = [Mention(m.doc, m.span, "all") for m in gold]
    return {
        "every mention alone": bcubed(gold, single, True),
        "all mentions in one cluster": bcubed(gold, lump, True),
    }


# ---------------------------------------------------------------- MEANTIME


@dataclass
class MeantimeGold:
    """Gold ORG and event mentions of one document, in documents.body coordinates."""

    orgs: list[Mention] = field(default_factory=list)
    events: list[Mention] = field(default_factory=list)
    outside_body: dict[str, int] = field(default_factory=lambda: {"org": 0, "event": 0})
    annotated_end: int = 0  # body offset where the annotated sentences end


def meantime_docs() -> list[tuple[Path, SourceDoc]]:
    """Every intra-cross-doc file with its rebuilt text and creation time."""
    out = []
    for path in sorted(MEANTIME_DIR.glob("*.xml")):
        gold = load_meantime(path)
        root = ET.parse(path).getroot()
        dct = gold.dct.isoformat() if gold.dct else None
        out.append((path, source_doc(root.get("doc_id"), gold.body, dct, root.get("url"))))
    return out


def meantime_gold(path: Path, doc: SourceDoc) -> MeantimeGold:
    """ORG entity mentions (cluster: cross-doc instance id) and event mentions (cluster:
    instance id, else the document-level event, as MEANTIME gives cross-doc ids to some events)."""
    spans = load_meantime(path).spans
    root = ET.parse(path).getroot()
    marks = root.find("Markables")
    targets = {e.get("m_id"): e for e in marks if e.tag in ("ENTITY", "EVENT")}
    syntactic = {e.get("m_id"): e.get("syntactic_type") for e in marks}
    gold = MeantimeGold()
    for rel in root.find("Relations").findall("REFERS_TO"):
        target = targets.get(rel.find("target").get("m_id"))
        if target is None or (target.tag == "ENTITY" and target.get("ent_type") != "ORG"):
            continue
        kind = "event" if target.tag == "EVENT" else "org"
        cluster = target.get("instance_id") or f"{doc.key}:{target.get('m_id')}"
        for src in rel.findall("source"):
            span = spans.get(src.get("m_id"))
            mapped = body_span(doc, span) if span else None
            if mapped is None:
                gold.outside_body[kind] += 1
                continue
            named = syntactic.get(src.get("m_id")) in NAMED_TYPES
            getattr(gold, f"{kind}s").append(Mention(doc.key, mapped, cluster, named))
    gold.annotated_end = _annotated_end(doc)
    return gold


def _annotated_end(doc: SourceDoc) -> int:
    """Body offset where sentence ANNOTATED_LAST_SENTENCE ends: MEANTIME annotates every entity
    and event only up to there; later sentences carry only the cross-document targets."""
    line_end = -1
    for _ in range(ANNOTATED_LAST_SENTENCE + 1):
        line_end = doc.text.find("\n", line_end + 1)
        if line_end < 0:
            line_end = len(doc.text)
            break
    for offset in range(line_end - 1, doc.body_shift - 1, -1):
        if (mapped := doc.to_body(offset)) is not None:
            return mapped + 1
    return 0


def predicted_companies(con: duckdb.DuckDBPyConnection, doc_ids: dict) -> list[Mention]:
    """Our company mentions (cluster: company_id); named = found by a rule other than descriptor."""
    keys = {v: k for k, v in doc_ids.items()}
    rows = con.execute(
        "SELECT doc_id, start_char, end_char, company_id, how FROM company_mentions"
    ).fetchall()
    return [Mention(keys[d], (s, e), c, how != "descriptor") for d, s, e, c, how in rows]


def predicted_events(con: duckdb.DuckDBPyConnection, doc_ids: dict) -> list[Mention]:
    """Our events by trigger span (cluster: canonical_event_id)."""
    keys = {v: k for k, v in doc_ids.items()}
    rows = con.execute(
        "SELECT e.doc_id, e.trigger_start, e.trigger_end, c.canonical_event_id "
        "FROM events e JOIN event_clusters c USING (event_id)"
    ).fetchall()
    return [Mention(keys[d], (s, e), c) for d, s, e, c in rows]


def meantime_scores() -> dict:
    """B-cubed of company and event clusters against the MEANTIME cross-document instances."""
    docs = meantime_docs()
    with tempfile.TemporaryDirectory() as tmp, common.timed() as took:
        con, doc_ids = build_warehouse([d for _, d in docs], Path(tmp))
        golds = {doc.key: meantime_gold(path, doc) for path, doc in docs}
        companies = predicted_companies(con, doc_ids)
        events = predicted_events(con, doc_ids)
        dups = duplicates(con)
        con.close()
    ends = {k: g.annotated_end for k, g in golds.items()}
    orgs = [m for g in golds.values() for m in g.orgs]
    gold_events = [m for g in golds.values() for m in g.events]
    named = ([m for m in orgs if m.named], [m for m in companies if m.named])
    whole = {
        "companies, all ORG mentions": (orgs, companies),
        "companies, named only": named,
        "events": (gold_events, events),
    }
    sets = {
        (name, "opening"): tuple(_opening(x, ends) for x in pair) for name, pair in whole.items()
    }
    sets |= {(name, "whole"): pair for name, pair in whole.items()}
    cross = [m for m in gold_events if ":" not in m.cluster]  # doc-level ids hold a colon
    sets[("events with a cross-doc instance id", "whole")] = (cross, events)
    return {
        "docs": len(docs),
        "duplicates": dups,
        "seconds": took.seconds,
        "outside": {k: sum(g.outside_body[k] for g in golds.values()) for k in ("org", "event")},
        "sets": sets,
    }


def _opening(mentions: list[Mention], ends: dict[str, int]) -> list[Mention]:
    """The mentions inside their document's fully annotated opening sentences."""
    return [m for m in mentions if m.span[0] < ends[m.doc]]


def cross_links(gold: list[Mention], pred: list[Mention]) -> dict[str, int]:
    """Pairs of aligned mentions in different documents: linked in the gold, in ours, in both."""
    pairs = [(gold[i], pred[j]) for i, j in align(gold, pred).items()]
    out = {"gold": 0, "ours": 0, "both": 0}
    for a, (ga, pa) in enumerate(pairs):
        for gb, pb in pairs[a + 1 :]:
            if ga.doc == gb.doc:
                continue
            in_gold, in_ours = ga.cluster == gb.cluster, pa.cluster == pb.cluster
            out["gold"] += in_gold
            out["ours"] += in_ours
            out["both"] += in_gold and in_ours
    return out


# ---------------------------------------------------------------- SemEval timelines


@dataclass
class TimelineEntry:
    """One gold timeline line: ordinal, date, document, body span of the trigger."""

    ordinal: int
    date: str
    doc: str
    word: str
    span: Span | None


def semeval_docs() -> dict[str, tuple[SourceDoc, dict]]:
    """Per corpus doc id: the source document and token index (sentence -> [(text, span, is_event)])."""
    out = {}
    for path in sorted(SEMEVAL_DOCS.glob("*.xml")):
        root = ET.parse(path).getroot()
        tokens = [(t.get("t_id"), t.get("sentence"), t.text or "") for t in root.iter("token")]
        text, offsets = _detokenize(tokens)
        event_tokens = {
            a.get("t_id") for m in root.iter("EVENT_MENTION") for a in m.findall("token_anchor")
        }
        dct = next(
            (t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"),
            None,
        )  # fmt: skip
        sentences: dict[int, list] = defaultdict(list)
        for t_id, sentence, word in tokens:
            sentences[int(sentence)].append((word, offsets[t_id], t_id in event_tokens))
        key = root.get("doc_id")
        out[key] = (source_doc(key, text, dct, root.get("src_url")), sentences)
    return out


def gold_timelines(docs: dict[str, tuple[SourceDoc, dict]]) -> dict[str, list[TimelineEntry]]:
    """Target entity -> its gold timeline mentions ('ordinal TAB date TAB doc-sentence-word...')."""
    out = {}
    for path in sorted(SEMEVAL_TIMELINES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = []
        for line in lines[1:]:
            if not line.strip():
                continue
            ordinal, date, *mentions = line.split("\t")  # several: one event, many reports
            for mention in mentions:
                doc_key, sentence, word = mention.split("-", 2)
                mapped = None  # a few lines cite a document the trial corpus lacks
                if doc_key in docs:
                    doc, sentences = docs[doc_key]
                    span = _find_words(sentences.get(int(sentence), []), word.split("_"))
                    mapped = body_span(doc, span) if span else None
                entries.append(TimelineEntry(int(ordinal), date, doc_key, word, mapped))
        out[lines[0].strip()] = entries
    return out


def _find_words(sentence: list, words: list[str]) -> Span | None:
    """Span of the token run spelling `words` in a sentence, preferring an annotated event."""
    hits = []
    for i in range(len(sentence) - len(words) + 1):
        run = sentence[i : i + len(words)]
        if [w for w, _, _ in run] == words:
            hits.append((not run[0][2], run[0][1][0], run[-1][1][1]))
    return (min(hits)[1], min(hits)[2]) if hits else None


@dataclass(frozen=True)
class TimelineItem:
    """A company_timeline row with one member's trigger (events) or cue (claims) span."""

    company: str
    name: str | None
    item: str
    item_id: str
    date: str | None
    doc: str
    span: Span

    def key(self) -> tuple:
        """The view's own order: date (undated last), events before claims, then id."""
        return (self.date is None, self.date or "", self.item != "event", self.item_id)


def timeline_items(con: duckdb.DuckDBPyConnection, doc_ids: dict) -> list[TimelineItem]:
    """Every timeline row with the spans of its member events' triggers and claims' cues."""
    keys = {v: k for k, v in doc_ids.items()}
    rows = con.execute(
        "SELECT t.company_id, t.company_name, t.item, t.item_id, CAST(t.item_date AS VARCHAR), "
        "e.doc_id, e.trigger_start, e.trigger_end "
        "FROM company_timeline t JOIN event_clusters c ON c.canonical_event_id = t.item_id "
        "JOIN events e USING (event_id) WHERE t.item = 'event'"
    ).fetchall()
    items = [TimelineItem(*r[:5], keys[r[5]], (r[6], r[7])) for r in rows]
    claims = con.execute(
        "SELECT t.company_id, t.company_name, t.item, t.item_id, CAST(t.item_date AS VARCHAR), "
        "k.doc_id, d.body, k.cue, k.start_char, k.end_char, k.content_start, k.content_end, "
        "k.speaker_start, k.speaker_end FROM company_timeline t "
        "JOIN claim_clusters c ON c.canonical_claim_id = t.item_id "
        "JOIN claims k USING (claim_id) JOIN documents d ON d.doc_id = k.doc_id "
        "WHERE t.item = 'claim'"
    ).fetchall()
    for r in claims:
        names = ("cue", "start", "end", "content_start", "content_end", "speaker_start")
        claim = SimpleNamespace(**dict(zip(names, r[7:13], strict=True)), speaker_end=r[13])
        items.append(TimelineItem(*r[:5], keys[r[5]], _cue_span(r[6], claim)))
    return items


def order_pairs(matched: list[tuple[TimelineEntry, TimelineItem]]) -> dict[str, int]:
    """Pairs of aligned gold events with different, known gold dates: ours in the same order,
    reversed, or tied (same item or same date)."""
    counts = {"pairs": 0, "correct": 0, "reversed": 0, "tied": 0}
    for a, (ga, ia) in enumerate(matched):
        for gb, ib in matched[a + 1 :]:
            if UNDATED in (ga.date, gb.date) or ga.ordinal == gb.ordinal:
                continue
            counts["pairs"] += 1
            if ia.item_id == ib.item_id or ia.key()[:2] == ib.key()[:2]:
                counts["tied"] += 1
            elif (ga.ordinal < gb.ordinal) == (ia.key() < ib.key()):
                counts["correct"] += 1
            else:
                counts["reversed"] += 1
    return counts


def score_timeline(entries: list[TimelineEntry], items: list[TimelineItem], names: tuple) -> dict:
    """Gold events found in any company's timeline, in the target company's, and their order."""
    by_doc: dict[str, list[TimelineItem]] = defaultdict(list)
    for item in items:
        by_doc[item.doc].append(item)
    out = {"gold": len(entries), "located": 0, "any": 0, "target": 0, "date_ok": 0, "dated": 0}
    matched = []
    for entry in entries:
        if entry.span is None:
            continue
        out["located"] += 1
        hits = [i for i in by_doc[entry.doc] if overlap(i.span, entry.span) > 0]
        out["any"] += bool(hits)
        own = sorted((i for i in hits if i.name in names), key=TimelineItem.key)
        if own:
            out["target"] += 1
            matched.append((entry, own[0]))
            if entry.date != UNDATED:
                out["dated"] += 1
                out["date_ok"] += bool(own[0].date and own[0].date.startswith(entry.date))
    out.update(order_pairs(matched))
    return out


def semeval_scores() -> dict:
    """Per target entity: gold timeline events our company_timeline holds, and their order."""
    docs = semeval_docs()
    with tempfile.TemporaryDirectory() as tmp, common.timed() as took:
        con, doc_ids = build_warehouse([d for d, _ in docs.values()], Path(tmp))
        timelines = gold_timelines(docs)  # after the build: spans are mapped into bodies
        items = timeline_items(con, doc_ids)
        dups = duplicates(con)
        n_items = con.execute("SELECT count(*) FROM company_timeline").fetchone()[0]
        con.close()
    rows = {
        t: score_timeline(e, items, TARGET_COMPANIES.get(t, (t,))) for t, e in timelines.items()
    }
    return {"docs": len(docs), "duplicates": dups, "seconds": took.seconds, "rows": rows,
            "timeline_rows": n_items}  # fmt: skip


# ---------------------------------------------------------------- report


REGIONS = {"opening": "sentences 0-5", "whole": "whole document"}


def _bcubed_rows(sets: dict) -> list[str]:
    """One row per mention set, region and scoring (twinless mentions are only counted where
    the gold annotates everything, the opening sentences)."""
    rows = []
    for (name, region), (gold, pred) in sets.items():
        for aligned_only in (False, True) if region == "opening" else (True,):
            s = bcubed(gold, pred, aligned_only)
            variant = "aligned pairs only" if aligned_only else "all, twinless = singletons"
            rows.append(
                f"| {name} | {REGIONS[region]} | {variant} | {s['gold']} | {s['pred']} |"
                f" {s['aligned']} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} |"
            )
    return rows


def _cluster_rows(sets: dict) -> list[str]:
    """Clusters, cross-document links and the trivial baselines per mention set."""
    rows = []
    for (name, region), (gold, pred) in sets.items():
        g, p, links = cluster_stats(gold), cluster_stats(pred), cross_links(gold, pred)
        base = "; ".join(
            f"{label}: P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f}"
            for label, s in baselines(gold).items()
        )
        rows.append(
            f"| {name} | {REGIONS[region]} | {g[0]} ({g[1]}) | {p[0]} ({p[1]}) |"
            f" {links['both']}/{links['gold']} | {links['both']}/{links['ours']} | {base} |"
        )
    return rows


def meantime_lines(m: dict) -> list[str]:
    """The MEANTIME section."""
    return [
        "## MEANTIME cross-document clusters (B-cubed)",
        "",
        f"{m['docs']} documents of `meantime-apple/intra-cross-doc`, each fed as one JSON record"
        " (title = first CAT sentence, text = the other sentences one a line, date = the"
        f" creation time, url = the article URL); warehouse built in {m['seconds']:.1f} s;"
        f" {m['duplicates']} documents flagged as duplicates.",
        "",
        "Gold. Company clusters: ENTITY_MENTIONs referring (REFERS_TO) to an ORG entity,"
        " clustered by the entity's cross-document `instance_id` (every ORG entity has one);"
        " 'named only' keeps NAM/PRE.NAM mentions and drops our `descriptor` mentions. Event"
        " clusters: every EVENT_MENTION, clustered by its event's `instance_id` where the corpus"
        " gives one, else by its document-level event (intra-document coreference).",
        "",
        "Mentions the pipeline cannot hold are left out of both sides: gold mentions in the"
        f" title ({m['outside']['org']} ORG, {m['outside']['event']} event mentions; titles are"
        " stored but facts are extracted from the body only) or in a line normalize removed"
        " (the dateline).",
        "",
        "Alignment: same document, overlapping character spans in `documents.body` (gold spans"
        " are mapped from the rebuilt CAT text with difflib matching blocks), one-to-one, largest"
        " overlap first. Our events are aligned by trigger span. MEANTIME annotates every"
        f" mention only in sentences 0-{ANNOTATED_LAST_SENTENCE} (title, dateline, four body"
        " sentences); later sentences carry only the mentions of the cross-document targets."
        " So twinless mentions are counted only there ('all, twinless = singletons': each a"
        " singleton on the other side, B3-sys of Cai & Strube 2010, precision over our mentions,"
        " recall over gold ones); 'aligned pairs only' scores how the mentions both sides found"
        " are clustered, and is also given over whole documents.",
        "",
        "| clusters | region | scoring | gold mentions | our mentions | aligned | B3 P | B3 R |"
        " B3 F1 |",
        "|---|---|---|---|---|---|---|---|---|",
        *_bcubed_rows(m["sets"]),
        "",
        "Clusters (in brackets: those spanning more than one document); cross-document links"
        " among aligned mentions (pairs in different documents put together: found = linked by"
        " both / linked in the gold; correct = linked by both / linked by us); and two trivial"
        " clusterings of the gold mentions themselves for scale:",
        "",
        "| clusters | region | gold | ours | links found | links correct | baselines |",
        "|---|---|---|---|---|---|---|",
        *_cluster_rows(m["sets"]),
        "",
    ]


def semeval_lines(s: dict) -> list[str]:
    """The SemEval timeline section."""
    rows = []
    for target, r in s["rows"].items():
        acc = r["correct"] / r["pairs"] if r["pairs"] else float("nan")
        tau = (r["correct"] - r["reversed"]) / r["pairs"] if r["pairs"] else float("nan")
        rows.append(
            f"| {target} | {', '.join(TARGET_COMPANIES.get(target, (target,)))} | {r['gold']} |"
            f" {r['located']} | {r['any']} | {r['target']} | {r['date_ok']}/{r['dated']} |"
            f" {r['pairs']} | {r['correct']} | {r['reversed']} | {r['tied']} | {acc:.3f} |"
            f" {tau:.3f} |"
        )
    total = {k: sum(r[k] for r in s["rows"].values()) for k in next(iter(s["rows"].values()))}
    acc = total["correct"] / total["pairs"] if total["pairs"] else float("nan")
    tau = (
        (total["correct"] - total["reversed"]) / total["pairs"] if total["pairs"] else float("nan")
    )
    rows.append(
        f"| **all** | | {total['gold']} | {total['located']} | {total['any']} | {total['target']} |"
        f" {total['date_ok']}/{total['dated']} | {total['pairs']} | {total['correct']} |"
        f" {total['reversed']} | {total['tied']} | {acc:.3f} | {tau:.3f} |"
    )
    return [
        "## SemEval-2015 Task 4 trial timelines in `company_timeline`",
        "",
        f"{s['docs']} trial documents (CAT files of"
        " `Corpus-trial-data_task4_events_timelines`), fed like the MEANTIME ones with their"
        f" creation time as date; built in {s['seconds']:.1f} s; {s['duplicates']} duplicates;"
        f" `company_timeline` has {s['timeline_rows']} rows.",
        "",
        "A gold timeline line `ordinal TAB date TAB doc-sentence-word` is located as that token"
        " run in that sentence (an annotated EVENT_MENTION preferred when the word repeats) and"
        " mapped into `documents.body`. It is *in a timeline* when a timeline row has a member"
        " whose span overlaps it in the same document: an event's trigger (event_clusters ->"
        " events) or a claim's cue (claim_clusters -> claims; the cue offset is recovered as in"
        " quality_claims_events.py, nearest cue word to the speaker outside the content). *In the"
        " target's timeline* requires that row to belong to the target's company: the target"
        " itself when it is a company, else its maker or employer (column 2: the company names"
        " accepted, since the warehouse may keep one company under several names). The order is"
        " scored on pairs of aligned gold events with different gold ordinals and known gold"
        f" dates (`{UNDATED}` events sit at ordinal 0 in the gold and are left out); 'tied' ="
        " both map to the same timeline item or to the same date (or both undated); accuracy ="
        " correct / pairs, tau = (correct - reversed) / pairs. 'date' counts aligned dated gold"
        " events whose timeline item date starts with the gold date (same day/month/year as"
        " precise as the gold).",
        "",
        "| target | company accepted | gold events | located | in any timeline |"
        " in target's timeline | date | pairs | correct | reversed | tied | order accuracy |"
        " tau |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def main() -> int:
    """Build both warehouses, score them and write the markdown."""
    common.skip_without(MEANTIME_DIR, "quality_consolidation")
    common.skip_without(SEMEVAL_DIR, "quality_consolidation")
    m = meantime_scores()
    s = semeval_scores()
    lines = common.header(
        "Cross-document quality: company and event clusters, company timelines",
        ["duckdb", "polars", "spacy", "numpy"],
    )
    lines += meantime_lines(m) + semeval_lines(s)
    lines.append(f"Peak RSS {common.peak_rss_mb():.0f} MiB.")
    common.write_result("quality_consolidation", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
