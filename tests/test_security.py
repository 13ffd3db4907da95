"""Security: loopback server, sandboxed read-only SQL, safe parsing, no symlink escape, no network."""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts import stages, warehouse
from newsfacts.cli import app
from newsfacts.ingest import discover_inputs, parse_file, read_bytes
from newsfacts.normalize import normalize_record
from newsfacts.serve import server_command

REPO = Path(__file__).resolve().parents[1]
# Seconds and extra megabytes of peak memory a billion-laughs page may cost: an expanded
# entity would need gigabytes.
LAUGHS_MAX_SECONDS = 10
LAUGHS_MAX_EXTRA_MB = 300

LAUGHS_DTD = "\n".join(
    ["<!DOCTYPE html [", ' <!ENTITY lol "lol">']
    + [
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    + ["]>"]
)
ARTICLE = (
    "<p>The regional carrier said on Tuesday that it would add four routes to its summer "
    "timetable, citing strong bookings from business travellers.</p>" * 4
)


def laughs_page(xml_declaration: bool) -> str:
    """An HTML page whose DTD defines a billion-laughs entity, used in the article body."""
    head = '<?xml version="1.0"?>\n' if xml_declaration else ""
    return (
        f"{head}{LAUGHS_DTD}\n<html><head><title>Routes</title></head><body><article>"
        f"{ARTICLE}<p>&lol9;</p></article></body></html>"
    )


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """An empty published warehouse (all tables, no rows), made without Prefect."""
    path = tmp_path / "w.duckdb"
    warehouse.publish(warehouse.open_staging(path), path)
    return path


def test_prefect_server_binds_loopback_by_default() -> None:
    command = server_command()
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert "127.0.0.1" in CliRunner().invoke(app, ["server", "--help"]).output


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM documents",
        "INSERT INTO runs (run_id, started_at, status) VALUES ('x', now(), 'success')",
        "DROP TABLE documents",
        "CREATE TABLE notes (a INTEGER)",
        "UPDATE raw_documents SET is_current = false",
        "COPY (SELECT 1 AS a) TO '{tmp}/leak.csv'",
        "ATTACH '{tmp}/other.duckdb' AS other",
        "INSTALL httpfs",
    ],
)
def test_sql_refuses_statements_that_write(published: Path, statement: str) -> None:
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    query = statement.format(tmp=published.parent)
    result = CliRunner().invoke(app, ["sql", query, "-w", str(published)])
    assert result.exit_code == 2
    assert "read-only" in result.output and "Traceback" not in result.output
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    # No file written: only the warehouse and the checksum recorded when it was published.
    assert sorted(p.name for p in published.parent.iterdir()) == ["w.duckdb", "w.duckdb.sha256"]


def test_sql_still_answers_queries(published: Path) -> None:
    result = CliRunner().invoke(
        app, ["sql", "SELECT count(*) AS n FROM documents", "-w", str(published), "--json"]
    )
    assert result.exit_code == 0 and '"n": 0' in result.output


@pytest.mark.parametrize("xml_declaration", [False, True])
def test_billion_laughs_page_is_not_expanded(tmp_path: Path, xml_declaration: bool) -> None:
    path = tmp_path / "laughs.html"
    path.write_text(laughs_page(xml_declaration))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    data, sha = read_bytes(path)
    (record,) = parse_file(path, data, sha).records
    doc = normalize_record(record.raw_id, record.format, record.raw_text, str(path), None)
    assert time.perf_counter() - started < LAUGHS_MAX_SECONDS
    assert (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss_before < LAUGHS_MAX_EXTRA_MB
    )
    assert "four routes" in doc.body
    assert "lollol" not in doc.body


def test_symlinks_leading_outside_the_source_folder_are_skipped_and_reported(
    tmp_path: Path,
) -> None:
    source, outside = tmp_path / "inbox", tmp_path / "private"
    source.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Not an article\n\nA private note that must not be read.")
    (source / "real.txt").write_text("Port news\n\nThe terminal at the river mouth added a crane.")
    os.symlink(outside / "secret.txt", source / "leak.txt")
    os.symlink(outside, source / "leaked_dir")
    os.symlink(source / "real.txt", source / "alias.txt")  # inside the folder: allowed
    found, errors = discover_inputs([source])
    assert sorted(f.path.name for f in found) == ["alias.txt", "real.txt"]
    reported = {Path(e.source_path).name: e.reason for e in errors}
    assert set(reported) == {"leak.txt", "leaked_dir"}
    assert all("outside the source folder" in reason for reason in reported.values())


class NetworkGuard:
    """Refuses every connection and name lookup that is not for this machine, and records it."""

    LOCAL = ("127.0.0.1", "::1", "localhost", "0.0.0.0")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

        def connect(sock: socket.socket, address: object) -> object:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in self.LOCAL:
                self.attempts.append(f"connect {address}")
                raise OSError("network access refused by the test")
            return real_connect(sock, address)

        def lookup(host: object, *args: object, **kwargs: object) -> object:
            if host not in self.LOCAL and host is not None:
                self.attempts.append(f"lookup {host}")
                raise socket.gaierror("name lookup refused by the test")
            return real_lookup(host, *args, **kwargs)

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket, "getaddrinfo", lookup)


def test_stages_make_no_network_access(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guard = NetworkGuard(monkeypatch)
    wh = tmp_path / "w.duckdb"
    con = warehouse.open_staging(wh)
    counts = stages.ingest(con, [REPO / "samples"], "run-1")
    counts.update(stages.normalize(con, "run-1"))
    con.close()
    staging = warehouse.staging_path(wh)
    stages.quarantine_documents(staging, wh, "run-1")
    with warehouse.connect(staging) as con:
        stages.deduplicate(con)
        facts = stages.extract(con, "run-1")
    report = stages.validate(staging, wh, "run-1")
    assert counts["documents"] > 10 and facts["documents"] > 0 and report["expectations"] > 0
    assert guard.attempts == []
