"""Event frames of companies' own moves: leader, layoff, cut, rating, bankrupt, invest, ipo and
other (see event_frames)."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import Args, Resolver, head_lemma, light_subject, pobjs, verb_args
from newsfacts.extract.event_frames_common import (
    EVENT_HEADS,
    JOB_NOUNS,
    MONEY_NOUNS,
    TITLE_NOUNS,
    Frame,
    _authorities,
    _businesses,
    _is_authority,
    _leadership_from,
    _lemma_set,
    _stake_target,
    _subjects,
)
from newsfacts.extract.event_frames_legal import _owners_of
from newsfacts.extract.event_frames_results import _money_obj
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_words import word_set


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
    found = _leadership_from(args, r, f"events.leader.{lemma}")
    if found is None and _bosses_left(lemma, args):
        return Frame("leadership_change", f"events.leader.{lemma}.unnamed_company")
    return found


def _bosses_left(lemma: str, args: Args) -> bool:
    """Executives who leave with no company named in the clause: "three top bosses stood down
    last month", "its founder and chairman resigned" (the company stays unnamed, not guessed)."""
    if lemma not in ("resign", "step", "stand") or args.passive:
        return False
    return bool(_lemma_set(args.subj) & _BOSS_NOUNS)


# Titles of company executives (not of politicians): "the bosses resigned".
_BOSS_NOUNS = word_set("event_frames.boss_nouns")


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
    if _ruins(t):
        # "could bankrupt the firm": the object goes under; "liquidated its stake" sells a holding
        firms = [o for o in args.obj if not any(c.dep_ == "poss" for c in o.children)]
        owners = _businesses(firms, r)
        return Frame("bankruptcy", "events.bankrupt.object", tuple(owners[:1])) if owners else None
    owners = _businesses(args.subj + args.mods + args.preps.get("of", []), r)
    if not owners:
        owners = _businesses(light_subject(args) or _clause_subject(t), r)
    if not owners:
        return None
    return Frame("bankruptcy", "events.bankrupt", tuple(owners[:1]))


def _ruins(t: Token) -> bool:
    """A transitive verb whose object is the insolvent firm: "could bankrupt the firm",
    "lenders would liquidate the company", "if the bank is liquidated" (passive: the object)."""
    return t.pos_ in ("VERB", "AUX") and head_lemma(t) in ("bankrupt", "liquidate")


def _clause_subject(t: Token) -> list[Token]:
    """The subject of the clause a word sits in: "X went bust", "X filed for Chapter 11"."""
    current = t
    for _ in range(4):
        current = current.head
        subj = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj
        if current.head.i == current.i:
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
    money = args.obj + args.preps.get("in", [])
    if lemma in ("put", "pump") and not (_cash(money) or _lemma_set(money) & MONEY_NOUNS):
        return None  # "put up $480m" and "pump in more money", not "put up prices"
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
    rescue = lemma in _RESCUES or pred.text.lower().replace(" ", "-") in _RESCUES
    if not targets and rescue and t.pos_ in ("NOUN", "PROPN"):
        targets = _businesses(_clause_subject(t), r)  # "X avoided collapse thanks to a bail-out"
        agents = [k for k in r.keys(args.preps.get("from", [])) if k not in targets]
    if t.pos_ in ("VERB", "AUX") and not agents:
        agents = [k for k in _members(args.subj, r) if k not in targets]
    if t.pos_ in ("VERB", "AUX") and not targets:
        targets = [k for k in _purpose_objects(t, r) if k not in agents]
    if not agents and not targets:
        return None
    return Frame("investment", "events.invest", tuple(agents), tuple(targets))


def _cash(tokens: list[Token]) -> bool:
    """A sum of money among the tokens ("$480m", "1bn euros"), not a count ("1m barrels")."""
    return any(o.tag_ == "$" or o.ent_type_ == "MONEY" for t in tokens for o in t.subtree)


def _purpose_objects(verb: Token, r: Resolver) -> list[str]:
    """Companies a purpose clause of a funding verb acts on: "put up $480m to stabilise the
    firm", "injected $2bn to save the bank"."""
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and any(g.lower_ == "to" for g in child.children):
            return _businesses([c for c in child.children if c.dep_ == "dobj"], r)
    return []


def _members(subj: list[Token], r: Resolver) -> list[str]:
    """Companies named inside a group subject: "a consortium of creditors and Halvard Bank"."""
    inner = [p for s in subj for prep in s.children if prep.lower_ == "of" for p in pobjs(prep)]
    return _businesses(inner, r)


# Nouns of money given to save a company, whose clause subject is the company saved.
_RESCUES = frozenset({"bail-out", "bailout", "rescue", "lifeline", "injection"})


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
