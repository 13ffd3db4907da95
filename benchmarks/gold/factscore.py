"""Field-by-field scoring of one warehouse's facts against gold articles (pure functions).

Gold records come from benchmarks/gold/bbc/*/*.json with every span already mapped onto the
document (`attach_spans`); system rows come from the warehouse tables as dicts with the tables'
column names. benchmarks/quality_facts.py reads both and prints what `Scores` accumulates; the
matching rules are in its module docstring.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import align
import goldio

# Relative tolerance under which a system amount equals the gold value (0.01 = 1%).
AMOUNT_REL_TOL = 0.01
# Characters either side of a system claim's speaker searched for its cue text.
CUE_WINDOW = 30


@dataclass
class GoldArticle:
    """One gold file, with each span's place in the document under the key "_at"."""

    file: str
    split: str
    story: str | None
    gold: dict[str, Any]


@dataclass
class SystemArticle:
    """The rows newsfacts wrote for one document (table column names as keys)."""

    doc_id: str
    body: str
    title: str | None = None
    companies: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Scores:
    """Counts behind every metric of one split: ratios (num, den) and F1s (tp, system, gold)."""

    ratios: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    f1s: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, metric: str, num: int, den: int) -> None:
        """Add counts to a ratio metric."""
        self.ratios[metric][0] += num
        self.ratios[metric][1] += den

    def add_f1(self, metric: str, tp: int, system: int, gold: int) -> None:
        """Add counts to an F1 metric (tp correct of system rows and of gold rows)."""
        counts = self.f1s[metric]
        counts[0] += tp
        counts[1] += system
        counts[2] += gold


def ratio(num: int, den: int) -> float:
    """num / den, nan when there is no denominator."""
    return num / den if den else math.nan


def f1(tp: int, system: int, gold: int) -> float:
    """Harmonic mean of tp/system and tp/gold (nan when either has no denominator)."""
    p, r = ratio(tp, system), ratio(tp, gold)
    if math.isnan(p) or math.isnan(r):
        return math.nan
    return 2 * p * r / (p + r) if p + r else 0.0


# --- spans -----------------------------------------------------------------------------------


@dataclass
class SpanReport:
    """How the spans of gold files fared when mapped onto documents."""

    total: int = 0
    in_title: int = 0
    unmapped: list[str] = field(default_factory=list)


def attach_spans(
    gold: dict[str, Any], text: str, omap: align.OffsetMap, report: SpanReport
) -> None:
    """Map every span of a gold record onto title/body (key "_at": Mapped or None), checking
    the file offsets (goldio.span_ok) and the mapped text (align.same_text)."""
    for where, span in goldio.iter_spans(gold):
        report.total += 1
        mapped = None
        if goldio.span_ok(text, span):
            mapped = omap.span(span["start"], span["end"])
        if mapped and not align.same_text(omap.text(mapped), text[span["start"] : span["end"]]):
            mapped = None
        span["_at"] = mapped
        if mapped is None:
            report.unmapped.append(f"{gold.get('file')}{where}")
        elif mapped.field == "title":
            report.in_title += 1


def in_title(span: dict[str, Any] | None) -> bool:
    """Whether a mapped gold span lies in the headline (documents.title)."""
    mapped = span.get("_at") if isinstance(span, dict) else None
    return mapped is not None and mapped.field == "title"


def apply_headline_ruling(gold: dict[str, Any]) -> None:
    """Guidelines ruling 1: event mentions in the headline are optional, and claims whose cue is
    in the headline are left out (facts come from the body; annotators differed on headlines)."""
    for event in gold.get("events", []):
        if in_title(event.get("trigger")):
            event["optional"] = True
    gold["claims"] = [c for c in gold.get("claims", []) if not in_title(c.get("cue"))]


def at(span: dict[str, Any] | None) -> tuple[int, int] | None:
    """Body offsets of a mapped gold span (None when absent, unmapped or in the title)."""
    mapped = span.get("_at") if isinstance(span, dict) else None
    if mapped is None or mapped.field != "body":
        return None
    return mapped.start, mapped.end


def system_span(row: dict[str, Any], start: str, end: str) -> tuple[int, int] | None:
    """A (start, end) pair of columns of a system row, None when null."""
    if row.get(start) is None or row.get(end) is None:
        return None
    return row[start], row[end]


# --- names -----------------------------------------------------------------------------------


def gold_forms(gold: dict[str, Any], ref: str | None) -> list[str]:
    """Name, aliases and first mention of a gold organisation or person id."""
    if not ref:
        return []
    for entity in gold.get("companies", []) + gold.get("people", []):
        if entity["id"] == ref:
            mention = entity.get("mention") or {}
            return [entity["name"], *entity.get("aliases", []), mention.get("text", "")]
    return []


