"""Stance and subject of a claim, read from its cue and the parse of its content.

Consumes the cue entry and token, the content span (and its clause head when parsed) and the
mention index; produces the stance (assert / deny / hedge: the cue's default, turned by negation
and modality in the content) and the subject company: the organisation the content is about,
the one in the subject of the content's main clause, else the first one the content names, the
speaker's own organisation only when the content says "we" or refers back to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from newsfacts.extract.claim_cues import CueEntry
from newsfacts.extract.coref import ORG_NOUNS
from newsfacts.extract.event_context import MentionIndex
from newsfacts.vocab import DENY_STANCE, Stance

# Modal auxiliaries that make a stated content uncertain or conditional ("may", "could").
# "should" and "ought" are left out: "said the firm should restate its accounts" asserts a
# demand, it does not make the content uncertain.
HEDGE_MODALS = frozenset({"may", "might", "could", "would"})
# Modals that make a quotation uncertain ('"That would be a mistake," he said'); "could" is
# left out: in quoted speech it is more often ability ("we could not find a buyer").
_QUOTE_MODALS = re.compile(r"\b(?:may|might|would|should)\b", re.IGNORECASE)
# Words in a content that hedge it ("likely", "expects", "if the deal goes ahead").
_HEDGE_WORDS = re.compile(
    r"\b(?:likely|unlikely|possibly|probably|perhaps|maybe|potentially|expect(?:s|ed)?\s+to|"
    r"believes?|hopes?|hoping|consider(?:s|ing)?|aim(?:s|ing)?\s+to|predict\w*|forecast\w*|set\s+to|on\s+course\s+to|"
    r"appears?\s+to|seems?\s+to|if|unless|whether|I\s+think|looks\s+like|"
    r"(?:it|not)\s+look\s+like|going\s+to\s+(?!the\b|an?\b|his\b|her\b|its\b|their\b)\w+|tipped\s+to|"
    r"expecting|no\s+(?:guarantees?|assurances?))\b",
    re.IGNORECASE,
)
# A content rejecting a proposition ("had no plans to", "was not in talks", "is false").
_DENY_CONTENT = re.compile(
    r"\b(?:no\s+(?:\w+\s+)?(?:plans?|intentions?|truth|basis|evidence|link)|"
    r"not\s+(?:(?:been|be)\s+)?(?:in\s+talks|planning|for\s+sale|true|linked|guilty|involved|"
    r"responsible|part\s+of)|"
    r"(?:is|are|was|were)\s+[\"“]?(?:false|untrue|groundless|baseless|wrong|unfounded)|"
    r"never\s+(?:planned|intended|had)|no\s+longer\s+valid|nothing\s+to\s+suggest)\b",
    re.IGNORECASE,
)
# Head nouns of a definite description of an organisation ("the club", "the ministry").
ORG_NOUN_SET = frozenset().union(*ORG_NOUNS.values())
_ORG_KINDS = ("company", "government", "other_org")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)
# A content naming no organisation but pointing back at one ("its profits", "the firm's").
_OWN = re.compile(r"\b(?:its|the\s+(?:company|firm|group|bank|business))\b", re.IGNORECASE)
_ANAPHOR = re.compile(r"^(?:it|its|they|their|the\s+(?:company|firm|group|bank|club|business))$")


def stance(
    entry: CueEntry | None,
    cue: Token | None,
    root: Token | None,
    content: str,
    self_words: frozenset[str] = frozenset(),
) -> Stance:
    """deny for a denying cue or a content rejecting a proposition; hedge for a cognition or
    forecast cue, a modal on the content's main verb or a hedging word; else assert. A
    "would" whose subject is one of `self_words` (the pronouns that can stand for the
    speaker: "it" for a firm, "he" for a man) reports the speaker's own plan: assert."""
    negated_cue = cue is not None and any(c.dep_ == "neg" for c in cue.children)
    if entry is not None and entry.stance == DENY_STANCE:
        return "assert" if negated_cue else DENY_STANCE
    if _DENY_CONTENT.search(content) or (root is not None and _negated_belief(root)):
        return DENY_STANCE
    if entry is not None and entry.stance == "hedge":
        return "hedge"
    if root is not None and _nested_cognition(root):
        return "hedge"
    if root is not None and _modal(root) and not _own_plan(root, self_words):
        return "hedge"
    if root is None and _QUOTE_MODALS.search(content[:200]):
        return "hedge"
    if _HEDGE_WORDS.search(content[:200]):
        return "hedge"
    return "assert"


# Pronouns that can stand for a speaker of each kind in its own reported words.
SELF_WORDS = {
    "org": frozenset({"it", "they", "we"}),
    "group": frozenset({"they", "we"}),
    "male": frozenset({"he"}),
    "female": frozenset({"she"}),
    "person": frozenset({"he", "she"}),
}


def _own_plan(root: Token, self_words: frozenset[str]) -> bool:
    """ "said it would fund the deal by selling a stake", "said they would take legal
    action": "would" reporting the speaker's own stated plan (a backshifted "will") asserts
    it; only "would" with a pronoun subject, and no other modal on the verb."""
    auxes = [a.lower_ for a in root.children if a.dep_ == "aux"]
    if auxes != ["would"] or any(c.dep_ == "conj" for c in root.children):
        return False
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and subj[0].lower_ in self_words


