"""Speaker resolution (newsfacts.extract.claim_speakers) on invented sentences: a "he" or
"she" points at a person, never at a firm or a place, and never into what it said; "the judge"
is the judge named before; a description between dashes speaks for the person it describes.

Every text here is written by the team.
"""

from __future__ import annotations

import pytest
from claims_events_support import builder, claims_of
from spacy.tokens import Doc

from newsfacts.extract.claim_cues import lexicon
from newsfacts.extract.claim_speakers import _Reader, resolve_speaker
from newsfacts.extract.coref import Antecedents
from newsfacts.extract.event_context import mention_index

spacy = pytest.importorskip("spacy")

_KESTREL = {"key": "kestrel air", "surfaces": ["Kestrel Air", "Kestrel"]}
_HALVARD = {"key": "halvard bank", "surfaces": ["Halvard Bank"]}
_DANE = {"key": "tom dane", "name": "Tom Dane", "surfaces": ["Tom Dane", "Mr Dane"]}
_LEE = {"key": "ann lee", "name": "Ann Lee", "surfaces": ["Ann Lee"], "title": "bankruptcy judge"}


def _speakers(body: str, companies: list[dict], people: list[dict]) -> list[tuple[str, str]]:
    """(speaker as written, speaker resolved) of every claim of a body."""
    return [(c.speaker, c.speaker_name) for c in claims_of(body, companies, people)]


def test_she_never_resolves_to_a_country_that_spoke_before() -> None:
    body = "Ostria had said it would ignore the ruling. But she said her role was only to rule."
    assert ("she", "Ostria") not in _speakers(body, [], [])


def test_a_pronoun_never_points_into_its_own_content() -> None:
    body = "Tom Dane runs Kestrel Air. The jet will make Ann Lee's job easier, he added."
    assert ("he", "Tom Dane") in _speakers(body, [_KESTREL], [_DANE, _LEE])


def test_the_judge_is_the_judge_named_before() -> None:
    body = "Bankruptcy judge Ann Lee heard the case. The judge said that the sale was unlawful."
    assert ("The judge", "Ann Lee") in _speakers(body, [], [_LEE])


def test_an_unnamed_judge_stays_unresolved() -> None:
    body = "Ann Lee, a lawyer, filed the case. The judge said that the sale was unlawful."
    lawyer = {**_LEE, "title": "lawyer"}
    assert ("The judge", None) in _speakers(body, [], [lawyer])


def test_a_description_between_dashes_speaks_for_the_person_it_describes() -> None:
    """The parser sometimes takes the description for the subject; built here by hand."""
    body = "Mr Dane - himself a former executive at rival Halvard Bank - said it was cheap."
    words = body[:-1].split() + ["."]
    heads = [1, 12, 12, 12, 6, 6, 12, 6, 10, 10, 7, 12, 12, 14, 12, 14, 12]
    deps = ["compound", "npadvmod", "punct", "npadvmod", "det", "amod", "nsubj", "prep"]
    deps += ["amod", "compound", "pobj", "punct", "ROOT", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "PRON", "DET", "ADJ", "NOUN", "ADP", "ADJ", "PROPN"]
    pos += ["PROPN", "PUNCT", "VERB", "PRON", "AUX", "ADJ", "PUNCT"]
    spaces = [True] * (len(words) - 2) + [False, False]
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    assert doc.text == body
    facts = builder.build_facts({"body": body, "companies": [_HALVARD], "people": [_DANE]})
    reader = _Reader(body, mention_index(facts), Antecedents(), [], lexicon(), {})
    speaker = resolve_speaker(reader, doc[words.index("executive")], 0)
    assert (speaker.person_key, speaker.name) == ("tom dane", "Tom Dane")
