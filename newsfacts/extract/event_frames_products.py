"""Event frames of products and markets: launch, enter and exit (see event_frames)."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import Args, Resolver, head_lemma, pobjs, verb_args
from newsfacts.extract.event_frames_common import (
    _INQUIRY,
    _NOT_PRODUCT,
    DEAL_NOUNS,
    EVENT_HEADS,
    TITLE_NOUNS,
    Frame,
    _leadership_from,
    _lemma_set,
    _place,
    _product_owner,
    _subjects,
)
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_words import word_set


def frame_launch(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """A launch stated by a clause of its own, else by a participle after the product."""
    return _frame_launch(pred, args, r) or _participle_launch(pred.token, r)


# Launch verbs whose bare participle after a product names its launch: "X, released in May".
_PARTICIPLE_LAUNCHES = frozenset({"launch", "release", "unveil", "introduce", "debut"})


def _participle_launch(t: Token, r: Resolver) -> Frame | None:
    """ "Tollan's new console, released in November, ...", "the Halvard game Star Drift 2,
    launched last week, ...": the product before the comma, launched by its maker named in it."""
    product = _product_before_participle(t)
    if product is None:
        return None
    agents = [k for k in _product_owner([product], r) if r.kind(k) != "government"]
    if not agents:
        return None
    return Frame("product_launch", "events.launch.participle", tuple(agents[:1]))


def _product_before_participle(t: Token) -> Token | None:
    """The noun phrase a bare past participle follows after a comma ("X, released in May"), or
    None when the participle has a subject or auxiliary of its own ("X, which was released")."""
    if t.tag_ != "VBN" or head_lemma(t) not in _PARTICIPLE_LAUNCHES or t.i < 2:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in t.children):
        return None
    if t.doc[t.i - 1].text != ",":
        return None
    noun = t.doc[t.i - 2]
    while noun.dep_ in ("compound", "nummod", "flat") and noun.head.i > noun.i:
        noun = noun.head
    while noun.dep_ in ("nummod", "appos"):
        noun = noun.head  # "Star Drift 2": the name; "the game Star Drift": the game
    return noun if noun.pos_ in ("NOUN", "PROPN") else None


def _frame_launch(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "unveiled a new tablet", "the console goes on sale in March", "launched an inquiry into
    X" (investigation), "launched its service in Spain" (market entry)."""
    t = pred.token
    obj = args.obj + (args.preps.get("of", []) if t.pos_ in ("NOUN", "PROPN") else [])
    obj += _produced(t)
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
    if lemma == "announce":
        # "announced forthcoming titles": an announced product is not yet launched (planned)
        return Frame(
            "product_launch",
            "events.launch.announced",
            tuple(agents),
            default_status="planned",
            distributive=False,
        )
    return Frame("product_launch", "events.launch.product", tuple(agents), distributive=False)


def _produced(t: Token) -> list[Token]:
    """What a company starts producing: "will start producing the chip" -> chip (the object
    of the verb the phrase's head governs)."""
    return [
        o
        for x in t.children
        if x.dep_ == "xcomp" and head_lemma(x) == "produce"
        for o in x.children
        if o.dep_ == "dobj"
    ]


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
    """ "to enter the Japanese market", "expanded into Latin America", "a foray into Peru", "X
    plans to get into the game", "to bring its phones to Brazil" (products brought to a
    country)."""
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
    sector_fray = _sector_fray(obj)
    if (
        lemmas
        & {
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
        }
        and not sector_fray
    ):
        return None
    markets = {"market", "markets", "business", "sector", "industry", "game"}
    if not place and not lemmas & markets and not sector_fray:
        return None
    agents = r.keys(_subjects(args, pred))
    if not agents and head_lemma(pred.token) == "get":
        return None  # "players get into the game": only a company gets into a market
    return Frame("market_entry", "events.enter", tuple(agents), place=place)


# Words of a contest that is a deal, not a market: "entered the takeover fray".
_DEAL_CONTESTS = frozenset({"bidding", "takeover", "bid", "auction", "merger", "legal", "court"})


def _sector_fray(obj: list[Token]) -> bool:
    """A fray or race named by its sector is its market: "entered the desktop search fray",
    "joined the online music race" (not "the takeover fray" nor a bare "the fray")."""
    for o in obj:
        if head_lemma(o) not in ("fray", "race"):
            continue
        mods = [c for c in o.children if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN"]
        words = {w.lower_ for m in mods for w in m.subtree}
        if mods and not words & (_DEAL_CONTESTS | DEAL_NOUNS):
            return True
    return False


# Verbs of stopping that exit a market only when what stops is served there: "suspended
# operations in Iran", "will halt its flights to Oslo".
_STOP_VERBS = frozenset({"suspend", "halt"})
# What a company stops serving a country with: "suspended flights to Norway".
_STOPPED_ACTIVITIES = frozenset(
    "operation operations service services production sales business flight flights route routes".split()  # noqa: SIM905
)


def frame_exit(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "to exit the Brazilian market", "withdrew from Russia", "suspended operations in Iran",
    "will halt its flights to Oslo in Norway";
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
    if head_lemma(t) in _STOP_VERBS and not (lemmas & _STOPPED_ACTIVITIES and place):
        return None  # "suspended its forecast", "halted the sale": no market left
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
