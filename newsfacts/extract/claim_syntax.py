"""Claims read from the dependency tree: a parsed body (or its gated sentences) in, Claims out.

Consumes the body, spaCy parses of its sentences that hold a cue candidate (each with the body
offset of its first character) and the document's entity mentions; produces Claim records. The
cue is a speech or cognition predicate of the lexicon (resources/speech_cues.tsv), matched by
lemma; the speaker is its subject (climbing conjunctions, participles and raising verbs), the
agent of a passive cue, or the object of "according to"; the content is the cue's complement
clause, its quotation (split quotations joined) or, for cues such as "blamed" or "urged", its
object. Speakers as written keep their span; pronouns and nominals ("she", "the company", "the
spokeswoman") resolve through newsfacts.extract.coref. Every claim carries the rule that made
it in `rule` ("claims.subject_said", "claims.according_to", "claims.told_outlet",
"claims.split_quote", "claims.said_in_statement", ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsfacts.extract import claim_content as cc
from newsfacts.extract.claim_cues import CueEntry, gated_sentences, lexicon
from newsfacts.extract.claim_fields import stance, subject_company
from newsfacts.extract.coref import (
    ORG_NOUNS,
    REPORT_NOUNS,
    REPRESENTATIVE_NOUNS,
    Antecedents,
    Referent,
    document_antecedents,
    name_gender,
    noun_gender,
    person_by_surname,
    person_genders,
)
from newsfacts.extract.event_context import MentionIndex, mention_index
from newsfacts.extract.model import Claim, DocumentFacts
from newsfacts.extract.text import sentence_spans

# A parsed piece of the body: the body offset of its first character and its spaCy parse.
Unit = tuple[int, Doc | Span]
# Confidence of a claim by how its content was found: a quotation or complement clause is read
# straight off the tree; an object noun phrase ("criticised the tariffs") is looser.
CONFIDENCE = {"clause": 0.85, "quote": 0.9, "object": 0.7, "according_to": 0.85}
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "him", "her", "them", "us"})
_SPEAKER_DROP = frozenset({"relcl", "appos", "acl", "advcl", "punct", "parataxis", "cc", "prep"})
_SUBJECTS = ("nsubj", "nsubjpass")
# Prepositional tails that belong to a speaker ("a spokeswoman for Foo", "a report by Bar").
_SPEAKER_PREPS = frozenset({"of", "for", "at", "from", "in", "by", "with"})
_ORG_NOUN_SET = frozenset().union(*ORG_NOUNS.values())
_ORG_LABELS = ("ORG", "NORP", "GPE")
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
# Claim.rule is being added to model.py by the backbone work; until it lands the rule name is
# kept out of the record rather than breaking it.
_HAS_RULE = "rule" in {f.name for f in fields(Claim)}


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


@dataclass
class _Reader:
    """What the rules share while reading one document."""

    body: str
    index: MentionIndex
    refs: Antecedents
    quotes: list[tuple[int, int]]
    lex: dict[str, CueEntry]
    genders: dict[str, str]  # person key -> gender the text gives it


# --- the component's entry points -------------------------------------------------------------


def gated_units(body: str, nlp: Any, spans: list[tuple[int, int]] | None = None) -> list[Unit]:
    """Parse only the sentences that hold a cue candidate (in one nlp.pipe batch)."""
    spans = spans if spans is not None else sentence_spans(body)
    chosen = [spans[i] for i in gated_sentences(body, spans)]
    docs = nlp.pipe(body[s:e] for s, e in chosen)
    return [(s, doc) for (s, _), doc in zip(chosen, docs, strict=True)]


def claims_from_parse(body: str, units: Sequence[Unit], facts: DocumentFacts) -> list[Claim]:
    """Every claim the parsed units state, in text order, one per cue."""
    index = mention_index(facts, sentence_spans(body))
    reader = _Reader(
        body,
        index,
        document_antecedents(body, index),
        cc.quote_spans(body),
        lexicon(),
        person_genders(body, index),
    )
    found: list[Claim] = []
    for offset, unit in sorted(units, key=lambda u: u[0]):
        _add_ner_referents(reader, unit, offset)
        for claim, speaker in _unit_claims(reader, unit, offset):
            found.append(claim)
            _remember(reader, speaker)
    return _drop_nested(found)


def _unit_claims(reader: _Reader, unit: Doc | Span, offset: int) -> Iterator[tuple[Claim, Speaker]]:
    """Claims of one parsed unit, token by token."""
    for tok in unit:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            found = according_to_claim(reader, tok, offset)
        else:
            entry = cue_entry(tok, reader.lex)
            found = cue_claim(reader, tok, entry, offset) if entry else None
        if found:
            yield found


# --- cues --------------------------------------------------------------------------------------


def cue_entry(tok: Token, lex: dict[str, CueEntry]) -> CueEntry | None:
    """The lexicon entry a token is a cue of: a verb by lemma (a phrasal one with its particle),
    or a predicative adjective as written ("is concerned that")."""
    adjective = lex.get(tok.lower_)
    if adjective is not None and adjective.adjective:
        return adjective if tok.pos_ in ("ADJ", "VERB") and tok.dep_ != "amod" else None
    entry = lex.get(tok.lemma_.lower())
    if entry is None or entry.adjective or tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.dep_ in ("amod", "compound") or tok.tag_ == "VBN" and tok.dep_ == "acl":
        return None  # "the so-called oligarchs", "a company called Foo"
    if entry.particle and not any(
        c.dep_ == "prt" and c.lower_ == entry.particle for c in tok.children
    ):
        return None
    return entry


def cue_text(tok: Token, entry: CueEntry | None) -> str:
    """The cue as written: the verb, with its particle for a phrasal cue ("ruled out")."""
    if entry is not None and entry.particle:
        prt = [c for c in tok.children if c.dep_ == "prt"]
        if prt and prt[0].i == tok.i + 1:
            return f"{tok.text} {prt[0].text}"
    return tok.text


def cue_claim(
    reader: _Reader, cue: Token, entry: CueEntry, offset: int
) -> tuple[Claim, Speaker] | None:
    """The claim of one cue token: speaker, content, fields; None when one is missing."""
    if cc.inside_quote(offset + cue.idx, reader.quotes):
        return None  # a cue inside a quotation is part of the quote (gold ruling 2)
    first = _first_predicate(cue) if entry.object in ("any", "act") else None
    subj = _verb_subject(first) if first is not None else subject_token(cue)
    if subj is None:
        return None
    content = (
        cc.object_content(reader.body, cue, entry, offset)
        if first is not None
        else cc.quote_content(reader.body, cue, offset, reader.quotes)
        or cc.clause_content(reader.body, cue, entry, offset)
        or cc.object_content(reader.body, cue, entry, offset)
    )
    if content is not None and _unanswered(cue, content):
        return None
    split = content is not None and content.rule == "claims.split_quote"
    if content is None or (not split and _overlaps_speaker(subj, offset, content)):
        return None
    if _is_citing(cue):
        return None  # "..., citing its chief": read with the cue it hangs on
    speaker = resolve_speaker(reader, subj, offset)
    rule, via = _rule(reader, cue, content, offset)
    cited = _cited_source(cue)
    if cited is not None:
        via = (
            speaker.company_key if reader.index.kind(speaker.company_key or "") == "media" else via
        )
        speaker, rule = resolve_speaker(reader, cited, offset), "claims.citing"
    return build_claim(reader, cue, entry, speaker, content, rule, via, offset), speaker


def _unanswered(cue: Token, content: cc.Content) -> bool:
    """ "did not say whether he was forced out": a negated cue over an indirect question
    states nothing."""
    if content.root is None or not any(c.dep_ == "neg" for c in cue.children):
        return False
    return any(t.lower_ in cc.QUESTION_WORDS for t in content.root.subtree if t.i < content.root.i)


def _is_citing(cue: Token) -> bool:
    """ "citing" as a participle of another cue ("X reported, citing Y")."""
    return cue.lemma_.lower() == "cite" and cue.dep_ == "advcl" and cue_is_speech(cue.head)


def cue_is_speech(tok: Token) -> bool:
    """True when a token is a cue of the lexicon."""
    return cue_entry(tok, lexicon()) is not None


def _cited_source(cue: Token) -> Token | None:
    """ "the paper reported, citing the company's chief": the one cited is the source."""
    for c in cue.children:
        if c.dep_ == "advcl" and c.lemma_.lower() == "cite":
            objs = [o for o in c.children if o.dep_ == "dobj"]
            return objs[0] if objs else None
    return None


def _overlaps_speaker(subj: Token, offset: int, content: cc.Content) -> bool:
    """True when the content would swallow the speaker (a misparse)."""
    s, e = speaker_bounds(subj, offset)
    return content.start < e and s < content.end


def _rule(reader: _Reader, cue: Token, content: cc.Content, offset: int) -> tuple[str, str | None]:
    """The rule name, refined by the cue's own clause ("told Reuters", "in a statement"), and
    the outlet relaying the statement, if any."""
    via = _outlet(reader, cue, offset)
    if content.rule in ("claims.split_quote", "claims.said_in_statement"):
        return content.rule, via
    if via and cue.lemma_.lower() == "tell":
        return "claims.told_outlet", via
    if any(
        p.lower_ == "in" and any(o.lemma_.lower() in cc.STATEMENT_NOUNS for o in p.children)
        for p in cue.children
        if p.dep_ == "prep"
    ):
        return "claims.said_in_statement", via
    if cue.dep_ in ("advcl", "acl") and cue.tag_ == "VBG":
        return "claims.participle", via
    return content.rule, via


def _outlet(reader: _Reader, cue: Token, offset: int) -> str | None:
    """A media outlet the cue's clause names: "told Reuters", "in an interview with the Herald"."""
    for c in cue.children:
        if c.dep_ in ("dobj", "dative", "prep"):
            s, e = cc._bounds(c, offset)
            if c.dep_ == "prep" and c.lower_ not in ("to", "with", "in"):
                continue
            for m in reader.index.companies_in(s, e):
                if reader.index.kind(m.company_key) == "media":
                    return m.company_key
    return None


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
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head is not cue:
        return _verb_subject(cue.head)
    return None


