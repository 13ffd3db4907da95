"""A 5 MB article on one line goes through every stage in bounded time (linear, budgeted).

The time limit below is a hang guard, not a speed target: before the fix the cost grew with the
square of the line (400 KB took 253 s). The measured speed is in benchmarks/hostile_corpus.py.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path

from newsfacts import settings, stages, warehouse
from newsfacts.extract.text import sentence_spans

# Hang guard (generous, not a target): seconds all stages may take on the 5 MB line.
HANG_GUARD_SECONDS = 240
LINE_BYTES = 5_000_000

PHRASE = (
    "the port authority said on Tuesday that freight volumes rose 4 percent in March as "
    "Northwind Shipping chief executive Maria Olsen told analysts that rates would fall "
    "while the union said workers would strike in May over pay and the ministry announced "
    "a review of tariffs worth 120 million euros"
)
WORDS = PHRASE.split(" ")


def one_line_article(size: int, seed: int = 5) -> str:
    """A headline, a blank line, then `size` characters of words with no full stop at all."""
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < size:
        words.append(rng.choice(WORDS))
        length += len(words[-1]) + 1
    return "Port freight report\n\n" + " ".join(words)[:size] + "\n"


def run_stages(folder: Path, wh: Path) -> dict:
    con = warehouse.open_staging(wh)
    counts = {"ingest": stages.ingest(con, [folder], "run-1")}
    counts["normalize"] = stages.normalize(con, "run-1")
    counts["deduplicate"] = stages.deduplicate(con)
    counts["extract"] = stages.extract(con, "run-1")
    counts["propagate"] = stages.propagate(con, "run-1")
    counts["consolidate"] = stages.consolidate(con, "run-1")
    con.close()
    return counts


def test_5mb_single_line_article_passes_every_stage_within_the_hang_guard(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "long.txt").write_text(one_line_article(LINE_BYTES))
    out: list[dict] = []
    thread = threading.Thread(
        target=lambda: out.append(run_stages(folder, tmp_path / "w.duckdb")), daemon=True
    )
    thread.start()
    thread.join(HANG_GUARD_SECONDS)
    assert out, f"stages still running after {HANG_GUARD_SECONDS} s (hang guard)"
    counts = out[0]
    assert counts["ingest"]["records"] == 1 and counts["normalize"]["documents"] == 1
    assert counts["extract"]["documents"] == 1 and counts["extract"]["cut_for_budget"] == 1


def test_run_on_sentences_are_cut_into_bounded_pieces() -> None:
    body = one_line_article(50_000).split("\n\n", 1)[1]
    spans = sentence_spans(body)
    assert max(end - start for start, end in spans) <= settings.MAX_SENTENCE_CHARS
    assert len(spans) >= 50_000 // settings.MAX_SENTENCE_CHARS
    # Pieces end at spaces and cover the text in order, nothing lost but the spaces between.
    assert all(body[end] == " " for _, end in spans[:-1])
    assert " ".join(body[s:e] for s, e in spans) == body.strip()
