"""newsfacts' extract stage against spaCy's full pipeline over the same bodies, side by side.

1. Side by side, in the same number of worker processes: the extract stage (stages.extract with
   --workers N: analysed documents, gated parse and NER, every registered component, facts
   written to DuckDB) against `nlp.pipe` with every component of the pipeline over the same
   canonical bbc-news bodies, in batches of the same size on the same worker processes (both
   find the pipeline loaded: the fork server loaded it). Runs alternate; medians reported.
2. Where the time goes, in one process (CPU seconds on a sample): tokens and gates, the parse
   pass, the NER pass, writing the analyses back, the components; with NER on the gated
   sentences (the default), on the claim-cue sentences only, and on every sentence; and the
   share of words each gate sends to the pipeline; then each spaCy component alone over whole
   bodies, in ms per document against the per-document budget of the end-to-end target.
3. With --e2e: `newsfacts run` over bbc-news with --workers N, start-up excluded (a run over an
   empty folder with the same flags just before, as benchmarks/throughput.py measures it).

Run: .venv/bin/python benchmarks/compare_spacy.py [--workers 2] [--repeat 3] [--sample 300]
     [--e2e]; skips cleanly when ../shared/data is absent. Writes
benchmarks/results/compare_spacy.md. Targets (not timed tests): extract >= 2x faster than the
full pipeline; end to end >= 60 docs/s start-up excluded with --workers 2.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import common

from newsfacts import settings

TARGET_SPEEDUP = 2.0
TARGET_E2E_DOCS_PER_S = 60.0
PIPE_BATCH_SIZE = 64  # documents per nlp.pipe minibatch for whole bodies
WORKERS_FOR_BUDGET = 2  # the end-to-end target is set for --workers 2


def prepare(workdir: Path) -> tuple[Path, list[tuple]]:
    """A staging warehouse with bbc-news ingested, normalized and deduplicated, and the rows the
    extract stage reads: (doc_id, body, published_date) of canonical English documents."""
    import duckdb

    from newsfacts import stages, warehouse

    db = workdir / "prepared.duckdb"
    con = duckdb.connect(str(db))
    warehouse.apply_ddl(con)
    warehouse.runs.start_run(con, "bench", [str(common.BBC_DIR)], settings.EXTRACTOR_VERSION, None)
    stages.ingest(con, [common.BBC_DIR], "bench")
    stages.normalize(con, "bench")
    stages.deduplicate(con)
    rows = con.execute(
        "SELECT doc_id, body, published_date FROM documents "
        "WHERE duplicate_of IS NULL AND language = 'en' ORDER BY doc_id"
    ).fetchall()
    con.execute("CHECKPOINT")
    con.close()
    return db, rows


def _keep_only(db: Path, rows: list[tuple]) -> Path:
    """The prepared warehouse with only these documents left canonical (a smoke run)."""
    import duckdb

    with duckdb.connect(str(db)) as con:
        con.execute(
            "UPDATE documents SET duplicate_of = doc_id WHERE doc_id NOT IN (SELECT unnest(?))",
            [[r[0] for r in rows]],
        )
    return db


def spacy_full_batch(bodies: list[str], stock: bool = True) -> int:
    """Tokens of the bodies after every component of the pipeline ran over them: spaCy as it
    ships (`stock`), or with newsfacts' faster attribute ruler (nlp.fast_attribute_ruler)."""
    from newsfacts.extract import nlp

    pipeline = nlp.load()
    with stock_attribute_ruler(pipeline, stock):
        return sum(len(doc) for doc in pipeline.pipe(bodies, batch_size=PIPE_BATCH_SIZE))


@contextmanager
def stock_attribute_ruler(pipeline: object, stock: bool = True) -> Iterator[None]:
    """The pipeline's attribute ruler as spaCy ships it for the duration (when `stock`)."""
    ruler = (
        pipeline.get_pipe("attribute_ruler") if "attribute_ruler" in pipeline.pipe_names else None
    )
    fast = ruler.__dict__.pop("match", None) if ruler is not None and stock else None
    try:
        yield
    finally:
        if fast is not None:
            ruler.match = fast


def _ready(_: object) -> int:
    """A no-op batch: makes each worker process answer once before timing starts."""
    return os.getpid()


