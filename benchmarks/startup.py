"""Start-up of `newsfacts run`: seconds from launching the command to the flow's first log line.

Three ways, each on an empty folder through the real binary: (1) nothing running, so Prefect
starts a temporary server for the run; (2) `newsfacts server` running, found through its state
file under PREFECT_HOME; (3) PREFECT_API_URL set to that server. Writes
benchmarks/results/startup.md.

Run: .venv/bin/python benchmarks/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import common

from newsfacts.server_state import healthy, read_state

BIN = common.REPO / ".venv" / "bin" / "newsfacts"
# The line the flow logs when it begins: start-up ends here.
FIRST_FLOW_LINE = "Beginning flow run"
# Seconds a run or the server may take before the benchmark gives up.
LIMIT_SECONDS = 300


def child_env(home: Path, api_url: str | None = None) -> dict[str, str]:
    """A clean environment: its own PREFECT_HOME, telemetry off, PREFECT_API_URL only if given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSFACTS_"))}
    env.update(PREFECT_HOME=str(home), DO_NOT_TRACK="1", GX_ANALYTICS_ENABLED="false")
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONUNBUFFERED="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def seconds_to_flow(folder: Path, warehouse: Path, env: dict[str, str]) -> float:
    """Seconds from launching `newsfacts run` until the flow's first line; the run is then
    stopped with SIGINT (it publishes nothing) and waited for."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN), "run", str(folder), "-w", str(warehouse)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    elapsed = None
    for line in proc.stdout:
        if FIRST_FLOW_LINE in line:
            elapsed = time.perf_counter() - started
            proc.send_signal(signal.SIGINT)
            break
    proc.communicate(timeout=LIMIT_SECONDS)
    if elapsed is None:
        raise RuntimeError(f"the run never began a flow (exit {proc.returncode})")
    return elapsed


def start_server(home: Path, port: int) -> subprocess.Popen:
    """`newsfacts server --port PORT`, waited for until its state file names a healthy API."""
    proc = subprocess.Popen(
        [str(BIN), "server", "--port", str(port)],
        env=child_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + LIMIT_SECONDS
    while time.monotonic() < deadline:
        state = read_state(home / "newsfacts-server.json")
        if state and healthy(state["api_url"]):
            return proc
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("newsfacts server did not come up")


def main() -> None:
    """Time each way `--repeat` times and write the results table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--port", type=int, default=4297)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="newsfacts-startup-"))
    folder, home = root / "empty", root / "prefect"
    folder.mkdir()
    home.mkdir()
    times: dict[str, list[float]] = {"temporary server": [], "newsfacts server": []}
    times["PREFECT_API_URL"] = []
    for i in range(args.repeat):
        times["temporary server"].append(
            seconds_to_flow(folder, root / f"t{i}.duckdb", child_env(home))
        )
    server = start_server(home, args.port)
    try:
        url = read_state(home / "newsfacts-server.json")["api_url"]
        for i in range(args.repeat):
            times["newsfacts server"].append(
                seconds_to_flow(folder, root / f"s{i}.duckdb", child_env(home))
            )
            times["PREFECT_API_URL"].append(
                seconds_to_flow(folder, root / f"u{i}.duckdb", child_env(home, url))
            )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(60)
    lines = common.header("Start-up of newsfacts run", ["prefect"])
    lines += [
        "| Prefect API | seconds to the flow's first line, each run | median |",
        "|---|---|---|",
    ]
    for way, values in times.items():
        each = ", ".join(f"{v:.1f}" for v in values)
        lines.append(f"| {way} | {each} | {sorted(values)[len(values) // 2]:.1f} |")
    common.write_result("startup", lines)


if __name__ == "__main__":
    main()
