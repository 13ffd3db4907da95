"""Antecedents of company anaphors in event arguments: a pronoun or descriptor token in, a company
key out.

"It", "the firm" or "the Nordic group" as an event's argument points at the most salient company,
which is not always the one named last. The order tried: a company that is the subject of a verb
above the anaphor in its own sentence ("Tollan said it would buy"), a company named earlier in the
sentence, the subject of the sentence before ("Brenmoor is in talks with Tollan. It wants to buy
the firm." -> Brenmoor), and only then the company named last. In the bidder's place ("its bid",
"the group may raise its offer") a company the text names as the target of a bid is never the
antecedent: in a takeover story the target is named most, and a bidder's "its" is not it.
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
    skip = bid_targets(r) if bidder_place(token) else frozenset()
    found = subject_above(r, token) or _named_before(r, token.idx, sent_start, skip)
    if found and found not in skip:
        return found
    previous = _previous_subject(r, sent_start)
    if previous and previous not in skip:
        return previous
    if skip:  # a bidder: the subject of a sentence shortly before that is no target, else none
        return _earlier_subject(r, sent_start, skip)
    return resolve_company_anaphor(text, token.idx, r.index, sent_start)


# Nouns and verbs of bidding: their possessor or subject is the bidder.
_BID_NOUNS = frozenset({"bid", "offer", "proposal", "approach", "takeover", "bidder"})
_BUY_VERBS = frozenset({"buy", "acquire", "bid", "purchase"})


def bidder_place(token: Token) -> bool:
    """Whether an anaphor stands where the bidder goes: "its bid", "it may raise its offer",
    "the group wants to buy", "it will bid"."""
    head = token.head
    if token.dep_ == "poss":
        return head.lemma_.lower() in _BID_NOUNS
    if token.dep_ != "nsubj":
        return False
    verbs = [head] + [c for c in head.children if c.dep_ == "xcomp"]
    return any(
        v.lemma_.lower() in _BUY_VERBS
        or any(c.dep_ == "dobj" and c.lemma_.lower() in _BID_NOUNS for c in v.children)
        for v in verbs
    )


def bid_targets(r: Resolver) -> frozenset[str]:
    """Companies the parsed text names as the target of a bid: "a bid for X", "an offer for
    X", "the takeover of X", "to buy X", "X rejected the offer"."""
    if r.targets is None:
        r.targets = frozenset(
            r.company[t.i] for t in r.doc if r.company[t.i] and t.dep_ and _target_place(t)
        )
    return r.targets


def _target_place(t: Token) -> bool:
    """Whether a word stands where a bid's target goes."""
    head = t.head
    lemma = head.lemma_.lower()
    if t.dep_ == "pobj" and head.lower_ in ("for", "of"):
        noun = head.head.lemma_.lower()
        return noun in _BID_NOUNS and (head.lower_ == "for" or noun == "takeover")
    if t.dep_ == "dobj":
        return lemma in _BUY_VERBS
    return t.dep_ == "nsubj" and lemma in ("reject", "rebuff", "spurn")


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


def _named_before(
    r: Resolver, pos: int, sent_start: int, skip: frozenset[str] = frozenset()
) -> str | None:
    """The last company named between sent_start and pos, other than those to skip."""
    named = [
        m
        for m in r.index.companies_in(sent_start, pos)
        if r.kind(m.company_key) == "company" and m.company_key not in skip
    ]
    return named[-1].company_key if named else None


# Sentences looked back over for a bidder's antecedent when the sentence before names the target.
BIDDER_LOOKBACK = 3


def _earlier_subject(r: Resolver, sent_start: int, skip: frozenset[str]) -> str | None:
    """The subject company of one of the few sentences before that is not to be skipped."""
    spans = _spans(r)
    i = bisect.bisect_right([s for s, _ in spans], sent_start - 1)
    for start, _ in reversed(spans[max(0, i - BIDDER_LOOKBACK) : i]):
        key = _previous_subject(r, start + 1)
        if key and key not in skip:
            return key
    return None


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
