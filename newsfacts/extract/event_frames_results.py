"""Event frames of results: financial results and rankings, and whose result it is (see
event_frames)."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import Args, Resolver, head_lemma, verb_args
from newsfacts.extract.event_frames_common import (
    _STAT_OWNERS,
    Frame,
    _businesses,
    _lemma_set,
    _product_owner,
)
from newsfacts.extract.event_frames_products import _topic_company
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_words import word_set

# Verbs of which a result noun is the object: "reported profits of", "posted a loss".
_REPORT_VERBS = word_set("event_frames.report_verbs")


def frame_result(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "France Telecom's profits rose 5.5%", "X reported a net loss of 472bn yen", "its sales
    slid 41%", "X lost market share"; sales of a country or a sector are no company result."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        owners = r.keys(args.subj) if not args.passive else _product_owner(args.obj, r)
        lemma = head_lemma(t)
        if lemma == "lose" and not (
            _lemma_set(args.obj) & {"money", "share", "customers", "subscribers", "ground", "cash"}
            or _money_obj(args.obj)
        ):
            return None
        if lemma == "earn" and not _money_obj(args.obj):
            return None
        if lemma in ("add", "ship", "download") and not _counted_result(t, args):
            return None  # "added that...", "shipped the parts"
        if lemma in ("add", "ship", "download") and not owners:
            owners = _topic_company(t, r)
        return (
            Frame("financial_result", "events.result.verb", tuple(_companies_only(owners, r)))
            if owners
            else None
        )
    if t.dep_ == "compound" and head_lemma(t.head) not in {
        "warning",
        "growth",
        "forecast",
        "forecasts",
        "figures",
        "rise",
        "fall",
        "increase",
        "decline",
        "target",
        "targets",
        "payment",
        "payments",
        "payout",
    }:
        return None
    owners = _result_owner(t, args, r)
    if not owners:
        return None
    # "issued its third profits warning": a warning is a forecast
    forecast = "warning" in pred.text.lower() or head_lemma(t.head) in ("warning", "forecast")
    status = "speculated" if forecast else "occurred"
    return Frame("financial_result", "events.result.noun", tuple(owners), default_status=status)


# What "added", "shipped" or "downloaded" count in a result: "added 5m new customers".
_COUNTED = word_set("event_frames.counted")


def _counted_result(t: Token, args: Args) -> bool:
    """A count of customers, units or downloads: "added more than five million new customers",
    "expected to ship three million PSPs", "downloaded more than 20,000 times"."""
    objs = args.obj + [a for v in args.preps.values() for a in v]
    if _lemma_set(args.obj) & _COUNTED:
        return True
    return any(c.like_num for o in objs for c in o.subtree) and head_lemma(t) != "add"


def _companies_only(keys: list[str], r: Resolver) -> list[str]:
    return [k for k in keys if r.kind(k) not in ("government",)]


def _money_obj(obj: list[Token]) -> bool:
    return any(
        o.like_num or o.ent_type_ == "MONEY" or o.tag_ == "$" for t in obj for o in t.subtree
    )


def _result_owner(t: Token, args: Args, r: Resolver) -> list[str]:
    """The company whose result a noun names: possessor, company compound, "of X", the
    subject of the reporting verb ("X posted profits"); none for a place or a sector."""
    own = [m for m in args.mods if not (t.left_edge.i <= m.i < t.i and m.lower_ == "market")]
    stat = _lemma_set(args.subj + own) & _STAT_OWNERS
    if stat:
        return []
    owners = _companies_only(r.keys(args.subj) + _businesses(args.mods, r), r)
    owners += _companies_only(r.keys(args.preps.get("of", []) + args.preps.get("at", [])), r)
    if owners:
        return list(dict.fromkeys(owners))
    gov = args.governor
    if (
        gov is not None
        and args.gov_dep in ("dobj", "nsubjpass", "attr")
        and head_lemma(gov) in _REPORT_VERBS
    ):
        return _companies_only(r.keys(verb_args(gov).subj), r) or _reported_by_bare(gov, r)
    if (
        gov is not None
        and args.gov_dep
        and args.gov_dep.startswith("pobj")
        and head_lemma(gov) in _REPORT_VERBS | {"return", "swing", "slip", "plunge", "fall"}
    ):
        return _companies_only(r.keys(verb_args(gov).subj), r)
    return _clause_owner(t, r) or _speaker_owner(t, r) or _previous_subject_owner(t, r)


def _reported_by_bare(verb: Token, r: Resolver) -> list[str]:
    """A result lifted by a bare result of the previous sentence's company, through a
    participle: "Tollan posted a profit. Sales climbed 5%, lifting revenue to 1bn euros"."""
    if not _bare_participle(verb):
        return []
    return _previous_subject_owner(_subject_of(verb.head), r)


def _previous_subject_owner(t: Token, r: Resolver) -> list[str]:
    """The company a bare result subject opening a sentence belongs to when the sentence before
    is about one company: "Tollan said profit rose 5%. Sales climbed to 364m euros", "Halvard
    posted a loss. Revenue fell 3%" (an owned, specified or mid-sentence noun is not bare)."""
    if t.dep_ != "nsubj" or t.left_edge.i != t.sent.start or t.sent.start == 0:
        return []
    if any(c.dep_ not in ("amod", "compound") for c in t.children if c.i < t.i):
        return []  # "its sales", "the sales": owned or pointed at, not bare
    if any(c.dep_ == "prep" for c in t.children):
        return []  # "sales of cars": a market's
    root = t.doc[t.sent.start - 1].sent.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    keys = [k for k in _companies_only(r.keys(subj), r) if r.kind(k) == "company"]
    return keys if len(keys) == 1 else []