def _first_predicate(cue: Token) -> Token | None:
    """ "Foo releases a kit, announces an update": the first of two predicates of one subject
    joined by a comma (the parser hangs it on the cue as subject or complement), when the cue
    has an object of its own; its subject is the cue's."""
    doc = cue.doc
    if cue.i < 2 or doc[cue.i - 1].text != "," or cue.tag_ not in ("VBZ", "VBD", "VBP"):
        return None
    if not any(c.dep_ == "dobj" and c.i > cue.i for c in cue.children):
        return None
    for c in cue.children:
        if (
            c.dep_ in ("nsubj", "ccomp")
            and c.i < cue.i
            and c.tag_ == cue.tag_
            and c.right_edge.i == cue.i - 2
            and not cue_is_speech(c)
            and any(s.dep_ == "nsubj" for s in c.children)
        ):
            return c
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
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
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


def resolve_speaker(reader: _Reader, subj: Token, offset: int) -> Speaker:
    """The speaker as written, resolved to a person, an organisation, a group or nobody."""
    start, end = speaker_bounds(subj, offset)
    head = subj
    lemma = head.lemma_.lower()
    base = Speaker(start, end)
    named = _named(reader, start, end, head, offset)
    if named is not None:
        return named
    if head.lower_ in _PRONOUNS:
        return _from_referent(base, reader.refs.resolve_pronoun(head.lower_, start))
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
        return replace(base, name=reader.body[start:end])
    return replace(base, group=True)


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
    person = _ner_person(reader, lo, hi, head, offset)
    if person is not None:
        return replace(person, start=start, end=end)
    orgs = index.companies_in(lo, hi)
    lemma = head.lemma_.lower()
    if orgs:
        inside = [m for m in orgs if m.start <= head_pos < m.end]
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
            return Speaker(start, end, name=ent.text.removeprefix("the ").removeprefix("The "))
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
                org_kind="company",
                gender=sp.gender,
                role=sp.role,
                spoke=True,
            )
        )
    elif sp.name:
        reader.refs.add(Referent(sp.start, sp.end, "person", sp.name, gender=sp.gender, spoke=True))


