"""Bad input at volume: 1,000 mixed files, 10% broken (every kind issues #6 and #21 name: loops,
FIFOs, sockets, deep JSON, huge numbers, noise, empty containers, cut WARC, a gzip bomb); the run
completes, every file is accounted for."""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import run_pipeline

import newsfacts.stages
from newsfacts import settings
from newsfacts.ingest import display_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from hostile_files import warc_response, write_hostile  # noqa: E402 - benchmarks/ on the path

GOOD_FILES = 900
# Size of the oversized text file, in bytes: below MAX_FILE_BYTES, far above MAX_RECORD_BYTES.
HUGE_TEXT_BYTES = 50 * 1024 * 1024
NESTING_DEPTH = 10_000
# Expanded size of the gzip bomb; the test lowers the decompression cap below it.
BOMB_BYTES = 40 * 1024 * 1024

CITIES = [
    "Lyon",
    "Gdansk",
    "Porto",
    "Tampere",
    "Graz",
    "Leeds",
    "Utrecht",
    "Brno",
    "Bilbao",
    "Cork",
]
NOUNS = [
    "ferry operator",
    "grain trader",
    "chip maker",
    "water utility",
    "bus builder",
    "paper mill",
    "cement group",
    "hotel chain",
    "seed company",
    "cable maker",
]
VERBS = [
    "raised its forecast",
    "cut prices",
    "opened a plant",
    "hired engineers",
    "closed a depot",
    "signed a supply deal",
    "issued bonds",
    "paused a project",
]


def sentence(rng: random.Random, n: int) -> str:
    """An invented news sentence; the serial number keeps every line unique (no template lines)."""
    return (
        f"The {rng.choice(NOUNS)} based in {rng.choice(CITIES)} {rng.choice(VERBS)} "
        f"on day {n} after orders rose {rng.randint(2, 90)} percent, "
        f"a spokesperson said in statement number {rng.randint(10_000, 99_999)}."
    )


def article(rng: random.Random, n: int) -> tuple[str, str]:
    """A headline and a body of four invented paragraphs."""
    title = f"{rng.choice(NOUNS).title()} in {rng.choice(CITIES)} reports update {n}"
    body = "\n\n".join(
        " ".join(sentence(rng, n * 10 + k * 3 + j) for j in range(3)) for k in range(4)
    )
    return title, body


def write_good(folder: Path, rng: random.Random, n: int) -> Path:
    """One readable article as txt, html, json or jsonl (by n), in its own publisher folder."""
    title, body = article(rng, n)
    kind = ("txt", "html", "json", "jsonl")[n % 4]
    path = folder / f"good_{kind}" / f"article_{n:04d}.{kind}"
    path.parent.mkdir(exist_ok=True)
    if kind == "txt":
        path.write_text(f"{title}\n\n{body}\n")
    elif kind == "html":
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        path.write_text(
            f"<html><head><title>{title}</title></head><body><article><h1>{title}"
            f"</h1>{paras}</article></body></html>"
        )
    else:
        record = {"title": title, "text": body, "url": f"https://news.example.org/a/{n}"}
        path.write_text(json.dumps(record) + ("\n" if kind == "jsonl" else ""))
    return path


