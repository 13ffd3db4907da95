"""Memory scaling: peak RSS of a cold `newsfacts run` over 2,225, 20,000 and 50,000 documents.

Documents stream through normalize and extract in batches of settings.BATCH_SIZE, so peak memory
should not grow in proportion to the corpus. Each corpus is loaded by `newsfacts run` in a child
process (its own ephemeral Prefect API) into an empty warehouse; a sampler reads the RSS of the
pipeline process and of its whole process tree (with the Prefect server) every RSS_SAMPLE_SECONDS.

Corpora: ../shared/data/bbc-news (2,225 files) and documents recombined from BBC paragraphs
(benchmarks/throughput.py's generator, BBC-sized, with planted duplicates), written under
benchmarks/corpora/memory-N (git-ignored).

Run: .venv/bin/python benchmarks/memory_scaling.py [--docs 20000 50000]
Writes benchmarks/results/memory_scaling.md; skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import common
import psutil

# How often the RSS sampler looks at the process tree, in seconds.
RSS_SAMPLE_SECONDS = 0.1
# Seconds one cold run may take before the benchmark gives up on it.
RUN_TIMEOUT_SECONDS = 3600
# Address-space cap of each child, in GiB: a stage that does not stream fails fast with
# MemoryError instead of pushing the shared machine into swap or the OOM killer.
CHILD_MEMORY_LIMIT_GIB = 8


@dataclass
class Run:
    """One measured cold run: documents loaded, wall seconds, peak RSS (MiB) of pipeline and tree."""

    label: str
    duckdb_limit: str
    documents: int
    seconds: float
    pipeline_peak_mb: float
    tree_peak_mb: float
    returncode: int


def tree_rss_mb(proc: psutil.Process) -> tuple[float, float]:
    """RSS of the process itself and of it plus all its descendants, in MiB."""
    try:
        own = proc.memory_info().rss
        total = own + sum(_rss(child) for child in proc.children(recursive=True))
    except psutil.Error:
        return 0.0, 0.0
    return own / 2**20, total / 2**20


def _rss(proc: psutil.Process) -> int:
    try:
        return proc.memory_info().rss
    except psutil.Error:
        return 0


def measured_run(label: str, corpus: Path, warehouse: Path, duckdb_limit: str) -> Run:
    """Run `newsfacts run CORPUS -w WAREHOUSE` in a child process, sampling its memory."""
    command = [sys.executable, "-m", "newsfacts.cli", "run", str(corpus), "-w", str(warehouse)]
    env = {**os.environ, "NEWSFACTS_DUCKDB_MEMORY_LIMIT": duckdb_limit}
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=limit_memory,
        env=env,
    )
    proc, own_peak, tree_peak = psutil.Process(child.pid), 0.0, 0.0
    while child.poll() is None and time.perf_counter() - started < RUN_TIMEOUT_SECONDS:
        own, tree = tree_rss_mb(proc)
        own_peak, tree_peak = max(own_peak, own), max(tree_peak, tree)
        time.sleep(RSS_SAMPLE_SECONDS)
    if child.poll() is None:
        child.kill()
    seconds = time.perf_counter() - started
    return Run(
        label, duckdb_limit, document_count(warehouse), seconds, own_peak, tree_peak, child.wait()
    )


def limit_memory() -> None:
    """Cap the child's address space (runs in the child before exec)."""
    cap = CHILD_MEMORY_LIMIT_GIB * 2**30
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


STAGE_ORDER = (
    "ingest",
    "normalize",
    "screen",
    "deduplicate",
    "extract",
    "propagate",
    "consolidate",
    "validate",
)


def stage_peaks(corpus: Path) -> list[str]:
    """Per-stage seconds and peak RSS from a child running the plain stage functions."""
    command = [sys.executable, __file__, "--stages-of", str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit_memory)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    failed = "" if done.returncode == 0 else f" (stopped: {_last_error(done.stderr)})"
    cells = [f"{r['stage']} {r['seconds']:.0f} s / {r['peak_mb']:.0f} MiB" for r in rows]
    return [", ".join(cells) + failed]


def _last_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line and not line.startswith(" ")]
    return lines[-1][:160] if lines else "no message"


def run_stages(corpus: Path) -> None:
    """Child mode: run each stage function on a fresh warehouse, print one JSON line per stage."""
    from newsfacts import stages, warehouse

    wh = Path(tempfile.mkdtemp()) / "w.duckdb"
    warehouse.open_staging(wh).close()
    staging = warehouse.staging_path(wh)
    sampler = PeakSampler()

    def on_con(call: object) -> object:
        with warehouse.connect(staging) as con:
            return call(con)

    calls = {
        "ingest": lambda: on_con(lambda con: stages.ingest(con, [corpus], "bench")),
        "normalize": lambda: on_con(lambda con: stages.normalize(con, "bench")),
        "screen": lambda: stages.quarantine_documents(staging, wh, "bench"),
        "deduplicate": lambda: on_con(stages.deduplicate),
        "extract": lambda: on_con(lambda con: stages.extract(con, "bench")),
        "propagate": lambda: on_con(lambda con: stages.propagate(con, "bench")),
        "consolidate": lambda: on_con(lambda con: stages.consolidate(con, "bench")),
        "validate": lambda: stages.validate(staging, wh, "bench"),
    }
    for name in STAGE_ORDER:
        sampler.reset()
        started = time.perf_counter()
        calls[name]()
        seconds = time.perf_counter() - started
        print(
            json.dumps({"stage": name, "seconds": seconds, "peak_mb": sampler.peak_mb}), flush=True
        )


