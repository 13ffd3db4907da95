"""Stages: each reads its input from the staging warehouse and writes its output back.

These are the plain functions the Prefect flows in `flows/` wrap. Each takes an open DuckDB
connection to the staging file and returns counts for the `runs` table, so a stage can be
re-run from what the warehouse holds, and tests can call them without Prefect.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import duckdb

from newsfacts import dedup, settings, source_defaults, warehouse
from newsfacts import validate as gx_validate
from newsfacts.consolidate.batches import consolidate_warehouse
from newsfacts.extract import propagate as prop
from newsfacts.extract import registry
from newsfacts.extract.model import CompanyMention, DocumentFacts, PersonMention
from newsfacts.extract.nlp import ModelMissing, require_model
from newsfacts.facts import (
    FACT_TABLES,
    company_id,
    company_mention_row,
    document_company_row,
    fact_rows,
)
from newsfacts.ingest import IngestError, discover_inputs, display_path, parse_file, read_bytes
from newsfacts.ingest_model import InputFile, RawRecord, id_path
from newsfacts.normalize import Document, NormalizeError, normalize_record, remove_template_lines
from newsfacts.parallel import BatchMap
from newsfacts.progress import Progress, no_progress
from newsfacts.vocab import EVENT_TYPES
from newsfacts.warehouse import documents as wh_documents
from newsfacts.warehouse import facts as wh_facts
from newsfacts.warehouse import raw as wh_raw
from newsfacts.warehouse.frames import insert_rows

log = logging.getLogger(__name__)

# The rule column of rows the propagate stage adds (company_mentions.how = 'cross_document').
PROPAGATION_RULE = "propagate.cross_document"


def ingest(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    run_id: str,
    progress: Progress = no_progress,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> dict:
    """Read new or changed files into raw_documents; bad inputs go to ingest_errors. Files of a
    folder left out by name (--include/--exclude, README*, LICENSE*, CHANGELOG*) are counted in
    files_skipped and named in skipped_files."""
    skipped: list[Path] = []
    items, errors = discover_inputs(paths, include, exclude, skipped)
    progress(0, total=len(items))
    counts = {"files_found": len(items), "files_unchanged": 0, "files_read": 0, "records": 0}
    counts |= {"files_skipped": len(skipped), "skipped_files": skipped_names(skipped)}
    writer = wh_raw.RawWriter(con, run_id, flush_at=settings.BATCH_SIZE)
    for records, file_errors in changed_files(items, wh_raw.seen_files(con), counts, progress):
        counts["records"] += writer.add(records)
        errors += file_errors
    counts["records"] += writer.flush()
    counts["errors"] = wh_raw.write_errors(con, errors, run_id)
    return counts


def changed_files(
    items: list[InputFile],
    seen: set[tuple[str, str]],
    counts: dict,
    progress: Progress = no_progress,
) -> Iterator[tuple[list[RawRecord], list[IngestError]]]:
    """(records, errors) of each input file whose (path, bytes) pair is not in `seen`; an
    unreadable file yields its error alone. Counts files_unchanged and files_read in `counts`."""
    for item in items:
        got = read_bytes(item.path)
        progress(1)
        if isinstance(got, IngestError):
            yield [], [got]
            continue
        data, sha = got
        if (display_path(item.path), sha) in seen:
            counts["files_unchanged"] += 1
            continue
        result = parse_file(item.path, data, sha)
        counts["files_read"] += 1
        yield [replace(r, id_path=id_path(item)) for r in result.records], result.errors


# File names a run log lists of the files it skipped by name (the count covers them all).
SKIPPED_NAMES_LOGGED = 10


def skipped_names(skipped: list[Path]) -> list[str]:
    """The first names of the files skipped by name, for the run log."""
    return [display_path(p.name) for p in sorted(skipped)[:SKIPPED_NAMES_LOGGED]]


def normalize(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    progress: Progress = no_progress,
    map_batches: BatchMap = map,
) -> dict[str, int]:
    """Turn pending raw records into documents, batch by batch (map_batches may run them elsewhere)."""
    counts = {"documents": 0, "errors": 0, **retire_stale_documents(con), "words_removed": {}}
    pending = wh_raw.pending_raw_ids(con)  # ids only: raw texts are read one batch at a time
    progress(0, total=len(pending))
    batches = RawBatches(con, pending)
    for docs, errors in batch_runner(map_batches, pending)(normalize_batch, batches):
        paths = batches.paths.popleft()  # results come back in batch order
        context = wh_documents.source_context(con, {d.source_key for d in docs})
        docs, emptied = without_template_lines(docs, context, paths)
        add_removed_words(counts["words_removed"], docs)
        counts["documents"] += wh_documents.write_documents(con, docs, run_id)
        counts["errors"] += wh_raw.write_errors(con, errors + emptied, run_id)
        progress(len(paths))
    return counts


def retire_stale_documents(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Remove the documents of superseded file versions and of another normalizer version (their
    raw records are pending again); returns how many of each (superseded, renormalized)."""
    return {
        "superseded": wh_documents.retire_superseded(con),
        "renormalized": wh_documents.retire_renormalized(con, settings.NORMALIZER_VERSION),
    }


