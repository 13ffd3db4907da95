"""Event predicates: a parsed body in, the words that may name an event out, with their family.

Consumes a spaCy Doc; produces Predicate records (the trigger's head token, its character span and
its predicate family). The words are the table newsfacts/resources/event_predicates.tsv: one-word
entries match a token's text or lemma with its part of speech and a required child ("lay" needs
the particle "off"); multiword entries ("joint venture", "went bust") match the text. Which event
a predicate names is decided later from its arguments (newsfacts.extract.event_frames).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from newsfacts.extract.text import doc_text

# Coarse parts of speech of the table and the spaCy tags each accepts.
_POS = {
    "VERB": frozenset({"VERB"}),
    "NOUN": frozenset({"NOUN", "PROPN"}),
    "ADJ": frozenset({"ADJ", "VERB"}),
    "ANY": frozenset({"VERB", "NOUN", "PROPN", "ADJ"}),
}
# Dependency labels of a word's modifiers for "mod:" needs.
_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})


@dataclass(frozen=True)
class Entry:
    """One row of the predicate table."""

    pos: str
    needs: str  # "-", "prt:off", "prep:for", "mod:job|jobs", "obj:job|jobs"
    family: str


@dataclass(frozen=True)
class Predicate:
    """A word (or phrase) that may name an event, with the family that decides its type."""

    token: Token  # head word: the syntactic anchor of the arguments
    start: int  # character span of the trigger words in the body
    end: int
    family: str
    others: tuple[str, ...] = ()  # further families the word may name, tried in order

    @property
    def text(self) -> str:
        """The trigger words as written."""
        return doc_text(self.token.doc)[self.start : self.end]


@lru_cache(maxsize=1)
def predicate_table() -> tuple[dict[str, list[Entry]], dict[str, str]]:
    """(word or lemma -> entries, phrase -> family) from resources/event_predicates.tsv."""
    path = resources.files("newsfacts.resources").joinpath("event_predicates.tsv")
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    words: dict[str, list[Entry]] = {}
    phrases: dict[str, str] = {}
    for form, kind, pos, needs, family in rows[1:]:
        if kind == "phrase":
            phrases[form.lower()] = family
        else:
            words.setdefault(form.lower(), []).append(Entry(pos, needs, family))
    return words, phrases


@lru_cache(maxsize=1)
def phrase_pattern() -> re.Pattern[str]:
    """One case-insensitive alternation over every phrase of the table, longest first."""
    _, phrases = predicate_table()
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s-]+", phrase)]
        joiner = r"[\s-]+" if "-" in phrase else r"\s+"
        parts.append(joiner.join(words))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _phrase_family(text: str) -> str | None:
    """Family of a matched phrase, its spacing and hyphens normalised."""
    _, phrases = predicate_table()
    flat = re.sub(r"\s+", " ", text.lower())
    return (
        phrases.get(flat)
        or phrases.get(flat.replace(" ", "-"))
        or phrases.get(flat.replace("-", " "))
    )


def find_predicates(doc: Doc) -> list[Predicate]:
    """Every predicate of a parsed text, in text order; a phrase wins over the words inside it."""
    found: list[Predicate] = []
    covered: set[int] = set()
    for m in phrase_pattern().finditer(doc_text(doc)):
        family = _phrase_family(m.group())
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if family is None or span is None:
            continue
        covered.update(range(span.start, span.end))
        found.append(Predicate(span.root, m.start(), m.end(), family))
    for token in doc:
        if token.i in covered:
            continue
        hit = word_predicate(token)
        if hit is not None:
            found.append(hit)
    return sorted(found, key=lambda p: p.start)


def word_predicate(token: Token) -> Predicate | None:
    """The predicate a single word names, if its text or lemma is in the table and fits."""
    words, _ = predicate_table()
    found: list[tuple[str, int, str]] = []  # (family, end, key) of every fitting entry
    for key in dict.fromkeys((token.lower_, token.lemma_.lower(), *_stems(token))):
        for entry in words.get(key, ()):
            if token.pos_ not in _POS[entry.pos]:
                continue
            extra = _needed(token, entry.needs)
            if extra is not None:
                found.append((entry.family, max(token.idx + len(token.text), extra), key))
        if found:
            break
    if not found:
        return None
    family, end, key = found[0]
    start = _ordinal_start(token) if family == "rank" else token.idx
    # the word the table knows it by, for rules that read the trigger's lemma
    token.doc.user_data.setdefault(EVENT_WORDS, {})[token.i] = key
    others = tuple(dict.fromkeys(f for f, _, _ in found[1:] if f != family))
    return Predicate(token, start, end, family, others)


# Doc.user_data key of the table word each predicate token was matched by.
EVENT_WORDS = "newsfacts.event_words"


def _stems(token: Token) -> tuple[str, ...]:
    """Candidate lemmas of a verb form the lemmatizer got wrong ("fined" -> "fin"): the form
    without -d, -ed, a doubled consonant + -ed, -ing (+ e), -s."""
    word = token.lower_
    if token.pos_ != "VERB" or len(word) < 5:
        return ()
    if word.endswith("ed"):
        return (word[:-1], word[:-2], word[:-3])
    if word.endswith("ing"):
        return (word[:-3], word[:-3] + "e", word[:-4])
    if word.endswith("s"):
        return (word[:-1],)
    return ()


_ORDINALS = frozenset(
    ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
)


def _ordinal_start(token: Token) -> int:
    """Start of "third largest" / "third-largest": the ordinal before a superlative."""
    i = token.i - 1
    if i >= 0 and token.doc[i].text == "-":
        i -= 1
    if i >= 0 and token.doc[i].lower_ in _ORDINALS:
        return token.doc[i].idx
    return token.idx


def _needed(token: Token, needs: str) -> int | None:
    """End offset of the required child (the token's own end when nothing is needed), or None
    when the child is missing: "lay" needs "off", "expand" needs "into"."""
    if needs == "-":
        return token.idx + len(token.text)
    kind, _, allowed = needs.partition(":")
    lemmas = set(allowed.split("|"))
    for child in token.children:
        named = child.lower_ in lemmas or child.lemma_.lower() in lemmas
        if named and _child_fits(kind, child):
            return max(token.idx + len(token.text), child.idx + len(child.text))
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if kind in ("prt", "prep") and nxt is not None and nxt.lower_ in lemmas:
        return nxt.idx + len(nxt.text)
    return None


def _child_fits(kind: str, child: Token) -> bool:
    """Whether a child with the right word stands in the needed relation."""
    if kind == "prt":
        return child.dep_ in ("prt", "prep", "advmod") and child.i > child.head.i
    if kind == "prep":
        return child.dep_ in ("prep", "agent", "dative", "prt")
    if kind == "mod":
        return child.dep_ in _MODIFIERS
    return child.dep_ in ("dobj", "nsubjpass")


# Past forms the inflection rule of predicate_words() cannot make ("bought", "laid off").
_IRREGULAR = {
    "buy": "bought",
    "sell": "sold",
    "take": "took taken",
    "lay": "laid",
    "fall": "fell fallen",
    "break": "broke broken",
    "give": "gave given",
    "go": "went gone",
    "stand": "stood",
    "strike": "struck",
    "withdraw": "withdrew withdrawn",
    "lose": "lost",
    "pay": "paid",
    "leave": "left",
    "throw": "threw thrown",
    "freeze": "froze frozen",
    "uphold": "upheld",
    "seek": "sought",
    "shut": "shut",
    "cut": "cut",
    "quit": "quit",
    "shed": "shed",
    "bid": "bid",
    "set": "set",
    "hit": "hit",
    "win": "won",
    "begin": "began begun",
    "make": "made",
    "spin": "spun",
    "bring": "brought",
    "rise": "rose risen",
    "lead": "led",
    "sue": "sued suing sues",
    "tie": "tied tying ties",
}


def _inflections(lemma: str) -> set[str]:
    """Regular forms of a lemma: "acquire" -> acquires, acquired, acquiring; "scrap" ->
    scrapped; "ally" -> allied."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    forms |= {lemma + "er", lemma + "ers", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms | set(_IRREGULAR.get(lemma, "").split())


@lru_cache(maxsize=1)
def predicate_words() -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str]]:
    """(the lower-cased forms of the predicate words that need nothing, form -> the particle or
    preposition one of which must also be there ("laid" needs "off"), the first words of the
    phrases): a sentence holding none of them names no event and needs no parse."""
    words, phrases = predicate_table()
    plain: set[str] = set()
    needing: dict[str, set[str]] = {}
    for word, entries in words.items():
        for entry in entries:
            kind, _, allowed = entry.needs.partition(":")
            for form in _inflections(word):
                if kind in ("prt", "prep"):
                    needing.setdefault(form, set()).update(allowed.split("|"))
                else:
                    plain.add(form)
    firsts = {re.split(r"[\s-]+", p)[0] for p in phrases}
    conditional = {f: frozenset(n) for f, n in needing.items() if f not in plain}
    return frozenset(plain), conditional, frozenset(firsts)


_WORD = re.compile(r"[a-z0-9]+(?:-[a-z]+)?")


def predicate_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Indexes of the sentences holding a predicate word ("acquired", "went bust"): the
    sentences the events component asks the analysis to parse."""
    plain, conditional, firsts = predicate_words()
    out = []
    for i, (start, end) in enumerate(spans):
        found = set(_WORD.findall(body[start:end].lower()))
        if (
            found & plain
            or any(found & conditional[w] for w in found & conditional.keys())
            or (found & firsts and phrase_pattern().search(body, start, end))
        ):
            out.append(i)
    return out
