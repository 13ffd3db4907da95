"""Imported once by the fork server that worker processes are forked from (`--workers`).

Importing this module loads everything a batch needs: the stage code, the language model and
the extraction word lists (gazetteers, listed companies). Each forked worker then starts with
them in memory, shared with its siblings, instead of loading its own copy on its first batch.
Importing it anywhere else only costs that same one-off loading time.
"""

from __future__ import annotations

from newsfacts import stages

# A normalized record and an extracted document load the lazily built resources on the way.
stages.normalize_batch(
    [("warm-up", "txt", "Warm-up text for worker processes.\n\n" * 3, "warm-up.txt", None)]
)
stages.extract_batch([("warm-up", "Acme Corp said on Monday it would open an office.", None)])
