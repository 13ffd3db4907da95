"""Event gates: a predicate with its frame in, the reason it states no event out (or None), and
the deals that a failing or withdrawing verb turns into cancelled deals.

A frame rule decides a type from the predicate and its arguments; these gates then drop the
readings that name no event of the taxonomy whatever the type: a back-reference used as a time
("sold 2 million since its launch"), a counterfactual ("its collapse would have hurt the
economy"), a share of a company's figures ("makes 80% of its revenues in the US"), a policy
measure of governments alone (guidelines ruling 5: "the country ousted its leader", "the state's
funding of schools") and units counted for a future statement ("the first million sold will come
with a free game"). Each gate is a small documented function; `blocked` runs them in order.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import Args, Resolver
from newsfacts.extract.event_frames_common import Frame
from newsfacts.extract.event_lexicon import Predicate
from newsfacts.extract.event_words import word_set

# Types that only a company (not a government alone) undergoes in the guidelines: a country
# that "ousted its leader" or a budget's "funding" is policy or politics, not an event.
_COMPANY_ONLY_TYPES = word_set("event_gates.company_only_types")
# Common nouns of private people and the generic "you": their buying, selling and investing is
# no company's event ("relatives could invest their gifts", "you need vision to sell it").
_PRIVATE_PEOPLE = word_set("event_gates.private_people")
# Types a private person's deal is no event of.
_DEAL_TYPES = frozenset({"acquisition", "investment"})
# Nouns of talks, and the verbs of a purpose that keeps them talks about a deal ("talks to
# create a combined group", "negotiations to sell the unit").
_TALK_NOUNS = frozenset({"talks", "talk", "negotiations", "negotiation", "discussions"})
_DEAL_PURPOSES = word_set("event_gates.deal_purposes")
# Words of a part of a whole: "80% of its revenues", "half of its loans", "a third of sales".
_PART_WORDS = word_set("event_gates.part_words")


def blocked(pred: Predicate, args: Args, frame: Frame, r: Resolver) -> str | None:
    """The name of the first gate that finds no event in the predicate, else None."""
    t = pred.token
    if _private_deal(t, args, frame, r):
        return "private_deal"
    if _any_deal(t, r):
        return "any_deal"
    if frame.event_type == "acquisition" and _talks_for_other_ends(t):
        return "talks_for_other_ends"
    if _time_anchor(t):
        return "time_anchor"
    if _counterfactual(t):
        return "counterfactual"
    if _share_of_figure(t):
        return "share_of_figure"
    if _government_only(frame, r):
        return "government_only"
    if frame.event_type == "financial_result" and _future_count(t):
        return "future_count"
    return None


# Auxiliaries that put a clause in the future or the hypothetical.
_FUTURE_AUX = frozenset({"will", "would", "shall", "could", "may", "might", "'ll"})


def _future_count(t: Token) -> bool:
    """A participle that only counts the units a future statement is about, no result: "the
    first million sold will come with a free game", "the first 500 cars delivered will carry a
    badge" (not "with only 45 units sold last year")."""
    if t.dep_ != "acl" or t.tag_ != "VBN":
        return False
    noun = t.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in noun.head.children)


def _time_anchor(t: Token) -> bool:
    """A noun trigger that only dates another statement: "has sold 6 million copies since its
    release", "800,000 units since its launch there last year", "since their merger" (not
    when the noun carries its own date: "since its launch in 2003")."""
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ != "pobj":
        return False
    if _own_date(t):
        return False  # "since its launch in 2003": a dated launch is stated, keep it
    return t.head.lower_ == "since" and any(c.dep_ == "poss" for c in t.children)


def _own_date(t: Token) -> bool:
    """A noun dated in its own phrase: "its launch in 2003", "its debut on 2 May"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "on")
        and any(x.like_num or x.ent_type_ == "DATE" for x in c.subtree)
        for c in t.children
    )


def _counterfactual(t: Token) -> bool:
    """A trigger whose clause is a past counterfactual, which says it did not happen: "its
    collapse would have sent shockwaves", "buyers would not have bought it on tape", "the
    merger would have created a giant"."""
    verb = t
    if t.pos_ in ("NOUN", "PROPN"):
        if t.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = t.head
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return "have" in auxes and any(a in ("would", "could", "might") for a in auxes)