def sys_name(names: dict[str, list[str]], sys_id: str | None) -> str | None:
    """Display name of a system entity id (None when absent)."""
    return (names.get(sys_id) or [None])[0] if sys_id else None


def gold_name(gold: dict[str, Any], ref: str | None) -> str | None:
    """Canonical name of a gold entity id (None when absent)."""
    return (gold_forms(gold, ref) or [None])[0]


def entity_ok(
    sys_id: str | None, gold_ref: str | None, gold: dict[str, Any], names: dict[str, list[str]]
) -> bool:
    """Whether a system entity id names the gold entity (both absent counts as right)."""
    if sys_id is None or gold_ref is None:
        return sys_id is None and gold_ref is None
    sys_keys = align.name_keys(names.get(sys_id, []))
    return bool(sys_keys & align.name_keys(gold_forms(gold, gold_ref)))


# --- companies and people --------------------------------------------------------------------


def match_entities(
    gold_forms_list: list[list[str]], sys_forms_list: list[list[str]], person: bool
) -> dict[int, int]:
    """One-to-one gold -> system entity indexes whose normalised names or aliases meet
    (exact canonical names first, then more shared forms)."""
    gold_keys = [align.name_keys(f, person) for f in gold_forms_list]
    sys_keys = [align.name_keys(f, person) for f in sys_forms_list]
    cands = []
    for gi, gk in enumerate(gold_keys):
        for si, sk in enumerate(sys_keys):
            shared = gk & sk
            if shared:
                same_name = align.name_keys(gold_forms_list[gi][:1], person) == align.name_keys(
                    sys_forms_list[si][:1], person
                )
                cands.append(align.Candidate((same_name, len(shared)), gi, si))
    return align.greedy_match(cands)


def score_companies(g: GoldArticle, s: SystemArticle, scores: Scores, errs: list[str]) -> None:
    """company_f1 and company_kind_accuracy of one document."""
    gold = g.gold.get("companies", [])
    gold_names = [gold_forms(g.gold, c["id"]) for c in gold]
    sys_names = [[c["name"], *(c.get("aliases") or [])] for c in s.companies]
    match = match_entities(gold_names, sys_names, person=False)
    scores.add_f1("company_f1", len(match), len(s.companies), len(gold))
    kind_ok = [gold[gi]["kind"] == s.companies[si]["kind"] for gi, si in match.items()]
    scores.add("company_kind_accuracy", sum(kind_ok), len(kind_ok))
    matched_sys = set(match.values())
    errs += [
        f"  company FP    {c['name']!r} ({c['kind']})"
        for i, c in enumerate(s.companies)
        if i not in matched_sys
    ]
    errs += [
        f"  company MISS  {c['name']!r} ({c['kind']})" for i, c in enumerate(gold) if i not in match
    ]
    for gi, si in match.items():
        if gold[gi]["kind"] != s.companies[si]["kind"]:
            errs.append(
                f"  company KIND  {gold[gi]['name']!r}: "
                f"system {s.companies[si]['kind']}, gold {gold[gi]['kind']}"
            )


def score_people(
    g: GoldArticle, s: SystemArticle, names: dict[str, list[str]], scores: Scores, errs: list[str]
) -> None:
    """person_f1 and person_affiliation_accuracy of one document."""
    gold = g.gold.get("people", [])
    gold_names = [gold_forms(g.gold, p["id"]) for p in gold]
    sys_names = [[p["name"], *(p.get("aliases") or [])] for p in s.people]
    match = match_entities(gold_names, sys_names, person=True)
    scores.add_f1("person_f1", len(match), len(s.people), len(gold))
    matched_sys = set(match.values())
    errs += [
        f"  person FP     {p['name']!r}" for i, p in enumerate(s.people) if i not in matched_sys
    ]
    errs += [f"  person MISS   {p['name']!r}" for i, p in enumerate(gold) if i not in match]
    right = 0
    for gi, si in match.items():
        sys_org, gold_org = s.people[si].get("company_id"), gold[gi].get("affiliation")
        if entity_ok(sys_org, gold_org, g.gold, names):
            right += 1
        else:
            shown = names.get(sys_org, [None])[0] if sys_org else None
            errs.append(
                f"  person AFFIL  {gold[gi]['name']!r}: "
                f"system {shown!r}, gold {gold_name(g.gold, gold_org)!r}"
            )
    scores.add("person_affiliation_accuracy", right, len(match))


