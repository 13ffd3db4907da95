"""Event frames of deals: buy, merge, sell, bid, talks, deal, partner (see event_frames; cancel is
in event_frames_cancel)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from newsfacts.extract.event_args import (
    Args,
    Resolver,
    head_lemma,
    light_subject,
    pobjs,
    relative_head,
    verb_args,
)
from newsfacts.extract.event_frames_common import (
    BUSINESS_NOUNS,
    EVENT_HEADS,
    RESULT_UNITS,
    TITLE_NOUNS,
    Frame,
    _attr_of,
    _businesses,
    _is_business,
    _leadership_from,
    _lemma_set,
    _other_purpose,
    _product_owner,
    _specific,
    _stake_target,
    _stake_type,
    _stated_bid,
    _subjects,
    stated_nominal,
)
from newsfacts.extract.event_frames_products import _product_like, _topic_company
from newsfacts.extract.event_frames_results import _clause_owner, frame_result
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_words import word_set


def frame_buy(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "Brenmoor bought Tollan", "was acquired by Rosneft", "X's takeover of Y", "agreed to
    buy a 20% stake in Fiat" (investment), "took over as chief executive" (leadership)."""
    t = pred.token
    if t.pos_ in ("VERB", "AUX"):
        if "as" in args.preps:
            return _leadership_from(args, r, "events.buy.took_over_as")
        if head_lemma(t) == "take" and not args.obj and not args.preps.get("of"):
            person = _person_subject(args, r)
            if not person:
                return None
            return _leadership_from(replace(args, subj=person), r, "events.buy.took_over")
        if _lemma_set(args.obj) & {"control"}:
            return _control_change(t, args, r)
        obj = args.obj or args.preps.get("of", []) or args.preps.get("out", [])
        if not obj or not _is_business(obj, r):
            return None
        stake = bool(_lemma_set(obj) & {"stake", "share", "shares", "%", "percent"})
        kind = _stake_type(obj) if stake else "acquisition"
        agents, targets = _buyer_and_bought(args.subj, obj, stake, r)
        return Frame(
            kind,
            f"events.buy.{'stake' if kind == 'investment' else 'verb'}",
            tuple(agents),
            tuple(targets),
        )
    return _noun_acquisition(pred, args, r, "events.buy.noun")


# Verbs by which control passes to the object of "to": "gave control of X to Y".
_HANDING_VERBS = frozenset({"give", "hand"})


def _control_change(t: Token, args: Args, r: Resolver) -> Frame | None:
    """Control of a company changing hands is its acquisition: "Brenmoor took control of
    Tollan", "the deal gave control of the refinery to Kestrel" (Kestrel the buyer), "it gained
    control of its rival in March"."""
    control = [o for o in args.obj if o.lemma_.lower() == "control"]
    owned = [
        p for c in control[0].children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c)
    ]
    owned += args.preps.get("of", [])
    if not any(r.company[o.i] or o.lemma_.lower() in BUSINESS_NOUNS for o in owned):
        return None  # "taking control of their gadgets": no company changes hands
    if head_lemma(t) in _HANDING_VERBS:
        agents = r.keys(args.preps.get("to", []))
    else:
        agents = r.keys(args.subj)
        if _generic(args.subj):
            return None  # "any firm that tries to take control of its assets": no deal
    targets = [k for k in r.keys_other_than(owned, agents) if k not in agents]
    if not targets and not (agents and _is_business(owned, r)):
        return None
    agents = [k for k in agents if r.kind(k) != "government"] or agents
    return Frame("acquisition", "events.buy.control", tuple(agents), tuple(targets))


def _generic(subj: list[Token]) -> bool:
    """A subject that names no particular party: "any firm", "every bidder" (through "that")."""
    for s in subj:
        head = relative_head(s) if s.lower_ in ("that", "which", "who") else s
        if head is not None and any(
            c.dep_ == "det" and c.lower_ in ("any", "every") for c in head.children
        ):
            return True
    return False


