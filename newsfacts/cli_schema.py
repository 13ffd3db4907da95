"""`newsfacts schema [TABLE]`: the warehouse's tables and views with grain and comments, or one
relation's columns with their types and comments (views included: DESCRIBE shows no comments)."""

from __future__ import annotations

import sys
from pathlib import Path

from newsfacts.cli_catalog import Relation, columns, pick, relations
from newsfacts.cli_common import fail
from newsfacts.warehouse import WarehouseBusy, WarehouseError, open_read_only


def show_schema(warehouse: Path, name: str | None) -> None:
    """Print every relation (no name) or one relation's columns."""
    try:
        con = open_read_only(warehouse, sandbox=True)
    except (WarehouseBusy, WarehouseError) as exc:
        fail(str(exc))
    try:
        known = relations(con)
        if name is None:
            print_relations(known)
            return
        try:
            (relation,) = pick(known, [name])
        except ValueError as exc:
            fail(str(exc))
        print_columns(relation, columns(con, relation.name))
    finally:
        con.close()


def _console() -> object:
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160)


def print_relations(known: list[Relation]) -> None:
    """One line per table or view: name, kind, grain, comment."""
    from rich.table import Table

    table = Table("name", "kind", "grain", "comment")
    for r in known:
        table.add_row(r.name, r.kind, r.grain or "", r.comment or "")
    _console().print(table)


def print_columns(relation: Relation, cols: list[tuple[str, str, str | None]]) -> None:
    """The relation's grain and comment, then its columns with types and comments."""
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    console.print(f"[bold]{relation.name}[/bold] ({relation.kind}): {relation.grain or ''}")
    if relation.comment:
        console.print(escape(relation.comment))
    table = Table("column", "type", "comment")
    for name, dtype, comment in cols:
        table.add_row(name, dtype, comment or "")
    console.print(table)
