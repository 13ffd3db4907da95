"""The warehouse file: the DuckDB file, its DDL, the run lock and the atomic publish of a run.

A run never writes the published file in place. It copies it to a staging file next to it,
loads and validates there, and publishes with one atomic rename. Readers therefore always see
the last published state, a failed or killed run leaves the published file untouched, and a
reader holding the old file open is never blocked by a writer. A lock file serialises runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from newsfacts import interrupts, settings

# Order matters: tables are created layer by layer, views after the tables they read.
SQL_LAYERS = ("raw", "staging", "marts", "ops", "views")


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


class WarehouseError(RuntimeError):
    """The warehouse file cannot be opened (missing, corrupt, not a DuckDB file)."""


class WarehouseCorrupt(WarehouseError):
    """The published file fails its checks: DuckDB block checksums or the recorded SHA-256."""


def sql_files() -> list[Path]:
    """DDL files in creation order: one file per table or view, grouped by layer."""
    files: list[Path] = []
    for layer in SQL_LAYERS:
        files += sorted((settings.SQL_DIR / layer).glob("*.sql"))
    return files


def apply_ddl(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view that does not exist yet, with its comments."""
    for path in sql_files():
        con.execute(path.read_text())


def staging_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".staging")


def checksum_path(warehouse: Path) -> Path:
    """`<file>.sha256`: the SHA-256 of the published file, written at publish."""
    return warehouse.with_name(warehouse.name + ".sha256")


def previous_path(warehouse: Path) -> Path:
    """`<file>.previous`: the published file before the last publish, a way back."""
    return warehouse.with_name(warehouse.name + ".previous")


# The warehouse file name whose GX folder is plain `gx/` (the default warehouse's).
DEFAULT_WAREHOUSE_STEM = "newsfacts"


def gx_project_dir(warehouse: Path) -> Path:
    """Folder of the GX file context (suites, results, Data Docs) next to the warehouse: `gx/`
    for newsfacts.duckdb, `gx-<name>/` for any other, so two warehouses in one folder never
    share (and race on) one context's suites and results."""
    stem = Path(warehouse).stem
    return warehouse.parent / ("gx" if stem == DEFAULT_WAREHOUSE_STEM else f"gx-{stem}")


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


# Warehouses whose run lock this thread already holds: the CLI takes the lock before starting the
# flow (so a busy warehouse is reported in one line, not a flow traceback), and the flow's own
# run_lock then nests inside it instead of waiting on itself.
_held = threading.local()


@contextlib.contextmanager
def run_lock(warehouse: Path, wait_seconds: float = settings.LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the warehouse's run lock; wait up to `wait_seconds`, then raise WarehouseBusy."""
    held = _held.__dict__.setdefault("paths", set())
    key = warehouse.absolute()
    if key in held:
        yield
        return
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(warehouse), "a+") as handle:
        _acquire(handle, warehouse, wait_seconds)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(handle: object, warehouse: Path, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"another newsfacts run is loading {warehouse}; waited {wait_seconds:.0f} s "
                    "(set --wait to wait longer)"
                ) from None
            time.sleep(0.2)