# Cognition verbs heading a reported content that make it a belief ("said he believed ...").
_BELIEF_VERBS = frozenset(
    {"believe", "think", "expect", "hope", "fear", "suspect", "reckon", "suggest"}
)


# Verbs whose negation in a reported content rejects a proposition ("did not believe").
_REJECTING_VERBS = _BELIEF_VERBS | frozenset({"intend", "see", "accept", "plan"})


def _negated_belief(root: Token) -> bool:
    """ "said the department did not believe there was a case", "said it did not intend to
    refer a new proposal", "said he could not see the legal basis of the charges"."""
    return root.lemma_.lower() in _REJECTING_VERBS and any(c.dep_ == "neg" for c in root.children)


def _nested_cognition(root: Token) -> bool:
    """ "said he believed a bid would succeed", "said it thought the bank had a role", "said
    it expected the device to sell out": the content is the speaker's belief."""
    return root.lemma_.lower() in _BELIEF_VERBS and any(c.dep_ == "nsubj" for c in root.children)


def _modal(root: Token) -> bool:
    """True when the content's main verb (or a verb conjoined with it) carries a hedging modal."""
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    return any(a.dep_ == "aux" and a.lower_ in HEDGE_MODALS for v in verbs for a in v.children)


def subject_company(
    body: str,
    start: int,
    end: int,
    root: Token | None,
    offset: int,
    index: MentionIndex,
    speaker_org: str | None,
    via: str | None = None,
    anaphor: Callable[[str, int], str | None] | None = None,
    speaker_before: bool = True,
    speaker_is_company: bool = False,
    group_speaker: bool = False,
) -> str | None:
    """The organisation the content body[start:end] is about (see the module docstring);
    `anaphor` resolves "it" / "the company" at a position to an organisation key; an anaphor
    after the speaker ("Foo said it would") is the speaker's own organisation. A group's "it"
    ("critics say it could ...") is a thing, not a firm. A definite organisation noun anywhere
    in the content ("take control of the club") names the organisation it refers back to. A
    company that speaks of "its" sales or "the company" speaks of itself."""
    subj = _clause_subject(root) if root is not None else None
    if subj is not None:
        s = offset + subj.left_edge.idx
        e = offset + subj.right_edge.idx + len(subj.right_edge)
        named = _first_org(index, max(s, start), min(e, end), via)
        if named:
            return named
        words = body[s:e].lower()
        if _FIRST_PERSON.fullmatch(words):
            return speaker_org
        own = speaker_org and speaker_before and _fits(subj, index.kind(speaker_org))
        if _ANAPHOR.match(words) and own:
            return speaker_org  # "Foo said it would ...", "Ann Lee said the company ..."
        if _ANAPHOR.match(words) and anaphor is not None and not group_speaker:
            found = anaphor(subj.lemma_.lower(), s)
            if found:
                return found
            if speaker_org and _fits(subj, index.kind(speaker_org)):
                return speaker_org
            kinds = tuple(k for k, nouns in ORG_NOUNS.items() if subj.lemma_.lower() in nouns)
            return index.last_company_before(s, kinds or _ORG_KINDS)
    named = _first_org(index, start, end, via)
    if named:
        return named
    noun = _definite_org_noun(root, offset, start, end) if root is not None else None
    found = anaphor(noun.lemma_.lower(), offset + noun.idx) if noun and anaphor else None
    if found:
        return found
    if _FIRST_PERSON.search(body[start:end]):
        return speaker_org
    if speaker_is_company and _OWN.search(body[start:end]):
        return speaker_org  # "Foo said its profits would fall", "..., the company said"
    return None


def _fits(word: Token, kind: str | None) -> bool:
    """True when an anaphor can stand for an organisation of a kind: "it" for any, "the
    company" not for a union ("A union official said the company had ignored the rules")."""
    kinds = [k for k, nouns in ORG_NOUNS.items() if word.lemma_.lower() in nouns]
    return not kinds or kind in kinds


def _definite_org_noun(root: Token, offset: int, start: int, end: int) -> Token | None:
    """The first "the <organisation noun>" of a content ("the club", "the Russian oil
    giant", "the department"), not a possessive one's ("the club's fans" still counts)."""
    for tok in sorted(root.subtree, key=lambda t: t.i):
        pos = offset + tok.idx
        if not start <= pos < end or tok.pos_ != "NOUN" or tok.tag_ in ("NNS", "NNPS"):
            continue
        if tok.lemma_.lower() in ORG_NOUN_SET and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children
        ):
            return tok
    return None


def _clause_subject(root: Token) -> Token | None:
    """The subject of a clause head (or of the clause it is conjoined to)."""
    for tok in (root, root.head if root.dep_ == "conj" else None):
        if tok is None:
            continue
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                return None if c.dep_ == "expl" else c
    return None


def _first_org(index: MentionIndex, start: int, end: int, via: str | None) -> str | None:
    """The first organisation named in [start, end), the relaying outlet excepted, and a
    description linked to an organisation it cannot describe ("the company" for a union)."""
    for m in index.companies_in(start, end):
        if m.company_key != via and _describes(m.text, index.kind(m.company_key)):
            return m.company_key
    return None


def _describes(text: str, kind: str | None) -> bool:
    """False for "the <noun>" whose noun names another kind of organisation than `kind`."""
    words = text.lower().split()
    if len(words) != 2 or words[0] != "the":
        return True
    kinds = [k for k, nouns in ORG_NOUNS.items() if words[1] in nouns]
    return not kinds or kind in kinds
