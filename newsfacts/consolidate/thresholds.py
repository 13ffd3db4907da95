"""Every threshold and weight consolidation decides with, documented in one place.

Batch and chunk sizes, which bound memory and never change a result, stay with the code
they bound (stories.STORY_CHUNK_ROWS, batches.CONSOLIDATE_BATCH_DOCS, ...).
"""

from __future__ import annotations

# --- stories ----------------------------------------------------------------------------------
# Two documents whose publication dates are both known are one story only if at most this many
# days apart: follow-ups of a news story cluster within weeks.
STORY_WINDOW_DAYS = 30
# Undated documents are compared on the years their text mentions (a proxy for when they were
# written): they may share a story only if some year mentioned in one lies within this many years
# of some year mentioned in the other. A document with no date and no year mentioned never blocks.
STORY_YEAR_GAP = 1
# Pair score = LEXICAL_WEIGHT * TF-IDF cosine of the texts + ENTITY_WEIGHT * cosine of the
# organisations' mention counts (media outlets excluded): two reports of one story name the same
# main company about as often, a piece where it is one partner among others does not. Documents
# are linked at or above STORY_MIN_SCORE.
STORY_LEXICAL_WEIGHT = 0.4
STORY_ENTITY_WEIGHT = 0.6
STORY_MIN_SCORE = 0.5
# And the texts alone must be at least this similar (cosine): two rewrites of a story share some
# distinctive words, whatever else they say.
STORY_MIN_LEXICAL = 0.1
# Blocking: only documents sharing a company or one of their STORY_BLOCK_TERMS highest-weighted
# words are compared; a key held by more than STORY_MAX_BLOCK documents is too common to block on.
STORY_BLOCK_TERMS = 12
STORY_MAX_BLOCK = 250
# Each document is compared with at most this many others: those sharing the most blocking keys
# with it. This bounds the work per document, so a large corpus costs linear time and memory; a
# story larger than this still forms, through chains of links.
STORY_MAX_CANDIDATES = 50

# --- claims -----------------------------------------------------------------------------------
# Two statements of one speaker in one story are paraphrases when they share at least
# CLAIM_MIN_SHARED content words and that is at least CLAIM_MIN_OVERLAP of the shorter one's words
# (overlap coefficient).
CLAIM_MIN_SHARED = 2
CLAIM_MIN_OVERLAP = 0.5

# --- events -----------------------------------------------------------------------------------
# Two reports of one event may give dates at most this many days apart (gap between the periods
# they cover): plans move ("by end 2018, or early 2019"), things that happened do not.
EVENT_DATE_GAP_DAYS = {"occurred": 31, "planned": 366, "denied": 366}
# Statuses that can describe one event: a plan and speculation about it are one thing; a denial
# or an occurrence is another (a denial is a conflict, see the claim_conflicts view). Keys: every
# status of newsfacts.vocab.EVENT_STATUSES (tests/test_vocab.py checks).
STATUS_GROUP = {
    "planned": "planned",
    "speculated": "planned",
    "occurred": "occurred",
    "denied": "denied",
}

# --- scope ------------------------------------------------------------------------------------
# A document's dominant product category needs at least this many phrase hits to be its scope.
DOC_SCOPE_MIN_HITS = 2
