"""Which files of a folder a run reads: --include/--exclude globs and the README*, LICENSE*,
CHANGELOG* files skipped by default (a corpus's notes are not articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.ingest import discover_inputs


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name in (
        "README.txt",
        "LICENSE.txt",
        "changelog.md.txt",
        "a.txt",
        "b.html",
        "drafts/c.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Harbour cranes to be replaced at the container terminal.\n")
    return tmp_path


@pytest.mark.parametrize(
    ("include", "exclude", "read"),
    [
        ((), (), ["a.txt", "b.html", "drafts/c.txt"]),
        (("*.html",), (), ["b.html"]),
        ((), ("drafts/*",), ["a.txt", "b.html"]),
        (("README*",), (), ["README.txt"]),
        (("*.TXT",), ("A.*",), ["drafts/c.txt"]),
        (("readme.txt", "*.html"), (), ["README.txt", "b.html"]),
    ],
)
def test_folder_selection(corpus: Path, include: tuple, exclude: tuple, read: list[str]) -> None:
    skipped: list[Path] = []
    found, errors = discover_inputs([corpus], include, exclude, skipped)
    assert errors == []
    assert [f.path.relative_to(corpus).as_posix() for f in found] == read
    assert len(found) + len(skipped) == 6


def test_readme_licence_and_changelog_are_skipped_by_default(corpus: Path) -> None:
    skipped: list[Path] = []
    discover_inputs([corpus], skipped=skipped)
    assert sorted(p.name for p in skipped) == ["LICENSE.txt", "README.txt", "changelog.md.txt"]


def test_a_file_named_by_itself_is_always_read(corpus: Path) -> None:
    found, _ = discover_inputs([corpus / "README.txt"])
    assert [f.path.name for f in found] == ["README.txt"]


def test_source_folder_makes_filtering_by_source_one_where(tmp_path: Path) -> None:
    """documents.source_folder is the folder of the file: one WHERE selects a source, no join
    through raw_documents."""
    import duckdb

    from newsfacts import stages, warehouse

    for outlet, port in (("harbour-news", "Rotterdam"), ("dock-daily", "Antwerp")):
        (tmp_path / "crawl" / outlet).mkdir(parents=True)
        (tmp_path / "crawl" / outlet / "cranes.txt").write_text(
            f"Cranes to be replaced at {port}\n\nThe operator of the container terminal at {port} "
            "said on Monday it would replace six ageing cranes over the next two years.\n"
        )
    (tmp_path / "crawl" / "README.txt").write_text("One folder per outlet.\n")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.apply_ddl(con)
    counts = stages.ingest(con, [tmp_path / "crawl"], "run-1")
    stages.normalize(con, "run-1")
    assert (counts["files_found"], counts["files_skipped"], counts["skipped_files"]) == (
        2,
        1,
        ["README.txt"],
    )
    got = con.execute(
        "SELECT title FROM documents WHERE source_folder = ?",
        [str(tmp_path / "crawl" / "dock-daily")],
    ).fetchall()
    assert got == [("Cranes to be replaced at Antwerp",)]
    con.close()
