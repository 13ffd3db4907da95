"""Companies and people from NER, the rules after the vetoes: places NER reads as places, NER
organisations and people the cue rules missed, segments grown to their NER span, governments,
sports clubs, media websites, kinds from names, and `reconcile`, which runs the NER rules in
order. Split out of newsfacts.extract.entity_syntax (the NER view, its helpers, the vetoes and
the sentence gates), whose module docstring describes the rules.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from newsfacts.extract import affiliations as af
from newsfacts.extract import entity_context as ec
from newsfacts.extract import entity_things as et
from newsfacts.extract import gazetteers as gz
from newsfacts.extract import government as gv
from newsfacts.extract import org_aliases as oa
from newsfacts.extract.entity_syntax import (
    _JOINERS,
    _THE,
    PLACE_LABELS,
    STRONG_ORG_RULES,
    THING_LABELS,
    WEAK_ORG_RULES,
    Ent,
    NerView,
    _common_plural_end,
    _head_word,
    _inside,
    _is_acronym,
    _joined,
    _model_shaped,
    _person_shaped,
    _place_ended,
    _product_shaped,
    _surname_of_someone,
    common_word,
    event_owners,
    new_segment,
    veto_non_names,
)
from newsfacts.extract.names import Doc, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc


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
    if not plausible_org_name(ent.text, word_ok=steady) or ec.names_a_product(ner, ent.text):
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
    return not _abbreviates_a_thing(ner, ent.text) and not ec.name_beside_person(doc, ent)


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
        if any(w in et.descriptor_forms() for w in extra[:1]):
            continue  # "Miners Brakstone": the descriptor was cut off on purpose
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
    if "of" in words[1:-1] and words[words.index("of") - 1] in gz.not_org_heads():
        return False  # "the Statue of Liberty", "the Bridge of Sighs"
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
        elif ent.label == "ORG" and ec.unknown_name_beside_person(doc, over, ent):
            # "shareholders Ilse Marr and JD Halloran": a person NER calls an organisation
            seg = new_segment(doc, ent.start, ent.end, "person", "ner_person", over[0].chunk)
            if seg is not None:
                at = doc.segments.index(over[0])
                doc.segments[at : at + len(over)] = [seg]


def _org_not_person(doc: Doc, ner: NerView, ent: Ent) -> bool:
    """A name-shaped NER organisation with nothing that marks a person: NER never says PERSON
    for it, no honorific or title precedes its last word anywhere ("Harlan Brothers said")."""
    if not plausible_org_name(ent.text) or _surname_of_someone(doc, ner, ent.text):
        return False
    if "PERSON" in ner.labels.get(ent.text, frozenset()):
        return False
    if any(seg.text == ent.text and ec.person_context(doc, seg) for seg in doc.segments):
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
    shared_paper_names(doc)
    for seg in doc.segments:
        if seg.role == "org" and seg.how in _UNTYPED_RULES and seg.kind == "company":
            seg.kind = kind_of_name(seg.text) or seg.kind


def shared_paper_names(doc: Doc) -> None:
    """ "the Daily and Sunday Ledger": the bare opener before "and" names the paper that shares
    the second one's title ("Daily Ledger"), not an organisation called "Daily"."""
    segs = doc.segments
    for a, b in zip(segs, segs[1:], strict=False):
        words = b.text.split()
        if a.text not in _MEDIA_OPENERS or len(words) < 2 or words[0] not in _MEDIA_OPENERS:
            continue
        if b.i == a.j + 1 and doc.toks[a.j].text == "and" and b.role in ("org", "unknown"):
            a.role, a.kind, a.how = "org", "media", a.how or "coordination"
            a.display = " ".join([a.text, *words[1:]])


# Words that make a name an authority's: a central bank, a federal office, a chamber.
_AUTHORITY_MARKS = (
    re.compile(r"\b(?:Central|Reserve) Bank\b|\bFederal Reserve\b"),
    re.compile(r"^(?:Office|Ministry|Department|House|Chamber) of\b"),
    re.compile(r"\bFederal\b.*\b(?:Fund|Office|Agency|Service|Commission|Authority)$"),
)


# A "Group" named for research, study, policy or campaigning is a think tank or pressure group
# (the gold guidelines' other_org), not a business group.
_STUDY_GROUP = re.compile(
    r"\b(?:Research|Studies|Study|Policy|Action|Pressure|Campaign|Advisory|Working|Lobby) Group$"
)


def kind_of_name(name: str) -> str | None:
    """The kind a name states, if any: its head word's ("Halden Gazette" media, "Tile Makers'
    Association" other_org, "Liberty Party" political_party), a newspaper's opener ("Daily
    Ledger"), or an authority's words ("Ostrian Central Bank", "Office of Fair Trading")."""
    words = name.split()
    if len(words) < 2:
        return None
    if _known_outlet_edition(words):
        return "media"  # "Financial Times Deutschland": a known outlet's edition
    heads = gz.org_head_words()
    if words[0] in _MEDIA_OPENERS and heads.get(words[-1]) not in ("company", "other_org"):
        return "media"  # "Daily Ledger", not "Daily Ledger Trust"
    if any(p.search(name) for p in _AUTHORITY_MARKS):
        return "government"
    kind = heads.get(_head_word(name))
    if kind == "company" and _STUDY_GROUP.search(name):
        return "other_org"  # "Transit Research Group": a research or lobby group, no firm
    return kind if kind != "company" else None


def _known_outlet_edition(words: list[str]) -> bool:
    """A known news outlet's name followed by an edition's word or two ("Financial Times
    Deutschland", "Daily Ledger Online"): the edition is the outlet's (gazetteers.known_orgs)."""
    known = gz.known_orgs()
    heads = gz.org_head_words()
    for n in range(max(1, len(words) - 2), len(words)):
        hit = known.get(gz.name_key(" ".join(words[:n])))
        tail = words[n:]
        if hit is not None and hit[1] == "media":
            # "Reuters Holdings Group" is the company that owns the outlet
            return not any(heads.get(w) in ("company", "other_org") for w in tail)
    return False


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