def _share_of_figure(t: Token) -> bool:
    """A figure noun that is the whole a share is taken of: "makes more than 80% of its revenues
    in the US", "mortgages make up 45% of its loans", "half of its sales come from Asia"."""
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ != "pobj" or t.head.lower_ != "of":
        return False
    part = t.head.head
    if part.lower_ not in _PART_WORDS and part.lemma_.lower() not in _PART_WORDS:
        return False
    return any(c.dep_ == "poss" for c in t.children)


def _government_only(frame: Frame, r: Resolver) -> bool:
    """Parties that are all governments in a type only companies undergo: "the country ousted
    its long-serving leader", "the ministry's funding for farms" (guidelines ruling 5)."""
    if frame.event_type not in _COMPANY_ONLY_TYPES:
        return False
    parties = (*frame.agents, *frame.targets, *frame.partners)
    return bool(parties) and all(r.kind(k) == "government" for k in parties)


def _private_deal(t: Token, args: Args, frame: Frame, r: Resolver) -> bool:
    """A purchase, sale or investment whose subject is private people or the generic "you":
    "relatives could invest their gifts in a deposit account", "a fund manager invests in all
    the shares of an index", "you need the big vision to sell it"."""
    if frame.event_type not in _DEAL_TYPES or t.pos_ not in ("VERB", "AUX") or args.passive:
        return False
    subj = [s for s in args.subj if s.dep_ in ("nsubj", "csubj")]
    if not subj or r.keys(subj) or any(r.person[s.i] for s in subj):
        return False
    return all(s.lemma_.lower() in _PRIVATE_PEOPLE or s.lower_ in _PRIVATE_PEOPLE for s in subj)


def _any_deal(t: Token, r: Resolver) -> bool:
    """A deal noun under "any" with no party in its phrase, which is no particular deal: "any
    offer was likely to be in cash", "to consider any bona fide offer proposal", "any takeover
    designed to transform the club" (not "any bid from Brenmoor")."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = t.head if t.dep_ == "compound" else t
    if not any(c.dep_ == "det" and c.lower_ == "any" for c in noun.children):
        return False
    return not any(_specific_word(x, r) for x in noun.subtree)


def _specific_word(x: Token, r: Resolver) -> bool:
    """A word that pins a deal down: a party, a figure, a bidder ("any formal £800m offer",
    "any bid from the tycoon")."""
    if r.company[x.i] or r.person[x.i] or x.like_num or x.tag_ == "$":
        return True
    return x.dep_ in ("prep", "agent") and x.lower_ in ("from", "by")


def _talks_for_other_ends(t: Token) -> bool:
    """Talks whose purpose clause is no deal: "conclude negotiations to liberalise trade",
    "left the door open for talks to find out whether a better proposal would help"."""
    if t.lower_ not in _TALK_NOUNS:
        return False
    for child in t.children:
        if child.dep_ == "acl" and any(g.lower_ == "to" for g in child.children):
            return child.lemma_.lower() not in _DEAL_PURPOSES
    return False


# Types of deals that can fail or be withdrawn (guidelines: a deal_cancelled event).
_DEAL_TYPES_CANCELLABLE = frozenset({"acquisition", "partnership", "investment", "ipo"})
# Verbs whose subject deal failed: "an attempted merger failed in 2000".
_FAIL_VERBS = word_set("event_gates.fail_verbs")
# Verbs whose object deal was withdrawn: "prompted it to pull its planned share sale".
_WITHDRAW_VERBS = word_set("event_gates.withdraw_verbs")


def failed_deal(pred: Predicate, frame: Frame) -> Token | None:
    """The verb that states a deal predicate failed or withdrawn, which is a cancelled deal:
    "an attempted merger with X failed in 2000", "the two tried and failed to seal a merger",
    "it pulled its planned share sale", "cut off talks over the proposed sale"."""
    if frame.event_type not in _DEAL_TYPES_CANCELLABLE:
        return None
    t = pred.token
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    if t.dep_ == "pobj" and t.head.lower_ == "over" and t.head.head.dep_ == "dobj":
        t = t.head.head  # "cut off talks over the proposed sale": the talks are cut off
    head = t.head
    if t.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _FAIL_VERBS:
        return head
    if t.dep_ != "dobj":
        return None
    if head.lemma_.lower() in _WITHDRAW_VERBS:
        return head
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in _FAIL_VERBS:
        return None if _conditional(head.head) else head.head
    return None


def _conditional(verb: Token) -> bool:
    """A verb in a condition: "if its parent fails to back a bail-out" (nothing failed yet)."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)
