"""Every constant and threshold of newsfacts, with its meaning and unit."""

from __future__ import annotations

import os
from pathlib import Path

# Folder of the repository checkout; sql/ and expectations/ live here, next to the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SAMPLES_DIR = PROJECT_ROOT / "samples"

# Default warehouse file; NEWSFACTS_WAREHOUSE overrides it, --warehouse overrides both.
DEFAULT_WAREHOUSE = Path(
    os.environ.get("NEWSFACTS_WAREHOUSE", PROJECT_ROOT / "warehouse" / "newsfacts.duckdb")
)

# Version of the normalizer (cleaning, unwrapping, datelines), stamped on every document. A
# document of another version is normalized again by the next run, incremental or not.
# 2: hard-wrapped text unwrapped, datelines and sign-offs cut, template lines spare sentences.
# 3: publishers from bylines and --publisher (publisher_source), dates from file and folder
# names and --published.
NORMALIZER_VERSION = "3"
# Base of the version stamped on every fact row; bump it when extraction code changes. A run whose
# extractor version differs from the last successful run's, or that finds documents of another
# normalizer version, never skips its stages as "nothing new". EXTRACTOR_VERSION (see
# __getattr__ below) adds the spaCy pipeline's name and version, a digest of the registered
# components and the rules switched off (newsfacts.extract.registry.extractor_version), so
# incremental runs never mix facts from different models or rule sets.
EXTRACTOR_BASE_VERSION = "0.2.0"

# --- ingest ---------------------------------------------------------------------------------
# File suffixes read, mapped to the format recorded in raw_documents.format.
FORMATS_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}
# Files larger than this many bytes are refused into ingest_errors instead of read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
# One article record (a text file, an HTML page, a JSON record, a WARC response) larger than this
# many bytes is refused into ingest_errors: real news pages stay far below it, and cleaning a
# record costs time and memory in proportion to its size (about 1 s per MB).
MAX_RECORD_BYTES = 5 * 1024 * 1024
# Share of characters that may be control / replacement characters before a file counts as binary.
MAX_BINARY_SHARE = 0.02
# A compressed file (.warc.gz) is inflated as a stream and refused once its output passes this
# many bytes: a 2 MB "zip bomb" would otherwise expand to gigabytes in memory.
MAX_DECOMPRESSED_BYTES = MAX_FILE_BYTES
# JSON nested deeper than this many levels (objects and lists) is refused: articles need a few
# levels; 100,000 levels overflow the parser's stack.
MAX_JSON_DEPTH = 64

# --- normalize ------------------------------------------------------------------------------
# A line that occurs in at least this many documents of one publisher (and in at least
# this share of them) is treated as that publisher's template boilerplate.
REPEATED_LINE_MIN_DOCS = 3
REPEATED_LINE_MIN_SHARE = 0.5
# Headline heuristics for plain text: at most this many words and characters.
TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200
# Characters of the body given to the language detector (py3langid); more adds time, not accuracy.
LANGUAGE_SAMPLE_CHARS = 600
# Bodies shorter than this many characters after cleaning are an ingest error ("no article").
MIN_BODY_CHARS = 40
# A date given with --published is the user's word, not the document's: the confidence of a
# relative expression resolved against it ("last week", "in March") is multiplied by this.
CLI_DATE_CONFIDENCE = 0.5

# --- extraction budget -----------------------------------------------------------------------
# Work per document is bounded by these counts, never by a clock, so results do not depend on
# machine load. A "sentence" longer than this many characters (a page on one line, no full
# stops) is split into pieces of at most this length at a space: rules look within a sentence,
# and on a 4.5 MB run-on sentence their work grew with its square.
MAX_SENTENCE_CHARS = 2000
# Characters of a body given to the extractors; the rest of a longer body is not read for facts,
# and the extract stage counts such documents (runs.stage_counts: extract.cut_for_budget).
# Real articles are far shorter (a long feature is ~40,000 characters).
MAX_EXTRACT_CHARS = 200_000

# --- dedup ----------------------------------------------------------------------------------
# Near duplicates: Jaccard similarity of word shingles at or above this value.
NEAR_DUP_THRESHOLD = float(os.environ.get("NEWSFACTS_NEAR_DUP_THRESHOLD", "0.8"))
# Words per shingle.
SHINGLE_SIZE = 5
# MinHash signature length (bins of one-permutation hashing, a power of two), split into LSH
# bands of BAND_ROWS rows each.
MINHASH_PERMUTATIONS = 128
BAND_ROWS = 4
# Edited versions: two versions of one article, one with a sentence or paragraph edited, added
# or cut, often fall below NEAR_DUP_THRESHOLD (a replaced paragraph changes every shingle it
# touches). They are duplicates when at least this share of each one's words lies in word
# SHINGLE_SIZE-grams the other also has (on bbc-news the closest pair of different articles
# that differ in at most EDITED_MAX_PASSAGES passages shares 0.34 of one's words)...
EDITED_MIN_SHARED = 0.6
# ... and each differs from the other in at most this many passages (an article updated in
# several places is a new report, whose facts must not be dropped as a duplicate's).
EDITED_MAX_PASSAGES = 2
# Shared stretches shorter than this many words inside a differing passage (a phrase kept in
# a rewritten sentence) do not split it into two passages.
EDITED_GAP_WORDS = 10
# A differing passage of at most this many words is a word edit (a typo fixed, a figure
# updated), not an edited passage: it lowers the shared share but is not counted as a passage.
WORD_EDIT_MAX_WORDS = 3
# Documents shorter than this many words are judged by Jaccard alone: too little text to tell
# an edited version from another article.
EDITED_MIN_WORDS = 50

