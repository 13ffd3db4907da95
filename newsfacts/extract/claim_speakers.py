"""Speakers of claims read from the dependency tree: who a cue is said by, as written and as
resolved (a person, an organisation, a group or nobody), and the referents speakers leave for
later pronouns. Split out of newsfacts.extract.claim_syntax, which reads the cues and contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsfacts.extract import claim_content as cc
from newsfacts.extract.claim_cues import CueEntry
from newsfacts.extract.coref import (
    ORG_NOUNS,
    REPORT_NOUNS,
    REPRESENTATIVE_NOUNS,
    Antecedents,
    Referent,
    name_gender,
    noun_gender,
    person_by_surname,
)
from newsfacts.extract.event_context import MentionIndex

_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "him", "her", "them", "us"})
_SPEAKER_DROP = frozenset({"relcl", "appos", "acl", "advcl", "punct", "parataxis", "cc", "prep"})
_SUBJECTS = ("nsubj", "nsubjpass")
# Prepositional tails that belong to a speaker ("a spokeswoman for Foo", "a report by Bar").
_SPEAKER_PREPS = frozenset({"of", "for", "at", "from", "in", "by", "with"})
_ORG_NOUN_SET = frozenset().union(*ORG_NOUNS.values())
_ORG_LABELS = ("ORG", "NORP", "GPE")
# Dash tokens setting off a description ("Mr Lee - keen to reassure investors - had said").
_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
# What stands between a name and a description of it set off by a dash ("Mr Lee - himself a
# former executive at a rival - said").
_DESCRIBED = re.compile(r"\s*[-\u2013\u2014]+\s*(?:(?:him|her)self\s+)?")
# spaCy labels of names that are no person: a "he" or "she" never points back at them.
_PLACE_OR_ORG = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Verbs of making a report, whose agent is its author ("figures released by Foo").
_MAKING_VERBS = frozenset(
    [
        "release",
        "publish",
        "compile",
        "gather",
        "issue",
        "produce",
        "conduct",
        "prepare",
        "collect",
        "provide",
        "supply",
        "write",
        "commission",
        "carry",
    ]
)
# Determiners pointing back at something named before ("those figures", "the data").
_BACK_DETS = frozenset({"the", "this", "that", "these", "those"})


@dataclass(frozen=True)
class Speaker:
    """A speaker as written (span) and as resolved."""

    start: int
    end: int
    person_key: str | None = None
    company_key: str | None = None
    name: str | None = None
    role: str | None = None  # head noun of an unnamed speaker ("spokeswoman")
    group: bool = False  # "analysts", "critics": no one to resolve to
    gender: str | None = None
    org_name: bool = False  # a name spaCy reads as an organisation or place, no entity known


@dataclass
class _Reader:
    """What the rules share while reading one document."""

    body: str
    index: MentionIndex
    refs: Antecedents
    quotes: list[tuple[int, int]]
    lex: dict[str, CueEntry]
    genders: dict[str, str]  # person key -> gender the text gives it


# --- speakers ----------------------------------------------------------------------------------


def subject_token(cue: Token) -> Token | None:
    """Who the cue is said by: its subject, the agent of a passive cue, or the subject of the
    verb it is conjoined to, raised under or a participle of ("Foo signed X and says",
    "are said to believe", "..., saying"); a report noun a participle hangs on ("figures showing")."""
    inverted = _inverted_subject(cue)
    if inverted is not None:
        return inverted
    for c in cue.children:
        if c.dep_ == "nsubj":
            return _relative_head(cue, c) if c.pos_ != "VERB" else None
    agent = [o for a in cue.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if agent:
        return agent[0]  # "as reported by Foo", "is seen by critics as"
    passive_subject = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if passive_subject and cue.lemma_.lower() == "quote":
        return passive_subject[0]  # "Ann Lee was quoted as saying": the one quoted speaks
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None  # "is expected to", "is said to": no source
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
        noun = cue.head
        verb = noun.head.head if noun.head.dep_ == "prep" else noun.head  # "in a letter stating"
        if noun.lemma_.lower() in cc.STATEMENT_NOUNS - {"report"} and verb.pos_ in ("VERB", "AUX"):
            return _verb_subject(verb)
        return noun
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head.i != cue.i:
        return _verb_subject(cue.head)
    return _dashed_subject(cue)


def _dashed_subject(cue: Token) -> Token | None:
    """ "Mr Lee - keen to reassure investors - had said": with a description between dashes
    the parser may give the cue no subject; the name right before the first dash is it."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].head.i == cue.i and doc[j].dep_ in ("aux", "neg", "advmod"):
        j -= 1
    if j < 2 or doc[j].text not in _DASHES:
        return None
    for m in range(j - 1, max(j - 14, 0), -1):
        if doc[m].text in _DASHES:
            name = doc[m - 1]
            return name if name.pos_ in ("PROPN", "NOUN") and name.ent_type_ != "DATE" else None
    return None


