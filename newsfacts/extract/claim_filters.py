"""Cue readings that attribute nothing: a cue verb used for an act, a wish or a question.

Consumes a cue token of a spaCy parse, its lexicon entry and the content found for it;
answers whether the reading is no claim after all. Each rule is a small function whose
docstring quotes the phrases it must reject; the phrases it must keep are in the tests
(tests/test_claim_filters.py). Written from general English usage, not from any one text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsfacts.extract.claim_content import QUESTION_WORDS, Content
from newsfacts.extract.claim_cues import CueEntry, lexicon
from newsfacts.extract.coref import ORG_NOUNS, REPORT_NOUNS, REPRESENTATIVE_NOUNS

PEOPLE_NOUNS_PATH = Path(__file__).resolve().parents[1] / "resources" / "people_nouns.txt"

# "want to see X changed" states a wish about the world, not a plan to act.
_WISH_VERBS = frozenset({"see"})
# Nouns naming a formal move (an offer, a bid, bail): rejecting or dismissing one is an act.
ACT_OBJECTS = frozenset(
    [
        "offer",
        "bid",
        "approach",
        "attempt",
        "request",
        "application",
        "appeal",
        "bail",
        "motion",
        "petition",
        "lawsuit",
        "suit",
        "case",
        "permission",
    ]
)
# Modifiers that make any noun a formal move ("a takeover proposal").
_DEAL_MODIFIERS = frozenset({"takeover", "merger", "buyout", "bail-out", "bailout"})
# Cues whose noun object may be such a move ("rejected a takeover offer").
_ACT_CUES = frozenset({"reject", "dismiss", "deny", "refuse", "turn"})
# Nouns after "according to" that state a rule followed, not a source ("according to the law").
RULE_NOUNS = frozenset(
    [
        "law",
        "rule",
        "regulation",
        "plan",
        "schedule",
        "constitution",
        "contract",
        "agreement",
        "term",
        "tradition",
        "procedure",
        "standard",
        "script",
    ]
)
# Speakers that are the writer or the reader ("I think", "you never fully understand"): no
# source an analyst can name.
_WRITER_PRONOUNS = frozenset({"i", "you", "we", "me", "us"})


def not_a_claim(cue: Token, entry: CueEntry | None, content: Content) -> bool:
    """True when the cue's reading is an act, a wish or a question rather than a claim."""
    if entry is None:
        return False
    return (
        desire_to_act(cue)
        or request_to_act(cue)
        or unanswered_question(cue, entry, content)
        or act_on_motion(cue, content)
        or object_controlled(cue, lexicon())
        or money_demand(cue, entry)
        or infinitive_object(cue, content)
        or adverbial_object(cue, content)
        or desire_for_thing(cue, content)
    )


def desire_to_act(cue: Token) -> bool:
    """ "wanted to buy the firm outright", "no longer wants to own the unit", "did not want to
    give up control": a wish to act oneself is no statement (unlike "wants the board to
    resign" or "want to see the text changed")."""
    if cue.lemma_.lower() != "want":
        return False
    if cue.dep_ == "relcl":
        return True  # "the content they want to watch": no statement of theirs
    for c in cue.children:
        if c.dep_ == "xcomp" and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
            return c.lemma_.lower() not in _WISH_VERBS
    return False


def request_to_act(cue: Token) -> bool:
    """ "asked the court to order arbitration", "has asked the government to mediate", "are
    to ask the buyer to pay back a loan": a request for an act, not a statement."""
    if cue.lemma_.lower() != "ask":
        return False
    return any(
        c.dep_ in ("xcomp", "ccomp") and any(a.lower_ == "to" for a in c.children)
        for c in cue.children
    )


def unanswered_question(cue: Token, entry: CueEntry, content: Content) -> bool:
    """ "wants to know what happened", "until we all know what actually happened", "help
    people find what they want": knowing or finding out an indirect question states nothing
    (a speech cue keeps it: "questioned whether the court had any jurisdiction")."""
    if entry.kind != "cognition" and entry.verb not in ("find", "show"):
        return False
    root = content.root
    if root is None or content.is_quote:
        return False
    first = min(root.subtree, key=lambda t: t.i)
    return first.lower_ in QUESTION_WORDS or (
        cue.i + 1 < len(cue.doc) and cue.nbor().lower_ in ("out", "of")
    )


def act_on_motion(cue: Token, content: Content) -> bool:
    """ "rejected a £1.3bn takeover offer", "has dismissed an attempt by the firm to gain
    protection", "repeatedly denied bail": deciding on a formal move is an act."""
    if cue.lemma_.lower() not in _ACT_CUES or content.is_quote:
        return False
    objs = [c for c in cue.children if c.dep_ == "dobj"]
    if not objs:
        return False
    mods = {c.lower_ for c in objs[0].children if c.dep_ in ("compound", "amod", "nmod")}
    return objs[0].lemma_.lower() in ACT_OBJECTS or not mods.isdisjoint(_DEAL_MODIFIERS)


