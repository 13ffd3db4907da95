"""Report site: build time and size on disk of the static report site over bbc-news and samples.

Builds a warehouse from the 2,225 BBC News files with the plain stage functions (ingest,
normalize, deduplicate, extract, propagate, consolidate; no Prefect, no GX: the site's build is
what is timed, and it needs no validation), then times `write_site` (median of a few builds) and
measures the site: bytes on disk, uncompressed, per kind of page. The samples site, built the same
way, is measured against the 1 MB budget the tests also hold it to. Exits 1 when a budget is missed.

Run: .venv/bin/python benchmarks/report_site.py [--warehouse FILE]  (reuse a built bbc warehouse;
skips cleanly when ../shared/data is absent)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import common

CORPUS = common.BBC_DIR.parent
SAMPLES = common.REPO / "samples"
# Absolute budgets for the bbc-news site (2,225 files): seconds to build it, bytes on disk.
BBC_BUILD_BUDGET_SECONDS = 60.0
BBC_SIZE_BUDGET_BYTES = 40_000_000
# The samples site's budget (issue #20; tests/test_report_chromium.py holds it too).
SAMPLES_SIZE_BUDGET_BYTES = 1_000_000
# Builds timed per site; the median is reported.
BUILDS = 3


def build_warehouse(paths: list[Path], db: Path) -> float:
    """Load `paths` into a new warehouse with the plain stage functions; seconds taken."""
    import duckdb

    from newsfacts import stages, warehouse

    started = time.perf_counter()
    with duckdb.connect(str(db)) as con:
        warehouse.apply_ddl(con)
        stages.ingest(con, paths, "bench")
        stages.normalize(con, "bench")
        stages.deduplicate(con)
        stages.extract(con, "bench")
        stages.propagate(con, "bench")
        stages.consolidate(con, "bench")
    return time.perf_counter() - started


def measure(db: Path, out: Path) -> dict:
    """Median build seconds of the site and its size per kind of page."""
    from newsfacts.report import write_site

    seconds = []
    for _ in range(BUILDS):
        started = time.perf_counter()
        _, stats = write_site(db, out)
        seconds.append(time.perf_counter() - started)
    files = [p for p in out.rglob("*") if p.is_file()]
    by_kind = {
        kind: sum(p.stat().st_size for p in files if p.parent.name == kind)
        for kind in ("companies", "documents")
    }
    by_kind["index, css and search"] = stats.bytes - sum(by_kind.values())
    return {
        "seconds": statistics.median(seconds),
        "all": seconds,
        "bytes": stats.bytes,
        "pages": (stats.companies, stats.documents),
        "by_kind": by_kind,
    }


def row(name: str, m: dict, budget_s: float | None, budget_b: int) -> str:
    """One markdown row of the results table."""
    kinds = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in m["by_kind"].items())
    within = m["bytes"] < budget_b and (budget_s is None or m["seconds"] < budget_s)
    budget = f"< {budget_b / 1e6:.0f} MB" + (f", < {budget_s:.0f} s" if budget_s else "")
    return (
        f"| {name} | {m['pages'][0]:,} / {m['pages'][1]:,} | {m['seconds']:.2f} "
        f"({', '.join(f'{s:.2f}' for s in m['all'])}) | {m['bytes'] / 1e6:.2f} | {kinds} | "
        f"{budget}: {'meets' if within else 'MISSES'} |"
    )


def main() -> None:
    """Build both warehouses (or reuse one), time and measure both sites, write the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", type=Path, help="a bbc-news warehouse built already")
    args, _ = parser.parse_known_args()  # run_all may pass options meant for other scripts
    common.skip_without(CORPUS, "report_site")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        samples_db = root / "samples.duckdb"
        build_warehouse([SAMPLES], samples_db)
        bbc_db = args.warehouse or root / "bbc.duckdb"
        load_s = build_warehouse([CORPUS], bbc_db) if not args.warehouse else float("nan")
        samples = measure(samples_db, root / "samples-site")
        bbc = measure(bbc_db, root / "bbc-site")
    ok = bbc["bytes"] < BBC_SIZE_BUDGET_BYTES and bbc["seconds"] < BBC_BUILD_BUDGET_SECONDS
    ok = ok and samples["bytes"] < SAMPLES_SIZE_BUDGET_BYTES
    common.write_result(
        "report_site",
        common.header("Report site: build time and size", ["duckdb"])
        + [
            "`newsfacts report` over a warehouse built by the plain stage functions (bbc-news load: "
            + (f"{load_s:.0f} s, not part of the figures)." if load_s == load_s else "reused).")
            + f" Median of {BUILDS} builds; bytes on disk, uncompressed (the site has no chart "
            "library: charts are inline SVG). Load average at the end: "
            + ", ".join(f"{x:.1f}" for x in os.getloadavg())
            + " (a shared 2-core machine: seconds are upper bounds).",
            "",
            "| site | company / article pages | build s (each) | MB | by kind | budget |",
            "|---|---|---|---|---|---|",
            row("samples", samples, None, SAMPLES_SIZE_BUDGET_BYTES),
            row("bbc-news", bbc, BBC_BUILD_BUDGET_SECONDS, BBC_SIZE_BUDGET_BYTES),
        ],
    )
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
