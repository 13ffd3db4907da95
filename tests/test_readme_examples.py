"""The README's example outputs are what the queries return on samples/ (regenerate them with
`make readme-examples` after a change to extraction)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]


def load_examples_module() -> object:
    spec = importlib.util.spec_from_file_location(
        "readme_examples", REPO / "benchmarks" / "readme_examples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme_examples = load_examples_module()
EXAMPLES = readme_examples.examples((REPO / "README.md").read_text(encoding="utf-8"))


def test_readme_has_examples_with_outputs() -> None:
    assert len(EXAMPLES) >= 3
    assert all(out.strip() for _, out in EXAMPLES)


@pytest.mark.parametrize(
    ("sql", "expected"), EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))]
)
def test_readme_example_output_matches_a_real_run(
    samples_warehouse: Path, sql: str, expected: str
) -> None:
    con = duckdb.connect(str(samples_warehouse), read_only=True)
    try:
        got = readme_examples.render(con, sql)
    finally:
        con.close()
    assert got == expected, "README example is stale: run `make readme-examples`"


def test_render_is_fixed_width_with_nulls_and_lists_as_text() -> None:
    con = duckdb.connect()
    got = readme_examples.render(
        con, "SELECT 'a' AS kind, NULL AS x, ['p', 'q'] AS l UNION ALL SELECT 'bbb', 2, []"
    )
    assert got.splitlines() == ["kind  x  l", "a        [p, q]", "bbb   2  []"]