def _buyer_and_bought(
    subj: list[Token], obj: list[Token], stake: bool, r: Resolver
) -> tuple[list[str], list[str]]:
    """The buyers and the bought, never one company on both sides: "X wants to buy the firm"
    (the firm is not X), "the German firm wanted to buy Y" (the firm is not Y), "buying 100%
    of Y" and "a stake in Y" (the company the shares are in)."""
    agents = r.keys(subj)
    targets = _stake_target(obj, r) if stake else r.keys_other_than(obj, agents)
    targets = [k for k in targets if k not in agents]
    if not targets and agents:
        named = _stake_target(obj, r) if stake else r.keys(obj)
        other = r.keys_other_than(subj, named)
        if named and other and not set(other) & set(named):
            return other, named
    return agents, targets


def _person_subject(args: Args, r: Resolver) -> list[Token]:
    """The person who acts, through a relative pronoun: "chief executive Jo Lee, who took over
    after the founder stood down" -> Jo Lee; a title noun counts ("the new boss took over")."""
    out = []
    for s in args.subj:
        head = relative_head(s) if s.lower_ in ("who", "that") else s
        if head is not None and (r.is_person(head) or _lemma_set([head]) & TITLE_NOUNS):
            out.append(head)
    return out


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
        if args.passive and (r.keys(args.obj) or buyers or _singular(args.obj)):
            # "Yugansk was sold to X", "a steel mill sold to a consortium"; "bonds are sold in
            # multiples of £10", "many firms were sold" name no company: no deal
            return Frame(
                "acquisition", "events.sell.passive", tuple(buyers), tuple(r.keys(args.obj))
            )
        return None
    sellers = r.keys(args.subj)
    targets = (_stake_target(obj, r) if lemmas & {"stake"} else r.keys(obj)) or sellers
    return Frame("acquisition", "events.sell.verb", tuple(buyers), tuple(targets))


def _singular(obj: list[Token]) -> bool:
    """Whether an object names one thing: "a steel mill", "the next bank" (not "bonds", "many
    privatised firms": a plural says what is sold in general)."""
    return any(o.tag_ not in ("NNS", "NNPS") or _specific(o) for o in obj)


def _counted(obj: list[Token]) -> bool:
    """Whether an object is a count of items: "sold 800,000", "sold more than 2 million"."""
    return any(o.like_num or any(c.dep_ == "nummod" for c in o.children) for o in obj) and not (
        _lemma_set(obj) & BUSINESS_NOUNS
    )


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
    agents = r.keys(args.subj + args.preps.get("from", []))
    stated = args.preps.get("for", []) + args.preps.get("to", [])
    targets = r.keys_other_than(stated, agents)
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
    targets = [k for k in targets if k not in agents] or [
        k for k in r.keys_other_than(stated, agents) if k not in agents
    ]  # "X is the likely bidder for the firm": the firm is not X
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
        tuple(targets),
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
    if not agents and partners:
        agents = [k for k in r.keys(_adjunct_subject(t)) if k not in partners]
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


def _adjunct_subject(t: Token) -> list[Token]:
    """The subject of the clause whose time adjunct holds talks with a named party, which is
    the other side of the talks: "Ahead of talks with X on Friday, the exchange said...",
    "After talks with X, Y agreed..."."""
    if t.dep_ != "pobj":
        return []
    prep = t.head
    anchor = prep.head if prep.lower_ == "of" else prep
    if anchor.lower_ not in _ADJUNCT_WORDS:
        return []
    verb = anchor.head
    if verb.pos_ not in ("VERB", "AUX") or anchor.i > verb.i:
        return []
    return verb_args(verb).subj


# Words of a time adjunct placed before its clause: "ahead of talks", "after talks with".
_ADJUNCT_WORDS = frozenset({"ahead", "after", "before", "following", "during", "since"})


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
    return _partnership(agents, partners, "events.deal.partner")


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
    return _partnership(agents, partners, "events.deal.signed")


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
    return _partnership(agents, partners, "events.partner", one_side_enough=True)


def _partnership(
    agents: list[str], partners: list[str], rule: str, one_side_enough: bool = False
) -> Frame | None:
    """A partnership of the named sides; several agents and no partner are the first agent and
    its partners ("X and Y signed a deal"). Both sides must be named unless one_side_enough
    ("Qantas might grow through joint ventures")."""
    if not partners and len(agents) >= 2:
        agents, partners = agents[:1], agents[1:]
    named = (agents or partners) if one_side_enough else (agents and partners)
    if not named:
        return None
    return Frame("partnership", rule, tuple(agents), partners=tuple(partners), distributive=False)


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