def _speaker_owner(t: Token, r: Resolver) -> list[str]:
    """The company that states a result with no owner of its own in its report: "Halvard
    also said profit in the quarter was 120m euros", "Tollan said sales rose 5%" (a result
    reported by analysts or a ministry has no company owner)."""
    if t.dep_ not in ("nsubj", "nsubjpass") or any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in t.children
    ):
        return []  # "sales of downloaded songs grew, the industry body reported": a market's
    clause = t.head
    if clause.dep_ != "ccomp" or head_lemma(clause.head) not in _SAY_VERBS:
        return []
    speakers = [c for c in clause.head.children if c.dep_ == "nsubj"]
    return [k for k in _companies_only(r.keys(speakers), r) if r.kind(k) == "company"]


# Verbs by which a company reports its own figures: "X said profit was...".
_SAY_VERBS = frozenset({"say", "report", "announce", "state", "confirm", "disclose", "add"})


def _clause_owner(t: Token, r: Resolver) -> list[str]:
    """The company subject of the clause a result noun sits in as object or adjunct: "the
    company leads the market with 21.5% market share"; through a participle with no subject of
    its own, the one it describes: "the company is the top vendor, leading the market with 30%
    market share"."""
    current = t
    for _ in range(8):
        if current.dep_ in ("nsubj", "nsubjpass", "csubj") or current.head.i == current.i:
            return []
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            subj = [c for c in current.children if c.dep_ == "nsubj"]
            if subj or not _bare_participle(current):
                return [k for k in _companies_only(r.keys(subj), r) if r.kind(k) == "company"]
            described = [k for k in r.keys([current.head]) if r.kind(k) == "company"]
            if described:
                return described  # "Foo, leading the market with ..."
    return []


def _subject_of(verb: Token) -> Token:
    """The subject of a verb, or the verb itself when it has none (and no owner follows)."""
    return next((c for c in verb.children if c.dep_ == "nsubj"), verb)


def _bare_participle(verb: Token) -> bool:
    """A participle phrase with no subject that hangs on a noun or a clause ("..., leading")."""
    return verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("acl", "advcl")


# Nouns a ranking is stated of: "the third largest handset vendor".
_RANK_NOUNS = word_set("event_frames.rank_nouns")


def frame_rank(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "X was the third largest handset vendor in the world", "X ranked second": a ranking
    stated of a company (an apposition, "X, Japan's largest bank,", only describes it)."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        owners = _businesses(args.subj, r)
        return Frame("financial_result", "events.result.rank", tuple(owners)) if owners else None
    noun = t.head
    if head_lemma(noun) not in _RANK_NOUNS or noun.dep_ != "attr":
        return None
    owners = _businesses([c for c in noun.head.children if c.dep_ == "nsubj"], r)
    return Frame("financial_result", "events.result.rank", tuple(owners)) if owners else None