def _inverted_subject(cue: Token) -> Token | None:
    """ "Prices will rise, predicts the report": after a comma, a noun phrase right after the
    cue is its subject (the parser often takes the content's subject instead)."""
    doc = cue.doc
    if cue.i == 0 or doc[cue.i - 1].text != "," or cue.i + 1 >= len(doc):
        return None
    if cue.lemma_.lower() == "tell" or cue.tag_ == "VBG":
        return None  # "X, a lawyer, told the court": the one told is no speaker
    subj = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if subj and not any(t.pos_ in ("VERB", "AUX") for t in doc[subj[0].i : cue.i - 1]):
        return None  # "Ann Lee, a spokeswoman, said": the subject is before the comma
    after = [
        c for c in cue.children if c.i > cue.i and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod")
    ]
    if after and after[0].pos_ in ("NOUN", "PROPN", "PRON") and after[0].left_edge.i == cue.i + 1:
        return after[0]
    return None


def _verb_subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject (active or passive) of a verb, climbing conjunctions and raising verbs."""
    for c in verb.children:
        if c.dep_ in _SUBJECTS:
            return _relative_head(verb, c)
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _verb_subject(verb.head, depth + 1)
    return None


def _relative_head(verb: Token, subj: Token) -> Token:
    """ "Mr Foo, who said ...": the subject "who" stands for the noun the clause hangs on."""
    if subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return verb.head
    return subj


def speaker_bounds(subj: Token, offset: int) -> tuple[int, int]:
    """Body offsets of the speaker as written: the subject noun phrase without relative
    clauses, appositions and trailing prepositional tails past a comma."""
    keep = _np_tokens(subj)
    run = sorted(keep)
    lo = hi = subj.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    del run
    doc = subj.doc
    return offset + doc[lo].idx, offset + doc[hi].idx + len(doc[hi])


def _np_tokens(head: Token) -> set[int]:
    """Token indexes of a noun phrase: the head, its modifiers, "of"/"for"/"at" phrases and
    conjuncts; not its clauses, appositions or punctuation."""
    keep = {head.i}
    for c in head.children:
        if c.dep_ == "acl" and _is_report(head):
            keep |= _by_participle(c)
            continue
        if c.dep_ in _SPEAKER_DROP and not (c.dep_ == "prep" and c.lower_ in _SPEAKER_PREPS):
            continue
        if c.dep_ == "cc" or c.dep_ == "conj":
            keep |= {t.i for t in c.subtree if t.dep_ != "punct"}
            continue
        keep |= _np_tokens(c) if c.dep_ != "prep" else {t.i for t in c.subtree if not t.is_punct}
    return keep


def _is_report(tok: Token) -> bool:
    """A report noun ("report", "study", "figures", "data")."""
    return tok.lemma_.lower() in REPORT_NOUNS or tok.lower_ in REPORT_NOUNS


def _by_participle(verb: Token) -> set[int]:
    """ "figures released on Monday by Foo": a report's participle naming who made it belongs
    to the speaker phrase, up to the maker (its apposition left out); else nothing."""
    agents = [a for a in verb.children if a.dep_ == "agent" and a.i > verb.i]
    if verb.tag_ != "VBN" or not agents or verb.lemma_.lower() not in _MAKING_VERBS:
        return set()  # "a memo seen by reporters": who saw it did not make it
    agent = agents[0]
    keep = {verb.i, agent.i}
    for c in verb.children:
        if verb.i < c.i < agent.i and c.dep_ != "punct":
            keep |= {t.i for t in c.subtree}
    for pobj in (o for o in agent.children if o.dep_ == "pobj"):
        keep |= _np_tokens(pobj)
    return keep


def resolve_speaker(
    reader: _Reader, subj: Token, offset: int, quote: tuple[int, int] | None = None
) -> Speaker:
    """The speaker as written, resolved to a person, an organisation, a group or nobody; a
    pronoun never to someone named inside `quote`, the content it is the source of."""
    start, end = speaker_bounds(subj, offset)
    head = subj
    lemma = head.lemma_.lower()
    base = Speaker(start, end)
    described = _described_person(reader, head, base)
    if described is not None:
        return described
    named = _named(reader, start, end, head, offset)
    if named is not None:
        return named
    if head.lower_ in _PRONOUNS:
        return _from_referent(base, reader.refs.resolve_pronoun(head.lower_, start, quote))
    plural = head.tag_ in ("NNS", "NNPS")
    if lemma in REPRESENTATIVE_NOUNS:
        definite = any(
            c.lower_ in ("the", "this", "that") for c in head.children if c.dep_ == "det"
        )
        ref = reader.refs.resolve_role(lemma, start) if definite or not plural else None
        gender = noun_gender(head.lower_)
        return replace(_from_referent(base, ref, person_ok=definite), role=lemma, gender=gender)
    back = any(c.lower_ in _BACK_DETS for c in head.children if c.dep_ == "det")
    if _is_report(head) and (not plural or back):  # "the report", "those figures"
        return _from_referent(base, reader.refs.resolve_report(start))
    if lemma in _ORG_NOUN_SET and not plural:
        return _from_referent(base, reader.refs.resolve_org_noun(lemma, start))
    if head.pos_ == "PROPN":
        return replace(base, name=reader.body[start:end], org_name=head.ent_type_ in _PLACE_OR_ORG)
    titled = _titled_person(reader, head, base) if not plural else None
    return titled if titled is not None else replace(base, group=True)


def _described_person(reader: _Reader, head: Token, base: Speaker) -> Speaker | None:
    """ "Mr Lee - himself a former executive at a rival - said", "Mr Lee - keen to reassure
    investors - had said": the parser may take the description between dashes for the
    subject; the person it describes is the speaker."""
    if head.pos_ == "PRON":
        return None
    person = reader.index.last_person_before(base.start)
    if person is None or not _DESCRIBED.fullmatch(reader.body[person.end : base.start]):
        return None
    known = reader.index.people.get(person.person_key)
    name = known.name if known else person.text
    gender = reader.genders.get(person.person_key)
    return replace(base, person_key=person.person_key, name=name, gender=gender)


def _titled_person(reader: _Reader, head: Token, base: Speaker) -> Speaker | None:
    """ "the judge said", "the finance minister says": the person named earlier with that title
    ("bankruptcy judge Ann Lee", "Finance Minister Tom Dane"), nearest first; None when no one
    earlier holds it (an unnamed "the judge" stays unresolved)."""
    definite = any(c.lower_ in ("the", "this") for c in head.children if c.dep_ == "det")
    if not definite or head.tag_ != "NN":
        return None
    word = head.lower_
    for m in reversed(reader.index.person_mentions):
        person = reader.index.people.get(m.person_key)
        if m.end > base.start or person is None or not person.title:
            continue
        if word in person.title.lower().replace("-", " ").split():
            gender = reader.genders.get(person.key)
            return replace(base, person_key=person.key, name=person.name, gender=gender)
    return None


def _named(reader: _Reader, start: int, end: int, head: Token, offset: int) -> Speaker | None:
    """A person or organisation the speaker phrase names: entity mentions, spaCy PERSON names,
    then organisations; a common-noun head looks into its apposition too ("His lawyer, Ann
    Lee", "The study, conducted by Foo")."""
    lo, hi = _resolution_bounds(head, offset, start, end)
    index = reader.index
    head_pos = offset + head.idx
    people = index.people_in(lo, hi)
    if people:
        m = next((p for p in people if p.start <= head_pos < p.end), people[-1])
        person = index.people.get(m.person_key)
        return Speaker(start, end, person_key=m.person_key, name=person.name if person else m.text)
    orgs = index.companies_in(lo, hi)
    inside = [m for m in orgs if m.start <= head_pos < m.end]
    # a spaCy PERSON reading loses to a company the entity stage found at the head ("Yukos
    # claimed" where spaCy took the firm for a person)
    person = None if inside else _ner_person(reader, lo, hi, head, offset)
    if person is not None:
        return replace(person, start=start, end=end)
    lemma = head.lemma_.lower()
    if orgs:
        speaks_for = lemma in REPRESENTATIVE_NOUNS or _is_report(head) or lemma in _ORG_NOUN_SET
        if inside or speaks_for or head.pos_ == "PROPN":
            m = inside[0] if inside else min(orgs, key=lambda o: abs(o.start - head_pos))
            company = index.companies.get(m.company_key)
            role = lemma if lemma in REPRESENTATIVE_NOUNS else None
            return Speaker(
                start,
                end,
                company_key=m.company_key,
                name=company.name if company else m.text,
                role=role,
            )
        return None
    return _ner_org(lo, hi, head, offset, start, end)


def _resolution_bounds(head: Token, offset: int, start: int, end: int) -> tuple[int, int]:
    """Where a speaker's name is looked for: its span, plus an apposition or a participle
    phrase of a common-noun head ("A lawyer for the victims, Ann Lee,")."""
    if head.pos_ == "PROPN":
        return start, end
    lo, hi = start, end
    for c in head.children:
        if c.dep_ in ("appos", "acl") and c.i > head.i:
            hi = max(hi, offset + c.right_edge.idx + len(c.right_edge))
    return lo, hi


def _ner_person(reader: _Reader, lo: int, hi: int, head: Token, offset: int) -> Speaker | None:
    """A spaCy PERSON name inside [lo, hi), tied to a known person by surname when it can be."""
    for ent in head.doc.ents:
        s, e = offset + ent.start_char, offset + ent.end_char
        if lo <= s and e <= hi and ent.label_ == "PERSON":
            key = person_by_surname(ent[-1].text, reader.index)
            person = reader.index.people.get(key) if key else None
            gender = name_gender(ent.text, reader.body[max(0, s - 12) : s])
            return Speaker(
                lo, hi, person_key=key, name=person.name if person else ent.text, gender=gender
            )
    return None


def _ner_org(lo: int, hi: int, head: Token, offset: int, start: int, end: int) -> Speaker | None:
    """A spaCy organisation name heading the speaker phrase (one the entity stage missed)."""
    for ent in head.doc.ents:
        s, e = offset + ent.start_char, offset + ent.end_char
        heads = ent.root.i == head.i or head.pos_ == "PROPN"
        if lo <= s and e <= hi and ent.label_ in _ORG_LABELS and heads:
            name = ent.text.removeprefix("the ").removeprefix("The ")
            return Speaker(start, end, name=name, org_name=True)
    return None


def _from_referent(base: Speaker, ref: Referent | None, person_ok: bool = True) -> Speaker:
    """A speaker resolved through coreference (or left unresolved)."""
    if ref is None:
        return base
    if ref.kind == "group":
        return replace(base, group=True)
    if ref.kind == "person" and not person_ok:
        return base
    return replace(
        base,
        person_key=ref.person_key,
        company_key=ref.company_key if ref.kind == "org" else None,
        name=ref.name,
        gender=ref.gender,
        role=ref.role,
    )


def _remember(reader: _Reader, sp: Speaker) -> None:
    """A speaker becomes a referent later pronouns can point at ("it" prefers one that spoke)."""
    if sp.person_key:
        person = reader.index.people.get(sp.person_key)
        gender = sp.gender or reader.genders.get(sp.person_key)
        name = person.name if person else sp.name
        reader.refs.add(
            Referent(sp.start, sp.end, "person", name, sp.person_key, gender=gender, spoke=True)
        )
    elif sp.company_key and not sp.role:
        kind = reader.index.kind(sp.company_key)
        reader.refs.add(
            Referent(
                sp.start,
                sp.end,
                "org",
                sp.name,
                company_key=sp.company_key,
                org_kind=kind,
                spoke=True,
            )
        )
    elif sp.group:
        reader.refs.add(Referent(sp.start, sp.end, "group", None, plural=True))
    elif sp.role and not sp.person_key:
        reader.refs.add(
            Referent(
                sp.start,
                sp.end,
                "org",
                sp.name,
                company_key=sp.company_key,
                # a union official speaks for a union, not for "the company"
                org_kind=reader.index.kind(sp.company_key) if sp.company_key else "company",
                gender=sp.gender,
                role=sp.role,
                spoke=True,
            )
        )
    elif sp.name and not sp.org_name:  # "Russia had said ...": never a later "she"
        reader.refs.add(Referent(sp.start, sp.end, "person", sp.name, gender=sp.gender, spoke=True))


def _add_ner_referents(reader: _Reader, unit: Doc | Span, offset: int) -> None:
    """spaCy PERSON names the entity stage missed become referents (for "he" / "she")."""
    for ent in unit.ents:
        s, e = offset + ent.start_char, offset + ent.end_char
        if ent.label_ != "PERSON":
            continue
        if reader.index.people_in(s, e) or reader.index.companies_in(s, e):
            continue  # known, or a firm spaCy took for a person
        key = person_by_surname(ent[-1].text, reader.index)
        person = reader.index.people.get(key) if key else None
        gender = name_gender(ent.text, reader.body[max(0, s - 12) : s])
        gender = gender or (reader.genders.get(key) if key else None)
        name = person.name if person else ent.text
        reader.refs.add(Referent(s, e, "person", name, person_key=key, gender=gender))
