"""Antecedents of company anaphors in event arguments: a pronoun or descriptor token in, a company
key out.

"It", "the firm" or "the Nordic group" as an event's argument points at the most salient company,
which is not always the one named last. The order tried: a company that is the subject of a verb
above the anaphor in its own sentence ("Tollan said it would buy"), a company named earlier in the
sentence, the subject of the sentence before ("Brenmoor is in talks with Tollan. It wants to buy
the firm." -> Brenmoor), and only then the company named last.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsfacts.extract.event_context import PRONOUNS_COMPANY, resolve_company_anaphor
from newsfacts.extract.text import doc_text, sentence_spans

if TYPE_CHECKING:
    from newsfacts.extract.event_args import Resolver

# Tokens of the sentence before within which a company mention counts as that sentence's
# subject when the sentence was not parsed ("Brenmoor Foods said on Monday ...").
UNPARSED_SUBJECT_TOKENS = 3
# Verbs above an anaphor whose subjects are tried, nearest first.
MAX_ANCESTOR_VERBS = 4


def antecedent(r: Resolver, token: Token, text: str) -> str | None:
    """The company an anaphor token ("it", "the firm", "the Nordic group") refers to."""
    sent_start = sentence_start(r, token.idx)
    found = subject_above(r, token) or _named_before(r, token.idx, sent_start)
    if found:
        return found
    previous = _previous_subject(r, sent_start)
    if previous:
        return previous
    return resolve_company_anaphor(text, token.idx, r.index, sent_start)


def subject_above(r: Resolver, token: Token) -> str | None:
    """A company (or a person's company) that is the subject of a verb above the anaphor, named
    before it: "Tollan said it was buying", "Tollan said the firm would cut jobs"."""
    seen = 0
    for verb in token.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        seen += 1
        if seen > MAX_ANCESTOR_VERBS:
            break
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= token.i:
                continue
            if token in child.subtree or child.lower_ in PRONOUNS_COMPANY:
                continue
            key = r.company[child.i] or r.key(child, people=True)
            if key and r.kind(key) == "company":
                return key
    return None


def _named_before(r: Resolver, pos: int, sent_start: int) -> str | None:
    """The last company named in the sentence before pos."""
    named = [m for m in r.index.companies_in(sent_start, pos) if r.kind(m.company_key) == "company"]
    return named[-1].company_key if named else None


def _previous_subject(r: Resolver, sent_start: int) -> str | None:
    """The company that is the subject of the sentence before: its parsed main subject, else a
    company named in its first few words."""
    spans = _spans(r)
    i = bisect.bisect_right([s for s, _ in spans], sent_start - 1) - 1
    if i < 0:
        return None
    start, end = spans[i]
    span = r.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if any(t.dep_ for t in span):
        return _parsed_subject(r, span)
    first = span[min(UNPARSED_SUBJECT_TOKENS, len(span) - 1)]
    for m in r.index.companies_in(start, first.idx + len(first.text)):
        if r.kind(m.company_key) == "company":
            return m.company_key
    return None


def _parsed_subject(r: Resolver, span: object) -> str | None:
    """The company the subject of a parsed sentence's main verb names."""
    for t in span:  # type: ignore[attr-defined]
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT":
            if t.lower_ in PRONOUNS_COMPANY:
                return None  # a chain of pronouns: the named company comes from further back
            key = r.company[t.i] or r.key(t, people=True)
            return key if key and r.kind(key) == "company" else None
    return None


def sentence_start(r: Resolver, pos: int) -> int:
    """Start offset of the rule sentence holding pos."""
    spans = _spans(r)
    i = bisect.bisect_right([s for s, _ in spans], pos) - 1
    return spans[max(i, 0)][0] if spans else 0


def _spans(r: Resolver) -> list[tuple[int, int]]:
    if r.sentences is None:
        r.sentences = sentence_spans(doc_text(r.doc))
    return r.sentences