def batch_runner(map_batches: BatchMap, ids: list[str]) -> BatchMap:
    """map_batches, or plain map when `ids` make a single batch: nothing to overlap, so no
    worker to start."""
    return map if len(ids) <= settings.BATCH_SIZE else map_batches


def id_batches(ids: list[str]) -> list[list[str]]:
    """`ids` in batches of settings.BATCH_SIZE, in order."""
    return [ids[k : k + settings.BATCH_SIZE] for k in range(0, len(ids), settings.BATCH_SIZE)]


class RawBatches:
    """normalize_batch's input, read one batch of raw records at a time: (raw_id, format,
    raw_text, source_path, url, source defaults) rows. `paths` holds each batch's raw_id ->
    source_path until its result comes back (map_batches may read batches ahead)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, raw_ids: list[str]) -> None:
        self.con, self.raw_ids = con, raw_ids
        self.paths: deque[dict[str, str]] = deque()

    def __iter__(self) -> Iterator[list[tuple]]:
        for ids in id_batches(self.raw_ids):
            rows = wh_raw.raw_rows(self.con, ids)
            self.paths.append({row[0]: row[3] for row in rows})
            given = source_defaults.for_paths(self.con, (row[3] for row in rows))
            yield [(*row, given.get(row[3])) for row in rows]


def without_template_lines(
    docs: list[Document], context: dict[str, list[str]], paths: dict[str, str]
) -> tuple[list[Document], list[IngestError]]:
    """The documents with their sources' template lines removed, and an error for each one
    left with too little text (settings.MIN_BODY_CHARS); `paths` maps raw_id to source path."""
    docs = remove_template_lines(docs, context)
    short = [d for d in docs if len(d.body) < settings.MIN_BODY_CHARS]
    errors = [
        IngestError(
            paths[d.raw_id],
            "normalize",
            "no article text left after removing template lines",
            raw_id=d.raw_id,
            reason_code="no_article_text",
        )
        for d in short
    ]
    return [d for d in docs if d not in short], errors


def add_removed_words(total: dict[str, int], docs: list[Document]) -> None:
    """Add the words removed from these documents, per removal reason, to `total`."""
    for reason, words in removed_words(docs).items():
        total[reason] = total.get(reason, 0) + words


def removed_words(docs: list[Document]) -> dict[str, int]:
    """Words removed from these documents' texts, per removal reason."""
    words: dict[str, int] = {}
    for doc in docs:
        for text, reason in json.loads(doc.removed) if doc.removed else []:
            words[reason] = words.get(reason, 0) + len(text.split())
    return words


def normalize_batch(rows: list[tuple]) -> tuple[list[Document], list[IngestError]]:
    """Normalize (raw_id, format, raw_text, source_path, url[, source defaults]) rows; pure, so
    it can run anywhere."""
    docs: list[Document] = []
    errors: list[IngestError] = []
    for raw_id, fmt, raw_text, source_path, url, *given in rows:
        try:
            docs.append(normalize_record(raw_id, fmt, raw_text, source_path, url, *given))
        except NormalizeError as exc:
            errors.append(
                IngestError(
                    source_path, "normalize", str(exc), raw_id=raw_id, reason_code="no_article_text"
                )
            )
        except Exception as exc:  # a parser bug on one odd record must not stop the run
            log.exception("normalizing %s failed", source_path)
            errors.append(
                IngestError(
                    source_path,
                    "normalize",
                    f"{type(exc).__name__}: {exc}"[:300],
                    raw_id=raw_id,
                    reason_code="normalize_failed",
                )
            )
    return docs, errors