def _add_ner_referents(reader: _Reader, unit: Doc | Span, offset: int) -> None:
    """spaCy PERSON names the entity stage missed become referents (for "he" / "she")."""
    for ent in unit.ents:
        s, e = offset + ent.start_char, offset + ent.end_char
        if ent.label_ == "PERSON" and not reader.index.people_in(s, e):
            key = person_by_surname(ent[-1].text, reader.index)
            person = reader.index.people.get(key) if key else None
            gender = name_gender(ent.text, reader.body[max(0, s - 12) : s])
            gender = gender or (reader.genders.get(key) if key else None)
            name = person.name if person else ent.text
            reader.refs.add(Referent(s, e, "person", name, person_key=key, gender=gender))


# --- according to --------------------------------------------------------------------------------


def according_to_claim(reader: _Reader, tok: Token, offset: int) -> tuple[Claim, Speaker] | None:
    """ "Sales fell, according to the Halvard Bank report": the object of "to" is the source,
    the clause "according to" hangs on is the content."""
    to = tok.nbor()
    objs = [c for c in (*to.children, *tok.children) if c.dep_ == "pobj"]
    if not objs:
        return None
    inner = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    head = tok.head if tok.head is not tok else None
    pool = head.subtree if head is not None else tok.sent
    kept = [t for t in pool if t.i not in inner and t.dep_ != "punct"]
    if not kept:
        return None
    s, e = cc.trim(
        reader.body, offset + min(t.idx for t in kept), offset + max(t.idx + len(t) for t in kept)
    )
    if e - s < 3:
        return None
    content = cc.Content(s, e, False, "claims.according_to", head)
    speaker = resolve_speaker(reader, objs[0], offset)
    claim = build_claim(reader, tok, None, speaker, content, "claims.according_to", None, offset)
    return replace(claim, cue="according to"), speaker


