"""A warehouse created before a column was added still opens: the DDL adds the column and its comment."""

from __future__ import annotations

import re

import duckdb

from newsfacts import warehouse

ADD_COLUMN = re.compile(r"ALTER TABLE (\w+) ADD COLUMN IF NOT EXISTS (\w+)", re.IGNORECASE)


def added_columns() -> list[tuple[str, str]]:
    """(table, column) of every column that the DDL adds to tables of older warehouses."""
    found = []
    for path in warehouse.sql_files():
        found += ADD_COLUMN.findall(path.read_text(encoding="utf-8"))
    return found


def test_ddl_upgrades_a_warehouse_that_lacks_the_added_columns():
    added = added_columns()
    assert added, "no ALTER ... ADD COLUMN IF NOT EXISTS in sql/"
    con = duckdb.connect()
    warehouse.apply_ddl(con)
    # an older warehouse: the same tables without the columns added later (views depending on
    # them are dropped first, as they did not exist either)
    for (name,) in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal"
    ).fetchall():
        con.execute(f'DROP VIEW "{name}"')
    for table, column in added:
        con.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{column}"')
    warehouse.apply_ddl(con)
    have = {
        (t, c): comment
        for t, c, comment in con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns()"
        ).fetchall()
    }
    for table, column in added:
        assert (table, column) in have, f"{table}.{column} not added back"
        assert have[(table, column)], f"{table}.{column} has no comment after the upgrade"
