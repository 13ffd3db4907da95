"""Affiliations stated around a person's name: a tokenised document, one person segment and the
document's organisation mentions in; the person's title and company (with a confidence) out.

Covers the lower-case and appositive forms news text uses beside the capitalised title cue
("Acme Chairman John Smith", handled in entities): "Jane Roe, chief financial officer of Acme",
"an Acme spokeswoman, Mary Lee,", "Its chief executive, Park Jiwoo,", "John Smith, who founded
Acme in 1999", "Acme has appointed Jane Roe as its chief technology officer".

Titles are returned title-cased word by word whatever case the text used, acronyms kept
("chief financial officer" -> "Chief Financial Officer", "co-founder" -> "Co-founder",
"CEO" -> "CEO"), so they read like the titles the capitalised cue finds. Past titles ("former
chief executive", "ex-chairman") give no affiliation: the record holds current ones.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.model import CompanyMention
from newsfacts.extract.names import Doc, Segment
from newsfacts.extract.text import Token

# Share of affiliations expected right, by the form that stated them.
STATED_CONFIDENCE = 1.0  # the organisation is named in the phrase: "chief executive of Acme"
PRONOUN_CONFIDENCE = 0.8  # "Its chief executive": resolved to the subject of the sentence
# Longest apposition or clause read after a name, in tokens.
MAX_PHRASE_TOKENS = 18
# Most words between an owner and its title ("Acme's Latin America mobile networks chief").
MAX_DOMAIN_WORDS = 4
# A subject mention starts within this many words of its sentence's start.
SUBJECT_MAX_WORDS_BEFORE = 3

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"a", "an", "the"})
_PRONOUNS = frozenset({"its", "Its", "their", "Their"})
# Words that make the title a past one ("former chief executive", "then chairman").
_PAST = frozenset({"former", "Former", "then", "late", "onetime", "one-time", "erstwhile", "ex"})
# Prepositions that attach a title to its organisation ("head of Acme", "analyst at Acme").
_TITLE_PREPOSITIONS = frozenset({"of", "at", "for", "with"})
# Tokens that end an apposition: punctuation, quotes, dashes.
_PHRASE_STOPS = frozenset({",", ".", ";", ":", "(", ")", '"', "“", "”", "—", "–", "--", "?", "!"})
# Function words and verbs that show the words before a title are a clause, not a noun phrase.
_CLAUSE_WORDS = frozenset(
    ["and", "or", "but", "that", "which", "who", "whom", "as", "said", "says", "told", "by",
     "to", "from", "while", "when", "after", "before", "is", "was", "are", "were", "has", "had",
     "have", "will", "would", "not", "than", "if", "because", "on", "in"]
)  # fmt: skip
# Present-tense verbs of "who ..." clauses that tie a person to an organisation, with the title
# they state (None: the verb states no title). Owning is no affiliation in the gold set ("X, who
# owns the Halden Hawks, bid for ...").
_CLAUSE_VERBS: dict[str, str | None] = {
    "runs": None,
    "leads": None,
    "manages": None,
    "oversees": None,
    "heads": "Head",
    "chairs": "Chair",
    "founded": "Founder",
    "co-founded": "Co-founder",
    "cofounded": "Co-founder",
}
# Copulas after "who" that introduce a title ("who is chief executive of Acme").
_COPULAS = (("is",), ("has", "been"), ("became",), ("has", "become"))
# Verbs of appointment before a name ("Acme named Jane Roe as chief executive").
_APPOINT_VERBS = frozenset(
    ["appointed", "named", "hired", "promoted", "picked", "tapped", "chose", "chosen", "elected",
     "appoints", "names", "hires", "promotes", "recruited"]
)  # fmt: skip


@dataclass(frozen=True)
class Affiliation:
    """A title and/or organisation stated for one mention of a person."""

    title: str | None
    company_key: str | None
    confidence: float = STATED_CONFIDENCE
    # The text names an owner ("its", "the authority's") even when it could not be resolved,
    # so no other organisation may be guessed for the title.
    owner_stated: bool = False


# A stated owner: (organisation key or None when unresolved, confidence).
Owner = tuple[str | None, float]


@dataclass
class OrgIndex:
    """A document's organisation mentions by start and end offset, with each key's kind."""

    mentions: list[CompanyMention]
    kinds: dict[str, str]
    by_start: dict[int, CompanyMention] = field(init=False)
    by_end: dict[int, CompanyMention] = field(init=False)

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions, key=lambda m: m.start)
        self.by_start = {m.start: m for m in self.mentions}
        self.by_end = {m.end: m for m in self.mentions}


# --- title phrases --------------------------------------------------------------------------


@cache
def lower_title_words() -> dict[str, str]:
    """Lower-case title word -> 'head' or 'modifier': titles.txt lowered plus lower_titles.txt."""
    words = {w.lower(): role for w, role in gz.title_words().items()}
    words.update(gz.pairs("lower_titles.txt"))
    return words


def title_role(text: str) -> str | None:
    """'head', 'modifier' or None for one token ("chief", "Officer", "CEO"); "former" is none."""
    if text in _PAST:
        return None
    if len(text) > 1 and text.isupper():
        return gz.title_words().get(text)
    return lower_title_words().get(text.lower())


def title_end(toks: list[Token], k: int, stop: int) -> int:
    """End of the title phrase starting at token k ("chief financial officer"), else k."""
    end = k
    while end < stop and title_role(toks[end].text):
        end += 1
    while end > k and title_role(toks[end - 1].text) != "head":
        end -= 1
    return end


def title_start(toks: list[Token], end: int) -> int:
    """Start of the title phrase ending right before token `end`, else `end`."""
    if end == 0 or title_role(toks[end - 1].text) != "head":
        return end
    start = end - 1
    while start > 0 and title_role(toks[start - 1].text):
        start -= 1
    return start


def format_title(words: list[str]) -> str:
    """Title-case a title as written ("chief financial officer" -> "Chief Financial Officer")."""
    return " ".join(w if len(w) > 1 and w.isupper() else w[:1].upper() + w[1:] for w in words)


# --- rules ----------------------------------------------------------------------------------

Rule = Callable[[Doc, Segment, OrgIndex], Affiliation | None]


def title_before_name(doc: Doc, seg: Segment, orgs: OrgIndex) -> Affiliation | None:
    """A title right before the name, with its owner before it.

    Matches "Acme's chief financial officer Jane Roe", "an Acme spokeswoman, Mary Lee,",
    "Its chief executive, Park Jiwoo,", "Acme founder John Smith".
    """
    toks = doc.toks
    end = seg.i - 1 if seg.i and toks[seg.i - 1].text == "," else seg.i
    start = title_start(toks, end)
    if start == end or (start and toks[start - 1].text in _PAST):
        return None
    owner = _owner_before(doc, start, orgs)
    title = format_title([t.text for t in toks[start:end]])
    return Affiliation(title, *owner, owner_stated=True) if owner else Affiliation(title, None)


def apposition_after_name(doc: Doc, seg: Segment, orgs: OrgIndex) -> Affiliation | None:
    """An apposition after the name giving a title, and the organisation before or after it.

    Matches "Jane Roe, chief financial officer of Acme Corp, said", "John Smith, a spokesman
    for Acme,", "Henrik Aalto, Nokia's Latin America mobile networks chief, told Reuters".
    """
    toks = doc.toks
    if seg.j >= len(toks) or toks[seg.j].text != ",":
        return None
    return _title_phrase(doc, seg.j + 1, orgs)


def relative_clause_after_name(doc: Doc, seg: Segment, orgs: OrgIndex) -> Affiliation | None:
    """A "who" clause after the name that ties the person to an organisation.

    Matches "John Smith, who founded Acme in 1999,", "Jane Roe, who runs Acme's cloud
    business,", "Jane Roe, who is chief executive of Acme,".
    """
    toks, k = doc.toks, seg.j
    if [t.text for t in toks[k : k + 2]] != [",", "who"] or k + 3 >= len(toks):
        return None
    verb = toks[k + 2].text
    if verb in _CLAUSE_VERBS:
        key = _org_starting(toks, k + 3, orgs)
        return Affiliation(_CLAUSE_VERBS[verb], key) if key else None
    for copula in _COPULAS:
        if tuple(t.text for t in toks[k + 2 : k + 2 + len(copula)]) == copula:
            return _title_phrase(doc, k + 2 + len(copula), orgs)
    return None


def appointed_as_after_name(doc: Doc, seg: Segment, orgs: OrgIndex) -> Affiliation | None:
    """ "as TITLE" after the name, past one apposition, owned by "its" or the appointing subject.

    Matches "Acme has appointed Jane Roe as its chief technology officer", "Acme named John
    Smith, a veteran engineer, as chief executive", "hired Jane Roe as head of Acme's unit".
    """
    toks, k = doc.toks, seg.j
    if k < len(toks) and toks[k].text == ",":
        k = _phrase_end(doc, k + 1)
        k = k + 1 if k < len(toks) and toks[k].text == "," else len(toks)
    if k >= len(toks) or toks[k].text != "as":
        return None
    found = _title_phrase(doc, k + 1, orgs)
    appointed = seg.i > 0 and toks[seg.i - 1].text in _APPOINT_VERBS
    if found is None or found.company_key is not None or not appointed:
        return found
    key = subject_referent(doc, orgs, seg.start)
    return Affiliation(found.title, key, PRONOUN_CONFIDENCE) if key else found


def from_organisation_after_name(doc: Doc, seg: Segment, orgs: OrgIndex) -> Affiliation | None:
    """ "from ORG" right after the name (past a comma), past a few lower-case descriptor words.

    Matches "said Jane Roe, from brand consultancy Halden Partners", "Dr Ana Ruiz from the
    Tollan Institute said", "John Smith, from Acme, added"; not "John Smith from Leeds".
    """
    toks = doc.toks
    k = seg.j + 1 if seg.j < len(toks) and toks[seg.j].text == "," else seg.j
    if k >= len(toks) or toks[k].text != "from":
        return None
    for x in range(k + 1, min(len(toks), k + 2 + MAX_DOMAIN_WORDS)):
        mention = orgs.by_start.get(toks[x].start)
        if mention is not None:
            return Affiliation(None, mention.company_key)
        if not toks[x].text[:1].islower():
            return None  # a place, a person or punctuation: no organisation follows
    return None


# Tried in order for every mention of a person; the first title and the first company win.
AFFILIATION_RULES: tuple[Rule, ...] = (
    title_before_name,
    apposition_after_name,
    relative_clause_after_name,
    appointed_as_after_name,
    from_organisation_after_name,
)


def affiliations(doc: Doc, seg: Segment, orgs: OrgIndex) -> list[Affiliation]:
    """What every rule states about the person a segment names, in rule order."""
    out = []
    for rule in AFFILIATION_RULES:
        found = rule(doc, seg, orgs)
        if found is not None:
            out.append(found)
    return out


# --- helpers --------------------------------------------------------------------------------


def _title_phrase(doc: Doc, k: int, orgs: OrgIndex) -> Affiliation | None:
    """Read "[a|the] [OWNER's] [domain words] TITLE [prep ORG]" from token k to the phrase end."""
    toks = doc.toks
    stop = _phrase_end(doc, k)
    k += 1 if k < stop and toks[k].text in _DETERMINERS else 0
    t = _first_title(toks, k, min(stop, k + MAX_DOMAIN_WORDS + 4))
    if t is None or any(toks[x].text in _PAST for x in range(k, t)):
        return None
    end = title_end(toks, t, stop)
    title = format_title([x.text for x in toks[t:end]])
    owner = _owner_within(doc, k, t, orgs)
    if owner is not None:
        return Affiliation(title, *owner, owner_stated=True)
    key = _org_after_preposition(toks, end, stop, orgs) or _renamed_owner(toks, end, stop, orgs)
    return Affiliation(title, key, owner_stated=key is None and _described_owner(toks, end, stop))


# Nouns that name an organisation when a title's owner is described ("chief executive of the
# German exchange"), besides the company descriptors of org_descriptors.txt.
_ORGANISATION_NOUNS = frozenset(
    ["exchange", "bourse", "institute", "university", "board", "council", "agency", "commission",
     "association", "union", "federation", "authority", "regulator", "ministry", "watchdog"]
)  # fmt: skip


def _described_owner(toks: list[Token], k: int, stop: int) -> bool:
    """ "of the Frankfurt-based exchange", "at the bank": the title's owner is described, not
    named, so the document's most named company is no safe guess for it."""
    for x in range(k, min(stop, len(toks) - 1)):
        if toks[x].text in _TITLE_PREPOSITIONS and toks[x + 1].text in ("the", "a", "an"):
            words = [t.text for t in toks[x + 2 : stop]]
            head = next((w for w in reversed(words[:MAX_DOMAIN_WORDS]) if w.islower()), "")
            return head in gz.org_descriptors() or head in _ORGANISATION_NOUNS
    return False


