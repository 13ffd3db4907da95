"""Names that are not organisations, read from their syntax: marked name segments in, segments
re-roled or re-cut out. Stock market indices ("the Halden 50", "the Ledger index"), a firm's
named products ("Corvane's Skyline Studio"), capitalised ordinary words that open a sentence
("Shipping is ..."), descriptors glued to a name ("Miners Brakstone", "parcels-owner Tollan
Post"), and names cut at "and" whose pieces are ordinary words ("Food and Drink Council").
"""

from __future__ import annotations

import re
from functools import cache

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.entity_syntax import common_word, new_segment
from newsfacts.extract.names import NAME_OPENERS, Doc, Segment

# Lower-case nouns after a name that make it a market index, which the gold guidelines (section
# 1) leave out: "the Halden Composite index", "the Ledger average".
INDEX_NOUNS = frozenset(["index", "indices", "indexes", "average"])
# An index is also named with its number of members right after it ("the Halden 100", "the
# Brakstone 225"): a bare number of two to four digits that is not a year.
_INDEX_SIZE = re.compile(r"^\d{2,4}$")
_YEARS = range(1900, 2100)
# Nouns after a firm's possessive and a name that make the name a unit of the firm, which stays
# an organisation ("Corvane's Halden Securities arm").
UNIT_NOUNS = frozenset(["unit", "arm", "subsidiary", "division", "affiliate", "business"])
# Rules that guess an organisation from the words around a name or from NER alone; a name they
# found may be undone by the syntax rules here, a gazetteer or legal-form name may not.
_GUESSED = frozenset(["ner_org", "ner_org_span", "verb_cue", "coordination", "descriptor_cue",
                      "apposition", "possessive_title", "source_cue"])  # fmt: skip
_POSSESSIVE = frozenset(["'s", "’s", "'", "’"])


def _next_text(doc: Doc, seg: Segment) -> str:
    """The token right after a segment ("" at the end)."""
    return doc.toks[seg.j].text if seg.j < len(doc.toks) else ""


def _index_size(text: str) -> bool:
    """ "100", "225": a member count, not a year ("2004")."""
    return bool(_INDEX_SIZE.match(text)) and int(text) not in _YEARS


def market_indices(doc: Doc) -> None:
    """An organisation named as a market index is no organisation.

    Matches "the Halden Composite index fell", "shares in the Brakstone 100 rose", "the Ledger
    average closed higher"; not "Halden's index of prices" (a possessive) or "in 2004 Halden".
    """
    for seg in doc.segments:
        if seg.role != "org":
            continue
        after = _next_text(doc, seg)
        if after in INDEX_NOUNS or _index_size(after):
            seg.role, seg.how = "common", "veto_index"


def firms_products(doc: Doc) -> None:
    """A name NER alone found right after an organisation's possessive is the organisation's
    product or programme: "Corvane's Skyline Studio", "the Ledger's Morning Money Hour";
    not "Corvane's Halden Securities unit" (a unit noun follows)."""
    org_ends = {s.j for s in doc.segments if s.role == "org"}
    toks = doc.toks
    for seg in doc.segments:
        if seg.role != "org" or seg.how != "ner_org" or seg.i < 2:
            continue
        if toks[seg.i - 1].text in _POSSESSIVE and seg.i - 1 in org_ends and not _unit(doc, seg):
            seg.role, seg.how = "product", "veto_firms_product"


def _unit(doc: Doc, seg: Segment) -> bool:
    """A unit noun within the next three lower-case words: "Corvane's Lumen internet division"."""
    for tok in doc.toks[seg.j : seg.j + 3]:
        if not tok.text.islower():
            return False
        if tok.text in UNIT_NOUNS:
            return True
    return False


def _sentence_starts(doc: Doc) -> set[int]:
    """Offsets of the first word of every sentence, opening quotes and brackets skipped."""
    out = set()
    for start, end in doc.sentences:
        text = doc.body[start:end]
        lead = len(text) - len(text.lstrip(" \t\n\"'“‘(["))
        out.add(start + lead)
    return out


def sentence_opening_words(doc: Doc) -> None:
    """A one-word name that opens a sentence and that the same text writes in lower case
    elsewhere is an ordinary word, capitalised only by its place: "Telecoms is one of two
    sectors" after "telecoms firms", "Shipping rose" after "shipping costs"."""
    starts = _sentence_starts(doc)
    for seg in doc.segments:
        if seg.role != "org" or seg.how not in _GUESSED or " " in seg.text:
            continue
        if seg.start not in starts or not seg.text[1:].islower():
            continue
        if re.search(r"(?<![\w-])" + re.escape(seg.text.lower()) + r"(?![\w-])", doc.body):
            seg.role, seg.how = "common", "veto_sentence_word"


