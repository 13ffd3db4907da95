"""Moved: the warehouse's reads and writes live in newsfacts/warehouse/ (raw, documents, facts,
runs, quality...). This module only re-exports what newsfacts/consolidate.py still imports from
here; delete it when consolidation calls the warehouse package itself (issue #19)."""

from __future__ import annotations

from newsfacts.warehouse.documents import documents_in_order
from newsfacts.warehouse.frames import insert_rows, utcnow

__all__ = ["documents_in_order", "insert_rows", "utcnow"]