def _first_title(toks: list[Token], k: int, stop: int) -> int | None:
    """First token opening a title phrase in [k, stop), if only a noun phrase comes before it."""
    for t in range(k, stop):
        if toks[t].text in _CLAUSE_WORDS:
            return None
        if title_end(toks, t, stop) > t:
            return t
    return None


def _owner_within(doc: Doc, k: int, t: int, orgs: OrgIndex) -> Owner | None:
    """The owner written before a title: "Acme's", "its", "an Acme", "the company's"."""
    toks = doc.toks
    for x in range(k, t):
        if toks[x].text in _PRONOUNS:
            return _pronoun_owner(doc, x, orgs)
        mention = orgs.by_end.get(toks[x].end)
        if mention is not None:
            return mention.company_key, STATED_CONFIDENCE
        if x + 1 < t and toks[x + 1].text in _POSSESSIVE:
            return _descriptor_owner(doc, x, orgs)
    return None


def _owner_before(doc: Doc, start: int, orgs: OrgIndex) -> Owner | None:
    """Owner of a title that precedes a name: "Acme founder", "Acme's ... chief", "Its chief"."""
    toks = doc.toks
    for x in range(start - 1, max(-1, start - 3 - MAX_DOMAIN_WORDS), -1):
        text = toks[x].text
        if text in _PRONOUNS:
            return _pronoun_owner(doc, x, orgs)
        mention = orgs.by_end.get(toks[x].end)
        possessed = toks[x + 1].text in _POSSESSIVE
        if mention is not None and (x == start - 1 or possessed):
            return mention.company_key, STATED_CONFIDENCE
        if possessed:
            return _descriptor_owner(doc, x, orgs)
        if text in _CLAUSE_WORDS or (text in _PHRASE_STOPS and text not in _POSSESSIVE):
            return None
    return None


