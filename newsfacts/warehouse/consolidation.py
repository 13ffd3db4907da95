"""Consolidation's warehouse IO: every SQL statement and DuckDB call of newsfacts.consolidate.

Readers return the records of newsfacts.consolidate.records (and StoryInputs); writers take
the records the pure modules build. Nothing here clusters or decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from newsfacts.consolidate.records import ClaimReport, EventReport, ReportDoc
from newsfacts.consolidate.stories import (
    StoryInputs,
    company_matrix,
    document_period,
    shared_periods,
)
from newsfacts.warehouse.documents import documents_in_order
from newsfacts.warehouse.frames import insert_rows

# Canonical documents in ingest order, numbered from 0: the rows of StoryInputs. A date given on
# the command line (published_date_source 'cli') is no evidence of when a document appeared, so
# stories read it as unknown, and the years of expressions resolved against it are not read.
_CANONICAL = (
    "WITH canonical AS (SELECT d.doc_id, r.ingest_order, d.published_date_source = 'cli' AS cli, "
    "CASE WHEN d.published_date_source = 'cli' THEN NULL ELSE d.published_date END AS published_date, "
    "row_number() OVER (ORDER BY r.ingest_order, d.doc_id) - 1 AS i "
    "FROM documents d JOIN raw_documents r USING (raw_id) WHERE d.duplicate_of IS NULL) "
)
_BATCH_BODIES = (
    "WITH batch AS (SELECT DISTINCT unnest(?) AS doc_id), "
    "d AS (SELECT doc_id, body FROM documents SEMI JOIN batch USING (doc_id))"
)
_READ = {
    "canonical": f"{_CANONICAL} SELECT doc_id, ingest_order, published_date FROM canonical ORDER BY i",
    # Organisations' mentions, media outlets left out (they relay every kind of story); the
    # company code numbers company ids in their sort order.
    "companies": (
        f"{_CANONICAL} SELECT c.i, dense_rank() OVER (ORDER BY m.company_id) - 1 AS code, "
        "count(*) AS mentions FROM company_mentions m "
        "JOIN document_companies k USING (doc_id, company_id) JOIN canonical c USING (doc_id) "
        "WHERE k.kind <> 'media' GROUP BY c.i, m.company_id ORDER BY c.i, code"
    ),
    "years": (
        f"{_CANONICAL} SELECT DISTINCT c.i, CAST(substr(t.value, 1, 4) AS INTEGER) AS year "
        "FROM timexes t JOIN canonical c USING (doc_id) "
        "WHERE t.type = 'DATE' AND regexp_matches(t.value, '^[0-9]{4}') "
        "AND NOT (c.cli AND t.anchored) ORDER BY c.i, year"
    ),
    # What the rows of one batch of documents (the list parameter) need of their documents.
    "documents": (
        "SELECT d.doc_id, d.title, d.publisher, d.published_date AS published, "
        'r.ingest_order AS "order" FROM documents d JOIN raw_documents r USING (raw_id) '
        "SEMI JOIN (SELECT unnest(?) AS doc_id) b ON b.doc_id = d.doc_id "
        "ORDER BY r.ingest_order, d.doc_id"
    ),
    # Claims and events of one batch of documents. The batch's bodies, people and participants
    # are selected by SEMI JOINs on the batch before the joins, so DuckDB's memory and time follow
    # the batch, not the warehouse (`doc_id IN (SELECT ...)` scanned every body: 4.7 s against
    # 0.4 s per batch of 1,000 at 20,000 documents).
    "claims": (
        f"{_BATCH_BODIES}, "
        "p AS (SELECT * FROM document_people SEMI JOIN batch USING (doc_id)) "
        "SELECT c.claim_id, c.doc_id, c.speaker, c.speaker_person_id, "
        "c.speaker_company_id, c.content, c.stance, c.subject_company_id, c.event_id, c.claim_date, "
        "c.start_char, substr(d.body, c.start_char + 1, c.end_char - c.start_char) AS sentence, "
        "p.company_id AS speaker_affiliation, p.name AS speaker_name "
        "FROM claims c JOIN d USING (doc_id) "
        "LEFT JOIN p ON p.doc_id = c.doc_id AND p.person_id = c.speaker_person_id "
        "SEMI JOIN batch b ON b.doc_id = c.doc_id ORDER BY c.claim_id"
    ),
    # others: the event's other participants; counterparties: those of them acted on or
    # partnered with (targets, partners); lists, NULL when there are none.
    "events": (
        f"{_BATCH_BODIES}, e AS (SELECT * FROM events SEMI JOIN batch USING (doc_id)), "
        "o AS (SELECT p.event_id, list(DISTINCT p.company_id ORDER BY p.company_id) AS others, "
        " list(DISTINCT p.company_id ORDER BY p.company_id) "
        "  FILTER (WHERE p.role IN ('target', 'partner')) AS counterparties "
        " FROM event_participants p JOIN e USING (event_id) "
        " WHERE p.company_id IS DISTINCT FROM e.company_id GROUP BY p.event_id) "
        "SELECT e.event_id, e.doc_id, e.event_type, e.status, e.company_id, "
        "e.location, e.date_value, e.date_start, e.date_end, e.date_granularity, "
        "e.amount, e.unit, e.currency, e.start_char, "
        "substr(d.body, e.start_char + 1, e.end_char - e.start_char) AS sentence, o.others, "
        "o.counterparties "
        "FROM e JOIN d USING (doc_id) LEFT JOIN o USING (event_id) ORDER BY e.event_id"
    ),
}
# Every document's story: its canonical document's (none when that one is not a story member).
_SET_DOCUMENT_STORIES = (
    "UPDATE documents d SET story_id = s.story_id FROM ("
    " SELECT x.doc_id, sd.story_id FROM documents x JOIN raw_documents r USING (raw_id)"
    " LEFT JOIN story_documents sd ON sd.doc_id = coalesce(x.duplicate_of, x.doc_id)) s "
    "WHERE d.doc_id = s.doc_id AND d.story_id IS DISTINCT FROM s.story_id"
)
OUTPUT_TABLES = (
    "stories",
    "story_documents",
    "claim_clusters",
    "event_clusters",
    "canonical_claims",
    "canonical_events",
)


def _records(con: object, sql: str, params: list, record: type[NamedTuple]) -> list:
    """The query's rows as `record`s, fields filled by column name."""
    cur = con.execute(sql, params)
    names = [c[0] for c in cur.description]
    out: list = []
    while chunk := cur.fetchmany(10_000):  # never the whole result twice (tuples and records)
        out += [record(**dict(zip(names, r, strict=True))) for r in chunk]
    return out


