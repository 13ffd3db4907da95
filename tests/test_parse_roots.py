"""Walks up a dependency tree stop at its root. spaCy makes a new Token object on every access
(`doc[0] is doc[0]` is False), so a root is found by index, never by identity; a walk that
tested `token.head is token` never saw the root and, on a noun-rooted fragment, never ended.

The parses are built by hand (invented words and heads), so the test does not depend on a model.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsfacts.extract.claim_content import clause_content
from newsfacts.extract.claim_cues import lexicon


def _doc(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]
) -> Doc:
    """A hand-built parse."""
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_tokens_are_new_objects_so_roots_are_compared_by_index() -> None:
    doc = _doc(["Sales", "fell"], [1, 1], ["nsubj", "ROOT"], ["NOUN", "VERB"], ["NNS", "VBD"])
    assert doc[1] is not doc[1] and doc[1] == doc[1]
    assert doc[1].head.i == doc[1].i


def test_a_parenthetical_cue_under_a_noun_rooted_fragment_ends() -> None:
    """ "Chaos reigning, he said.": the cue hangs on a participle whose head is a noun root."""
    words = ["Chaos", "reigning", ",", "he", "said", "."]
    heads = [0, 0, 0, 4, 1, 0]
    deps = ["ROOT", "advcl", "punct", "nsubj", "parataxis", "punct"]
    pos = ["NOUN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"]
    tags = ["NN", "VBG", ",", "PRP", "VBD", "."]
    doc = _doc(words, heads, deps, pos, tags)
    content = clause_content(doc.text, doc[4], lexicon()["say"], 0)
    assert content is not None and doc.text[content.start : content.end] == "Chaos reigning"