def _pronoun_owner(doc: Doc, x: int, orgs: OrgIndex) -> Owner:
    """ "its" / "their" at token x, resolved to the subject organisation (None if there is none)."""
    key = subject_referent(doc, orgs, doc.toks[x].start)
    return key, PRONOUN_CONFIDENCE


def _descriptor_owner(doc: Doc, x: int, orgs: OrgIndex) -> Owner:
    """ "the authority's", "the regulator's": the one organisation of that kind named before.

    None when the owner is no descriptor or several organisations of its kind came before.
    """
    toks = doc.toks
    short = _short_name_owner(toks[x].text, orgs)
    if short is not None:
        return short, STATED_CONFIDENCE
    kind = gz.org_descriptors().get(toks[x].text)
    if kind is None or x == 0 or toks[x - 1].text not in ("the", "The"):
        return None, STATED_CONFIDENCE
    before = {
        m.company_key
        for m in orgs.mentions
        if m.start < toks[x].start and orgs.kinds.get(m.company_key) == kind
    }
    return (before.pop() if len(before) == 1 else None), PRONOUN_CONFIDENCE


def _short_name_owner(word: str, orgs: OrgIndex) -> str | None:
    """The one organisation whose longer name ends with a capitalised possessor word, else the
    one that holds it past its first word (a first word is propagated as a name already).

    Matches "Corvane's chief executive" after "Halden Corvane", "United's manager" after
    "Brenmoor United" (not "Brenmoor United Fans Trust"); None for several names or none.
    """
    if not word[:1].isupper() or word.isupper() and len(word) < 2:
        return None
    words = [(m.company_key, m.text.split()) for m in orgs.mentions]
    ending = {key for key, w in words if len(w) > 1 and w[-1] == word}
    holding = {key for key, w in words if word in w[1:]}
    keys = ending or holding
    return keys.pop() if len(keys) == 1 else None


