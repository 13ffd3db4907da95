"""Event status from the parse: a trigger token in, occurred / planned / speculated / denied out.

Follows the cue -> status table of benchmarks/gold/GUIDELINES.md section 4. The trigger's own verb
group and the words it depends on are read upward ("agreed to buy", "plans for a takeover",
"speculation that it will bid"): modal verbs, negation, the governing verb or noun, a conditional
clause, a passive of saying ("is thought to be"). will / is to / plans / agreed / a bid made give
planned; would, could, may, talks, forecasts, hypotheticals and rumours give speculated ("would"
reported after a speech verb is a reported "will": planned); a party's denial, or a negated plan,
gives denied; a negation no party voices ("has not laid off anyone") gives None: no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsfacts.extract.event_words import word_set
from newsfacts.vocab import EventStatus

# Modal and future auxiliaries.
_WILL = frozenset({"will", "shall", "'ll", "wo"})
_WOULD = frozenset({"would", "'d"})
_MAYBE = frozenset({"could", "may", "might", "should"})
# Governing words that make the event a plan: "plans to buy", "agreed to merge", "a deal to buy".
PLAN_WORDS = word_set("event_status.plan_words")
# Plan words that count only with an infinitive complement: "is set to", "due to", "going to".
XCOMP_PLAN_WORDS = frozenset({"set", "due", "go", "be", "about"})
# Plan words that name an intent: negated they are a denial ("no longer wants to own").
INTENT_WORDS = word_set("event_status.intent_words")
# Governing words that make it talk, intent without commitment, a forecast or a rumour.
SPECULATION_WORDS = word_set("event_status.speculation_words")
# Verbs whose passive reports hearsay: "is said to be", "is thought to be offering".
HEARSAY_VERBS = word_set("event_status.hearsay_verbs")
# Subjects of a speech verb that make what they say unconfirmed: "media reports say".
HEARSAY_SOURCES = word_set("event_status.hearsay_sources")
# Governing words by which a party denies the event.
DENIAL_WORDS = word_set("event_status.denial_words")
# Governing words that mean the event was avoided: "avoided bankruptcy" states no bankruptcy.
AVOIDANCE_WORDS = word_set("event_status.avoidance_words")
# Governing words after which the event is done: "completed the takeover", "the sale went ahead".
DONE_WORDS = frozenset({"complete", "finalise", "finalize", "close", "conclude"})
# Speech verbs: they pass the status of their reported clause through.
SPEECH_WORDS = word_set("event_status.speech_words")
# Types for which announcing or reporting is the event itself: "announced a record profit".
_ANNOUNCED_IS_DONE = frozenset({"financial_result", "leadership_change", "product_launch"})
# Types whose progressive form states a deal under way, not done: "is buying 100% of X".
_PROGRESSIVE_PLANNED = frozenset(
    {"acquisition", "investment", "ipo", "product_launch", "layoffs", "market_entry"}
)
# Noun modifiers of a trigger: "a possible merger", "the proposed takeover".
_SPECULATED_MODS = word_set("event_status.speculated_mods")
_PLANNED_MODS = word_set("event_status.planned_mods")
# Words that make a negation generic: "has not laid off anyone since 1990".
_GENERIC = word_set("event_status.generic")
# Relations climbed from a trigger to the words it depends on.
_CLIMB = word_set("event_status.climb")
# Relations by which the trigger is the subject of the word above: only its modality counts
# ("the deal would create", "profits may decline", "the sale went ahead").
_SUBJECT_OF = frozenset({"nsubj", "csubj"})


@dataclass
class Cues:
    """What the words around a trigger say about its status."""

    will: bool = False
    would_reported: bool = False
    maybe: bool = False
    negated: bool = False
    generic_negation: bool = False
    conditional: bool = False
    plan: bool = False
    intent: bool = False
    speculation: bool = False
    denial: bool = False
    avoided: bool = False
    done: bool = False
    progressive: bool = False
    indefinite_any: bool = False
    scheduled: bool = False
    present_dated: bool = False


def status_of(
    trigger: Token,
    event_type: str = "",
    default: EventStatus = "occurred",
    anchor: Token | None = None,
) -> EventStatus | None:
    """The status of the event a trigger names, or None when a generic negation leaves no event.

    `anchor` is the word whose clause states the event when it is not the trigger's own ("the
    court could declare it bankrupt": declare)."""
    cues = read_cues(anchor or trigger, event_type)
    if anchor is not None:
        _mods(trigger, cues)
    if cues.avoided or (cues.negated and cues.generic_negation):
        return None
    if cues.denial or (cues.negated and cues.intent):
        return "denied"
    if cues.negated and not (cues.speculation or cues.plan):
        return None
    if cues.scheduled and not (cues.conditional or cues.maybe or cues.negated):
        return "planned"
    if cues.conditional or cues.maybe or cues.speculation or cues.negated or cues.indefinite_any:
        return "speculated"
    if cues.will or cues.would_reported or cues.plan:
        return "planned"
    if cues.progressive and event_type in _PROGRESSIVE_PLANNED:
        return "planned"
    if cues.present_dated and event_type in _PROGRESSIVE_PLANNED:
        return "planned"  # "the console goes on sale on Thursday": an arrangement
    if cues.done:
        return "occurred"
    return default


