"""Companies and people from NER and syntax: a spaCy Doc of the body and today's name segments
(newsfacts.extract.names) in, the segments re-judged out: vetoed when NER says they are no name,
re-spanned to the NER entity when the chunker cut one name in pieces, typed as places when NER
says so, and added where NER finds an organisation or a person the cue rules missed.

Each rule is a small function over (segments, NER view) that changes segments in place and
stamps the ones it decides with its rule name (`Segment.how`, stored as the mention's rule
"entities.<how>"). The cue rules of companies.py and people.py run first; these rules run after
them, so NER can veto a cue ("Concerns grew", "Finance Minister") as well as confirm it.
Here: the NER view, its helpers, the vetoes and the sentence gates; the rules after the vetoes
and `reconcile` are in newsfacts.extract.entity_reconcile.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from newsfacts.extract import affiliations as af
from newsfacts.extract import companies as co
from newsfacts.extract import gazetteers as gz
from newsfacts.extract import government as gv
from newsfacts.extract.names import NAME_OPENERS, Doc, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

# Cue rules that NER may overrule: they guess an organisation from the words around a name.
WEAK_ORG_RULES = frozenset(
    ["verb_cue", "coordination", "title_cue", "descriptor_cue", "apposition", "source_cue",
     "affiliation_cue", "possessive_title"]
)  # fmt: skip
# Cue rules that NER must confirm when the name is an ordinary word: a capitalised word before a
# title is as often a portfolio ("Finance Minister") or a sport ("Football chief") as an employer.
NER_CONFIRMED_RULES = frozenset(["title_cue"])
# NER labels of places and nationalities: such a span is never a company by NER alone.
PLACE_LABELS = frozenset(["GPE", "LOC", "NORP", "FAC"])
# Lower-case words that may join the pieces of one name inside an NER span ("Department of
# Ports and Harbours", "Halden & Voss", "Institute for Roads and Society").
_JOINERS = frozenset(["and", "&", "of", "for", "the", "de", "-", "/", "on", "in"])
_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE_END = re.compile(r"(?:['’]s?|[,.;:]|\s[-–—])$")  # also a dash NER takes in ("Halden -")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]+$")


@dataclass(frozen=True)
class Ent:
    """One NER entity, "the" and a possessive trimmed off: character span, label and text."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class NerView:
    """The NER entities and part-of-speech tags of a spaCy Doc, looked up by character offset."""

    ents: list[Ent]
    starts: list[int]  # token start offsets, for bisect
    pos: list[str]  # token part-of-speech tags
    sent_starts: frozenset[int]  # start offsets of sentence-initial tokens
    labels: dict[str, frozenset[str]]  # entity text -> every label NER gave it in the document
    org_counts: dict[str, int]  # entity text -> how many times NER tagged it ORG
    checked: list[bool]  # per token: NER-read (False outside the NER-gated sentences)
    products: frozenset[str]  # entity texts written beside a product noun ("the Lumen console")

    def overlapping(self, start: int, end: int) -> list[Ent]:
        """Entities that overlap [start, end)."""
        return [e for e in self.ents if e.start < end and start < e.end]

    def exact(self, start: int, end: int) -> Ent | None:
        """The entity spanning exactly [start, end), if any."""
        return next((e for e in self.ents if (e.start, e.end) == (start, end)), None)

    def tags(self, start: int, end: int) -> list[str]:
        """Part-of-speech tags of the tokens that start inside [start, end); empty when one of
        them was not tagged (NER alone ran there: analysis is gated)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        tags = self.pos[i:j]
        return [] if "" in tags else tags

    def read(self, start: int, end: int) -> bool:
        """True when NER read every token of [start, end): only then does the absence of an
        entity say anything (analysis is gated)."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return j > i and all(self.checked[i:j])

    def any_propn(self, start: int, end: int) -> bool | None:
        """True when some token of [start, end) is a proper noun, None when not all were
        tagged (unknown)."""
        tags = self.tags(start, end)
        return "PROPN" in tags if tags else None


def parse(body: str) -> SpacyDoc:
    """The spaCy Doc of a body, every sentence tagged, parsed and NER-tagged, for callers
    without an AnalysedDoc (tests, benchmarks); the pipeline is newsfacts.extract.nlp's."""
    from newsfacts.extract import nlp

    return nlp.load()(body)


