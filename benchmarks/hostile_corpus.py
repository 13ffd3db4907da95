"""Hostile corpus: a folder of ~100 good articles in every format mixed with every kind of bad
file issue #21 names (and close variants), then `newsfacts run` over it, timed and measured.

Targets: exit 0 in under 2 minutes, peak memory under 1.5 GB (main process RSS plus the PSS of
its worker processes; the temporary Prefect server is not counted), every good article loaded,
every bad file recorded in ingest_errors or quarantine with a reason.

Run: .venv/bin/python benchmarks/hostile_corpus.py [--folder DIR] [--only-generate]
Writes benchmarks/results/hostile_corpus.md. `write_corpus(folder)` is importable; the folder's
`.manifest.json` (a dotfile, so the run skips it) lists which files are good and which are bad.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from hostile_files import warc_response, write_hostile

REPO = Path(__file__).resolve().parents[1]
RESULT = REPO / "benchmarks" / "results" / "hostile_corpus.md"
GOOD_ARTICLES = 100
# Expanded size of the gzip bomb: a WARC response of zeros this many bytes long.
BOMB_BYTES = 2_500 * 1024 * 1024
# Length of the single-line article (under the 5 MB record limit).
LONG_LINE_BYTES = 4_500_000
# Targets of the issue.
MAX_SECONDS = 120
MAX_MEMORY_MB = 1536

TOWNS = ["Aberford", "Kessling", "Portmoor", "Valdren", "Ostby", "Castlemere", "Lindau", "Brakel"]
FIRMS = ["ferry operator", "seed merchant", "cable maker", "brewery", "bus builder", "paper mill"]
VERBS = ["raised its forecast", "cut prices", "opened a depot", "hired engineers", "sold a unit"]


def article(rng: random.Random, n: int) -> tuple[str, str]:
    """An invented headline and a body of three paragraphs, unique by its serial number."""
    town, firm = rng.choice(TOWNS), rng.choice(FIRMS)
    title = f"{firm.title()} in {town} reports update {n}"
    paras = [
        f"The {firm} based in {town} {rng.choice(VERBS)} on day {n + k}, a spokesperson said, "
        f"after orders rose {rng.randint(2, 60)} percent and costs fell by £{rng.randint(2, 90)}m "
        f"in reference case {n * 7 + k}."
        for k in range(3)
    ]
    return title, "\n\n".join(paras)


def html_page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def write_good(folder: Path, rng: random.Random) -> list[str]:
    """About 100 good articles in every format and encoding; returns their relative paths."""
    good = folder / "good"
    good.mkdir(parents=True)
    names: list[str] = []
    kinds = ["txt", "html", "json", "jsonl", "warc", "warc.gz", "utf16", "utf32", "bom", "cp1252"]
    for n in range(GOOD_ARTICLES):
        title, body = article(rng, n)
        kind = kinds[n % len(kinds)]
        path = good / f"a{n:03d}.{kind.split('.')[0] if kind in ('warc', 'warc.gz') else ''}"
        text = f"{title}\n\n{body}\n"
        if kind in ("txt", "bom", "utf16", "utf32", "cp1252"):
            path = good / f"a{n:03d}_{kind}.txt"
            data = {
                "txt": text.encode(),
                "bom": codecs.BOM_UTF8 + text.encode(),
                "utf16": text.encode("utf-16"),
                "utf32": text.encode("utf-32-be" if n % 2 else "utf-32"),
                "cp1252": text.encode("cp1252"),
            }[kind]
            path.write_bytes(data)
        elif kind == "html":
            path = good / f"a{n:03d}.html"
            path.write_text(html_page(title, body))
        elif kind in ("json", "jsonl"):
            path = good / f"a{n:03d}.{kind}"
            record = {"title": title, "text": body, "url": f"https://news.example.org/{n}"}
            path.write_text(json.dumps(record) + "\n")
        else:
            path = good / f"a{n:03d}.{kind}"
            rec = warc_response(html_page(title, body).encode(), f"https://news.example.org/w{n}")
            path.write_bytes(gzip.compress(rec) if kind == "warc.gz" else rec)
        names.append(str(path.relative_to(folder)))
    # A good article whose file name is not valid UTF-8.
    title, body = article(rng, 999)
    raw = os.fsencode(good) + b"/caf\xe9_\xff.txt"
    Path(os.fsdecode(raw)).write_text(f"{title}\n\n{body}\n")
    names.append(os.fsdecode(raw)[len(str(folder)) + 1 :])
    return names


def write_bad(folder: Path, rng: random.Random) -> list[str]:
    """Every kind of bad file of issue #21 (hostile_files.write_hostile), and close variants;
    returns their relative paths."""
    bad = folder / "bad"
    bad.mkdir()
    made = write_hostile(bad, rng, BOMB_BYTES)

    def put(name: str, data: bytes) -> None:
        (bad / name).write_bytes(data)
        made.append(bad / name)

    put("binary.txt", b"\x00\x01\x02" + rng.randbytes(4000))
    put("empty.txt", b"")
    rec = warc_response(html_page("Cut", "A cut page. " * 200).encode(), "https://x.example/t")
    put("truncated.warc.gz", gzip.compress(rec)[:200])
    try:
        os.mknod(bad / "zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))
        made.append(bad / "zero.txt")
    except PermissionError:
        pass  # device nodes need root
    return [str(p.relative_to(folder)) for p in made]


def write_long_line(folder: Path, rng: random.Random) -> str:
    """A 4.5 MB article on one line, no full stop: loads, extraction reads its budget."""
    words = [
        "the",
        "port",
        "said",
        "freight",
        "rose",
        "in",
        "March",
        "as",
        "Northwind",
        "Shipping",
        "told",
        "analysts",
    ]
    line = " ".join(rng.choice(words) for _ in range(LONG_LINE_BYTES // 5))[:LONG_LINE_BYTES]
    path = folder / "good" / "long_line.txt"
    path.write_text("Freight volumes at the port\n\n" + line + "\n")
    return str(path.relative_to(folder))


def write_corpus(folder: Path, seed: int = 21) -> dict[str, list[str]]:
    """Write the hostile corpus into `folder`; returns (and saves) the manifest."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"good": write_good(folder, rng), "bad": write_bad(folder, rng)}
    manifest["good"].append(write_long_line(folder, rng))
    (folder / ".manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def peak_memory_mb(proc: subprocess.Popen) -> tuple[int, float]:
    """Wait for proc; return its status and the peak of main RSS plus descendants' PSS (MiB),
    sampled every 0.2 s, leaving out the temporary Prefect server (uvicorn)."""
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_memory_kb(proc.pid) / 1024)
        time.sleep(0.2)
    return proc.returncode, peak


