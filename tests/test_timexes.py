"""Tests for newsfacts.extract.timexes: detection, TIMEX3 values, anchoring and false positives."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.extract.timexes import find_timexes, timex_bounds

PUBLISHED = dt.date(2018, 7, 4)  # a Wednesday


def _by_text(body: str, published: dt.date | None = PUBLISHED) -> dict[str, tuple[str, str | None]]:
    found = find_timexes(body, published)
    for t in found:
        assert body[t.start : t.end] == t.text
    return {t.text: (t.type, t.value) for t in found}


def test_golden_case_late_last_year_and_march_this_year() -> None:
    body = (
        "The scooter start-up started operations in Spain late last year and partnered with a "
        "local firm in March this year."
    )
    found = _by_text(body)
    assert found["late last year"] == ("DATE", "2017")
    assert found["March this year"] == ("DATE", "2018-03")
    assert "in March this year" not in found  # TIMEX3 spans exclude prepositions


@pytest.mark.parametrize(
    ("body", "text", "typ", "value"),
    [
        ("Sales doubled in 2015, the filing shows.", "2015", "DATE", "2015"),
        ("The plant opens in December 2025, the firm said.", "December 2025", "DATE", "2025-12"),
        ("Results for the first quarter of 2018 beat forecasts.", "the first quarter of 2018",
         "DATE", "2018-Q1"),
        ("Deliveries slowed in Q4 2018 across Europe.", "Q4 2018", "DATE", "2018-Q4"),
        ("Margins improved in the second half of 2018.", "the second half of 2018", "DATE",
         "2018-H2"),
        ("The phone goes on sale on January 10, 2019 in Paris.", "January 10, 2019", "DATE",
         "2019-01-10"),
        ("It has sold phones for seven years now.", "seven years", "DURATION", "P7Y"),
        ("The trial lasted three months.", "three months", "DURATION", "P3M"),
        ("Profit fell over the past two years.", "the past two years", "DURATION", "P2Y"),
        ("Prices peaked in the 1990s before falling.", "the 1990s", "DATE", "199"),
        ("Revenue for fiscal 2019 rose 4%.", "fiscal 2019", "DATE", "2019"),
        ("The company pays a dividend annually.", "annually", "SET", "P1Y"),
        ("The index is updated every week by the agency.", "every week", "SET", "P1W"),
        ("It plans to list shares in early 2019.", "early 2019", "DATE", "2019"),
        ("The deal should close by end 2018.", "end 2018", "DATE", "2018"),
    ],
)  # fmt: skip
def test_absolute_expressions(body: str, text: str, typ: str, value: str) -> None:
    assert _by_text(body)[text] == (typ, value)


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        ("The company said yesterday it would expand.", "yesterday", "2018-07-03"),
        ("Shares rose today in Hong Kong.", "today", "2018-07-04"),
        ("The regulator approved the merger on Monday.", "Monday", "2018-07-02"),
        ("The chief executive will speak on Friday in Berlin.", "Friday", "2018-07-06"),
        ("The chain opened 40 stores last year.", "last year", "2017"),
        ("It expects to break even next year.", "next year", "2019"),
        ("Sales have grown this year.", "this year", "2018"),
        ("The firm first raised money back in November.", "November", "2017-11"),
        ("It launched the handset in April.", "April", "2018-04"),
        ("The device will go on sale in April.", "April", "2019-04"),
        ("A year ago the shares traded higher.", "A year ago", "2017"),
        ("Two weeks ago the board met in private.", "Two weeks ago", "2018-W25"),
        ("Demand should pick up in the second half of the year.",
         "the second half of the year", "2018-H2"),
        ("The firm is now the third-largest vendor.", "now", "PRESENT_REF"),
        ("It currently employs 300 people.", "currently", "PRESENT_REF"),
        ("The brand was recently relaunched.", "recently", "PAST_REF"),
        ("Earnings in the third quarter fell 5%.", "the third quarter", "2018-Q3"),
        ("Orders slowed last month, the survey found.", "last month", "2018-06"),
    ],
)  # fmt: skip
def test_relative_expressions_resolved_against_publication_date(
    body: str, text: str, value: str
) -> None:
    found = find_timexes(body, PUBLISHED)
    match = [t for t in found if t.text == text]
    assert match, f"{text!r} not found in {[t.text for t in found]}"
    assert match[0].value == value
    assert match[0].anchored is True


@pytest.mark.parametrize(
    "body",
    [
        "It started operations late last year and expanded in March this year.",
        "The company said on Tuesday it would hire 200 engineers.",
        "Shares rose yesterday and are up 10% this year.",
        "The firm is currently the market leader, as it was a year ago.",
    ],
)
def test_unknown_publication_date_leaves_relatives_unresolved(body: str) -> None:
    found = find_timexes(body, None)
    assert found, "relative expressions are still detected"
    assert all(t.value is None and t.anchored is False for t in found)


def test_unknown_publication_date_still_normalizes_absolutes() -> None:
    found = find_timexes("The merger closed on March 5, 2018 after a review in 2017.", None)
    assert [(t.text, t.value, t.anchored) for t in found] == [
        ("March 5, 2018", "2018-03-05", False),
        ("2017", "2017", False),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The company shipped 10,000 units to retailers.",
        "The government pledged $100 billion for roads.",
        "Revenue jumped 125 percent from the year-ago level of 30.3 percent growth.",
        "The Mate 10 sold well among business users.",
        "The vendor may release a cheaper model soon.",
        "Thousands of workers march through the capital each spring to protest.",
        "It ranked second and third in two surveys.",
        "The model number 2018 is printed on the box.",
        "The plant employs 2000 workers in the region.",
    ],
)
def test_false_positives(body: str) -> None:
    texts = [t.text for t in find_timexes(body, PUBLISHED)]
    assert not [t for t in texts if t not in ("each spring", "the year-ago", "soon")], texts


def test_modal_may_is_not_a_month_but_month_may_is() -> None:
    assert find_timexes("The carrier may raise prices.", PUBLISHED) == []
    found = find_timexes("The carrier raised prices in May.", PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("May", "2018-05")]


def test_offsets_are_end_exclusive_into_the_body() -> None:
    body = "Line one.\n\nOn Tuesday, 4 July 2018, at 10:30 a.m., the firm opened."
    for t in find_timexes(body, PUBLISHED):
        assert body[t.start : t.end] == t.text
        assert 0 <= t.start < t.end <= len(body)


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2018-Q4", ("2018-10-01", "2018-12-31", "quarter")),
        ("2018-H2", ("2018-07-01", "2018-12-31", "half")),
        ("2018", ("2018-01-01", "2018-12-31", "year")),
        ("2018-02", ("2018-02-01", "2018-02-28", "month")),
        ("2019-01-10", ("2019-01-10", "2019-01-10", "day")),
        ("2019-01-10T10:30", ("2019-01-10", "2019-01-10", "day")),
        ("2018-W05", ("2018-01-29", "2018-02-04", None)),
        ("199", ("1990-01-01", "1999-12-31", None)),
        ("PRESENT_REF", (None, None, None)),
        ("P7Y", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_timex_bounds(value: str | None, bounds: tuple[str | None, ...]) -> None:
    assert timex_bounds(value) == bounds


def test_year_ago_follows_the_quarter_in_focus() -> None:
    body = "Net income in the second quarter rose 12% from a year ago."
    values = {t.text: t.value for t in find_timexes(body, PUBLISHED)}
    assert values == {"the second quarter": "2018-Q2", "a year ago": "2017-Q2"}


_GATE_TEXTS = [
    "Shares rose 4% on Tuesday morning, three days after the firm's fiscal 2019 first quarter "
    "results, and 12 years ago it listed in New York.",
    "The outlet in Eastern Europe reopened after Easter 2017; at noon on Friday, 5 p.m. EST and "
    "in the 1990s it traded every two weeks.",
    "In the year-earlier quarter, revenue for the same period of a year ago fell. Sales in "
    "Q3 2018 and H1 2019, on 2018-03-05 and 3/5/2018, were up. FY18 was strong; the 21st century.",
    "Recently, currently and in the near future, these days, last spring, the past five years, "
    "the end of the year, yesterday afternoon and over the weekend.\nJan. 5 and 5 January 2020.",
    "Nothing here at all besides the word Afternoonish and Noonan Partners and Eastern Air.",
]


@pytest.mark.parametrize("body", _GATE_TEXTS)
def test_trigger_windows_find_what_a_full_scan_finds(body: str) -> None:
    from newsfacts.extract.timexes import _candidates

    def spans(gated: bool) -> list[tuple[int, int, int]]:
        return sorted((s, e, i) for s, e, i, _m in _candidates(body, gated=gated))

    assert spans(True) == spans(False)
    assert spans(True) or body.startswith("Nothing")


def test_holiday_and_noon_need_a_word_boundary() -> None:
    found = _by_text("Eastern lenders and Noonan Partners agreed at noon on Easter Sunday.")
    assert "Easter" not in found and "Noon" not in found
    assert found["noon"][0] == "TIME" and found["Easter Sunday"][0] == "DATE"


@pytest.mark.parametrize(
    ("body", "published", "text", "value"),
    [
        # no tense cue: the occurrence nearest the publication date
        ("Rescued on Nov. 25 by fishermen, the boy recovered.", dt.date(2000, 1, 7), "Nov. 25",
         "1999-11-25"),
        ("A hearing on Feb. 10 in Washington.", dt.date(2000, 1, 7), "Feb. 10", "2000-02-10"),
        ("Revisions to December figures.", dt.date(1998, 2, 6), "December", "1997-12"),
        # a tense cue wins only when the nearest reading lies far on its wrong side
        ("The redemption was set for Dec. 7, the firm said.", dt.date(1989, 10, 30), "Dec. 7",
         "1989-12-07"),
        ("The device will go on sale in April.", dt.date(2018, 7, 4), "April", "2019-04"),
        ("Sales fell in September, it said.", dt.date(2018, 3, 4), "September", "2017-09"),
    ],
)  # fmt: skip
def test_dates_without_year_take_the_nearest_occurrence(
    body: str, published: dt.date, text: str, value: str
) -> None:
    assert _by_text(body, published)[text][1] == value


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        ("She waited about 5 1/2 hours in the lobby.", "about 5 1/2 hours", "PT5H30M"),
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("A minute and a half later, it landed.", "A minute and a half", "PT1M30S"),
        ("The plan runs for a year and a half.", "a year and a half", "P1Y6M"),
        ("Growth will stay slow for a couple of years.", "a couple of years", "P2Y"),
        ("Prices will rise over the next couple of years.", "the next couple of years", "P2Y"),
    ],
)
def test_halves_and_couples_in_durations(body: str, text: str, value: str) -> None:
    assert _by_text(body)[text] == ("DURATION", value)


@pytest.mark.parametrize(
    ("body", "text", "value"),
    [
        ("In nineteen ninety-one the lender collapsed.", "nineteen ninety-one", "1991"),
        ("January nineteen ninety-seven. Another blast.", "January nineteen ninety-seven",
         "1997-01"),
        ("The goal is full employment by the year two thousand.", "the year two thousand",
         "2000"),
        ("The plant closed in two thousand and three.", "two thousand and three", "2003"),
    ],
)  # fmt: skip
def test_years_written_in_words(body: str, text: str, value: str) -> None:
    assert _by_text(body)[text] == ("DATE", value)


def test_counts_in_words_are_not_years() -> None:
    assert _by_text("Some two thousand protesters and nineteen twenty people marched.") == {}


def test_clock_time_takes_the_date_written_after_it() -> None:
    found = _by_text(
        "The offer expires at 5 p.m. EST, Nov. 6, the bank said.", dt.date(1989, 10, 30)
    )
    assert found["5 p.m. EST, Nov. 6"] == ("TIME", "1989-11-06T17:00")


def test_recent_years_is_a_vague_duration_and_now_comma_is_a_discourse_marker() -> None:
    body = "Now, in recent years, sales have slowed. Now the firm is for sale."
    found = find_timexes(body, PUBLISHED)
    assert [(t.text, t.value) for t in found] == [
        ("recent years", "PXY"),
        ("Now", "PRESENT_REF"),
    ]
    assert found[1].start == body.index("Now the")


def test_the_past_year_is_last_year_and_the_following_year_counts_from_the_year_in_focus() -> None:
    body = (
        "Hate groups grew over the past year. In 1995 he was promoted; the following year he left."
    )
    found = _by_text(body, dt.date(1998, 3, 3))
    assert found["the past year"] == ("DATE", "1997")
    assert found["the following year"] == ("DATE", "1996")


def test_quarter_of_an_amount_is_the_quarter() -> None:
    found = _by_text(
        "Harlow posted a loss for the third quarter of $26.3 million.", dt.date(2018, 10, 26)
    )
    assert found["the third quarter"] == ("DATE", "2018-Q3")
    assert "the third quarter" not in _by_text("Harlow sold a quarter of its stake.")


def test_reporting_verb_after_a_weekday_does_not_make_it_past() -> None:
    # PUBLISHED is a Wednesday: the ferry leaves the coming Friday, the report itself is past
    found = _by_text(
        '"The ferry will sail for the islands with its crew at 6 a.m. Friday," he said.'
    )
    assert found["6 a.m. Friday"] == ("TIME", "2018-07-06T06:00")
    # before the expression the reporting verb still dates it: the statement came last Friday
    found = _by_text("The harbour master said Friday that the ferries will sail again.")
    assert found["Friday"] == ("DATE", "2018-06-29")


def test_passive_participle_is_not_a_past_cue() -> None:
    # "will be named" is future: the December after a March publication date
    found = _by_text(
        "The captain will be named to command the research vessel on a voyage in December.",
        dt.date(2019, 3, 6),
    )
    assert found["December"] == ("DATE", "2019-12")


def test_by_is_a_future_cue_only_right_before_the_expression() -> None:
    published = dt.date(2019, 4, 17)
    # "by" as the passive agent says nothing of tense: the nearest December, the one before
    found = _by_text(
        "Stopped by highway patrol officers in December for speeding, he resigned.", published
    )
    assert found["December"] == ("DATE", "2018-12")
    # "by" right before a month is a deadline, even after past cues: the next August
    found = _by_text(
        "The airline said it had agreed to have the new routes flying by August.",
        dt.date(2019, 11, 20),
    )
    assert found["August"] == ("DATE", "2020-08")


def test_the_following_month_counts_from_the_month_in_focus() -> None:
    body = "The merger talks collapsed in March. The following month, the board hired new advisers."
    found = _by_text(body, dt.date(2019, 10, 25))
    assert found["March"] == ("DATE", "2019-03")
    assert found["The following month"] == ("DATE", "2019-04")
    # with no month in focus it counts from the publication date
    assert _by_text("Prices rise the following month.", dt.date(2019, 10, 25))[
        "the following month"
    ] == ("DATE", "2019-11")