def infinitive_object(cue: Token, content: Content) -> bool:
    """ "set out to predict future patterns", "challenged the right of the firm to claim
    bankruptcy protection", "hopes to announce a partner": a cue in the infinitive with a noun
    object is an aim or an entitlement, not a statement anyone made (a clause keeps it:
    "expected to say that sales fell" is not an object reading)."""
    if content.rule != "claims.object" or content.is_quote:
        return False
    return cue.dep_ in ("xcomp", "acl", "advcl") and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in cue.children
    )


def adverbial_object(cue: Token, content: Content) -> bool:
    """ "will be questioned by a judge over the next few days", "was criticised for a week":
    an object reading whose only content is a time phrase has no content (a matter or an
    object keeps it: "calls for better pay", "announced on Tuesday the first model")."""
    if content.rule != "claims.object" or content.root is None:
        return False
    if any(c.dep_ in ("dobj", "ccomp", "attr", "oprd") for c in cue.children):
        return False
    root = content.root
    objs = [c for c in root.children if c.dep_ == "pobj"]
    return root.dep_ == "prep" and bool(objs) and objs[0].ent_type_ in ("DATE", "TIME")


def desire_for_thing(cue: Token, content: Content) -> bool:
    """ "may want the latest toy this Christmas", "soon they will all want a slice of it":
    wanting a thing is a wish, not a statement (like wanting to act; "wants the board to
    resign" is a clause reading and stays)."""
    if content.rule != "claims.object" or cue.lemma_.lower() not in ("want", "wish"):
        return False
    return content.root is not None and content.root.dep_ == "dobj"


def money_demand(cue: Token, entry: CueEntry) -> bool:
    """ "is claiming more than $20bn in damages", "had pledged billions of dollars for
    schools": a sum as the object of a plain speech cue is money asked or promised, an act
    (a forecast keeps it: "forecast a net loss of 472bn yen")."""
    if entry.stance != "assert":
        return False
    objs = [c for c in cue.children if c.dep_ == "dobj"]
    return bool(objs) and any(t.ent_type_ == "MONEY" for t in objs[0].subtree)


def object_controlled(cue: Token, lex: dict[str, CueEntry]) -> bool:
    """ "urged the club to reject the new deal", "called on the management to recall the
    notice": a cue in the infinitive a speech cue asks its object to perform has not been
    performed by anyone (unlike "figures led Apacs to conclude that")."""
    if cue.dep_ != "xcomp" or cue.head.i == cue.i:
        return False
    head = cue.head
    if head.lemma_.lower() not in lex or lex[head.lemma_.lower()].kind != "speech":
        return False
    told = any(c.dep_ in ("dobj", "dative") and c.i < cue.i for c in head.children)
    on = any(
        c.dep_ == "prep" and c.i < cue.i and any(o.dep_ == "pobj" for o in c.children)
        for c in head.children
        if c.lower_ == "on"
    )
    return told or on


def writer_speaker(speaker_text: str, resolved: bool) -> bool:
    """ "I think the line is quite distinct", "you never fully get to understand", "until we
    all know": outside a quotation the writer or the reader is no named source."""
    return not resolved and speaker_text.lower() in _WRITER_PRONOUNS


@cache
def people_nouns(path: Path = PEOPLE_NOUNS_PATH) -> frozenset[str]:
    """Nouns of people and groups that can speak (resources/people_nouns.txt), with the role,
    organisation and report nouns of newsfacts.extract.coref."""
    words = {w.strip() for w in path.read_text(encoding="utf-8").splitlines()}
    words = {w for w in words if w and not w.startswith("#")}
    return frozenset(words | REPRESENTATIVE_NOUNS | REPORT_NOUNS | set().union(*ORG_NOUNS.values()))


# Cues whose verb is as often said of things as of sources ("the ruling could threaten", "the
# site shows", "speculation suggests"): their speaker must be someone.
_THING_CUES = frozenset(
    [
        "threaten",
        "show",
        "suggest",
        "confirm",
        "warn",
        "describe",
        "convince",
        "explain",
        "call",
        "indicate",
        "reveal",
        "admit",
        "agree",
        "tell",
    ]
)


def thing_speaker(cue: Token, head: Token, resolved: bool) -> bool:
    """ "the ruling could threaten production", "the site shows a holding page", "Speculation
    suggests that", "marketing speak describes the chip as": a common noun naming a thing
    (no person, group, organisation or report, and resolved to no one) says nothing; nor does
    a date misread as a subject (' "...," said Ann Lee, its chief, said last year')."""
    if head.ent_type_ in ("DATE", "TIME") and not resolved:
        return True
    if cue.lemma_.lower() not in _THING_CUES:
        return False
    if resolved or head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    if head.tag_ in ("WP", "WDT", "DT") or head.pos_ == "NUM":
        return head.lower_ in ("this", "that", "these")
    lemma = head.lemma_.lower()
    return lemma not in people_nouns() and head.lower_ not in people_nouns()
