"""Tests for newsfacts.boilerplate: plain-text cleaning rules, fixtures and the real seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.boilerplate import (
    CleanText,
    clean_plain_text,
    drop_lines,
    repeated_lines,
    split_units,
)
from newsfacts.boilerplate_rules import (
    is_caption_label,
    is_comment_counter,
    is_cookie_notice,
    is_edge_widget,
    is_filed_under,
    is_inline_teaser,
    is_navigation,
    is_teaser_heading,
    is_widget_strip,
    looks_like_headline,
    parse_date_line,
)

FIXTURES = Path(__file__).parent / "fixtures" / "boilerplate"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"


# --- whole-line rules ---
@pytest.mark.parametrize(
    "line",
    [
        "clock menu more-arrow no yes",
        "Share",
        "Tweet",
        "Menu",
        "Skip to content",
        "Sign in",
        "Subscribe",
        "Share on Facebook",
        "Facebook Twitter Email Print",
    ],
)
def test_navigation_lines(line: str) -> None:
    assert is_navigation(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("27 comments | share this story", True),
        ("Share · Tweet · Email", True),
        ("12 Comments | Print", True),
        ("Revenue | 4.1 billion", False),
        ("Comments | The company declined to comment on the report.", False),
    ],
)
def test_widget_strips(line: str, expected: bool) -> None:
    assert is_widget_strip(line) is expected


@pytest.mark.parametrize(
    "line",
    [
        "All",  # only weak words: handled at the edges, not everywhere
        "Read more",
        "The company will share more details in the spring.",
        "Sign the contract before Friday",
        "Menu prices rose 4 percent at the chain's restaurants.",
    ],
)
def test_not_navigation_lines(line: str) -> None:
    assert not is_navigation(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("New, 48 comments", True),
        ("12 Comments", True),
        ("1.2k comments", True),
        ("View 3 comments", True),
        ("Comments (7)", True),
        ("He received 12 comments from the regulator.", False),
        ("Comments", False),
    ],
)
def test_comment_counters(line: str, expected: bool) -> None:
    assert is_comment_counter(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Filed under:", True),
        ("Filed under: Mobile, Policy, Asia", True),
        ("Tags: phones, retail", True),
        ("The papers were filed under seal on Monday.", False),
        (
            "Filed under: this heading the court listed every claim that the two companies "
            "brought against each other over the five years of the dispute, and more.",
            False,
        ),
    ],
)
def test_filed_under(line: str, expected: bool) -> None:
    assert is_filed_under(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Image caption The new plant opened in May", True),
        ("Photo: Jane Roe/Example Agency", True),
        ("Photograph by Sam Lee for the Daily Example", True),
        ("Getty Images", True),
        ("© 2019 Example Media. All rights reserved.", True),
        ("The photo showed the car on a test track near the border.", False),
        ("Images of the prototype leaked online last week, the company confirmed.", False),
    ],
)
def test_caption_labels(line: str, expected: bool) -> None:
    assert is_caption_label(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("We use cookies to improve your experience on our site.", True),
        ("By continuing to use this site you agree to our use of cookies.", True),
        ("This website uses cookies", True),
        ("Regulators said websites must ask before they store cookies on a device.", False),
        ("The bakery sold 2 million cookies last year.", False),
    ],
)
def test_cookie_notices(line: str, expected: bool) -> None:
    assert is_cookie_notice(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("READ MORE", True),
        ("Recommend", True),
        ("All", True),
        ("Instructions", True),
        ("Share this article", True),
        ("Tags", True),
        ("Sponsored", True),
        ("All three divisions grew.", False),
        ("Instructions were sent to every branch.", False),
    ],
)
def test_edge_widgets(line: str, expected: bool) -> None:
    assert is_edge_widget(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("You May Also Like", True),
        ("Related", True),
        ("Related Stories", True),
        ("More from Example News", True),
        ("Recommended for you", True),
        ("Read next", True),
        ("Most popular", True),
        ("Related companies reported weaker sales in the quarter.", False),
        ("More from the report: demand is expected to double.", False),
    ],
)
def test_teaser_headings(line: str, expected: bool) -> None:
    assert is_teaser_heading(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("READ MORE: Appliance makers face tougher safety rules", True),
        ("Also read: Chip shortage eases for carmakers", True),
        ("Read more about it in our review of the sector.", False),
        ("Related: the firm said sales fell. It gave no reason for the decline.", False),
    ],
)
def test_inline_teasers(line: str, expected: bool) -> None:
    assert is_inline_teaser(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Acme says it plans to enter US market this year or early 2019", True),
        ("Why Copper Prices Keep Rising?", True),
        ("Orrin Energy to buy Calder Wind for 1.2 billion dollars", True),
        ("iPad sales slow in Europe", True),
        ("$1m payoff for former chief", True),
        ("'My years on the road...'", True),
        ("Tested by: Sam Lee Price: 49 Euro", False),
        ("Full results at www.example.org", False),
        ("The company said sales rose.", False),
        ("Sales rose. Profits fell", False),
        ("lowercase start is not a headline", False),
        ("Two words", False),
    ],
)
def test_headline_shape(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


# --- dates ---
@pytest.mark.parametrize(
    ("line", "iso", "rest"),
    [
        ("date 2018-07-04 Text starts here.", "2018-07-04", "Text starts here."),
        ("Published: March 4, 2018", "2018-03-04", ""),
        ("Published on Wednesday, March 4, 2015 at 10:30 a.m. ET", "2015-03-04", ""),
        ("Updated 2018-07-04", "2018-07-04", ""),
        ("Posted on 4 July 2018 by Jane Roe", "2018-07-04", ""),
        ("Posted on 4th of July 2018", "2018-07-04", ""),
        ("Last updated: Sept. 30, 2020 14:05 GMT", "2020-09-30", ""),
        ("Published 2020-01-31T08:15:00Z", "2020-01-31", ""),
    ],
)
def test_date_lines(line: str, iso: str, rest: str) -> None:
    hit = parse_date_line(line, allow_bare=False)
    assert hit is not None
    assert (hit.iso, hit.rest) == (iso, rest)


@pytest.mark.parametrize(
    ("line", "allow_bare", "iso"),
    [
        ("July 4, 2018 | 10:30 AM", True, "2018-07-04"),
        ("July 4, 2018 | 10:30 AM", False, None),
        ("July 4, 2018 was the day the company changed course.", True, None),
        ("Published: February 30, 2018", False, None),  # not a calendar date: never invent
        ("The deal was published on March 4, 2018.", False, None),
        ("In 2018-07 the firm grew.", True, None),
    ],
)
def test_date_lines_refused(line: str, allow_bare: bool, iso: str | None) -> None:
    hit = parse_date_line(line, allow_bare=allow_bare)
    assert (hit.iso if hit else None) == iso


def test_date_in_prose_is_not_the_document_date() -> None:
    text = (
        "Lantern Systems said on Tuesday that revenue grew.\n\n"
        "On March 4, 2018, the company had warned that growth would slow down sharply.\n\n"
        "Published: March 4, 2018 is the title of its old report, a spokesman said later."
    )
    assert clean_plain_text(text).date is None


def test_published_date_beats_updated_date() -> None:
    text = (
        "Updated 2019-06-02\n\nPublished 2019-06-01\n\n"
        "The harbour authority said it would dredge the channel this summer."
    )
    result = clean_plain_text(text)
    assert result.date == "2019-06-01"
    assert "2019" not in result.body


# --- fixtures: whole texts ---
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    want = EXPECTED[name]
    result = clean_plain_text((FIXTURES / name).read_text(encoding="utf-8"))
    paragraphs = result.body.split("\n\n")
    assert result.title == want["title"]
    assert result.date == want["date"]
    assert len(paragraphs) == want["paragraphs"], result.body
    assert paragraphs[0].startswith(want["first"])
    assert paragraphs[-1].endswith(want["last"])
    for gone in want["gone"]:
        assert gone not in result.body, gone
    for kept in want.get("kept", []):
        assert kept in result.body, kept
    assert {reason for _, reason in result.removed} == set(want["reasons"])


def test_nothing_removed_from_clean_prose() -> None:
    text = (FIXTURES / "clean_prose.txt").read_text(encoding="utf-8")
    result = clean_plain_text(text)
    assert result.removed == ()
    assert result.body == "\n\n".join(line for line in text.splitlines() if line.strip())


def test_removed_pieces_add_up_to_the_input() -> None:
    text = (FIXTURES / "verge_style.txt").read_text(encoding="utf-8")
    result = clean_plain_text(text)
    kept = result.body.split("\n\n")
    assert sorted(kept + [part for part, _ in result.removed]) == sorted(split_units(text))


def test_caption_printed_three_times_goes_but_list_labels_stay() -> None:
    caption = "A radio unit on a test mast"
    prose = "Vantor will sell its radios to two regional carriers from next spring, it said."
    title = "Vantor Wins Radio Orders"
    text = "\n\n".join([title, caption, caption, prose, caption, prose.replace("two", "six")])
    result = clean_plain_text(text)
    assert caption not in result.body
    assert [r for _, r in result.removed] == ["title"] + ["caption_repeat"] * 3
    labels = "\n\n".join(f"Step {n % 2}\n\nMix the dough for {n} minutes." for n in range(8))
    assert clean_plain_text(labels).removed == ()


def test_teaser_block_to_the_end_goes_with_blurbs() -> None:
    result = clean_plain_text((FIXTURES / "teaser_tail.txt").read_text(encoding="utf-8"))
    teasers = [part for part, reason in result.removed if reason == "teaser_block"]
    assert len(teasers) == 6
    assert any(part.endswith("feel it most.") for part in teasers)


def test_teaser_heading_followed_by_prose_only_drops_heading() -> None:
    text = (
        "Tessaline said on Monday it would close two plants in the north.\n\n"
        "Related\n\n"
        "The closures will affect about 800 workers, the company said in a statement, and are "
        "expected to be completed by the end of next year after talks with the unions that "
        "represent staff at both sites. The company said it would offer retraining to all "
        "affected employees and help them find jobs at its other factories in the region."
    )
    result = clean_plain_text(text)
    assert result.removed == (("Related", "teaser_block"),)


def test_short_prose_after_mid_text_teaser_is_kept() -> None:
    text = (
        "Tessaline said on Monday it would close two plants in the north of the country.\n\n"
        "Related\n\nUnions call strike at appliance maker\n\n"
        "The closures will affect about 800 workers.\n\n"
        "Talks with unions start next week.\n\n"
        "The company gave no estimate of the cost."
    )
    result = clean_plain_text(text)
    assert "about 800 workers" in result.body
    assert "Unions call strike" not in result.body


# --- title ---
def test_title_hint_drops_repeated_first_line_and_skips_search() -> None:
    text = "Kettle Recall Widens\n\nTessaline widened its kettle recall on Monday to all models."
    result = clean_plain_text(text, title_hint="Kettle recall widens")
    assert result.title == "Kettle recall widens"
    assert result.body == "Tessaline widened its kettle recall on Monday to all models."
    assert result.removed == (("Kettle Recall Widens", "title"),)


def test_title_hint_keeps_a_different_first_line() -> None:
    text = "Chip Maker Beats Forecasts\n\nVantor said quarterly profit doubled on strong demand."
    result = clean_plain_text(text, title_hint="Vantor profit doubles")
    assert result.title == "Vantor profit doubles"
    assert result.body.startswith("Chip Maker Beats Forecasts")


def test_labels_above_the_headline_are_not_the_title() -> None:
    text = (
        "More from Example News\n\nBusiness\n\nVantor Profit Doubles on Chip Demand\n\n"
        "Vantor said quarterly profit doubled as demand for its memory chips surged."
    )
    result = clean_plain_text(text)
    assert result.title == "Vantor Profit Doubles on Chip Demand"
    assert result.body.startswith("Vantor said")
    assert [reason for _, reason in result.removed] == ["widget", "widget", "title"]


def test_headline_alone_without_prose_is_not_a_title() -> None:
    result = clean_plain_text("Markets Close Higher on Friday")
    assert result.title is None
    assert result.body == "Markets Close Higher on Friday"


def test_repeated_title_is_removed_twice() -> None:
    text = (
        "Harbor Mills Names New Chief\n\nHarbor Mills Names New Chief\n\n"
        "The flour miller picked a former logistics executive to lead its turnaround."
    )
    result = clean_plain_text(text)
    assert result.title == "Harbor Mills Names New Chief"
    assert result.body.startswith("The flour miller")


# --- whitespace ---
def test_whitespace_is_collapsed() -> None:
    text = "  First   line\tof prose here.\r\n\r\n\r\n\u00a0Second\u200b line  of prose.  \n"
    result = clean_plain_text(text)
    assert result.body == "First line of prose here.\n\nSecond line of prose."


def test_empty_text() -> None:
    assert clean_plain_text("") == CleanText(None, "", None, ())
    assert clean_plain_text(" \n\n \t\n") == CleanText(None, "", None, ())


# --- template lines across documents ---
FOOTER = "This story was produced by the Example Wire newsroom and may be reprinted with credit."


def _article(n: int) -> str:
    return (
        f"Article {n} opens with its own first sentence about topic number {n}, told at length.\n\n"
        f"Then article {n} adds a second paragraph with details only it has, number {n * 7}.\n\n"
        f"Newsletter\n\n{FOOTER}"
    )


def test_repeated_lines_finds_template_lines() -> None:
    bodies = [_article(n) for n in range(4)] + ["A fifth article with nothing shared at all."]
    assert repeated_lines(bodies, min_docs=3, min_share=0.5) == {"Newsletter", FOOTER}


def test_repeated_lines_respects_thresholds() -> None:
    bodies = [_article(n) for n in range(4)] + [f"Lone article {n}." for n in range(6)]
    assert repeated_lines(bodies, min_docs=3, min_share=0.5) == set()
    assert repeated_lines(bodies, min_docs=5, min_share=0.1) == set()
    assert repeated_lines(bodies, min_docs=3, min_share=0.4) == {"Newsletter", FOOTER}


def test_repeated_lines_ignores_prose_of_duplicate_articles() -> None:
    story = _article(1).replace(f"\n\nNewsletter\n\n{FOOTER}", "")
    bodies = [story, story, story, story + "\n\nA correction was appended."]
    assert repeated_lines(bodies, min_docs=3, min_share=0.5) == set()


def test_repeated_lines_empty() -> None:
    assert repeated_lines([], min_docs=3, min_share=0.5) == set()


def test_drop_lines_keeps_paragraph_separators() -> None:
    body = _article(2)
    cleaned = drop_lines(body, {"Newsletter", FOOTER})
    assert cleaned == body.split("\n\nNewsletter")[0]
    assert drop_lines("One.\n\n  Newsletter  \n\nTwo.", {"Newsletter"}) == "One.\n\nTwo."


# --- the real seed articles (outside the repo) ---
SEED_GONE = (
    "clock menu more-arrow no yes",
    "Filed under:",
    "New, 48 comments",
    "You May Also Like",
    "OnePlus",
    "Pete Lau",
    "Bloomberg",
    "READ MORE",
)
SEED_GONE_LINES = ("Recommend", "Instructions", "All")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds not present")
def test_seed_articles() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    results = {
        p.name[:3]: (p.read_text(encoding="utf-8"), clean_plain_text(p.read_text())) for p in paths
    }
    for key, (raw, result) in results.items():
        lines = result.body.split("\n\n")
        for gone in SEED_GONE:
            assert gone not in result.body, (key, gone)
        for gone in SEED_GONE_LINES:
            assert gone not in lines, (key, gone)
        # A line the raw text repeats (the doubled photo caption) must not survive at all.
        raw_lines = [line.strip() for line in raw.splitlines() if line.strip()]
        for line in {ln for ln in raw_lines if raw_lines.count(ln) > 1}:
            assert line not in lines, (key, line)
        assert result.date == ("2018-07-04" if key == "002" else None), key
        _assert_prose_kept(raw, result)
    assert results["001"][1].title.startswith("Xiaomi says it plans")
    assert results["004"][1].title.startswith("Xiaomi CEO Dismisses")
    for key in ("000", "002", "003"):
        assert results[key][1].title is None, key


def _assert_prose_kept(raw: str, result: CleanText) -> None:
    """The body is exactly the raw text's prose lines (before any teaser heading), in order."""
    article = raw.split("You May Also Like")[0]
    prose = [line.strip() for line in article.splitlines() if len(line.split()) > 25]
    kept = result.body.split("\n\n")
    assert len(kept) == len(prose)
    assert prose[0].endswith(kept[0])  # a date prefix may have been cut from the first line
    assert kept[1:] == prose[1:]