def open_staging(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Copy the published warehouse (if any) to the staging file and open it read-write."""
    stage = staging_path(warehouse)
    for leftover in (stage, stage.with_name(stage.name + ".wal")):
        leftover.unlink(missing_ok=True)  # a killed run's half-written staging file
    if warehouse.exists():
        shutil.copyfile(warehouse, stage)
    con = connect(stage)
    apply_ddl(con)
    return con


def connect(
    path: Path, read_only: bool = False, sandbox: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, turning DuckDB's errors into one clear WarehouseError.

    `sandbox` turns off DuckDB's external access: no COPY TO files, no ATTACH, no reading other
    files, no extension download (network), and locks the settings. Ad-hoc queries need none.
    """
    config = settings.duckdb_config()
    if sandbox:
        config["enable_external_access"] = False
        # Ad-hoc queries may not raise their own limits (SET memory_limit, PRAGMA threads).
        config["lock_configuration"] = True
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if _is_lock_conflict(exc):
            raise WarehouseBusy(f"{path} is locked by another process; retry in a moment") from exc
        raise WarehouseError(f"cannot open {path}: {exc}") from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {exc}") from exc


def _is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB's "Could not set lock on file" / "Conflicting lock", not a checksum error that
    names a "block"."""
    text = str(exc).lower()
    return "could not set lock" in text or "conflicting lock" in text


def publish(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """Make the staging file the published warehouse with one atomic rename."""
    con.execute("CHECKPOINT")
    con.close()
    stage = staging_path(warehouse)
    with open(stage, "rb") as handle:
        os.fsync(handle.fileno())
    digest = file_sha256(stage)
    _keep_previous(warehouse)
    os.replace(stage, warehouse)
    _write_atomically(checksum_path(warehouse), f"{digest}  {warehouse.name}\n")
    _fsync_dir(warehouse.parent)


def _keep_previous(warehouse: Path) -> None:
    """Keep the file about to be replaced as `<file>.previous` (a hard link: no copy).

    `run` checks the published file fully before building on it, so what is kept was good."""
    if not warehouse.exists():
        return
    link = previous_path(warehouse).with_name(previous_path(warehouse).name + ".tmp")
    link.unlink(missing_ok=True)
    try:
        os.link(warehouse, link)
    except OSError:  # a file system without hard links: copy instead
        shutil.copyfile(warehouse, link)
    os.replace(link, previous_path(warehouse))


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB pieces."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while piece := handle.read(1024 * 1024):
            digest.update(piece)
    return digest.hexdigest()


def recorded_checksum(warehouse: Path) -> str | None:
    """The SHA-256 recorded when the file was published (None for older warehouses)."""
    try:
        return checksum_path(warehouse).read_text().split()[0]
    except (OSError, IndexError):
        return None


def checksum_problem(warehouse: Path) -> str | None:
    """Why the published file is not the one published (checksum differs), or None."""
    recorded = recorded_checksum(warehouse)
    if recorded is None or not warehouse.is_file():
        return None
    if file_sha256(warehouse) == recorded:
        return None
    return f"{warehouse} is corrupt: its SHA-256 differs from the one recorded at publish" + (
        _way_back(warehouse)
    )


def _way_back(warehouse: Path) -> str:
    prev = previous_path(warehouse)
    return f"; the last good file is {prev}" if prev.exists() else ""


# Exit statuses of the child process that reads a published file in full (verify_full).
VERIFY_BUSY, VERIFY_CORRUPT = 3, 4
# The child: Python running read_every_block on the file named by the last argument.
VERIFY_COMMAND = [
    sys.executable,
    "-c",
    "import sys; from newsfacts.warehouse import verify_main; sys.exit(verify_main(sys.argv[1]))",
]


def verify_full(warehouse: Path) -> None:
    """Read every row of every table, so DuckDB checks every block's checksum; raise
    WarehouseCorrupt naming the problem. Nothing to check when there is no file yet.

    The read runs in a child process: on some damaged blocks DuckDB 1.4 crashes (SIGSEGV)
    instead of raising an error, and a crash must be a one-line refusal, never the end of the
    run. Starting the child costs about 0.4 s.
    """
    if not warehouse.exists():
        return
    path = os.pathsep.join(filter(None, [str(settings.PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [*VERIFY_COMMAND, str(warehouse)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        check=False,
    )
    said = done.stdout.strip()
    if done.returncode == 0:
        return
    if done.returncode == VERIFY_BUSY:
        raise WarehouseBusy(said)
    if done.returncode == VERIFY_CORRUPT:
        raise WarehouseCorrupt(said)
    if done.returncode < 0:
        raise _crashed(warehouse, signal.Signals(-done.returncode).name)
    last = (done.stderr.strip().splitlines() or ["no output"])[-1]
    raise WarehouseError(f"could not check {warehouse}: {last[:200]}")


def _crashed(warehouse: Path, signame: str) -> BaseException:
    """What a child killed by `signame` means: a stop signal stops the run; any other signal
    is DuckDB failing on the file's bytes."""
    if signame in ("SIGINT", "SIGTERM"):
        return interrupts.Interrupted(signame)
    return WarehouseCorrupt(
        f"{warehouse} is corrupt (DuckDB crashed reading it: {signame}){_way_back(warehouse)}"
    )


def verify_main(path: str) -> int:
    """The child's side of verify_full: 0 when every block reads, else a status and one line."""
    try:
        read_every_block(Path(path))
    except WarehouseBusy as exc:
        print(exc)
        return VERIFY_BUSY
    except WarehouseCorrupt as exc:
        print(exc)
        return VERIFY_CORRUPT
    return 0


def read_every_block(warehouse: Path) -> None:
    """Read every row of every table in this process; raise WarehouseBusy or WarehouseCorrupt."""
    try:
        con = duckdb.connect(str(warehouse), read_only=True, config=settings.duckdb_config())
    except duckdb.IOException as exc:
        if _is_lock_conflict(exc):
            raise WarehouseBusy(f"{warehouse} is locked by another process") from exc
        raise _corrupt(warehouse, exc) from exc
    except duckdb.Error as exc:
        raise _corrupt(warehouse, exc) from exc
    try:
        for (table,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall():
            # hash(r) of the whole row reads every column, so every block is loaded and checked.
            con.execute(f'SELECT count(*) FROM "{table}" AS r WHERE hash(r) IS NOT NULL').fetchall()
    except duckdb.Error as exc:
        raise _corrupt(warehouse, exc) from exc
    finally:
        con.close()


def _corrupt(warehouse: Path, exc: BaseException) -> WarehouseCorrupt:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return WarehouseCorrupt(f"{warehouse} is corrupt ({first[:200]}){_way_back(warehouse)}")


def discard_staging(con: duckdb.DuckDBPyConnection | None, warehouse: Path) -> None:
    """Drop a staging file without publishing it."""
    if con is not None:
        with contextlib.suppress(duckdb.Error):
            con.close()
    stage = staging_path(warehouse)
    for leftover in (stage, stage.with_name(stage.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_read_only(warehouse: Path, sandbox: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only; clear errors for a missing or busy file."""
    if not warehouse.exists():
        raise WarehouseError(f"no warehouse at {warehouse}; run `newsfacts run` first")
    return connect(warehouse, read_only=True, sandbox=sandbox)