# --- evidence for error listings --------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?]['\"\u201d]?\s|\n")


def sentence_at(body: str, span: tuple[int, int] | None) -> str:
    """The sentence (roughly: between sentence ends or line breaks) around a body span."""
    if span is None:
        return "(not in the body)"
    start = max((m.end() for m in _SENTENCE_END.finditer(body, 0, span[0])), default=0)
    end_match = _SENTENCE_END.search(body, span[1])
    end = end_match.start() + 1 if end_match else len(body)
    return " ".join(body[start:end].split())


def _show(span: dict[str, Any] | None) -> str:
    """A gold span's text as the gold file keeps it."""
    if not span:
        return "None"
    return repr(span.get("text") or f"{span.get('head')} ... {span.get('tail')}")


# --- claims ----------------------------------------------------------------------------------


def system_cue(body: str, claim: dict[str, Any]) -> tuple[int, int] | None:
    """Cue offsets of a system claim: claims.cue_start/cue_end. A warehouse written before those
    columns has its cue text located inside the evidence sentence [start_char, end_char) widened
    to CUE_WINDOW characters either side of its speaker (a quotation after "..., he said." has
    its cue in the sentence before), the occurrence nearest the speaker first."""
    if claim.get("cue_start") is not None and claim.get("cue_end") is not None:
        return claim["cue_start"], claim["cue_end"]
    window = (claim["start_char"], claim["end_char"])
    near = system_span(claim, "speaker_start", "speaker_end")
    if near:
        window = (min(window[0], near[0] - CUE_WINDOW), max(window[1], near[1] + CUE_WINDOW))
    return align.locate_cue(body, claim["cue"], (max(0, window[0]), window[1]), near)


def system_speaker_names(claim: dict[str, Any], names: dict[str, list[str]]) -> list[str]:
    """The system's resolved speaker: the person's, else the organisation's names, else the
    resolved name (claims.speaker_name, where the table has it), else the speaker as written."""
    for key in ("speaker_person_id", "speaker_company_id"):
        if claim.get(key) and names.get(claim[key]):
            return names[claim[key]]
    return [claim.get("speaker_name") or claim["speaker"]]


def speaker_ok(
    gc: dict[str, Any], sc: dict[str, Any], gold: dict[str, Any], names: dict[str, list[str]]
) -> bool:
    """Gold speaker_name (with its entity's names) named by the system's resolved speaker; with
    no gold speaker_name, the speaker spans overlap."""
    if gc.get("speaker_name"):
        gold_names = [gc["speaker_name"], *gold_forms(gold, gc.get("speaker_ref"))]
        return align.speaker_name_ok(system_speaker_names(sc, names), gold_names)
    sys_span = system_span(sc, "speaker_start", "speaker_end")
    if gc.get("speaker") is None:
        return sys_span is None
    return align.overlap(sys_span, at(gc["speaker"])) > 0


def claim_fields(
    gc: dict[str, Any], sc: dict[str, Any], gold: dict[str, Any], names: dict[str, list[str]]
) -> dict[str, bool]:
    """Which fields of a matched claim pair agree."""
    return {
        "speaker": speaker_ok(gc, sc, gold, names),
        "subject": entity_ok(sc.get("subject_company_id"), gc.get("subject"), gold, names),
        "stance": sc["stance"] == gc.get("stance"),
        "quote": bool(sc["is_quote"]) == bool(gc.get("quote")),
    }


def _claim_value(
    field_name: str,
    gc: dict[str, Any],
    sc: dict[str, Any],
    gold: dict[str, Any],
    names: dict[str, list[str]],
) -> str:
    """'system X, gold Y' for one wrong claim field."""
    if field_name == "speaker":
        shown = gc.get("speaker_name") or _show(gc.get("speaker"))
        return f"system {system_speaker_names(sc, names)[0]!r}, gold {shown!r}"
    if field_name == "subject":
        sys_id = sc.get("subject_company_id")
        return f"system {sys_name(names, sys_id)!r}, gold {gold_name(gold, gc.get('subject'))!r}"
    if field_name == "stance":
        return f"system {sc['stance']}, gold {gc.get('stance')}"
    return f"system {bool(sc['is_quote'])}, gold {bool(gc.get('quote'))}"


