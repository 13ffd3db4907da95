"""Hostile inputs: no single file can stop, hang or poison ingest. Every file here is generated."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import resource
import socket
import stat
import threading
from pathlib import Path

import pytest

from newsfacts import settings, stages, warehouse
from newsfacts.encodings import Refusal, decode_bytes
from newsfacts.ingest import (
    REASON_CODES,
    InputFile,
    discover_inputs,
    display_path,
    path_from_display,
    read_bytes,
    read_input,
)
from newsfacts.ingest_formats import gunzip_capped
from newsfacts.normalize import normalize_record

# Hang guard (not a speed target): seconds a read of a FIFO or device may take before the test
# declares it hung.
HANG_GUARD_SECONDS = 20

ARTICLE_TITLE = "Harbour board approves new ferry terminal"
ARTICLE_BODY = (
    "The harbour board approved plans for a new ferry terminal on Tuesday, saying the building "
    "would open in two years and cost about 40 million pounds. The chair said passenger numbers "
    "had grown every summer since the old pier closed, and that local firms would bid for the work."
)
ARTICLE = f"{ARTICLE_TITLE}\n\n{ARTICLE_BODY}\n"


def codes(result: object) -> list[str]:
    return [e.reason_code for e in result.errors]


def read(path: Path) -> object:
    return read_input(InputFile(path, path.parent))


def within_guard(fn: object) -> object:
    """Run fn in a thread; fail (hang guard, not a target) if it has not returned in time."""
    out: list = []
    thread = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    thread.start()
    thread.join(HANG_GUARD_SECONDS)
    assert out, f"hung for over {HANG_GUARD_SECONDS} s (hang guard)"
    return out[0]


# --- discovery: loops and special files -------------------------------------------------------


def test_symlink_loops_are_reported_and_the_rest_is_found(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    os.symlink(tmp_path / "loopdir", tmp_path / "loopdir")  # no suffix: not an input, no error
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a folder loop: never followed
    found, errors = discover_inputs([tmp_path])
    assert [f.path.name for f in found] == ["good.txt"]
    assert {Path(e.source_path).name: e.reason_code for e in errors} == {
        "self.txt": "symlink_loop",
        "a.txt": "symlink_loop",
        "b.txt": "symlink_loop",
    }
    _, given = discover_inputs([tmp_path / "self.txt"])  # a loop given by name
    assert [e.reason_code for e in given] == ["symlink_loop"]


def test_fifo_socket_and_device_are_refused_by_type_without_opening(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock.txt"))
        os.symlink("/dev/zero", tmp_path / "zero.txt")  # a link to a device, outside the folder
        found, errors = within_guard(lambda: discover_inputs([tmp_path]))
    assert found == []
    reasons = {Path(e.source_path).name: (e.reason_code, e.reason) for e in errors}
    assert reasons["pipe.txt"] == ("special_file", "special file (fifo), not a regular file")
    assert reasons["sock.txt"][0] == "special_file"
    assert reasons["zero.txt"][0] == "symlink_outside"
    # Given by name, or swapped in after discovery: refused at read time without blocking.
    assert within_guard(lambda: read_bytes(tmp_path / "pipe.txt")).reason_code == "special_file"
    assert within_guard(lambda: read_bytes(Path("/dev/zero"))).reason_code == "special_file"


def test_character_device_inside_the_folder_is_refused(tmp_path: Path) -> None:
    try:
        os.mknod(tmp_path / "dev.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    except PermissionError:
        pytest.skip("creating a device node needs root")
    found, errors = within_guard(lambda: discover_inputs([tmp_path]))
    assert found == [] and [e.reason_code for e in errors] == ["special_file"]


# --- file names that are not UTF-8 --------------------------------------------------------------


def test_non_utf8_file_name_is_stored_escaped_and_reversibly(tmp_path: Path) -> None:
    raw_name = os.fsencode(tmp_path) + b"/caf\xe9 \\ news.txt"
    Path(os.fsdecode(raw_name)).write_text(ARTICLE)
    wh = tmp_path / "w.duckdb"
    con = warehouse.open_staging(wh)
    counts = stages.ingest(con, [tmp_path], "run-1")
    (stored,) = con.execute("SELECT source_path FROM raw_documents").fetchone()
    con.close()
    assert counts["records"] == 1 and counts["errors"] == 0
    assert stored.endswith("/caf\\xe9 \\x5c news.txt")
    assert os.fsencode(path_from_display(stored)) == raw_name
    assert display_path("/plain/café.txt") == "/plain/café.txt"  # valid names stay as they are


# --- JSON limits ---------------------------------------------------------------------------------


def test_json_nested_100000_levels_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert codes(read(path)) == ["json_too_deep"]


def test_json_just_over_the_depth_limit_is_refused(tmp_path: Path) -> None:
    depth = settings.MAX_JSON_DEPTH
    ok, deep = tmp_path / "ok.json", tmp_path / "deep.json"
    ok.write_text(
        json.dumps(
            {
                "title": "T",
                "text": ARTICLE_BODY,
                "x": json.loads("[" * (depth - 1) + "]" * (depth - 1)),
            }
        )
    )
    deep.write_text(
        json.dumps({"title": "T", "text": ARTICLE_BODY, "x": json.loads("[" * depth + "]" * depth)})
    )
    assert len(read(ok).records) == 1
    assert codes(read(deep)) == ["json_too_deep"]


def test_one_deep_jsonl_line_does_not_stop_the_other_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"title": ARTICLE_TITLE, "text": ARTICLE_BODY})
    path.write_text(good + "\n" + "{" * 3 + '"a":' * 0 + "[" * 100_000 + "\n" + good + "\n")
    result = read(path)
    assert [r.record_index for r in result.records] == [1, 3]
    assert len(result.errors) == 1 and result.errors[0].source_path.endswith("#L2")


def test_json_integer_with_5000_digits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bignum.json"
    path.write_text('{"title": "T", "text": "x", "views": ' + "7" * 5000 + "}")
    result = read(path)
    assert codes(result) == ["json_number_too_long"] and "5000 digits" in result.errors[0].reason


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.json", "[]"), ("wrapped.json", '{"articles": []}'), ("blank.jsonl", " \n\n\t\n")],
)
def test_empty_containers_leave_an_error(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    assert codes(read(path)) == ["empty_container"]


# --- compressed and truncated WARC --------------------------------------------------------------


def warc_record(uri: str, html: bytes) -> bytes:
    """One WARC/1.0 response record holding an HTTP 200 HTML page."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def page(n: int) -> bytes:
    return (
        f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>"
        f"<p>{ARTICLE_BODY}</p></article></body></html>"
    ).encode()


