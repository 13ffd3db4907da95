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
"claims.split_quote", "claims.parenthetical", "claims.said_in_statement", ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsfacts.extract import claim_content as cc
from newsfacts.extract.claim_cues import CueEntry, entries_by_form, gated_sentences, lexicon
from newsfacts.extract.claim_fields import SELF_WORDS, stance, subject_company
from newsfacts.extract.claim_filters import RULE_NOUNS, not_a_claim, thing_speaker, writer_speaker
from newsfacts.extract.claim_speakers import (
    _PRONOUNS,
    Speaker,
    _add_ner_referents,
    _Reader,
    _remember,
    _verb_subject,
    resolve_speaker,
    speaker_bounds,
    subject_token,
)
from newsfacts.extract.coref import document_antecedents, person_genders
from newsfacts.extract.event_context import mention_index
from newsfacts.extract.model import Claim, DocumentFacts
from newsfacts.extract.text import sentence_spans

# A parsed piece of the body: the body offset of its first character and its spaCy parse.
Unit = tuple[int, Doc | Span]
# Confidence of a claim by how its content was found: a quotation or complement clause is read
# straight off the tree; an object noun phrase ("criticised the tariffs") is looser.
CONFIDENCE = {"clause": 0.85, "quote": 0.9, "object": 0.7, "according_to": 0.85}
# Claim.rule is being added to model.py by the backbone work; until it lands the rule name is
# kept out of the record rather than breaking it.
_HAS_RULE = "rule" in {f.name for f in fields(Claim)}


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
    entry = lex.get(tok.lemma_.lower()) or entries_by_form().get(tok.lower_)
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
    last = _cue_last(tok, entry)
    return tok.text if last.i == tok.i else f"{tok.text} {last.text}"


def _cue_last(tok: Token, entry: CueEntry | None) -> Token:
    """The cue's last token: its particle for a phrasal cue ("ruled out"), else the verb."""
    if entry is not None and entry.particle:
        prt = [c for c in tok.children if c.dep_ == "prt"]
        if prt and prt[0].i == tok.i + 1:
            return prt[0]
    return tok


def cue_claim(
    reader: _Reader, cue: Token, entry: CueEntry, offset: int
) -> tuple[Claim, Speaker] | None:
    """The claim of one cue token: speaker, content, fields; None when one is missing."""
    if cc.inside_quote(offset + cue.idx, reader.quotes):
        return None  # a cue inside a quotation is part of the quote (gold ruling 2)
    if entry.verb == "quote" and _as_saying(cue) is not None:
        return quoted_claim(reader, cue, offset)
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
    if content is not None and not_a_claim(cue, entry, content):
        # no claim, but its subject stays in focus for a later "it" ("GM no longer wants to
        # own the unit. It has argued ...")
        _remember(reader, resolve_speaker(reader, subj, offset))
        return None
    split = content is not None and content.rule in ("claims.split_quote", "claims.parenthetical")
    if content is None or (not split and _overlaps_speaker(subj, offset, content)):
        return None
    if _is_citing(cue):
        return None  # "..., citing its chief": read with the cue it hangs on
    # a pronoun never points into what it said: '"Mr Moss can go," he said', "This would make
    # Kestrel Air visible, he added" (a name inside the content is what is spoken of)
    speaker = resolve_speaker(reader, subj, offset, (content.start, content.end))
    resolved = bool(speaker.person_key or speaker.company_key or speaker.name)
    if writer_speaker(reader.body[speaker.start : speaker.end], resolved):
        return None
    if thing_speaker(cue, subj, resolved):
        return None
    rule, via = _rule(reader, cue, content, offset)
    cited = _cited_source(cue)
    if cited is not None:
        via = (
            speaker.company_key if reader.index.kind(speaker.company_key or "") == "media" else via
        )
        speaker, rule = resolve_speaker(reader, cited, offset), "claims.citing"
    return build_claim(reader, cue, entry, speaker, content, rule, via, offset), speaker


