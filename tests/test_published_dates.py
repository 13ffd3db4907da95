"""Dates for undated inputs (issue #18, part 4): file and folder names, --published, kept per
path; a date given on the command line resolves relative dates at lower confidence and is no
evidence of closeness for stories. Invented documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsfacts import settings, source_defaults, stages, warehouse
from newsfacts.consolidate.stories import periods_compatible
from newsfacts.normalize import normalize_record
from newsfacts.published_dates import date_from_path, decide_date
from newsfacts.source_defaults import SourceDefaults, effective
from newsfacts.warehouse.consolidation import read_story_inputs
from newsfacts.warehouse.facts import lower_anchored_confidence

BODY = (
    "Norland Telecom said it would cut the price of its home broadband packages after losing "
    "customers to smaller rivals. The company said the change followed a review that began "
    "last month, and that prices would fall for every customer."
)
DAY = date(2005, 3, 14)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/in/2018-07-04/story.txt", date(2018, 7, 4)),
        ("/in/news/20180704-story.txt", date(2018, 7, 4)),
        ("/in/news/story_2018-07-04.html", date(2018, 7, 4)),
        ("/in/2018/07/04/story.txt", date(2018, 7, 4)),
        ("/in/crawl-2018.07.04/story.txt", date(2018, 7, 4)),
        ("/home/me/2024-01-01-project/news/story.txt", None),  # a far folder says nothing
        ("/in/bbc/tech/043.txt", None),
        ("/in/seeds/000_a20180704b.txt", None),  # an id, not a date
        ("/in/2018-02-30/story.txt", None),  # no such day
        ("/in/2018-07/story.txt", None),  # a month is not a date
    ],
)
def test_date_from_path(path: str, expected: date | None) -> None:
    assert date_from_path(path) == expected


def test_order_of_trust() -> None:
    url = "https://x.example/2019/01/02/a"
    path = "/in/2020-01-02/a.txt"
    cases = [
        ((date(2018, 1, 2), date(2018, 5, 5), url, path, DAY), "metadata"),
        ((None, date(2018, 5, 5), url, path, DAY), "text"),
        ((None, None, url, path, DAY), "url"),
        ((None, None, None, path, DAY), "path"),
        ((None, None, None, "/in/a.txt", DAY), "cli"),
        ((None, None, None, "/in/a.txt", None), "unknown"),
    ]
    assert [decide_date(*args)[1] for args, _ in cases] == [want for _, want in cases]


def test_undated_file_takes_the_folder_date_then_the_given_one() -> None:
    """The failure of the issue: an undated folder had no way to get a date."""
    text = f"Norland cuts broadband prices\n\n{BODY}"
    given = SourceDefaults(published=DAY)
    assert normalize_record("r", "txt", text, "/in/2018-07-04/a.txt", defaults=given).published_date == date(2018, 7, 4)  # fmt: skip
    doc = normalize_record("r", "txt", text, "/in/bbc/a.txt", defaults=given)
    assert (doc.published_date, doc.published_date_source) == (DAY, "cli")
    dated = f"Norland cuts broadband prices\n\nPublished: June 20, 2019\n\n{BODY}"
    doc = normalize_record("r", "txt", dated, "/in/bbc/b.txt", defaults=given)
    assert (doc.published_date, doc.published_date_source) == (date(2019, 6, 20), "text")


def test_nearest_path_sets_each_value() -> None:
    rows = [("/in", "Valley Radio", DAY), ("/in/bbc", None, date(2006, 1, 1))]
    assert effective("/in/bbc/a.txt", rows) == SourceDefaults("Valley Radio", date(2006, 1, 1))
    assert effective("/in/other/a.txt", rows) == SourceDefaults("Valley Radio", DAY)
    assert effective("/inbox/a.txt", rows) == SourceDefaults()  # not under /in


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def normalized(tmp_path: Path) -> tuple[duckdb.DuckDBPyConnection, Path]:
    """A warehouse with one undated and one dated file of one folder, normalized."""
    folder = tmp_path / "undated"
    write(folder, "a.txt", f"Norland cuts broadband prices\n\n{BODY}")
    write(folder, "b.txt", f"Norland shares fall\n\nPublished: June 20, 2019\n\n{BODY} Again.")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.apply_ddl(con)
    stages.ingest(con, [folder], "run1")
    stages.normalize(con, "run1")
    return con, folder


def dates(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT d.title, d.published_date, d.published_date_source, d.publisher, "
        "d.publisher_source FROM documents d ORDER BY d.title"
    ).fetchall()


def test_given_values_are_kept_and_applied_to_files_already_loaded(tmp_path: Path) -> None:
    con, folder = normalized(tmp_path)
    assert [row[2] for row in dates(con)] == ["unknown", "text"]
    counts = source_defaults.record(con, [str(folder)], "Valley Radio", DAY, "run2")
    assert counts == {"paths": 1, "documents_renormalized": 2}  # both had no publisher
    stages.normalize(con, "run2")
    assert dates(con) == [
        ("Norland cuts broadband prices", DAY, "cli", "Valley Radio", "cli"),
        ("Norland shares fall", date(2019, 6, 20), "text", "Valley Radio", "cli"),
    ]
    # The same values again change nothing; a later run normalizing again keeps them.
    assert source_defaults.record(con, [str(folder)], None, DAY, "run3")["documents_renormalized"] == 0  # fmt: skip
    assert con.execute("SELECT run_id FROM source_defaults").fetchall() == [("run2",)]
    stages.full_refresh(con)
    stages.normalize(con, "run4")
    assert [row[1:] for row in dates(con)][0] == (DAY, "cli", "Valley Radio", "cli")


def test_cli_date_lowers_the_confidence_of_relative_dates(tmp_path: Path) -> None:
    con = duckdb.connect()
    warehouse.apply_ddl(con)
    for doc_id, source in (("d1", "cli"), ("d2", "text")):
        con.execute(
            "INSERT INTO documents (doc_id, raw_id, body, published_date, published_date_source, "
            "content_hash, source_key, run_id) VALUES (?, ?, ?, ?, ?, ?, 'k', 'r')",
            [doc_id, doc_id, BODY, DAY, source, doc_id],
        )
        for start, anchored in ((0, True), (10, False)):
            con.execute(
                "INSERT INTO timexes VALUES (?, ?, ?, 'x', 'DATE', '2005-02', ?, 0.8, 'v', 'r')",
                [doc_id, start, start + 5, anchored],
            )
    assert lower_anchored_confidence(con, ["d1", "d2"], settings.CLI_DATE_CONFIDENCE) == 1
    got = con.execute("SELECT doc_id, anchored, confidence FROM timexes ORDER BY ALL").fetchall()
    assert got == [
        ("d1", False, 0.8),
        ("d1", True, pytest.approx(0.8 * settings.CLI_DATE_CONFIDENCE)),
        ("d2", False, 0.8),
        ("d2", True, 0.8),
    ]


def test_cli_date_is_no_evidence_of_closeness_for_stories() -> None:
    """Two documents given the same date on the command line, whose own words name years far
    apart, are not close in time; with their own dates they would be."""
    con = duckdb.connect()
    warehouse.apply_ddl(con)
    for i, (source, year) in enumerate((("cli", "2005"), ("cli", "2019"), ("text", "2019"))):
        doc_id = f"d{i}"
        con.execute(
            "INSERT INTO raw_documents VALUES (?, ?, 0, 'txt', 'f', 's', 1, 'x', 'utf-8', NULL, "
            "1, true, NULL, TIMESTAMP '2024-01-01', ?, 'r')",
            [doc_id, f"/in/{doc_id}.txt", i],
        )
        con.execute(
            "INSERT INTO documents (doc_id, raw_id, body, published_date, published_date_source, "
            "content_hash, source_key, run_id) VALUES (?, ?, ?, ?, ?, ?, 'k', 'r')",
            [doc_id, doc_id, BODY, DAY, source, doc_id],
        )
        for start, value, anchored in ((0, year, False), (10, "2005-02", True)):
            con.execute(
                "INSERT INTO timexes VALUES (?, ?, ?, 'x', 'DATE', ?, ?, 0.8, 'v', 'r')",
                [doc_id, start, start + 5, value, anchored],
            )
    periods = read_story_inputs(con).periods
    assert periods[0] == (None, frozenset({2005})) and periods[1] == (None, frozenset({2019}))
    assert not periods_compatible(periods[0], periods[1])
    assert periods[2] == (DAY, frozenset())  # a date of its own counts


def test_extract_stage_lowers_relative_dates_of_cli_dated_documents(tmp_path: Path) -> None:
    """ "last month" dated by a date line and by --published: the same month in both, at a
    lower confidence in the second."""
    pytest.importorskip("spacy")
    text = f"Norland cuts broadband prices\n\n{BODY}"
    write(tmp_path / "dated", "a.txt", text.replace("\n\n", "\n\ndate 2005-03-14\n\n", 1))
    other = (  # another article, so that it is no duplicate of the first
        "Valley Rail orders new trains\n\nValley Rail said it had ordered twelve new trains for "
        "its coastal line, after a study that began last month found the old ones too slow. "
        "The first will run next year."
    )
    write(tmp_path / "undated", "a.txt", other)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.apply_ddl(con)
    source_defaults.record(con, [str(tmp_path / "undated")], None, DAY, "run1")
    stages.ingest(con, [tmp_path / "dated", tmp_path / "undated"], "run1")
    stages.normalize(con, "run1")
    stages.deduplicate(con)
    stages.extract(con, "run1")
    got = dict(
        con.execute(
            "SELECT d.published_date_source, t.confidence FROM timexes t JOIN documents d "
            "USING (doc_id) WHERE t.text = 'last month' AND t.value = '2005-02' AND t.anchored"
        ).fetchall()
    )
    assert got["cli"] == pytest.approx(got["text"] * settings.CLI_DATE_CONFIDENCE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2018-13-01"], "--published must be YYYY-MM-DD"),
        (["--published", "2999-01-01"], "is in the future"),
        (["--publisher", "  "], "--publisher needs a name"),
    ],
)
def test_run_refuses_bad_publisher_and_date_in_one_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    from typer.testing import CliRunner

    from newsfacts.cli import app

    result = CliRunner().invoke(app, ["run", str(tmp_path), *args, "-w", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_serve_passes_the_given_values_to_every_scheduled_run(tmp_path: Path) -> None:
    from newsfacts.serve import deployment_parameters

    given = deployment_parameters(tmp_path, tmp_path / "w.db", "Valley Radio", "2005-03-14")
    assert (given["publisher"], given["published"]) == ("Valley Radio", "2005-03-14")
    assert "publisher" not in deployment_parameters(tmp_path, tmp_path / "w.db")


def test_a_later_run_with_published_dates_files_already_loaded(
    prefect_harness: None, tmp_path: Path
) -> None:
    """The flow: a second run over unchanged files, now with --published, is not skipped as
    "nothing new"; the undated file gets the date, the dated one keeps its own."""
    from conftest import run_pipeline

    folder = tmp_path / "undated"
    write(folder, "a.txt", f"Norland cuts broadband prices\n\n{BODY}")
    write(
        folder,
        "b.txt",
        "Valley Rail orders trains\n\nPublished: June 20, 2019\n\nValley Rail said it had ordered "
        "twelve trains for its coastal line. The first will run next year, the company said.",
    )
    wh = tmp_path / "w.duckdb"
    assert run_pipeline([folder], wh)["status"] == "success"
    result = run_pipeline([folder], wh, published=DAY.isoformat())
    assert result["status"] == "success" and "skipped" not in result["counts"]["normalize"]
    con = duckdb.connect(str(wh), read_only=True)
    got = con.execute(
        "SELECT title, published_date, published_date_source FROM documents ORDER BY title"
    ).fetchall()
    con.close()
    assert got == [
        ("Norland cuts broadband prices", DAY, "cli"),
        ("Valley Rail orders trains", date(2019, 6, 20), "text"),
    ]
