"""Signals: Ctrl-C and SIGTERM stop a real `newsfacts run` cleanly; `newsfacts server` takes its
child with it. Real processes, real signals; every wait below is a hang guard, not a speed target
(stop times are measured in benchmarks/signals.py)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
from ops_support import (
    REPO,
    RUN_SECONDS,
    base_env,
    file_sha,
    fingerprint,
    free_port,
    healthy,
    newsfacts,
    shared_server,
    wait_for,
)

from newsfacts import warehouse

# More than the default 600 s (pyproject.toml): child runs stopped by signals at each stage, then rerun.
pytestmark = pytest.mark.timeout(1800)

# Hang guard (not a target): seconds a signalled run may take to exit before the test fails.
STOP_GUARD_SECONDS = 60


def published_warehouse(folder: Path) -> Path:
    """An empty published warehouse (all tables, no rows), made without Prefect."""
    path = folder / "w.duckdb"
    warehouse.publish(warehouse.open_staging(path), path)
    return path


def start_paused_run(
    tmp_path: Path, wh: Path, pause_at: str, shared: bool
) -> tuple[subprocess.Popen, Path]:
    """`newsfacts run` over the text samples in its own process group, paused at `pause_at`."""
    source = tmp_path / "inbox"
    shutil.copytree(REPO / "samples" / "txt", source)
    pause_dir = tmp_path / "pause"
    pause_dir.mkdir()
    home = tmp_path / "prefect-home"
    home.mkdir()
    env = shared_server().env() if shared else base_env(home)
    env.update(NEWSFACTS_TEST_PAUSE_AT=pause_at, NEWSFACTS_TEST_PAUSE_DIR=str(pause_dir))
    log = tmp_path / "run.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            newsfacts("run", str(source), "-w", str(wh)),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )
    wait_for(
        lambda: (pause_dir / f"{pause_at}.reached").exists() or proc.poll() is not None,
        RUN_SECONDS,
        f"the run to reach {pause_at} (hang guard)",
    )
    assert proc.poll() is None, log.read_text()[-3000:]
    return proc, log


def wait_exit(proc: subprocess.Popen, log: Path) -> int:
    """The run's exit status; fails (and kills the group) if it outlives the hang guard."""
    try:
        return proc.wait(STOP_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        raise AssertionError("run alive after the signal: " + log.read_text()[-3000:]) from None


def temporary_server_port(log: Path) -> int:
    """Port of the temporary Prefect server the run said it started."""
    found = re.search(r"Starting temporary server on http://127\.0\.0\.1:(\d+)", log.read_text())
    assert found, log.read_text()[-3000:]
    return int(found.group(1))


def listening(port: int) -> bool:
    """Whether anything accepts connections on this loopback port."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def uvicorn_on(port: int) -> list[int]:
    """PIDs of live processes whose command line is a uvicorn server on `port`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"uvicorn" in b" ".join(cmdline) and str(port).encode() in cmdline:
            pids.append(int(entry.name))
    return pids


def last_run(wh: Path) -> tuple[str, str]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return con.execute(
            "SELECT status, message FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()


def test_ctrl_c_to_the_process_group_stops_the_run_and_its_temporary_server(
    tmp_path: Path,
) -> None:
    wh = published_warehouse(tmp_path)
    before = fingerprint(wh)
    proc, log = start_paused_run(tmp_path, wh, "normalize", shared=False)
    port = temporary_server_port(log)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    assert wait_exit(proc, log) == 128 + signal.SIGINT, log.read_text()[-3000:]
    assert fingerprint(wh) == before  # no data published, only the run log grew
    assert last_run(wh) == ("interrupted", "interrupted by SIGINT at stage normalize")
    assert "Traceback" not in log.read_text()
    wait_for(lambda: not uvicorn_on(port), 10, "the temporary server to exit (hang guard)")
    assert not listening(port)


def test_sigterm_stops_the_run_and_leaves_a_shared_server_running(tmp_path: Path) -> None:
    wh = published_warehouse(tmp_path)
    before = fingerprint(wh)
    proc, log = start_paused_run(tmp_path, wh, "extract", shared=True)
    os.kill(proc.pid, signal.SIGTERM)
    assert wait_exit(proc, log) == 128 + signal.SIGTERM, log.read_text()[-3000:]
    assert fingerprint(wh) == before
    assert last_run(wh) == ("interrupted", "interrupted by SIGTERM at stage extract")
    assert healthy(shared_server().api_url)


def test_second_ctrl_c_exits_at_once_and_publishes_nothing(tmp_path: Path) -> None:
    wh = published_warehouse(tmp_path)
    before = file_sha(wh)
    # At the publish step a first Ctrl-C is held off (the rename must not be cut in two).
    proc, log = start_paused_run(tmp_path, wh, "publish", shared=False)
    port = temporary_server_port(log)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(1)
    assert proc.poll() is None  # still paused: the first signal only asked to stop
    os.killpg(proc.pid, signal.SIGINT)
    assert wait_exit(proc, log) == 128 + signal.SIGINT
    assert file_sha(wh) == before  # not one byte of the published file changed
    wait_for(lambda: not uvicorn_on(port), 10, "the temporary server to exit (hang guard)")


@pytest.mark.parametrize("signum", [signal.SIGTERM])
def test_sigterm_to_newsfacts_server_stops_its_prefect_child(
    tmp_path: Path, signum: signal.Signals
) -> None:
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            newsfacts("server", "--port", str(port)),
            env=base_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(
            lambda: healthy(f"http://127.0.0.1:{port}/api") or proc.poll() is not None,
            120,
            "the server to answer (hang guard)",
        )
        os.kill(proc.pid, signum)  # to the newsfacts process only, as a service manager does
        assert wait_exit(proc, log) == 0
        wait_for(lambda: not listening(port), 10, "the Prefect child to stop (hang guard)")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