@cache
def descriptor_forms() -> frozenset[str]:
    """Capitalised company descriptor nouns ("Miners", "Carmaker"), minus those that open or end
    names themselves ("Group", "Bank", "Daily")."""
    heads = gz.org_head_words()
    out = set()
    for word, kind in gz.org_descriptors().items():
        cap = word.capitalize()
        if kind == "company" and " " not in word and cap not in heads and cap not in NAME_OPENERS:
            out.add(cap)
    return frozenset(out)


# "parcels-owner", "chip-maker", "ex-": a hyphenated descriptor or prefix written onto the name
# before it; the name is what follows.
_GLUED_DESCRIPTOR = re.compile(r"^[\w&.]+-(?:owner|owned|parent|maker|makers|rival|rivals|unit)$")


def descriptor_openers(doc: Doc) -> None:
    """Cut a descriptor off the front of a name: "Miners Brakstone and Ulvik" (a capitalised
    descriptor opening the sentence), "parcels-owner Tollan Post", "Chipmaker Corvane"."""
    starts = _sentence_starts(doc)
    for seg in list(doc.segments):
        if seg.role not in ("org", "unknown") or seg.j - seg.i < 2:
            continue
        first = doc.toks[seg.i].text
        opener = first in descriptor_forms() and seg.start in starts
        if not (opener or _GLUED_DESCRIPTOR.match(first)):
            continue
        rest = new_segment(doc, doc.toks[seg.i + 1].start, seg.end, seg.role, seg.how, seg.chunk)
        if rest is None or rest.text in gz.stopwords():
            continue
        rest.kind = seg.kind
        if opener and rest.role == "unknown":  # "Miners Brakstone": as "miner Brakstone" would
            rest.role, rest.how = "org", "descriptor_cue"
        doc.segments[doc.segments.index(seg)] = rest


def ordinary_word_pairs(doc: Doc) -> None:
    """Two pieces joined by "and" are one name when the words meeting at the "and" are ordinary
    English words, which alone name no firm: "the Food and Drink Council", "an economist at
    Fact and Figure Research", "the Trade and Security Review Board"; not "Brakstone and Ulvik"."""
    segs, toks = doc.segments, doc.toks
    for n in range(len(segs) - 2, -1, -1):
        a, b = segs[n], segs[n + 1]
        gap = [t.text for t in toks[a.j : b.i]]
        # a capitalised stop word after "and" was dropped from the front of the next piece
        # ("Fact and Figure Research": "Figure" alone is never a name)
        if gap[:1] != ["and"] or not all(_dropped_opener(w) for w in gap[1:]) or len(gap) > 2:
            continue
        if "org" not in (a.role, b.role) or {a.role, b.role} - {"org", "unknown"}:
            continue
        if not _pair_ok(a, b, toks[a.j - 1].text, toks[a.j + 1].text):
            continue
        seg = new_segment(doc, a.start, b.end, "org", "and_join", a.chunk)
        if seg is not None:
            seg.kind = b.kind if b.role == "org" else a.kind
            segs[n : n + 2] = [seg]


# Words that open a newspaper's name and share it ("the Daily and Sunday Ledger"): media rules
# (entity_reconcile.shared_paper_names) read those.
_PAPER_OPENERS = frozenset(["Daily", "Sunday", "Evening", "Weekly", "Morning", "Saturday"])


def _dropped_opener(word: str) -> bool:
    """A capitalised stop word the chunker drops from a name's front ("Figure"), not "The"."""
    return word[:1].isupper() and word not in ("The", "A", "An") and word in gz.stopwords()


def _pair_ok(a: Segment, b: Segment, left: str, right: str) -> bool:
    """The pieces around "and" may be joined: ordinary words meet there (no given name, place
    or paper opener), neither piece is a gazetteer name, and one is an organisation by a rule
    of its own, not only by being listed beside another."""
    if "gazetteer" in (a.how, b.how) or left in _PAPER_OPENERS:
        return False
    if not (common_word(left) and common_word(right)):
        return False
    if {left, right} & (gz.given_names() | gz.places()):
        return False
    return any(s.role == "org" and s.how != "coordination" for s in (a, b))


def titles_of_things(doc: Doc) -> None:
    """A name after the head of a law, treaty or event and "on" or "of" is that thing's title,
    no organisation: "the Directive on the Taxation of Savings Income", "the Treaty on Open
    Skies", "the Conference on Rural Broadband"."""
    toks, heads = doc.toks, gz.not_org_heads()
    for seg in doc.segments:
        if seg.role != "org" or seg.how not in _GUESSED:
            continue
        k = seg.i - 1
        k -= 1 if k >= 0 and toks[k].text in ("the", "The") else 0
        if k >= 1 and toks[k].text in ("on", "of") and toks[k - 1].text in heads:
            seg.role, seg.how = "common", "veto_thing_title"