def run_extract_stage(prepared: Path, workdir: Path, workers: int, k: int) -> tuple[float, dict]:
    """Wall seconds of the extract stage over the prepared documents (a fresh copy each time)."""
    from newsfacts import stages, warehouse
    from newsfacts.parallel import process_map

    db = workdir / f"extract-{k}.duckdb"
    shutil.copy(prepared, db)
    with warehouse.connect(db) as con:
        start = time.perf_counter()
        counts = stages.extract(
            con, "bench", map_batches=process_map(workers, settings.BATCHES_IN_FLIGHT)
        )
        seconds = time.perf_counter() - start
    db.unlink()
    return seconds, counts


def run_spacy_full(bodies: list[str], workers: int) -> tuple[float, int]:
    """Wall seconds of the full pipeline over the bodies, BATCH_SIZE bodies per worker batch."""
    from newsfacts.parallel import process_map

    chunks = [
        bodies[i : i + settings.BATCH_SIZE] for i in range(0, len(bodies), settings.BATCH_SIZE)
    ]
    start = time.perf_counter()
    tokens = sum(process_map(workers, settings.BATCHES_IN_FLIGHT)(spacy_full_batch, chunks))
    return time.perf_counter() - start, tokens


def side_by_side(
    prepared: Path, rows: list[tuple], workers: int, repeat: int, workdir: Path
) -> list[str]:
    """Part 1: alternating runs of both, medians."""
    from newsfacts.parallel import process_map, worker_processes

    bodies = [body for _, body, _ in rows]
    ours: list[float] = []
    theirs: list[float] = []
    loads: list[float] = []
    with worker_processes(workers):
        list(process_map(workers, workers)(_ready, range(workers * 2)))
        for k in range(repeat):
            loads.append(os.getloadavg()[0])
            seconds, counts = run_extract_stage(prepared, workdir, workers, k)
            ours.append(seconds)
            print(f"  extract stage #{k + 1}: {seconds:.1f} s")
            seconds, tokens = run_spacy_full(bodies, workers)
            theirs.append(seconds)
            print(f"  spaCy full pipeline #{k + 1}: {seconds:.1f} s ({tokens:,} tokens)")
    a, b = statistics.median(ours), statistics.median(theirs)
    n = len(rows)
    speedup = b / a
    verdict = "met" if speedup >= TARGET_SPEEDUP else "NOT met"
    return [
        f"## 1. Side by side: {n:,} canonical bbc-news bodies, {workers} worker processes",
        "",
        "| run | seconds (each run) | median s | docs/s |",
        "|---|---|---|---|",
        f"| newsfacts extract stage (analysis + components + DuckDB writes) | "
        f"{', '.join(f'{s:.1f}' for s in ours)} | {a:.1f} | {n / a:.0f} |",
        f"| spaCy `nlp.pipe` as shipped, every component ({', '.join(_pipe_names())}) | "
        f"{', '.join(f'{s:.1f}' for s in theirs)} | {b:.1f} | {n / b:.0f} |",
        "",
        f"Extract is **{speedup:.2f}x** the speed of the full pipeline (target >= "
        f"{TARGET_SPEEDUP:.0f}x: {verdict}). Extract counts: {_short(counts)}. "
        f"1-minute load average at the start of each pair: {', '.join(f'{x:.1f}' for x in loads)} "
        f"on {os.cpu_count()} cores.",
        "",
    ]


def _pipe_names() -> list[str]:
    from newsfacts.extract import nlp

    return nlp.load().pipe_names


def _short(counts: dict) -> str:
    keep = ("documents", "company_mentions", "person_mentions", "timexes", "claims", "events")
    return ", ".join(f"{k} {counts.get(k, 0):,}" for k in keep)


# --- part 2: where the time goes --------------------------------------------------------------


def breakdown(rows: list[tuple], ner_gate: str) -> dict[str, float]:
    """CPU seconds per step of analysing and extracting these documents in one process."""
    from newsfacts.extract import analysis, nlp, registry
    from newsfacts.extract.analysis import AnalysedDoc, Gates

    components = registry.enabled_components()
    gates = registry.gates(components)
    if ner_gate == "claim cues":
        gates = Gates(gates.parse, (registry.cue_sentences,))
    elif ner_gate == "every sentence":
        gates = Gates(gates.parse, (analysis.every_sentence,))
    model = nlp.load()
    out: dict[str, float] = {}
    clock = _Clock(out)
    docs, plans = [], []
    for _, body, published in rows:
        with clock("tokens, sentences and gates"):
            body = analysis.within_budget(body)
            doc = AnalysedDoc(body, published, analysis.sentence_spans(body), model.make_doc(body))
            parse = analysis._chosen(gates.parse, body, doc.sentences)
            ner = analysis._chosen(gates.ner, body, doc.sentences)
            plans.append(analysis._plan(doc, parse, ner))
        docs.append(doc)
    pieces = [p for plan in plans for p in plan]
    for (parse, ner), disable in analysis._passes(model).items():
        label = {
            (True, True): "pipeline: parse + NER",
            (True, False): "pipeline: parse only",
            (False, True): "pipeline: NER only",
        }[(parse, ner)]
        with clock(label):
            analysis._run_pass(model, pieces, (parse, ner), disable)
    with clock("write analyses back"):
        for doc, plan in zip(docs, plans, strict=True):
            analysis._write_back(doc, plan)
    for doc in docs:
        for component in components:
            with clock(f"component: {component.name}"):
                component.run(doc, doc.facts)
                registry.stamp(doc.facts, component.name)
    out["words parsed"] = sum(len(p.span) for p in pieces if p.parse)
    out["words NER"] = sum(len(p.span) for p in pieces if p.ner)
    out["words"] = sum(len(doc.spacy) for doc in docs)
    return out


