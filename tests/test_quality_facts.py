"""The gold-set scorer (benchmarks/quality_facts.py): offset mapping, name matching, one-to-one
matching and the metrics, on invented mini articles and hand-written warehouse rows."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "gold"))

import align  # noqa: E402
import factscore as fs  # noqa: E402
import goldio  # noqa: E402
import quality_facts  # noqa: E402

# --- offset mapping ---------------------------------------------------------------------------

FILE_TEXT = (
    "Brenmoor agrees Tollan deal\n\n"
    "Brenmoor Foods has agreed to buy Tollan Dairies for \u00a380m, the firm said on Monday.\n\n"
    "Chief executive Dana Whitlow said the deal would  close in May.  Analysts expect  profits "
    "to rise.\n"
)
TITLE = "Brenmoor agrees Tollan deal"
BODY = (
    "Brenmoor Foods has agreed to buy Tollan Dairies for \u00a380m, the firm said on Monday.\n\n"
    "Chief executive Dana Whitlow said the deal would close in May. Analysts expect profits to "
    "rise."
)


def file_span(text: str, needle: str, ctx: str | None = None) -> tuple[int, int]:
    """File offsets of a unique needle (inside a unique ctx)."""
    span = goldio.locate_span(text, {"text": needle, "ctx": ctx} if ctx else needle, "test")
    return span["start"], span["end"]


@pytest.mark.parametrize(
    ("needle", "ctx", "field", "expected"),
    [
        ("Tollan deal", None, "title", "Tollan deal"),
        ("agreed to buy", None, "body", "agreed to buy"),
        ("would  close in May", None, "body", "would close in May"),
        ("expect  profits", None, "body", "expect profits"),
        ("Brenmoor", "Brenmoor Foods", "body", "Brenmoor"),
    ],
)
def test_offsets_map_onto_title_or_body(needle: str, ctx: str | None, field: str, expected: str):
    omap = align.OffsetMap(FILE_TEXT, TITLE, BODY)
    mapped = omap.span(*file_span(FILE_TEXT, needle, ctx))
    assert mapped is not None and mapped.field == field
    assert omap.text(mapped) == expected
    assert align.same_text(omap.text(mapped), needle)


def test_offsets_survive_decoded_entities_and_dropped_lines():
    file_text = "Caf&#233; chain sold\n\nShare this page\nThe Caf&#233; Lumo chain was sold.\n"
    body = "The Caf\u00e9 Lumo chain was sold."  # entity decoded, template line dropped
    omap = align.OffsetMap(file_text, "Caf\u00e9 chain sold", body)
    assert omap.span(*file_span(file_text, "Share this page")) is None
    mapped = omap.span(*file_span(file_text, "Caf&#233; Lumo"))
    assert omap.text(mapped) == "Caf\u00e9 Lumo"
    assert align.same_text(omap.text(mapped), "Caf&#233; Lumo")
    assert omap.text(omap.span(*file_span(file_text, "was sold"))) == "was sold"
    title_span = omap.span(*file_span(file_text, "chain sold"))
    assert title_span == align.Mapped("title", 5, 15)


def test_same_text_ignores_white_space_only():
    assert align.same_text("said  the\nfirm", "said the firm")
    assert not align.same_text("said the firm", "said the farm")


# --- names and matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Tollan Dairies plc's", "tollan dairies"),
        ("Brenmoor Foods Inc.", "brenmoor foods"),
        ("Kestrel Air\u2019s", "kestrel air"),
        ("Halvards'", "halvards"),
        ("the Competition Board", "competition board"),
        ("AT&T", "at t"),
        ("Co", "co"),  # a legal form alone stays a name
    ],
)
def test_norm_name(name: str, key: str):
    assert align.norm_name(name) == key


@pytest.mark.parametrize(
    ("system", "gold", "ok"),
    [
        (["Moss"], ["Ari Moss"], True),
        (["Mr Moss"], ["Ari Moss"], True),
        (["Ari J Moss"], ["Ari Moss"], False),
        (["Ari"], ["Ari Moss"], False),
        (["Dana Whitlow"], ["Ari Moss"], False),
        (["Kestrel"], ["Kestrel Air", "Kestrel"], True),
    ],
)
def test_speaker_name_ok(system: list[str], gold: list[str], ok: bool):
    assert align.speaker_name_ok(system, gold) is ok


def test_greedy_match_is_one_to_one_and_deterministic():
    cands = [
        align.Candidate((3,), 0, 0),
        align.Candidate((3,), 1, 0),  # same score for gold 1: gold 0 wins by order
        align.Candidate((2,), 1, 1),
        align.Candidate((5,), 2, 1),  # best score first takes system 1
    ]
    assert align.greedy_match(cands) == {2: 1, 0: 0}
    assert align.greedy_match(reversed(cands)) == {2: 1, 0: 0}


def test_locate_cue_prefers_the_occurrence_nearest_the_speaker():
    body = "Profits rose, he said, and the board said nothing."
    he, board = body.index("he"), body.index("the board")
    first, second = body.index("said"), body.rindex("said")
    assert align.locate_cue(body, "said", (0, len(body)), (he, he + 2)) == (first, first + 4)
    assert align.locate_cue(body, "said", (0, len(body)), (board, board + 9)) == (
        second,
        second + 4,
    )
    assert align.locate_cue(body, "said", (0, len(body)), None) == (first, first + 4)
    assert align.locate_cue(body, "denied", (0, len(body)), None) is None


@pytest.mark.parametrize(
    ("gold", "value", "unit", "ok"),
    [
        (None, None, None, True),
        (None, 5.0, "percent", False),
        ({"value": 80e6, "currency": "GBP", "unit": "money"}, 80.5e6, "GBP", True),
        ({"value": 80e6, "currency": "GBP", "unit": "money"}, 80e6, "USD", False),
        ({"value": 80e6, "currency": "GBP", "unit": "money"}, 82e6, "GBP", False),
        ({"value": 20, "currency": None, "unit": "percent"}, 20.0, "percent", True),
        ({"value": 300, "currency": None, "unit": "jobs"}, 300.0, "staff", True),
    ],
)
def test_amount_ok(gold: dict | None, value: float | None, unit: str | None, ok: bool):
    assert fs.amount_ok(gold, value, unit) is ok


def test_amount_ok_reads_the_currency_column_when_unit_is_money():
    gold = {"value": 80e6, "currency": "AUD", "unit": "money"}
    assert fs.amount_ok(gold, 80e6, "money", "AUD")
    assert not fs.amount_ok(gold, 80e6, "money", "USD")
    assert not fs.amount_ok(gold, 80e6, "money", None)


# --- metrics on one invented article ------------------------------------------------------------

DRAFT = {
    "file": "business/900.txt",
    "split": "dev",
    "story": None,
    "companies": [
        {
            "id": "o1",
            "name": "Brenmoor Foods",
            "kind": "company",
            "aliases": ["Brenmoor"],
            "mention": "Brenmoor Foods",
        },
        {
            "id": "o2",
            "name": "Tollan Dairies",
            "kind": "company",
            "aliases": [],
            "mention": "Tollan Dairies",
        },
    ],
    "people": [
        {
            "id": "p1",
            "name": "Dana Whitlow",
            "title": "chief executive",
            "affiliation": "o1",
            "mention": "Dana Whitlow",
        },
    ],
    "claims": [
        {
            "id": "c1",
            "speaker": "the firm",
            "speaker_name": "Brenmoor Foods",
            "speaker_ref": "o1",
            "cue": {"text": "said", "ctx": "firm said"},
            "content": "Brenmoor Foods has agreed",
            "quote": False,
            "stance": "assert",
            "subject": "o1",
        },
        {
            "id": "c2",
            "speaker": "Dana Whitlow",
            "speaker_name": "Dana Whitlow",
            "speaker_ref": "p1",
            "cue": {"text": "said", "ctx": "Whitlow said"},
            "content": "the deal would  close in May",
            "quote": False,
            "stance": "assert",
            "subject": "o1",
        },
        {
            "id": "c3",
            "speaker": "Analysts",
            "speaker_name": None,
            "cue": "expect",
            "content": "profits to rise",
            "quote": False,
            "stance": "hedge",
            "subject": None,
        },
    ],
    "events": [
        {
            "id": "e1",
            "instance": "E1",
            "optional": False,
            "type": "acquisition",
            "status": "planned",
            "trigger": "buy",
            "clause": "Brenmoor Foods has agreed to buy Tollan Dairies for \u00a380m",
            "main_company": "o1",
            "date": None,
            "amount": {"span": "\u00a380m", "value": 80000000, "currency": "GBP", "unit": "money"},
        },
        {
            "id": "e2",
            "instance": "E1",
            "optional": True,
            "type": "acquisition",
            "status": "planned",
            "trigger": {"text": "deal", "ctx": "the deal would"},
            "clause": "the deal would  close in May",
            "main_company": None,
            "date": None,
            "amount": None,
        },
        {
            "id": "e3",
            "instance": "E2",
            "optional": False,
            "type": "financial_result",
            "status": "speculated",
            "trigger": "profits",
            "clause": "Analysts expect  profits to rise",
            "main_company": None,
            "date": None,
            "amount": None,
        },
    ],
    "conflicts": [],
}
NAMES = {
    "co_b": ["Brenmoor Foods", "Brenmoor"],
    "co_t": ["Tollan Dairies plc"],
    "co_m": ["Monday"],
    "pe_d": ["Dana Whitlow", "Ms Whitlow"],
}


def gold_article(tmp_path: Path, draft: dict[str, Any], text: str, title: str, body: str):
    """A GoldArticle built the way the scorer builds one: goldio.locate, then mapped spans."""
    (tmp_path / draft["file"]).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / draft["file"]).write_text(text, encoding="utf-8")
    record = goldio.locate(draft, tmp_path)
    report = fs.SpanReport()
    fs.attach_spans(record, text, align.OffsetMap(text, title, body), report)
    return fs.GoldArticle(draft["file"], draft["split"], draft["story"], record), report


def at_body(needle: str, after: str = "") -> tuple[int, int]:
    """Body offsets of needle (its first occurrence after `after`)."""
    start = BODY.index(needle, BODY.index(after) if after else 0)
    return start, start + len(needle)


def claim_row(cid: str, cue: str, speaker: str, after: str, **fields: Any) -> dict[str, Any]:
    """A claims row whose evidence sentence is the one holding `after`."""
    sentence_start = BODY.rfind("\n", 0, BODY.index(after)) + 1
    speaker_start, speaker_end = at_body(speaker, after)
    row = {
        "claim_id": cid,
        "cue": cue,
        "speaker": speaker,
        "speaker_start": speaker_start,
        "speaker_end": speaker_end,
        "speaker_person_id": None,
        "speaker_company_id": None,
        "subject_company_id": None,
        "stance": "assert",
        "is_quote": False,
        "start_char": sentence_start,
        "end_char": BODY.index(".", BODY.index(after)) + 1,
        "content_start": speaker_end,
        "content_end": speaker_end + 5,
    }
    return row | fields


def event_row(eid: str, kind: str, status: str, trigger: str, after: str = "", **fields: Any):
    """An events row with its trigger at the first `trigger` after `after`."""
    start, end = at_body(trigger, after)
    row = {
        "event_id": eid,
        "event_type": kind,
        "status": status,
        "trigger": trigger,
        "trigger_start": start,
        "trigger_end": end,
        "company_id": None,
        "amount": None,
        "unit": None,
        "date_value": None,
    }
    return row | fields


def system_article() -> fs.SystemArticle:
    """What an invented extractor found in the article: right, wrong and missing rows."""
    return fs.SystemArticle(
        doc_id="d1",
        body=BODY,
        title=TITLE,
        companies=[
            {
                "company_id": "co_b",
                "name": "Brenmoor Foods",
                "kind": "company",
                "aliases": ["Brenmoor"],
            },
            {"company_id": "co_t", "name": "Tollan Dairies plc", "kind": "company", "aliases": []},
            {"company_id": "co_m", "name": "Monday", "kind": "other_org", "aliases": []},
        ],
        people=[
            {
                "person_id": "pe_d",
                "name": "Dana Whitlow",
                "aliases": ["Ms Whitlow"],
                "company_id": "co_b",
            }
        ],
        claims=[
            # right in every field
            claim_row(
                "s1",
                "said",
                "the firm",
                "the firm",
                speaker_company_id="co_b",
                subject_company_id="co_b",
            ),
            # speaker resolved to a surname only (right), stance wrong
            claim_row("s2", "said", "Whitlow", "Chief", subject_company_id="co_b", stance="hedge"),
        ],
        events=[
            # right type, status, company and amount (within 1%)
            event_row(
                "t1", "acquisition", "planned", "buy", company_id="co_b", amount=80.4e6, unit="GBP"
            ),
            # on the optional back-reference: left out of every event metric
            event_row("t2", "acquisition", "occurred", "deal"),
            # in E2's clause with the wrong type: finds E2, but is no precise row
            event_row("t3", "layoffs", "speculated", "rise"),
            # outside every gold clause: a false positive
            event_row("t4", "product_launch", "occurred", "Chief executive"),
        ],
    )


def test_mini_article_metrics(tmp_path: Path):
    gold, report = gold_article(tmp_path, DRAFT, FILE_TEXT, TITLE, BODY)
    assert report.unmapped == [] and report.in_title == 0 and report.total == 19
    system = fs.SystemTables({gold.file: system_article()}, NAMES, {}, {}, [])
    scores, errs = fs.score({gold.file: gold}, system, [])
    got = {name: counts for name, (_, counts) in quality_facts.metrics(scores["dev"]).items()}
    assert got["company_f1"] == "P 2/3, R 2/2"
    assert got["company_kind_accuracy"] == "2/2"
    assert got["person_f1"] == "P 1/1, R 1/1"
    assert got["person_affiliation_accuracy"] == "1/1"
    assert (got["claim_precision"], got["claim_recall"]) == ("2/2", "2/3")
    assert got["claim_speaker_f1"] == "P 2/2, R 2/3"
    assert got["claim_stance_accuracy"] == "1/2"
    assert got["claim_fully_correct_precision"] == "1/2"
    assert (got["event_precision"], got["event_recall"], got["event_recall_typed"]) == (
        "1/3",
        "2/2",
        "1/2",
    )
    assert (got["event_type_accuracy"], got["event_amount_accuracy"]) == ("1/2", "2/2")
    assert got["event_fully_correct_precision"] == "1/3"
    assert (got["event_recall_acquisition"], got["event_recall_financial_result"]) == ("1/1", "1/1")
    assert any("event FP" in line and "Chief executive" in line for line in errs[gold.file])
    assert any("claim MISS" in line and "c3" in line for line in errs[gold.file])


def test_headline_spans_map_to_the_title_and_cannot_match(tmp_path: Path):
    draft = {
        **DRAFT,
        "claims": [],
        "events": [
            {
                "id": "e1",
                "instance": "E1",
                "optional": False,
                "type": "acquisition",
                "status": "planned",
                "trigger": "agrees",
                "clause": "Brenmoor agrees Tollan deal",
                "main_company": "o1",
                "date": None,
                "amount": None,
            }
        ],
    }
    gold, report = gold_article(tmp_path, draft, FILE_TEXT, TITLE, BODY)
    assert report.in_title == 2 and report.unmapped == []
    system = fs.SystemTables({gold.file: system_article()}, NAMES, {}, {}, [])
    scores, _ = fs.score({gold.file: gold}, system, [])
    assert scores["dev"].ratios["event_recall"] == [0, 1]
    # guidelines ruling 1: a headline mention is optional, so it is no longer a miss
    fs.apply_headline_ruling(gold.gold)
    assert gold.gold["events"][0]["optional"] is True
    scores, _ = fs.score({gold.file: gold}, system, [])
    assert scores["dev"].ratios["event_recall"] == [0, 0]


def test_empty_denominators_print_nan():
    scores = fs.Scores()
    scores.add("conflict_precision", 0, 0)
    scores.add_f1("person_f1", 0, 0, 3)
    lines = quality_facts.metric_lines("test", scores)
    assert "test person_f1 nan (P 0/0, R 0/3)" in lines
    assert "test conflict_precision nan (0/0)" in lines
    assert math.isnan(fs.f1(0, 0, 0))


def test_errors_of_the_test_split_are_refused(capsys: pytest.CaptureFixture[str]):
    assert quality_facts.main(["--errors", "test"]) == 2
    assert capsys.readouterr().out.startswith("refused")


# --- across documents ---------------------------------------------------------------------------

STORY_ARTICLES = {
    "business/901.txt": (
        "Kestrel bids for Ostria",
        "Kestrel Air made a bid for Ostria Air on Monday. Halvard Bank said it would not sell "
        "its stake.",
        "deny",
    ),
    "business/902.txt": (
        "Ostria rejects bid",
        "Ostria Air rejected the bid from Kestrel Air. Halvard Bank said it would sell its stake.",
        "assert",
    ),
}
STORY = {
    "story": "kestrel-bid",
    "files": sorted(STORY_ARTICLES),
    "same_event": [["business/901.txt#E1", "business/902.txt#E1"]],
    "same_claim": [],
    "conflicts": [
        {"a": "business/901.txt#c1", "b": "business/902.txt#c1", "relation": "contradiction"}
    ],
}


def story_draft(file: str, body: str, stance: str) -> dict[str, Any]:
    """Gold of one story article: the bid (E1) and Halvard Bank's statement on its stake (c1)."""
    clause = body.split(" on Monday")[0].split(".")[0]
    return {
        "file": file,
        "split": "dev",
        "story": "kestrel-bid",
        "people": [],
        "conflicts": [],
        "companies": [
            {
                "id": "o1",
                "name": "Kestrel Air",
                "kind": "company",
                "aliases": [],
                "mention": {"text": "Kestrel Air", "ctx": clause},
            }
        ],
        "claims": [
            {
                "id": "c1",
                "speaker": "Halvard Bank",
                "speaker_name": "Halvard Bank",
                "cue": "said",
                "content": body.split("said ")[1].rstrip("."),
                "quote": False,
                "stance": stance,
                "subject": None,
            }
        ],
        "events": [
            {
                "id": "e1",
                "instance": "E1",
                "optional": False,
                "type": "acquisition",
                "status": "planned",
                "trigger": {"text": "bid", "ctx": clause},
                "clause": clause,
                "main_company": "o1",
                "date": None,
                "amount": None,
            }
        ],
    }


