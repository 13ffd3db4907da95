"""Across documents, precisely (issue #18): reports join one canonical event only when every
detail is compatible, and claim_conflicts pairs only opposed positions on one proposition.

Every document, company and figure here is invented. The conflict tests run the real
consolidation (fact_tables) and the real claim_conflicts view over a few hand-made reports.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from consolidate_support import rows

from newsfacts import warehouse
from newsfacts.consolidate.claims import cluster_claims, same_statement
from newsfacts.consolidate.events import amounts_compatible, cluster_events
from newsfacts.consolidate.records import ClaimReport, EventReport, ReportDoc
from newsfacts.consolidate.rows import fact_tables
from newsfacts.consolidate.shared import complete_link_groups
from newsfacts.warehouse.consolidation import write_rows
from newsfacts.warehouse.frames import insert_rows

REPO = Path(__file__).resolve().parents[1]
STORY = {"d1": "st_a", "d2": "st_a", "d3": "st_a", "d4": "st_b"}


def event(event_id: str, doc_id: str, **kw: object) -> EventReport:
    """A report of Brenmoor Foods' event; keywords override any field."""
    fields = {"event_type": "acquisition", "status": "planned", "company_id": "co_brenmoor"}
    return EventReport(event_id, doc_id, **{**fields, "order": (int(doc_id[1]), 0), **kw})


def amount(
    value: float | None, unit: str | None = "money", currency: str | None = None
) -> EventReport:
    """A report whose headline figure is `value`."""
    return event("e0", "d1", amount=value, unit=unit, currency=currency)


def canonical(events: list[EventReport]) -> list[set[str]]:
    """The canonical events as sets of member ids."""
    groups: dict[str, set[str]] = {}
    for event_id, (cid, _) in cluster_events(events, STORY).items():
        groups.setdefault(cid, set()).add(event_id)
    return sorted(groups.values(), key=sorted)


# --- corroboration ---------------------------------------------------------------------------


def test_two_lawsuits_of_one_company_stay_two_even_through_a_vague_report() -> None:
    events = [
        event("e1", "d1", event_type="lawsuit", status="occurred", counterparties=("co_tollan",)),
        event("e2", "d2", event_type="lawsuit", status="occurred"),  # "Brenmoor is suing"
        event("e3", "d3", event_type="lawsuit", status="occurred", counterparties=("co_kestrel",)),
    ]
    groups = canonical(events)
    assert {"e1", "e3"} not in groups and not any({"e1", "e3"} <= g for g in groups)
    assert len(groups) == 2  # the vague report joins one of them, not both


def test_two_results_of_one_company_for_different_years_stay_two() -> None:
    def result(event_id: str, doc_id: str, year: int, amount: float | None) -> EventReport:
        return event(
            event_id,
            doc_id,
            event_type="financial_result",
            status="occurred",
            date_start=date(year, 1, 1),
            date_end=date(year, 12, 31),
            date_granularity="year",
            amount=amount,
            unit="money" if amount else None,
            currency="GBP" if amount else None,
        )

    groups = canonical([result("e1", "d1", 2003, 5e8), result("e2", "d2", 2004, None)])
    assert groups == [{"e1"}, {"e2"}]  # adjacent years: the gap is one day, still two results
    same = canonical([result("e1", "d1", 2004, 5e8), result("e2", "d2", 2004, 5.1e8)])
    assert same == [{"e1", "e2"}]  # one result, rounded differently


def test_two_results_in_the_same_currency_must_agree() -> None:
    events = [
        event("e1", "d1", event_type="financial_result", status="occurred", amount=1.1e9),
        event("e2", "d2", event_type="financial_result", status="occurred", amount=2.4e9),
    ]
    events = [e._replace(unit="money", currency="USD") for e in events]
    assert canonical(events) == [{"e1"}, {"e2"}]


def test_a_first_bid_and_a_raised_bid_are_two_events() -> None:
    first = event("e1", "d1", amount=1.3e9, unit="money", currency="GBP")
    raised = event("e2", "d2", amount=1.5e9, unit="money", currency="GBP", status="speculated")
    assert not amounts_compatible(first, raised)
    assert canonical([first, raised]) == [{"e1"}, {"e2"}]


