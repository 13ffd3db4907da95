"""Conflict kinds beyond a stated denial (issue #18): a party denying by name a rumour another
speaker states, and two speakers of one story counting the same thing far apart.

Every document, company, person and figure here is invented. The tests run the real
consolidation and the real claim_conflicts view (the Corpus of tests/test_across_documents.py,
with each event's trigger word kept).
"""

from __future__ import annotations

from pathlib import Path

from test_across_documents import Corpus, EventReport


class TriggerCorpus(Corpus):
    """A Corpus whose events keep the word they were found by (the view compares it)."""

    def __init__(self, stories: dict[str, str] | None = None) -> None:
        super().__init__(stories)
        self.triggers: dict[str, str] = {}

    def add_trigger_event(self, event_id: str, doc_id: str, sentence: str, trigger: str, **kw):
        """An event found by `trigger` in `sentence`."""
        self.triggers[event_id] = trigger
        self.add_event(event_id, doc_id, sentence, **kw)

    def _event_row(self, e: EventReport) -> dict:  # type: ignore[override]
        return {**super()._event_row(e), "trigger": self.triggers.get(e.event_id, "x")}


def rumour(corpus: TriggerCorpus, doc_id: str = "d1") -> None:
    """Analysts' rumour that Brenmoor is linked to Tollan, stated as a claim of that event."""
    corpus.add_trigger_event(
        "e1",
        doc_id,
        "Brenmoor may be linked to Tollan, analysts said.",
        "linked to",
        event_type="partnership",
        status="speculated",
        company_id=None,
        counterparties=("co_brenmoor", "co_tollan"),
    )
    corpus.add_claim(
        "c1",
        doc_id,
        "Brenmoor may be linked to Tollan",
        stance="hedge",
        speaker="analysts",
        event_id="e1",
    )


def test_a_party_denying_a_rumour_by_name_conflicts(tmp_path: Path) -> None:
    corpus = TriggerCorpus()
    rumour(corpus)
    corpus.add_claim(
        "c2",
        "d1",
        "it is not linked to Brenmoor in any way",
        at=80,
        stance="deny",
        speaker="Tollan",
        speaker_company_id="co_tollan",
    )
    found = corpus.conflicts(tmp_path)
    assert [(c["basis"], c["company_id"], c["relation"]) for c in found] == [
        ("named denial", "co_tollan", "contradiction")
    ]


def test_a_denial_of_something_else_by_a_party_does_not_conflict(tmp_path: Path) -> None:
    corpus = TriggerCorpus()
    rumour(corpus)
    corpus.add_claim(
        "c2",
        "d1",
        "it had broken no rules",
        at=80,
        stance="deny",
        speaker="Tollan",
        speaker_company_id="co_tollan",
    )
    assert corpus.conflicts(tmp_path) == []


def test_a_denial_naming_the_rumour_by_an_outsider_does_not_conflict(tmp_path: Path) -> None:
    corpus = TriggerCorpus()
    rumour(corpus)
    corpus.add_claim(
        "c2",
        "d1",
        "Kestrel is not linked to Tollan",
        at=80,
        stance="deny",
        speaker="Kestrel",
        speaker_company_id="co_kestrel",
    )
    assert corpus.conflicts(tmp_path) == []


def test_a_named_denial_in_another_story_does_not_conflict(tmp_path: Path) -> None:
    corpus = TriggerCorpus({"d1": "st_a", "d2": "st_b"})
    rumour(corpus)
    corpus.add_claim(
        "c2",
        "d2",
        "it is not linked to Brenmoor",
        stance="deny",
        speaker="Tollan",
        speaker_company_id="co_tollan",
    )
    assert corpus.conflicts(tmp_path) == []


def count_claims(corpus: Corpus, figures: list[tuple[str, str, str]]) -> None:
    """Statements (claim id, speaker, content) of d1, one after the other."""
    for i, (claim_id, speaker, content) in enumerate(figures):
        corpus.add_claim(
            claim_id,
            "d1",
            content,
            at=100 * i,
            speaker=speaker,
            subject_company_id="co_ostria_state",
        )


def test_two_speakers_counting_firms_far_apart_conflict_once(tmp_path: Path) -> None:
    corpus = Corpus()
    count_claims(
        corpus,
        [
            ("c1", "Ms Varga", "the state was planning to take back 2,000 firms"),
            ("c2", "Ms Varga", "officials had drawn up a list of more than 2,000 businesses"),
            ("c3", "Mr Orlov", "only 20 to 30 large companies would be examined"),
        ],
    )
    found = corpus.conflicts(tmp_path)
    assert [(c["basis"], c["relation"]) for c in found] == [("figures", "contradiction")]
    # one row for the two speakers: the statements nearest each other
    assert "2,000 businesses" in found[0]["a_evidence"] and "20 to 30" in found[0]["b_evidence"]


def test_a_vague_plural_is_a_count(tmp_path: Path) -> None:
    corpus = Corpus()
    count_claims(
        corpus,
        [
            ("c1", "Ms Varga", "as many as 2,000 firms may face a review"),
            ("c2", "Mr Orlov", 'any review would cover "dozens of companies"'),
        ],
    )
    assert [c["basis"] for c in corpus.conflicts(tmp_path)] == ["figures"]


def test_close_counts_or_different_things_do_not_conflict(tmp_path: Path) -> None:
    corpus = Corpus()
    count_claims(
        corpus,
        [
            ("c1", "Ms Varga", "about 300 jobs would go at the plant"),
            ("c2", "Mr Orlov", "fewer than 250 jobs were at risk"),  # within rounding
            ("c3", "Mr Orlov", "the plant employs 4,000 staff"),  # staff, not jobs
        ],
    )
    assert corpus.conflicts(tmp_path) == []


def test_one_speakers_two_counts_do_not_conflict(tmp_path: Path) -> None:
    corpus = Corpus()
    count_claims(
        corpus,
        [
            ("c1", "Ms Varga", "2,000 firms had been sold cheaply"),
            ("c2", "Ms Varga", "the first 20 firms would be examined in March"),
        ],
    )
    assert corpus.conflicts(tmp_path) == []
