"""Scheduled runs: `newsfacts serve` against a real Prefect server lands new files on schedule."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest
from ops_support import PrefectServer, api_get_json, newsfacts, stop, wait_for

from newsfacts.serve import schedule_kwargs

# Seconds the whole scenario may take before the test gives up (server start, two scheduled runs).
SCENARIO_SECONDS = 150

ARTICLE = """Harbour cranes to be replaced at {port}

The operator of the container terminal at {port} said on Monday it would replace six ageing
cranes over the next two years, citing rising volumes from Asian shipping lines.

"The new cranes lift faster and use less power," said the terminal's chief engineer, Dana
Whitlow. The project is expected to cost about 40 million euros and will be financed by a
regional development bank. Dock workers' unions said they had been consulted on the plan.
"""


def write_article(folder: Path, name: str, port: str) -> None:
    (folder / name).write_text(ARTICLE.format(port=port))


def document_count(warehouse: Path) -> int:
    """Documents in the published warehouse (0 while none is published)."""
    if not warehouse.exists():
        return 0
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except duckdb.Error:  # replaced while opening: ask again on the next poll
        return 0


def completed_deployment_runs(api_url: str) -> int:
    """Completed flow runs started by a deployment, as the Prefect API reports them."""
    runs = api_get_json(
        api_url + "/flow_runs/filter",
        {
            "flow_runs": {
                "state": {"type": {"any_": ["COMPLETED"]}},
                "deployment_id": {"is_null_": False},
            }
        },
    )
    return len(runs)


def test_schedule_needs_exactly_one_of_cron_or_interval() -> None:
    assert schedule_kwargs(None, 30)["interval"].total_seconds() == 30
    assert schedule_kwargs("*/15 * * * *", None) == {"cron": "*/15 * * * *"}
    for cron, interval in ((None, None), ("* * * * *", 5), (None, 0), ("not a cron", None)):
        with pytest.raises(ValueError):
            schedule_kwargs(cron, interval)


def test_served_deployment_lands_new_files_on_schedule(tmp_path: Path) -> None:
    source, home = tmp_path / "inbox", tmp_path / "prefect"
    source.mkdir()
    home.mkdir()
    warehouse = tmp_path / "w.duckdb"
    write_article(source, "rotterdam.txt", "Rotterdam")
    write_article(source, "antwerp.txt", "Antwerp")
    server = PrefectServer(home)
    env = server.env()
    env["PREFECT_RUNNER_POLL_FREQUENCY"] = "2"  # seconds between the runner's schedule checks
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        newsfacts(
            "serve", "--source", str(source), "--interval", "5", "--warehouse", str(warehouse)
        ),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        wait_for(
            lambda: document_count(warehouse) == 2 or serve.poll() is not None,
            SCENARIO_SECONDS,
            "the first scheduled run to publish 2 documents",
        )
        assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
        wait_for(
            lambda: completed_deployment_runs(server.api_url) >= 1,
            30,
            "the Prefect API to show a completed deployment run",
        )
        write_article(source, "hamburg.txt", "Hamburg")
        wait_for(
            lambda: document_count(warehouse) == 3,
            SCENARIO_SECONDS,
            "a later scheduled run to land the new file",
        )
        assert completed_deployment_runs(server.api_url) >= 2
    finally:
        stop(serve)
        log.close()
        server.stop()
    assert serve.returncode is not None and server.proc.returncode is not None
