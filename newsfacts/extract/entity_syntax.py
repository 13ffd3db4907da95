"""Companies and people from NER and syntax: a spaCy Doc of the body and today's name segments
(newsfacts.extract.names) in, the segments re-judged out: vetoed when NER says they are no name,
re-spanned to the NER entity when the chunker cut one name in pieces, typed as places when NER
says so, and added where NER finds an organisation or a person the cue rules missed.

Each rule is a small function over (segments, NER view) that changes segments in place and
stamps the ones it decides with its rule name (`Segment.how`, stored as the mention's rule
"entities.<how>"). The cue rules of companies.py and people.py run first; these rules run after
them, so NER can veto a cue ("Concerns grew", "Finance Minister") as well as confirm it.
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
from newsfacts.extract import org_aliases as oa
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
_POSSESSIVE_END = re.compile(r"(?:['’]s?|[,.;:])$")
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


def places_are_not_companies(doc: Doc, ner: NerView) -> None:
    """A cue-rule organisation that NER reads as a place or nationality is a place.

    Matches "Valletta announced ..." and "Lindholm has ...": GPE, LOC, NORP and FAC spans never
    become companies unless a gazetteer entry or a legal form says company, or a strong cue
    ("telecoms firm Lindholm", "Lindholm, a chipmaker") outweighs the label.
    """
    for seg in doc.segments:
        if seg.role != "org" or seg.how not in WEAK_ORG_RULES:
            continue
        ent = ner.exact(seg.start, seg.end)
        if ent is None or ent.label not in PLACE_LABELS:
            continue
        known_place = seg.text in gz.places() or seg.text in gz.demonyms()
        if known_place or (seg.how not in STRONG_ORG_RULES and ent.label in ("LOC", "FAC")):
            seg.role, seg.how = "place", "veto_place"


def ner_organisations(doc: Doc, ner: NerView) -> None:
    """An NER organisation that no cue rule decided becomes an organisation, cut out of a longer
    capitalised chunk when needed.

    Matches "shares in Corvane fell", "Miners Brakstone and Ulvik" (the opener "Miners" left
    out), "the Halden Dairy Board said"; not "Cup final", "Budget", a product ("the Lumen
    console", "Corvane Lumen") or a person NER mislabels ("Tomasz Wrona").
    """
    for ent in ner.ents:
        if ent.label != "ORG" or not ner_org_name(doc, ner, ent):
            continue
        over = [s for s in doc.segments if s.start < ent.end and ent.start < s.end]
        if not over or any(s.role not in ("unknown", "common") for s in over):
            if len(over) == 1 and over[0].role == "org" and over[0].how in WEAK_ORG_RULES:
                _cut_out(doc, over[0], ent, "org", "ner_org")  # "Miners Brakstone" -> "Brakstone"
            continue
        if len(over) == 1 and not _inside(over[0], ent):
            _cut_out(doc, over[0], ent, "org", "ner_org")
        elif all(_inside(s, ent) for s in over) and _joined(doc, over, ent):
            _replace(doc, over, new_segment(doc, ent.start, ent.end, "org", "ner_org", 0))


def _replace(doc: Doc, pieces: list[Segment], seg: Segment | None) -> None:
    """Put one segment in the place of consecutive pieces."""
    if seg is None:
        return
    seg.chunk = pieces[0].chunk
    at = doc.segments.index(pieces[0])
    doc.segments[at : at + len(pieces)] = [seg]


def ner_org_name(doc: Doc, ner: NerView, ent: Ent) -> bool:
    """An NER organisation that is plausibly one: see plausible_org_name, and not a product, a
    place or a person by its shape or by what NER says of its other mentions."""
    # A dictionary word NER tags as an organisation at least twice, and as nothing else, is a
    # name ("Corvane" may be a word too), not "Budget" tagged once.
    steady = ner.org_counts.get(ent.text, 0) >= 2 and ner.labels.get(ent.text) == {"ORG"}
    if not plausible_org_name(ent.text, word_ok=steady) or ent.text in ner.products:
        return False
    if ner.labels.get(ent.text, frozenset()) & (THING_LABELS | {"PERSON"}):
        return False
    tags = ner.tags(ent.start, ent.end)
    if tags and tags[-1] not in ("PROPN", "NOUN", "NUM", "X"):  # "Pan-European", "Congressionally"
        return False
    org_names = {s.text for s in doc.segments if s.role == "org"}
    firsts = {t.split()[0] for t, labels in ner.labels.items() if "PERSON" in labels and " " in t}
    person = _person_shaped(ent.text, firsts)
    if person or _product_shaped(ent.text, org_names) or _place_ended(ent.text):
        return False
    if _common_plural_end(ent.text):
        return False  # "US Regulators", "Chinese Officials"
    if _after_according_to(doc, ent) and " " not in ent.text and not _is_acronym(ent.text):
        return False  # "according to Hartley": as often a surname
    if _ends_a_thing(ner, ent.text) or _surname_of_someone(doc, ner, ent.text):
        return False
    return not _abbreviates_a_thing(ner, ent.text)


def _abbreviates_a_thing(ner: NerView, text: str) -> bool:
    """ "HDC" when the document names the "Halden Developers Conference": the initials of an
    event, a competition or a product are no organisation either."""
    if not oa.looks_like_acronym(text):
        return False
    things = [
        other
        for other, labels in ner.labels.items()
        if " " in other and (labels & THING_LABELS or other.split()[-1] in gz.not_org_heads())
    ]
    return any(oa.abbreviates(text, other) for other in things)


def _after_according_to(doc: Doc, ent: Ent) -> bool:
    """True when "according to" comes right before the entity."""
    return doc.body[max(0, ent.start - 13) : ent.start].lower().rstrip().endswith("according to")


def _ends_a_thing(ner: NerView, text: str) -> bool:
    """ "Zephyr" after "Skyline Zephyr" was tagged a product: the last word of a thing's name,
    or the first of a product's ("Lumen" of "Lumen Pro")."""
    return any(
        (other.endswith(" " + text) and labels & THING_LABELS)
        or (other.startswith(text + " ") and "PRODUCT" in labels)
        for other, labels in ner.labels.items()
    )


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


def extend_to_ner(doc: Doc, ner: NerView) -> None:
    """An organisation segment inside a longer NER organisation grows to it when the extra words
    belong to no other name: "The Sunday Ledger" ("Sunday" is a stop word alone), "the Video
    Ratings Council" ("Video" too)."""
    for ent in ner.ents:
        if ent.label != "ORG" or not plausible_org_name(ent.text):
            continue
        over = [s for s in doc.segments if s.start < ent.end and ent.start < s.end]
        if len(over) != 1 or over[0].role != "org" or not _inside(over[0], ent):
            continue
        seg = over[0]
        if (seg.start, seg.end) == (ent.start, ent.end) or ent.text in ner.products:
            continue
        extra = doc.body[ent.start : seg.start].split() + doc.body[seg.end : ent.end].split()
        if any(w in gz.given_names() for w in extra):
            continue  # "Brenmoor Inc. Jo Bell": NER ran the name on into a person's
        orgs = {s.text for s in doc.segments if s.role == "org" and s is not seg}
        product = _product_shaped(ent.text, orgs)
        if all(w[:1].isupper() or w in _JOINERS for w in extra) and not product:
            grown = new_segment(doc, ent.start, ent.end, "org", seg.how, seg.chunk)
            if grown is not None:
                grown.kind = seg.kind
                _replace(doc, [seg], grown)


def _cut_out(doc: Doc, seg: Segment, ent: Ent, role: str, how: str) -> None:
    """Split a segment around the entity inside it: [before][entity][after]."""
    if not (seg.start <= ent.start and ent.end <= seg.end):
        return
    parts = [
        new_segment(doc, seg.start, ent.start, "unknown", "", seg.chunk),
        new_segment(doc, ent.start, ent.end, role, how, seg.chunk),
        new_segment(doc, ent.end, seg.end, "unknown", "", seg.chunk),
    ]
    at = doc.segments.index(seg)
    doc.segments[at : at + 1] = [p for p in parts if p is not None and p.text.strip()]


def plausible_org_name(text: str, word_ok: bool = False) -> bool:
    """An NER organisation name worth keeping: capitalised, not a place, an ordinary word (unless
    `word_ok`), an event or competition, or a technical acronym ("Corvane", "Halden Dairy
    Board", "NUJ"; not "Budget", "Cup", "Motor Show", "DVR")."""
    words = text.split()
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if text in gz.places() or text in gz.demonyms() or text in gz.stopwords():
        return False
    if words[-1] in gz.not_org_heads() or text in gz.not_org_names():
        return False
    return word_ok or not common_word(text)


def ner_people(doc: Doc, ner: NerView) -> None:
    """An NER person over undecided pieces is a person; a name-shaped guess that NER reads as an
    organisation is an organisation.

    Matches "said Ngozi Adeyemi-Okafor" (a given name the list lacks), "Ines Valdés Moreno"
    (cut at an accented letter); turns "Harlan Brothers" and "Corinne Mae" read as full names
    back into organisations when NER says ORG.
    """
    orgs = {s.text for s in doc.segments if s.role == "org"}
    for ent in ner.ents:
        over = [s for s in doc.segments if s.start < ent.end and ent.start < s.end]
        if not over or not all(_inside(s, ent) for s in over):
            continue
        if ent.label == "PERSON" and ent.text not in orgs and _plausible_person(doc, over, ent):
            seg = new_segment(doc, ent.start, ent.end, "person", "ner_person", over[0].chunk)
            if seg is not None:
                at = doc.segments.index(over[0])
                doc.segments[at : at + len(over)] = [seg]
        elif ent.label == "ORG" and len(over) == 1 and over[0].role == "person":
            seg = over[0]
            exact = (seg.start, seg.end) == (ent.start, ent.end)
            if (
                exact
                and seg.how in ("given_name", "speech_verb")
                and _org_not_person(doc, ner, ent)
            ):
                seg.role, seg.kind, seg.how = "org", "company", "ner_org"


def _org_not_person(doc: Doc, ner: NerView, ent: Ent) -> bool:
    """A name-shaped NER organisation with nothing that marks a person: NER never says PERSON
    for it, no honorific or title precedes its last word anywhere ("Harlan Brothers said")."""
    if not plausible_org_name(ent.text) or _surname_of_someone(doc, ner, ent.text):
        return False
    if "PERSON" in ner.labels.get(ent.text, frozenset()):
        return False
    for seg in doc.segments:
        if seg.text == ent.text and seg.i > 0:
            before = next((s for s in doc.segments if s.j == seg.i), None)
            if before is not None and before.role in ("title", "honorific"):
                return False
            if af.title_role(doc.toks[seg.i - 1].text):
                return False
    return True


def _plausible_person(doc: Doc, over: list[Segment], ent: Ent) -> bool:
    """Two or more capitalised words, all pieces undecided, none a known organisation or place."""
    if any(s.role not in ("unknown", "common") for s in over) or not _joined(doc, over, ent):
        return False
    words = ent.text.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or _model_shaped(ent.text):
        return False
    if words[0] not in gz.given_names() and common_word(words[0]):  # "Shareholders United"
        return False
    if any(s.role == "org" and s.text in words for s in doc.segments):
        return False  # "Brenmoor Lumen" when "Brenmoor" is an organisation here
    if gz.name_key(ent.text) in gz.known_orgs() or any(w in gz.places() for w in words):
        return False
    return not any(w in gz.not_org_heads() or w in gz.org_head_words() for w in words[1:])


def defined_abbreviations(doc: Doc) -> None:
    """An abbreviation in brackets after an organisation names that organisation.

    Matches "the Halden Dairy Board (HDB)", "Association of Tile Makers (Atma)",
    "the Competition Board (CB)"; the abbreviation must open with the name's first letter.
    """
    segs, toks = doc.segments, doc.toks
    for a, b in zip(segs, segs[1:], strict=False):
        if a.role != "org" or b.role not in ("unknown", "common") or b.i - a.j != 1:
            continue
        closes = b.j < len(toks) and toks[b.j].text == ")"
        name = _THE.sub("", a.text)
        bracketed = toks[a.j].text == "(" and closes
        if bracketed and oa.looks_like_acronym(b.text) and b.text[0] == name[:1]:
            b.role, b.kind, b.how = "org", a.kind, "abbrev_defined"


def mark_governments(doc: Doc, spans: list[gv.GovernmentSpan]) -> None:
    """Government phrases and acting countries (newsfacts.extract.government) become government
    organisation segments, replacing the pieces they cover ("the Ostrian government", "Ostria
    said ...", "a US bankruptcy court")."""
    for span in spans:
        over = [s for s in doc.segments if s.start < span.end and span.start < s.end]
        if any(s.role == "org" and s.how not in WEAK_ORG_RULES for s in over):
            continue  # a gazetteer or legal-form name already covers it
        seg = new_segment(doc, span.start, span.end, "org", span.rule, 0)
        if seg is None:
            continue
        seg.kind = "government"
        seg.display = gv.display_name(span.name)
        if over:
            _replace_all(doc, over, seg)
        else:
            bisect.insort(doc.segments, seg, key=lambda x: x.start)


def _replace_all(doc: Doc, pieces: list[Segment], seg: Segment) -> None:
    """Put one segment in the place of the (possibly non-consecutive) pieces it covers."""
    seg.chunk = pieces[0].chunk
    at = doc.segments.index(pieces[0])
    for piece in pieces:
        doc.segments.remove(piece)
    doc.segments.insert(at, seg)


def sports_clubs(doc: Doc, ner: NerView) -> None:
    """Sports clubs are companies (gold guidelines, section 1): a place and a club word
    ("Halden United", "Ostrava Rovers FC"), or a name before "team" or "club" ("the Halden
    Hawks team"); a national side ("the Ostrian team") stays a place."""
    words = gz.sports_club_words()
    for seg in doc.segments:
        if seg.role not in ("unknown", "common", "place", "person") or " " not in seg.text:
            continue
        parts = seg.text.split()
        after = doc.toks[seg.j].text if seg.j < len(doc.toks) else ""
        club = words.get(parts[-1]) == "suffix" and _place_opened(ner, seg, parts)
        team = words.get(after) == "noun" and not _place_like(seg.text)
        if club or team:
            seg.role, seg.kind, seg.how = "org", "company", "sports_club"


def _place_opened(ner: NerView, seg: Segment, parts: list[str]) -> bool:
    """True when the name before the club word is a place ("Halden" in "Halden United")."""
    place = " ".join(parts[:-1])
    if place in gz.places():
        return True
    return any(
        e.label == "GPE" and e.text.startswith(place) for e in ner.overlapping(seg.start, seg.end)
    )


def _place_like(text: str) -> bool:
    """A place, a nationality or a name opening with one ("Ostrian", "Halden Bay")."""
    return text in gz.places() or text.split()[0] in gz.demonyms() or text in gz.demonyms()


def media_websites(doc: Doc) -> None:
    """A news outlet's website is named with it: "the Halden Post website", "the Ledger
    site" (the gold names the outlet so)."""
    toks = doc.toks
    for n, seg in enumerate(doc.segments):
        if seg.role != "org" or seg.kind != "media" or seg.j >= len(toks):
            continue
        if toks[seg.j].text in ("website", "site"):
            grown = new_segment(doc, seg.start, toks[seg.j].end, "org", seg.how, seg.chunk)
            if grown is not None:
                grown.kind = "media"
                doc.segments[n] = grown


# Rules that read a person from the shape of a name alone; a descriptor noun before it says more.
_SHAPE_PERSON_RULES = frozenset(["given_name", "ner_person", "ner_person_span", "speech_verb"])


def descriptor_over_name(doc: Doc) -> None:
    """A name-shaped name right after an organisation descriptor is an organisation: "building
    products group Jo Halden", "software firm Ada Lindqvist" (a person is not a "group")."""
    descriptors = gz.org_descriptors()
    for seg in doc.segments:
        if seg.role != "person" or seg.how not in _SHAPE_PERSON_RULES or seg.i == 0:
            continue
        before = doc.toks[seg.i - 1].text
        if before.islower() and descriptors.get(before) in ("company", "other_org", "media"):
            seg.role, seg.kind, seg.how = "org", descriptors[before], "descriptor_cue"
    named = {s.text: s.kind for s in doc.segments if s.role == "org" and s.how == "descriptor_cue"}
    for seg in doc.segments:  # the same name elsewhere in the text is the same organisation
        if seg.role == "person" and seg.how in _SHAPE_PERSON_RULES and seg.text in named:
            seg.role, seg.kind, seg.how = "org", named[seg.text], "same_name"


def place_like_bodies(doc: Doc, sdoc: SpacyDoc) -> None:
    """A body whose name names a place too is a place unless it acts there: "the EU said" and
    "an EU commissioner" name the body, "exports within the EU" the place."""
    for seg in doc.segments:
        body = seg.role == "org" and seg.text in gv.PLACE_LIKE_BODIES
        if body and not gv.acts_at(sdoc, seg.start, seg.end):
            seg.role, seg.how = "place", "veto_place_body"


# What may lie between a person and their organisation: "Jo Bell of", "Jo Bell, from the".
_PERSON_OF_GAPS = (["of"], ["from"], [",", "of"], [",", "from"], ["of", "the"], ["from", "the"])


def people_not_organisations(doc: Doc, ner: NerView) -> None:
    """A cue-rule organisation that NER reads as a person of two or three name words, whose first
    word is a given name or opens another person's name here, is that person: "Jo Halvorsen
    said" (not "Halvorsen Foods said")."""
    firsts = {t.split()[0] for t, labels in ner.labels.items() if "PERSON" in labels and " " in t}
    for seg in doc.segments:
        if seg.role != "org" or seg.how not in WEAK_ORG_RULES:
            continue
        ent = ner.exact(seg.start, seg.end)
        words = seg.text.split()
        if ent is None or ent.label != "PERSON" or not 2 <= len(words) <= 3:
            continue
        others = {f for f in firsts if not seg.text.startswith(f + " ")}
        # A weak cue ("X said") yields to NER; a strong one ("X, the investment bank") only to
        # a given name, or to the first word of another person's name here.
        strong = seg.how in STRONG_ORG_RULES
        named = not strong or words[0] in gz.given_names() or words[0] in others
        if named and not _model_shaped(seg.text):
            seg.role, seg.how = "person", "ner_person"


def person_of_organisation(doc: Doc) -> None:
    """A name after a person and "of" or "from" is the person's organisation: "said Jo Bell of
    Kestrel Research", "Dr Jo Bell, from Halden Analytics," (not a place: "Jo Bell of Ostrava")."""
    segs, toks = doc.segments, doc.toks
    for a, b in zip(segs, segs[1:], strict=False):
        if a.role != "person" or b.role not in ("unknown", "common") or _place_like(b.text):
            continue
        gap = [t.text for t in toks[a.j : b.i]]
        if gap in _PERSON_OF_GAPS and not common_word(b.text):
            b.role, b.kind, b.how = "org", "company", "person_of"


# First words that make a name a newspaper's ("Daily Ledger", "Evening Courier").
_MEDIA_OPENERS = frozenset(["Daily", "Sunday", "Evening", "Weekly", "Morning"])
# Rules that find an organisation without saying its kind.
_UNTYPED_RULES = frozenset(
    ["ner_org", "ner_org_span", "person_of", "verb_cue", "coordination", "name_head"]
)


def kinds_from_names(doc: Doc) -> None:
    """The kind a name itself states, for organisations found without one: "Daily Ledger" and
    "Halden Gazette" are media, "Liberty Party" a political party."""
    for seg in doc.segments:
        if seg.role == "org" and seg.how in _UNTYPED_RULES and seg.kind == "company":
            seg.kind = kind_of_name(seg.text) or seg.kind


# Words that make a name an authority's: a central bank, a federal office, a chamber.
_AUTHORITY_MARKS = (
    re.compile(r"\b(?:Central|Reserve) Bank\b|\bFederal Reserve\b"),
    re.compile(r"^(?:Office|Ministry|Department|House|Chamber) of\b"),
    re.compile(r"\bFederal\b.*\b(?:Fund|Office|Agency|Service|Commission|Authority)$"),
)


def kind_of_name(name: str) -> str | None:
    """The kind a name states, if any: its head word's ("Halden Gazette" media, "Tile Makers'
    Association" other_org, "Liberty Party" political_party), a newspaper's opener ("Daily
    Ledger"), or an authority's words ("Ostrian Central Bank", "Office of Fair Trading")."""
    words = name.split()
    if len(words) < 2:
        return None
    heads = gz.org_head_words()
    if words[0] in _MEDIA_OPENERS and heads.get(words[-1]) not in ("company", "other_org"):
        return "media"  # "Daily Ledger", not "Daily Ledger Trust"
    if any(p.search(name) for p in _AUTHORITY_MARKS):
        return "government"
    kind = heads.get(_head_word(name))
    return kind if kind != "company" else None


def known_short_names(doc: Doc) -> None:
    """A known short name of an organisation the document names is that organisation: "the
    Pentagon" after "the Department of Defense" (gazetteers.known_aliases)."""
    known = gz.known_aliases()
    named = {_THE.sub("", s.display or s.text) for s in doc.segments if s.role == "org"}
    for seg in doc.segments:
        if seg.role in ("unknown", "common") and known.get(seg.text, frozenset()) & named:
            seg.role, seg.how = "org", "known_alias"


def join_by_initials(doc: Doc) -> None:
    """Two pieces joined by "and", "for" or "of" are one name when an abbreviation in the text
    spells its initials: "the Ostrava Bonds and Futures Commission ... the OBFC" (without the
    initials "Brenmoor and Halden Holdings" may name two companies)."""
    acronyms = {s.text for s in doc.segments if oa.looks_like_acronym(s.text)}
    if not acronyms:
        return
    segs, toks = doc.segments, doc.toks
    for n in range(len(segs) - 2, -1, -1):
        a, b = segs[n], segs[n + 1]
        gap = [t.text for t in toks[a.j : b.i]]
        if gap not in (["and"], ["for"], ["of"], ["&"]) or "org" not in (a.role, b.role):
            continue
        if a.role not in ("org", "unknown", "common") or b.role not in ("org", "unknown", "common"):
            continue
        name = doc.body[a.start : b.end]
        if any(oa.abbreviates(x, _THE.sub("", name)) for x in acronyms):
            seg = new_segment(doc, a.start, b.end, "org", "abbrev_span", a.chunk)
            if seg is not None:
                seg.kind = b.kind if b.role == "org" else a.kind
                segs[n : n + 2] = [seg]


def reconcile(doc: Doc, ner: NerView) -> None:
    """Run the NER rules over segments the cue rules have marked: vetoes first, then additions."""
    veto_non_names(doc, ner)
    places_are_not_companies(doc, ner)
    people_not_organisations(doc, ner)
    ner_organisations(doc, ner)
    extend_to_ner(doc, ner)
    ner_people(doc, ner)
    descriptor_over_name(doc)
    person_of_organisation(doc)
    sports_clubs(doc, ner)
    event_owners(doc)
    join_by_initials(doc)
    defined_abbreviations(doc)


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
