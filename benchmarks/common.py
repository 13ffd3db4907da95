"""Shared helpers for the benchmark scripts: paths, the machine/versions header, timing, peak RSS.

Every script imports this first (it also puts the repository on sys.path), skips cleanly when
../shared/data is absent, and writes benchmarks/results/<name>.md opening with `header()`.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SHARED_DATA = REPO.parent / "shared" / "data"
BBC_DIR = SHARED_DATA / "bbc-news" / "bbc"
HTML_DIR = SHARED_DATA / "article-extraction-dev"
RESULTS_DIR = REPO / "benchmarks" / "results"
# Generated corpora (git-ignored, never committed).
CORPORA_DIR = REPO / "benchmarks" / "corpora"

# No network and no telemetry in any benchmark run (set before Prefect or GX is imported).
for _name, _value in {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(_name, _value)


def skip_without(path: Path, name: str) -> None:
    """Exit 0 with a message when the evaluation data a benchmark needs is absent."""
    if not path.exists():
        print(f"{name}: skipped, {path} is absent")
        raise SystemExit(0)


def versions(packages: list[str]) -> str:
    """'pkg x.y, pkg2 a.b' for the installed distributions (missing ones say so)."""
    out = []
    for name in packages:
        try:
            out.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{name} (not installed)")
    return ", ".join(out)


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
        )
        return done.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> str:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        return f"{pages / 2**30:.0f} GB RAM"
    except (ValueError, OSError):
        return "RAM unknown"


def header(title: str, packages: list[str]) -> list[str]:
    """Markdown lines: title, date, machine, Python and package versions, commit."""
    return [
        f"# {title}",
        "",
        f"- date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {_cpu_model()}, {os.cpu_count()} cores, {_memory_gb()}, "
        f"{platform.system()} {platform.release()}",
        f"- python {sys.version.split()[0]}; {versions(packages)}",
        f"- commit: {_commit()}",
        "",
    ]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_with_workers_mb() -> float:
    """Memory of this process plus its worker processes, in MiB, without Prefect's temporary API
    server (a `uvicorn` child that belongs to the orchestrator, not to the pipeline).

    Proportional set size (PSS) is summed, not RSS: workers are forked from one fork server and
    share its pages, which summed RSS would count once per process.
    """
    import psutil

    me = psutil.Process()
    total = me.memory_full_info().pss
    for child in me.children(recursive=True):
        try:
            if "uvicorn" not in " ".join(child.cmdline()):
                total += child.memory_full_info().pss
        except psutil.Error:  # gone between listing and reading
            continue
    return total / 2**20


def current_rss_mb() -> float:
    """Resident set size now, in MiB (psutil when installed, else /proc)."""
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Timing:
    """Wall-clock seconds of a block and this process's peak RSS (MiB) after it."""

    seconds: float = 0.0
    peak_rss_mb: float = 0.0


@contextmanager
def timed() -> Iterator[Timing]:
    """Time a block: `with timed() as t: ...` then t.seconds, t.peak_rss_mb."""
    result = Timing()
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        result.peak_rss_mb = peak_rss_mb()


def write_result(name: str, lines: list[str]) -> Path:
    """Write benchmarks/results/<name>.md and print it."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.md"
    text = "\n".join(lines).rstrip() + "\n"
    path.write_text(text, encoding="utf-8")
    print(text)
    return path