def read_cues(trigger: Token, event_type: str = "") -> Cues:
    """Cues from the trigger's verb group and from each word above it, up to the sentence root."""
    cues = Cues()
    _mods(trigger, cues)
    cues.indefinite_any = any(c.lower_ == "any" and c.dep_ == "det" for c in trigger.children)
    cues.present_dated = _present_with_date(trigger)
    cues.speculation = cues.speculation or _topic_of_talk(trigger)
    # "almost collapsed", "nearly went bust": it did not happen
    cues.avoided = any(
        c.dep_ == "advmod" and c.lower_ in ("almost", "nearly") for c in trigger.children
    )
    _expected_after(trigger, cues)
    token, came_from, depth, under_speech = trigger, trigger, 0, False
    while True:
        if token is trigger or came_from.dep_ not in _SUBJECT_OF or token.pos_ in ("VERB", "AUX"):
            _verb_group(token, cues, under_speech or _reported(token))
        if token is not trigger:
            _governing_cue(token, came_from, trigger, cues, event_type)
        if not _climbs(token) or depth > 8:
            break
        if token.dep_ in ("ccomp", "advcl", "relcl", "conj") and _own_subject(token):
            if token.dep_ == "advcl" and _mark(token) in ("if", "unless"):
                cues.conditional = True
            head = token.head
            if token.dep_ != "ccomp" and head.lemma_.lower() in DENIAL_WORDS:
                break  # "X was rejected, while Y said it will bid": Y's bid is not rejected
            if not _passes_through(head):
                break
            under_speech = head.lemma_.lower() in SPEECH_WORDS
            if under_speech and _hearsay_source(head):
                cues.speculation = True
        came_from, token, depth = token, token.head, depth + 1
    return cues


def _reported(verb: Token) -> bool:
    """Whether a verb heads a clause reported by a speech verb: "would" in "said it would sell
    the unit", "added it would raise prices", "said legal action would be taken"."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in SPEECH_WORDS


def _climbs(token: Token) -> bool:
    """Whether the words above a token still frame it."""
    if token.dep_ not in _CLIMB or token.head.i == token.i:
        return False
    return not (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def _passes_through(head: Token) -> bool:
    """A clause above another frames it only as speech, cognition or denial."""
    lemma = head.lemma_.lower()
    return (
        lemma in SPEECH_WORDS | SPECULATION_WORDS | DENIAL_WORDS or head.lower_ in SPECULATION_WORDS
    )


def _hearsay_source(speech: Token) -> bool:
    """Whether a speech verb's subject is hearsay: "media reports say", "analysts said"."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in HEARSAY_SOURCES for c in speech.children)