class _Clock:
    """Adds the CPU seconds of `with clock(label):` blocks to out[label]."""

    def __init__(self, out: dict[str, float]) -> None:
        self.out = out

    def __call__(self, label: str) -> _Clock:
        self.label = label
        return self

    def __enter__(self) -> None:
        self.start = time.process_time()

    def __exit__(self, *exc: object) -> None:
        spent = time.process_time() - self.start
        self.out[self.label] = self.out.get(self.label, 0.0) + spent


def full_pipeline_cpu(rows: list[tuple], stock: bool = True) -> float:
    """CPU seconds of every component of the pipeline over the same bodies."""
    start = time.process_time()
    spacy_full_batch([body for _, body, _ in rows], stock)
    return time.process_time() - start


def component_costs(bodies: list[str]) -> dict[str, float]:
    """CPU seconds of each pipeline component run alone, in order, over whole bodies (spaCy's
    attribute ruler as shipped and newsfacts' faster one, which gives the same analyses)."""
    from newsfacts.extract import nlp

    pipeline = nlp.load()
    start = time.process_time()
    docs = [pipeline.make_doc(body) for body in bodies]
    costs = {"tokenizer": time.process_time() - start}
    for name, component in pipeline.pipeline:
        with stock_attribute_ruler(pipeline, stock=True):
            start = time.process_time()
            docs = list(component.pipe(docs, batch_size=PIPE_BATCH_SIZE))
            costs[name] = time.process_time() - start
    ruler = pipeline.get_pipe("attribute_ruler")
    skip = ["attribute_ruler", "lemmatizer"]
    fresh = list(pipeline.pipe(bodies, batch_size=PIPE_BATCH_SIZE, disable=skip))
    start = time.process_time()
    list(ruler.pipe(fresh, batch_size=PIPE_BATCH_SIZE))
    costs["attribute_ruler (newsfacts' faster one)"] = time.process_time() - start
    return costs


def budget_lines(costs: dict[str, float], n_docs: int, workers: int) -> list[str]:
    """Each component's cost per document against the per-document budget of the end-to-end
    target (TARGET_E2E_DOCS_PER_S with `workers` processes, one per core)."""
    budget_ms = 1000.0 * workers / TARGET_E2E_DOCS_PER_S
    lines = [
        f"### spaCy's components one by one ({n_docs} whole bodies, one process, CPU seconds)",
        "",
        f"Per-document budget of the end-to-end target: {TARGET_E2E_DOCS_PER_S:.0f} docs/s over "
        f"{workers} processes on {workers} cores = **{budget_ms:.0f} ms per document** for "
        "everything (reading, cleaning, analysis, rules, validation, writing).",
        "",
        "| component | CPU s | ms per document | share of the budget |",
        "|---|---|---|---|",
    ]
    for name, seconds in costs.items():
        ms = 1000.0 * seconds / n_docs
        lines.append(f"| {name} | {seconds:.2f} | {ms:.1f} | {ms / budget_ms:.0%} |")
    lines.append("")
    return lines


