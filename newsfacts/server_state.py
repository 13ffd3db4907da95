"""Where `newsfacts server` is: a state file under PREFECT_HOME naming its PID and port.

`newsfacts server` writes `<PREFECT_HOME>/newsfacts-server.json` once its Prefect server is up
and removes it when it stops. `newsfacts run` reads it: when the PID is alive and the API at
the recorded port answers its health check, the run uses that server instead of paying ~13 s for
a temporary one. Ports are never probed: only the one the file records is asked, and only when
its PID is alive. A run never stops a server it found this way (it only sets PREFECT_API_URL,
which interrupts.temporary_prefect_server treats as shared).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

# File name of the state file inside PREFECT_HOME.
STATE_FILE = "newsfacts-server.json"
# Seconds a run waits for the recorded server's health check before starting its own.
HEALTH_TIMEOUT_SECONDS = 2.0
# Seconds `newsfacts server` waits for its Prefect server to answer before giving up on the file.
STARTUP_SECONDS = 120.0
# Seconds between two health checks while the server starts.
POLL_SECONDS = 0.5


def prefect_home() -> Path:
    """PREFECT_HOME as Prefect reads it from the environment (default ~/.prefect)."""
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def state_path() -> Path:
    """The state file of this PREFECT_HOME."""
    return prefect_home() / STATE_FILE


def api_url(host: str, port: int) -> str:
    """The API URL clients and the UI use for a server bound to `host` (wildcards: loopback)."""
    reachable = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in reachable:
        reachable = f"[{reachable}]"
    return f"http://{reachable}:{port}/api"


def healthy(url: str, timeout: float = HEALTH_TIMEOUT_SECONDS) -> bool:
    """Whether the Prefect API at `url` answers its health check."""
    try:
        with urllib.request.urlopen(url + "/health", timeout=timeout) as answer:
            return json.loads(answer.read() or b"null") is True
    except (OSError, ValueError):
        return False


def pid_alive(pid: int) -> bool:
    """Whether a process with this PID exists (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def read_state(path: Path | None = None) -> dict | None:
    """The recorded server, or None when there is no (readable) state file."""
    try:
        state = json.loads((path or state_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(state, dict) and isinstance(state.get("pid"), int) and state.get("api_url")
    return state if ok else None


def running_server() -> dict | None:
    """The state of a live `newsfacts server` of this PREFECT_HOME, else None (a stale file,
    whose PID is gone, is removed)."""
    path = state_path()
    state = read_state(path)
    if state is None:
        return None
    if not pid_alive(state["pid"]):
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return state if healthy(state["api_url"]) else None


def use_running_server() -> str | None:
    """Point this process at a running `newsfacts server` unless PREFECT_API_URL is set; returns
    the API URL used (None: PREFECT_API_URL was already set, or no server runs)."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    state = running_server()
    if state is None:
        return None
    os.environ["PREFECT_API_URL"] = state["api_url"]
    return state["api_url"]


def write_state(host: str, port: int, pid: int | None = None) -> Path:
    """Record this server (atomically: a reader sees the old file or the whole new one)."""
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {
        "pid": pid or os.getpid(),
        "host": host,
        "port": port,
        "api_url": api_url(host, port),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def clear_state(pid: int | None = None) -> None:
    """Remove the state file if it records this process (another server's file stays)."""
    path = state_path()
    state = read_state(path)
    if state is not None and state["pid"] == (pid or os.getpid()):
        with contextlib.suppress(OSError):
            path.unlink()


@contextlib.contextmanager
def recorded_while_healthy(host: str, port: int) -> Iterator[None]:
    """Write the state file once the API answers (in a thread), remove it on the way out."""
    stop = threading.Event()

    def announce() -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not stop.is_set() and time.monotonic() < deadline:
            if healthy(api_url(host, port), timeout=POLL_SECONDS):
                write_state(host, port)
                return
            stop.wait(POLL_SECONDS)

    thread = threading.Thread(target=announce, name="newsfacts-server-state", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(POLL_SECONDS * 4)
        clear_state()
