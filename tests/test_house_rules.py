"""House rules of the code base (issue #19), checked on the source itself:

- no Python file in newsfacts/ or flows/ outside newsfacts/warehouse/ builds or runs an SQL
  statement: every read and write of the warehouse is a named function of that package;
- no module is longer than MAX_MODULE_LINES;
- every table's DDL says how it loads, and the tables deleted with a document are the ones that
  say so.

Each rule has an allow-list of files not yet brought in line, each with its reason. The lists
may only shrink: a file that now obeys the rule must leave its list (the tests say so).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import duckdb

from newsfacts import settings
from newsfacts.warehouse import apply_ddl
from newsfacts.warehouse.specs import LOAD_KINDS, per_document_tables, table_specs

REPO = Path(__file__).resolve().parents[1]
CODE_DIRS = ("newsfacts", "flows")
WAREHOUSE = REPO / "newsfacts" / "warehouse"

# Files that still build SQL outside newsfacts/warehouse/ (paths from the repository root).
SQL_ALLOWED: set[str] = set()  # empty: consolidation's SQL is newsfacts/warehouse/consolidation.py

# Modules longer than MAX_MODULE_LINES, each waiting for its own split.
MAX_MODULE_LINES = 600
LONG_ALLOWED: set[str] = set()  # empty: every module is split

# An SQL statement in a string: a keyword that starts one, followed by what it needs.
SQL_STATEMENT = re.compile(
    r"\b(SELECT\s.+\bFROM\b|SELECT\s+(count|EXISTS|current_setting)\b|INSERT\s+INTO\b"
    r"|DELETE\s+FROM\b|UPDATE\s+\w+(\s+\w+)?\s+SET\b|CREATE\s+(OR\s+REPLACE\s+)?(TABLE|VIEW)\b"
    r"|ALTER\s+TABLE\b|DROP\s+(TABLE|VIEW)\b|\bSET\s+memory_limit\b|\bCHECKPOINT\b)",
    re.DOTALL,
)
# Methods of a DuckDB connection that run SQL text.
SQL_METHODS = {"execute", "executemany", "sql", "query"}


def python_files() -> list[Path]:
    return sorted(p for d in CODE_DIRS for p in (REPO / d).rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (prose may name SQL)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def sql_sites(path: Path) -> list[str]:
    """Where a file builds SQL text or runs it on a connection: 'line: what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if SQL_STATEMENT.search(node.value):
                sites.append(f"{node.lineno}: {node.value[:60]!r}")
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SQL_STATEMENT.search(text):
                sites.append(f"{node.lineno}: f-string {text[:60]!r}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_METHODS
            and node.args
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("con", "self", "connection", "cur", "cursor")
        ):
            sites.append(f"{node.lineno}: {node.func.value.id}.{node.func.attr}(...)")
    return sites


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_sql_is_built_only_in_the_warehouse_package():
    offenders = {
        relative(p): sites
        for p in python_files()
        if WAREHOUSE not in p.parents and relative(p) not in SQL_ALLOWED
        for sites in [sql_sites(p)]
        if sites
    }
    assert not offenders, (
        "SQL outside newsfacts/warehouse/: add a named function to a warehouse module and call "
        f"it instead: {offenders}"
    )


def test_the_sql_detector_sees_sql():
    """The rule above would pass vacuously if the detector missed SQL: it finds it where it is."""
    assert sql_sites(WAREHOUSE / "documents.py")
    assert sql_sites(WAREHOUSE / "consolidation.py")


def test_sql_allow_list_only_shrinks():
    for name in SQL_ALLOWED:
        path = REPO / name
        assert path.exists() and sql_sites(path), (
            f"{name} builds no SQL now: drop it from SQL_ALLOWED"
        )


def test_no_module_is_too_long():
    long = {
        relative(p): n
        for p in python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
        and relative(p) not in LONG_ALLOWED
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: split them: {long}"


def test_long_allow_list_only_shrinks():
    for name in LONG_ALLOWED:
        path = REPO / name
        assert path.exists(), f"{name} is gone: drop it from LONG_ALLOWED"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines > MAX_MODULE_LINES, f"{name} has {lines} lines now: drop it from LONG_ALLOWED"


def test_every_table_says_how_it_loads():
    specs = table_specs()  # raises naming the file when a table's `-- load:` line is missing
    for spec in specs.values():
        assert spec.load.startswith(LOAD_KINDS), f"{spec.path}: unknown load kind {spec.load!r}"


def test_tables_deleted_with_a_document_are_the_ones_declared():
    """Every table with a doc_id column says what happens to its rows when the document goes:
    a new table never joins the per-document deletes (or escapes them) silently."""
    con = duckdb.connect()
    apply_ddl(con)
    with_doc_id = {
        t
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_columns() WHERE column_name = 'doc_id' "
            "AND table_name IN (SELECT table_name FROM duckdb_tables())"
        ).fetchall()
    }
    con.close()
    assert set(per_document_tables()) == with_doc_id - {"documents"}


def test_expectations_check_only_what_the_ddl_cannot():
    """GX suites hold cross-table, offset, value-set and freshness checks, each saying what a
    failure means; a NOT NULL or PRIMARY KEY the DDL declares is DuckDB's to enforce (an insert
    breaking it fails before GX could see it)."""
    specs = table_specs()
    restated = []
    for path in sorted(settings.EXPECTATIONS_DIR.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        spec = specs.get(suite["name"])
        for e in suite["expectations"]:
            assert e.get("meta", {}).get("on_failure") in ("quarantine", "abort"), (path, e)
            column = e["kwargs"].get("column")
            if spec is None:
                continue  # a view: the DDL enforces nothing there
            if e["type"] == "expect_column_values_to_not_be_null" and column in spec.not_null:
                restated.append(f"{path.name}: {column} NOT NULL")
            unique = e["type"] == "expect_column_values_to_be_unique"
            if unique and spec.primary_key and (column,) == spec.key:
                restated.append(f"{path.name}: {column} PRIMARY KEY")
    assert not restated, f"expectations restating the DDL: {restated}"


def test_suites_that_quarantine_are_tables_with_a_key():
    """A quarantined row is named by its table's key as the DDL declares it, never by a copy of
    the key in the suite."""
    specs = table_specs()
    for path in sorted(settings.EXPECTATIONS_DIR.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        assert "primary_key" not in suite.get("meta", {}), f"{path.name}: the key is the DDL's"
        if any(e["meta"]["on_failure"] == "quarantine" for e in suite["expectations"]):
            assert suite["name"] in specs and specs[suite["name"]].key, path.name


def test_the_table_lists_agree_with_the_ddl():
    """ "Fact tables" is one set: the extraction's output tables (facts.FACT_TABLES) plus the
    extraction log are the DDL's `replace per document` tables, and consolidation's output
    tables are its `replace all` tables besides the event taxonomy."""
    from newsfacts.facts import FACT_TABLES
    from newsfacts.warehouse.consolidation import OUTPUT_TABLES

    kinds: dict[str, set[str]] = {}
    for name, spec in table_specs().items():
        kinds.setdefault(spec.load_kind, set()).add(name)
    assert set(FACT_TABLES) | {"extractions"} == kinds["replace per document"]
    assert set(OUTPUT_TABLES) == kinds["replace all"] - {"event_types"}
