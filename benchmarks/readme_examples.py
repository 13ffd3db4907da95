"""README example outputs: regenerate them from a real run on samples/, or check them.

The README's "Example queries" section pairs each ```sql block with the output block right under
it. `python benchmarks/readme_examples.py` runs the pipeline on samples/ into a temporary
warehouse, runs every such query and rewrites the output blocks; tests/test_readme_examples.py
runs the same queries against the session's samples warehouse and compares with the README.
Regenerate after a change to extraction: `make readme-examples`.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
# The section whose sql/output pairs are generated.
SECTION = "## Example queries"
# An sql block followed (after one newline) by a plain output block.
PAIR = re.compile(r"```sql\n(?P<sql>.*?)```\n```\n(?P<out>.*?)```", re.S)
# Columns of the output are separated by at least this many spaces.
GAP = 2


def section_bounds(text: str) -> tuple[int, int]:
    """Start and end offsets of the example-queries section."""
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return start, len(text) if end < 0 else end


def examples(text: str) -> list[tuple[str, str]]:
    """(sql, output) of every pair in the section, in order."""
    start, end = section_bounds(text)
    return [(m["sql"], m["out"]) for m in PAIR.finditer(text, start, end)]


def cell(value: object) -> str:
    """A value as the README prints it: NULL as nothing, lists as [a, b]."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "[" + ", ".join(cell(v) for v in value) + "]"
    return str(value)


def render(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The query's rows as fixed-width text: a header line, then one line per row."""
    rel = con.sql(sql)
    rows = [[cell(v) for v in row] for row in rel.fetchall()]
    table = [list(rel.columns), *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(rel.columns))]
    lines = [(" " * GAP).join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in table]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def regenerate(text: str, con: duckdb.DuckDBPyConnection) -> str:
    """The README with every output block of the section replaced by the query's real output."""
    start, end = section_bounds(text)
    section = PAIR.sub(
        lambda m: f"```sql\n{m['sql']}```\n```\n{render(con, m['sql'])}```", text[start:end]
    )
    return text[:start] + section + text[end:]


def build_samples_warehouse(folder: Path) -> Path:
    """Run the real pipeline on samples/ into `folder` (a temporary Prefect server)."""
    sys.path.insert(0, str(REPO))
    from flows.pipeline import pipeline
    from newsfacts import interrupts, settings

    warehouse = folder / "newsfacts.duckdb"
    with interrupts.temporary_prefect_server():
        result = pipeline([str(settings.SAMPLES_DIR)], str(warehouse))
    if result["status"] != "success":
        raise SystemExit(f"the run on samples/ did not publish: {result['message']}")
    return warehouse


def main() -> None:
    """Regenerate the README's example outputs from a fresh run on samples/."""
    warehouse = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory(prefix="newsfacts-readme-") as tmp:
        path = warehouse or build_samples_warehouse(Path(tmp))
        con = duckdb.connect(str(path), read_only=True)
        try:
            README.write_text(regenerate(README.read_text(encoding="utf-8"), con), encoding="utf-8")
        finally:
            con.close()
    print(f"README example outputs regenerated from {path if warehouse else 'a run on samples/'}")


if __name__ == "__main__":
    main()
