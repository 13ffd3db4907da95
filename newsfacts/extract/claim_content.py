"""Content of a claim read from the parse: the cue's clausal complement, or the quotation.

Consumes a cue token of a spaCy parse (with the body offset of its text) and the body's
quotation spans; produces the content span in body offsets, whether it is a whole quotation,
and the rule that found it. Quotations split around the cue ('"The plan," he said, "is
sound."') are joined into one span from the first to the last quoted word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Token

from newsfacts.extract.claim_cues import CueEntry

# Straight or curly quotation pairs inside one paragraph.
_QUOTE = re.compile(r"“[^“”\n]{2,}?”|\"[^\"\n]{2,}?\"")
# Children that carry content, by how much a cue accepts (lexicon column `object`).
_CLAUSE_DEPS = ("ccomp", "xcomp")
_OBJECT_DEPS = ("dobj", "dative", "oprd", "acomp", "attr", "ccomp", "xcomp", "prep", "pcomp")
# Prepositions whose phrase is content for an "any" cue ("blamed X for Y", "accused X of Y").
_CONTENT_PREPS = frozenset({"for", "of", "on", "about", "over", "as", "against", "to", "that"})
# Nouns of a statement in "said in a statement that ..." (spaCy may hang the clause on them).
STATEMENT_NOUNS = frozenset(
    [
        "statement",
        "interview",
        "letter",
        "release",
        "note",
        "memo",
        "email",
        "e-mail",
        "filing",
        "speech",
        "post",
        "message",
        "report",
        "conference",
        "call",
        "briefing",
        "submission",
    ]
)
# Words opening an indirect question ("whether he left", "how many were sold").
QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who", "which"})
_COMPLEMENTIZERS = frozenset({"that"}) | QUESTION_WORDS - {"who", "which"}


@dataclass(frozen=True)
class Content:
    start: int
    end: int
    is_quote: bool
    rule: str  # claims.<pattern> that found it
    root: Token | None = None  # head token of the content clause when parsed


def quote_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation of the body, quote marks included."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(body)]


def inside_quote(pos: int, quotes: list[tuple[int, int]]) -> bool:
    """True when a character position lies strictly inside a quotation."""
    return any(s < pos < e - 1 for s, e in quotes)


def _bounds(tok: Token, offset: int) -> tuple[int, int]:
    """Body offsets of a token's subtree."""
    return offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge)


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, quote marks and outer punctuation at both ends; a leading "that" too."""
    while start < end and (body[start].isspace() or body[start] in ',;:—–-"“”'):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in '.,;:!?"“”—–-'):
        end -= 1
    lead = re.match(r"that\s+", body[start:end])
    if lead and end - start > lead.end() + 3:
        start += lead.end()
    return start, end


def _between_ok(cue: Token, lo: int, hi: int, offset: int, banned: set[int]) -> bool:
    """Only the cue's own clause (speaker, adverbs, "told Reuters", "in a statement") and
    punctuation lie between body offsets lo and hi; no token of its complement clause."""
    subtree = {t.i for t in cue.subtree}
    doc = cue.doc
    starts = doc.to_array("IDX")  # only the tokens starting in [lo, hi) are read
    i, j = np.searchsorted(starts, [lo - offset, hi - offset], side="left").tolist()
    for t in doc[i : max(i, j)]:
        inside = not t.is_punct and t.i != cue.i
        if inside and (t.i not in subtree or t.i in banned):
            return False
    return True


def _complement_tokens(cue: Token) -> set[int]:
    """Token indexes of the cue's complement clauses (ccomp/xcomp subtrees)."""
    return {t.i for c in cue.children if c.dep_ in _CLAUSE_DEPS for t in c.subtree}