# --- the record ----------------------------------------------------------------------------------


def build_claim(
    reader: _Reader,
    cue: Token,
    entry: CueEntry | None,
    speaker: Speaker,
    content: cc.Content,
    rule: str,
    via: str | None,
    offset: int,
) -> Claim:
    """The Claim record of a cue, its speaker and content."""
    body = reader.body
    text = body[content.start : content.end]
    sent = cue.sent
    start = min(offset + sent.start_char, content.start, speaker.start)
    end = max(offset + sent.end_char, content.end, speaker.end)
    speaker_org = speaker.company_key or reader.index.affiliation(speaker.person_key)
    subject = subject_company(
        body,
        content.start,
        content.end,
        content.root,
        offset,
        reader.index,
        speaker_org,
        via,
        lambda word, pos: _org_anaphor(reader, word, pos),
        speaker.start < content.start,
    )
    if (
        content.rule == "claims.object"
        and entry is not None
        and entry.object == "act"
        and speaker_org
    ):
        subject = speaker_org  # "Foo's chief announced a tie-up with Bar": Foo's own act
    kind = "quote" if content.is_quote else ("object" if rule == "claims.object" else "clause")
    extra = {"rule": rule} if _HAS_RULE else {}
    return Claim(
        start=start,
        end=end,
        speaker=body[speaker.start : speaker.end],
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        cue=cue_text(cue, entry),
        content=text,
        content_start=content.start,
        content_end=content.end,
        is_quote=content.is_quote,
        stance=stance(entry, cue, content.root, text),
        speaker_person_key=speaker.person_key,
        speaker_company_key=speaker.company_key,
        reported_via_key=via,
        subject_company_key=subject,
        confidence=CONFIDENCE.get(kind, 0.8),
        speaker_name=speaker.name,
        **extra,
    )


def _org_anaphor(reader: _Reader, word: str, pos: int) -> str | None:
    """ "it" / "they" / "the company" in a content: the organisation it refers back to."""
    if word in ("it", "they", "its", "their"):
        return reader.index.last_company_before(pos, ("company", "government", "other_org"))
    ref = reader.refs.resolve_org_noun(word, pos)
    return ref.company_key if ref is not None else None


def _drop_nested(claims: Iterable[Claim]) -> list[Claim]:
    """A cue inside the content of another claim by the same speaker ("said it expected") is
    part of the outer claim (gold ruling 2); one claim per cue position."""
    kept: list[Claim] = []
    ordered = sorted(claims, key=lambda c: (c.start, c.speaker_start))
    for c in ordered:
        outer = [
            k
            for k in ordered
            if k is not c
            and k.content_start <= c.speaker_start
            and c.content_end <= k.content_end
            and _same_speaker(k, c)
        ]
        if not outer:
            kept.append(c)
    return kept


def _same_speaker(a: Claim, b: Claim) -> bool:
    """True when two claims have the same resolved speaker (or the inner one is a pronoun)."""
    if b.speaker.lower() in _PRONOUNS:
        return True
    keys_a = (a.speaker_person_key, a.speaker_company_key, a.speaker_name)
    keys_b = (b.speaker_person_key, b.speaker_company_key, b.speaker_name)
    return any(x is not None and x == y for x, y in zip(keys_a, keys_b, strict=True))