def deduplicate(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute duplicate flags over all documents."""
    docs = wh_documents.dedup_input(con)
    if docs.is_empty():
        return {"changed": 0, "exact": 0, "near": 0, "edited": 0}
    flags = dedup.find_duplicates(docs, read_bodies=lambda ids: wh_documents.bodies(con, ids))
    changed = wh_documents.write_duplicates(con, flags)
    kinds = flags["duplicate_kind"].value_counts()
    by_kind = dict(zip(kinds["duplicate_kind"].to_list(), kinds["count"].to_list(), strict=True))
    return {"changed": changed, **{k: by_kind.get(k, 0) for k in ("exact", "near", "edited")}}


def extract(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    progress: Progress = no_progress,
    map_batches: BatchMap = map,
) -> dict[str, int]:
    """Extract facts from canonical English documents that lack facts of this extractor version.

    Raises ModelMissing (one line: how to install it) before any work when the spaCy pipeline
    is not installed."""
    require_model()
    stale, pending = extraction_queue(con)
    progress(0, total=len(pending))
    cut = wh_documents.count_longer_than(con, pending, settings.MAX_EXTRACT_CHARS)  # read in part
    counts = {"documents": 0, "removed": len(stale), "cut_for_budget": cut}
    chunks = id_batches(pending)
    batches = (wh_documents.document_rows(con, ids) for ids in chunks)
    results = batch_runner(map_batches, pending)(extract_batch, batches)
    for ids, tables in zip(chunks, results, strict=True):
        write_extracted(con, tables, ids, run_id)
        add_row_counts(counts, tables)
        counts["documents"] += len(ids)
        progress(len(ids))
    return counts


def extraction_queue(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """(stale, pending) documents for this extractor version (see
    warehouse.documents.extraction_queue), with the facts of both removed and event_types seeded.

    Facts of stale documents, and facts a killed run wrote for a batch it never finished, are
    removed in one pass here, not per batch (a per-batch delete scans every fact table each
    time, quadratic in the corpus)."""
    wh_facts.replace_event_types(con, sorted(EVENT_TYPES.items()))
    stale, pending = wh_documents.extraction_queue(con, settings.EXTRACTOR_VERSION)
    wh_facts.delete_facts(con, sorted(set(stale) | set(pending)))
    return stale, pending


def write_extracted(
    con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]], ids: list[str], run_id: str
) -> None:
    """Write one batch's fact rows and extraction log; timexes resolved against a date given on
    the command line (issue #18) get their confidence lowered, once."""
    wh_facts.write_facts(con, tables, ids, run_id, settings.EXTRACTOR_VERSION)
    wh_facts.lower_anchored_confidence(con, ids, settings.CLI_DATE_CONFIDENCE)


def add_row_counts(counts: dict[str, int], tables: dict[str, list[dict]]) -> None:
    """Add each table's number of rows to `counts`."""
    for table, rows in tables.items():
        counts[table] = counts.get(table, 0) + len(rows)


def extract_batch(rows: list[tuple]) -> dict[str, list[dict]]:
    """Fact rows for (doc_id, body, published_date) rows; pure, so it can run anywhere.

    The batch is analysed together (one nlp.pipe over the gated sentences of all its documents,
    with the spaCy pipeline loaded once per process), then each document's components run."""
    tables: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    try:
        results = registry.extract_batch([(body, published) for _, body, published in rows])
    except Exception as exc:  # the batch's analysis failed: analyse its documents one by one
        if isinstance(exc, ModelMissing):
            raise
        results = [_extract_alone(body, published) for _, body, published in rows]
    for (doc_id, _, published), facts in zip(rows, results, strict=True):
        if isinstance(facts, Exception):  # one odd document must not stop the run
            log.error("extraction failed for %s", doc_id, exc_info=facts)
            continue
        for table, table_rows in fact_rows(doc_id, facts, published).items():
            tables[table] += table_rows
    return tables


def _extract_alone(body: str, published: object) -> object:
    """The facts of one document, or the exception its extraction raised."""
    try:
        return registry.extract_batch([(body, published)])[0]
    except ModelMissing:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per document by the caller
        return exc


def propagate(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Add mentions of organisations that other documents name confidently (recomputed each run).

    The names known across the warehouse are gathered once; bodies, their mentions and the new
    rows then go BATCH_SIZE documents at a time.
    """
    wh_facts.delete_propagated(con)
    if not registry.is_enabled(PROPAGATION_RULE):
        return {"known_names": 0, "mentions": 0, "companies": 0}
    known = prop.known_companies(
        wh_facts.known_company_rows(con), people=wh_facts.person_names(con)
    )
    doc_ids = wh_documents.extracted_doc_ids(con)
    counts = {"known_names": len(known), "mentions": 0, "companies": 0}
    for ids in id_batches(doc_ids):
        mention_rows, company_rows = _propagated_rows(con, ids, known)
        counts["mentions"] += insert_rows(con, "company_mentions", mention_rows)
        counts["companies"] += insert_rows(con, "document_companies", company_rows)
    return counts


def _propagated_rows(
    con: duckdb.DuckDBPyConnection, doc_ids: list[str], known: object
) -> tuple[list[dict], list[dict]]:
    """company_mentions and document_companies rows that propagation adds to these documents."""
    spans: dict[str, DocumentFacts] = {}
    for doc_id, table, key, start, end in wh_facts.mention_spans(con, doc_ids):
        facts = spans.setdefault(doc_id, DocumentFacts())
        if table == "c":
            facts.company_mentions.append(CompanyMention(start, end, "", key, "own"))
        else:
            facts.person_mentions.append(PersonMention(start, end, "", key, "own"))
    present = wh_facts.document_company_pairs(con, doc_ids)
    mention_rows, company_rows = [], []
    for doc_id, body in wh_documents.bodies_by_id(con, doc_ids):
        found = prop.propagate_companies(body, known, spans.get(doc_id, DocumentFacts()))
        base = {"doc_id": doc_id, "extractor_version": settings.EXTRACTOR_VERSION}
        mention_rows += [{**company_mention_row(base, m), "rule": PROPAGATION_RULE} for m in found]
        company_rows += [
            {
                **document_company_row(base, c),
                "parent_company_id": None,
                "propagated": True,
                "rule": PROPAGATION_RULE,
            }
            for c in prop.propagated_companies(found, known)
            if (doc_id, company_id(c.key)) not in present
        ]
    return mention_rows, company_rows


def full_refresh(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Forget every derived row so the run rebuilds documents and facts from raw_documents."""
    docs = wh_documents.all_doc_ids(con)
    wh_documents.delete_documents(con, docs)
    wh_raw.clear_normalize_errors(con)
    return {"documents_cleared": len(docs)}


def quarantine_documents(staging: Path, warehouse_path: Path, run_id: str) -> dict[str, int]:
    """Quarantine documents failing row-level expectations before deduplication and extraction.

    A document with an impossible date would otherwise become the canonical copy of its
    duplicates and then leave them pointing at nothing once quarantined.
    """
    report = gx_validate.validate(staging, warehouse_path, tables=["documents"])
    if not report.quarantining:
        return {"quarantined": 0}
    with warehouse.connect(staging) as con:
        moved = gx_validate.quarantine_rows(con, report, run_id)
    return {"quarantined": sum(len(v) for v in moved.values())}


def validate(staging: Path, warehouse_path: Path, run_id: str) -> dict:
    """Run the GX suites; quarantine failing rows, re-check, and say whether the run may publish."""
    report = gx_validate.validate(staging, warehouse_path)
    first = report
    quarantined: dict[str, list[str]] = {}
    if report.quarantining and not report.aborting:
        quarantined = quarantine_failing_rows(staging, report, run_id)
        report = gx_validate.validate(staging, warehouse_path)
    report.build_docs()
    failed = failed_expectations(report)
    with warehouse.connect(staging) as con:
        gx_validate.write_results(con, _merge_counts(first, report), run_id)
    return {
        "passed": not failed,
        "expectations": len(report.outcomes),
        "quarantined": sum(len(v) for v in quarantined.values()),
        "failed": failed,
        "data_docs": str(report.data_docs) if report.data_docs else None,
    }


def quarantine_failing_rows(staging: Path, report: object, run_id: str) -> dict[str, list[str]]:
    """Move the rows the report quarantines, with the facts of quarantined documents, and
    rebuild stories and canonical facts (they counted the rows just removed); returns the
    quarantined keys per table."""
    with warehouse.connect(staging) as con:
        quarantined = gx_validate.quarantine_rows(con, report, run_id)
        wh_facts.delete_facts(con, quarantined.get("documents", []))
        consolidate(con, run_id)
    return quarantined


def failed_expectations(report: object) -> list[str]:
    """'suite: expectation column-or-description' of each failed outcome, for the run log."""
    return [
        f"{o.suite}: {o.expectation} {o.kwargs.get('column') or o.kwargs.get('description') or ''}".strip()
        for o in report.outcomes
        if not o.success
    ]


def _merge_counts(first: object, final: object) -> object:
    """Final outcomes, carrying the unexpected counts of the first pass (before quarantine)."""
    before = {(o.suite, o.expectation, str(o.kwargs)): o.unexpected_count for o in first.outcomes}
    return gx_validate.ValidationReport(
        [
            replace(
                o,
                unexpected_count=before.get(
                    (o.suite, o.expectation, str(o.kwargs)), o.unexpected_count
                ),
            )
            for o in final.outcomes
        ],
        final.data_docs,
    )


def consolidate(
    con: duckdb.DuckDBPyConnection, run_id: str, map_batches: BatchMap = map
) -> dict[str, int]:
    """Recompute stories, canonical claims and events over every canonical document
    (map_batches may cluster batches of whole stories elsewhere)."""
    return consolidate_warehouse(con, map_batches)