def _own_subject(token: Token) -> bool:
    """Whether a clause has its own subject (so the words above it are another predicate)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in token.children)


def _mark(token: Token) -> str | None:
    """The subordinating word of a clause ("if", "unless", "because")."""
    for child in token.children:
        if child.dep_ == "mark":
            return child.lower_
    return None


def _verb_group(token: Token, cues: Cues, under_speech: bool) -> None:
    """Auxiliaries, negation and conditional marks of one word."""
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("aux", "auxpass"):
            _auxiliary(token, child, cues, under_speech)
        elif child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            cues.negated = True
        elif (
            child.dep_ in ("nsubj", "nsubjpass")
            and _nobody(child)
            or child.dep_ == "advmod"
            and word == "never"
        ):
            cues.negated = cues.generic_negation = True
        elif (
            child.dep_ == "advmod"
            and word == "longer"
            and any(g.lower_ == "no" for g in child.children)
        ):
            cues.negated = True
        elif child.dep_ == "advcl" and _mark(child) in ("if", "unless"):
            cues.conditional = cues.conditional or token.pos_ in ("VERB", "AUX")
        if child.dep_ in ("dobj", "npadvmod", "prep", "advmod", "nsubjpass") and _generic(child):
            cues.generic_negation = True
    if token.dep_ == "advcl" and _mark(token) in ("if", "unless", "whether"):
        cues.conditional = True
    if token.tag_ == "VBN" and token.lemma_.lower() in HEARSAY_VERBS and _has_dep(token, "auxpass"):
        cues.speculation = True  # "is said to be", "is thought to be offering"
    if token.lemma_ == "expect" and _has_dep(token, "auxpass") and _scheduled(token):
        cues.scheduled = True  # "the offering is expected to be held in May": a date set


def _auxiliary(token: Token, aux: Token, cues: Cues, under_speech: bool) -> None:
    """What one auxiliary says: will (planned), would (speculated, or planned when reported)."""
    word = aux.lower_
    if word in _WILL:
        cues.will = True
    elif word in _WOULD:
        if under_speech:
            cues.would_reported = True
        else:
            cues.maybe = True
    elif word in _MAYBE:
        cues.maybe = True
    elif aux.lemma_ == "be" and token.tag_ == "VBG":
        cues.progressive = True


# Nouns after which "on/about X" makes X a topic of talk: "its stance on entering Brazil".
_TOPIC_NOUNS = word_set("event_status.topic_nouns")


def _expected_after(trigger: Token, cues: Cues) -> None:
    """ "an offering expected to be held in May" (scheduled: planned), "a launch expected in
    2006" (a forecast: speculated)."""
    for child in trigger.children:
        if child.dep_ == "acl" and child.lemma_ == "expect":
            if _scheduled(child):
                cues.scheduled = True
            else:
                cues.speculation = True


def _topic_of_talk(trigger: Token) -> bool:
    """ "clarified its stance on entering the market", "questions about a listing"."""
    prep = trigger.head
    if trigger.dep_ not in ("pcomp", "pobj") or prep.lower_ not in (
        "on",
        "about",
        "over",
        "regarding",
    ):
        return False
    before = trigger.doc[prep.i - 1] if prep.i > 0 else None
    return before is not None and before.lemma_.lower() in _TOPIC_NOUNS


def _present_with_date(trigger: Token) -> bool:
    """A verb in the present tense with a date of its own: "goes on sale on Thursday", "is
    released in the US on 24 March" (a scheduled arrangement, not a past fact)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    tensed = verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") and c.lower_ in ("is", "are")
        for c in verb.children
    )
    has_perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)
    return tensed and dated and not has_perfect


def _nobody(subject: Token) -> bool:
    """A subject that negates: "neither side has made an offer", "none of them bid"."""
    return subject.lower_ in ("neither", "none", "nobody", "no-one") or any(
        c.dep_ in ("det", "preconj") and c.lower_ in ("neither", "no") for c in subject.children
    )


# Verbs after "is expected to" that name a scheduled happening, not a forecast.
_SCHEDULE_VERBS = word_set("event_status.schedule_verbs")


def _scheduled(expected: Token) -> bool:
    """ "is expected to be held / take place / be completed" (a schedule), unlike "is expected
    to rise" (a forecast)."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in _SCHEDULE_VERBS for c in expected.children)


