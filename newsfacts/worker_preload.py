"""Imported once by the fork server that worker processes are forked from (`--workers`).

Importing this module loads everything a batch needs: the stage code, the language model and
the extraction word lists (gazetteers, listed companies). Each forked worker then starts with
them in memory, shared with its siblings, instead of loading its own copy on its first batch.
Importing it anywhere else costs that same one-off loading time, and freezes the objects alive
at that point out of garbage collection (`gc.freeze`), as it should in a fork server.
"""

from __future__ import annotations

import gc

from newsfacts import stages
from newsfacts.consolidate import batches  # noqa: F401 - loaded for story batches

# A normalized record and an extracted document load the lazily built resources on the way.
stages.normalize_batch(
    [("warm-up", "txt", "Warm-up text for worker processes.\n\n" * 3, "warm-up.txt", None)]
)
stages.extract_batch([("warm-up", "Acme Corp said on Monday it would open an office.", None)])

# Workers are forked from this process: frozen, the objects loaded above are never walked by
# their garbage collectors, which also leaves the memory pages they share with it untouched.
gc.freeze()
