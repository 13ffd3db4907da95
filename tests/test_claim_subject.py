"""Subject company of a claim (newsfacts.extract.claim_fields.subject_company), on invented
sentences written by the team."""

from __future__ import annotations

import pytest
from claims_events_support import claims_of, the_claim

spacy = pytest.importorskip("spacy")

_TOLLAN = {"key": "tollan dairies", "surfaces": ["Tollan Dairies", "Tollan"]}
_BRENMOOR = {"key": "brenmoor foods", "surfaces": ["Brenmoor Foods", "Brenmoor"]}


def _subject(body: str, cue: str, people: list[dict] = ()) -> str | None:
    """The subject company of the claim with a given cue."""
    return the_claim(claims_of(body, [_TOLLAN, _BRENMOOR], people), cue).subject_company_key


@pytest.mark.parametrize(
    ("body", "cue", "expected"),
    [
        # a company speaking of its own affairs is the subject
        ("Tollan warned that its profits may fall this year.", "warned", "tollan dairies"),
        ("Brenmoor said the cost of milk had hurt its margins.", "said", "brenmoor foods"),
        # a company speaking about the world is not
        ("Tollan said milk prices would rise across Europe.", "said", None),
        # a group's "it" is the thing discussed, not the last firm named
        (
            "Tollan backs the new labelling law. Critics say it could hurt small farms.",
            "say",
            None,
        ),
        # a definite organisation noun in the content refers back to the organisation
        (
            "Tollan Dairies opened a new plant. Analysts said a rival had overtaken the company.",
            "said",
            "tollan dairies",
        ),
        # the organisation named in the content's subject wins over the speaker's
        ("Tollan said Brenmoor had cut its prices.", "said", "brenmoor foods"),
    ],
)
def test_subject(body: str, cue: str, expected: str | None) -> None:
    assert _subject(body, cue) == expected


def test_the_company_never_stands_for_a_union() -> None:
    body = (
        "Tollan Dairies cut 200 jobs last month. "
        "Union official Bo Kerr said the company had ignored the consultation period."
    )
    union = {
        "key": "dairy workers union",
        "surfaces": ["Dairy Workers Union"],
        "kind": "other_org",
        "descriptors": ["the company"],  # a description the entity stage linked wrongly
    }
    people = [{"key": "bo kerr", "surfaces": ["Bo Kerr"]}]
    claims = claims_of(body, [_TOLLAN, union], people)
    assert [c.subject_company_key for c in claims] == ["tollan dairies"]
