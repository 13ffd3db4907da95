"""Event frames of authorities and courts: regulate, investigate, sue, settle and pay (see
event_frames)."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import (
    Args,
    Resolver,
    head_lemma,
    light_subject,
    pobjs,
    verb_args,
)
from newsfacts.extract.event_frames_common import (
    EVENT_HEADS,
    Frame,
    _authorities,
    _businesses,
    _is_authority,
    _lemma_set,
    _subjects,
    stated_nominal,
)
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_words import word_set


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
    tax = pred.text.lower() in ("tax demand", "tax bill", "tax claim")
    if tax and args.governor is not None and head_lemma(args.governor) in _DEBT_VERBS:
        return None  # "auctioned to pay a huge tax bill": why a sale happened, no new decision
    if lemma in ("fine", "penalty") or tax:
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
    if not authority or _ruled_out(t) or _dismissed_opinion(t, lemma, args):
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


def _ruled_out(t: Token) -> bool:
    """ "The government has ruled out raising the pension age", "regulators ruled out a probe":
    ruling something out rejects a plan, it decides nothing about a company."""
    return t.lemma_.lower() == "rule" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in t.children
    )


def _dismissed_opinion(t: Token, lemma: str, args: Args) -> bool:
    """ "Police dismissed its influence", "the minister rejected the idea": an authority that
    dismisses or rejects something other than a case, claim or ruling decides nothing."""
    if lemma not in ("dismiss", "reject") or t.pos_ not in ("VERB", "AUX") or args.passive:
        return False
    objects = {o.lemma_.lower() for o in args.obj}
    return bool(objects) and not objects & _LEGAL_OBJECTS


# What a court or authority dismisses or rejects when it decides: "dismissed the case",
# "rejected the appeal", "dismissed an attempt by X to ...".
_LEGAL_OBJECTS = word_set("event_frames.legal_objects")


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
    sent = _sent_to(args.governor, r) if t.pos_ in ("NOUN", "PROPN") and not targets else None
    if sent is not None:
        subj, targets = sent[0] or subj, sent[1]
        authority = _is_authority(subj, r)
    if _informal_look(pred) and not authority:
        return None  # "looking into P2P's future, file sharing is only the beginning"
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


def _sent_to(verb: Token | None, r: Resolver) -> tuple[list[Token], list[str]] | None:
    """Sender and recipients of a probe's charges sent or received: "the Commission sent X a
    statement of objections", "X and Y were sent statements of objections by the Commission",
    "X received a statement of objections"."""
    lemma = head_lemma(verb) if verb is not None else ""
    if verb is None or lemma not in ("send", "issue", "receive"):
        return None
    v = verb_args(verb)
    if lemma == "receive":
        return [], _businesses(v.subj, r)
    return v.subj, _businesses(v.preps.get("dative", []) + v.preps.get("to", []) + v.obj, r)


def _informal_look(pred: Predicate) -> bool:
    """ "looking into", "looked into": a probe only when an authority looks ("regulators are
    looking into the deal"), else a manner of speaking ("looking into the future of the web")."""
    return pred.text.lower().startswith(("look", "looking", "looked"))


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
    if lemma == "take":
        return _action_against(args, r)
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


def _action_against(args: Args, r: Resolver) -> Frame | None:
    """ "X intends to take action against Y": a lawsuit by X against a company Y (an authority
    taking action regulates; action against costs is no lawsuit)."""
    against = [
        p
        for o in args.obj
        if o.lemma_.lower() == "action"
        for c in o.children
        if c.lower_ == "against"
        for p in pobjs(c)
    ]
    targets = _businesses(against + args.preps.get("against", []), r)
    if not targets or _is_authority(args.subj, r):
        return None
    agents = [k for k in r.keys(args.subj) if k not in targets]
    return Frame("lawsuit", "events.sue.action_against", tuple(agents), tuple(targets))


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
    if _debt_paid(args.obj):
        return None  # "sold the unit to settle back taxes", "to pay off a $27bn tax bill"
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
# Debts that are paid or settled, which is no settlement of a dispute: "settle back taxes".
_DEBTS = word_set("event_frames.debts")
# Verbs that pay a debt: "to pay a tax bill", "to settle a tax claim".
_DEBT_VERBS = word_set("event_syntax.debt_verbs")


def _debt_paid(objects: list[Token]) -> bool:
    """Whether the thing settled is a debt: "settle back taxes", "pay off a tax bill", "settle
    a $27bn tax claim" (not "settle the lawsuit", "settle claims by victims")."""
    for o in objects:
        parts = [o, *(c for c in o.children if c.dep_ == "compound")]
        words = {p.lemma_.lower() for p in parts} | {p.lower_ for p in parts}  # "taxes" -> taxis
        if words & _DEBTS:
            return True
    return False


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