def test_truncated_plain_warc_loads_whole_records_and_refuses_the_cut_one(tmp_path: Path) -> None:
    records = [warc_record(f"https://news.example.org/{n}", page(n)) for n in range(3)]
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(records)[: -len(records[2]) // 2])
    result = read(path)
    assert [r.url for r in result.records] == [
        "https://news.example.org/0",
        "https://news.example.org/1",
    ]
    assert codes(result) == ["truncated_record"] and "record 3 cut off" in result.errors[0].reason


def test_truncated_warc_gz_keeps_its_complete_members(tmp_path: Path) -> None:
    members = [gzip.compress(warc_record(f"https://x.example/{n}", page(n))) for n in range(3)]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(b"".join(members)[:-40])
    result = read(path)
    assert len(result.records) == 2
    assert codes(result) == ["truncated_record"] and "truncated gzip" in result.errors[0].reason


def test_gzip_bomb_is_inflated_only_up_to_the_cap(tmp_path: Path) -> None:
    limit = 8 * 1024 * 1024
    bomb = gzip.compress(b"\0" * (400 * 1024 * 1024), compresslevel=9)  # 400 MB in ~0.4 MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out, problem = gunzip_capped(bomb, limit)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert problem.code == "decompression_limit" and len(out) == limit
    assert grown_mb < 100  # far below the 400 MB a full inflate needs


def test_warc_bomb_file_is_refused_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MAX_DECOMPRESSED_BYTES", 2 * 1024 * 1024)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip.compress(warc_record("https://x.example/b", b"<p>" + b"a" * 30_000_000)))
    result = read(path)
    assert result.records == [] and codes(result) == ["decompression_limit"]


# --- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom", "label"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16"),
        ("utf-16-be", b"", "utf-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32"),
        ("utf-32-le", b"", "utf-32"),
        ("utf-32-be", b"", "utf-32"),
        ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_unicode_articles_are_decoded_with_their_title(
    tmp_path: Path, codec: str, bom: bytes, label: str
) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + ARTICLE.replace("40 million pounds", "£40m").encode(codec))
    (record,) = read(path).records
    assert record.encoding == label and "£40m" in record.raw_text
    doc = normalize_record(record.raw_id, "txt", record.raw_text, record.source_path)
    assert doc.title == ARTICLE_TITLE


def test_cp1252_article_with_pound_signs_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = ARTICLE.replace("40 million pounds", "£40m") + "Fares rise to £3.20 – “a fair price”.\n"
    path.write_bytes(text.encode("cp1252"))
    (record,) = read(path).records
    assert record.encoding == "cp1252" and "£3.20 – “a fair price”" in record.raw_text


def test_random_high_bytes_are_refused_not_loaded_as_latin1(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(5000)))
    result = read(path)
    assert result.records == [] and codes(result) == ["undecodable"]
    assert isinstance(decode_bytes(b"\xe9\xff\xfe\xc3" * 100), Refusal)


def test_every_reason_code_written_is_in_the_vocabulary(tmp_path: Path) -> None:
    os.symlink(tmp_path / "x.txt", tmp_path / "x.txt")
    os.mkfifo(tmp_path / "p.txt")
    (tmp_path / "e.json").write_text("[]")
    (tmp_path / "n.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    (tmp_path / "z.txt").write_bytes(b"")
    wh = tmp_path / "w.duckdb"
    con = warehouse.open_staging(wh)
    stages.ingest(con, [tmp_path], "run-1")
    written = {c for (c,) in con.execute("SELECT reason_code FROM ingest_errors").fetchall()}
    con.close()
    assert written == {
        "symlink_loop",
        "special_file",
        "empty_container",
        "undecodable",
        "empty_file",
    }
    assert written <= set(REASON_CODES)


def test_ingest_is_retried_on_transient_io_errors_only() -> None:
    from prefect.states import Completed, Failed

    from flows.stages import transient_io_error

    assert transient_io_error(None, None, Failed(data=OSError(5, "Input/output error")))
    assert not transient_io_error(None, None, Failed(data=ValueError("bad content")))
    assert not transient_io_error(None, None, Failed(data=MemoryError()))
    assert not transient_io_error(None, None, Completed(data=1))
