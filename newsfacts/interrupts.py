"""Signals during a local run: Ctrl-C and SIGTERM stop it cleanly; a second Ctrl-C exits at once.

A terminal sends Ctrl-C to its whole foreground process group. Prefect's temporary API server
was a child in that group, so it died with the run, and the run then hung for minutes retrying
a dead API. Here the temporary server runs in a session of its own: only `newsfacts run` gets
the signal, records it, stops between two steps (nothing published), logs the run as
`interrupted`, and then stops the server it started. A server named by PREFECT_API_URL is shared
and never touched.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

# Exit status of a command stopped by a signal, as shells report it: 128 + the signal number.
SIGNAL_EXIT_BASE = 128
# Seconds the temporary Prefect server gets to exit after SIGTERM before it is killed.
SERVER_STOP_SECONDS = 3


class Interrupted(BaseException):
    """A signal asked the run to stop (a BaseException, like KeyboardInterrupt: no
    `except Exception` on the way may swallow it)."""

    def __init__(self, signame: str) -> None:
        super().__init__(signame)
        self.signame = signame


class _State:
    """What the handlers know: the signal received, the stage running, the server to stop."""

    signame: str | None = None
    stage: str = "start"
    deferring: bool = False
    server_pid: int | None = None


state = _State()


def set_stage(name: str) -> None:
    """Name the stage now running, for the message of an interrupted run."""
    state.stage = name


def received() -> str | None:
    """Name of the stop signal received so far (SIGINT, SIGTERM), else None."""
    return state.signame


def check() -> None:
    """Raise Interrupted if a stop signal came while signals were deferred."""
    if state.signame:
        raise Interrupted(state.signame)


def signal_name(exc: BaseException) -> str | None:
    """The signal behind an exception that stopped a run, or None for an ordinary error."""
    if isinstance(exc, Interrupted):
        return exc.signame
    if isinstance(exc, KeyboardInterrupt):
        return "SIGINT"
    number = getattr(exc, "signal", None)  # Prefect's TerminationSignal carries the number
    if isinstance(number, int) and type(exc).__name__ == "TerminationSignal":
        return signal.Signals(number).name
    return None


def message(signame: str) -> str:
    """The runs.message of an interrupted run."""
    return f"interrupted by {signame} at stage {state.stage}"


def _handle(signum: int, _frame: object) -> None:
    name = signal.Signals(signum).name
    if state.signame:  # the second signal: the user does not want to wait
        _kill_server_now()
        sys.stderr.write(f"\n{name} again: exiting at once, nothing published\n")
        os._exit(SIGNAL_EXIT_BASE + signum)
    state.signame = name
    if not state.deferring:
        raise Interrupted(name)


def _kill_server_now() -> None:
    if state.server_pid:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(state.server_pid, signal.SIGKILL)


@contextlib.contextmanager
def handled() -> Iterator[_State]:
    """Install the SIGINT/SIGTERM handlers for a foreground run (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield state
        return
    state.signame, state.stage = None, "start"
    previous = {s: signal.signal(s, _handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield state
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold a stop signal off a step that must not be cut in two (the atomic publish); the
    caller calls check() right before the point of no return."""
    before, state.deferring = state.deferring, True
    try:
        yield
    finally:
        state.deferring = before


def exit_code(signame: str) -> int:
    """Shell exit status for a run stopped by `signame`."""
    return SIGNAL_EXIT_BASE + int(signal.Signals[signame])


@contextlib.contextmanager
def temporary_prefect_server() -> Iterator[None]:
    """Prefect's temporary API for this run, in its own session, stopped when the run ends.

    Does nothing when PREFECT_API_URL names a server: that one is shared and outlives the run.
    """
    # lazy: Prefect loads only in a run (this module also serves the read-only commands)
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        yield
        return
    server = _own_session_server()
    server.start()
    state.server_pid = server.server_process.pid if server.server_process else None
    try:
        yield
    finally:
        state.server_pid = None
        _drain_prefect_clients()
        _stop(server)


def _drain_prefect_clients() -> None:
    """Send the logs and events Prefect still queues while the server is up to receive them;
    at exit, with the server gone, they would be retried against a dead API for minutes."""
    # lazy: Prefect loads only in a run
    from prefect._internal.concurrency.services import QueueService

    QueueService.drain_all(timeout=SERVER_STOP_SECONDS, at_exit=False)


def _stop(server: Any) -> None:
    proc = server.server_process
    if proc is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(SERVER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    server.stop()


def _own_session_server() -> Any:
    """Prefect's SubprocessASGIServer whose uvicorn child starts in a new session.

    Prefect's clients look the temporary server up as `SubprocessASGIServer()`; created first,
    this instance is the one they find and reuse, so Prefect starts no second one.
    """
    # lazy: Prefect loads only in a run
    import prefect
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import get_current_settings

    class OwnSessionServer(SubprocessASGIServer):
        def _run_uvicorn_command(self) -> subprocess.Popen[Any]:
            # Same command and environment as Prefect's own, plus start_new_session.
            env = {
                **os.environ,
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
                **get_current_settings().to_environment_variables(exclude_unset=True),
            }
            command = [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(prefect.__module_path__.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ]
            return subprocess.Popen(command, env=env, start_new_session=True)

    existing = SubprocessASGIServer._instances.get(None)
    if existing is not None and existing.running:
        return existing
    SubprocessASGIServer._instances.pop(None, None)
    return OwnSessionServer()


def run_child(command: list[str], env: dict[str, str]) -> int:
    """Run a long-lived child (the Prefect server) in the foreground; SIGINT or SIGTERM to this
    process stops the child too, so no server is left listening. Returns the child's status."""
    child = subprocess.Popen(command, env=env, start_new_session=True)

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        return child.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if child.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()
