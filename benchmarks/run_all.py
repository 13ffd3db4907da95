"""Run every benchmark script in benchmarks/, each in its own process, and summarise the results.

A benchmark script is a benchmarks/*.py file with a `__main__` block (helpers such as common.py
have none). Each writes benchmarks/results/<script>.md; this writes benchmarks/results/README.md:
one summary row per script (status, seconds) and then the tables of every result file, so the
latest numbers are on one page. Scripts skip themselves when ../shared/data is absent.

Run: .venv/bin/python benchmarks/run_all.py [--docs 50000] [--only compare_dedup ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent
# Seconds one script may run before it is stopped and reported as timed out.
SCRIPT_TIMEOUT_SECONDS = 3 * 3600


@dataclass
class Outcome:
    """How one benchmark script ended."""

    script: str
    status: str
    seconds: float
    result: Path | None


def benchmark_scripts() -> list[Path]:
    """benchmarks/*.py files that run as scripts, run_all itself excepted."""
    return sorted(
        p
        for p in HERE.glob("*.py")
        if p.name != Path(__file__).name and '__name__ == "__main__"' in p.read_text()
    )


def run_script(script: Path, extra: list[str]) -> Outcome:
    """Run one script with the project's Python; its output streams to this terminal."""
    print(f"=== {script.name} {' '.join(extra)}", flush=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script), *extra],
            cwd=common.REPO,
            timeout=SCRIPT_TIMEOUT_SECONDS,
            check=False,
        )
        status = "ok" if done.returncode == 0 else f"failed (exit {done.returncode})"
    except subprocess.TimeoutExpired:
        status = f"timed out after {SCRIPT_TIMEOUT_SECONDS} s"
    seconds = time.perf_counter() - started
    result = common.RESULTS_DIR / f"{script.stem}.md"
    fresh = result.exists() and result.stat().st_mtime >= time.time() - seconds - 1
    if status == "ok" and not fresh:
        status = "ok, wrote no result (skipped?)"
    return Outcome(script.stem, status, seconds, result if result.exists() else None)


def tables_of(result: Path) -> list[str]:
    """The markdown tables and target/verdict lines of a result file."""
    keep = []
    for line in result.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep.append("#" + line)  # one level below the script's own heading
        elif line.startswith("|") or "target" in line.lower():
            keep.append(line)
        elif keep and keep[-1].startswith("|"):
            keep.append("")  # end of a table
    return keep


def readme(outcomes: list[Outcome]) -> list[str]:
    """benchmarks/results/README.md: the summary table, then each result's tables."""
    lines = common.header("Benchmark results (latest run of benchmarks/run_all.py)", ["newsfacts"])
    lines += ["| benchmark | status | seconds | result |", "|---|---|---|---|"]
    for o in outcomes:
        link = f"[{o.result.name}]({o.result.name})" if o.result else "none"
        seconds = f"{o.seconds:.0f}" if o.status != "not re-run" else "-"
        lines.append(f"| {o.script} | {o.status} | {seconds} | {link} |")
    lines.append("")
    for o in outcomes:
        if o.result:
            lines += [f"## {o.script}", "", *tables_of(o.result), ""]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, default=50_000, help="Size of throughput's generated corpus."
    )
    parser.add_argument("--only", nargs="*", default=None, help="Run only these scripts (stems).")
    args = parser.parse_args()
    extra = {"throughput": ["--docs", str(args.docs)]}
    outcomes = []
    for script in benchmark_scripts():
        if args.only is None or script.stem in args.only:
            outcomes.append(run_script(script, extra.get(script.stem, [])))
    if args.only is not None:  # keep the other rows of a partial run from their result files
        ran = {o.script for o in outcomes}
        outcomes += [
            Outcome(p.stem, "not re-run", 0.0, common.RESULTS_DIR / f"{p.stem}.md")
            for p in benchmark_scripts()
            if p.stem not in ran and (common.RESULTS_DIR / f"{p.stem}.md").exists()
        ]
        outcomes.sort(key=lambda o: o.script)
    common.write_result("README", readme(outcomes))


if __name__ == "__main__":
    main()
