"""Ids do not depend on where a corpus lives: the same folder copied to two places gives the same
documents, facts and canonical ids (ties broken by id then break the same way on every machine),
and byte-identical copies at the same relative path under two folders still get distinct ids."""

from __future__ import annotations

import shutil
from pathlib import Path

from consolidate_support import build_warehouse, rows

ARTICLES = {
    "wire/one.txt": (
        "Harlow Turbines agrees to buy Fennick Gears\n\n"
        "Harlow Turbines said on Monday it had agreed to buy Fennick Gears, a maker of gearboxes "
        'based in Leeds, for 120 million pounds. "The deal gives us our own supply of gearboxes," '
        "said chief executive Maria Ostrova. Fennick Gears said its board backed the offer."
    ),
    "wire/two.txt": (
        "Fennick Gears backs sale to Harlow Turbines\n\n"
        "Fennick Gears said on Tuesday its board backed the 120 million pound offer from Harlow "
        "Turbines. Analysts at Pellow Research said the price looked fair."
    ),
    "other/three.txt": (
        "Quorra Labs opens plant in Ohio\n\n"
        "Quorra Labs, a battery start-up, said it would open a plant in Ohio next year. "
        "The company expects to hire 300 people there, its founder Tom Baird said."
    ),
}

# Per table: the columns that hold where the files are, left out of the comparison.
TABLES = {
    "raw_documents": "raw_id, record_index, sha256, version, same_bytes_as, ingest_order",
    "documents": "doc_id, title, body, duplicate_of, story_id",
    "claims": "*",
    "events": "*",
    "event_participants": "*",
    "canonical_claims": "*",
    "canonical_events": "*",
    "claim_conflicts": "*",
}


def write_corpus(parent: Path) -> Path:
    folder = parent / "corpus"
    for name, text in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def snapshot(con: object) -> dict[str, list[str]]:
    """Each table's rows as sorted text, without the columns that name files or runs."""
    out = {}
    for table, cols in TABLES.items():
        has_run = rows(
            con,
            "SELECT 1 FROM duckdb_columns() WHERE table_name = ? AND column_name = 'run_id'",
            [table],
        )
        select = "* EXCLUDE (run_id)" if cols == "*" and has_run else cols
        out[table] = sorted(
            repr(tuple(r.values())) for r in rows(con, f"SELECT {select} FROM {table}")
        )
    return out


def test_the_same_corpus_in_two_places_gets_the_same_ids_and_facts(tmp_path: Path) -> None:
    here = write_corpus(tmp_path / "a")
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    shutil.copytree(here, elsewhere / "corpus")
    first = build_warehouse([here], tmp_path / "a.duckdb")
    second = build_warehouse([elsewhere / "corpus"], tmp_path / "b.duckdb")
    try:
        one, two = snapshot(first), snapshot(second)
        assert len(one["documents"]) == 3
        assert one["claims"], "the corpus states claims"
        for table in TABLES:
            assert one[table] == two[table], table
    finally:
        first.close()
        second.close()


def test_identical_copies_at_the_same_relative_path_keep_distinct_ids(tmp_path: Path) -> None:
    first_copy = write_corpus(tmp_path / "a")
    second_copy = write_corpus(tmp_path / "b")  # the same bytes at b/corpus/...
    con = build_warehouse([first_copy, second_copy], tmp_path / "w.duckdb")
    try:
        got = rows(con, "SELECT raw_id, source_path, same_bytes_as FROM raw_documents")
        assert len(got) == 6
        assert len({r["raw_id"] for r in got}) == 6
        assert sum(r["same_bytes_as"] is not None for r in got) == 3
        # a later run over a third copy collides with ids already stored, and still loads
        later = write_corpus(tmp_path / "c")
        from newsfacts import stages

        counts = stages.ingest(con, [later], "run-2")
        assert counts["records"] == 3
        assert rows(con, "SELECT count(DISTINCT raw_id) AS n FROM raw_documents")[0]["n"] == 9
    finally:
        con.close()