def score_claims(
    g: GoldArticle, s: SystemArticle, names: dict[str, list[str]], scores: Scores, errs: list[str]
) -> dict[str, str]:
    """Claim metrics of one document; returns system claim_id -> gold item "file#cN"."""
    gold = g.gold.get("claims", [])
    cues = [system_cue(s.body, c) for c in s.claims]
    cands = [
        align.Candidate((ov,), gi, si)
        for gi, gc in enumerate(gold)
        for si, cue in enumerate(cues)
        if (ov := align.overlap(at(gc.get("cue")), cue)) > 0
    ]
    match = align.greedy_match(cands)
    scores.add("claim_precision", len(match), len(s.claims))
    scores.add("claim_recall", len(match), len(gold))
    scores.add("claim_cue_not_located", sum(c is None for c in cues), len(cues))
    fields = {gi: claim_fields(gold[gi], s.claims[si], g.gold, names) for gi, si in match.items()}
    right_speakers = sum(f["speaker"] for f in fields.values())
    scores.add_f1("claim_speaker_f1", right_speakers, len(s.claims), len(gold))
    for name in ("subject", "stance", "quote"):
        scores.add(f"claim_{name}_accuracy", sum(f[name] for f in fields.values()), len(fields))
    scores.add(
        "claim_fully_correct_precision",
        sum(all(f.values()) for f in fields.values()),
        len(s.claims),
    )
    gold_of = {si: gi for gi, si in match.items()}
    for si, sc in enumerate(s.claims):
        gi = gold_of.get(si)
        scores.add(f"claim_precision_rule:{sc.get('rule') or '?'}", gi is not None, 1)
        right = gi is not None and all(fields[gi].values())
        scores.add(f"claim_fully_correct_rule:{sc.get('rule') or '?'}", right, 1)
    _claim_errors(g, s, names, match, fields, cues, errs)
    return {s.claims[si]["claim_id"]: f"{g.file}#{gold[gi]['id']}" for gi, si in match.items()}


def _claim_errors(
    g: GoldArticle,
    s: SystemArticle,
    names: dict[str, list[str]],
    match: dict[int, int],
    fields: dict[int, dict[str, bool]],
    cues: list[tuple[int, int] | None],
    errs: list[str],
) -> None:
    """Error lines for the claims of one document."""
    gold = g.gold.get("claims", [])
    matched_sys = set(match.values())
    for si, sc in enumerate(s.claims):
        if si not in matched_sys:
            located = "" if cues[si] else " (cue not located)"
            errs.append(
                f"  claim FP      cue {sc['cue']!r}{located} speaker {sc['speaker']!r} | "
                + sentence_at(s.body, (sc["start_char"], sc["end_char"]))
            )
    for gi, gc in enumerate(gold):
        if gi not in match:
            errs.append(
                f"  claim MISS    {gc['id']} cue {_show(gc.get('cue'))} "
                f"speaker {gc.get('speaker_name') or _show(gc.get('speaker'))!r} | "
                + sentence_at(s.body, at(gc.get("cue")))
            )
    for gi, si in match.items():
        wrong = [
            f"{k}: {_claim_value(k, gold[gi], s.claims[si], g.gold, names)}"
            for k, ok in fields[gi].items()
            if not ok
        ]
        if wrong:
            errs.append(
                f"  claim FIELD   {gold[gi]['id']} "
                + "; ".join(wrong)
                + f" | {sentence_at(s.body, at(gold[gi].get('cue')))}"
            )


# --- events ----------------------------------------------------------------------------------


def amount_ok(
    gold_amount: dict[str, Any] | None,
    value: float | None,
    unit: str | None,
    currency: str | None = None,
) -> bool:
    """Both absent, or values within AMOUNT_REL_TOL and the same currency. newsfacts keeps the
    ISO currency code in events.currency (unit is then "money"), and "percent" in events.unit:
    a gold currency must equal the currency (or, for a warehouse built before the currency
    column, the unit), and a gold percentage needs unit "percent"; other units compare the
    value only."""
    gold_value = (gold_amount or {}).get("value")
    if gold_value is None or value is None:
        return gold_value is None and value is None
    if abs(value - gold_value) > AMOUNT_REL_TOL * abs(gold_value):
        return False
    if gold_amount.get("currency"):
        return (currency or unit) == gold_amount["currency"]
    if gold_amount.get("unit") == "percent":
        return unit == "percent"
    return True


def date_ok(gold_date: dict[str, Any] | None, sys_value: str | None) -> bool | None:
    """Whether the system's date value equals a gold date value; None when gold has none."""
    gold_value = (gold_date or {}).get("value")
    return None if gold_value is None else sys_value == gold_value