# --- consolidate (across documents) ------------------------------------------------------------
# Two reports' headline figures of one event agree when they are in different currencies (no
# rate is assumed), count different things (money against jobs), or, in the same currency or
# unit, differ by at most this share of the larger one: "£1.3bn" and "£1.35bn" (rounding) agree,
# a first £1.3bn bid and a raised £1.5bn bid do not. A missing figure never disagrees.
EVENT_AMOUNT_TOLERANCE = 0.05
# Figures of one currency further apart than this factor are different quantities of one deal
# (530p a share against £1.35bn for the company), not two values of one quantity.
EVENT_AMOUNT_SAME_QUANTITY_RATIO = 1000.0
# Days apart (gap between the periods their dates cover, 0 when they overlap) two reports of an
# event that happened may date it, by the coarser granularity of the two dates: a day may be
# reported a day or two off ("on Friday", "last week"); a month, quarter, half or year must
# overlap, so 2003 results are never 2004 results. Plans, and dates of unknown granularity,
# keep the wider windows of newsfacts.consolidate.thresholds.EVENT_DATE_GAP_DAYS.
EVENT_DATE_WINDOW_DAYS = {"day": 3, "month": 0, "quarter": 0, "half": 0, "year": 0}

# --- validate -------------------------------------------------------------------------------
# Earliest publication date accepted as plausible.
MIN_PLAUSIBLE_DATE = "1900-01-01"
# Template lines (repeated across a source's documents) are only removed when at most this many
# words long: a template is a nav bar, a newsletter plug or a copyright line, not a paragraph.
TEMPLATE_LINE_MAX_WORDS = 20
# Documents normalized, extracted and written per batch; bounds memory on large folders.
BATCH_SIZE = 500
# Batches handed to worker processes or a Dask cluster ahead of the one being written (--workers,
# --dask-address): keeps workers busy while bounding memory to about this many batches.
BATCHES_IN_FLIGHT = 4

# --- sql ------------------------------------------------------------------------------------
# Seconds an ad-hoc `newsfacts sql` query may run before it is interrupted (--timeout).
SQL_TIMEOUT_SECONDS = 60.0
# Rows `newsfacts sql` prints to the terminal before it says the rest was cut (--max-rows);
# a file written with --out always gets every row.
SQL_MAX_ROWS = 1_000

# --- load -----------------------------------------------------------------------------------
# Seconds a run waits for another run on the same warehouse to finish before giving up.
LOCK_WAIT_SECONDS = float(os.environ.get("NEWSFACTS_LOCK_WAIT", "60"))
# Memory DuckDB may use per connection before it spills to disk (next to the warehouse file).
# DuckDB keeps every table block it reads cached up to this limit, so the limit, not the corpus,
# bounds that part of the process's memory; the pipeline's queries stream or hash small keys, and
# an evicted block is read back from the OS page cache. DuckDB's own default is 80% of the RAM.
DUCKDB_MEMORY_LIMIT = os.environ.get("NEWSFACTS_DUCKDB_MEMORY_LIMIT", "256MB")
# DuckDB's allocator keeps up to 128 MiB per thread (512 MiB after bulk frees) of freed memory
# before handing it back to the OS, so a stage that reads every body held that much more
# memory on a large corpus than on a small one. A small threshold returns it after each task.
DUCKDB_ALLOCATOR_FLUSH = os.environ.get("NEWSFACTS_DUCKDB_ALLOCATOR_FLUSH", "8MB")


def duckdb_config() -> dict[str, str]:
    """Settings of every DuckDB connection the pipeline opens (its own and Great Expectations')."""
    return {
        "memory_limit": DUCKDB_MEMORY_LIMIT,
        "allocator_flush_threshold": DUCKDB_ALLOCATOR_FLUSH,
        "allocator_bulk_deallocation_flush_threshold": DUCKDB_ALLOCATOR_FLUSH,
    }


def __getattr__(name: str) -> str:
    """EXTRACTOR_VERSION, computed when read: it depends on NEWSFACTS_SPACY_MODEL and
    NEWSFACTS_DISABLED_RULES, and reading it needs the pipeline's meta.json."""
    if name == "EXTRACTOR_VERSION":
        # Inside, not at the top: newsfacts.extract.registry imports this module (an import cycle
        # that goes when the registry reads its own settings, issue #19).
        from newsfacts.extract.registry import extractor_version

        return extractor_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
