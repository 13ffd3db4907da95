"""Scheduled runs: the pipeline served as a scheduled deployment, and a local Prefect server.

`serve_pipeline` registers the deployment `newsfacts-pipeline/<name>` with the Prefect API that
PREFECT_API_URL points at and then polls it, starting a flow run (in a child process) each time
the schedule comes due. `start_server` runs `prefect server start`, bound to loopback unless told
otherwise, so runs and their logs show in the Prefect UI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from newsfacts.interrupts import run_child
from newsfacts.server_state import api_url, recorded_while_healthy

# Host the local Prefect server binds to by default: loopback only, never the network.
DEFAULT_SERVER_HOST = "127.0.0.1"
# Port of the local Prefect server (Prefect's own default).
DEFAULT_SERVER_PORT = 4200
# Deployment name used when --name is not given.
DEFAULT_DEPLOYMENT_NAME = "scheduled"
# Flow runs one served deployment may run at once; runs on one warehouse queue on its lock anyway.
SERVE_RUN_LIMIT = 1


def schedule_kwargs(cron: str | None, interval: float | None) -> dict:
    """The schedule arguments for `Flow.serve`: exactly one of a cron expression or an interval."""
    if (cron is None) == (interval is None):
        raise ValueError("give exactly one of --cron or --interval")
    if interval is not None:
        if interval <= 0:
            raise ValueError("--interval must be a positive number of seconds")
        return {"interval": timedelta(seconds=interval)}
    # lazy: Prefect loads only when a deployment is served
    from prefect.client.schemas.schedules import CronSchedule

    CronSchedule(cron=cron)  # raises ValueError on a malformed expression, before anything starts
    return {"cron": cron}


def deployment_parameters(
    source: Path, warehouse: Path, publisher: str | None = None, published: str | None = None
) -> dict:
    """Parameters each scheduled run gets: absolute paths, so the runner's cwd does not matter,
    and the --publisher / --published given for the files that name none (when given)."""
    given = {"publisher": publisher, "published": published}
    return {
        "paths": [str(source.absolute())],
        "warehouse_path": str(warehouse.absolute()),
        **{k: v for k, v in given.items() if v is not None},
    }


def serve_pipeline(
    source: Path,
    warehouse: Path,
    cron: str | None = None,
    interval: float | None = None,
    name: str = DEFAULT_DEPLOYMENT_NAME,
    publisher: str | None = None,
    published: str | None = None,
) -> None:
    """Register the pipeline deployment with its schedule and serve it until interrupted."""
    # lazy: Prefect and the flow load only when a deployment is served
    from prefect.deployments.runner import EntrypointType

    from flows.pipeline import pipeline

    pipeline.serve(
        name=name,
        parameters=deployment_parameters(source, warehouse, publisher, published),
        description=f"newsfacts over {source.absolute()} into {warehouse.absolute()}",
        tags=["newsfacts"],
        limit=SERVE_RUN_LIMIT,
        # Runs import the flow by module path, so they work from any working directory.
        entrypoint_type=EntrypointType.MODULE_PATH,
        **schedule_kwargs(cron, interval),
    )


def server_command(host: str = DEFAULT_SERVER_HOST, port: int = DEFAULT_SERVER_PORT) -> list[str]:
    """The `prefect server start` command line, run with this interpreter's Prefect."""
    return [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]


def server_env(host: str = DEFAULT_SERVER_HOST, port: int = DEFAULT_SERVER_PORT) -> dict[str, str]:
    """Environment for the server: telemetry off, no PREFECT_API_URL pointing elsewhere, and the
    UI told to call the API on this host and port.

    Prefect's UI reads its API address from PREFECT_UI_API_URL, which defaults to PREFECT_API_URL
    or else to PREFECT_SERVER_API_HOST:PREFECT_SERVER_API_PORT (4200); `--port` alone moves the
    server but not the UI, which then shows "Can't connect to Server API".
    """

    env = dict(os.environ)
    env.update(DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    env.update(
        PREFECT_SERVER_API_HOST=host,
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_UI_API_URL=api_url(host, port),
    )
    return env


def run_server(host: str = DEFAULT_SERVER_HOST, port: int = DEFAULT_SERVER_PORT) -> int:
    """Run `prefect server start` in the foreground, recorded in PREFECT_HOME's state file while
    it answers, so `newsfacts run` uses it; returns the server's exit status."""

    with recorded_while_healthy(host, port):
        return run_child(server_command(host, port), server_env(host, port))


def start_server(host: str = DEFAULT_SERVER_HOST, port: int = DEFAULT_SERVER_PORT) -> int:
    """Run a local Prefect server in the foreground; returns its exit status."""
    try:
        return subprocess.call(server_command(host, port), env=server_env(host, port))
    except KeyboardInterrupt:
        return 0