def event_fields(
    ge: dict[str, Any], se: dict[str, Any], gold: dict[str, Any], names: dict[str, list[str]]
) -> dict[str, bool]:
    """Which fields of a matched event pair agree (date only when gold has a date value)."""
    fields = {
        "type": se["event_type"] == ge.get("type"),
        "status": se["status"] == ge.get("status"),
        "main_company": entity_ok(se.get("company_id"), ge.get("main_company"), gold, names),
        "amount": amount_ok(ge.get("amount"), se.get("amount"), se.get("unit"), se.get("currency")),
    }
    dated = date_ok(ge.get("date"), se.get("date_value"))
    if dated is not None:
        fields["date"] = dated
    return fields


def counterparties_ok(
    ge: dict[str, Any], se: dict[str, Any], gold: dict[str, Any], names: dict[str, list[str]]
) -> bool:
    """Whether the system's other participants (every participant but the main company, any
    role) name exactly the gold event's: each gold one named by a system one and each system one
    naming a gold one; none on both sides is right. Reported apart, outside fully correct."""
    wanted = [p["ref"] for p in ge.get("participants", []) if p["ref"] != ge.get("main_company")]
    found = se.get("counterparty_ids") or []
    return all(any(entity_ok(s, g, gold, names) for s in found) for g in wanted) and all(
        any(entity_ok(s, g, gold, names) for g in wanted) for s in found
    )