def adjacent_quotes(
    cue: Token, offset: int, quotes: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The quotation right before the cue's clause and the one right after it, if any."""
    cue_pos = offset + cue.idx
    sent_start = offset + cue.sent.start_char
    sent_end = offset + cue.sent.end_char
    banned = _complement_tokens(cue)
    before = after = None
    for qs, qe in quotes:
        if sent_start < qe <= cue_pos and _between_ok(cue, qe, cue_pos, offset, set()):
            before = (qs, qe)
        elif after is None and cue_pos < qs < sent_end:
            after = (qs, qe) if _between_ok(cue, cue_pos + len(cue), qs, offset, banned) else None
    return before, after


def quote_content(
    body: str, cue: Token, offset: int, quotes: list[tuple[int, int]]
) -> Content | None:
    """'"...," said Foo', 'Foo told Reuters: "..."', and the split '"A," he said, "B."'."""
    before, after = adjacent_quotes(cue, offset, quotes)
    if before and after:
        s, e = trim(body, before[0], after[1])
        return Content(s, e, True, "claims.split_quote")
    quote = before or after
    if not quote:
        return None
    if before and _complement_outside(cue, offset, before):
        return None
    if before and _clause_runs_into(body, offset + cue.sent.start_char, before[0]):
        return None  # 'The plan would "create jobs," he said': the clause, partly quoted
    s, e = trim(body, quote[0], quote[1])
    return Content(s, e, True, "claims.quote") if e - s > 2 else None


def _clause_runs_into(body: str, sent_start: int, quote_start: int) -> bool:
    """True when words of the sentence come before a quotation that ends before its cue
    ('The aid package would "create a positive climate," he said'): the quotation is only the
    end of the content clause (gold ruling 3: partly quoted content is no quote)."""
    lead = body[sent_start:quote_start]
    return any(ch.isalnum() for ch in lead) and not lead.rstrip().endswith((":", ","))


def _complement_outside(cue: Token, offset: int, quote: tuple[int, int]) -> bool:
    """True when the cue's complement clause lies outside a quotation ('said the deal, "X"')."""
    for c in cue.children:
        if c.dep_ in _CLAUSE_DEPS:
            s, e = _bounds(c, offset)
            if s >= quote[1] or e <= quote[0]:
                return True
    return False


def clause_content(body: str, cue: Token, entry: CueEntry, offset: int) -> Content | None:
    """The cue's complement clause: "said (that) X", "X, the company said", "vowed to sue"."""
    for c in cue.children:
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and entry.object != "that"):
            if entry.object == "that" and not _has_complementizer(c) and c.i > cue.i:
                continue
            s, e = trim(body, *_bounds(c, offset))
            if e - s > 2:
                return Content(s, e, _is_whole_quote(body, s, e), "claims.subject_said", c)
    return (
        _statement_clause(body, cue, offset)
        or _parenthetical(body, cue, offset)
        or _misread_object_clause(body, cue, entry, offset)
    )


def _misread_object_clause(body: str, cue: Token, entry: CueEntry, offset: int) -> Content | None:
    """ "said the scheme aimed to boost output": the parser may read a clause without "that" as
    an object noun with a verb hanging on it; a cue that takes no noun object ("say") has the
    whole clause as content ("said nothing", with no verb on it, stays no claim)."""
    if entry.object not in ("clause", "that"):
        return None
    for obj in (c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i):
        for verb in (v for v in obj.children if v.dep_ in ("acl", "relcl") and v.i > obj.i):
            own = any(
                c.dep_ in ("nsubj", "nsubjpass") or c.tag_ in ("WDT", "WP") for c in verb.children
            )
            # a past participle only with an infinitive ("the scheme aimed to boost"), not a
            # reduced relative ("sources used for stories", "its stake slashed by MPs")
            catenative = verb.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in verb.children)
            if (verb.tag_ in ("VBD", "VBZ", "VBP") or catenative) and not own:
                s, e = trim(body, *_bounds(obj, offset))
                if e - s > 2:
                    return Content(s, e, False, "claims.subject_said", verb)
    return None


def _has_complementizer(clause: Token) -> bool:
    """A clause opened by "that", "whether", "how"... (not a bare small clause)."""
    return any(
        t.lower_ in _COMPLEMENTIZERS and t.i <= clause.i for t in clause.subtree if t.i < clause.i
    )


def _statement_clause(body: str, cue: Token, offset: int) -> Content | None:
    """ "said in a statement that X": the parser may hang the clause on "statement"."""
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("in", "on")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.lemma_.lower() not in STATEMENT_NOUNS:
                continue
            for clause in (c for c in pobj.children if c.dep_ in ("acl", "relcl", "ccomp")):
                if clause.i > pobj.i and clause.pos_ in ("VERB", "AUX"):
                    s, e = trim(body, *_bounds(clause, offset))
                    if e - s > 2:
                        return Content(s, e, False, "claims.said_in_statement", clause)
            deeper = _that_clause_below(body, pobj, offset)
            if deeper is not None:
                return deeper
    return None


def _that_clause_below(body: str, pobj: Token, offset: int) -> Content | None:
    """ "said in its submission before the Budget that action is needed": the clause may hang
    on a later noun of the phrase; one opened by "that" is still the statement's content."""
    for clause in pobj.subtree:
        if clause.dep_ not in ("acl", "relcl", "ccomp") or clause.i <= pobj.i:
            continue
        first = clause.left_edge
        if (
            first.lower_ != "that"
            or clause.pos_ not in ("VERB", "AUX")
            or first.i + 1 >= len(first.doc)
        ):
            continue
        start = first.doc[first.i + 1]
        s, e = trim(body, offset + start.idx, _bounds(clause, offset)[1])
        if e - s > 2:
            return Content(s, e, False, "claims.said_in_statement", clause)
    return None


