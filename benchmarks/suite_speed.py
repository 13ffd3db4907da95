"""Is the test suite slower after a change? Two commits' suites, run side by side.

    python benchmarks/suite_speed.py BASE [HEAD] [--runs 3]

Clones the repository twice (BASE and HEAD, HEAD defaulting to the current commit) into a
temporary folder beside this checkout (so both see ../shared/data like a fresh clone), and runs
each clone's own suite (`pytest -q -p no:cacheprovider`, with this checkout's virtualenv on
PYTHONPATH order: the clone first) alternately BASE, HEAD, BASE, HEAD... `--runs` times each.
Alternating puts both under the same machine load; the report gives every wall time, the
medians and their ratio (HEAD / BASE: <= 1.10 means "not slower" for issue #19), and the load
average at each start. Writes benchmarks/results/suite_speed.md.

It takes `2 * runs` suite runs (about 8-10 minutes each on 2 cores): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, RESULTS_DIR, header

# "not slower": HEAD's median within this factor of BASE's (issue #19).
MAX_RATIO = 1.10


def clone(ref: str, into: Path) -> Path:
    """A clean clone of this repository at ref, with the shared virtualenv linked in."""
    subprocess.run(["git", "clone", "-q", str(REPO), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "-q", ref], check=True)
    (into / ".venv").symlink_to(REPO / ".venv")
    return into


def run_suite(checkout: Path) -> tuple[float, int, str]:
    """Seconds, exit code and summary line of one run of the checkout's own suite."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    start = time.monotonic()
    done = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "python"),
            "-m",
            "pytest",
            "-q",
            "-rf",
            "-p",
            "no:cacheprovider",
        ],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - start
    lines = done.stdout.strip().splitlines()
    # -rf lists each failed test as "FAILED id - reason": keep the ids, so a flaky one can be found.
    failed = [
        line.split(" - ")[0].removeprefix("FAILED ") for line in lines if line.startswith("FAILED ")
    ]
    summary = lines[-1] if lines else ""
    return seconds, done.returncode, summary + (f" ({', '.join(failed)})" if failed else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", help="the commit before the change")
    parser.add_argument("head", nargs="?", default="HEAD", help="the commit after (HEAD)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each suite (3)")
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {"base": [], "head": []}
    rows = []
    # Beside the repository, so each clone's ../shared/data is this checkout's.
    with tempfile.TemporaryDirectory(prefix="suite_speed_", dir=REPO.parent) as tmp:
        checkouts = {
            "base": clone(args.base, Path(tmp) / "base"),
            "head": clone(args.head, Path(tmp) / "head"),
        }
        if (REPO.parent / "shared").exists():
            (Path(tmp) / "shared").symlink_to(REPO.parent / "shared")
        for i in range(args.runs):
            for which in ("base", "head"):
                load = os.getloadavg()[0]
                seconds, code, summary = run_suite(checkouts[which])
                times[which].append(seconds)
                rows.append(
                    f"| {i + 1} | {which} | {seconds:.0f} | {load:.1f} | {code} | {summary} |"
                )
                print(rows[-1], flush=True)
    base, head = statistics.median(times["base"]), statistics.median(times["head"])
    ratio = head / base
    verdict = "not slower" if ratio <= MAX_RATIO else "SLOWER"
    lines = header("Test suite speed, side by side (benchmarks/suite_speed.py)", ["pytest"])
    lines += [
        f"- base {args.base}, head {args.head}; {args.runs} runs each, alternating",
        "",
        "| run | suite | seconds | 1-min load at start | exit | pytest summary |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Median: base {base:.0f} s, head {head:.0f} s; ratio **{ratio:.2f}** "
        f"(<= {MAX_RATIO:.2f}: {verdict}).",
    ]
    (RESULTS_DIR / "suite_speed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(lines[-1])
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