class PeakSampler(threading.Thread):
    """Samples this process's RSS in the background; `peak_mb` since the last reset."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.process, self.peak = psutil.Process(), 0
        self.start()

    def reset(self) -> None:
        self.peak = self.process.memory_info().rss

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(RSS_SAMPLE_SECONDS / 2)


def document_count(warehouse: Path) -> int:
    """Documents in the published warehouse (0 when the run published nothing)."""
    import duckdb

    if not warehouse.exists():
        return 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


def lines(runs: list[Run], per_stage: dict[str, list[str]]) -> list[str]:
    """The results tables and what they show."""
    out = [
        "Cold `newsfacts run` in a child process (ephemeral Prefect API included in the tree),",
        f"address space capped at {CHILD_MEMORY_LIMIT_GIB} GiB. Batch size {_batch_size()} "
        f"documents; RSS sampled every {RSS_SAMPLE_SECONDS} s. Exit 1 with 0 documents under the",
        "cap means a stage ran out of memory (see the per-stage table).",
        "",
        "| corpus | DuckDB memory limit | documents | wall s | peak RSS pipeline MiB "
        "| peak RSS tree MiB | exit |",
        "|---|---|---|---|---|---|---|",
    ]
    out += [
        f"| {r.label} | {r.duckdb_limit} | {r.documents:,} | {r.seconds:.0f} | "
        f"{r.pipeline_peak_mb:.0f} | {r.tree_peak_mb:.0f} | {r.returncode} |"
        for r in runs
    ]
    out += [""] + growth_lines(runs)
    out += [
        "",
        "DuckDB keeps the table blocks it has read in its buffer pool up to its memory limit, so "
        "part of the pipeline's RSS is a cache bounded by NEWSFACTS_DUCKDB_MEMORY_LIMIT, not by "
        "the corpus: it fills while the corpus is smaller than the cache, then stays. The runs "
        "with the other limit show how much of the growth is that cache.",
    ]
    out += ["", "## Per stage (plain stage functions, no Prefect): seconds / peak RSS", ""]
    out += [f"- {label}: {cells[0]}" for label, cells in per_stage.items()]
    return out


def growth_lines(runs: list[Run]) -> list[str]:
    """Per DuckDB limit: each corpus against the next smaller one (documents and peak RSS)."""
    out = []
    for limit in dict.fromkeys(r.duckdb_limit for r in runs):
        same = sorted(
            (r for r in runs if r.duckdb_limit == limit and r.documents), key=lambda r: r.documents
        )
        steps = [
            f"{a.documents:,} -> {b.documents:,} documents ({b.documents / a.documents:.1f}x): "
            f"peak RSS {a.pipeline_peak_mb:.0f} -> {b.pipeline_peak_mb:.0f} MiB "
            f"({b.pipeline_peak_mb / max(a.pipeline_peak_mb, 1):.2f}x)"
            for a, b in zip(same, same[1:], strict=False)
        ]
        out += [f"- DuckDB limit {limit}: " + "; ".join(steps)] if steps else []
    return out


def _batch_size() -> int:
    from newsfacts import settings

    return settings.BATCH_SIZE


def main() -> None:
    """Measure both corpora and write the results table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs",
        type=int,
        nargs="+",
        default=[20_000, 50_000],
        help="sizes of the generated corpora (the per-stage table and the second limit use the first)",
    )
    parser.add_argument(
        "--second-duckdb-limit",
        default="1GB",
        help="second pair of runs with this DuckDB memory limit ('' to skip)",
    )
    parser.add_argument("--stages-of", type=Path, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args()
    if args.stages_of:
        run_stages(args.stages_of)
        return
    common.skip_without(common.BBC_DIR, "memory_scaling")
    from throughput import generate_corpus

    generated = {n: common.CORPORA_DIR / f"memory-{n}" for n in args.docs}
    for n, folder in generated.items():
        generate_corpus(folder, n)
    first = args.docs[0]
    per_stage = {
        "bbc-news": stage_peaks(common.BBC_DIR.parent),
        f"generated {first:,}": stage_peaks(generated[first]),
    }
    from newsfacts import settings

    limits = [settings.DUCKDB_MEMORY_LIMIT] + [args.second_duckdb_limit] * bool(
        args.second_duckdb_limit
    )
    runs = []
    for k, limit in enumerate(limits):
        corpora = {"bbc-news": common.BBC_DIR.parent} | {
            f"generated {n:,}": folder
            for n, folder in generated.items()
            if k == 0 or n == first  # the second limit: bbc-news and the first size only
        }
        for label, corpus in corpora.items():
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(measured_run(label, corpus, Path(tmp) / "w.duckdb", limit))
    header = common.header("Memory scaling: peak RSS vs corpus size", ["duckdb", "prefect"])
    common.write_result("memory_scaling", header + lines(runs, per_stage))


if __name__ == "__main__":
    main()
