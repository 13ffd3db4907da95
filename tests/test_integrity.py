"""Warehouse integrity, locked ad-hoc SQL and bad warehouse locations: one line and exit 2 each."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsfacts import warehouse
from newsfacts.cli import app

# Hang guard (not a target): the --timeout given to a runaway query in the test, in seconds.
QUERY_TIMEOUT = "1"
# Hang guard (not a target): seconds one call of the real newsfacts binary may take.
BINARY_TIMEOUT = 300
NEWSFACTS = Path(sys.executable).with_name("newsfacts")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def publish_with_rows(path: Path, rows: int) -> None:
    """Publish a warehouse whose runs table holds `rows` rows (enough to fill data blocks)."""
    con = warehouse.open_staging(path)
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, message) "
        "SELECT gen_random_uuid()::VARCHAR, now(), 'success', repeat('x', 200) || i "
        "FROM range(?) t(i)",
        [rows],
    )
    warehouse.publish(con, path)


def flip_bytes(path: Path) -> None:
    """Flip one byte in every 64 KiB of the file past its headers, as failing storage does."""
    data = bytearray(path.read_bytes())
    for offset in range(3 * 4096 + 100, len(data), 64 * 1024):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def corrupt(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 1000)
    publish_with_rows(path, 2000)
    flip_bytes(path)
    return path


def one_line_error(result: object) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_publish_records_the_checksum_and_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 10)
    first = sha(path)
    publish_with_rows(path, 20)
    assert warehouse.recorded_checksum(path) == sha(path) != first
    assert sha(warehouse.previous_path(path)) == first
    warehouse.verify_full(warehouse.previous_path(path))  # the way back is a good file
    assert warehouse.checksum_problem(path) is None


def test_full_read_finds_flipped_bytes(corrupt: Path) -> None:
    with pytest.raises(warehouse.WarehouseCorrupt, match="corrupt"):
        warehouse.verify_full(corrupt)
    assert "differs from the one recorded" in warehouse.checksum_problem(corrupt)


def test_run_refuses_a_corrupt_warehouse_and_never_republishes_it(
    corrupt: Path, tmp_path: Path
) -> None:
    before = sha(corrupt)
    source = tmp_path / "inbox"
    source.mkdir()
    (source / "a.txt").write_text("Title\n\nThe mill said it would hire forty staff this year.")
    result = CliRunner().invoke(app, ["run", str(source), "-w", str(corrupt)])
    line = one_line_error(result)
    assert "is corrupt" in line and ".previous" in line
    assert sha(corrupt) == before
    assert not warehouse.staging_path(corrupt).exists()


# Stands in for DuckDB crashing on a damaged block (DuckDB 1.4 does so on some layouts of the
# flipped-bytes file above): the checking child kills itself with SIGSEGV.
CRASHING_CHILD = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]


def test_duckdb_crashing_on_the_file_is_one_line_not_the_end_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 10)
    publish_with_rows(path, 20)
    before = sha(path)
    monkeypatch.setattr(warehouse.store, "VERIFY_COMMAND", CRASHING_CHILD)
    line = one_line_error(CliRunner().invoke(app, ["run", str(SAMPLES), "-w", str(path)]))
    assert "is corrupt (DuckDB crashed reading it: SIGSEGV)" in line and ".previous" in line
    assert sha(path) == before


@pytest.mark.parametrize("command", [["report"], ["sql", "SELECT 1"]])
def test_report_and_sql_say_the_warehouse_is_corrupt(corrupt: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "-w", str(corrupt)])
    assert "is corrupt" in one_line_error(result)


@pytest.mark.parametrize(
    "statement",
    [
        "SET memory_limit='100GB'",
        "SET threads=64",
        "PRAGMA threads=64",
        "RESET memory_limit",
        "SET enable_external_access=true",
    ],
)
def test_sql_settings_are_locked(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 1)
    assert "settings are locked" in one_line_error(
        CliRunner().invoke(app, ["sql", statement, "-w", str(path)])
    )


def test_sql_timeout_stops_a_runaway_query(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 1)
    query = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b"
    result = CliRunner().invoke(app, ["sql", query, "-w", str(path), "--timeout", QUERY_TIMEOUT])
    assert "stopped after 1 s" in one_line_error(result)


@pytest.mark.parametrize("command", [["run"], ["report"], ["sql", "SELECT 1"]])
def test_a_folder_as_warehouse_is_one_line(tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "-w", str(tmp_path)])
    assert "is a folder" in one_line_error(result)


def test_unwritable_places_are_one_line(tmp_path: Path) -> None:
    # /proc takes no new files, even from root: the run's folder cannot be created there.
    run = CliRunner().invoke(app, ["run", "-w", "/proc/newsfacts/w.duckdb"])
    assert "cannot create warehouse folder" in one_line_error(run)
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 1)
    report = CliRunner().invoke(
        app, ["report", "-w", str(path), "--output", "/proc/newsfacts/report.html"]
    )
    assert "cannot write the report" in one_line_error(report)


def test_locked_sql_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    publish_with_rows(path, 3)
    result = CliRunner().invoke(app, ["sql", "SELECT count(*) AS n FROM runs", "-w", str(path)])
    assert result.exit_code == 0 and "3" in result.output
    with duckdb.connect(str(path), read_only=True) as con:  # the file is a plain DuckDB file
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (3,)


def mount(*args: str | Path) -> subprocess.CompletedProcess:
    command = [shutil.which("mount") or "mount", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture
def read_only_fs(tmp_path: Path) -> Iterator[Path]:
    """A folder on a real read-only file system (a bind mount remounted read-only) holding a
    published warehouse; skipped where this process may not mount (not root, no CAP_SYS_ADMIN)."""
    source, folder = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    folder.mkdir()
    publish_with_rows(source / "w.duckdb", 3)
    bound = mount("--bind", source, folder)
    if bound.returncode:
        pytest.skip(f"cannot mount a read-only file system here: {bound.stderr.strip()}")
    try:
        remounted = mount("-o", "remount,ro,bind", folder)
        if remounted.returncode:
            pytest.skip(f"cannot remount read-only here: {remounted.stderr.strip()}")
        with pytest.raises(OSError, match="Read-only file system"):
            (folder / "probe").touch()
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def binary(*args: str | Path) -> subprocess.CompletedProcess:
    """Run the installed `newsfacts` command, as a user would."""
    return subprocess.run(
        [str(NEWSFACTS), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=BINARY_TIMEOUT,
        check=False,
    )


def binary_one_line_error(done: subprocess.CompletedProcess) -> str:
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


def test_every_command_on_a_read_only_file_system_is_one_line(
    read_only_fs: Path, tmp_path: Path
) -> None:
    published = read_only_fs / "w.duckdb"
    writable = tmp_path / "rw" / "w.duckdb"  # the same file where it can be written
    refusals = [
        (["run", SAMPLES, "-w", published], f"warehouse folder {read_only_fs} is not writable"),
        (["run", SAMPLES, "-w", read_only_fs / "new" / "w.duckdb"], "Read-only file system"),
        (["report", "-w", published], "cannot write the report: Read-only file system"),
        (
            ["report", "-w", writable, "--output", read_only_fs / "out" / "r.html"],
            "cannot write the report: Read-only file system",
        ),
        (
            ["serve", "--source", SAMPLES, "-w", published, "--interval", "60"],
            f"warehouse folder {read_only_fs} is not writable",
        ),
    ]
    for args, expected in refusals:
        assert expected in binary_one_line_error(binary(*args))
    reading = binary("sql", "SELECT count(*) AS n FROM runs", "-w", published, "--json")
    assert reading.returncode == 0, reading.stderr  # a read needs no write
    assert reading.stdout.strip() == '{"n": 3}'
