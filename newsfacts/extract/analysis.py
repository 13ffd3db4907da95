"""Analysed documents: bodies in, one `AnalysedDoc` per body out, built once and read by every
extraction component (see newsfacts.extract.registry).

An AnalysedDoc holds the body, its sentences (the rule sentence splitter's spans), its tokens
(one spaCy Doc over the whole body: `token.idx` is a body offset), the statistical analysis where
one was made, and the facts and mention index the components have built so far.

Only what needs analysing is analysed. Each component declares gates: which sentences it wants
tagged, parsed and lemmatised (`parse_gate`), and which it wants NER on (`ner_gate`). The spaCy
pipeline runs over the union of the gated sentences of a whole batch of documents at once
(`nlp.pipe`), and the results are written into each body's Doc; tokens outside them keep empty
tags, dependencies and entity marks. The work is bounded by counts, never by a clock: a gated
sentence is analysed over at most MAX_ANALYSED_SENTENCE_CHARS characters, and a document gets
at most MAX_ANALYSED_TOKENS analysed tokens (gated sentences in text order until spent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from newsfacts.extract import nlp as nlp_model
from newsfacts.extract import within_budget
from newsfacts.extract.model import DocumentFacts
from newsfacts.extract.text import sentence_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from newsfacts.extract.event_context import MentionIndex

# A gate: (body, sentence spans) -> indexes of the sentences a component wants analysed.
Gate = Callable[[str, list[tuple[int, int]]], Iterable[int]]

# Characters of one gated sentence given to the pipeline; a longer one is analysed over its
# first whole tokens up to this bound. News sentences are far shorter (BBC: 99.9% under 600);
# a run-on "sentence" (a table, a list on one line) would otherwise cost the parser its length.
MAX_ANALYSED_SENTENCE_CHARS = 1_000
# Tokens of one document given to the pipeline, gated sentences taken in text order until this
# many are analysed (a long feature of 40,000 characters has ~4,000 gated tokens). Bounds the
# cost of one document whatever its length: ~0.3 s with en_core_web_sm on one core.
MAX_ANALYSED_TOKENS = 4_000
# Sentences per nlp.pipe minibatch.
PIPE_BATCH_SIZE = 256
# What the analysis records, so that a change of gating or budget changes EXTRACTOR_VERSION.
ANALYSIS_VERSION = f"2:{MAX_ANALYSED_SENTENCE_CHARS}:{MAX_ANALYSED_TOKENS}"


@dataclass
class AnalysedDoc:
    """One document as every component reads it."""

    body: str  # the text the extractors read (the document body within its budget)
    published: date | None
    sentences: list[tuple[int, int]]  # rule sentences: end-exclusive body offsets
    spacy: Doc  # tokens of the whole body; tags, lemmas, parse and entities where analysed
    parsed: list[Span] = field(default_factory=list)  # analysed sentences with tags and parse
    ner_checked: list[Span] = field(default_factory=list)  # sentences NER ran on
    facts: DocumentFacts = field(default_factory=DocumentFacts)  # what components found so far
    _index: tuple[tuple[int, ...], MentionIndex] | None = None

    @property
    def mentions(self) -> MentionIndex:
        """Company and person mentions (and timexes) found so far, by offset; rebuilt only
        after a component added some."""
        from newsfacts.extract.event_context import mention_index

        f = self.facts
        sizes = tuple(
            map(len, (f.companies, f.company_mentions, f.people, f.person_mentions, f.timexes))
        )
        if self._index is None or self._index[0] != sizes:
            self._index = (sizes, mention_index(f, self.sentences))
        return self._index[1]

    def parsed_sentences(self, indexes: Iterable[int]) -> list[Span]:
        """The analysed sentences among the rule sentences of these indexes, in text order
        (e.g. a component's own gate: `doc.parsed_sentences(my_gate(doc.body, doc.sentences))`)."""
        starts = {self.sentences[i][0] for i in indexes if 0 <= i < len(self.sentences)}
        return [s for s in self.parsed if s.start_char in starts]

    def parse_at(self, start: int, end: int) -> list[Span]:
        """Analysed sentences lying within body offsets [start, end)."""
        return [s for s in self.parsed if s.start_char >= start and s.end_char <= end]

    def is_parsed(self, char: int) -> bool:
        """True when the token at body offset `char` was tagged and parsed."""
        return any(s.start_char <= char < s.end_char for s in self.parsed)

    def ner_ran(self, char: int) -> bool:
        """True when NER read body offset `char`: no entity there then means "none found"."""
        return any(s.start_char <= char < s.end_char for s in self.ner_checked)


@dataclass(frozen=True)
class Gates:
    """The gates of the enabled components: which sentences get parsed, which get NER."""

    parse: tuple[Gate, ...] = ()
    ner: tuple[Gate, ...] = ()


def every_sentence(body: str, spans: list[tuple[int, int]]) -> range:
    """A gate that takes every sentence (e.g. NER over all text, for comparison)."""
    return range(len(spans))


def analyse(body: str, published: date | None, gates: Gates) -> AnalysedDoc:
    """The AnalysedDoc of one body."""
    return analyse_batch([(body, published)], gates)[0]


def analyse_batch(items: Sequence[tuple[str, date | None]], gates: Gates) -> list[AnalysedDoc]:
    """AnalysedDocs of (body, published) pairs; one nlp.pipe run per kind of analysis over the
    gated sentences of them all."""
    nlp = nlp_model.load()
    docs: list[AnalysedDoc] = []
    plans: list[list[_Piece]] = []
    for whole, published in items:
        body = within_budget(whole)
        spans = sentence_spans(body)
        doc = AnalysedDoc(body, published, spans, nlp.make_doc(body))
        docs.append(doc)
        plans.append(_plan(doc, _chosen(gates.parse, body, spans), _chosen(gates.ner, body, spans)))
    _run_pipeline(nlp, [p for plan in plans for p in plan])
    for doc, plan in zip(docs, plans, strict=True):
        _write_back(doc, plan)
    return docs


def _chosen(gates: Iterable[Gate], body: str, spans: list[tuple[int, int]]) -> set[int]:
    """Sentence indexes any of the gates takes."""
    chosen: set[int] = set()
    for gate in gates:
        chosen.update(i for i in gate(body, spans) if 0 <= i < len(spans))
    return chosen


@dataclass
class _Piece:
    """A gated sentence of one body, cut to the budget, and what to run on it."""

    span: Span  # tokens of the body's Doc
    parse: bool
    ner: bool
    result: Doc | None = None


def _plan(doc: AnalysedDoc, parse: set[int], ner: set[int]) -> list[_Piece]:
    """The pieces of a body to analyse: gated sentences in text order within the budgets."""
    pieces: list[_Piece] = []
    budget = MAX_ANALYSED_TOKENS
    for i in sorted(parse | ner):
        start, end = doc.sentences[i]
        end = min(end, start + MAX_ANALYSED_SENTENCE_CHARS)
        span = doc.spacy.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        if len(span) > budget:
            break  # the budget is spent: later sentences stay unanalysed
        budget -= len(span)
        pieces.append(_Piece(span, i in parse, i in ner))
    return pieces


def _run_pipeline(nlp: Language, pieces: list[_Piece]) -> None:
    """Run each kind of analysis over the pieces wanting it, one nlp.pipe call per kind."""
    for kind, disable in _passes(nlp).items():
        _run_pass(nlp, pieces, kind, disable)


def _run_pass(
    nlp: Language, pieces: list[_Piece], kind: tuple[bool, bool], disable: list[str]
) -> None:
    """One nlp.pipe call over the pieces of one kind: (parse, ner) wanted."""
    chosen = [p for p in pieces if (p.parse, p.ner) == kind]
    if not chosen:
        return
    inputs = (p.span.as_doc() for p in chosen)
    results = nlp.pipe(inputs, batch_size=PIPE_BATCH_SIZE, disable=disable)
    for piece, result in zip(chosen, results, strict=True):
        piece.result = result


def _passes(nlp: Language) -> dict[tuple[bool, bool], list[str]]:
    """Components switched off for each kind of piece: (parse, ner) -> disabled names.

    NER in en_core_web_sm has its own token-to-vector layer, so it runs alone; a pipeline whose
    NER listens to a shared layer (a transformer's) runs that layer in the NER-only pass too.
    """
    names = nlp.pipe_names
    sources = [n for n, proc in nlp.pipeline if "ner" in getattr(proc, "listening_components", ())]
    ner_only = [n for n in names if n != "ner" and n not in sources]
    return {
        (True, True): [],
        (True, False): [n for n in names if n == "ner"],
        (False, True): ner_only,
    }


# Token attributes copied from an analysed piece into the body's Doc.
_PARSE_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP")
_NER_ATTRS = ("ENT_IOB", "ENT_TYPE")


def _write_back(doc: AnalysedDoc, plan: list[_Piece]) -> None:
    """Copy the pieces' analyses into the body's Doc and set its sentence boundaries."""
    sdoc = doc.spacy
    if not len(sdoc):
        return
    attrs = [*_PARSE_ATTRS, *_NER_ATTRS]
    values = np.zeros((len(sdoc), len(attrs)), dtype="uint64")
    starts = np.full(len(sdoc), np.uint64(2**64 - 1), dtype="uint64")  # -1: inside a sentence
    for start, end in doc.sentences:
        span = sdoc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span):
            starts[span.start] = 1
    for piece in plan:
        lo, hi, result = piece.span.start, piece.span.end, piece.result
        if result is None or len(result) != hi - lo:
            continue  # never happens with one tokenizer; a mismatch is left unanalysed
        if piece.parse:
            values[lo:hi, : len(_PARSE_ATTRS)] = result.to_array(list(_PARSE_ATTRS))
            starts[lo:hi] = result.to_array(["SENT_START"])
            doc.parsed.append(piece.span)
        if piece.ner:
            values[lo:hi, len(_PARSE_ATTRS) :] = result.to_array(list(_NER_ATTRS))
            doc.ner_checked.append(piece.span)
    starts[0] = 1
    if plan:
        sdoc.from_array(attrs, values)
    sdoc.from_array(["SENT_START"], starts)
