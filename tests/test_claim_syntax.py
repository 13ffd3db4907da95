"""Claims read from the dependency tree: each failure of the regex rules, on invented sentences.

Every text here is written by the team. Entities are given by hand (the fixture builder), so a
test pins what the claim rules do with them, not what the entity stage finds.
"""

from __future__ import annotations

import pytest
from claims_events_support import builder, the_claim

from newsfacts.extract.claim_cues import gated_sentences, lexicon, surface_forms
from newsfacts.extract.claims import add_claims
from newsfacts.extract.model import Claim, DocumentFacts
from newsfacts.extract.text import sentence_spans

spacy = pytest.importorskip("spacy")


def _claims(body: str, companies: list[dict] = (), people: list[dict] = ()) -> list[Claim]:
    """Claims of a body whose entities are given by hand."""
    facts = builder.build_facts(
        {"body": body, "companies": list(companies), "people": list(people)}
    )
    add_claims(body, facts, None)
    return facts.claims


_KESTREL = {"key": "kestrel air", "surfaces": ["Kestrel Air"]}
_HALVARD = {"key": "halvard bank", "surfaces": ["Halvard Bank"]}


def test_she_resolves_to_the_spokeswoman_not_an_earlier_blogger() -> None:
    body = (
        "Travel blogger Mia Sorn wrote that Kestrel Air had lost her luggage twice. "
        "A spokeswoman for Kestrel Air said the airline had apologised. "
        "She added that new baggage scanners would arrive in May."
    )
    people = [{"key": "mia sorn", "surfaces": ["Mia Sorn"]}]
    added = the_claim(_claims(body, [_KESTREL], people), "added")
    assert (added.speaker, added.speaker_person_key) == ("She", None)
    # the fixture builder names a company by its key
    assert (added.speaker_company_key, added.speaker_name) == ("kestrel air", "kestrel air")


@pytest.mark.parametrize(
    ("body", "cue", "speaker", "content"),
    [
        (
            "Halvard Bank blames the weak pound for the fall in its profits.",
            "blames",
            "Halvard Bank",
            "the weak pound for the fall in its profits",
        ),
        (
            "The regulator alleged that Kestrel Air had overcharged passengers.",
            "alleged",
            "The regulator",
            "Kestrel Air had overcharged passengers",
        ),
        (
            "Dana Whitlow told Reuters that the bank would not sell its Asian arm.",
            "told",
            "Dana Whitlow",
            "the bank would not sell its Asian arm",
        ),
    ],
)
def test_blames_alleged_and_told_outlet_cues(
    body: str, cue: str, speaker: str, content: str
) -> None:
    reuters = {"key": "reuters", "kind": "media", "surfaces": ["Reuters"]}
    people = [{"key": "dana whitlow", "surfaces": ["Dana Whitlow"]}]
    claim = the_claim(_claims(body, [_HALVARD, _KESTREL, reuters], people), cue)
    assert (claim.speaker, claim.content) == (speaker, content)
    assert body[claim.speaker_start : claim.speaker_end] == claim.speaker
    if cue == "told":
        assert claim.reported_via_key == "reuters"
        assert getattr(claim, "rule", "claims.told_outlet") == "claims.told_outlet"


def test_the_gate_passes_every_cue_form() -> None:
    body = "Ostria blames the drought. Prices rose. The fund alleged fraud. Ann told Reuters so."
    spans = sentence_spans(body)
    assert gated_sentences(body, spans) == [0, 2, 3]
    assert {"blames", "blamed", "blaming"} <= surface_forms(lexicon()["blame"])
    assert surface_forms(lexicon()["rule"]) >= {"ruled out", "rules out"}


def test_a_group_speaks_for_its_organisation() -> None:
    body = "Members of the Oil Producers Forum said output would stay unchanged until March."
    forum = {
        "key": "oil producers forum",
        "kind": "government",
        "surfaces": ["Oil Producers Forum"],
    }
    claim = the_claim(_claims(body, [forum]), "said")
    assert claim.speaker == "Members of the Oil Producers Forum"
    assert claim.speaker_company_key == "oil producers forum"


def test_unnamed_groups_keep_no_name() -> None:
    claim = the_claim(
        _claims("Analysts say the merger will cut costs at Kestrel Air.", [_KESTREL]), "say"
    )
    assert (claim.speaker, claim.speaker_name, claim.speaker_company_key) == (
        "Analysts",
        None,
        None,
    )
    assert claim.subject_company_key == "kestrel air"


def test_the_subject_is_what_the_content_is_about_not_the_employer() -> None:
    body = "An analyst at Halvard Bank said Kestrel Air's fares were too low to cover fuel costs."
    claim = the_claim(_claims(body, [_HALVARD, _KESTREL]), "said")
    assert claim.subject_company_key == "kestrel air"


