"""Arguments of event predicates: a trigger token in, its syntactic roles and their companies out.

Consumes a spaCy parse and the document's company and person mentions; produces Args (who acts,
what is acted on, the prepositional arguments, the verb a noun trigger depends on) and resolves
argument tokens to company keys, through names, appositions, possessors, pronouns, descriptors
("the firm"), relative pronouns ("Y, which X bought") and the affiliations of people. Passives
are read from the parse: in "Tollan was bought by Brenmoor" the by-phrase is the subject side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsfacts.extract.event_anaphora import antecedent
from newsfacts.extract.event_context import (
    COMPANY_DESCRIPTOR,
    PRONOUNS_COMPANY,
    MentionIndex,
)
from newsfacts.extract.event_words import word_set
from newsfacts.extract.text import doc_text

# Dependency labels that attach a subject, an object, a prepositional argument.
_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "oprd"})
_PREPS = frozenset({"prep", "dative", "agent"})
# Relations through which a verb without its own subject shares another verb's subject:
# "agreed to buy", "bought X and sold Y", "paying £3m to buy".
_SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp"})
# Object-control verbs: in "allowed X to buy" the buyer is the object of "allowed".
_OBJECT_CONTROL = word_set("event_args.object_control")
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
# Modifiers that belong to a noun's name span: "rival bank UFJ", "the Yugansk unit".
# Words of a text about buying companies.
_ACQUISITION_WORDS = re.compile(
    r"\b(?:takeover|take-over|acquisition|acquire[sd]?|buyout|buy-out|merger|bid|bidder|"
    r"bidding|suitor)s?\b",
    re.IGNORECASE,
)
# Nouns of executive roles whose company is their affiliation: "its chief executive resigned".
TITLE_WORDS = word_set("event_args.title_words")
# Nouns that stand for an authority named earlier: "the court", "the Commission".
AUTHORITY_WORDS = word_set("event_args.authority_words")
_NAME_PARTS = word_set("event_args.name_parts")


@dataclass
class Args:
    """The syntactic arguments of one predicate."""

    subj: list[Token] = field(default_factory=list)  # acting side (by-phrase of a passive)
    obj: list[Token] = field(default_factory=list)  # acted-on side (subject of a passive)
    preps: dict[str, list[Token]] = field(default_factory=dict)  # "for" -> [UFJ]
    mods: list[Token] = field(default_factory=list)  # compounds/adjectives of a noun trigger
    passive: bool = False
    governor: Token | None = None  # the verb a noun trigger depends on ("made a bid")
    gov_dep: str | None = None  # how: "dobj", "nsubj", "pobj:for"...


class Resolver:
    """Token -> company keys, over one parsed document and its mentions."""

    def __init__(self, doc: Doc, index: MentionIndex) -> None:
        self.doc = doc
        self.index = index
        self._acquisition: bool | None = None
        self.sentences: list[tuple[int, int]] | None = None  # rule sentences, built on demand
        self.targets: frozenset[str] | None = None  # companies named as bid targets, on demand
        self.company: list[str | None] = [None] * len(doc)
        self.person: list[str | None] = [None] * len(doc)
        for m in index.company_mentions:
            self._mark(self.company, m.start, m.end, m.company_key)
        for m in index.person_mentions:
            self._mark(self.person, m.start, m.end, m.person_key)

    def _mark(self, table: list[str | None], start: int, end: int, key: str) -> None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                table[i] = table[i] or key

    def kind(self, key: str) -> str:
        """company, media, government, political_party or other_org."""
        return self.index.kind(key)

    def keys(self, tokens: list[Token], people: bool = False) -> list[str]:
        """Company keys of argument tokens and their conjuncts, in order, without repeats
        ("the two firms" gives both)."""
        out: list[str] = []
        for token in tokens:
            for t in (token, *token.conjuncts):
                for key in self.the_two(t) or [self.key(t, people), *self.appos_list(t)]:
                    if key and key not in out:
                        out.append(key)
        return out

    def appos_list(self, token: Token) -> list[str]:
        """Companies listed in apposition to an argument, conjuncts included: "four firms -
        A, its unit B, C and D", "with wireless provider A and B"."""
        out: list[str] = []
        stack = [c for c in token.children if c.dep_ == "appos"]
        seen: set[int] = set()
        while stack:
            t = stack.pop(0)
            if t.i in seen:
                continue
            seen.add(t.i)
            key = self.company[t.i] or self._in_name_span(t)
            if key and key not in out:
                out.append(key)
            stack.extend(c for c in t.children if c.dep_ in ("appos", "conj"))
        return out

    def key(self, token: Token, people: bool = False) -> str | None:
        """The company an argument token names or points at, if any."""
        if token.lower_ in _RELATIVE and token.dep_ != "poss":
            token = relative_head(token) or token
        direct = self.company[token.i] or self._in_name_span(token) or self._appos(token)
        if direct:
            return direct
        if token.dep_ == "appos" and self.company[token.head.i]:
            return self.company[token.head.i]  # "Tollan, the dairy group that is buying X"
        if token.lower_ in ("itself", "themselves") and token.dep_ in ("nsubj", "nsubjpass"):
            return antecedent(self, token, "it")  # "and has itself been active, buying Y"
        if token.lower_ in PRONOUNS_COMPANY:
            if expletive(token):
                return None  # "found it hard to invest", "it is easy to buy": no company
            return self._clause_subject(token) or antecedent(self, token, token.text)
        pair = self._the_two(token)
        if pair:
            return pair
        if COMPANY_DESCRIPTOR.fullmatch(name_text(token)):
            return antecedent(self, token, name_text(token))
        if token.lemma_.lower() in AUTHORITY_WORDS:
            return self.authority_before(token)
        if people and (self.is_person(token) or token.lemma_.lower() in TITLE_WORDS):
            return self.affiliation(token)
        owner = [c for c in token.children if c.dep_ == "poss"]
        if owner and token.pos_ in ("NOUN", "PROPN"):
            return self.key(owner[0])  # "the company's EV arm", "its books": the owner's
        return None

    def parties(self, tokens: list[Token]) -> bool:
        """Whether the tokens name a party: a company or a person ("Mr Glazer's offer")."""
        return any(
            self.key(t) or self.is_person(t) or any(self.person[x.i] for x in t.subtree)
            for token in tokens
            for t in (token, *token.conjuncts)
        )

    def acquisition_context(self) -> bool:
        """Whether the text is about buying companies (a takeover, bid, merger, acquisition
        word in it): "offer" and "approach" are bids there."""
        if self._acquisition is None:
            self._acquisition = bool(_ACQUISITION_WORDS.search(doc_text(self.doc)))
        return self._acquisition

    def _the_two(self, token: Token) -> str | None:
        """ "the two firms", "both companies": the first of the last two companies named (the
        second comes through the_two_partner)."""
        pair = self.the_two(token)
        return pair[0] if pair else None

    def the_two(self, token: Token) -> list[str]:
        """The last two companies named before "the two firms" / "both companies"."""
        words = {c.lower_ for c in token.children}
        if token.lemma_.lower() not in ("firm", "company", "group", "bank", "two") or not (
            words & {"two", "both"} or token.lower_ == "two"
        ):
            return []
        keys: list[str] = []
        for m in reversed(self.index.companies_in(0, token.idx)):
            if self.kind(m.company_key) == "company" and m.company_key not in keys:
                keys.append(m.company_key)
            if len(keys) == 2:
                return keys[::-1]
        return []

    def keys_other_than(self, tokens: list[Token], exclude: list[str]) -> list[str]:
        """Company keys of object tokens, a descriptor among them never the subject's company:
        in "Brenmoor wants to buy the firm" the firm is another company than Brenmoor."""
        out: list[str] = []
        for token in tokens:
            for t in (token, *token.conjuncts):
                for key in self.the_two(t) or [self.key_other_than(t, set(exclude))]:
                    if key and key not in out:
                        out.append(key)
        return out

    def key_other_than(self, token: Token, exclude: set[str]) -> str | None:
        """Like key(), but a descriptor ("the Nordic company") resolves to the last company
        named before it that is not one of `exclude` (the other party already named)."""
        key = self.key(token)
        if key is None or key not in exclude or not COMPANY_DESCRIPTOR.fullmatch(name_text(token)):
            return key
        for m in reversed(self.index.companies_in(0, token.idx)):
            if m.company_key not in exclude and self.kind(m.company_key) == "company":
                return m.company_key
        return None

    def _clause_subject(self, pronoun: Token) -> str | None:
        """The company a possessive pronoun refers to when the subject of its own clause names
        one: "Deutsche Boerse held its third meeting with the LSE since its bid" -> Deutsche
        Boerse, not the LSE named last."""
        if pronoun.dep_ != "poss":
            return None
        for verb in pronoun.ancestors:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i:
                    if pronoun in child.subtree or child.lower_ in PRONOUNS_COMPANY:
                        continue
                    key = self.key(child)  # a name, or a descriptor ("the German group")
                    if key and self.kind(key) != "media":
                        return key
            if verb.dep_ in ("ccomp", "relcl", "advcl") and _has_own_subject(verb):
                break
        return None

    def authority_before(self, token: Token) -> str | None:
        """The authority "the court" or "the Commission" refers to: the last government body
        named before it whose name holds the word, else the last one for "the regulator"."""
        word = token.lemma_.lower()
        last_government = None
        for m in reversed(self.index.companies_in(0, token.idx)):
            if self.kind(m.company_key) != "government":
                continue
            if word in m.company_key.split() or word in m.text.lower().split():
                return m.company_key
            last_government = last_government or m.company_key
        if word in ("regulator", "regulators", "watchdog", "authorities", "government"):
            return last_government
        return None

    def affiliation(self, token: Token) -> str | None:
        """The company of a person argument ("its chief executive Jo Lee"), if stated."""
        person = self.person[token.i] or next(
            (self.person[t.i] for t in token.subtree if self.person[t.i]), None
        )
        if person:
            return self.index.affiliation(person)
        poss = [c for c in token.children if c.dep_ == "poss"]
        return self.key(poss[0]) if poss else None

    def is_person(self, token: Token) -> bool:
        """Whether a token names a person (a person mention or a PERSON entity)."""
        return bool(self.person[token.i]) or token.ent_type_ == "PERSON"

    def _in_name_span(self, token: Token) -> str | None:
        """A company named inside the noun's own modifiers: "the Yugansk unit", "rival UFJ"."""
        for child in token.children:
            if child.dep_ in ("compound", "nmod", "flat") and self.company[child.i]:
                return self.company[child.i]
        return None

    def _appos(self, token: Token) -> str | None:
        """A company in apposition: "the firm, Exel," or "its unit, Yugansk"."""
        for child in token.children:
            if child.dep_ == "appos" and self.company[child.i]:
                return self.company[child.i]
        return None


