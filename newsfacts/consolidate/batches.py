"""The consolidate stage over the warehouse: stories of every canonical document, then the
clusters and canonical rows of whole stories, a batch at a time.

Every warehouse read and write goes through newsfacts.warehouse.consolidation; the clustering of each
batch (`story_batch_tables`) is pure, so `map_batches` may run it in other processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsfacts.consolidate.records import ClaimReport, EventReport, ReportDoc, StoryDocumentRow
from newsfacts.consolidate.rows import fact_tables
from newsfacts.consolidate.scope import document_scope
from newsfacts.consolidate.shared import group_by, words
from newsfacts.consolidate.stories import story_ids, story_rows
from newsfacts.parallel import BatchMap
from newsfacts.warehouse import consolidation as io
from newsfacts.warehouse.consolidation import OUTPUT_TABLES

# Canonical documents whose stories, claims and events are consolidated at once (whole stories,
# so a batch can be larger): bounds memory by the batch, not by the warehouse.
CONSOLIDATE_BATCH_DOCS = 1_000
# Bodies read at once while streaming them into the story word counts.
BODY_BATCH_DOCS = 500


def consolidate_warehouse(con: object, map_batches: BatchMap = map) -> dict[str, int]:
    """Stories, claim and event clusters and canonical claims and events of the warehouse, written
    to OUTPUT_TABLES (and documents.story_id); returns the rows written per table.

    Nothing is held per document beyond compact arrays: bodies stream once, BODY_BATCH_DOCS at a
    time, into the story word counts (keeping each document's scope, and the first line of an
    untitled one); then the stories, claims and events of whole stories are read, clustered and
    written CONSOLIDATE_BATCH_DOCS documents at a time (see fact_tables). The clustering of each
    batch is a pure function (`story_batch_tables`), so `map_batches` may run it elsewhere.
    """
    with io.memory_limit(con):
        return _consolidate(con, map_batches)


@dataclass
class StoryBatch:
    """What the rows of a batch of whole stories are made from (read from the warehouse)."""

    doc_ids: list[str]
    docs: dict[str, ReportDoc]  # doc_id -> the document (with a body when untitled)
    claims: list[ClaimReport]
    events: list[EventReport]
    scope: dict[str, str | None]  # doc_id -> the document's product scope
    story_of: dict[str, str]  # doc_id -> story_id


def story_batch_tables(batch: StoryBatch) -> dict[str, list[tuple]]:
    """Rows (records of newsfacts.consolidate.records) of every OUTPUT_TABLES table for one
    batch of whole stories; pure."""
    return {
        "stories": story_rows(list(batch.docs.values()), batch.story_of),
        "story_documents": [StoryDocumentRow(batch.story_of[i], i) for i in batch.doc_ids],
        **fact_tables(batch.claims, batch.events, batch.docs, batch.scope, batch.story_of),
    }


def _consolidate(con: object, map_batches: BatchMap = map) -> dict[str, int]:
    """consolidate_warehouse under whatever DuckDB memory limit is set."""
    inputs = io.read_story_inputs(con)
    scopes: list[str | None] = []
    first_lines: dict[str, str] = {}  # untitled documents: all story_title needs of the body

    def token_lists() -> Iterator[list[str]]:
        ids = inputs.doc_ids
        for k in range(0, len(ids), BODY_BATCH_DOCS):
            for doc_id, title, body in io.document_texts(con, ids[k : k + BODY_BATCH_DOCS]):
                scopes.append(document_scope(body))
                if not title:
                    first_lines[doc_id] = body.strip().split("\n", 1)[0]
                yield words(f"{title or ''}\n{body}")

    story_of = story_ids(inputs, token_lists())
    io.clear_outputs(con)
    counts = dict.fromkeys(OUTPUT_TABLES, 0)
    batches = list(_story_batches(story_of))
    if len(batches) <= 1:
        map_batches = map  # a single batch: nothing to overlap

    def story_batches() -> Iterator[StoryBatch]:
        for batch in batches:
            ids = [inputs.doc_ids[i] for i in batch]
            docs = {d.doc_id: d for d in io.batch_documents(con, ids)}
            for doc_id in docs.keys() & first_lines.keys():
                docs[doc_id] = docs[doc_id]._replace(body=first_lines.pop(doc_id))
            claims, events = io.batch_claims(con, ids), io.batch_events(con, ids)
            yield StoryBatch(
                ids,
                docs,
                claims,
                events,
                {inputs.doc_ids[i]: scopes[i] for i in batch},
                {inputs.doc_ids[i]: story_of[i] for i in batch},
            )

    for tables in map_batches(story_batch_tables, story_batches()):
        for table, rows in tables.items():
            counts[table] += io.write_rows(con, table, rows)
    io.set_document_stories(con)
    return counts


def _story_batches(story_of: list[str]) -> Iterator[list[int]]:
    """Document indices in batches of whole stories (in story id order), about
    CONSOLIDATE_BATCH_DOCS each."""
    members = group_by(range(len(story_of)), lambda i: story_of[i])
    batch: list[int] = []
    for story_id in sorted(members):
        batch += members[story_id]
        if len(batch) >= CONSOLIDATE_BATCH_DOCS:
            yield batch
            batch = []
    if batch:
        yield batch