def write_broken(folder: Path, rng: random.Random) -> list[Path]:
    """100 broken files of every kind the issue names, plus a few more of the common ones."""
    bad = folder / "bad"
    bad.mkdir()
    paths: list[Path] = []
    for i in range(14):
        paths.append(bad / f"binary_{i}.txt")
        paths[-1].write_bytes(b"\x00\x01\x02" + rng.randbytes(4000))
    for i in range(14):
        paths.append(bad / (f"empty_{i}." + ("txt" if i % 2 else "html")))
        paths[-1].write_bytes(b"")
    for i in range(16):
        paths.append(bad / f"invalid_{i}.json")
        paths[-1].write_text('{"title": "Cut short", "text": "The record ends' + "," * (i % 3))
    page = b"<html><body><p>" + b"A warehouse operator opened a site. " * 50 + b"</p></body></html>"
    warc = warc_response(page, "https://x.example/a")
    for i in range(15):
        paths.append(bad / f"truncated_{i}.warc.gz")
        paths[-1].write_bytes(gzip.compress(warc)[: 60 + i * 5])
    for i in range(19):
        paths.append(bad / f"no_text_{i}.html")
        paths[-1].write_text(
            "<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>"
        )
    paths.append(bad / "huge.txt")
    line = b"Container volumes rose again as shipping lines added capacity on the route.\n"
    with paths[-1].open("wb") as out:
        for _ in range(HUGE_TEXT_BYTES // len(line) + 1):
            out.write(line)
    paths.append(bad / "deeply_nested.html")
    paths[-1].write_text(
        "<html><body>"
        + "<div>" * NESTING_DEPTH
        + "<p>"
        + "A regional airline added four routes to its timetable. " * 10
        + "</p>"
        + "</div>" * NESTING_DEPTH
        + "</body></html>"
    )
    paths += write_hostile(bad, rng, BOMB_BYTES)
    paths.append(bad / "vanishing.txt")
    paths[-1].write_text("Gone before reading\n\n" + sentence(rng, 1) * 3)
    return paths


def errors_by_code(warehouse: Path) -> dict[str, str]:
    """File path -> reason code of its (first) ingest error."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(
            con.execute(
                "SELECT regexp_replace(source_path, '#.*$', ''), min(reason_code) "
                "FROM ingest_errors GROUP BY 1"
            ).fetchall()
        )


@pytest.fixture
def mixed_folder(tmp_path: Path) -> tuple[Path, list[Path], list[Path]]:
    """A folder of 1,000 files, 10% of them broken; returns (folder, good paths, broken paths)."""
    rng = random.Random(20240611)
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = [write_good(folder, rng, n) for n in range(GOOD_FILES)]
    # One good file whose name is not valid UTF-8 (stored as \xNN in the warehouse).
    odd = Path(os.fsdecode(os.fsencode(good[0].parent) + b"/caf\xe9_\xff.txt"))
    good[0].rename(odd)
    good[0] = odd
    broken = write_broken(folder, rng)
    assert len(good) + len(broken) == 1000 and len(broken) == 100
    return folder, good, broken


def test_mixed_folder_of_1000_files_with_10_percent_broken(
    prefect_harness: None,
    mixed_folder: tuple[Path, list[Path], list[Path]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, good, broken = mixed_folder
    vanishing = folder / "bad" / "vanishing.txt"
    real_discover = newsfacts.stages.discover_inputs

    def discover_then_delete(paths: list[Path], *selection: object) -> tuple[list, list]:
        found = real_discover(paths, *selection)
        vanishing.unlink()  # deleted by "the crawler" after discovery, before reading
        return found

    monkeypatch.setattr(newsfacts.stages, "discover_inputs", discover_then_delete)
    monkeypatch.setattr(settings, "MAX_DECOMPRESSED_BYTES", BOMB_BYTES // 8)
    warehouse = tmp_path / "w.duckdb"
    result = run_pipeline([folder], warehouse)
    assert result["status"] == "success", result["message"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        errors = dict(
            con.execute(
                "SELECT regexp_replace(source_path, '#.*$', ''), string_agg(reason, '; ') "
                "FROM ingest_errors GROUP BY 1"
            ).fetchall()
        )
        landed = {
            p
            for (p,) in con.execute(
                "SELECT r.source_path FROM documents d JOIN raw_documents r USING (raw_id)"
            ).fetchall()
        }
    assert {str(p) for p in broken} <= set(errors), set(map(str, broken)) - set(errors)
    assert all(errors[str(p)].strip() for p in broken)
    assert landed == {display_path(p) for p in good}
    codes = {Path(p).name: c for p, c in errors_by_code(warehouse).items()}
    assert codes["loop_a.txt"] == "symlink_loop" and codes["fifo_b.html"] == "special_file"
    assert (
        codes["deep_line.jsonl"] == "json_too_deep"
        and codes["bignum.json"] == "json_number_too_long"
    )
    assert codes["noise_b.html"] == "undecodable" and codes["blank.jsonl"] == "empty_container"
    assert (
        codes["cut.warc"] == "truncated_record" and codes["bomb.warc.gz"] == "decompression_limit"
    )
    assert "disappeared" in errors[str(vanishing)]
    assert "too large" in errors[str(folder / "bad" / "huge.txt")]
    assert str(settings.MAX_RECORD_BYTES) in errors[str(folder / "bad" / "huge.txt")]