def match_events(gold: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[int, int]:
    """One-to-one gold mention -> system event: a system trigger overlapping the mention's
    clause; preferred when it overlaps the gold trigger, then same type, then a non-optional
    mention, then more overlap."""
    cands = []
    for gi, ge in enumerate(gold):
        clause = at(ge.get("clause")) or at(ge.get("trigger"))
        for si, se in enumerate(events):
            trigger = (se["trigger_start"], se["trigger_end"])
            ov = align.overlap(trigger, clause)
            if ov > 0:
                on_trigger = align.overlap(trigger, at(ge.get("trigger"))) > 0
                same_type = se["event_type"] == ge.get("type")
                score = (on_trigger, same_type, not ge.get("optional"), ov)
                cands.append(align.Candidate(score, gi, si))
    return align.greedy_match(cands)


def instance_types(gold: list[dict[str, Any]]) -> dict[str, str]:
    """Gold instance -> type, for instances with at least one non-optional mention."""
    types: dict[str, str] = {}
    for ge in gold:
        if not ge.get("optional"):
            types.setdefault(ge["instance"], ge["type"])
    return types


def score_events(
    g: GoldArticle, s: SystemArticle, names: dict[str, list[str]], scores: Scores, errs: list[str]
) -> dict[str, str]:
    """Event metrics of one document; returns system event_id -> gold item "file#E1"."""
    gold = g.gold.get("events", [])
    match = match_events(gold, s.events)
    scored = {gi: si for gi, si in match.items() if not gold[gi].get("optional")}
    n_system = len(s.events) - (len(match) - len(scored))  # rows on optional mentions excluded
    fields = {gi: event_fields(gold[gi], s.events[si], g.gold, names) for gi, si in scored.items()}
    scores.add("event_precision", sum(f["type"] for f in fields.values()), n_system)
    _event_recall(gold, match, fields, scores)
    for name in ("type", "status", "main_company", "amount", "date"):
        oks = [f[name] for f in fields.values() if name in f]
        scores.add(f"event_{name}_accuracy", sum(oks), len(oks))
    scores.add(
        "event_fully_correct_precision", sum(all(f.values()) for f in fields.values()), n_system
    )
    by_system = {si: gi for gi, si in scored.items()}
    optional = set(match.values()) - set(scored.values())
    for si, se in enumerate(s.events):
        if si in optional:
            continue
        rule = ".".join((se.get("rule") or "?").split(".")[:2])  # events.buy.verb -> events.buy
        gi = by_system.get(si)
        scores.add(f"event_precision_rule:{rule}", gi is not None and fields[gi]["type"], 1)
    parties = {
        gi: counterparties_ok(gold[gi], s.events[si], g.gold, names) for gi, si in scored.items()
    }
    scores.add("event_counterparties_accuracy", sum(parties.values()), len(parties))
    _event_errors(g, s, names, match, fields, errs)
    _party_errors(g, s, names, scored, parties, errs)
    return {
        s.events[si]["event_id"]: f"{g.file}#{gold[gi]['instance']}" for gi, si in match.items()
    }


def _event_recall(
    gold: list[dict[str, Any]],
    match: dict[int, int],
    fields: dict[int, dict[str, bool]],
    scores: Scores,
) -> None:
    """event_recall (an instance is found when any of its mentions is matched), the same per
    gold type, and event_recall_typed (found by a row of the right type)."""
    types = instance_types(gold)
    found = {gold[gi]["instance"] for gi in match}
    typed = {gold[gi]["instance"] for gi, f in fields.items() if f["type"]}
    scores.add("event_recall", len(found & types.keys()), len(types))
    scores.add("event_recall_typed", len(typed & types.keys()), len(types))
    for instance, kind in types.items():
        scores.add(f"event_recall_{kind}", instance in found, 1)


def _event_value(
    name: str,
    ge: dict[str, Any],
    se: dict[str, Any],
    gold: dict[str, Any],
    names: dict[str, list[str]],
) -> str:
    """'system X, gold Y' for one wrong event field."""
    if name == "main_company":
        sys_id = se.get("company_id")
        shown = gold_name(gold, ge.get("main_company"))
        return f"system {sys_name(names, sys_id)!r}, gold {shown!r}"
    if name == "amount":
        gold_amount = ge.get("amount") or {}
        gold_unit = gold_amount.get("currency") or gold_amount.get("unit")
        gold_value = gold_amount.get("value")
        shown_unit = se.get("currency") or se.get("unit")
        return f"system {se.get('amount')} {shown_unit}, gold {gold_value} {gold_unit}"
    if name == "date":
        return f"system {se.get('date_value')}, gold {ge['date'].get('value')}"
    column = {"type": "event_type", "status": "status"}[name]
    return f"system {se[column]}, gold {ge.get(name)}"


def _event_errors(
    g: GoldArticle,
    s: SystemArticle,
    names: dict[str, list[str]],
    match: dict[int, int],
    fields: dict[int, dict[str, bool]],
    errs: list[str],
) -> None:
    """Error lines for the events of one document."""
    gold = g.gold.get("events", [])
    matched_sys = set(match.values())
    for si, se in enumerate(s.events):
        if si not in matched_sys:
            errs.append(
                f"  event FP      {se['event_type']}/{se['status']} trigger {se['trigger']!r} | "
                + sentence_at(s.body, (se["trigger_start"], se["trigger_end"]))
            )
    found = {gold[gi]["instance"] for gi in match}
    for gi, ge in enumerate(gold):
        if gi not in match and not ge.get("optional") and ge["instance"] not in found:
            errs.append(
                f"  event MISS    {ge['id']}/{ge['instance']} {ge['type']}/{ge['status']} "
                f"trigger {_show(ge.get('trigger'))} | "
                + sentence_at(s.body, at(ge.get("trigger")))
            )
    for gi, f in fields.items():
        wrong = [
            f"{k}: {_event_value(k, gold[gi], s.events[match[gi]], g.gold, names)}"
            for k, ok in f.items()
            if not ok
        ]
        if wrong:
            errs.append(
                f"  event FIELD   {gold[gi]['id']}/{gold[gi]['instance']} "
                f"trigger {s.events[match[gi]]['trigger']!r} "
                + "; ".join(wrong)
                + f" | {sentence_at(s.body, at(gold[gi].get('trigger')))}"
            )


def _party_errors(
    g: GoldArticle,
    s: SystemArticle,
    names: dict[str, list[str]],
    scored: dict[int, int],
    parties: dict[int, bool],
    errs: list[str],
) -> None:
    """Error lines for matched events whose other participants differ from the gold's."""
    gold = g.gold.get("events", [])
    for gi, ok in parties.items():
        if ok:
            continue
        ge, se = gold[gi], s.events[scored[gi]]
        wanted = [
            gold_name(g.gold, p["ref"])
            for p in ge.get("participants", [])
            if p["ref"] != ge.get("main_company")
        ]
        found = [sys_name(names, c) for c in se.get("counterparty_ids") or []]
        errs.append(
            f"  event PARTIES {ge['id']}/{ge['instance']} trigger {se['trigger']!r} "
            f"system {found}, gold {wanted} | {sentence_at(s.body, at(ge.get('trigger')))}"
        )


# --- across documents ------------------------------------------------------------------------


def file_of(item: str) -> str:
    """The article of a gold item "business/010.txt#E1"."""
    return item.rsplit("#", 1)[0]


def resolve_ref(ref: str, default_file: str, golds: dict[str, GoldArticle]) -> str | None:
    """Gold item ("file#E1" instance or "file#c1" claim) of a story or conflict reference; an
    event mention id stands for its instance; None when the article or id is not in the gold."""
    file, _, rid = ref.rpartition("#")
    article = golds.get(file or default_file)
    if article is None:
        return None
    for claim in article.gold.get("claims", []):
        if claim["id"] == rid:
            return f"{article.file}#{rid}"
    for mention in article.gold.get("events", []):
        if rid in (mention["instance"], mention["id"]):
            return f"{article.file}#{mention['instance']}"
    return None


def gold_pairs(
    groups: Iterable[list[str]], golds: dict[str, GoldArticle], cross_document: bool
) -> set[frozenset[str]]:
    """Unordered pairs of gold items from groups of references (pairs within one article
    dropped when cross_document)."""
    pairs = set()
    for group in groups:
        items = {item for ref in group if (item := resolve_ref(ref, "", golds))}
        for a, b in combinations(sorted(items), 2):
            if not cross_document or file_of(a) != file_of(b):
                pairs.add(frozenset((a, b)))
    return pairs


def gold_conflicts(
    stories: list[dict[str, Any]], golds: dict[str, GoldArticle]
) -> set[frozenset[str]]:
    """Conflict pairs of the story files and of each article's own conflicts list."""
    pairs = set()
    listed = [("", c) for story in stories for c in story.get("conflicts", [])]
    listed += [(g.file, c) for g in golds.values() for c in g.gold.get("conflicts", [])]
    for default_file, conflict in listed:
        a = resolve_ref(conflict["a"], default_file, golds)
        b = resolve_ref(conflict["b"], default_file, golds)
        if a and b and a != b:
            pairs.add(frozenset((a, b)))
    return pairs


def loose_links(g: GoldArticle, s: SystemArticle, item_of: dict[str, str]) -> dict[str, set[str]]:
    """System claim/event id -> gold items it stands for in conflicts: its own match, plus for a
    claim the gold event instances whose clause its content overlaps, and for an event the gold
    claims whose content holds its trigger (a denial may be annotated as either)."""
    links: dict[str, set[str]] = {}
    gold_events, gold_claims = g.gold.get("events", []), g.gold.get("claims", [])
    for sc in s.claims:
        content = (sc["content_start"], sc["content_end"])
        items = {
            f"{g.file}#{ge['instance']}"
            for ge in gold_events
            if align.overlap(content, at(ge.get("clause"))) > 0
        }
        links[sc["claim_id"]] = items | (
            {item_of[sc["claim_id"]]} if sc["claim_id"] in item_of else set()
        )
    for se in s.events:
        trigger = (se["trigger_start"], se["trigger_end"])
        items = {
            f"{g.file}#{gc['id']}"
            for gc in gold_claims
            if align.overlap(trigger, at(gc.get("content"))) > 0
        }
        links[se["event_id"]] = items | (
            {item_of[se["event_id"]]} if se["event_id"] in item_of else set()
        )
    return links


@dataclass
class CrossDocument:
    """What the scorer needs across documents."""

    golds: dict[str, GoldArticle]
    story_files: set[str]
    item_of: dict[str, str]  # system claim/event id -> matched gold item
    loose: dict[str, set[str]]  # system claim/event id -> gold items for conflicts
    scores: dict[str, Scores]
    errs: list[str]

    def splits(self, items: Iterable[str]) -> set[str]:
        """Splits of the articles of some gold items."""
        return {self.golds[file_of(i)].split for i in items}

    def add(self, metric: str, items: Iterable[str], ok: bool) -> None:
        """Count one pair in every split its articles belong to."""
        for split in self.splits(items):
            self.scores[split].add(metric, int(ok), 1)


def linked_pairs(groups: dict[str, list[str]], item_of: dict[str, str]) -> set[frozenset[str]]:
    """Pairs of gold items in different articles whose matched system rows share a canonical id."""
    pairs = set()
    for members in groups.values():
        items = sorted({item_of[m] for m in members if m in item_of})
        for a, b in combinations(items, 2):
            if file_of(a) != file_of(b):
                pairs.add(frozenset((a, b)))
    return pairs


def score_corroboration(
    cd: CrossDocument, kind: str, groups: dict[str, list[str]], gold_same: set[frozenset[str]]
) -> None:
    """<kind>_corroboration_precision / _recall / _recall_all, also pooled as corroboration_*.

    precision: of the gold-item pairs the system links (both articles in annotated story files),
    the share gold lists as the same; recall: of the gold same pairs whose both items some system
    row matched, the share the system links; recall_all: of all gold same pairs."""
    linked = linked_pairs(groups, cd.item_of)
    found = set(cd.item_of.values())
    for pair in sorted(linked, key=sorted):
        if {file_of(i) for i in pair} <= cd.story_files:
            ok = pair in gold_same
            for metric in (f"{kind}_corroboration_precision", "corroboration_precision"):
                cd.add(metric, pair, ok)
            if not ok and cd.splits(pair) == {"dev"}:
                cd.errs.append(f"  {kind} link FP     {' = '.join(sorted(pair))}")
    for pair in sorted(gold_same, key=sorted):
        ok = pair in linked
        for prefix in (f"{kind}_", ""):
            cd.add(f"{prefix}corroboration_recall_all", pair, ok)
            if pair <= found:
                cd.add(f"{prefix}corroboration_recall", pair, ok)
        if not ok and cd.splits(pair) == {"dev"}:
            cd.errs.append(
                f"  {kind} link MISS   {' = '.join(sorted(pair))}"
                + ("" if pair <= found else " (a side unmatched)")
            )


def score_conflicts(
    cd: CrossDocument,
    rows: list[tuple[str, str, str]],
    members: dict[tuple[str, str], list[str]],
    gold: set[frozenset[str]],
) -> None:
    """conflict_precision over claim_conflicts rows (kind, a_id, b_id) whose sides both map to
    gold items of one article or of annotated story articles; conflict_recall over gold pairs."""
    covered: set[frozenset[str]] = set()
    for kind, a_id, b_id in sorted(set(rows)):
        side_a = set().union(*(cd.loose.get(m, set()) for m in members.get((kind, a_id), [])))
        side_b = set().union(*(cd.loose.get(m, set()) for m in members.get((kind, b_id), [])))
        pairs = {frozenset((a, b)) for a in side_a for b in side_b if a != b}
        scorable = {
            p
            for p in pairs
            if len({file_of(i) for i in p}) == 1 or {file_of(i) for i in p} <= cd.story_files
        }
        if not scorable:
            continue
        hits = scorable & gold
        covered |= hits
        items = set().union(*scorable)
        cd.add("conflict_precision", items, bool(hits))
        if not hits and cd.splits(items) == {"dev"}:
            cd.errs.append(f"  conflict FP    {kind} {sorted(side_a)} vs {sorted(side_b)}")
    found = set().union(*cd.loose.values()) if cd.loose else set()
    for pair in sorted(gold, key=sorted):
        cd.add("conflict_recall", pair, pair in covered)
        if pair <= found:
            cd.add("conflict_recall_found", pair, pair in covered)
        if pair not in covered and cd.splits(pair) == {"dev"}:
            cd.errs.append(f"  conflict MISS  {' vs '.join(sorted(pair))}")


@dataclass
class SystemTables:
    """Everything read from one warehouse, keyed for scoring."""

    articles: dict[str, SystemArticle]  # gold file ("business/003.txt") -> its rows
    names: dict[str, list[str]]  # company/person id -> names (first the display name)
    claim_groups: dict[str, list[str]]  # canonical_claim_id -> claim_ids
    event_groups: dict[str, list[str]]  # canonical_event_id -> event_ids
    conflicts: list[tuple[str, str, str]]  # claim_conflicts (kind, a_id, b_id)


def score(
    golds: dict[str, GoldArticle], system: SystemTables, stories: list[dict[str, Any]]
) -> tuple[dict[str, Scores], dict[str, list[str]]]:
    """Scores per split, and error lines per gold file (plus "across documents")."""
    scores: dict[str, Scores] = defaultdict(Scores)
    errs: dict[str, list[str]] = defaultdict(list)
    item_of: dict[str, str] = {}
    loose: dict[str, set[str]] = {}
    for file, g in sorted(golds.items()):
        s = system.articles.get(file) or SystemArticle(doc_id="", body="")
        sc, doc_errs = scores[g.split], errs[file]
        score_companies(g, s, sc, doc_errs)
        score_people(g, s, system.names, sc, doc_errs)
        matched = score_claims(g, s, system.names, sc, doc_errs)
        matched |= score_events(g, s, system.names, sc, doc_errs)
        item_of |= matched
        loose |= loose_links(g, s, matched)
    story_files = {f for story in stories for f in story.get("files", []) if f in golds}
    cd = CrossDocument(golds, story_files, item_of, loose, scores, errs["across documents"])
    score_corroboration(
        cd,
        "event",
        system.event_groups,
        gold_pairs((grp for st in stories for grp in st.get("same_event", [])), golds, True),
    )
    score_corroboration(
        cd,
        "claim",
        system.claim_groups,
        gold_pairs((grp for st in stories for grp in st.get("same_claim", [])), golds, True),
    )
    members = {("claim", k): v for k, v in system.claim_groups.items()}
    members |= {("event", k): v for k, v in system.event_groups.items()}
    score_conflicts(cd, system.conflicts, members, gold_conflicts(stories, golds))
    return scores, errs