def test_amounts_in_other_currencies_or_of_other_quantities_are_compatible() -> None:
    pounds = amount(1.35e9, currency="GBP")
    assert amounts_compatible(pounds, amount(2.5e9, currency="USD"))
    assert amounts_compatible(pounds, amount(5.3, currency="GBP"))  # a share
    assert amounts_compatible(pounds, amount(1.3e9, currency="GBP"))
    assert amounts_compatible(pounds, amount(None, unit=None))
    assert amounts_compatible(pounds, amount(500, unit="jobs"))


def test_bids_for_different_targets_never_merge() -> None:
    events = [
        event("e1", "d1", counterparties=("co_tollan",)),
        event("e2", "d2", counterparties=("co_kestrel",)),
        event("e3", "d3", counterparties=("co_tollan",)),
    ]
    assert canonical(events) == [{"e1", "e3"}, {"e2"}]


def test_a_denial_never_merges_with_what_it_denies() -> None:
    events = [event("e1", "d1"), event("e2", "d2", status="denied")]
    assert canonical(events) == [{"e1"}, {"e2"}]


def test_complete_link_groups_merge_only_compatible_groups_in_the_order_given() -> None:
    clash = {frozenset(("a", "c"))}
    groups = complete_link_groups(
        "abc", [("a", "b"), ("b", "c")], lambda x, y: frozenset((x, y)) not in clash
    )
    assert sorted(map(sorted, groups)) == [["a", "b"], ["c"]]


def test_statements_sharing_only_names_are_not_one_statement() -> None:
    def claim(claim_id: str, doc_id: str, content: str) -> ClaimReport:
        return ClaimReport(
            claim_id,
            doc_id,
            speaker="Ms Ruud",
            content=content,
            stance="assert",
            speaker_person_id="pe_ruud",
            order=(int(doc_id[1]), 0),
        )

    a = claim("c1", "d1", "I see no difference from Mr Hal Brenmoor's previous proposals")
    b = claim("c2", "d2", "it would let Mr Hal Brenmoor study the books before any proposal")
    assert same_statement(a, b) is None
    c = claim("c3", "d3", "she saw no difference from the previous proposals of Mr Brenmoor")
    assert same_statement(a, c) == "paraphrase"
    canon = cluster_claims([a, b, c], STORY)
    assert canon["c1"][0] == canon["c3"][0] != canon["c2"][0]


# --- conflicts -------------------------------------------------------------------------------


class Corpus:
    """Invented documents' events and statements, consolidated into a fresh warehouse."""

    def __init__(self, stories: dict[str, str] | None = None) -> None:
        self.events: list[EventReport] = []
        self.claims: list[ClaimReport] = []
        self.docs: dict[str, ReportDoc] = {}
        self.stories = stories or {}  # doc_id -> story_id; one story ("st_one") by default

    def doc(self, doc_id: str) -> None:
        self.docs.setdefault(doc_id, ReportDoc(doc_id, title=doc_id, order=int(doc_id[1:])))

    def add_event(
        self, event_id: str, doc_id: str, sentence: str, at: int = 0, **kw: object
    ) -> None:
        self.doc(doc_id)
        self.events.append(
            event(
                event_id,
                doc_id,
                sentence=sentence,
                start_char=at,
                order=(int(doc_id[1:]), at),
                **kw,
            )
        )

    def add_claim(
        self, claim_id: str, doc_id: str, content: str, at: int = 0, **kw: object
    ) -> None:
        self.doc(doc_id)
        self.claims.append(
            ClaimReport(
                claim_id,
                doc_id,
                speaker=kw.get("speaker", "a spokesman"),
                content=content,
                stance=kw.get("stance", "assert"),
                speaker_company_id=kw.get("speaker_company_id"),
                subject_company_id=kw.get("subject_company_id"),
                event_id=kw.get("event_id"),
                start_char=at,
                sentence=content,
            )
        )

    def conflicts(self, tmp_path: Path) -> list[dict]:
        con = duckdb.connect(str(tmp_path / "w.duckdb"))
        warehouse.apply_ddl(con)
        story_of = {doc_id: self.stories.get(doc_id, "st_one") for doc_id in self.docs}
        tables = fact_tables(
            self.claims, self.events, self.docs, dict.fromkeys(self.docs), story_of
        )
        for table, found in tables.items():
            write_rows(con, table, found)
        insert_rows(con, "events", [self._event_row(e) for e in self.events])
        insert_rows(con, "claims", [self._claim_row(c) for c in self.claims])
        return rows(con, "SELECT * FROM claim_conflicts ORDER BY kind, a_id, b_id")

    @staticmethod
    def _event_row(e: EventReport) -> dict:
        keep = ("event_id", "doc_id", "event_type", "status", "company_id", "start_char")
        return {
            **{k: getattr(e, k) for k in keep},
            "trigger": "x",
            "trigger_start": e.start_char,
            "trigger_end": e.start_char + 1,
            "end_char": e.start_char + len(e.sentence),
            "confidence": 1.0,
            "extractor_version": "test",
        }

    @staticmethod
    def _claim_row(c: ClaimReport) -> dict:
        keep = ("claim_id", "doc_id", "speaker", "content", "stance", "start_char")
        return {
            **{k: getattr(c, k) for k in keep},
            "cue": "said",
            "is_quote": False,
            "end_char": c.start_char + len(c.sentence),
            "content_start": c.start_char,
            "content_end": c.start_char + len(c.sentence),
            "confidence": 1.0,
            "extractor_version": "test",
            "rule": "test",
        }


