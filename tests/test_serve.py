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


def test_server_port_reaches_the_ui_and_runs_reuse_it(tmp_path: Path) -> None:
    """`newsfacts server --port N`: the UI is told to call the API on N (not 4200), the server is
    recorded under PREFECT_HOME, and `newsfacts run` uses it (no temporary server), logs a
    skipped README and a warning for an empty folder, publishes its summary artifact, and
    leaves the server running."""
    import json
    import urllib.request

    from ops_support import base_env, free_port, healthy

    from newsfacts.run_summary import ARTIFACT_KEY
    from newsfacts.server_state import STATE_FILE

    home, inbox = tmp_path / "prefect", tmp_path / "inbox"
    home.mkdir()
    inbox.mkdir()
    (inbox / "README.txt").write_text("Notes about this crawl: one folder per outlet.\n")
    port = free_port()
    env = base_env(home)
    env.update(PREFECT_SERVER_UI_ENABLED="true", PREFECT_API_URL="http://127.0.0.1:4200/api")
    server = subprocess.Popen(
        newsfacts("server", "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    state_file = home / STATE_FILE
    try:
        state = wait_for(
            lambda: state_file.exists() and json.loads(state_file.read_text()),
            SCENARIO_SECONDS,
            "newsfacts server to record itself",
        )
        assert state["pid"] == server.pid and state["port"] == port
        api = f"http://127.0.0.1:{port}/api"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ui-settings", timeout=10) as answer:
            assert json.loads(answer.read())["api_url"] == api
        run = subprocess.run(
            newsfacts("run", str(inbox), "-w", str(tmp_path / "w.duckdb")),
            env=base_env(home),  # no PREFECT_API_URL: the state file leads to the server
            capture_output=True,
            text=True,
            timeout=SCENARIO_SECONDS * 2,
            cwd=tmp_path,
        )
        log = run.stdout + run.stderr
        assert f"using the Prefect server started by `newsfacts server`: {api}" in log, log[-3000:]
        assert "Starting temporary server" not in log
        assert "skipped 1 files by name" in log and "README.txt" in log
        assert "no input files found in" in log
        artifacts = api_get_json(
            api + "/artifacts/filter", {"artifacts": {"key": {"any_": [ARTIFACT_KEY]}}}
        )
        assert artifacts and "**Verdict:**" in artifacts[0]["data"]
        assert "newsfacts report --warehouse" in artifacts[0]["data"]
        assert server.poll() is None and healthy(api)  # the run did not stop it
    finally:
        stop(server)
    assert not state_file.exists()


def test_a_stale_server_state_is_ignored_and_removed(tmp_path: Path, monkeypatch) -> None:
    """A state file whose PID is gone leads nowhere (no port is tried) and is removed; a set
    PREFECT_API_URL wins over any state file."""
    from newsfacts import server_state

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    path = server_state.write_state("127.0.0.1", 4277, pid=_exited_pid())
    assert server_state.running_server() is None and not path.exists()
    server_state.write_state("127.0.0.1", 4277)  # this process: alive, but nothing answers
    assert server_state.use_running_server() is None
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4300/api")
    assert server_state.use_running_server() is None
    server_state.clear_state()
    assert not path.exists()


def _exited_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_run_summary_markdown_has_counts_verdict_docs_and_report_command() -> None:
    from newsfacts.run_summary import markdown

    counts = {
        "ingest": {"files_found": 3, "records": 3},
        "validate": {"passed": True, "data_docs": "/w/gx/index.html"},
    }
    text = markdown("r1", "success", "3 new records", Path("/w/n.duckdb"), counts, {"ingest": 0.5})
    assert "**Verdict:** trusted" in text
    assert "**Data Docs:** `/w/gx/index.html`" in text
    assert "`newsfacts report --warehouse /w/n.duckdb`" in text
    assert '| ingest | 0.5 | `{"files_found": 3, "records": 3}` |' in text
    failed = markdown("r2", "failed_validation", "not published", Path("/w"), {}, {})
    assert "**Verdict:** not published" in failed and "none written by this run" in failed
