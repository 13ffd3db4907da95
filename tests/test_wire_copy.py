"""Wire copy: unwrapping, datelines, sign-offs, display titles and template lines that spare sentences.

Fixtures in tests/fixtures/wire/ are invented stories (make_wire.py writes them and the truth).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.boilerplate import clean_plain_text, drop_lines, repeated_lines
from newsfacts.dateline import Dateline, parse_dateline
from newsfacts.normalize import normalize_record, remove_template_lines
from newsfacts.unwrap import is_list_item, is_table_row, paragraphs, wrap_width
from newsfacts.wire import display_title, is_sign_off

WIRE = Path(__file__).parent / "fixtures" / "wire"
EXPECTED = json.loads((WIRE / "expected.json").read_text(encoding="utf-8"))


def _records() -> list[tuple[str, str, str]]:
    """(name, format, raw text) of each record of the wire folder (a JSONL line is a record)."""
    out = []
    for path in sorted((WIRE / "articles").iterdir()):
        text = path.read_bytes().decode("utf-8")
        if path.suffix == ".txt":
            out.append((f"{path.name}#0", "txt", text))
        elif path.suffix == ".jsonl":
            lines = text.splitlines()
            out += [(f"{path.name}#{n}", "jsonl", line) for n, line in enumerate(lines, 1)]
    return out


def _wire_documents() -> dict[str, object]:
    """Documents of the wire folder, normalized and template-cleaned as the stage does."""
    docs = {
        name: normalize_record(name, fmt, text, str(WIRE / "articles" / name.split("#")[0]))
        for name, fmt, text in _records()
    }
    cleaned = {d.doc_id: d for d in remove_template_lines(list(docs.values()), {})}
    return {name: cleaned[doc.doc_id] for name, doc in docs.items()}


@pytest.fixture(scope="module")
def wire_docs() -> dict[str, object]:
    return _wire_documents()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_wire_bodies_are_the_story_paragraphs_and_rows(wire_docs: dict, name: str) -> None:
    want = EXPECTED[name]
    doc = wire_docs[name]
    assert doc.body.split("\n\n") == want["units"]  # every word, no break inside a paragraph
    assert (doc.dateline_place, doc.agency) == (want["dateline_place"], want["agency"])
    assert doc.title == want["title"]


def test_all_caps_titles_keep_their_text_and_get_a_display_title(wire_docs: dict) -> None:
    doc = wire_docs["halvard_results.txt#0"]
    assert doc.title == "HALVARD SHIPPING Q3 PROFIT RISES AS CONTAINER RATES HOLD UP"
    assert doc.display_title == "Halvard Shipping Q3 profit rises as container rates hold up"
    mixed = wire_docs["tessaro_recall_ap.txt#0"]
    assert mixed.display_title == mixed.title


def test_sign_offs_are_removed_and_recorded(wire_docs: dict) -> None:
    doc = wire_docs["quillon_press_release.txt#0"]
    removed = json.loads(doc.removed)
    assert ["SOURCE Quillon Pharma, Inc.", "sign_off"] in removed
    assert ["media@quillon.example", "sign_off"] in removed
    assert doc.body.endswith("The company is based in Boston.")
    assert any(reason == "dateline" for _, reason in removed)


def test_recurring_short_wrapped_lines_are_not_template_lines() -> None:
    """'the company said.' ends a wrapped paragraph in most of the folder's stories: it stays."""
    names = [n for n in EXPECTED if n.endswith(".txt#0")]
    tails = sum(
        "\nthe company said." in (WIRE / "articles" / n[:-2]).read_text().replace("\r", "")
        for n in names
    )
    assert tails * 2 > len(names)  # enough to count as template lines for the old normalizer
    docs = _wire_documents()
    assert all("template_line" not in (docs[n].removed or "") for n in names)


# --- unwrapping -------------------------------------------------------------------------------
INDENTED = """\
   FRANKFURT, Jan 12 (dpa) - Keller Werke said on Friday it would buy
the drives maker Sollinger for 640 million euros in cash, its largest
deal in a decade.
   The purchase is expected to close in the second quarter, subject to
approval by competition authorities in the European Union.
"""


def test_indented_paragraphs_are_joined_and_kept_apart() -> None:
    assert paragraphs(INDENTED) == [
        "FRANKFURT, Jan 12 (dpa) - Keller Werke said on Friday it would buy the drives maker "
        "Sollinger for 640 million euros in cash, its largest deal in a decade.",
        "The purchase is expected to close in the second quarter, subject to approval by "
        "competition authorities in the European Union.",
    ]


def test_rows_and_bullets_keep_their_lines() -> None:
    text = (
        "Results for the quarter, in millions of euros, were as follows and beat the\n"
        "forecasts of analysts polled by the company:\n"
        "Sales        1,204 vs 1,118\n"
        "EBIT           212 vs 187\n"
        "  * Orders up 9 percent, led by a record quarter in the Americas\n"
        "  * Net debt down to 0.8 times earnings\n"
    )
    assert paragraphs(text) == [
        "Results for the quarter, in millions of euros, were as follows and beat the "
        "forecasts of analysts polled by the company:",
        "Sales        1,204 vs 1,118",
        "EBIT           212 vs 187",
        "* Orders up 9 percent, led by a record quarter in the Americas",
        "* Net debt down to 0.8 times earnings",
    ]