def where_time_goes(rows: list[tuple], sample: int) -> list[str]:
    """Part 2 in one process on `sample` documents spread over the corpus."""
    chosen = rows[:: max(1, len(rows) // sample)][:sample]
    spacy_full_batch([body for _, body, _ in chosen[:10]], stock=False)  # fast ruler warmed
    full = full_pipeline_cpu(chosen)
    full_fast = full_pipeline_cpu(chosen, stock=False)
    scopes = ["gated sentences (default)", "claim cues", "every sentence"]
    runs = {scope: breakdown(chosen, scope.split(" (")[0]) for scope in scopes}
    steps = [k for k in runs[scopes[0]] if not k.startswith("words")]
    for run in runs.values():
        steps += [k for k in run if not k.startswith("words") and k not in steps]
    lines = [
        f"## 2. Where the time goes: one process, CPU seconds, {len(chosen)} documents",
        "",
        f"The full pipeline over the same bodies: **{full:.1f} s** as spaCy ships it, "
        f"{full_fast:.1f} s with newsfacts' faster attribute ruler (same analyses, "
        "nlp.fast_attribute_ruler). Parse = tok2vec, tagger, parser, attribute_ruler, lemmatizer "
        "on the parse-gated sentences; NER (its own token-to-vector layer in en_core_web_sm) on "
        "the NER-gated ones.",
        "",
        "| step | " + " | ".join(f"NER on {s}" for s in scopes) + " |",
        "|---|" + "---|" * len(scopes),
    ]
    for step in steps:
        cells = [f"{runs[s].get(step, 0.0):.2f}" for s in scopes]
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    totals = [sum(v for k, v in runs[s].items() if not k.startswith("words")) for s in scopes]
    lines.append("| **total** | " + " | ".join(f"**{t:.2f}**" for t in totals) + " |")
    lines.append(
        "| speed-up on the full pipeline | " + " | ".join(f"{full / t:.2f}x" for t in totals) + " |"
    )
    lines.append(
        "| speed-up on the full pipeline with the faster ruler | "
        + " | ".join(f"{full_fast / t:.2f}x" for t in totals)
        + " |"
    )
    first = runs[scopes[0]]
    lines.append(
        "| tokens sent to parse / NER, share of all | "
        + " | ".join(
            f"{runs[s]['words parsed'] / runs[s]['words']:.0%} / {runs[s]['words NER'] / runs[s]['words']:.0%}"
            for s in scopes
        )
        + " |"
    )
    lines += ["", f"({first['words']:,.0f} tokens in the sample.)", ""]
    bodies = [body for _, body, _ in chosen]
    lines += budget_lines(component_costs(bodies), len(bodies), WORKERS_FOR_BUDGET)
    return lines


# --- part 3: end to end -----------------------------------------------------------------------


def end_to_end(workers: int, workdir: Path) -> list[str]:
    """Part 3: a paired run (empty folder, then bbc-news), start-up excluded."""
    import throughput

    pair = throughput.paired_run(workdir, workers, 0)
    docs = pair.result.get("counts", {}).get("ingest", {}).get("records", 0)
    rate = pair.per_document_rate(docs) if docs else None
    verdict = "met" if rate and rate >= TARGET_E2E_DOCS_PER_S else "NOT met"
    stage_seconds = pair.result.get("seconds", {})
    return [
        f"## 3. End to end: `newsfacts run` over bbc-news, --workers {workers}",
        "",
        f"Status {pair.result['status']}; empty-folder run {pair.empty.seconds:.1f} s, bbc-news run "
        f"{pair.cold.seconds:.1f} s, {docs:,} records: **{rate or float('nan'):.0f} docs/s "
        f"start-up excluded** (target >= {TARGET_E2E_DOCS_PER_S:.0f}: {verdict}). Stage seconds: "
        f"{stage_seconds}. Load average when it ended: {os.getloadavg()[0]:.1f}.",
        "",
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--e2e", action="store_true")
    parser.add_argument(
        "--docs", type=int, default=0, help="only the first N documents (smoke run)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    common.skip_without(common.BBC_DIR, "compare_spacy")
    args = parse_args(argv)
    from newsfacts.extract import nlp, registry

    lines = common.header("newsfacts extract vs spaCy's full pipeline", ["spacy", "duckdb"])
    lines += [
        f"- pipeline: {nlp.model_id()} ({', '.join(_pipe_names())}); extractor version "
        f"{registry.extractor_version()}",
        f"- components: {', '.join(f'{c.name} {c.version}' for c in registry.COMPONENTS)}",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="newsfacts-spacy-") as tmp:
        workdir = Path(tmp)
        print("preparing documents...")
        prepared, rows = prepare(workdir)
        if args.docs:
            rows = rows[: args.docs]
            prepared = _keep_only(prepared, rows)
        print(f"{len(rows):,} documents; side by side...")
        lines += side_by_side(prepared, rows, args.workers, args.repeat, workdir)
        print("where the time goes...")
        lines += where_time_goes(rows, args.sample)
        if args.e2e:
            print("end to end...")
            lines += end_to_end(args.workers, workdir)
    common.write_result("compare_spacy", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