# NER labels of things that are not organisations: a text NER gives one of these anywhere in the
# document is not made an organisation by NER alone.
THING_LABELS = frozenset(["PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "GPE", "LOC"])


def ner_view(sdoc: SpacyDoc) -> NerView:
    """Index a spaCy Doc's entities (trimmed) and tags by character offset."""
    ents, labels, products = [], {}, set()
    for span in sdoc.ents:
        ent = _trimmed(span.start_char, span.text, span.label_)
        if ent is None:
            continue
        ents.append(ent)
        labels.setdefault(ent.text, set()).add(ent.label)
        if _beside_product_noun(sdoc, span.start, span.end):
            products.add(ent.text)
    # Read as arrays: building a spaCy Token per token is the cost of a pass over a Doc.
    rows = sdoc.to_array(["IDX", "POS", "ENT_IOB", "SENT_START"]).tolist() if len(sdoc) else []
    strings = sdoc.vocab.strings
    starts = [r[0] for r in rows]
    pos = [strings[r[1]] if r[1] else "" for r in rows]
    # spaCy leaves ENT_IOB empty (0, not "O") on tokens NER never read, and POS empty untagged.
    checked = [bool(r[2]) for r in rows]
    sent_starts = {r[0] for r in rows if r[3] == 1} | ({0} if rows else set())
    frozen = {text: frozenset(found) for text, found in labels.items()}
    orgs = Counter(e.text for e in ents if e.label == "ORG")
    return NerView(
        ents, starts, pos, frozenset(sent_starts), frozen, dict(orgs), checked, frozenset(products)
    )


def _beside_product_noun(sdoc: SpacyDoc, i: int, j: int) -> bool:
    """ "the Lumen console", "the Halden 50 index", "the game Skyreach": a product noun right
    after tokens [i, j) (past a number) or before them (a noun then: "Acme's game Skyreach")."""
    nouns = gz.product_nouns()
    after = j < len(sdoc) and sdoc[j].text in nouns
    after = after or (j + 1 < len(sdoc) and sdoc[j].like_num and sdoc[j + 1].text in nouns)
    before = i > 0 and sdoc[i - 1].text in nouns and sdoc[i - 1].pos_ == "NOUN"
    return after or before or _product_apposition(sdoc, j)


def _product_apposition(sdoc: SpacyDoc, j: int) -> bool:
    """ ", the disc format for ...", ", a handheld console": an apposition headed by a product
    noun right after the name."""
    if j + 1 >= len(sdoc) or sdoc[j].text != "," or sdoc[j + 1].lower_ not in ("a", "an", "the"):
        return False
    for tok in sdoc[j + 2 : j + 6]:
        if tok.is_punct or tok.pos_ in ("VERB", "ADP", "AUX"):
            return False
        if tok.text in gz.product_nouns():
            return True
    return False


def _trimmed(start: int, text: str, label: str) -> Ent | None:
    """An entity without a leading "the", a trailing possessive or punctuation."""
    if m := _THE.match(text):
        start, text = start + m.end(), text[m.end() :]
    while text and (m := _POSSESSIVE_END.search(text)):
        text = text[: m.start()].rstrip()
    text = text.rstrip()
    return Ent(start, start + len(text), label, text) if text else None


# --- helpers over segments -------------------------------------------------------------------


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Indexes [i, j) of the tokens of `doc` lying inside [start, end), if any."""
    starts = [t.start for t in doc.toks]
    i = bisect.bisect_left(starts, start)
    j = i
    while j < len(doc.toks) and doc.toks[j].end <= end:
        j += 1
    return (i, j) if j > i else None


def new_segment(doc: Doc, start: int, end: int, role: str, how: str, chunk: int) -> Segment | None:
    """A segment for the tokens inside [start, end), with its role and rule."""
    found = token_range(doc, start, end)
    if found is None:
        return None
    i, j = found
    a, b = doc.toks[i].start, doc.toks[j - 1].end
    return Segment(i, j, doc.body[a:b], a, b, role=role, how=how, chunk=chunk)


def _inside(seg: Segment, ent: Ent) -> bool:
    """True when the segment lies within the entity."""
    return ent.start <= seg.start and seg.end <= ent.end


def _is_acronym(text: str) -> bool:
    """ "NUJ", "S&P", "U.N.": an all-capitals name of two or more letters."""
    return bool(_ACRONYM.match(text)) and sum(c.isalpha() for c in text) >= 2


@cache
def _english() -> frozenset[str]:
    """Lower-case English words (see gazetteers.english_words)."""
    return gz.english_words()


def common_word(text: str) -> bool:
    """A one-word name that is an ordinary English word ("Concerns", "Steel", "Budget")."""
    lower = text.lower()
    words = _english()
    if " " in text or _is_acronym(text):
        return False
    return lower in words or (lower.endswith("s") and lower[:-1] in words)


# --- rules ------------------------------------------------------------------------------------


def respan_fragments(doc: Doc, ner: NerView) -> None:
    """One NER span over several pieces of a name replaces the pieces.

    Matches "the Department of Ports and Harbours", "the Bonds and Futures Commission",
    "Jean-Luc Marchetti" (cut at a letter the tokenizer does not know), "Halden & Voss".
    """
    for ent in ner.ents:
        if ent.label not in ("ORG", "PERSON"):
            continue
        over = [s for s in doc.segments if s.start < ent.end and ent.start < s.end]
        if len(over) < 2 or not all(_inside(s, ent) for s in over):
            continue
        titled = any(s.role in ("title", "honorific") for s in over)
        if titled and not (ent.label == "ORG" and _head_word(ent.text) in gz.org_head_words()):
            continue
        if not _joined(doc, over, ent):
            continue
        role = "org" if ent.label == "ORG" else "person"
        seg = new_segment(doc, ent.start, ent.end, role, f"ner_{role}_span", over[0].chunk)
        if seg is not None:
            seg.kind = next((s.kind for s in over if s.role == "org"), "company")
            at = doc.segments.index(over[0])
            doc.segments[at : at + len(over)] = [seg]


def _joined(doc: Doc, pieces: list[Segment], ent: Ent) -> bool:
    """True when only joiner words lie between the pieces inside the entity, and an "and" joins
    them only inside a name with an organisation head ("Department of Ports and Harbours", not
    "Brakstone and Ulvik"); a comma or bracket never does ("Brakstone, Ulvik")."""
    covered = {k for s in pieces for k in range(s.i, s.j)}
    found = token_range(doc, ent.start, ent.end)
    if found is None:
        return False
    gaps = [doc.toks[k].text for k in range(*found) if k not in covered]
    if any(g in (",", "(", ")", ";", "The") for g in gaps):
        return False
    if not all(g in _JOINERS or not g[:1].isalnum() or g[:1].isupper() for g in gaps):
        return False
    return "and" not in gaps or _head_word(ent.text) in gz.org_head_words()


def _head_word(name: str) -> str:
    """The head of a name, singular: the word before "of" ("Department of Trade"), else the
    last word ("Courts of Appeal" -> "Court")."""
    words = name.split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return singular if singular in gz.org_head_words() else head


def veto_non_names(doc: Doc, ner: NerView) -> None:
    """A cue-rule organisation that NER does not see as a name is no organisation.

    Vetoes "Separately, ..." and "Worries grew" (no proper noun), "Finance Minister Jo Bell"
    and "Football chief" (a title cue without an NER organisation), while "Brenmoor announced"
    (a proper noun) and "NUJ General Secretary" (an acronym) stand.
    """
    for seg in doc.segments:
        if seg.role == "org" and seg.how == "name_head" and _product_piece(doc, seg):
            seg.role, seg.how = "common", "veto_product"  # "the eLumen Music Stores"
        if seg.role != "org" or seg.how not in WEAK_ORG_RULES:
            continue
        if not ner.read(seg.start, seg.end):
            if _before_office_title(doc, seg):
                seg.role, seg.how = "common", "veto_title_word"
            continue  # no tags, no entities: nothing to veto with
        ents = ner.overlapping(seg.start, seg.end)
        if _product_piece(doc, seg):
            seg.role, seg.how = "common", "veto_product"  # "Halden OS 5 shipped"
        elif " " not in seg.text and _surname_of_someone(doc, ner, seg.text):
            seg.role, seg.how = "unknown", "veto_surname"  # "Bell said" after "Jo Bell"
        elif _not_propn(ner, seg):
            seg.role, seg.how = "common", "veto_not_propn"
        elif seg.how in NER_CONFIRMED_RULES and not _is_acronym(seg.text):
            if _before_party_title(doc, seg):
                continue
            plain = common_word(seg.text.split()[-1]) and not _org_ent(ents)  # "Football chief"
            if plain or _before_office_title(doc, seg):
                seg.role, seg.how = "common", "veto_title_word"
        elif seg.how not in STRONG_ORG_RULES and _common_plural_end(seg.text):
            seg.role, seg.how = "common", "veto_common_plural"  # "US Regulators said"
        elif not ents and seg.start in ner.sent_starts and common_word(seg.text):
            seg.role, seg.how = "common", "veto_sentence_opener"
        elif seg.how == "verb_cue" and common_word(seg.text) and not _org_ent(ents):
            seg.role, seg.how = "common", "veto_common_word"  # "the Shuffle was introduced"


# Titles of public office: the capitalised words before one name a portfolio ("Trade and
# Industry Secretary", "Finance Minister"), not an organisation.
OFFICE_TITLES = frozenset(["Secretary", "Minister", "Commissioner", "Chancellor", "Governor"])


def _title_after(doc: Doc, seg: Segment) -> set[str]:
    """Words of the title segment right after the segment (empty when there is none)."""
    nxt = next((s for s in doc.segments if s.i >= seg.j), None)
    if nxt is None or nxt.role != "title" or nxt.i != seg.j:
        return set()
    return set(nxt.text.split())


_DASH_RUN_ON = re.compile(r"-(?:a|an|the|is|are|was|were|and|or|to|in|of)$")


def _dash_run_on(text: str) -> bool:
    """ "Lumen Pro-a", "Zephyr-are": a dash without spaces ran a name into the next word."""
    return bool(_DASH_RUN_ON.search(text))


_CAMEL_LOWER = re.compile(r"^[a-z]+[A-Z]\w*$")


def _product_piece(doc: Doc, seg: Segment) -> bool:
    """A model name ("Halden OS 5"), a dash run-on ("Lumen Pro-a") or the rest of a lower-camel
    brand's product name ("eLumen Music Store")."""
    return _model_shaped(seg.text) or _dash_run_on(seg.text) or _after_product(doc, seg)


def _after_product(doc: Doc, seg: Segment) -> bool:
    """ "the eLumen Music Store": a name right after a brand written lower-camel-case is the
    rest of that product's name."""
    return seg.i > 0 and bool(_CAMEL_LOWER.match(doc.toks[seg.i - 1].text))


def event_owners(doc: Doc) -> None:
    """A known organisation's name opening an event's name is that organisation: "the Brenmoor
    Developers Conference", "the Halden Motor Show" (the event itself is no organisation)."""
    orgs = {s.text for s in doc.segments if s.role == "org"}
    for seg in list(doc.segments):
        words = seg.text.split()
        if seg.role not in ("unknown", "common") or len(words) < 3:
            continue
        if words[-1] not in gz.not_org_heads():
            continue
        for k in range(len(words) - 2, 0, -1):
            prefix = " ".join(words[:k])
            if prefix in orgs or gz.name_key(prefix) in gz.known_orgs():
                end = seg.start + len(prefix)
                owner = new_segment(doc, seg.start, end, "org", "event_owner", seg.chunk)
                rest = new_segment(doc, end + 1, seg.end, "common", "event", seg.chunk)
                parts = [p for p in (owner, rest) if p is not None]
                at = doc.segments.index(seg)
                doc.segments[at : at + 1] = parts
                break


def _common_plural_end(text: str) -> bool:
    """ "US Regulators", "Chinese Officials": a name ending in a plural ordinary noun that is no
    organisation head word (not "Airways", "Holdings")."""
    words = text.split()
    last = words[-1]
    if len(words) != 2 or not last.endswith("s") or last in gz.org_head_words():
        return False
    plural = last.lower() in _english() or last[:-1].lower() in _english()
    first = words[0]
    ordinary = common_word(first) and first not in NAME_OPENERS  # not "United Devices"
    return plural and (first in gz.places() or first in gz.demonyms() or ordinary)


def _not_propn(ner: NerView, seg: Segment) -> bool:
    """No proper noun in the segment, and no acronym: a capitalised ordinary word, unless a
    strong cue names an unfamiliar word ("anti-virus firm Corvane" may be tagged a noun)."""
    if ner.any_propn(seg.start, seg.end) is not False or _is_acronym(seg.text):
        return False  # a proper noun, or not tagged (NER alone read the sentence)
    return seg.how not in STRONG_ORG_RULES or common_word(seg.text)


def _org_ent(ents: list[Ent]) -> bool:
    """True when one of the entities is an organisation."""
    return any(e.label == "ORG" for e in ents)


def _before_office_title(doc: Doc, seg: Segment) -> bool:
    """True when a title of public office follows the segment ("Finance Minister Jo Bell")."""
    return bool(_title_after(doc, seg) & OFFICE_TITLES)


def _before_party_title(doc: Doc, seg: Segment) -> bool:
    """True when an elected member's title follows the segment ("Green MP Jo Bell"): the name
    is a party's, which NER seldom tags."""
    return bool(_title_after(doc, seg) & co.PARTY_TITLES)


# Cue rules whose evidence outweighs an NER place label: NER often reads an unfamiliar name as a
# place, and "telecoms firm Brakstone" or "Brakstone, a chipmaker" leave no doubt.
STRONG_ORG_RULES = frozenset(["descriptor_cue", "apposition", "affiliation_cue", "coordination"])


def _surname_of_someone(doc: Doc, ner: NerView, text: str) -> bool:
    """ "JB Okafor" when "Mr Okafor" or the person "Okafor" occurs too: the last word names a
    person elsewhere in the document."""
    last = text.split()[-1]
    if " " in text and ner.labels.get(last, frozenset()) == {"PERSON"}:
        return True
    people = [t for t, labels in ner.labels.items() if "PERSON" in labels and " " in t]
    if " " not in text and any(p.split()[-1] == text for p in people):
        return True  # "Papermaster" after "Jo Papermaster"
    return last in _honorific_surnames(doc.body)


_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir)\.? ([A-Z][\w'’-]+)")


@lru_cache(maxsize=4)
def _honorific_surnames(body: str) -> frozenset[str]:
    """Words written after "Mr", "Ms", "Dr"... in a body: people's surnames."""
    return frozenset(_HONORIFIC_NAME.findall(body))


def _person_shaped(text: str, firsts: frozenset[str] | set[str] = frozenset()) -> bool:
    """ "Tomasz Wrona", "Ines Valdes Moreno": a given name (or the first word of a person's name
    NER found here) and one or two more name words."""
    words = text.split()
    if not 2 <= len(words) <= 3 or (words[0] not in gz.given_names() and words[0] not in firsts):
        return False
    heads = gz.org_head_words()
    return all(w[:1].isupper() and w not in heads and w not in gz.places() for w in words)


_MODEL_TOKEN = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9-]+$")


def _product_shaped(text: str, org_names: frozenset[str] | set[str] = frozenset()) -> bool:
    """ "Zephyr X2", "V12 Roadster", "Corvane Lumen" (an organisation's name, known or in
    `org_names`, and a word that is no organisation head): a model number or a maker's name
    before a product name."""
    words = text.split()
    if words[-1] in gz.org_head_words():
        return False
    if _model_shaped(text):
        return True
    known = gz.known_orgs()
    prefixes = [" ".join(words[:k]) for k in range(1, len(words))]
    return any(p in org_names or gz.name_key(p) in known for p in prefixes)


def _model_shaped(text: str) -> bool:
    """ "Zephyr X2", "V12 Roadster", "Halden OS": a model number, or a technical term after the
    first word, in a name with no organisation head."""
    words = text.split()
    if words[-1] in gz.org_head_words():
        return False
    tech = gz.not_org_names()
    first = len(words) > 1 and _MODEL_TOKEN.match(words[0])  # "O2" alone may be a company
    return bool(first) or any(_MODEL_TOKEN.match(w) or w in tech for w in words[1:])


def _place_ended(text: str) -> bool:
    """ "Sub-Saharan Africa", "Greater Valletta": a name that ends in a place."""
    words = text.split()
    return len(words) > 1 and words[-1] in gz.places()


# --- the analysis the entity rules ask for ----------------------------------------------------
#
# NER runs on every sentence that can hold a name (`ner_sentences`); the tagger, lemmatizer and
# parser only on those where the rules read tags, lemmas or the tree (`syntax_sentences`): a
# title word (titles.py: "Jo Bell, chief executive of ..."), "of"/"from" or a possessive between
# names (titles.py), a country beside an authority verb (government.country_authorities), a
# body that names a place too (government.acts_at), "administration", or a product noun beside a
# name (`_beside_product_noun`). Elsewhere the NER vetoes run without tags (`NerView.tags` is
# empty there, and `_not_propn` vetoes nothing). Claims and events parse their own sentences.

_NAME_WORD = re.compile(r"(?<![\w'’])[A-Z][\w&'’.-]*")
_WORD = re.compile(r"[A-Za-z][\w&'’.-]*")
# "Jo Bell of Brenmoor", "Jo Bell, from the Halden Group": titles.of_organisation.
_NAME_OF_NAME = re.compile(r"[A-Z][\w'’-]*,? (?:of|from) (?:the )?[A-Z]")
# "Jo Bell's Brenmoor", "Brenmoor's Jo Bell": titles.owner_possessive, possessive titles.
_NAME_POSSESSIVE = re.compile(r"[A-Z][\w-]*['’]s [A-Z]")


def _opener(body: str, start: int, end: int) -> str:
    """The first word of a sentence, quotes and brackets stripped."""
    return body[start:end].split(maxsplit=1)[0].strip("\"'“‘(")


def name_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """Sentences that can hold a name: a capitalised word after the first, or a first word that
    is no ordinary English word ("Brenmoor said ..."). A sentence without one names nobody ("It
    fell 5% on the day.")."""
    out = []
    for n, (start, end) in enumerate(spans):
        words = _NAME_WORD.findall(body, start, end)
        if not words:
            continue
        first = _opener(body, start, end)
        opener_only = len(words) == 1 and first == words[0]
        if not opener_only or not (common_word(first) or first in gz.stopwords()):
            out.append(n)
    return out


def ner_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """The entity component's NER gate: the name sentences, and those whose only capitalised
    word opens them and is no stop word ("Talks stalled.", "Halden said so."): NER vetoes the
    first as a cue rule's organisation and keeps the second."""
    stop = gz.stopwords()
    out = []
    for n, (start, end) in enumerate(spans):
        words = _NAME_WORD.findall(body, start, end)
        if not words:
            continue
        if len(words) > 1 or words[0] != _opener(body, start, end) or words[0] not in stop:
            out.append(n)
    return out


def syntax_sentences(body: str, spans: list[tuple[int, int]]) -> list[int]:
    """The entity component's parse gate: the sentences of its NER gate where a rule reads tags,
    lemmas or the dependency tree (see above)."""
    titles, products, countries = _title_forms(), gz.product_nouns(), gz.country_codes()
    verbs, product_beside = _authority_forms(), _product_beside()
    out = []
    for n in ner_sentences(body, spans):
        text = body[spans[n][0] : spans[n][1]]
        words = _WORD.findall(text)
        lowers = {w.lower().rstrip(".") for w in words}
        if (
            not lowers.isdisjoint(titles)
            or _NAME_OF_NAME.search(text)
            or _NAME_POSSESSIVE.search(text)
            or (not lowers.isdisjoint(verbs) and any(w in countries for w in words))
            or any(b in text for b in gv.PLACE_LIKE_BODIES)
            or "administration" in lowers
            or (not lowers.isdisjoint(products) and product_beside.search(text))
        ):
            out.append(n)
    return out


@cache
def _title_forms() -> frozenset[str]:
    """Lower-case title head words and their plurals ("analysts", "spokesmen")."""
    heads = {w for w, role in af.lower_title_words().items() if role == "head"}
    plurals = {w + "s" for w in heads} | {w[:-3] + "men" for w in heads if w.endswith("man")}
    return frozenset(heads | plurals)


@cache
def _authority_forms() -> frozenset[str]:
    """Every surface form of the authority verbs ("banned", "sought"), lower case."""
    from newsfacts.extract import nlp

    return nlp.inflected_forms(gv.AUTHORITY_VERBS)


@cache
def _product_beside() -> re.Pattern[str]:
    """A product noun before a name ("the game Skyreach") or heading an apposition after one
    ("Skyreach, a handheld console")."""
    nouns = "|".join(map(re.escape, sorted(gz.product_nouns(), key=len, reverse=True)))
    return re.compile(
        rf"\b(?:{nouns}) [A-Z]|[A-Z][\w.&'’-]*, (?:a|an|the) (?:[\w-]+ ){{0,3}}(?:{nouns})\b"
    )