def _as_saying(cue: Token) -> Token | None:
    """The "saying" of "quoted X as saying", if any."""
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"):
        for p in prep.children:
            if p.dep_ in ("pcomp", "pobj") and p.lemma_.lower() == "say":
                return p
    return None


def quoted_claim(reader: _Reader, cue: Token, offset: int) -> tuple[Claim, Speaker] | None:
    """ "the newspaper quoted the executive as saying ...", "Ann Lee was quoted by the Herald
    as saying ...": the one quoted is the speaker, "saying" the cue, the quoting outlet relays."""
    saying = _as_saying(cue)
    passive = [c for c in cue.children if c.dep_ == "nsubjpass"]
    objs = [c for c in cue.children if c.dep_ == "dobj"]
    source = passive[0] if passive else (objs[0] if objs else None)
    if saying is None or source is None:
        return None
    say = reader.lex["say"]
    content = cc.clause_content(reader.body, saying, say, offset) or cc.quote_content(
        reader.body, cue, offset, reader.quotes
    )
    if content is None or _overlaps_speaker(source, offset, content):
        return None
    if passive:
        relays = [o for a in cue.children if a.dep_ == "agent" for o in a.children]
    else:
        relays = [c for c in cue.children if c.dep_ == "nsubj"]
    via = None
    if relays:
        outlet = resolve_speaker(reader, relays[0], offset).company_key
        via = outlet if reader.index.kind(outlet or "") == "media" else None
    speaker = resolve_speaker(reader, source, offset)
    rule = "claims.quoted_as_saying"
    return build_claim(reader, saying, say, speaker, content, rule, via, offset), speaker


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
    if content.rule in ("claims.split_quote", "claims.said_in_statement", "claims.parenthetical"):
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


# --- according to --------------------------------------------------------------------------------


def according_to_claim(reader: _Reader, tok: Token, offset: int) -> tuple[Claim, Speaker] | None:
    """ "Sales fell, according to the Halvard Bank report": the object of "to" is the source,
    the clause "according to" hangs on is the content."""
    to = tok.nbor()
    objs = [c for c in (*to.children, *tok.children) if c.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() in RULE_NOUNS:
        return None  # "privatisations were carried out according to the law"
    inner = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    head = tok.head if tok.head.i != tok.i else None
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
    return replace(claim, cue="according to", cue_end=offset + to.idx + len(to)), speaker


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
        _company_itself(reader, speaker) and not content.is_quote,
        speaker.group,
    )
    if (
        content.rule == "claims.object"
        and entry is not None
        and entry.object == "act"
        and speaker_org
    ):
        subject = speaker_org  # "Foo's chief announced a tie-up with Bar": Foo's own act
    kind = "quote" if content.is_quote else ("object" if rule == "claims.object" else "clause")
    last = _cue_last(cue, entry)
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
        stance=stance(entry, cue, content.root, text, _self_words(speaker)),
        speaker_person_key=speaker.person_key,
        speaker_company_key=speaker.company_key,
        reported_via_key=via,
        subject_company_key=subject,
        confidence=CONFIDENCE.get(kind, 0.8),
        speaker_name=speaker.name,
        cue_start=offset + cue.idx,
        cue_end=offset + last.idx + len(last),
        **extra,
    )


def _self_words(speaker: Speaker) -> frozenset[str]:
    """The pronouns by which a speaker can speak of itself in reported words ("Foo said it
    would", "Ann Lee said she would", "a spokesman said it would")."""
    words: frozenset[str] = frozenset()
    if speaker.company_key:
        words |= SELF_WORDS["org"]
    if speaker.group:
        words |= SELF_WORDS["group"]
    if speaker.person_key or speaker.role or (speaker.name and not speaker.company_key):
        kind = {"m": "male", "f": "female"}.get(speaker.gender or "", "person")
        words |= SELF_WORDS[kind]
    return words


def _company_itself(reader: _Reader, speaker: Speaker) -> bool:
    """True when a company speaks as itself ("Foo said", "the firm said"), not through a
    person or a representative ("a spokesman for Foo")."""
    if speaker.person_key or speaker.role or not speaker.company_key:
        return False
    return reader.index.kind(speaker.company_key) == "company"


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
