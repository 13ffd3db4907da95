"""Ingest: every format, every kind of bad input, versions and copies (tests/fixtures written here)."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import duckdb
import pytest

from newsfacts import stages, warehouse
from newsfacts.ingest import InputFile, discover_inputs, read_input

ARTICLE = (
    "Harbor Freight Lines said on Monday it would buy a rival coastal shipper for $40 million, "
    "adding six vessels to its fleet. The deal is expected to close in the third quarter."
)


def _read(path: Path):
    return read_input(InputFile(path, path.parent))


def test_txt_file_is_one_record(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = _read(path)
    assert [r.format for r in result.records] == ["txt"]
    assert result.records[0].raw_text == ARTICLE
    assert result.records[0].encoding == "utf-8"
    assert not result.errors


def test_invalid_utf8_is_repaired_not_rejected(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "The caf\u00e9 chain\u2019s \u201cnew\u201d menu sold well. ".encode("cp1252") * 3
    )
    result = _read(path)
    assert not result.errors
    assert result.records[0].encoding == "cp1252"
    assert "caf\u00e9 chain\u2019s \u201cnew\u201d" in result.records[0].raw_text


@pytest.mark.parametrize(
    ("name", "data", "stage", "reason"),
    [
        ("empty.txt", b"", "read", "empty file"),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            "decode",
            "binary",
        ),
        ("bad.json", b'{"title": "x", "text": ', "parse", "invalid JSON"),
        (
            "bad.warc.gz",
            gzip.compress(b"WARC/1.0\r\n" + random.Random(7).randbytes(4000))[:2000],
            "read",
            "truncated",
        ),
    ],
)
def test_bad_files_become_errors(
    tmp_path: Path, name: str, data: bytes, stage: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = _read(path)
    assert not result.records
    assert [(e.stage, reason in e.reason) for e in result.errors] == [(stage, True)]


def test_jsonl_keeps_good_lines_and_reports_the_malformed_one(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"title": "T", "text": ARTICLE, "tags": ["ships"]})
    path.write_text(f"{good}\n{{not json\n{good.replace('T', 'U', 1)}\n")
    result = _read(path)
    assert [r.record_index for r in result.records] == [1, 3]
    assert len(result.errors) == 1 and "line 2" in result.errors[0].reason


def test_json_list_gives_one_record_per_object(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(
        json.dumps([{"title": "A", "body": ARTICLE}, {"title": "B", "content": ARTICLE}])
    )
    assert len(_read(path).records) == 2


def test_warc_html_responses_are_records(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(2):
        html = f"<html><body><article><p>{ARTICLE} Part {i}.</p></article></body></html>".encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example.org/2020/01/0{i + 1}/story",
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
            )
        )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    result = _read(path)
    assert [r.url for r in result.records] == [
        "https://news.example.org/2020/01/01/story",
        "https://news.example.org/2020/01/02/story",
    ]
    assert all(r.format == "warc" for r in result.records)


def test_discover_skips_unknown_suffixes_and_outside_symlinks(tmp_path: Path) -> None:
    src, outside = tmp_path / "src", tmp_path / "secret"
    src.mkdir(), outside.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    (src / "notes.md").write_text("not an input")
    (outside / "passwords.txt").write_text("hunter2")
    (src / "link.txt").symlink_to(outside / "passwords.txt")
    found, errors = discover_inputs([src])
    assert [f.path.name for f in found] == ["a.txt"]
    assert [e.reason for e in errors] == ["symlink points outside the source folder"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    found, errors = discover_inputs([tmp_path / "nope"])
    assert not found and errors[0].reason == "no such file or folder"


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.apply_ddl(connection)
    yield connection
    connection.close()


def _raw(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT source_path, version, is_current, same_bytes_as IS NOT NULL FROM raw_documents "
        "ORDER BY ingest_order"
    ).fetchall()


def test_reingest_same_file_does_nothing(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    first = stages.ingest(con, [tmp_path / "in"], "r1")
    second = stages.ingest(con, [tmp_path / "in"], "r2")
    assert (first["records"], second["records"], second["files_unchanged"]) == (1, 0, 1)


def test_copy_under_another_path_points_at_the_first(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "b.txt").write_text(ARTICLE)
    stages.ingest(con, [tmp_path / "in"], "r1")
    assert [row[3] for row in _raw(con)] == [False, True]


def test_changed_file_is_a_new_version(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    stages.ingest(con, [path], "r1")
    path.write_text(ARTICLE + " Shares rose 3 percent.")
    stages.ingest(con, [path], "r2")
    assert [(v, cur) for _, v, cur, _ in _raw(con)] == [(1, False), (2, True)]


def test_errors_of_a_known_bad_file_are_not_repeated(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    stages.ingest(con, [tmp_path], "r1")
    stages.ingest(con, [tmp_path], "r2")
    assert con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1
    assert warehouse.raw.seen_files(con)