def _tree_memory_kb(pid: int) -> float:
    total = _status_kb(pid, "VmRSS")
    for child in _descendants(pid):
        cmdline = _read(f"/proc/{child}/cmdline")
        if "uvicorn" not in cmdline:
            total += _rollup_kb(child, "Pss")
    return total


def _descendants(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _read(f"/proc/{entry.name}/stat").rsplit(")", 1)[-1].split()
            if len(fields) > 1 and fields[1] == str(pid):
                kids += [int(entry.name), *_descendants(int(entry.name))]
    return kids


def _read(path: str) -> str:
    try:
        return Path(path).read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _status_kb(pid: int, key: str) -> float:
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith(key + ":"):
            return float(line.split()[1])
    return 0.0


def _rollup_kb(pid: int, key: str) -> float:
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
        if line.startswith(key + ":"):
            return float(line.split()[1])
    return 0.0


def check_accounting(folder: Path, warehouse: Path, manifest: dict) -> dict[str, object]:
    """Which good files did not load and which bad files left no trace."""
    import duckdb

    from newsfacts.ingest import display_path

    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = {
            p
            for (p,) in con.execute(
                "SELECT DISTINCT r.source_path FROM documents d JOIN raw_documents r USING (raw_id)"
            ).fetchall()
        }
        traced = {
            p.split("#")[0]: reason
            for p, reason in con.execute(
                "SELECT source_path, reason_code || ': ' || reason FROM ingest_errors UNION ALL "
                "SELECT r.source_path, 'quarantine: ' || q.reasons::VARCHAR FROM quarantine q "
                "JOIN raw_documents r ON q.record_key = r.raw_id"
            ).fetchall()
        }
    good = {display_path(folder / g) for g in manifest["good"]}
    bad = {display_path(folder / b) for b in manifest["bad"]}
    return {
        "missing_good": sorted(good - loaded),
        "untraced_bad": sorted(bad - set(traced)),
        "reasons": {Path(p).name: traced[p] for p in sorted(bad & set(traced))},
    }


def run_once(folder: Path, work: Path) -> dict[str, object]:
    """`newsfacts run FOLDER` in a child process: status, seconds, peak memory, accounting."""
    warehouse = work / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(work / "prefect")
    started = time.perf_counter()
    with open(work / "run.log", "w") as log:
        proc = subprocess.Popen(
            [str(REPO / ".venv" / "bin" / "newsfacts"), "run", str(folder), "-w", str(warehouse)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO,
        )
        status, peak = peak_memory_mb(proc)
    seconds = time.perf_counter() - started
    manifest = json.loads((folder / ".manifest.json").read_text())
    accounting = check_accounting(folder, warehouse, manifest) if warehouse.exists() else {}
    return {"status": status, "seconds": seconds, "peak_mb": peak, **accounting}


def report(result: dict, manifest: dict) -> str:
    """The results page."""
    ok = lambda cond: "met" if cond else "MISSED"  # noqa: E731
    lines = [
        *common.header("Hostile corpus: `newsfacts run` over good and hostile files", ["duckdb"]),
        f"{len(manifest['good'])} good files, {len(manifest['bad'])} bad files "
        "(benchmarks/hostile_corpus.py).",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| exit status | {result['status']} | 0 ({ok(result['status'] == 0)}) |",
        f"| wall time, Prefect start-up included | {result['seconds']:.1f} s | "
        f"< {MAX_SECONDS} s ({ok(result['seconds'] < MAX_SECONDS)}) |",
        f"| peak memory (main RSS + workers' PSS) | {result['peak_mb']:.0f} MiB | "
        f"< {MAX_MEMORY_MB} MiB ({ok(result['peak_mb'] < MAX_MEMORY_MB)}) |",
        f"| good files not loaded | {len(result.get('missing_good', []))} | 0 |",
        f"| bad files with no trace | {len(result.get('untraced_bad', []))} | 0 |",
        "",
        "| bad file | recorded reason |",
        "|---|---|",
    ]
    lines += [f"| {name} | {reason[:120]} |" for name, reason in result.get("reasons", {}).items()]
    for key in ("missing_good", "untraced_bad"):
        if result.get(key):
            lines += ["", f"{key}: " + ", ".join(result[key])]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="Run over this folder (with .manifest.json)")
    parser.add_argument("--only-generate", type=Path, help="Write the corpus here and stop.")
    args = parser.parse_args()
    if args.only_generate:
        write_corpus(args.only_generate)
        return
    work = Path(tempfile.mkdtemp(prefix="newsfacts-hostile-"))
    try:
        folder = args.folder or work / "corpus"
        if not args.folder:
            write_corpus(folder)
        manifest = json.loads((folder / ".manifest.json").read_text())
        result = run_once(folder, work)
        RESULT.write_text(report(result, manifest))
        print(RESULT.read_text())
        if result["status"] != 0:
            print((work / "run.log").read_text()[-3000:], file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