def _parenthetical(body: str, cue: Token, offset: int) -> Content | None:
    """ "Prices will rise, he said, as demand grows": the clause the cue interrupts."""
    if cue.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
        return None
    if cue.head.pos_ not in ("VERB", "AUX") or cue.head.i > cue.i and cue.dep_ == "conj":
        return None
    if cue.dep_ != "parataxis" and not _set_off_by_comma(cue):
        return None
    if cue.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in cue.children):
        return None  # "Foo signed a deal and said": a second predicate, not a parenthesis
    head = cue.head
    # "X is Y, leading Z, as reported by W": the whole main clause, not the participle
    while head.head.i != head.i and (
        (head.tag_ == "VBG" and head.dep_ in ("advcl", "conj", "acl"))
        or head.pos_ not in ("VERB", "AUX")
    ):
        head = head.head
    inner = {t.i for t in cue.subtree}
    kept = [t for t in head.subtree if t.i not in inner and t.dep_ != "punct"]
    if not kept:
        return None
    s = offset + min(t.idx for t in kept)
    e = offset + max(t.idx + len(t) for t in kept)
    s, e = trim(body, s, e)
    # "By doing so, he said, the firm had hoped to win": the clause runs on both sides of the
    # cue, which lies inside the content (like a quotation split around its cue)
    around = min(t.i for t in kept) < cue.left_edge.i and max(t.i for t in kept) > cue.i
    rule = "claims.parenthetical" if around else "claims.subject_said"
    return Content(s, e, False, rule, head) if e - s > 2 else None


def _set_off_by_comma(cue: Token) -> bool:
    """True when the cue's clause follows a comma (", he said")."""
    left = cue.left_edge
    if left.text in (",", "—", "–"):
        return True
    return left.i > 0 and cue.doc[left.i - 1].text in (",", "—", "–")


def relative_content(body: str, cue: Token, offset: int) -> Content | None:
    """ "reports of a tie-up between A and B, which B denied": the noun phrase the relative
    clause comments on (the parser may hang the clause on its last noun)."""
    objs = [c for c in cue.children if c.dep_ == "dobj" and c.tag_ == "WDT"]
    if cue.dep_ != "relcl" or not objs:
        return None
    top = cue.head
    while top.dep_ in ("pobj", "conj", "compound") or top.dep_ == "prep":
        top = top.head
    inner = {t.i for t in cue.subtree}
    kept = [t for t in top.subtree if t.i not in inner and t.dep_ != "punct"]
    if not kept:
        return None
    s = offset + min(t.idx for t in kept)
    e = offset + max(t.idx + len(t) for t in kept)
    s, e = trim(body, s, e)
    return Content(s, e, False, "claims.relative_object", top) if e - s > 2 else None


def object_content(body: str, cue: Token, entry: CueEntry, offset: int) -> Content | None:
    """ "criticised the tariffs", "urged the board to sell", "blamed X for Y"; for an "act" cue
    only as a simple finite verb: "Foo announced a new phone" (the act of announcing), not "has
    announced a list", "plans to announce a deal" or "a statement announcing the closure"."""
    relative = relative_content(body, cue, offset)
    if relative is not None or entry.object not in ("any", "act"):
        return relative
    if entry.object == "act" and not _simple_finite(cue):
        return None
    parts = []
    for c in cue.children:
        if c.dep_ not in _OBJECT_DEPS or c.i < cue.i:
            continue
        if c.dep_ == "prep" and c.lower_ not in _CONTENT_PREPS:
            continue
        if entry.verb == "tell" and c.dep_ in ("dobj", "dative"):
            continue  # the one told is no content
        parts.append(c)
    if not parts:
        return None
    s = min(_bounds(c, offset)[0] for c in parts)
    e = max(_bounds(c, offset)[1] for c in parts)
    s, e = trim(body, s, e)
    return Content(s, e, False, "claims.object", parts[0]) if e - s > 2 else None


def _simple_finite(verb: Token) -> bool:
    """A finite verb in the simple past or present ("announced", "announces"), with no
    auxiliary ("has announced", "will announce")."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )


def _is_whole_quote(body: str, start: int, end: int) -> bool:
    """True when a content span is exactly one quotation (marks just outside it)."""
    return (
        start > 0
        and body[start - 1] in '"“'
        and (end < len(body) and body[end : end + 2].lstrip(".,!?")[:1] in ('"', "”"))
    )