def _renamed_owner(toks: list[Token], k: int, stop: int, orgs: OrgIndex) -> str | None:
    """A described owner renamed by the apposition that follows it: the organisation there.

    Matches "head of the policy think tank, the Halden Group, said", "a board member of
    Ostria's central bank, the Nationalbank," ; not "head of sales, Acme said".
    """
    described = any(toks[x].text in _TITLE_PREPOSITIONS for x in range(k, stop))
    if not described or stop >= len(toks) or toks[stop].text != ",":
        return None
    x = stop + 1 + (stop + 1 < len(toks) and toks[stop + 1].text in ("the", "The"))
    mention = orgs.by_start.get(toks[x].start) if x < len(toks) else None
    if mention is None:
        return None
    after = next((t for t in toks[x:] if t.start >= mention.end), None)
    return mention.company_key if after is None or after.text in _PHRASE_STOPS else None


def _org_after_preposition(toks: list[Token], k: int, stop: int, orgs: OrgIndex) -> str | None:
    """The first organisation after "of/at/for/with" in tokens [k, stop) ("analyst at Acme")."""
    for x in range(k, stop - 1):
        if toks[x].text in _TITLE_PREPOSITIONS:
            key = _org_starting(toks, x + 1, orgs)
            if key is not None:
                return key
    return None