def test_we_in_the_content_is_the_speakers_company() -> None:
    body = 'Kestrel Air said: "We will add four routes to the north next year."'
    claim = the_claim(_claims(body, [_KESTREL]), "said")
    assert (claim.subject_company_key, claim.is_quote) == ("kestrel air", True)


def test_a_quotation_split_around_its_cue_is_one_content() -> None:
    body = '"The merger," said Dana Whitlow, "will make both banks stronger."'
    people = [{"key": "dana whitlow", "surfaces": ["Dana Whitlow"]}]
    claim = the_claim(_claims(body, [_HALVARD], people), "said")
    assert claim.content == 'The merger," said Dana Whitlow, "will make both banks stronger'
    assert (claim.is_quote, claim.speaker_person_key) == (True, "dana whitlow")


def test_according_to_a_report_names_its_author() -> None:
    body = "Kestrel Air lost 8% of its passengers, according to a report by Halvard Bank."
    claim = the_claim(_claims(body, [_HALVARD, _KESTREL]), "according to")
    assert claim.speaker_company_key == "halvard bank"
    assert claim.content == "Kestrel Air lost 8% of its passengers"
    assert claim.subject_company_key == "kestrel air"


def test_said_in_a_statement() -> None:
    body = "Kestrel Air said in a statement that its chief pilot had resigned."
    claim = the_claim(_claims(body, [_KESTREL]), "said")
    assert claim.content == "its chief pilot had resigned"
    assert getattr(claim, "rule", "claims.said_in_statement") == "claims.said_in_statement"


def test_the_company_resolves_to_the_organisation_named_before() -> None:
    body = "Halvard Bank reported record profits. The company said it would hire 300 staff."
    claim = the_claim(_claims(body, [_HALVARD]), "said")
    assert (claim.speaker, claim.speaker_company_key) == ("The company", "halvard bank")
    assert claim.subject_company_key == "halvard bank"


@pytest.mark.parametrize(
    ("body", "stance"),
    [
        ("Kestrel Air denied that it was in talks with Halvard Bank.", "deny"),
        ("Kestrel Air said it had no plans to sell its cargo arm.", "deny"),
        ("Kestrel Air said fares could rise next year.", "hedge"),
        ("Halvard Bank expects Kestrel Air to cut 200 jobs.", "hedge"),
        ("Kestrel Air said it had cut 200 jobs.", "assert"),
        ("Kestrel Air did not deny that it was in talks.", "assert"),
    ],
)
def test_stance_from_cue_negation_and_modality(body: str, stance: str) -> None:
    claims = _claims(body, [_KESTREL, _HALVARD])
    assert claims and claims[0].stance == stance


def test_no_claim_without_a_source() -> None:
    body = "Fares are expected to rise. The deal is thought to be worth £2bn."
    assert _claims(body, [_KESTREL]) == []


def test_a_cue_inside_a_quotation_is_not_a_claim() -> None:
    body = '"We believe the fares are fair," said a Kestrel Air spokesman.'
    claims = _claims(body, [_KESTREL])
    assert [c.cue for c in claims] == ["said"]
    assert (claims[0].speaker_company_key, claims[0].speaker_name) == ("kestrel air", "kestrel air")


def test_offsets_point_into_the_body() -> None:
    body = (
        'Halvard Bank said profits rose. "We are pleased," its chief said. '
        "Kestrel Air denied the report, according to Reuters."
    )
    for c in _claims(body, [_HALVARD, _KESTREL]):
        assert body[c.content_start : c.content_end] == c.content
        assert body[c.speaker_start : c.speaker_end] == c.speaker
        assert c.start <= c.speaker_start and c.end >= c.content_end


def test_empty_body_has_no_claims() -> None:
    facts = DocumentFacts()
    add_claims("", facts, None)
    assert facts.claims == []


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("Kestrel Air announced a new route to Lisbon.", "a new route to Lisbon"),
        ("Kestrel Air announces cheaper fares for students.", "cheaper fares for students"),
        ("Kestrel Air has announced a new route to Lisbon.", None),
        ("Kestrel Air is planning to announce a new route.", None),
    ],
)
def test_an_announced_noun_phrase_is_a_claim_in_the_simple_tense(
    body: str, content: str | None
) -> None:
    # the act of announcing ("announced X") is a statement; "has announced X" reports its result
    claims = [c for c in _claims(body, [_KESTREL]) if c.cue.startswith("announc")]
    assert [c.content for c in claims] == ([content] if content else [])
    if content:
        assert claims[0].speaker_company_key == "kestrel air"


def test_the_subject_of_an_announced_noun_phrase_is_the_announcers_organisation() -> None:
    body = "Kestrel Air chief Dana Whitlow announced a code-share deal with Halvard Bank."
    people = [{"key": "dana whitlow", "surfaces": ["Dana Whitlow"], "company": "kestrel air"}]
    claim = the_claim(_claims(body, [_KESTREL, _HALVARD], people), "announced")
    assert (claim.speaker_person_key, claim.subject_company_key) == ("dana whitlow", "kestrel air")


