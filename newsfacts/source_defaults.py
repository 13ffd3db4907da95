"""Source defaults: what `newsfacts run PATH --publisher NAME --published DATE` says about the
files under PATH, kept in the `source_defaults` table and read when they are normalized.

Kept, not passed once: a later run that normalizes the files again (a new normalizer version,
--full-refresh) must give them the same publisher and date without being told again. The
nearest PATH above a file that sets a value wins, per value. A run that changes a value
normalizes again the documents under PATH that used the old one, or had none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb

from newsfacts.warehouse import documents as wh_documents
from newsfacts.warehouse import source_defaults as wh_source_defaults


@dataclass(frozen=True)
class SourceDefaults:
    """The publisher and publication date given for a file's folder; None where none was."""

    publisher: str | None = None
    published: date | None = None


def under(source_path: str, path: str) -> bool:
    """Whether a file's path is `path` itself or lies below it."""
    return source_path == path or source_path.startswith(path.rstrip("/") + "/")


def effective(
    source_path: str, rows: Iterable[tuple[str, str | None, date | None]]
) -> SourceDefaults:
    """The defaults of one file from (path, publisher, published) rows: per value, the one of
    the nearest (longest) path above it that sets it."""
    publisher = published = None
    for path, pub, day in sorted(rows, key=lambda r: len(r[0]), reverse=True):
        if not under(source_path, path):
            continue
        publisher = publisher or pub
        published = published or day
    return SourceDefaults(publisher, published)


stored = wh_source_defaults.stored  # every (path, publisher, published_date) row


def for_paths(
    con: duckdb.DuckDBPyConnection, source_paths: Iterable[str]
) -> dict[str, SourceDefaults]:
    """The defaults of each of these files that has any (files with none are left out)."""
    rows = stored(con)
    if not rows:
        return {}
    out = {p: effective(p, rows) for p in set(source_paths)}
    return {p: d for p, d in out.items() if d != SourceDefaults()}


def record(
    con: duckdb.DuckDBPyConnection,
    paths: list[str],
    publisher: str | None,
    published: date | None,
    run_id: str,
) -> dict[str, int]:
    """Store the run's --publisher / --published for its paths (a value not given keeps the
    stored one) and delete the documents under them whose publisher or date would change, so
    this run normalizes them again. Returns the counts for the runs table."""
    if publisher is None and published is None:
        return {"paths": 0, "documents_renormalized": 0}
    before = {path: (pub, day) for path, pub, day in stored(con)}
    for path in paths:
        old_pub, old_day = before.get(path, (None, None))
        if path in before and (publisher or old_pub, published or old_day) == (old_pub, old_day):
            continue  # the same values again: the row (and its run_id) stays as it was
        wh_source_defaults.upsert(con, path, publisher, published, run_id)
    stale = _changed_documents(con, paths)
    wh_documents.delete_documents(con, stale)
    return {"paths": len(paths), "documents_renormalized": len(stale)}


def _changed_documents(con: duckdb.DuckDBPyConnection, paths: list[str]) -> list[str]:
    """Documents under these paths that took no publisher or date from the file itself and whose
    given one now differs."""
    rows = stored(con)
    changed = []
    for (
        doc_id,
        source_path,
        pub,
        pub_source,
        day,
        day_source,
    ) in wh_documents.given_source_documents(con):
        if not any(under(source_path, p) for p in paths):
            continue
        now = effective(source_path, rows)
        if (pub_source in ("cli", "unknown") and now.publisher != pub) or (
            day_source in ("cli", "unknown") and now.published != day
        ):
            changed.append(doc_id)
    return changed