def test_a_rumour_and_the_bidders_denial_in_another_document_conflict(tmp_path: Path) -> None:
    corpus = Corpus()
    corpus.add_event(
        "e1",
        "d1",
        "Brenmoor is said to be in talks to buy Tollan.",
        status="speculated",
        counterparties=("co_tollan",),
    )
    corpus.add_event(
        "e2",
        "d2",
        "Brenmoor denied it was in talks to buy Tollan.",
        status="denied",
        counterparties=("co_tollan",),
    )
    found = corpus.conflicts(tmp_path)
    assert [(c["kind"], c["company_id"], c["relation"]) for c in found] == [
        ("event", "co_brenmoor", "contradiction")
    ]


def test_a_takeover_against_the_targets_rejection_of_a_different_bid(tmp_path: Path) -> None:
    corpus = Corpus()
    # Kestrel's takeover of Tollan, and Tollan rejecting Brenmoor's bid (a statement of it)
    corpus.add_event(
        "e1",
        "d1",
        "Kestrel will take over Tollan.",
        company_id="co_kestrel",
        counterparties=("co_tollan",),
    )
    corpus.add_event(
        "e2", "d2", "Tollan rejected a bid from Brenmoor.", counterparties=("co_tollan",)
    )
    corpus.add_claim(
        "c1",
        "d2",
        "a bid from Brenmoor",
        stance="deny",
        speaker="Tollan",
        speaker_company_id="co_tollan",
        subject_company_id="co_brenmoor",
        event_id="e2",
    )
    corpus.add_claim(
        "c2",
        "d1",
        "the takeover by Kestrel would go ahead",
        speaker="Kestrel",
        speaker_company_id="co_kestrel",
        event_id="e1",
    )
    assert corpus.conflicts(tmp_path) == []


def test_one_companys_approach_against_another_companys_rejection(tmp_path: Path) -> None:
    corpus = Corpus()
    corpus.add_event(
        "e1",
        "d1",
        "Kestrel has approached Tollan.",
        status="speculated",
        company_id="co_kestrel",
        counterparties=("co_tollan",),
    )
    corpus.add_event(
        "e2",
        "d2",
        "Brenmoor said it had no plans to buy Tollan.",
        status="denied",
        counterparties=("co_tollan",),
    )
    # the denial is stated by a Kestrel adviser: Kestrel is among the event's companies
    corpus.add_claim(
        "c1",
        "d2",
        "Brenmoor had no plans to buy Tollan",
        stance="deny",
        speaker_company_id="co_kestrel",
        event_id="e2",
    )
    assert corpus.conflicts(tmp_path) == []


def test_a_sentence_never_conflicts_with_itself(tmp_path: Path) -> None:
    corpus = Corpus()
    sentence = "Brenmoor, said to be eyeing Tollan, denied it would bid."
    corpus.add_event("e1", "d1", sentence, status="speculated", counterparties=("co_tollan",))
    corpus.add_event("e2", "d1", sentence, status="denied", counterparties=("co_tollan",))
    assert corpus.conflicts(tmp_path) == []


def test_a_plan_and_its_denial_for_another_target_do_not_conflict(tmp_path: Path) -> None:
    corpus = Corpus()
    corpus.add_event("e1", "d1", "Brenmoor plans to buy Tollan.", counterparties=("co_tollan",))
    corpus.add_event(
        "e2",
        "d2",
        "Brenmoor has no plans to buy Kestrel.",
        status="denied",
        counterparties=("co_kestrel",),
    )
    assert corpus.conflicts(tmp_path) == []


