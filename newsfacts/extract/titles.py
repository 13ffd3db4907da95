"""Titles and affiliations from the dependency parse: a spaCy Doc with the document's person and
organisation mentions in, what the syntax states about each person out (title, organisation,
the country written before the title, the rule that read it).

Covers apposition ("Jo Bell, chief executive of Brenmoor", "Jo Bell, Brenmoor's chief
executive", "Brenmoor's chief executive, Jo Bell"), a title before the name ("Brenmoor chief
executive Jo Bell", "former Brenmoor boss Jo Bell", "Ostrian President Jo Bell"), a bare "of" or
"from" ("Jo Bell of Brenmoor", "Jo Bell, from research firm Brenmoor") and an owner's possessive
("Jo Bell's Brenmoor"). Past titles keep their organisation: the gold guidelines (section 2) give
"former chief executive" with its company. Titles come back title-cased word by word, as the
capitalised title cue gives them ("chief executive" -> "Chief Executive").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfacts.extract import affiliations as af
from newsfacts.extract import gazetteers as gz

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

# Share of statements expected right, by rule.
RULE_CONFIDENCE = {
    "title_apposition": 0.9,
    "title_before_name": 0.9,
    "of_organisation": 0.8,
    "owner_possessive": 0.8,
}
# Prepositions that tie a title or a person to an organisation ("head of", "analyst at").
_PREPOSITIONS = frozenset(["of", "at", "for", "with", "from"])
# Words that make a title a past one ("former chief executive", "ex-chairman").
_PAST = frozenset(["former", "ex", "then", "erstwhile", "onetime", "one-time", "late"])
# Dependency labels of a title's modifiers that can hold its organisation ("Brenmoor boss").
_MODIFIERS = frozenset(["compound", "nmod", "amod", "poss"])
# Tokens searched below a preposition's object for the organisation ("at research firm Brenmoor").
MAX_OBJECT_TOKENS = 12


@dataclass(frozen=True)
class Stated:
    """What one sentence states about one person: title and organisation, either may be None."""

    person_key: str
    title: str | None
    company_key: str | None
    rule: str
    confidence: float
    past: bool = False
    country: str | None = None  # ISO code of a country written before the title ("US President")


@dataclass
class Mentions:
    """Token index -> key of the person or organisation mention covering the token."""

    persons: dict[int, str]
    orgs: dict[int, str]
    # Text of every organisation mention -> its key, for names inside a hyphenated word.
    org_names: dict[str, str] = field(default_factory=dict)


def mention_index(
    sdoc: SpacyDoc,
    persons: Iterable[tuple[int, int, str]],
    orgs: Iterable[tuple[int, int, str]],
) -> Mentions:
    """Index (start, end, key) character spans of mentions by the tokens they cover."""
    orgs = list(orgs)
    names = {sdoc.text[start:end]: key for start, end, key in orgs}
    return Mentions(_by_token(sdoc, persons), _by_token(sdoc, orgs), names)


def _by_token(sdoc: SpacyDoc, spans: Iterable[tuple[int, int, str]]) -> dict[int, str]:
    """Token index -> key for every token inside a span."""
    out: dict[int, str] = {}
    for start, end, key in spans:
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update({t.i: key for t in span})
    return out


def stated_affiliations(sdoc: SpacyDoc, ix: Mentions) -> list[Stated]:
    """Every statement the rules read, per person mention, in text order then rule order."""
    out = []
    for root, key in _person_roots(sdoc, ix):
        if not root.dep_:
            continue  # an unparsed sentence: its tokens have no tree to walk
        for rule in SYNTAX_RULES:
            found = rule(root, key, ix)
            if found is not None:
                out.append(found)
    return out


def _person_roots(sdoc: SpacyDoc, ix: Mentions) -> list[tuple[Token, str]]:
    """The syntactic head of every person mention, with the person's key."""
    roots: dict[int, tuple[Token, str]] = {}
    for i, key in ix.persons.items():
        tok = sdoc[i]
        if tok.head.i in ix.persons and ix.persons[tok.head.i] == key and tok.head.i != i:
            continue  # not the head of its name
        roots[i] = (tok, key)
    return [roots[i] for i in sorted(roots)]


# --- rules ------------------------------------------------------------------------------------


def title_apposition(root: Token, key: str, ix: Mentions) -> Stated | None:
    """A title in apposition to the name, on either side.

    Matches "Jo Bell, chief executive of Brenmoor, said", "Jo Bell, a spokesman for research firm
    Brenmoor", "Jo Bell, Brenmoor's chief executive", "Brenmoor's chief executive, Jo Bell".
    """
    nouns = [c for c in root.children if c.dep_ == "appos" and _is_title(c)]
    if root.dep_ == "appos" and _is_title(root.head):
        nouns.append(root.head)
    for noun in nouns:
        return _statement(key, noun, ix, "title_apposition")
    return None


def title_before_name(root: Token, key: str, ix: Mentions) -> Stated | None:
    """A title written before the name, its organisation before it.

    Matches "Brenmoor chief executive Jo Bell", "former Brenmoor boss Jo Bell", "Brenmoor's
    chief executive Jo Bell", "Ostrian President Jo Bell" (a country, kept for office holders).
    """
    for child in root.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and _is_title(child):
            return _statement(key, child, ix, "title_before_name")
    return None


def of_organisation(root: Token, key: str, ix: Mentions) -> Stated | None:
    """ "of" or "from" an organisation right after the name.

    Matches "Jo Bell of Brenmoor said", "Jo Bell, of brokers Brenmoor,", "Dr Jo Bell from the
    Halden Transport Group".
    """
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            org = _org_below(child, ix)
            if org is not None:
                return Stated(key, None, org, "of_organisation", RULE_CONFIDENCE["of_organisation"])
    return None


