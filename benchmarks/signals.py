"""Stop times after signals: `newsfacts run` (temporary Prefect server) paused mid-run, then
Ctrl-C to its process group or SIGTERM to the process; and `newsfacts server` after SIGTERM.

Target (issue #21): a run stops within 5 s of Ctrl-C or SIGTERM.
Run: .venv/bin/python benchmarks/signals.py  -> benchmarks/results/signals.md
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import common

REPO = Path(__file__).resolve().parents[1]
NEWSFACTS = str(REPO / ".venv" / "bin" / "newsfacts")
TARGET_SECONDS = 5
# Seconds a run may take to reach its pause point (Prefect start-up included).
REACH_SECONDS = 240


def child_env(home: Path, pause_at: str | None, pause_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSFACTS_"))}
    env.update(PREFECT_HOME=str(home), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    if pause_at:
        env.update(NEWSFACTS_TEST_PAUSE_AT=pause_at, NEWSFACTS_TEST_PAUSE_DIR=str(pause_dir))
    return env


def stop_run(work: Path, pause_at: str, signum: int, group: bool) -> tuple[float, int]:
    """Seconds from the signal to the exit of a run paused at `pause_at`, and its status."""
    source = work / "inbox"
    if not source.exists():
        shutil.copytree(REPO / "samples" / "txt", source)
    pause = work / f"pause-{pause_at}-{signum}"
    pause.mkdir()
    (work / "home").mkdir(exist_ok=True)
    with open(pause / "run.log", "w") as log:
        proc = subprocess.Popen(
            [NEWSFACTS, "run", str(source), "-w", str(work / "w.duckdb")],
            env=child_env(work / "home", pause_at, pause),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + REACH_SECONDS
    while not (pause / f"{pause_at}.reached").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.perf_counter()
    (os.killpg if group else os.kill)(proc.pid, signum)
    status = proc.wait(120)
    return time.perf_counter() - started, status


def stop_server(work: Path) -> float:
    """Seconds from SIGTERM to `newsfacts server` until its port is closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [NEWSFACTS, "server", "--port", str(port)],
        env=child_env(work / "home", None, work),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    while not _listening(port):
        time.sleep(0.2)
    started = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    proc.wait(60)
    while _listening(port):
        time.sleep(0.02)
    return time.perf_counter() - started


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="newsfacts-signals-"))
    rows = []
    try:
        for pause_at, signum, group, label in (
            ("normalize", signal.SIGINT, True, "Ctrl-C (SIGINT to the process group)"),
            ("extract", signal.SIGTERM, False, "SIGTERM to the run process"),
            ("validate", signal.SIGINT, False, "SIGINT to the run process"),
        ):
            seconds, status = stop_run(work, pause_at, signum, group)
            rows.append(f"| {label}, paused after {pause_at} | {seconds:.2f} s | {status} |")
        rows.append(
            f"| SIGTERM to `newsfacts server` (port closed) | {stop_server(work):.2f} s | |"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        *common.header("Stop times after signals", ["prefect"]),
        f"Target: a run stops within {TARGET_SECONDS} s. Time from the signal to the exit of the",
        "`newsfacts run` process (the run's temporary Prefect server included in the stop).",
        "",
        "| signal | stop time | exit status |",
        "|---|---|---|",
        *rows,
    ]
    common.write_result("signals", lines)


if __name__ == "__main__":
    main()