def test_a_deal_that_collapses_after_talks_is_an_update(tmp_path: Path) -> None:
    corpus = Corpus()
    corpus.add_event(
        "e1",
        "d1",
        "Brenmoor is in talks to buy Tollan.",
        status="speculated",
        counterparties=("co_tollan",),
    )
    corpus.add_event(
        "e2",
        "d2",
        "Brenmoor's talks with Tollan collapsed.",
        event_type="deal_cancelled",
        status="occurred",
        counterparties=("co_tollan",),
    )
    found = corpus.conflicts(tmp_path)
    assert [(c["topic"], c["relation"], c["b_position"]) for c in found] == [
        ("acquisition", "update", "occurred")
    ]


def test_the_self_pair_expectation_flags_a_sentence_against_itself(tmp_path: Path) -> None:
    """The GX check of claim_conflicts (expectations/claim_conflicts.json) against self-pairs."""
    suite = json.loads((REPO / "expectations" / "claim_conflicts.json").read_text())
    query = next(
        e["kwargs"]["unexpected_rows_query"]
        for e in suite["expectations"]
        if e["kwargs"].get("description", "").startswith("no self-pairs")
    )
    corpus = Corpus()
    sentence = "Brenmoor, said to be eyeing Tollan, denied it would bid."
    corpus.add_event("e1", "d1", sentence, status="speculated", counterparties=("co_tollan",))
    corpus.add_event("e2", "d1", sentence, status="denied", counterparties=("co_tollan",))
    corpus.add_event(
        "e3", "d2", "Kestrel is eyeing Tollan.", status="speculated", company_id="co_kestrel"
    )
    corpus.conflicts(tmp_path)  # builds the warehouse
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ids = {
        r["event_id"]: r["canonical_event_id"] for r in rows(con, "SELECT * FROM event_clusters")
    }
    con.execute(
        "CREATE TABLE bad AS SELECT * FROM (VALUES (?, ?), (?, ?), (?, ?)) t(a_id, b_id)",
        [ids["e1"], ids["e2"], ids["e1"], ids["e1"], ids["e3"], ids["e2"]],
    )
    flagged = con.execute(query.replace("{batch}", "bad")).fetchall()
    assert sorted(flagged) == sorted([(ids["e1"], ids["e2"]), (ids["e1"], ids["e1"])])


@pytest.mark.parametrize("status", ["planned", "speculated"])
def test_a_plan_or_rumour_and_a_later_denial_pair_across_documents(
    tmp_path: Path, status: str
) -> None:
    corpus = Corpus()
    corpus.add_event(
        "e1", "d1", "Brenmoor will enter Ostria.", status=status, event_type="market_entry"
    )
    corpus.add_event(
        "e2", "d2", "Brenmoor has no plans for Ostria.", status="denied", event_type="market_entry"
    )
    found = corpus.conflicts(tmp_path)
    assert [(c["a_position"], c["b_position"]) for c in found] == [(status, "denied")]


@pytest.mark.parametrize(
    ("event_type", "plan", "denial"),
    [
        (
            "financial_result",
            "Brenmoor expects its profits to rise next year.",
            "Brenmoor rejected calls for a windfall tax on its profits.",
        ),
        (
            "product_launch",
            "Brenmoor will launch its console in Ostria in May.",
            "Brenmoor has no plans to sell the console's adapter outside Ostria.",
        ),
    ],
)
def test_results_and_launches_have_no_denial_conflicts(
    tmp_path: Path, event_type: str, plan: str, denial: str
) -> None:
    """A forecast is no plan a party denies, and a launch denial may be of another product."""
    corpus = Corpus()
    corpus.add_event("e1", "d1", plan, status="speculated", event_type=event_type)
    corpus.add_event("e2", "d2", denial, status="denied", event_type=event_type)
    assert corpus.conflicts(tmp_path) == []


def test_a_rumour_and_a_denial_in_different_stories_do_not_conflict(tmp_path: Path) -> None:
    """A denial answers a report of its own story, not a plan of another season."""
    corpus = Corpus(stories={"d1": "st_spring", "d2": "st_autumn"})
    corpus.add_event("e1", "d1", "Brenmoor will enter Ostria.", event_type="market_entry")
    corpus.add_event(
        "e2", "d2", "Brenmoor has no plans for Ostria.", status="denied", event_type="market_entry"
    )
    assert corpus.conflicts(tmp_path) == []