# DuckDB's memory limit while consolidating: its cache of table blocks counts in the process's
# memory, and consolidation reads each body and fact once, so a small cache costs little time.
CONSOLIDATE_DUCKDB_MEMORY = "128MB"


def read_story_inputs(con: object) -> StoryInputs:
    """StoryInputs of the warehouse's canonical documents, in ingest order."""
    docs = con.execute(_READ["canonical"]).fetchall()
    years: dict[int, set[int]] = defaultdict(set)
    for i, year in con.execute(_READ["years"]).fetchall():
        years[i].add(year)
    periods = shared_periods(
        document_period(published, frozenset(years.pop(i, ())))
        for i, (_, _, published) in enumerate(docs)
    )
    companies = con.execute(_READ["companies"]).fetchnumpy()
    n_codes = int(companies["code"].max()) + 1 if len(companies["code"]) else 0
    return StoryInputs(
        [doc_id for doc_id, _, _ in docs],
        [order for _, order, _ in docs],
        periods,
        company_matrix(
            companies["i"], companies["code"], companies["mentions"], (len(docs), n_codes)
        ),
    )


@contextmanager
def memory_limit(con: object, limit: str = CONSOLIDATE_DUCKDB_MEMORY) -> Iterator[None]:
    """DuckDB's memory limit set to `limit` inside the block, the previous one restored after."""
    previous = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{limit}'")
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = '{previous}'")


def document_texts(con: object, doc_ids: list[str]) -> list[tuple]:
    """(doc_id, title, body) of these documents, in the order of `doc_ids`."""
    return documents_in_order(con, doc_ids, "d.doc_id, d.title, d.body")


def clear_outputs(con: object) -> None:
    """Every row of OUTPUT_TABLES deleted: consolidation recomputes them whole."""
    for table in OUTPUT_TABLES:
        con.execute(f'DELETE FROM "{table}"')


def batch_documents(con: object, doc_ids: list[str]) -> list[ReportDoc]:
    """A batch's documents (doc_id, title, publisher, published, order), in ingest order."""
    return _records(con, _READ["documents"], [doc_ids], ReportDoc)


def batch_claims(con: object, doc_ids: list[str]) -> list[ClaimReport]:
    """The claims of a batch's documents, with their sentences and speakers' names and employers."""
    return _records(con, _READ["claims"], [doc_ids], ClaimReport)


def batch_events(con: object, doc_ids: list[str]) -> list[EventReport]:
    """The events of a batch's documents, with their sentences, other participants and
    counterparties (tuples, empty when there are none)."""
    return [
        e._replace(others=tuple(e.others or ()), counterparties=tuple(e.counterparties or ()))
        for e in _records(con, _READ["events"], [doc_ids], EventReport)
    ]


def write_rows(con: object, table: str, rows: list[NamedTuple]) -> int:
    """Records (newsfacts.consolidate.records) appended to one of OUTPUT_TABLES; returns how many."""
    return insert_rows(con, table, [r._asdict() for r in rows])


def set_document_stories(con: object) -> None:
    """documents.story_id of every document from story_documents (see _SET_DOCUMENT_STORIES)."""
    con.execute(_SET_DOCUMENT_STORIES)
