"""What a name's surroundings say it is, where NER reads it as an organisation: a person written
beside a person ("shareholders Ilse Marr and JD Halloran", "Dario Venn, the president's
son-in-law"), or a product named after one the text writes beside a product noun ("Zapbox
Advance SP" after "the Zapbox handheld console"). Used by newsfacts.extract.entity_reconcile.
"""

from __future__ import annotations

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.entity_syntax import Ent, NerView
from newsfacts.extract.names import Doc, Segment

# Nouns that describe a person in an apposition right after a name ("Dario Venn, the
# chairman's son-in-law", "Ilse Marr, the country's richest woman"): kinship and person types,
# written for this rule (general English, not taken from any corpus).
_PERSON_NOUNS = frozenset(
    (
        *("son", "daughter", "son-in-law", "daughter-in-law", "father", "mother", "brother"),
        *("sister", "wife", "husband", "widow", "nephew", "niece", "cousin", "man", "woman"),
        *("tycoon", "magnate", "billionaire", "millionaire", "businessman", "businesswoman"),
        *("entrepreneur", "oligarch", "heir", "heiress"),
    )
)


def person_context(doc: Doc, seg: Segment) -> bool:
    """A name written beside a person: coordinated with a person's name ("shareholders Ilse Marr
    and Dario Venn", "Dario Venn and Ilse Marr") or followed by an apposition naming a person
    ("Dario Venn, son-in-law of the president", "Dario Venn, the country's richest man")."""
    at = doc.segments.index(seg)
    toks = doc.toks
    prev = doc.segments[at - 1] if at else None
    nxt = doc.segments[at + 1] if at + 1 < len(doc.segments) else None
    if prev is not None and prev.role == "person" and _and_between(toks, prev, seg):
        return True
    if nxt is not None and nxt.role == "person" and _and_between(toks, seg, nxt):
        return True
    if seg.j >= len(toks) or toks[seg.j].text != ",":
        return False
    for tok in toks[seg.j + 1 : seg.j + 7]:
        if tok.text in (",", ".", ";", "(", ")"):
            return False
        if tok.text.lower() in _PERSON_NOUNS:
            return True
    return False


def _and_between(toks: list, first: Segment, second: Segment) -> bool:
    """Whether the two segments are joined by a lone "and" ("Ilse Marr and Dario Venn")."""
    return second.i == first.j + 1 and toks[first.j].text == "and"


def name_beside_person(doc: Doc, ent: Ent) -> bool:
    """An NER organisation shaped like a person's name ("Dario Venn", "JD Marr": two or three
    capitalised words, no organisation head) written beside a person (see person_context)."""
    words = ent.text.split()
    heads = gz.org_head_words()
    if not 2 <= len(words) <= 3 or any(w in heads or not w[:1].isupper() for w in words):
        return False
    seg = next((s for s in doc.segments if (s.start, s.end) == (ent.start, ent.end)), None)
    return seg is not None and person_context(doc, seg)


def unknown_name_beside_person(doc: Doc, over: list[Segment], ent: Ent) -> bool:
    """Undecided pieces that NER reads as one organisation, shaped and placed like a person."""
    return all(s.role == "unknown" for s in over) and name_beside_person(doc, ent)


def names_a_product(ner: NerView, text: str) -> bool:
    """A name NER reads as an organisation that is, or opens or ends with, a product the text
    writes beside a product noun: "the Lumen console" makes "Lumen", "Lumen Advance SP" and
    "World of Lumen" products; a known organisation or an organisation head word ("Lumen Labs")
    keeps it a name."""
    if text in ner.products:
        return True
    words = text.split()
    if len(words) < 2 or words[-1] in gz.org_head_words():
        return False
    ends = {words[0], " ".join(words[:2]), words[-1], " ".join(words[-2:])} - {text}
    return any(p in ends and gz.name_key(p) not in gz.known_orgs() for p in ner.products)