def owner_possessive(root: Token, key: str, ix: Mentions) -> Stated | None:
    """The person owns the organisation: "Jo Bell's Brenmoor Holdings", "Lord Bell's Brenmoor"."""
    if root.dep_ == "poss" and root.head.i in ix.orgs:
        conf = RULE_CONFIDENCE["owner_possessive"]
        return Stated(key, None, ix.orgs[root.head.i], "owner_possessive", conf)
    return None


Rule = Callable[["Token", str, Mentions], Stated | None]
# Tried in order for every person mention.
SYNTAX_RULES: tuple[Rule, ...] = (
    title_apposition,
    title_before_name,
    of_organisation,
    owner_possessive,
)


# --- helpers ----------------------------------------------------------------------------------


def _is_title(tok: Token) -> bool:
    """A title head noun ("executive", "Chairman", "analyst", "CEO")."""
    return af.title_role(tok.text) == "head" or (tok.text.islower() and _lower_head(tok.lemma_))


def _lower_head(lemma: str) -> bool:
    """True for a lower-case title head given as a lemma ("spokesmen" -> "spokesman")."""
    return af.lower_title_words().get(lemma) == "head"


def _statement(key: str, noun: Token, ix: Mentions, rule: str) -> Stated:
    """Title, organisation, past flag and country of the title headed by `noun`."""
    words, past, country = _title_words(noun, ix)
    org = _org_of_title(noun, ix)
    title = af.format_title(words) if words else None
    return Stated(key, title, org, rule, RULE_CONFIDENCE[rule], past, country)


def _title_words(noun: Token, ix: Mentions) -> tuple[list[str], bool, str | None]:
    """The title's words (its title-word modifiers and itself), whether it is past, and the
    country written before it."""
    words, past, country = [], False, None
    for tok in noun.subtree:
        if tok.i > noun.i:
            break
        if tok.lower_ in _PAST or tok.lower_.startswith("ex-"):
            past = True
        elif code := gz.country_codes().get(tok.text) or _nationality(tok):
            country = country or code
        elif tok.i in ix.orgs or tok.i in ix.persons:
            continue
        elif tok.i == noun.i or (af.title_role(tok.text) and tok.head.i >= tok.i):
            words.append(tok.text)
    return words, past, country


# Endings of English nationality adjectives ("Maltese", "Bolivian", "Kuwaiti", "Danish",
# "Dutch", "Icelandic"): a word NER calls a nationality must have one, so a portfolio the tagger
# misreads ("Culture Secretary") is no country.
_NATIONALITY_ENDINGS = ("an", "ese", "ish", "i", "ch", "ic")


def _nationality(tok: Token) -> str | None:
    """A nationality or country NER knows but the tables lack ("Maltese"): its own text."""
    tagged = tok.ent_type_ == "NORP" and tok.lower_.endswith(_NATIONALITY_ENDINGS)
    known = tagged or tok.text in gz.demonyms()
    return tok.text if known and tok.text[:1].isupper() else None


def _org_of_title(noun: Token, ix: Mentions) -> str | None:
    """The organisation a title belongs to: its possessor or modifier ("Brenmoor's", "Brenmoor
    boss"), else the object of its preposition ("of Brenmoor", "at research firm Brenmoor"),
    also for a coordinated title ("founder and chairman of Brenmoor")."""
    for child in noun.children:
        if child.dep_ in _MODIFIERS and child.i < noun.i:
            org = _org_at_or_below(child, ix)
            if org is not None:
                return org
    for title in [noun, *(c for c in noun.children if c.dep_ == "conj")]:
        for child in title.children:
            if child.dep_ == "prep" and child.lower_ in _PREPOSITIONS:
                org = _org_below(child, ix)
                if org is not None:
                    return org
    return None


def _org_at_or_below(tok: Token, ix: Mentions) -> str | None:
    """The organisation of a title's modifier: the token itself or its own modifiers."""
    if tok.i in ix.orgs:
        return ix.orgs[tok.i]
    if _after_hyphen(tok) and tok.text in ix.org_names:
        return ix.org_names[tok.text]
    for child in tok.children:
        if child.dep_ in _MODIFIERS and child.i in ix.orgs:
            return ix.orgs[child.i]
    return None


def _after_hyphen(tok: Token) -> bool:
    """A name written after "ex-" or "pro-" ("ex-Brenmoor boss"): the entity tokens keep the
    hyphenated word whole, so only the name's mentions elsewhere can say it is an organisation."""
    return tok.i > 0 and tok.nbor(-1).text == "-" and not tok.nbor(-1).whitespace_


def _org_below(prep: Token, ix: Mentions) -> str | None:
    """The organisation under a preposition: its object, a name the object is part of, then the
    first organisation in the object's phrase ("at brokers Brenmoor", "of Brenmoor's unit")."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    obj = objects[0]
    if obj.i in ix.orgs:
        return ix.orgs[obj.i]
    for child in obj.children:  # "the Brenmoor internet division": the unit's own name first
        if child.dep_ in ("compound", "nmod", "appos") and child.i in ix.orgs:
            return ix.orgs[child.i]
    for tok in list(obj.subtree)[:MAX_OBJECT_TOKENS]:
        if tok.i in ix.persons:
            return None
        if tok.i in ix.orgs:
            return ix.orgs[tok.i]
    return None