def test_hyphen_at_a_line_end_and_short_lines_stay_as_written() -> None:
    text = "Acme Corp\nBy Jane Roe\nMarch 3, 2024\n"
    assert paragraphs(text) == ["Acme Corp", "By Jane Roe", "March 3, 2024"]
    assert wrap_width([]) is None


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Revenue      4.2 bln vs 3.9 bln", True),
        ("EPS $0.42 vs. $0.38", True),
        ("Net income 98.7 mln vs 77.2 mln, est 90.1 mln", True),
        ("rose 4 percent to a record. Analysts had expected a", False),
        ("The company said.  It expects", False),
    ],
)
def test_table_rows(line: str, row: bool) -> None:
    assert is_table_row(line) is row


def test_a_dash_continuing_a_sentence_is_no_bullet() -> None:
    assert is_list_item("- Sales rose", "Results were:")
    assert not is_list_item("- the largest in its history", "Acme bought its rival")


def test_web_text_one_paragraph_per_line_is_untouched() -> None:
    long = "Acme said sales rose. " * 8
    text = f"{long}\n{long}\nShort closing line.\n"
    assert paragraphs(text) == [long.strip(), long.strip(), "Short closing line."]


# --- datelines ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place", "agency", "date", "rest"),
    [
        ("LONDON, March 3 (Reuters) - Acme said", "LONDON", "Reuters", "March 3", "Acme said"),
        ("ST. LOUIS, Mo., May 2 (AP) — The firm", "ST. LOUIS, Mo.", "AP", "May 2", "The firm"),
        (
            "NEW YORK, May 14, 2024 /PRNewswire/ -- Acme",
            "NEW YORK",
            "PRNewswire",
            "May 14, 2024",
            "Acme",
        ),
        ("Paris, 3 March (AFP) - Le groupe", "Paris", "AFP", "3 March", "Le groupe"),
        ("TOKYO — Sony said", "TOKYO", None, None, "Sony said"),
        ("(Reuters) - Acme said", None, "Reuters", None, "Acme said"),
        (
            "SAN JOSE, Calif., Jan 9 (BUSINESS WIRE)--Acme",
            "SAN JOSE, Calif.",
            "BUSINESS WIRE",
            "Jan 9",
            "Acme",
        ),
    ],
)
def test_parse_dateline(text: str, place: str, agency: str, date: str, rest: str) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.agency, found.date_text) == (place, agency, date)
    assert text[found.end :] == rest


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp said on Monday it would cut jobs.",
        "THE END - of an era for the carmaker",
        "IBM (IBM.N) - shares rose",
        "Paris - the city's mayor said",
        "Quarterly profits at the group rose - helped by cost cuts",
    ],
)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_clean_text_cuts_the_dateline_and_keeps_the_first_sentence_clean() -> None:
    result = clean_plain_text(INDENTED)
    assert result.dateline == Dateline("FRANKFURT", "dpa", "Jan 12", 26)
    assert result.body.startswith("Keller Werke said on Friday")
    assert ("FRANKFURT, Jan 12 (dpa) -", "dateline") in result.removed


# --- sign-offs, titles, template lines -------------------------------------------------------------
@pytest.mark.parametrize(
    ("unit", "sign_off"),
    [
        ("(Reporting by Jane Roe; Editing by Tom Lee)", True),
        ("Additional reporting by Ali Khan in Dubai", True),
        ("((jane.roe@newsdesk.example; +44 20 5550 0100))", True),
        ("-0-", True),
        ("Copyright 2024 Example Press. All rights reserved.", True),
        ("Tom Lee in Berlin contributed to this report.", True),
        ("Reporting season starts next week, analysts said.", False),
        ("The company said it would cut 300 jobs by the end of the year.", False),
    ],
)
def test_sign_offs(unit: str, sign_off: bool) -> None:
    assert is_sign_off(unit) is sign_off


def test_a_credit_glued_to_the_last_paragraph_is_cut() -> None:
    text = "Acme shares rose 3 percent in early trading on Monday, the most in a month. (Reporting by Jane Roe; Editing by Tom Lee)"
    result = clean_plain_text(text)
    assert result.body.endswith("the most in a month.")
    assert ("(Reporting by Jane Roe; Editing by Tom Lee)", "sign_off") in result.removed


@pytest.mark.parametrize(
    ("title", "body", "display"),
    [
        (
            "ACME PROFIT JUMPS ON IBM DEAL",
            "Shares of Acme rose after IBM signed.",
            "Acme profit jumps on IBM deal",
        ),
        ("HSBC Q3 PROFIT BEATS FORECASTS", "The bank said.", "HSBC Q3 profit beats forecasts"),
        (
            "U.S. SUES ACME OVER IPHONE ADS",
            "It sued Acme over iPhone ads.",
            "U.S. sues Acme over iPhone ads",
        ),
        ("Acme profit rises", "x", "Acme profit rises"),
        (None, "x", None),
    ],
)
def test_display_title(title: str | None, body: str, display: str | None) -> None:
    assert display_title(title, body) == display


def test_template_lines_never_cut_a_sentence() -> None:
    bodies = [
        f"Story {n} about shares of Acme rose sharply on Tuesday after the\nthe company said.\n\nNewsletter"
        for n in range(4)
    ]
    template = repeated_lines(bodies, 3, 0.5)
    assert template == {"Newsletter"}  # a lower-case line continues a sentence: never template
    body = "Acme said profit would rise by 4 percent this year, more than\nShare this\n\nShare this"
    assert (
        drop_lines(body, {"Share this"})
        == "Acme said profit would rise by 4 percent this year, more than\nShare this"
    )
