"""Event frames of deals called off: "withdrew its takeover offer", "the talks collapsed",
"pulled out of the auction" (see event_frames; the other deal families are in
event_frames_deals)."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import Args, Resolver, head_lemma, pobjs
from newsfacts.extract.event_frames_common import DEAL_NOUNS, Frame, _businesses, _lemma_set, _place
from newsfacts.extract.event_lexicon import Predicate


def frame_cancel(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "withdrew its takeover offer for UFJ", "the talks collapsed", "pulled out of the $3bn
    deal"; "pulled out of Russia" is a market exit; "the firm collapsed" a bankruptcy."""
    t = pred.token
    subj = args.subj if not args.passive else []
    obj = (
        args.obj + args.preps.get("of", []) + args.preps.get("from", []) + args.preps.get("on", [])
    )
    obj = obj + _out_of(t)
    if args.passive:
        obj = obj + args.obj
        subj = args.subj
    deal = [o for o in obj if head_lemma(o) in DEAL_NOUNS] or _contest_left(t, args, r)
    place = _place(obj)
    lemma = head_lemma(t)
    if not deal and lemma in ("collapse", "fall", "break") and not args.obj:
        deal = [s for s in args.subj if head_lemma(s) in DEAL_NOUNS]
        if not deal and r.keys(args.subj) and lemma == "collapse":
            return Frame("bankruptcy", "events.cancel.collapsed_company", tuple(r.keys(args.subj)))
        subj = []
    if not deal:
        if place or _lemma_set(obj) & {"market", "markets", "country", "business"}:
            return Frame(
                "market_exit", "events.cancel.market", tuple(r.keys(args.subj)), place=place
            )
        if lemma == "drop" and _lemma_set(obj) & {
            "lawsuit",
            "case",
            "suit",
            "claim",
            "charges",
            "action",
        }:
            return Frame("settlement", "events.cancel.dropped_case", tuple(r.keys(args.subj)))
        return None
    parties = _deal_parties(deal, r)
    agents = r.keys(subj) or parties[:1]
    others = [k for k in parties if k not in agents]
    return Frame(
        "deal_cancelled", "events.cancel.deal", tuple(agents), tuple(others), distributive=False
    )


# Sales a bidder withdraws from: "withdrew from the auction", "may pull out of the process".
_CONTESTS = frozenset({"auction", "bidding", "race", "tender", "process"})


def _contest_left(t: Token, args: Args, r: Resolver) -> list[Token]:
    """The sale a company bidder leaves: "X and Y withdrew from the auction", "X may pull out
    of the process" (a person or a country leaving a race is no deal)."""
    left = args.preps.get("from", []) + args.preps.get("of", []) + _out_of(t)
    left = [o for o in left if head_lemma(o) in _CONTESTS]
    if not left or args.passive or not _businesses(args.subj, r):
        return []
    return left


def _out_of(t: Token) -> list[Token]:
    """What a verb gets or pulls "out of", parsed as "out" with its own "of": "to get out of a
    deal", "may pull out of the process"."""
    return [
        o
        for c in t.children
        if c.lower_ == "out"
        for p in c.children
        if p.lower_ == "of"
        for o in pobjs(p)
    ]


def _deal_parties(deal: list[Token], r: Resolver) -> list[str]:
    """Companies a deal noun names: "its offer for UFJ", "talks between A and B", "the X deal";
    a descriptor party ("between the Nordic company and B") is a company other than B."""
    tokens: list[Token] = []
    for d in deal:
        for child in d.children:
            if child.dep_ in ("poss", "compound", "nmod"):
                tokens.append(child)
            elif child.dep_ == "prep":
                tokens += [t for p in pobjs(child) for t in (p, *p.conjuncts)]
    named = {r.company[t.i] for t in tokens if r.company[t.i]}
    parties: list[str] = []
    for t in tokens:
        key = r.company[t.i] or r.key_other_than(t, named | set(parties))
        if key and key not in parties:
            parties.append(key)
    return parties
