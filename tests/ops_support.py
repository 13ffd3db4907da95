"""Operations test helpers: real child processes, a real Prefect server, warehouse fingerprints."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
# Tables that log runs: they grow on every run by design, so they are left out of comparisons.
RUN_LOG_TABLES = {"runs", "dq_results"}
# Column naming the run that wrote a row; equal data written by different runs differs here (as do
# TIMESTAMP columns, the wall-clock time of the write, which are left out too).
RUN_COLUMN = "run_id"
# Seconds a Prefect server may take to answer /api/health (SQLite migrations on first start).
SERVER_STARTUP_SECONDS = 120


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check: Callable[[], object], timeout: float, what: str, every: float = 0.5) -> object:
    """Poll `check` until it returns something truthy; fail the test with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def base_env(prefect_home: Path) -> dict[str, str]:
    """Child environment: its own PREFECT_HOME, no telemetry, no inherited API URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSFACTS_"))}
    env.update(
        PREFECT_HOME=str(prefect_home),
        DO_NOT_TRACK="1",
        GX_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        PYTHONUNBUFFERED="1",
    )
    return env


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Stop a child by its PID: SIGTERM, then SIGKILL if it has not exited after `timeout` s."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)


def api_get_json(url: str, body: dict | None = None) -> object:
    """GET (or POST a JSON body to) a loopback Prefect API URL and decode the answer."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"null")


def healthy(api_url: str) -> bool:
    """Whether the Prefect API answers its health check."""
    try:
        return api_get_json(api_url + "/health") is True
    except OSError:
        return False


class PrefectServer:
    """A real `prefect server start` child process on a free loopback port."""

    def __init__(self, home: Path) -> None:
        self.home, self.port = home, free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.log = open(home / "server.log", "w")  # noqa: SIM115 - closed in stop()
        command = [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        self.proc = subprocess.Popen(
            command, env=base_env(home), stdout=self.log, stderr=subprocess.STDOUT, cwd=home
        )
        wait_for(
            lambda: healthy(self.api_url) or self._exited(),
            SERVER_STARTUP_SECONDS,
            f"the Prefect server on port {self.port}",
        )
        assert self.proc.poll() is None, (home / "server.log").read_text()[-2000:]

    def _exited(self) -> bool:
        return self.proc.poll() is not None

    def env(self) -> dict[str, str]:
        """Environment for clients of this server."""
        env = base_env(self.home)
        env["PREFECT_API_URL"] = self.api_url
        return env

    def stop(self) -> None:
        stop(self.proc)
        self.log.close()


_SHARED: dict = {}  # session singletons: the server, the reference warehouses


def shared_server() -> PrefectServer:
    """One Prefect server for every subprocess test of the session, stopped (by PID) at exit."""
    if "server" not in _SHARED:
        home = Path(tempfile.mkdtemp(prefix="newsfacts-prefect-"))
        _SHARED["server"] = PrefectServer(home)
        atexit.register(_SHARED["server"].stop)
    return _SHARED["server"]


def newsfacts(*args: str) -> list[str]:
    """Command line running the newsfacts CLI with this interpreter."""
    return [sys.executable, "-m", "newsfacts.cli", *args]


def fingerprint(warehouse: Path) -> dict[str, tuple[int, str]]:
    """(row count, content hash) per table, without run logs and run-identifying columns."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                "ORDER BY table_name"
            ).fetchall()
            if t not in RUN_LOG_TABLES
        ]
        return {t: _table_hash(con, t) for t in tables}
    finally:
        con.close()


def _table_hash(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, str]:
    columns = [
        c
        for (c,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND column_name <> ? "
            "AND data_type NOT LIKE 'TIMESTAMP%' AND database_name = current_database() "
            "ORDER BY column_index",
            [table, RUN_COLUMN],
        ).fetchall()
    ]
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = con.execute(f'SELECT {quoted} FROM "{table}"').fetchall()
    lines = sorted(json.dumps(row, default=str) for row in rows)
    return len(rows), hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


# Seconds one pipeline run over the samples may take in a child process.
RUN_SECONDS = 240


def run_env(pause_at: str | None = None, pause_dir: Path | None = None) -> dict[str, str]:
    """Environment for a `newsfacts run` child: the shared server, optionally a pause point."""
    env = shared_server().env()
    if pause_at:
        env.update(NEWSFACTS_TEST_PAUSE_AT=pause_at, NEWSFACTS_TEST_PAUSE_DIR=str(pause_dir))
    return env


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the newsfacts CLI to completion and capture its output."""
    return subprocess.run(
        newsfacts(*args),
        env=env or run_env(),
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        cwd=REPO,
    )


def start_run(
    source: Path,
    warehouse: Path,
    *extra: str,
    pause_at: str | None = None,
    pause_dir: Path | None = None,
) -> subprocess.Popen:
    """Start `newsfacts run` in its own process group (so SIGKILL reaches all of it)."""
    log = (pause_dir or warehouse.parent) / f"run-{pause_at or 'full'}-{time.time_ns()}.log"
    with open(log, "w") as out:
        return subprocess.Popen(
            newsfacts("run", str(source), "-w", str(warehouse), *extra),
            env=run_env(pause_at, pause_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )


def file_sha(path: Path) -> str:
    """SHA-256 of a file's bytes: equal means not one byte of the published file changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def document_count(warehouse: Path) -> int:
    """Documents in a warehouse, read the way `newsfacts sql` reads it (read-only)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


class Reference:
    """Inputs and reference warehouses shared by the crash and concurrency tests.

    `state_a` is the warehouse after a run over the text samples only; the source folder then
    gets every other sample, and `clean` is the fingerprint of `state_a` plus one clean run over
    the full folder: what any crashed-then-rerun or concurrent sequence must end with.
    """

    def __init__(self, root: Path) -> None:
        samples = REPO / "samples"
        self.source = root / "inbox"
        shutil.copytree(samples / "txt", self.source / "txt")
        self.state_a = root / "state_a.duckdb"
        done = run_cli("run", str(self.source), "-w", str(self.state_a))
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        self.count_a = document_count(self.state_a)
        for part in sorted(samples.iterdir()):
            if part.is_dir() and part.name != "txt":
                shutil.copytree(part, self.source / part.name)
        clean = root / "clean.duckdb"
        shutil.copyfile(self.state_a, clean)
        done = run_cli("run", str(self.source), "-w", str(clean))
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        self.clean = fingerprint(clean)
        self.count_full = document_count(clean)

    def copy_of_state_a(self, target: Path) -> Path:
        """A fresh warehouse file holding state A."""
        shutil.copyfile(self.state_a, target)
        return target


def reference() -> Reference:
    """The session's Reference, built on first use."""
    if "reference" not in _SHARED:
        _SHARED["reference"] = Reference(Path(tempfile.mkdtemp(prefix="newsfacts-reference-")))
    return _SHARED["reference"]
