"""Cue readings that attribute nothing (newsfacts.extract.claim_filters), on invented sentences.

Every text here is written by the team. Each rejected phrase has a kept twin next to it, so a
rule that drops too much fails as surely as one that drops too little.
"""

from __future__ import annotations

import pytest
from claims_events_support import claims_of

from newsfacts.extract.model import Claim

spacy = pytest.importorskip("spacy")

_TOLLAN = {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]}
_LEDGER = {"key": "daily ledger", "surfaces": ["Daily Ledger"], "kind": "media"}
_BRENMOOR = {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]}


def _claims(body: str, people: list[dict] = ()) -> list[Claim]:
    """The claims found in a body (the invented companies known)."""
    return claims_of(body, [_TOLLAN, _BRENMOOR, _LEDGER], people)


def _cues(body: str, people: list[dict] = ()) -> list[str]:
    """The cues of the claims found in a body."""
    return [c.cue for c in _claims(body, people)]


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        ("Brenmoor Foods wanted to buy Tollan Dairies outright.", "wanted"),
        ("Brenmoor no longer wants to own the loss-making dairy unit.", "wants"),
        ("Tollan has asked the court to order an independent valuation.", "asked"),
        ("Shareholders want to know what happened to the pension fund.", "know"),
        ("Last week Tollan rejected a £2bn takeover offer from Brenmoor.", "rejected"),
        ("A judge dismissed an attempt by Tollan to delay the sale.", "dismissed"),
        ("The farmers' union urged Tollan to reject the new contract.", "reject"),
        ("The court could declare Tollan bankrupt before the sale.", "declare"),
        ("I think the dairy market is far too crowded these days.", "think"),
        ("The ruling could threaten the production of soft cheeses.", "threaten"),
        ("The site hosting the offer currently shows a holding page.", "shows"),
        ("Speculation suggests that Brenmoor will raise its bid.", "suggests"),
        ("A recording telling callers that lines were busy played for hours.", "telling"),
        ("Tollan is claiming more than $20m in damages from Brenmoor.", "claiming"),
        ("The sale was carried out according to the law.", "according to"),
        ("Brenmoor set out to predict future demand for soft cheese.", "predict"),
        ("Tollan challenged the right of Brenmoor to claim tax relief.", "claim"),
        (
            "The Tollan directors will be questioned by a judge over the next two days.",
            "questioned",
        ),
        ("Shoppers may want the latest cheese grater this Christmas.", "want"),
    ],
)
def test_acts_wishes_and_questions_are_no_claims(body: str, cue: str) -> None:
    assert cue not in _cues(body)


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        ("Brenmoor wants the Tollan board to resign before the vote.", "wants"),
        ("Regulators want to see the contract terms changed.", "want"),
        ("Analysts questioned whether Tollan could repay its loans.", "questioned"),
        ("Tollan rejected claims that its milk had been diluted.", "rejected"),
        ("The ministry dismissed the proposal as unworkable.", "dismissed"),
        ("The farmers' union urged Tollan to reject the new contract.", "urged"),
        ("Figures for the year led Brenmoor to conclude that demand had peaked.", "conclude"),
        ("Tollan declared that the recall was over.", "declared"),
        ("Analysts warn that Tollan could lose market share.", "warn"),
        ("The figures show that Tollan sold less cheese.", "show"),
        ("Many suggested that Brenmoor had paid too much.", "suggested"),
        ("The union's submission also calls for higher wages.", "calls"),
        # "hopes" is lemmatised as a form of "hop"; the cue is still found by its form
        ("Brenmoor hopes the deal will close in May.", "hopes"),
        ("Tollan has forecast a net loss of $40m for the year.", "forecast"),
        ("Sales fell 4%, according to the Brenmoor annual report.", "according to"),
        ("Brenmoor predicted strong demand for soft cheese.", "predicted"),
        ("Tollan claimed that Brenmoor had no right to the tax relief.", "claimed"),
        ("Tollan criticised the new milk price on Monday.", "criticised"),
        ("Brenmoor announced on Tuesday the first of its new cheeses.", "announced"),
        ("Brenmoor wants the dairy regulator to review the contract.", "wants"),
    ],
)
def test_statements_next_to_them_stay_claims(body: str, cue: str) -> None:
    assert cue in _cues(body)


def test_quoted_as_saying_speaks_for_the_one_quoted() -> None:
    body = "The Daily Ledger quoted Brenmoor chief executive Ann Moss as saying the bid was fair."
    people = [{"key": "ann moss", "surfaces": ["Ann Moss"]}]
    claims = _claims(body, people)
    assert [c.cue for c in claims] == ["saying"]
    assert claims[0].speaker_person_key == "ann moss"
    assert claims[0].content == "the bid was fair"
    assert claims[0].reported_via_key == "daily ledger"


def test_passive_quoted_as_saying_keeps_the_one_quoted_not_the_paper() -> None:
    body = "Ann Moss was quoted by the Daily Ledger as saying that Tollan had been undervalued."
    people = [{"key": "ann moss", "surfaces": ["Ann Moss"]}]
    claims = _claims(body, people)
    assert [(c.cue, c.speaker) for c in claims] == [("saying", "Ann Moss")]
    assert claims[0].content == "Tollan had been undervalued"


def test_partly_quoted_clause_is_one_unquoted_content() -> None:
    body = 'The new plant would "create hundreds of local jobs," Ann Moss said.'
    claims = _claims(body, [{"key": "ann moss", "surfaces": ["Ann Moss"]}])
    assert [(c.cue, c.is_quote) for c in claims] == [("said", False)]
    assert claims[0].content.startswith("The new plant would")


def test_whole_quotation_before_the_cue_stays_a_quote() -> None:
    body = '"We will create hundreds of local jobs," Ann Moss said.'
    claims = _claims(body, [{"key": "ann moss", "surfaces": ["Ann Moss"]}])
    assert [(c.cue, c.is_quote) for c in claims] == [("said", True)]