def _has_dep(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _generic(token: Token) -> bool:
    """An object or adverbial that makes a negation generic: "any firms", "since 1945", "ever"."""
    words = {t.lower_ for t in token.subtree}
    return bool(words & _GENERIC)


# Relations of a means or circumstance under a verb of avoiding ("avoided bankruptcy thanks to
# a bail-out", "averted collapse by selling its unit"): that event happened.
_MEANS_RELATIONS = frozenset({"prep", "agent", "advcl", "npadvmod", "advmod"})


def _governing_cue(
    token: Token, came_from: Token, trigger: Token, cues: Cues, event_type: str
) -> None:
    """The status a word above the trigger gives: "plans", "talks", "denied", "avoided"."""
    lemma = token.lemma_.lower()
    rel = came_from.dep_
    if rel in _SUBJECT_OF:
        if lemma in DONE_WORDS or (lemma == "go" and _has_child(token, "ahead")):
            cues.done = True
        return
    if lemma in DENIAL_WORDS and _no_comment(token):
        return  # "declined to comment on reports that ...": the reports stand, nobody denies
    if lemma in DENIAL_WORDS and (lemma != "rule" or _has_child(token, "out")):
        # "rejected the bid": the target declining an offer is no denial of the bid
        if not (came_from is trigger and rel in ("dobj", "nsubjpass")):
            cues.denial = True
    elif lemma in AVOIDANCE_WORDS and rel not in _MEANS_RELATIONS:
        cues.avoided = True  # not the means: "avoided collapse thanks to a bail-out" happened
    elif lemma in DONE_WORDS or (lemma == "go" and _has_child(token, "ahead")):
        cues.done = True
    elif lemma in SPEECH_WORDS and lemma != "announce":
        return
    elif lemma == "expect" and _scheduled(token):
        cues.plan = True
    elif lemma in SPECULATION_WORDS or token.lower_ in SPECULATION_WORDS:
        cues.speculation = True
        cues.intent = cues.intent or lemma in INTENT_WORDS
    elif lemma in PLAN_WORDS and not (lemma == "announce" and event_type in _ANNOUNCED_IS_DONE):
        cues.plan = True
        cues.intent = cues.intent or lemma in INTENT_WORDS
    elif lemma in XCOMP_PLAN_WORDS and rel == "xcomp" and _infinitive(came_from):
        cues.plan = lemma != "go" or token.tag_ == "VBG"
    _mods(token, cues)


# Verbs after "declined to" / "refused to" that withhold a statement rather than deny one.
_NO_COMMENT_VERBS = frozenset(
    ["comment", "draw", "confirm", "say", "discuss", "elaborate", "speculate", "specify"]
)


def _no_comment(token: Token) -> bool:
    """ "declined to comment", "refused to be drawn", "declined to confirm": no denial."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in _NO_COMMENT_VERBS for c in token.children)


def _infinitive(token: Token) -> bool:
    """Whether a verb is an infinitive with "to": "set to merge", "is to buy"."""
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)


def _has_child(token: Token, *words: str) -> bool:
    """Whether a token has a child with one of these words."""
    return any(c.lower_ in words for c in token.children)


def _mods(token: Token, cues: Cues) -> None:
    """Adjectives on a noun: "a possible merger" (speculated), "the proposed takeover"."""
    for child in token.children:
        if child.dep_ in ("amod", "compound"):
            word = child.lower_
            if word in _SPECULATED_MODS:
                cues.speculation = True
            elif word in _PLANNED_MODS:
                cues.plan = True