def test_a_headlines_second_predicate_is_said_by_the_first_ones_subject() -> None:
    # the parser hangs "expands its fleet" on "announces" as its complement
    body = "Kestrel Air expands its fleet, announces a new route to Lisbon"
    claim = the_claim(_claims(body, [_KESTREL]), "announces")
    assert (claim.speaker, claim.content) == ("Kestrel Air", "a new route to Lisbon")


def test_a_negated_cue_over_an_indirect_question_is_no_claim() -> None:
    body = (
        "Halvard Bank confirmed that its chief had left, but did not say whether he was "
        "forced out. Kestrel Air would not reveal how many seats were sold."
    )
    claims = _claims(body, [_HALVARD, _KESTREL])
    assert [c.cue for c in claims] == ["confirmed"]


def test_a_report_made_by_an_organisation_speaks_for_it() -> None:
    body = (
        "Fares fell 4% in May, according to figures released on Monday by Halvard Bank, a "
        "lender. Halvard Bank said according to those figures, Kestrel Air had lost customers."
    )
    claims = _claims(body, [_HALVARD, _KESTREL])
    first = the_claim(claims, "according to")
    assert first.speaker == "figures released on Monday by Halvard Bank"
    assert first.speaker_company_key == "halvard bank"
    # "those figures" are the bank's own: one claim, with the outer cue (gold ruling 2)
    assert [c.cue for c in claims] == ["according to", "said"]
    # who saw a memo did not write it
    seen = the_claim(
        _claims("Fares will rise, according to a memo seen by Halvard Bank.", [_HALVARD]),
        "according to",
    )
    assert seen.speaker == "a memo"


@pytest.mark.parametrize(
    ("body", "cue"),
    [
        ("Kestrel Air said fares would rise. Halvard Bank said that they would fall.", "said"),
        ("Halvard Bank has not ruled out a sale of its stake in Kestrel Air.", "ruled out"),
        ("Fares rose 6%, according to figures from Halvard Bank.", "according to"),
        ('"Fares will rise," the Kestrel Air chief executive told the Gazette.', "told"),
    ],
)
def test_the_cue_has_offsets_at_its_first_reading(body: str, cue: str) -> None:
    """Claim.cue_start/cue_end point at the cue as written (each claim at its own "said"),
    so the evidence shows the word that made the claim."""
    claims = [c for c in _claims(body, [_KESTREL, _HALVARD]) if c.cue == cue]
    assert claims, cue
    for claim in claims:
        assert body[claim.cue_start : claim.cue_end] == cue
        assert claim.start <= claim.cue_start < claim.cue_end <= claim.end
    if cue == "said":
        assert [body.index(cue), body.rindex(cue)] == sorted(c.cue_start for c in claims)


@pytest.mark.parametrize(
    "body",
    [
        "By doing so, Halvard Bank said, the airline had hoped to win the case.",
        "Selling the unit may not prove simple, analysts say, especially as it is losing money.",
        "But if measured at age 65 instead, Halvard Bank said, pilots will live to 81 years.",
    ],
)
def test_a_cue_interrupting_its_clause_keeps_the_whole_clause(body: str) -> None:
    """ "X, he said, Y": the clause runs on both sides of the cue, which lies inside the
    content, as in a quotation split around its cue."""
    cue = "say" if " say," in body else "said"
    claim = the_claim(_claims(body, [_HALVARD]), cue)
    assert claim.rule == "claims.parenthetical"
    assert (claim.content_start, claim.content_end) == (0, len(body) - 1)
    assert claim.content_start < claim.speaker_start < claim.content_end


def test_a_clause_misread_as_an_object_is_the_content() -> None:
    """ "said the scheme aimed to ...": "say" takes no noun object, so the noun with its verb
    is the reported clause (a reduced relative is not: "reveal sources used for stories")."""
    body = "Halvard Bank said the scheme aimed to raise milk output to 600,000 tonnes by 2028."
    claim = the_claim(_claims(body, [_HALVARD]), "said")
    assert claim.content.startswith("the scheme aimed to raise milk output")


def test_said_in_a_submission_before_the_budget_that() -> None:
    body = "Halvard Bank said in its submission before the Budget that action is needed now."
    claim = the_claim(_claims(body, [_HALVARD]), "said")
    assert claim.content == "action is needed now"
    assert claim.rule == "claims.said_in_statement"


def test_a_description_between_dashes_leaves_the_name_as_speaker() -> None:
    """The parser may give the cue no subject at all; the name before the dashes speaks."""
    body = "A day earlier, Mr Dane - keen to calm investors - had said only 30 firms would be sold."
    dane = {"key": "tom dane", "name": "Tom Dane", "surfaces": ["Mr Dane"]}
    claim = the_claim(_claims(body, [], [dane]), "said")
    assert claim.speaker_name == "Tom Dane"
    assert claim.content == "only 30 firms would be sold"
