"""Stance of a claim (newsfacts.extract.claim_fields.stance), on invented sentences."""

from __future__ import annotations

import pytest
from claims_events_support import claims_of, the_claim

spacy = pytest.importorskip("spacy")

_TOLLAN = {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]}


def _stance(body: str, cue: str) -> str:
    """The stance of the claim with a given cue."""
    return the_claim(claims_of(body, [_TOLLAN]), cue).stance


@pytest.mark.parametrize(
    ("body", "cue", "expected"),
    [
        # a demand with "should" asserts it
        ("The regulator said Tollan should restate its accounts.", "said", "assert"),
        # a risk named in the content is stated, not hedged
        ("Tollan said the ruling increased the risks of the project.", "said", "assert"),
        # a modal inside a quotation hedges it
        ('"That would be a costly mistake," the analyst said.', "said", "hedge"),
        ('"Prices may fall again next year," the analyst said.', "said", "hedge"),
        # a reported belief
        ("The analyst said he believed a higher bid would succeed.", "said", "hedge"),
        # a negated belief rejects the proposition
        ("A spokesman said the ministry did not believe there was a case.", "said", "deny"),
        ('He told the court that the charges were "false".', "told", "deny"),
        ("Tollan said it had no plans to sell the cheese unit.", "said", "deny"),
        ("Tollan said sales rose 4% in the year to March.", "said", "assert"),
        # "would" reporting the speaker's own plan asserts it; said of anything else, hedges
        ("Tollan said it would close two plants next year.", "said", "assert"),
        # forecasts and impressions hedge; "going to" a place does not
        ('"Cheese prices are going to rise," the analyst said.', "said", "hedge"),
        ('"It looks like a weak year for dairy," the analyst said.', "said", "hedge"),
        ("The analyst said Tollan was going to the courts for help.", "said", "assert"),
        ("The analyst said its figures suggested demand had peaked.", "said", "hedge"),
        ("Critics say it would hurt small farms.", "say", "hedge"),
        ("The analyst said it would cost millions to rebrand.", "said", "hedge"),
    ],
)
def test_stance(body: str, cue: str, expected: str) -> None:
    assert _stance(body, cue) == expected
