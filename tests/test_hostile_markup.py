"""Markup never survives into text columns: HTML in JSON fields goes, ticker markup stays."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from newsfacts import stages, warehouse
from newsfacts.markup import strip_markup

# Hang guard (not a speed target): seconds the markup scan of one hostile field may take.
# html.parser took 156 s on 200,000 characters of "<a<a<a..."; the scan here is linear.
HANG_GUARD_SECONDS = 30

RECORD = {
    "title": "<b>Acme</b> widens recall of <i>kitchen</i> heaters",
    "text": (
        "<p>Acme Appliances <ACME> said on Tuesday it would recall another 40,000 heaters "
        "after reports of overheating.</p>"
        "<script>alert(1)</script>"
        '<p>The company said <b onclick="steal(document.cookie)">bold</b> action was needed '
        "and that shares of its supplier <BRTL.L> fell 3 percent.</p>"
        "<style>p { color: red }</style>"
        "<p>Regulators in two states had asked for the recall in March.</p>"
    ),
    "author": '<a href="/staff/jo-reyes">Jo Reyes</a>',
    "source": "Valley Ledger",
    "url": "https://ledger.example/2024/03/05/acme-recall",
    "section": '<span class="kicker">Business</span>',
}
BODY_PARAGRAPHS = [
    "Acme Appliances <ACME> said on Tuesday it would recall another 40,000 heaters after "
    "reports of overheating.",
    "The company said bold action was needed and that shares of its supplier <BRTL.L> fell 3 "
    "percent.",
    "Regulators in two states had asked for the recall in March.",
]


def load_documents(folder: Path, wh: Path) -> list[dict]:
    """Ingest and normalize `folder` with the plain stage functions; the documents as dicts."""
    con = warehouse.open_staging(wh)
    try:
        stages.ingest(con, [folder], "run-1")
        stages.normalize(con, "run-1")
        rel = con.sql("SELECT title, body, author, publisher, metadata FROM documents")
        return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_html_in_json_fields_is_removed_and_ticker_markup_kept(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = json.dumps(RECORD) + "\n" if fmt == "jsonl" else json.dumps([RECORD])
    (folder / f"recall.{fmt}").write_text(text)
    [doc] = load_documents(folder, tmp_path / "w.duckdb")
    assert doc["body"].split("\n\n") == BODY_PARAGRAPHS
    assert doc["title"] == "Acme widens recall of kitchen heaters"
    assert doc["author"] == "Jo Reyes"
    assert json.loads(doc["metadata"]) == {"section": "Business"}
    columns = " ".join(str(v) for v in doc.values())
    for residue in ("<script", "alert(1)", "onclick", "steal", "<b", "<p>", "<style", "color:"):
        assert residue not in columns


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("<p>One.</p>\n<p>Two.</p>", "One.\n\nTwo."),
        ("Before<script>never closed(", "Before"),
        ("<SCRIPT type=text/javascript>x()</SCRIPT >After", "After"),
        ("<img src=x onerror=alert(1)>Caption", "Caption"),
        ("A<br>line<br/>each", "A\nline\neach"),
        ('<a title="2 > 1" href="/q">link</a>', "link"),
        ('<b onclick="x>half-quoted', "half-quoted"),
        ("a<!-- note -->b<!DOCTYPE html>", "ab"),
        ("<![CDATA[raw text]]> and <![CDATA[unclosed", "raw text and unclosed"),
        ('<x-card data-id="7">custom</x-card>', "custom"),
        ("AT&amp;T &lt;b&gt;bold&lt;/b&gt;", "AT&T bold"),
        ("&amp;lt;p&amp;gt; is written as text", "&lt;p&gt; is written as text"),
        ("line one\nline two <i>kept</i>", "line one\nline two kept"),
    ],
)
def test_known_html_is_removed(field: str, text: str) -> None:
    assert strip_markup(field) == text


@pytest.mark.parametrize(
    "field",
    [
        "<ACME> rose 4 percent",
        "Vodafone <VOD.L> and the index <.FTSE> and the chain <0#.FTSE> and the euro <EUR=>",
        "Brent <LCOc1> fell",
        "a<b and c>d",
        "5 < 6 and 7 > 3",
        "I <3 markets",
        "</XYZ> ends a wire table",
    ],
)
def test_angle_bracket_text_that_is_not_html_stays(field: str) -> None:
    assert strip_markup(field) == field


# Hostile fields of 1,000,000 characters and what is left of them.
HOSTILE_FIELDS = {
    "no tag ever closes": ("<a" * 500_000, "<a" * 500_000),
    "an unclosed quote in every tag": ('<a b="' * 166_666, '<a b="' * 166_666),
    "prose comparisons": ("a<b and c>d " * 83_333, "a<b and c>d " * 83_333),
    "tags and text": ("<b>x</b>" * 125_000, "x" * 125_000),
    "unclosed comments": ("<!--" * 250_000, ""),
    "CDATA sections": ("<![CDATA[x]]>" * 76_923, "x" * 76_923),
}


@pytest.mark.parametrize("case", HOSTILE_FIELDS)
def test_hostile_markup_is_scanned_in_bounded_time(case: str) -> None:
    field, left = HOSTILE_FIELDS[case]
    out: list[str] = []
    thread = threading.Thread(target=lambda: out.append(strip_markup(field)), daemon=True)
    thread.start()
    thread.join(HANG_GUARD_SECONDS)
    assert out, f"markup scan still running after {HANG_GUARD_SECONDS} s (hang guard)"
    assert out[0] == left