def expletive(token: Token) -> bool:
    """Whether "it" is a dummy subject: "found it hard to invest", "made it easier to buy",
    "it is hard for firms to invest"."""
    if token.lower_ != "it" or token.dep_ == "expl":
        return token.dep_ == "expl"
    head = token.head
    if head.pos_ == "ADJ" and token.dep_ == "nsubj":
        return True
    has_adj = any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.children)
    has_inf = any(c.dep_ in ("advcl", "xcomp", "ccomp") and _infinitive(c) for c in head.children)
    return token.dep_ == "nsubj" and has_adj and has_inf


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in token.children)


def _infinitive(verb: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def name_text(token: Token) -> str:
    """The words of a noun's name span: "the Beijing-based phone maker"."""
    left = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in _NAME_PARTS])
    return token.doc[left : token.i + 1].text


def _anaphor_text(token: Token) -> str:
    """The anaphor as resolve_company_anaphor expects it: "it", "the company"."""
    return token.text if token.lower_ in PRONOUNS_COMPANY else name_text(token)


def relative_head(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "which" in "Yugansk, which X bought"."""
    clause = token.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ not in ("prep", "pobj", "xcomp", "conj", "nsubj", "nsubjpass", "dobj"):
            return None
        clause = clause.head
    return clause.head if clause.dep_ in ("relcl", "acl") else None


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition: "by Brenmoor", "for UFJ and Daiwa"."""
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive: "was bought", "a firm bought by X" (a past participle
    modifying a noun)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def verb_args(verb: Token) -> Args:
    """Subject, object and prepositional arguments of a verb trigger."""
    args = Args(passive=is_passive(verb))
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            args.subj.append(child)
        elif child.dep_ in _OBJECTS:
            args.obj.append(child)
        elif child.dep_ == "agent":
            args.subj.extend(pobjs(child))
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            args.preps.setdefault("dative", []).append(child)  # "fined X £3m", "sold GM a stake"
        elif child.dep_ in _PREPS:
            args.preps.setdefault(child.lower_, []).extend(pobjs(child))
        elif child.dep_ == "prt":
            for grand in child.children:
                if grand.dep_ == "prep":
                    args.preps.setdefault(grand.lower_, []).extend(pobjs(grand))
    _fill_from_clause(verb, args)
    args.subj = [relative_head(t) or t if t.lower_ in _RELATIVE else t for t in args.subj]
    args.obj = [relative_head(t) or t if t.lower_ in _RELATIVE else t for t in args.obj]
    return args


def _fill_from_clause(verb: Token, args: Args) -> None:
    """Roles a verb leaves to its clause: a shared or controlling subject, the noun a
    relative or participle clause modifies."""
    if verb.dep_ in ("relcl", "acl"):
        noun = verb.head
        if args.passive and not args.obj:
            args.obj.append(noun)
        elif not args.subj:
            args.subj.append(noun)
        elif not args.obj and not any(t.lower_ in _RELATIVE for t in args.subj):
            args.obj.append(noun)
    if verb.dep_ == "acl" and not args.passive and args.subj == [verb.head] and _infinitive(verb):
        # "GM's offer to buy a stake", "X agreed a deal to buy Y": the noun's owner acts
        noun = verb.head
        owners = [c for c in noun.children if c.dep_ == "poss"]
        args.subj = owners or (light_subject(noun_args(noun)) if noun.dep_ == "dobj" else [])
    if not args.subj and not (args.passive and verb.dep_ == "acl"):
        if args.passive and args.obj:
            return  # "after the Shuffle was introduced": a passive with its own subject
        shared = inherited_subject(verb)
        if args.passive:
            args.obj.extend(shared)  # "the screensaver is due to be launched": the launched
        else:
            args.subj.extend(shared)


def inherited_subject(verb: Token) -> list[Token]:
    """The subject a verb shares with the verbs above it: "X agreed to buy", "X bought A and
    sold B", "X said it was buying" (not across a clause with its own subject)."""
    if verb.dep_ == "csubj" and verb.tag_ == "VBG":
        return _speaker_of_clause(verb.head)  # "X said acquiring Y fulfilled a goal"
    current = verb
    for _ in range(4):
        if current.dep_ not in _SHARED_SUBJECT or current.head.i == current.i:
            return _fronted_subject(current) if current.dep_ == "ROOT" else []
        head = current.head
        if head.pos_ == "ADP":  # "by buying", "in connection to buying"
            head = head.head
        if current.dep_ == "xcomp" and head.lemma_ in _OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ == "dobj"]
            if objs:
                return objs
        own = [c for c in head.children if c.dep_ in _SUBJECTS]
        if own:
            return own
        passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
        if passive_subj and current.dep_ == "xcomp":
            return passive_subj  # "X is expected to buy"
        current = head
    return []


