"""Event frames: a predicate and its arguments in, the event type and the roles of its parties out.

One small rule per predicate family (the `family` column of resources/event_predicates.tsv). The
type comes from the predicate and its arguments, never from the word alone: "launched an inquiry
into X" is an investigation, "sold its car unit to Y" an acquisition by Y, "sold 2 million
consoles" a financial result, "was fined for breaching takeover rules" a regulatory action and no
acquisition. Each rule returns a Frame (or None when the words name no event of the taxonomy),
stamped with the rule that made it.
"""

from __future__ import annotations

import re
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
    verb_args,
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


def frame_buy(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "Brenmoor bought Tollan", "was acquired by Rosneft", "X's takeover of Y", "agreed to
    buy a 20% stake in Fiat" (investment), "took over as chief executive" (leadership)."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        if "as" in args.preps or (head_lemma(t) == "take" and not args.obj and r.is_person(t)):
            return _leadership_from(args, r, "events.buy.took_over_as")
        obj = args.obj or args.preps.get("of", []) or args.preps.get("out", [])
        if not obj or not _is_business(obj, r):
            return None
        lemmas = _lemma_set(obj)
        kind = (
            _stake_type(obj)
            if lemmas & {"stake", "share", "shares", "%", "percent"}
            else "acquisition"
        )
        targets = _stake_target(obj, r) if kind == "investment" else r.keys(obj)
        agents = r.keys(args.subj)
        return Frame(
            kind,
            f"events.buy.{'stake' if kind == 'investment' else 'verb'}",
            tuple(agents),
            tuple(t for t in targets if t not in agents),
        )
    return _noun_acquisition(pred, args, r, "events.buy.noun")


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


def _noun_acquisition(pred: Predicate, args: Args, r: Resolver, rule: str) -> Frame | None:
    """ "X's takeover of Y", "the acquisition of Y by X", "the Y takeover", "a merger with Y"."""
    if pred.token.dep_ == "compound" and head_lemma(pred.token.head) not in EVENT_HEADS:
        return None  # "takeover rules", "merger law": a topic, not an event
    targets = r.keys(args.preps.get("of", []) + args.preps.get("for", []))
    partners = r.keys(args.preps.get("with", []) + args.preps.get("between", []))
    mods = _businesses(args.mods, r)
    subj = r.keys(_subjects(args, pred))
    if not targets and mods:
        targets, mods = mods[-1:], mods[:-1]
    agents = [k for k in subj + mods + r.keys(args.preps.get("from", [])) if k not in targets]
    if not agents and len(partners) >= 2:
        agents, partners = partners[:1], partners[1:]
    if not stated_nominal(pred.token, args, agents, targets + partners):
        return None
    return Frame("acquisition", rule, tuple(agents), tuple(targets + partners), distributive=False)


def frame_merge(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "Rosneft agreed to merge with Gazprom", "the UFJ-MTFG merger", "a merger of A and B"."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        subj = r.keys(args.subj)
        partners = r.keys(args.preps.get("with", []) + args.obj)
        if len(subj) >= 2 and not partners:
            subj, partners = subj[:1], subj[1:]
        if _lemma_set(args.obj) & {
            "operation",
            "operations",
            "business",
            "businesses",
            "unit",
            "units",
            "arm",
            "arms",
        }:
            return Frame(
                "partnership",
                "events.merge.operations",
                tuple(subj),
                partners=tuple(partners),
                distributive=False,
            )
        if not subj and not partners:
            return None
        return Frame(
            "acquisition", "events.merge.verb", tuple(subj), tuple(partners), distributive=False
        )
    return _noun_acquisition(pred, args, r, "events.merge.noun")


def frame_sell(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "sold its car unit to Y" (acquisition by Y), "the sale of Yugansk", "sold 2 million
    consoles" (financial result), "selling an 8% stake in X"."""
    t = pred.token
    if t.lower_ == "sales":
        return frame_result(pred, args, r)
    obj = args.obj or args.preps.get("of", []) or args.preps.get("off", [])
    lemmas = _lemma_set(obj)
    buyers = r.keys(args.preps.get("to", []) + args.preps.get("dative", []))
    counted = ({o.lower_ for o in obj} | lemmas - {"unit"}) & RESULT_UNITS  # not "its unit"
    if t.pos_ in ("VERB", "AUX") and (counted or _counted(obj)) and not buyers:
        owner = r.keys(args.subj) or _product_owner(args.subj, r) or _topic_company(t, r)
        if not owner:
            return None
        return Frame("financial_result", "events.sell.units", tuple(owner))
    if t.pos_ in ("NOUN", "PROPN"):
        if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS:
            return None
        sellers = r.keys(_subjects(args, pred))
        if t.dep_ == "pobj" and t.head.lower_ == "for" and not obj:
            return None  # "cars for sale"
        targets = r.keys(obj) or sellers
        if not stated_nominal(t, args, buyers, targets):
            return None
        return Frame("acquisition", "events.sell.noun", tuple(buyers), tuple(targets))
    if not obj or not _is_business(obj, r):
        agents = [k for k in r.keys(args.subj) if r.kind(k) != "government"]
        if obj and agents and not args.passive and _product_like(obj, strict=True):
            # "will sell a workstation with the chip", "no plans to sell the adapter abroad"
            return Frame("product_launch", "events.sell.product", tuple(agents[:1]))
        if args.passive and (args.obj or buyers):
            return Frame(
                "acquisition", "events.sell.passive", tuple(buyers), tuple(r.keys(args.obj))
            )
        return None
    sellers = r.keys(args.subj)
    targets = (_stake_target(obj, r) if lemmas & {"stake"} else r.keys(obj)) or sellers
    return Frame("acquisition", "events.sell.verb", tuple(buyers), tuple(targets))


def _counted(obj: list[Token]) -> bool:
    """Whether an object is a count of items: "sold 800,000", "sold more than 2 million"."""
    return any(o.like_num or any(c.dep_ == "nummod" for c in o.children) for o in obj) and not (
        _lemma_set(obj) & BUSINESS_NOUNS
    )


def _product_owner(subj: list[Token], r: Resolver) -> list[str]:
    """The company of a product subject: "Sony's PSP has sold ...", "the console" -> nearest."""
    for s in subj:
        for t in s.subtree:
            key = r.company[t.i]
            if key:
                return [key]
    return []


def frame_bid(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "made a £2bn bid for Tollan", "UPS is the most likely bidder for the firm", "rejected a
    takeover offer from X", "an offer of 950p a share" (a bid stays planned when rejected)."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        if "for" not in args.preps:
            return None
        targets = r.keys(args.preps["for"])
        return Frame(
            "acquisition",
            "events.bid.verb",
            tuple(r.keys(args.subj)),
            tuple(targets),
            default_status="planned",
        )
    if not _is_acquisition_offer(t, args, r) or _other_purpose(t):
        return None
    if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS:
        return None
    targets = r.keys(args.preps.get("for", []) + args.preps.get("to", []))
    agents = r.keys(args.subj + args.preps.get("from", []))
    gov = head_lemma(args.governor) if args.governor is not None else ""
    if args.gov_dep == "pobj:from" and any(
        c.dep_ == "dobj" and head_lemma(c) in ("bid", "offer") for c in args.governor.children
    ):
        return None  # "raise its bid to £1.5bn from its initial £1.3bn offer": the prior bid
    rel = args.gov_dep or ""
    side = (
        light_subject(args)
        if rel in ("dobj", "attr", "nsubjpass") or rel.startswith("pobj:") and rel != "pobj:by"
        else []
    )
    if gov in (
        "receive",
        "reject",
        "rebuff",
        "spurn",
        "oppose",
        "face",
        "welcome",
        "accept",
        "consider",
        "recommend",
        "attract",
        "back",
        "turn",
        "dismiss",
    ):
        targets = targets or r.keys(side)
    elif gov in ("be",) and head_lemma(t) == "bidder":
        agents = agents or r.keys(side)
    else:
        agents = agents or r.keys(side)
    mods = [k for k in _businesses(args.mods, r) if k not in agents]
    targets = targets or mods
    if head_lemma(t) == "bidder" and not agents:
        agents = r.keys(_attr_of(t))
    if not (agents or targets) and not _stated_bid(t, args):
        return None
    # an approach or a proposal without a bid is talk (guidelines: approaches without an offer)
    tentative = head_lemma(t) in ("proposal", "approach") and not {m.lower_ for m in args.mods} & {
        "bid",
        "takeover",
        "formal",
    }
    status = "speculated" if tentative else "planned"
    return Frame(
        "acquisition",
        "events.bid.noun",
        tuple(agents),
        tuple(k for k in targets if k not in agents),
        default_status=status,
    )


# Modifiers that make an offer, approach or proposal a bid for a company.
_BID_MODS = word_set("event_frames.bid_mods")
# Verbs whose object an offer is when it is a bid: "tabled an offer", "rebuffed the approach".
_OFFER_VERBS = word_set("event_frames.offer_verbs")


def _is_acquisition_offer(t: Token, args: Args, r: Resolver) -> bool:
    """Whether "offer"/"approach"/"proposal" is a bid for a company: "takeover offer", "an
    offer for UFJ", "an offer of 300p a share", "Mr Glazer's new offer", "tabled an offer" -
    in a text about buying companies (not "a special offer", "an offer of help")."""
    if head_lemma(t) in ("bid", "bidder"):
        return True
    if not r.acquisition_context():
        return False
    if {m.lower_ for m in args.mods} & _BID_MODS:
        return True
    if args.preps.get("for") or r.parties(args.subj + args.preps.get("from", [])):
        return True
    text = t.doc[t.i : min(len(t.doc), t.i + 8)].text.lower()
    if re.search(r"\b(?:a|per) share\b", text):
        return True
    gov = head_lemma(args.governor) if args.governor is not None else ""
    return gov in _OFFER_VERBS


def frame_talks(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "merger talks with X", "in talks to buy Y" (the buy rule reads it), "settlement talks"."""
    t = pred.token
    if t.lower_ == "talk" or (
        t.pos_ in ("NOUN", "PROPN") and t.lower_ not in ("talks", "negotiations")
    ):
        return None
    mods = {m.lower_ for m in args.mods}
    partners = r.keys(args.preps.get("with", []) + args.preps.get("between", []))
    agents = [k for k in r.keys(_subjects(args, pred) or light_subject(args)) if k not in partners]
    if mods & {"settlement", "peace", "compensation", "pay", "wage"}:
        return Frame(
            "settlement",
            "events.talks.settlement",
            tuple(agents),
            partners=tuple(partners),
            default_status="speculated",
            distributive=False,
        )
    if not (agents or partners):
        return None
    return Frame(
        "acquisition",
        "events.talks.deal",
        tuple(agents),
        tuple(partners),
        default_status="speculated",
        distributive=False,
    )


def frame_deal(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "struck a deal with Peugeot to supply cars" (partnership), "a takeover deal", "the
    settlement deal"; "the deal" alone is a reference, resolved by event_syntax."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        return _signed(pred, args, r)
    if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS:
        return None
    mods = {m.lower_ for m in args.mods}
    partners = r.keys(args.preps.get("with", []) + args.preps.get("between", []))
    partners += [k for k in _purpose_parties(t, r) if k not in partners]
    agents = [
        k for k in r.keys(_subjects(args, pred)) + _businesses(args.mods, r) if k not in partners
    ]
    if mods & {"takeover", "merger", "buyout", "acquisition"}:
        return Frame(
            "acquisition",
            "events.deal.takeover",
            tuple(agents),
            tuple(partners),
            default_status="planned",
            distributive=False,
        )
    if mods & {"settlement", "compensation"}:
        return Frame(
            "settlement",
            "events.deal.settlement",
            tuple(agents),
            partners=tuple(partners),
            distributive=False,
        )
    if not partners and len(agents) >= 2:
        agents, partners = agents[:1], agents[1:]
    if not (agents and partners):
        return None
    return Frame(
        "partnership",
        "events.deal.partner",
        tuple(agents),
        partners=tuple(partners),
        distributive=False,
    )


def _purpose_parties(deal: Token, r: Resolver) -> list[str]:
    """The other side named in a deal's purpose clause: "a deal to supply Peugeot with cars"."""
    for child in deal.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX"):
            args = verb_args(child)
            return r.keys(args.obj + args.preps.get("dative", []) + args.preps.get("with", []))
    return []


# Nouns of signed agreements: "signed a Memorandum of Understanding", "signed a contract".
_AGREEMENTS = word_set("event_frames.agreements")


def _signed(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "The two firms signed a Memorandum of Understanding", "X signed a deal with Y": a
    partnership when two parties sign (the agreement noun is absorbed)."""
    if not _lemma_set(args.obj) & _AGREEMENTS:
        return None
    with_ = [
        p
        for o in args.obj
        for c in o.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for p in pobjs(c)
    ]
    partners = r.keys(args.preps.get("with", []) + with_)
    agents = [k for k in r.keys(args.subj) if k not in partners]
    if not (agents or partners) and args.passive:
        agents = _sentence_companies(pred.token, r)  # "the contract, signed in 2000"
    if not partners and len(agents) >= 2:
        agents, partners = agents[:1], agents[1:]
    if not (agents and partners):
        return None
    return Frame(
        "partnership",
        "events.deal.signed",
        tuple(agents),
        partners=tuple(partners),
        distributive=False,
    )


def frame_partner(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "teamed up with X", "an alliance with Y", "a joint venture between A and B"."""
    t = pred.token
    if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS:
        return None
    linked = args.preps.get("to", []) if head_lemma(t) == "link" else []  # "linked to X"
    partners = r.keys(
        args.preps.get("with", []) + args.preps.get("between", []) + args.obj + linked
    )
    named_mods = [m for mod in args.mods for m in mod.subtree]  # "the Fiat-GM alliance"
    agents = [
        k for k in r.keys(_subjects(args, pred)) + _businesses(named_mods, r) if k not in partners
    ]
    if head_lemma(t) in ("work", "tie", "ties") and not partners:
        return None  # "working late", "ties" without a partner
    if not (agents or partners) and t.pos_ in ("NOUN", "PROPN"):
        # "part of an alliance agreed in 2000"; "Qantas might ... through joint ventures"
        stated = _stated_alliance(t, args)
        agents = _sentence_companies(t, r) if stated else _clause_owner(t, r)
    if not partners and len(agents) >= 2:
        agents, partners = agents[:1], agents[1:]
    if not (agents or partners):
        return None
    return Frame(
        "partnership", "events.partner", tuple(agents), partners=tuple(partners), distributive=False
    )


def _stated_alliance(t: Token, args: Args) -> bool:
    """An alliance noun the clause states without naming its parties: "part of an alliance
    agreed in 2000", "as part of a partnership agreement", "formed a joint venture"."""
    stated = any(c.dep_ == "acl" and c.tag_ == "VBN" for c in t.children)
    noun = t.head if t.dep_ == "compound" else t  # "a partnership agreement"
    gov = noun.head.head if noun.dep_ == "pobj" else noun.head
    return stated or head_lemma(gov) in (
        "form",
        "set",
        "create",
        "agree",
        "announce",
        "sign",
        "part",
        "seal",
        "come",
    )


def _sentence_companies(t: Token, r: Resolver) -> list[str]:
    """The companies (not authorities) named in a word's sentence, in order."""
    sent = t.sent
    keys: list[str] = []
    for m in r.index.companies_in(sent.start_char, sent.end_char):
        if r.kind(m.company_key) == "company" and m.company_key not in keys:
            keys.append(m.company_key)
    return keys[:3]


def frame_cancel(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "withdrew its takeover offer for UFJ", "the talks collapsed", "pulled out of the $3bn
    deal"; "pulled out of Russia" is a market exit; "the firm collapsed" a bankruptcy."""
    t = pred.token
    subj = args.subj if not args.passive else []
    obj = (
        args.obj + args.preps.get("of", []) + args.preps.get("from", []) + args.preps.get("on", [])
    )
    if args.passive:
        obj = obj + args.obj
        subj = args.subj
    deal = [o for o in obj if head_lemma(o) in DEAL_NOUNS]
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


def frame_launch(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "unveiled a new tablet", "the console goes on sale in March", "launched an inquiry into
    X" (investigation), "launched its service in Spain" (market entry)."""
    t = pred.token
    obj = args.obj + (args.preps.get("of", []) if t.pos_ in ("NOUN", "PROPN") else [])
    lemmas = _lemma_set(obj)
    subj = _subjects(args, pred)
    lemma = head_lemma(t)
    if lemma == "available":
        return _made_available(t, r)
    if lemma in ("offer", "develop", "announce") and not _product_like(obj, strict=True):
        return None  # "offered $2bn", "announced a partnership": no product
    if lemmas & _INQUIRY:
        return Frame(
            "investigation",
            "events.launch.inquiry",
            tuple(_authority_keys(subj, r)),
            tuple(_into_targets(obj, r)),
        )
    if lemmas & _NOT_PRODUCT:
        return None
    if (
        t.pos_ in ("NOUN", "PROPN")
        and t.dep_ == "compound"
        and head_lemma(t.head) not in EVENT_HEADS | {"date", "event", "price"}
    ):
        return None
    place = _place(args.preps.get("in", []) + args.preps.get("into", []))
    agents = r.keys(subj) or _product_owner(subj + obj, r)
    if args.passive:
        agents = r.keys(args.subj) or _product_owner(args.obj, r)
    if not agents and _product_like(subj + obj):
        agents = _topic_company(t, r)
    if not agents and not obj and t.pos_ in ("VERB", "AUX"):
        return None
    if place and t.pos_ in ("VERB", "AUX") and _enters_market(args, obj, r):
        return Frame("market_entry", "events.launch.in_place", tuple(agents), place=place)
    if t.tag_ in ("VBZ", "VBP") and not args.passive and lemma in ("offer", "develop", "sell"):
        return None  # "it offers a Voip service": what a firm does, no launch
    agents = [k for k in agents if r.kind(k) != "government"]
    if not agents:
        return (
            None  # a launch needs the company that launches (a product named alone may be a topic)
        )
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and not obj and not args.subj:
        return None  # "for its US launch": a reference
    return Frame("product_launch", "events.launch.product", tuple(agents), distributive=False)


# Objects by which launching in a country is entering it: "launched its operations in Spain".
_ENTRY_OBJECTS = word_set("event_frames.entry_objects")


def _enters_market(args: Args, obj: list[Token], r: Resolver) -> bool:
    """ "X launched in Spain", "kicked off its operations in Spain", "launched its phones in
    Portugal" enter a market; "the console went on sale in Japan" launches a product there."""
    if args.passive:
        return False
    if not obj:
        return bool(r.keys(args.subj)) and not _product_like(args.subj, strict=True)
    return bool(_lemma_set(obj) & _ENTRY_OBJECTS) or (
        r.keys(args.subj) and not _product_like(obj, strict=True) and _possessed(obj)
    )


def _possessed(obj: list[Token]) -> bool:
    """ "its phones", "the company's handsets": the firm's own line, not one new product."""
    return any(c.dep_ == "poss" for o in obj for c in o.children) and any(
        o.tag_ in ("NNS", "NNPS") for o in obj
    )


def _product_like(obj: list[Token], strict: bool = False) -> bool:
    """Whether an argument names a product ("a new tablet", "the handheld console", "the PSP");
    strict: a product noun itself (not any proper name)."""
    if any(o.lemma_.lower() in PRODUCT_NOUNS for o in obj):
        return True
    if strict:
        return False
    return any(c.lower_ in ("new", "latest") for o in obj for c in o.children) or any(
        o.pos_ == "PROPN" for o in obj
    )


def _made_available(t: Token, r: Resolver) -> Frame | None:
    """ "the V8 Vantage will be available in the UK", "connectivity will be made available",
    "its films would be available on the new format": a product put on the market."""
    head = t.head
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and head.dep_ in ("relcl", "acl"):
        subj = [head.head]
    if not subj or not (_product_like(subj) or r.keys(subj)):
        return None
    agents = _product_owner(subj, r) or r.keys(subj) or _topic_company(t, r)
    agents = [k for k in agents if r.kind(k) != "government"]
    if not agents:
        return None
    return Frame("product_launch", "events.launch.available", tuple(agents[:1]))


# Nouns of products and services that are launched: "the console goes on sale".
PRODUCT_NOUNS = word_set("event_frames.product_nouns")


def _topic_company(t: Token, r: Resolver) -> list[str]:
    """The company the text is about when a product is named without its maker: the last
    company named in this or the previous sentence, else the company named most often before
    it (the story's subject)."""
    doc = t.doc
    previous = doc[t.sent.start - 1].sent.start_char if t.sent.start > 0 else t.sent.start_char
    for m in reversed(r.index.companies_in(previous, t.idx)):
        if r.kind(m.company_key) == "company":
            return [m.company_key]
    counts: dict[str, int] = {}
    for m in r.index.companies_in(0, t.idx):
        if r.kind(m.company_key) == "company":
            counts[m.company_key] = counts.get(m.company_key, 0) + 1
    return [max(counts, key=counts.get)] if counts else []


def _authority_keys(subj: list[Token], r: Resolver) -> list[str]:
    """Keys of the acting authority (any organisation subject when it names one)."""
    return r.keys(subj)


def _into_targets(obj: list[Token], r: Resolver) -> list[str]:
    """The company an inquiry is into: "an inquiry into X", "a probe of X"."""
    targets: list[str] = []
    for o in obj:
        for child in o.children:
            if child.dep_ == "prep" and child.lower_ in ("into", "of", "on"):
                targets += r.keys(pobjs(child))
    return targets


def frame_enter(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "to enter the Japanese market", "expanded into Latin America", "a foray into Peru",
    "to bring its phones to Brazil" (products brought to a country)."""
    preps = args.preps
    if head_lemma(pred.token) == "bring":
        place = _place(preps.get("to", []))
        if not place or not _product_like(args.obj, strict=True):
            return None  # "bring the total to $5bn", "bring a case to court"
        return Frame(
            "market_entry", "events.enter.bring", tuple(r.keys(_subjects(args, pred))), place=place
        )
    if pred.token.pos_ in ("NOUN", "PROPN") and args.governor is not None and not preps:
        preps = verb_args(args.governor).preps  # "planning a foray into Canada"
    obj = args.obj + preps.get("into", []) + preps.get("to", []) + preps.get("in", [])
    lemmas = _lemma_set(obj)
    place = _place(obj)
    if lemmas & {
        "talks",
        "agreement",
        "deal",
        "negotiations",
        "partnership",
        "alliance",
        "contract",
        "administration",
        "liquidation",
        "receivership",
        "force",
        "race",
        "fray",
        "debate",
    }:
        return None
    if not place and not lemmas & {"market", "markets", "business", "sector", "industry", "game"}:
        return None
    agents = r.keys(_subjects(args, pred))
    return Frame("market_entry", "events.enter", tuple(agents), place=place)


def frame_exit(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "to exit the Brazilian market", "withdrew from Russia", "suspended operations in Iran";
    a person who quits or leaves the company is a leadership change."""
    t = pred.token
    obj = (
        args.obj + args.preps.get("from", []) + args.preps.get("of", []) + args.preps.get("in", [])
    )
    subj = _subjects(args, pred)
    if (
        head_lemma(t) in ("quit", "leave")
        and subj
        and (r.is_person(subj[0]) or _lemma_set(subj) & TITLE_NOUNS)
    ):
        return _leadership_from(args, r, "events.exit.person_left")
    lemmas = _lemma_set(obj)
    place = _place(obj)
    if head_lemma(t) == "suspend" and not (
        lemmas
        & {"operation", "operations", "service", "services", "production", "sales", "business"}
    ):
        return None
    if head_lemma(t) == "suspend" and not place:
        return None
    if not place and not lemmas & {
        "market",
        "markets",
        "country",
        "business",
        "operation",
        "operations",
    }:
        return None
    return Frame("market_exit", "events.exit", tuple(r.keys(subj)), place=place)


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
        return _companies_only(r.keys(verb_args(gov).subj), r)
    if (
        gov is not None
        and args.gov_dep
        and args.gov_dep.startswith("pobj")
        and head_lemma(gov) in _REPORT_VERBS | {"return", "swing", "slip", "plunge", "fall"}
    ):
        return _companies_only(r.keys(verb_args(gov).subj), r)
    return _clause_owner(t, r)


def _clause_owner(t: Token, r: Resolver) -> list[str]:
    """The company subject of the clause a result noun sits in as object or adjunct: "the
    company leads the market with 21.5% market share"; through a participle with no subject of
    its own, the one it describes: "the company is the top vendor, leading the market with 30%
    market share"."""
    current = t
    for _ in range(8):
        if current.dep_ in ("nsubj", "nsubjpass", "csubj") or current.head is current:
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


def _bare_participle(verb: Token) -> bool:
    """A participle phrase with no subject that hangs on a noun or a clause ("..., leading")."""
    return verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("acl", "advcl")


def frame_regulate(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "the Commission fined Microsoft", "X was fined £2m", "the court's ruling", "MPs voted to
    cut Turkcell's stake", "an order from the US bankruptcy court"; a board that rejects a bid
    or shareholders who approve a deal are no authority."""
    t = pred.token
    lemma = head_lemma(t)
    subj = _subjects(args, pred) + args.preps.get("from", [])
    if t.pos_ in ("NOUN", "PROPN"):
        subj = subj + args.mods
        if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS | {"order"}:
            return None
    authority = _is_authority(subj, r)
    if lemma in ("fine", "penalty") or pred.text.lower() in ("tax demand", "tax bill", "tax claim"):
        targets = r.keys(args.obj + args.preps.get("dative", [])) or r.keys(
            args.preps.get("on", []) + args.preps.get("against", [])
        )
        if args.passive or t.pos_ in ("NOUN", "PROPN"):
            targets = (
                targets or r.keys(light_subject(args))
                if t.pos_ in ("NOUN", "PROPN")
                else r.keys(args.obj)
            )
        if not authority and not targets:
            return None
        regs = _authorities(subj, r)
        return Frame(
            "regulatory_action",
            "events.regulate.fine",
            tuple(regs),
            tuple(k for k in targets if k not in regs),
            regulators=tuple(regs),
        )
    if not authority:
        return None
    regs = _authorities(subj, r)
    objs = (
        args.obj
        + args.preps.get("on", [])
        + args.preps.get("against", [])
        + args.preps.get("of", [])
        + args.preps.get("for", [])
        + args.preps.get("to", [])
    )
    targets = [k for k in r.keys(objs) if k not in regs]
    if not targets and t.pos_ in ("VERB", "AUX"):
        # "banned local firms from selling chips to X", "ordered X to stop work"
        rest = [c for c in t.children if c.dep_ not in _NOT_COMPLEMENTS]
        targets = [k for k in _owners_of(rest, r) if k not in regs]
    elif lemma in ("reject", "dismiss", "uphold", "throw") and not targets:
        targets = _owners_of(objs, r)
    return Frame(
        "regulatory_action",
        f"events.regulate.{lemma}",
        tuple(regs),
        tuple(targets),
        regulators=tuple(regs),
    )


# Children of a verb that are no complement: its subject, auxiliaries, adverbs.
_NOT_COMPLEMENTS = word_set("event_frames.not_complements")


def _owners_of(objs: list[Token], r: Resolver) -> list[str]:
    """Companies inside an object's subtree: "an attempt by Yukos to ..."."""
    for o in objs:
        for tok in o.subtree:
            if r.company[tok.i] and r.kind(r.company[tok.i]) != "government":
                return [r.company[tok.i]]
    return []


def frame_investigate(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "regulators are investigating X", "an inquiry into X was launched", "the Commission's
    probe of the deal"; a review by a company of its own business is no investigation."""
    t = pred.token
    subj = _subjects(args, pred) + (args.mods if t.pos_ in ("NOUN", "PROPN") else [])
    objs = (
        args.obj + args.preps.get("into", []) + args.preps.get("of", []) + args.preps.get("on", [])
    )
    authority = _is_authority(subj, r)
    targets = [k for k in _businesses(objs, r)]
    if (
        t.pos_ in ("NOUN", "PROPN")
        and args.governor is not None
        and head_lemma(args.governor)
        in ("launch", "open", "order", "announce", "begin", "start", "face", "conclude")
        and not authority
    ):
        authority = _is_authority(light_subject(args), r) or args.gov_dep == "nsubjpass"
        subj = light_subject(args)
        if head_lemma(args.governor) == "face":
            targets = targets or r.keys(subj)
            subj = []
    if head_lemma(t) in ("review", "audit", "examine", "raid") and not authority:
        return None
    if not targets and (t.pos_ in ("VERB", "AUX") or not authority):
        return None  # "police investigating a murder", "the panel probed the future of P2P"
    regs = _authorities(subj, r)
    agents = regs or [k for k in r.keys(subj) if k not in targets]
    return Frame(
        "investigation",
        "events.investigate",
        tuple(agents),
        tuple(k for k in targets if k not in agents),
        regulators=tuple(regs),
    )


def frame_sue(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "Yukos sued Deutsche Bank", "a lawsuit against X", "is being sued by Y", "threatened to
    sue the government for $28bn", "is seeking $20bn in damages from four firms"."""
    t = pred.token
    subj = _subjects(args, pred)
    if t.pos_ in ("NOUN", "PROPN"):
        subj = subj + args.mods
        if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS | {"claim", "claims"}:
            return None
        if (
            head_lemma(t) == "damages"
            and args.governor is not None
            and head_lemma(args.governor)
            not in ("seek", "claim", "demand", "want", "sue", "win", "award")
        ):
            return None
    lemma = head_lemma(t)
    if lemma == "appeal" and not _legal_appeal(t, args):
        return None
    if lemma == "court":
        return _court_case(t, r)
    if lemma == "challenge" and not _legal_challenge(args):
        return None
    targets = r.keys(args.obj + args.preps.get("against", []) + args.preps.get("from", []))
    agents = [k for k in r.keys(subj) if k not in targets]
    gov = head_lemma(args.governor) if args.governor is not None else ""
    if t.pos_ in ("NOUN", "PROPN") and gov in ("face", "receive", "spark", "prompt", "trigger"):
        # "X faces lawsuits": X is sued; "could spark shareholder lawsuits" names no suer
        targets, agents = targets or agents if gov in ("face", "receive") else targets, []
    if not agents and not targets and not (t.pos_ in ("NOUN", "PROPN") and lemma in _LEGAL_NOUNS):
        return None
    if t.pos_ in ("NOUN", "PROPN") and not stated_nominal(
        t, args, agents, targets, _SUE_VERBS | {"spark", "prompt", "trigger", "be"}
    ):
        return None
    return Frame("lawsuit", "events.sue", tuple(agents), tuple(targets))


# Nouns that name a lawsuit even when the text names no party ("lawsuits launched against
# downloaders", "any legal battle would be protracted").
_LEGAL_NOUNS = word_set("event_frames.legal_nouns")
# What a legal challenge is against: "challenged the Commission's ruling", "its jurisdiction".
_CHALLENGED = word_set("event_frames.challenged")


def _legal_challenge(args: Args) -> bool:
    """ "challenged a European Commission ruling", "the court's jurisdiction had been
    challenged", "challenged X in court" (not "challenged the market leader")."""
    objects = args.obj + args.preps.get("in", [])
    return bool(_lemma_set(objects) & (_CHALLENGED | {"court"}))


def _court_case(court: Token, r: Resolver) -> Frame | None:
    """A party taking a case to a court: "Yukos asked the US court to ...", "the row has
    reached the European Court of Justice", "X went to court" (a court that rules is the
    regulator's own rule: "the court ruled")."""
    if court.dep_ in ("nsubj", "nsubjpass", "compound", "poss"):
        return None
    if court.dep_ == "pobj" and court.head.lower_ not in ("to", "before"):
        return None  # "filed for protection in a US court": the court is a place
    verb = court.head.head if court.dep_ == "pobj" else court.head
    if verb.pos_ not in ("VERB", "AUX") or head_lemma(verb) not in _COURT_VERBS:
        return None
    agents = [k for k in r.keys(verb_args(verb).subj) if r.kind(k) != "government" or True]
    agents = [k for k in agents if k != r.key(court)]
    others = [
        k
        for k in r.keys([c for c in verb.children if c.dep_ == "prep" and c.lower_ == "against"])
        if k not in agents
    ]
    return Frame("lawsuit", "events.sue.court", tuple(agents), tuple(others))


# Verbs by which a party takes a case to a court: "asked the court to", "went to court".
_COURT_VERBS = word_set("event_frames.court_verbs")


# Verbs of which a lawsuit noun is the object when the clause states the suit.
_SUE_VERBS = word_set("event_frames.sue_verbs")
_RULINGS = word_set("event_frames.rulings")


def _legal_appeal(t: Token, args: Args) -> bool:
    """ "appealed against the ruling", "lodged an appeal" (not "appeal to buyers")."""
    if _lemma_set(args.preps.get("against", [])) & _RULINGS:
        return True
    gov = head_lemma(args.governor) if args.governor is not None else ""
    return t.pos_ in ("NOUN", "PROPN") and gov in (
        "lodge",
        "file",
        "launch",
        "lose",
        "win",
        "hear",
        "reject",
        "dismiss",
        "uphold",
    )


def frame_settle(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "agreed to settle the case", "a $1.1bn settlement with victims", "the pay-off to X"."""
    t = pred.token
    subj = _subjects(args, pred) + (args.mods if t.pos_ in ("NOUN", "PROPN") else [])
    partners = r.keys(
        args.preps.get("with", []) + args.preps.get("to", []) + args.preps.get("between", [])
    )
    agents = [k for k in r.keys(subj) if k not in partners]
    if not agents and len(partners) >= 2:
        agents, partners = partners[:1], partners[1:]
    if not (agents or partners):
        return None
    return Frame(
        "settlement", "events.settle", tuple(agents), partners=tuple(partners), distributive=False
    )


_DISPUTE = word_set("event_frames.dispute")


def frame_pay(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "GM is to pay Fiat 1.55bn euros to get out of a deal" (settlement), "agreed to pay $1.1bn
    to victims"; "pay a fine" is the fine's regulatory action; paying for a company is its
    purchase (the buy rule reads "paying £3m to buy X")."""
    t = pred.token
    words = {w.lemma_.lower() for w in t.subtree} | {w.lower_ for w in t.subtree}
    if words & {"fine", "penalty"}:
        return None
    if not words & _DISPUTE:
        return None
    payer = r.keys(args.subj)
    paid = r.keys(
        args.preps.get("to", [])
        + [c for c in t.children if c.dep_ in ("dative",)]
        + [o for o in args.obj if r.keys([o])]
    )
    if not payer:
        return None
    return Frame(
        "settlement",
        "events.pay.settlement",
        tuple(payer),
        partners=tuple(k for k in paid if k not in payer),
        distributive=False,
    )


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


def frame_leader(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "appointed Jo Lee as chief executive", "its chairman resigned", "will step down as
    CEO", "joined Kestrel Air as finance director", "the resignation of its boss"."""
    t = pred.token
    lemma = head_lemma(t)
    people = args.subj + args.obj + args.preps.get("of", [])
    if t.pos_ in ("NOUN", "PROPN"):
        people = people + args.mods + light_subject(args)
    has_person = (
        any(r.is_person(p) or _lemma_set([p]) & TITLE_NOUNS for p in people) or "as" in args.preps
    )
    if not has_person:
        return None
    if lemma in ("name", "replace", "succeed", "hire", "sack", "oust") and not any(
        r.is_person(o) or _lemma_set([o]) & TITLE_NOUNS for o in args.obj
    ):
        return None
    if lemma == "join":
        company = _businesses(args.obj, r)
        return (
            Frame("leadership_change", "events.leader.joined", tuple(company[:1]))
            if company
            else None
        )
    if (
        lemma in ("appoint", "name", "hire", "sack", "oust", "replace")
        and args.subj
        and not args.passive
    ):
        company = [k for k in r.keys(args.subj) if r.kind(k) != "government"]
        if company:
            return Frame("leadership_change", f"events.leader.{lemma}", tuple(company[:1]))
    return _leadership_from(args, r, f"events.leader.{lemma}")


def frame_layoff(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "laid off 1,200 workers", "announced 500 redundancies", "job cuts at X"."""
    t = pred.token
    subj = _subjects(args, pred) + (args.mods if t.pos_ in ("NOUN", "PROPN") else [])
    agents = _businesses(subj + args.preps.get("at", []), r)
    if not agents and t.pos_ in ("NOUN", "PROPN") and args.governor is not None:
        agents = _businesses(light_subject(args), r)
    if not agents:
        return None
    return Frame(
        "layoffs",
        "events.layoff",
        tuple(agents[:1]) if len(agents) > 1 and t.pos_ != "VERB" else tuple(agents),
    )


def frame_cut(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "cut 500 jobs", "axing 90 journalist jobs", "Moody's cut its rating of X" (rating
    change), "MPs cut Turkcell's stake" (regulatory action), "cut its sales forecast"."""
    t = pred.token
    obj = (
        args.obj
        if t.pos_ in ("VERB", "AUX")
        else args.mods + args.preps.get("in", []) + args.preps.get("of", [])
    )
    lemmas = _lemma_set(obj)
    subj = _subjects(args, pred)
    if t.pos_ in ("NOUN", "PROPN"):
        if lemmas & JOB_NOUNS or {m.lower_ for m in args.mods} & {"job", "staff"}:
            agents = _businesses(subj + args.preps.get("at", []) + light_subject(args), r)
            return Frame("layoffs", "events.cut.job_noun", tuple(agents)) if agents else None
        return None
    if lemmas & JOB_NOUNS or _job_count(obj):
        agents = _businesses(subj, r) or [k for k in (r.affiliation(x) for x in subj) if k]
        return (
            Frame("layoffs", "events.cut.jobs", tuple(a for a in agents if a))
            if agents and agents[0]
            else None
        )
    if lemmas & {"rating", "ratings", "grade", "outlook"}:
        rated = _rated(obj, r)
        return Frame("rating_change", "events.cut.rating", tuple(r.keys(subj)), tuple(rated))
    if lemmas & {"stake"} and _is_authority(subj, r):
        regs = _authorities(subj, r)
        return Frame(
            "regulatory_action",
            "events.cut.stake",
            tuple(regs),
            tuple(_stake_owner(obj, r)),
            regulators=tuple(regs),
        )
    if lemmas & {"forecast", "forecasts", "target", "targets", "guidance", "dividend"}:
        owners = _businesses(subj, r)
        return (
            Frame(
                "financial_result",
                "events.cut.forecast",
                tuple(owners),
                default_status="speculated",
            )
            if owners
            else None
        )
    if head_lemma(t) in ("transfer", "shift", "move") and lemmas & JOB_NOUNS:
        return Frame("layoffs", "events.cut.moved_jobs", tuple(_businesses(subj, r)))
    return None


def _job_count(obj: list[Token]) -> bool:
    """ "cut 12,000" with jobs understood from the clause: a number object and a job word near."""
    return False


def _stake_owner(obj: list[Token], r: Resolver) -> list[str]:
    """The company whose stake is cut: "Turkcell's stake"."""
    for o in obj:
        for child in o.children:
            if child.dep_ == "poss":
                return r.keys([child])
    return []


def _rated(obj: list[Token], r: Resolver) -> list[str]:
    """The rated organisation: "its rating of Russia's debt", "X's credit rating"."""
    keys: list[str] = []
    for o in obj:
        owners = [c for c in o.children if c.dep_ == "poss" and c.lower_ not in ("its", "their")]
        of = [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)]
        keys += r.keys(of + owners)  # "their rating of Russia's debt": Russia, not "their"
    return keys[:1]


def frame_rating(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "Moody's downgraded X", "a downgrade of X's debt to junk", "X was upgraded by Fitch"."""
    t = pred.token
    subj = _subjects(args, pred)
    rated = r.keys(args.obj) or r.keys(args.preps.get("of", [])) or _rated(args.obj, r)
    if args.passive:
        rated = r.keys(args.obj)
    if t.pos_ in ("NOUN", "PROPN"):
        rated = rated or r.keys(args.subj)
        subj = args.preps.get("from", []) + args.preps.get("by", [])
    agencies = [k for k in r.keys(subj) if k not in rated]
    if not rated and not agencies:
        return None
    return Frame("rating_change", "events.rating", tuple(agencies), tuple(rated))


# Verbs that put a company into administration: "went into administration".
_INSOLVENCY_VERBS = frozenset(
    "go enter place put face call force plunge fall slip push avoid head be".split()  # noqa: SIM905
)


def frame_bankrupt(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "filed for bankruptcy protection", "went into administration", "went bust", "the
    court declared it bankrupt" (the court's ruling: regulatory action)."""
    t = pred.token
    lemma = head_lemma(t)
    if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS:
        return None
    gov = args.governor
    if lemma in ("administration", "receivership", "liquidation") and (
        gov is None or head_lemma(gov) not in _INSOLVENCY_VERBS
    ):
        return None  # "the Bush administration": no insolvency
    if lemma == "bankrupt":
        decl = t.head if t.dep_ in ("oprd", "acomp", "ccomp", "xcomp") else None
        if decl is not None and head_lemma(decl) == "declare":
            subj = verb_args(decl).subj
            if _is_authority(subj, r):
                regs = _authorities(subj, r)
                return Frame(
                    "regulatory_action",
                    "events.bankrupt.declared",
                    tuple(regs),
                    tuple(_owners_of([t], r)),
                    regulators=tuple(regs),
                    anchor=decl,
                )
            return Frame(
                "bankruptcy",
                "events.bankrupt.declared_itself",
                tuple(_businesses(subj, r)),
                anchor=decl,
            )
    owners = _businesses(args.subj + args.mods + args.preps.get("of", []), r)
    if not owners:
        owners = _businesses(light_subject(args) or _clause_subject(t), r)
    if not owners:
        return None
    return Frame("bankruptcy", "events.bankrupt", tuple(owners[:1]))


def _clause_subject(t: Token) -> list[Token]:
    """The subject of the clause a word sits in: "X went bust", "X filed for Chapter 11"."""
    current = t
    for _ in range(4):
        current = current.head
        subj = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj
        if current.head is current:
            break
    return []


def frame_invest(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "invested $50m in X", "a $1.1bn rescue package for X", "raise new money", "took a 20%
    stake in X", "agreed to loan Gazprom the money"; raising prices or a bid is no investment."""
    t = pred.token
    lemma = head_lemma(t)
    subj = _subjects(args, pred)
    if lemma == "raise":
        return _frame_raise(args, r)
    if lemma == "stake":
        gov = head_lemma(args.governor) if args.governor is not None else ""
        if gov not in (
            "take",
            "swap",
            "hand",
            "transfer",
            "build",
            "increase",
            "up",
            "lift",
            "accept",
            "sell",
        ):
            return None
        if gov == "sell":
            return None
        if gov in ("hand", "transfer", "swap"):
            owners = _businesses(light_subject(args), r)
            return Frame(
                "investment",
                "events.invest.stake_moved",
                tuple(owners),
                tuple(_stake_target([t], r)),
            )
        return Frame(
            "investment",
            "events.invest.stake",
            tuple(_businesses(light_subject(args), r)),
            tuple(_stake_target([t], r)),
        )
    if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS | {
        "bank",
        "plan",
        "programme",
    }:
        return None
    if lemma == "fund" and not r.keys(args.obj):
        return None
    targets = r.keys(
        args.preps.get("in", [])
        + args.preps.get("into", [])
        + args.preps.get("for", [])
        + args.obj
        + [c for c in t.children if c.dep_ == "dative"]
    )
    agents = [
        k
        for k in r.keys(subj + args.preps.get("from", [])) + _businesses(args.mods, r)
        if k not in targets
    ]
    if lemma in ("bail", "rescue", "recapitalise", "recapitalize", "bailout") and args.passive:
        targets = r.keys(args.obj)
    if not agents and not targets:
        return None
    return Frame("investment", "events.invest", tuple(agents), tuple(targets))


def _frame_raise(args: Args, r: Resolver) -> Frame | None:
    """ "raise new money" (investment), "raise prices" (other), "raise its rating" (rating)."""
    lemmas = _lemma_set(args.obj)
    owners = _businesses(args.subj, r)
    if lemmas & MONEY_NOUNS or (
        _money_obj(args.obj) and not lemmas & {"bid", "offer", "price", "prices", "stake"}
    ):
        return Frame("investment", "events.invest.raise_money", tuple(owners)) if owners else None
    if lemmas & {"price", "prices", "fare", "fares", "tariff", "tariffs"}:
        return Frame("other", "events.other.raise_prices", tuple(owners)) if owners else None
    if lemmas & {"rating", "ratings", "grade"}:
        return Frame(
            "rating_change",
            "events.rating.raised",
            tuple(r.keys(args.subj)),
            tuple(_rated(args.obj, r)),
        )
    if lemmas & {"stake"}:
        return (
            Frame(
                "investment",
                "events.invest.raise_stake",
                tuple(owners),
                tuple(_stake_target(args.obj, r)),
            )
            if owners
            else None
        )
    return None


def frame_ipo(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "its initial public offering", "plans to float on the stock market", "a listing in Hong
    Kong"; floating an idea is no listing."""
    t = pred.token
    lemma = head_lemma(t)
    if lemma == "float" and _lemma_set(args.obj) & {
        "idea",
        "plan",
        "proposal",
        "notion",
        "suggestion",
    }:
        return None
    if t.dep_ == "compound" and head_lemma(t.head) not in EVENT_HEADS | {"price", "plan", "plans"}:
        return None
    owners = _businesses(_subjects(args, pred) + args.mods + args.preps.get("of", []), r)
    if not owners:
        owners = _businesses(light_subject(args), r)
    if lemma == "listing" and not owners:
        return None
    if not owners and t.pos_ in ("VERB", "AUX"):
        owners = _businesses(args.obj, r)
    if not owners:
        return None
    return Frame("ipo", "events.ipo", tuple(owners[:1]))


# Objects of "strike" that make it no strike: "struck a deal", "strike a balance".
_STRUCK = frozenset(
    "deal agreement pact accord contract balance chord note blow".split()  # noqa: SIM905
)


def frame_other(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "workers at X went on strike", "X recalled 1m cars", "X will close its Leeds plant",
    "a price rise by X", "a share buyback"."""
    t = pred.token
    lemma = head_lemma(t)
    subj = _subjects(args, pred) + (args.mods if t.pos_ in ("NOUN", "PROPN") else [])
    if lemma in ("close", "shut", "closure"):
        objs = args.obj + args.preps.get("of", []) + args.preps.get("down", [])
        if not _lemma_set(objs) & {
            "plant",
            "plants",
            "factory",
            "factories",
            "store",
            "stores",
            "mine",
            "mines",
            "site",
            "sites",
            "office",
            "offices",
            "branch",
            "branches",
            "outlet",
            "outlets",
            "operation",
            "operations",
            "line",
            "shop",
            "shops",
            "works",
            "mill",
            "mills",
            "refinery",
        }:
            return None
    if lemma == "strike" and t.pos_ == "VERB" and _lemma_set(args.obj) & _STRUCK:
        return None  # "struck a deal": the deal is the event
    if lemma == "recall" and t.pos_ == "VERB" and not args.obj:
        return None
    owners = _businesses(subj + args.preps.get("at", []), r) or _businesses(light_subject(args), r)
    if not owners:
        return None
    return Frame("other", f"events.other.{lemma}", tuple(owners[:1]))


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


FRAMES: dict[str, FrameRule] = {
    "rank": frame_rank,
    "buy": frame_buy,
    "merge": frame_merge,
    "sell": frame_sell,
    "bid": frame_bid,
    "talks": frame_talks,
    "deal": frame_deal,
    "partner": frame_partner,
    "cancel": frame_cancel,
    "launch": frame_launch,
    "enter": frame_enter,
    "exit": frame_exit,
    "result": frame_result,
    "regulate": frame_regulate,
    "investigate": frame_investigate,
    "sue": frame_sue,
    "settle": frame_settle,
    "pay": frame_pay,
    "leader": frame_leader,
    "layoff": frame_layoff,
    "cut": frame_cut,
    "rating": frame_rating,
    "bankrupt": frame_bankrupt,
    "invest": frame_invest,
    "ipo": frame_ipo,
    "other": frame_other,
}


def frame_of(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """The frame of a predicate by its family's rule."""
    if r.company[pred.token.i]:
        return None  # "Finans Investment", "the Alliance for Digital Inclusion": a name
    for family in (pred.family, *pred.others):
        rule = FRAMES.get(family)
        frame = rule(pred, args, r) if rule else None
        if frame is not None:
            return frame
    return None
