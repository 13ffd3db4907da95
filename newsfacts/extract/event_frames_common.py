"""Event frames, shared parts: the word lists, the Frame, and the argument helpers the rules share.

The rules per predicate family are in event_frames_deals, _products, _results, _legal and
_company; newsfacts.extract.event_frames dispatches a predicate to its family's rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from newsfacts.extract.event_args import (
    Args,
    Resolver,
    head_lemma,
    light_subject,
    pobjs,
    tokens_lemmas,
)
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_places import find_places
from newsfacts.extract.event_words import word_set
from newsfacts.vocab import EventStatus

# Nouns that make the object of "buy"/"sell" a business: "bought the unit", "sold its stake".
BUSINESS_NOUNS = word_set("event_frames.business_nouns")
# Nouns that name a deal: what "withdrew its ..." or "... collapsed" is about.
DEAL_NOUNS = word_set("event_frames.deal_nouns")
# Nouns of authorities acting without a name in the text: "a US judge", "regulators".
AUTHORITY_NOUNS = word_set("event_frames.authority_nouns")
# Nouns of jobs: "cut 500 jobs", "axing 90 journalist jobs", "shed 1,200 staff".
JOB_NOUNS = word_set("event_frames.job_nouns")
# Nouns of executive roles: "its chief executive resigned", "named a new chairman".
TITLE_NOUNS = word_set("event_frames.title_nouns")
# Nouns that are money: "raise new money", "inject capital".
MONEY_NOUNS = word_set("event_frames.money_nouns")
# Nouns of products that "sell" counts: "sold 2 million consoles" is a result, not a sale.
RESULT_UNITS = word_set("event_frames.result_units")
# Object nouns that make "launch" something other than a product launch.
_NOT_PRODUCT = word_set("event_frames.not_product")
_INQUIRY = word_set("event_frames.inquiry")
# Compound heads that keep an event noun an event: "takeover bid", "bankruptcy protection".
EVENT_HEADS = word_set("event_frames.event_heads")
# Subjects that make "sales"/"profits" a statistic rather than a company's result.
_STAT_OWNERS = word_set("event_frames.stat_owners")
_PRODUCT_VERBS = word_set("event_frames.product_verbs")


@dataclass(frozen=True)
class Frame:
    """The event a predicate names: type, parties by role, and the rule that decided it."""

    event_type: str
    rule: str
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    regulators: tuple[str, ...] = ()
    default_status: EventStatus = "occurred"
    distributive: bool = True  # one event per agent ("X and Y both cut jobs")
    place: str | None = None
    anchor: Token | None = None  # the word whose clause states the event, if not the trigger


FrameRule = Callable[[Predicate, Args, Resolver], Frame | None]


def _lemma_set(tokens: list[Token]) -> set[str]:
    return tokens_lemmas(tokens)


def _place(tokens: list[Token]) -> str | None:
    """The first country or region named by argument tokens ("into Brazil", "the US market")."""
    for token in tokens:
        text = token.doc[token.left_edge.i : token.right_edge.i + 1].text
        found = find_places(text)
        if found:
            return found[0][2]
    return None


def _authorities(tokens: list[Token], r: Resolver) -> list[str]:
    """Government keys among the tokens and their appositions ("X, the US Department of
    Commerce," parsed as one subject)."""
    return [k for k in r.keys(_with_appos(tokens)) if r.kind(k) == "government"]


def _with_appos(tokens: list[Token]) -> list[Token]:
    return tokens + [c for t in tokens for c in t.children if c.dep_ == "appos"]


def _is_authority(tokens: list[Token], r: Resolver) -> bool:
    """Whether an argument is an authority: a government organisation or "the court"."""
    return bool(_authorities(tokens, r)) or bool(_lemma_set(tokens) & AUTHORITY_NOUNS)


def _businesses(tokens: list[Token], r: Resolver) -> list[str]:
    """Company keys among the tokens that are not authorities."""
    return [k for k in r.keys(tokens) if r.kind(k) != "government"]


def _is_business(tokens: list[Token], r: Resolver) -> bool:
    """Whether an object is a company or a business noun ("the unit", "a stake", "its
    businesses"); a bare or counted plural ("many firms were sold", "90,000 businesses") is a
    statistic, not a deal."""
    if r.keys(tokens):
        return True
    return any(
        t.lemma_.lower() in BUSINESS_NOUNS and (t.tag_ not in ("NNS", "NNPS") or _specific(t))
        for token in tokens
        for t in (token, *token.conjuncts)
    )


def _specific(noun: Token) -> bool:
    """A plural with an owner or a definite article: "its businesses", "the units"."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "these", "those"))
        for c in noun.children
    )


def _subjects(args: Args, pred: Predicate) -> list[Token]:
    """The acting side of a predicate: its own subject, else the subject of the verb a noun
    depends on (a light verb: "X made a bid", "X announced a takeover")."""
    if args.subj:
        return args.subj
    if pred.token.pos_ not in ("NOUN", "PROPN"):
        return []
    gov = head_lemma(args.governor) if args.governor is not None else ""
    light = args.gov_dep in ("dobj", "pobj:in", "pobj:to", "pobj:on", "pobj:for")
    if light and gov not in _TARGET_SIDE_VERBS:
        return light_subject(args)  # "X made a bid", "X is working on a bid"
    return []


# Verbs whose subject is the side acted on by the noun they govern: "X rejected a bid".
_TARGET_SIDE_VERBS = word_set("event_frames.target_side_verbs")


def _stake_type(obj: list[Token]) -> str:
    """A stake bought is an investment, a majority or the remaining shares an acquisition."""
    words = {t.lower_ for o in obj for t in o.subtree}
    if words & {"majority", "controlling", "remaining", "rest", "outright", "whole"}:
        return "acquisition"
    for o in obj:
        for t in o.subtree:
            if t.like_num and t.i + 1 < len(t.doc) and t.nbor(1).text in ("%", "percent", "pct"):
                try:
                    return "acquisition" if float(t.text) >= 50 else "investment"
                except ValueError:
                    continue
    return "investment"


def _stake_target(obj: list[Token], r: Resolver) -> list[str]:
    """The company a stake is in: "a 20% stake in Fiat", "20% of Fiat's auto unit"."""
    for o in obj:
        for child in o.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                keys = r.keys(pobjs(child))
                if keys:
                    return keys
    return r.keys(obj)


# Verbs whose object a deal noun is when the clause states the deal: "announced a takeover".
_STATING_VERBS = word_set("event_frames.stating_verbs")
# Subject-of verbs by which a deal noun is stated: "the sale went ahead", "the merger failed".
_STATING_SUBJECT_VERBS = word_set("event_frames.stating_subject_verbs")
# Governing words of a prepositional deal noun that state it: "plans for a takeover".
_STATING_FRAMES = word_set("event_frames.stating_frames")


def stated_nominal(
    t: Token, args: Args, agents: list[str], targets: list[str], verbs: frozenset[str] = frozenset()
) -> bool:
    """Whether a deal noun states a deal rather than refers back to one: "X's takeover of Y",
    "announced a takeover", "plans for a merger", "the sale went ahead" state it; "damages for
    the sale", "the auction was illegal", "efforts to halt the sale" refer to it."""
    if agents and targets:
        return True
    gov, rel = args.governor, args.gov_dep or ""
    if gov is None:
        return t.dep_ == "ROOT" and bool(agents or targets)
    lemma = head_lemma(gov)
    if rel.startswith("pobj"):
        return lemma in _STATING_FRAMES
    if rel in ("dobj", "nsubjpass", "attr", "oprd"):
        return lemma in _STATING_VERBS | verbs or (
            bool(agents or targets) and lemma not in _OPPOSING
        )
    if rel == "nsubj":
        # "the sale went ahead"; "a merger with X would be the largest deal": a hypothetical
        return lemma in _STATING_SUBJECT_VERBS | verbs or _modal(gov)
    if rel == "compound":
        return head_lemma(gov) in EVENT_HEADS
    return bool(agents or targets)


# Verbs of which a bid noun is the object or subject when the clause states the bid.
_BID_VERBS = word_set("event_frames.bid_verbs")


def _stated_bid(t: Token, args: Args) -> bool:
    """Whether a bid with no company named is stated rather than referred to: "made a bid",
    "higher bids from foreign groups" state one; "the bid undervalued the business", "money
    used for the bid" refer to one."""
    gov, rel = args.governor, args.gov_dep or ""
    if gov is None:
        return False
    lemma = head_lemma(gov)
    if rel == "nsubj":
        return lemma in _BID_VERBS | _STATING_SUBJECT_VERBS
    if rel.startswith("pobj"):
        return rel not in ("pobj:for", "pobj:to", "pobj:of", "pobj:with", "pobj:at")
    return lemma not in _OPPOSING


def _attr_of(t: Token) -> list[Token]:
    """The subject or attribute a bidder noun is equated with: "X is the likely bidder", "the
    only bidder is X"."""
    gov = t.head
    if t.dep_ == "attr":
        return [c for c in gov.children if c.dep_ == "nsubj"]
    if t.dep_ == "nsubj":
        return [c for c in gov.children if c.dep_ == "attr"]
    return [c for c in t.children if c.dep_ == "appos"]


def _other_purpose(t: Token) -> bool:
    """ "a bid to stave off the auction": a bid whose purpose is no purchase is an attempt."""
    for child in t.children:
        if child.dep_ in ("acl", "relcl") and any(g.lower_ == "to" for g in child.children):
            return head_lemma(child) not in ("buy", "acquire", "take", "purchase", "merge", "gain")
    return False


def _modal(verb: Token) -> bool:
    """Whether a verb carries would, could, might or may."""
    return any(
        c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may") for c in verb.children
    )


# Verbs that act on a deal without stating it: "block the sale", "opposed any takeover".
_OPPOSING = word_set("event_frames.opposing")


def _product_owner(subj: list[Token], r: Resolver) -> list[str]:
    """The company of a product subject: "Sony's PSP has sold ...", "the console" -> nearest."""
    for s in subj:
        for t in s.subtree:
            key = r.company[t.i]
            if key:
                return [key]
    return []


def _leadership_from(args: Args, r: Resolver, rule: str) -> Frame | None:
    """A leadership change at the company of the person in the arguments."""
    company = r.keys(
        args.preps.get("of", []) + args.preps.get("at", []) + args.preps.get("from", [])
    )
    people = args.subj + args.obj
    for p in people:
        if company:
            break
        key = r.affiliation(p) if (r.is_person(p) or _lemma_set([p]) & TITLE_NOUNS) else None
        company = [key] if key else []
    if not company:
        company = [k for k in r.keys(args.subj) if r.kind(k) != "government"]
    if not company:
        return None
    return Frame("leadership_change", rule, tuple(company[:1]))