def story_system(file: str, body: str, stance: str) -> fs.SystemArticle:
    """The bid and the statement as an invented extractor finds them."""
    n = file[-7:-4]
    said = body.index("said")
    return fs.SystemArticle(
        doc_id=n,
        body=body,
        events=[
            {
                "event_id": f"ev{n}",
                "event_type": "acquisition",
                "status": "planned",
                "trigger": "bid",
                "trigger_start": body.index("bid"),
                "trigger_end": body.index("bid") + 3,
                "company_id": None,
                "amount": None,
                "unit": None,
                "date_value": None,
            }
        ],
        claims=[
            {
                "claim_id": f"cl{n}",
                "cue": "said",
                "speaker": "Halvard Bank",
                "speaker_start": said - 13,
                "speaker_end": said - 1,
                "speaker_person_id": None,
                "speaker_company_id": None,
                "subject_company_id": None,
                "stance": stance,
                "is_quote": False,
                "start_char": body.index("Halvard"),
                "end_char": len(body),
                "content_start": said + 5,
                "content_end": len(body) - 1,
            }
        ],
    )


def story_scores(tmp_path: Path, event_groups: dict[str, list[str]], conflicts: list) -> fs.Scores:
    """Dev scores of the two story articles under the given system clusters and conflicts."""
    golds, articles = {}, {}
    for file, (title, body, stance) in STORY_ARTICLES.items():
        text = f"{title}\n\n{body}\n"
        golds[file], _ = gold_article(tmp_path, story_draft(file, body, stance), text, title, body)
        articles[file] = story_system(file, body, stance)
    claim_groups = {"cc901": ["cl901"], "cc902": ["cl902"]}
    system = fs.SystemTables(articles, {}, claim_groups, event_groups, conflicts)
    return fs.score(golds, system, [STORY])[0]["dev"]


def test_corroboration_and_conflicts_counted_on_gold_items(tmp_path: Path):
    linked = story_scores(tmp_path, {"ce1": ["ev901", "ev902"]}, [("claim", "cc901", "cc902")])
    assert linked.ratios["event_corroboration_precision"] == [1, 1]
    assert linked.ratios["event_corroboration_recall"] == [1, 1]
    assert linked.ratios["claim_corroboration_recall_all"] == [0, 0]
    assert linked.ratios["conflict_precision"] == [1, 1]
    assert linked.ratios["conflict_recall"] == [1, 1]
    apart = story_scores(tmp_path, {"ce1": ["ev901"], "ce2": ["ev902"]}, [])
    assert apart.ratios["event_corroboration_precision"] == [0, 0]
    assert apart.ratios["event_corroboration_recall"] == [0, 1]
    assert apart.ratios["conflict_recall"] == [0, 1]
    assert apart.ratios["conflict_precision"] == [0, 0]