def _speaker_of_clause(clause: Token) -> list[Token]:
    """The subject of the speech verb a clause is reported by: "X said [acquiring Y helped]"."""
    if clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return []
    return [c for c in clause.head.children if c.dep_ in _SUBJECTS]


def _fronted_subject(root: Token) -> list[Token]:
    """The subject of a main verb the parser missed in "X, meanwhile, has agreed to merge" or
    "X, however, said": a capitalised name opening the sentence, set off by a comma and hung
    on the main verb under another label (the tagger may even call it an adjective)."""
    if any(c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in root.children):
        return []
    sent = root.sent
    for child in root.children:
        if child.i >= root.i or not child.text[:1].isupper() or child.left_edge.i != sent.start:
            continue
        after = root.doc[child.i + 1] if child.i + 1 < len(root.doc) else None
        if child.dep_ in ("advcl", "npadvmod", "dep", "nmod") and after is not None:
            return [child] if after.text == "," else []
    return []


def noun_args(noun: Token) -> Args:
    """Arguments of a noun trigger: "X's takeover of Y", "the acquisition of Y by X", "a bid
    for Y from X", and the verb it depends on ("X made a bid")."""
    args = Args()
    for child in noun.children:
        if child.dep_ == "poss":
            args.subj.append(child)
        elif child.dep_ in ("compound", "amod", "nmod"):
            args.mods.append(child)
        elif child.dep_ in _PREPS:
            objects = pobjs(child)
            if child.lower_ == "by":
                args.subj.extend(objects)
            else:
                args.preps.setdefault(child.lower_, []).extend(objects)
    args.governor, args.gov_dep = governor(noun)
    _light_verb_preps(noun, args)
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            # "a complaint filed against the bank", "lawsuits launched against downloaders"
            for key, objects in verb_args(child).preps.items():
                args.preps.setdefault(key, objects)
    if not args.subj and args.governor is not None and args.governor.pos_ in ("NOUN", "PROPN"):
        # "Gazprom's plans for a bid", "GM's decision to sell": the owner of the frame noun
        args.subj.extend(c for c in args.governor.children if c.dep_ == "poss")
    return args


