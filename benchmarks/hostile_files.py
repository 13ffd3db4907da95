"""Hostile input files, shared by benchmarks/hostile_corpus.py and tests/test_bad_input_volume.py.

Every kind of file issues #6 and #21 found stopping, hanging or poisoning a run: symlink loops,
FIFOs, a socket, JSON nested or numbered past any parser's comfort, undecodable noise, empty
containers, cut or fake WARC files and a gzip bomb. Standard library only, so a test can import
it (with benchmarks/ on sys.path) without the benchmarks' set-up.
"""

from __future__ import annotations

import gzip
import os
import random
import socket
from pathlib import Path

# Nesting of the deep JSON files, far past any parser's recursion limit.
JSON_DEPTH = 100_000
# Digits of the huge JSON numbers (Python refuses to parse ints past 4,300 digits).
NUMBER_DIGITS = 5_000


def warc_response(html: bytes, uri: str = "https://x.example/c") -> bytes:
    """One WARC/1.0 response record holding an HTTP 200 HTML page, its Content-Length exact."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def write_bomb(path: Path, expanded_bytes: int) -> None:
    """A .warc.gz whose one response expands to `expanded_bytes` of zeros, written streamed (a
    few MB on disk however large the expansion)."""
    http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/bomb\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http_head) + expanded_bytes}\r\n\r\n"
    ).encode()
    zeros = b"\0" * (1024 * 1024)
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(head + http_head)
        for _ in range(expanded_bytes // len(zeros)):
            out.write(zeros)
        out.write(b"\0" * (expanded_bytes % len(zeros)))


def write_hostile(bad: Path, rng: random.Random, bomb_bytes: int) -> list[Path]:
    """19 hostile files in the folder `bad` (which exists); returns their paths. The gzip bomb
    expands to `bomb_bytes`."""
    made: list[Path] = []

    def put(name: str, data: bytes) -> None:
        (bad / name).write_bytes(data)
        made.append(bad / name)

    os.symlink(bad / "loop.txt", bad / "loop.txt")
    os.symlink(bad / "loop_b.txt", bad / "loop_a.txt")
    os.symlink(bad / "loop_a.txt", bad / "loop_b.txt")
    made += [bad / "loop.txt", bad / "loop_a.txt", bad / "loop_b.txt"]
    for name in ("fifo_a.txt", "fifo_b.html"):
        os.mkfifo(bad / name)
        made.append(bad / name)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(bad / "socket.txt"))  # the socket file stays
    made.append(bad / "socket.txt")
    put("deep.json", b"[" * JSON_DEPTH + b"]" * JSON_DEPTH)
    put("deep_line.jsonl", b'{"a":' * JSON_DEPTH + b"\n")
    put("bignum.json", b'{"title": "T", "text": "x", "n": ' + b"7" * NUMBER_DIGITS + b"}")
    put("noise_a.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(5000)))
    put("noise_b.html", bytes(rng.randrange(0x80, 0x100) for _ in range(9000)))
    put("empty_list.json", b"[]")
    put("empty_articles.json", b'{"articles": []}')
    put("blank.jsonl", b" \n\n\t\n")
    put("deep_object.json", b'{"a":' * 5_000 + b"1" + b"}" * 5_000)
    put("bignum_line.jsonl", b'{"n": -' + b"1" * (NUMBER_DIGITS + 1000) + b"}\n")
    put("not_a_warc.warc", b"this is not a web archive at all\r\n\r\n")
    page = b"<html><body><p>" + b"A ferry operator added a route. " * 60 + b"</p></body></html>"
    record = warc_response(page)
    put("cut.warc", record[: len(record) // 2])
    write_bomb(bad / "bomb.warc.gz", bomb_bytes)
    made.append(bad / "bomb.warc.gz")
    return made