def _org_starting(toks: list[Token], k: int, orgs: OrgIndex) -> str | None:
    """Key of an organisation mention starting at token k, or after a "the" there."""
    for x in (k, k + 1):
        if x < len(toks):
            mention = orgs.by_start.get(toks[x].start)
            if mention is not None:
                return mention.company_key
        if x < len(toks) and toks[x].text not in ("the", "The"):
            break
    return None


def _phrase_end(doc: Doc, k: int) -> int:
    """End of the apposition or clause starting at token k: punctuation or sentence end."""
    toks = doc.toks
    sentence_end = doc.sentences[_sentence_index(doc, toks[k].start)][1] if k < len(toks) else 0
    stop = min(len(toks), k + MAX_PHRASE_TOKENS)
    for x in range(k, stop):
        if toks[x].text in _PHRASE_STOPS or toks[x].start >= sentence_end:
            return x
    return stop


def subject_referent(doc: Doc, orgs: OrgIndex, pos: int) -> str | None:
    """The organisation "its" at `pos` refers to: this sentence's subject, else the last one's.

    Matches "Acme has appointed Jane Roe as its ...", "Acme said it would appeal. Its chief
    executive, ..."; media outlets ("told Reuters") are never the referent.
    """
    sent = _sentence_index(doc, pos)
    for s in (sent, sent - 1):
        if s < 0:
            break
        lo, hi = doc.sentences[s]
        named = [
            m
            for m in orgs.mentions
            if lo <= m.start < min(hi, pos) and orgs.kinds.get(m.company_key) != "media"
        ]
        subjects = [
            m for m in named if _words_between(doc, lo, m.start) <= SUBJECT_MAX_WORDS_BEFORE
        ]
        if subjects or named:
            return (subjects or named)[0].company_key
    return None


def _words_between(doc: Doc, lo: int, hi: int) -> int:
    """Number of words in body[lo:hi]."""
    return len(doc.body[lo:hi].split())


def _sentence_index(doc: Doc, pos: int) -> int:
    """Index of the sentence containing character `pos`."""
    return max(0, bisect.bisect_right(doc.sentences, pos, key=lambda span: span[0]) - 1)