def _light_verb_preps(noun: Token, args: Args) -> None:
    """A noun object takes the prepositional arguments its verb carries for it: "filed a suit
    against X", "signed an agreement with Y", "launched an inquiry into Z", "legal action would
    be taken against X"."""
    verb = args.governor
    if verb is None or args.gov_dep not in ("dobj", "nsubjpass"):
        return
    if verb.pos_ not in ("VERB", "AUX"):
        return
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in args.preps and child.lower_ != "by":
            args.preps[child.lower_] = pobjs(child)


def governor(noun: Token) -> tuple[Token | None, str | None]:
    """The verb a noun depends on and how: "made a bid" -> (made, dobj), "talks on a merger"
    -> (talks, pobj:on), "plans for a takeover" -> (plans, pobj:for)."""
    token = noun
    if token.dep_ == "conj":
        token = token.head
        while token.dep_ == "conj":
            token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent", "dative"):
        prep = token.head
        return prep.head, f"pobj:{prep.lower_}"
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "appos", "compound"):
        return token.head, token.dep_
    return None, None


def light_subject(args: Args) -> list[Token]:
    """The subject of the verb a noun trigger depends on: "X made a bid" -> X."""
    verb = args.governor
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return []
    return verb_args(verb).subj


def arguments(token: Token) -> Args:
    """Args of a trigger token, read as a verb or as a noun."""
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ != "amod"):
        return verb_args(token)
    return noun_args(token)


def head_lemma(token: Token) -> str:
    """Lower-case lemma of a token; for a predicate word the table word it was matched by
    ("fined" is "fine" even when the lemmatizer says "fin")."""
    matched = token.doc.user_data.get("newsfacts.event_words")
    if matched and token.i in matched:
        return matched[token.i]
    return token.lemma_.lower()


def tokens_lemmas(tokens: list[Token]) -> set[str]:
    """Lemmas of tokens and their conjuncts."""
    return {head_lemma(t) for token in tokens for t in (token, *token.conjuncts)}
