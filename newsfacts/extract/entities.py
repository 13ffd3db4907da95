"""Companies and people: a document body in, canonical companies/people and their mentions
(character offsets into the body) out, added to a DocumentFacts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsfacts.extract import affiliations as af
from newsfacts.extract import companies as co
from newsfacts.extract import entity_syntax as es
from newsfacts.extract import gazetteers as gz
from newsfacts.extract import government as gv
from newsfacts.extract import org_aliases as oa
from newsfacts.extract import people as pe
from newsfacts.extract import tickers as tk
from newsfacts.extract import titles as tt
from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.extract.model import Company, CompanyMention, DocumentFacts, Person, PersonMention
from newsfacts.extract.names import Doc, Segment, make_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

# Confidence of a mention by the rule that found it (share of such mentions expected correct).
CONFIDENCE_BY_HOW = {
    "gazetteer": 0.95,
    "legal_suffix": 0.95,
    "name_head": 0.85,
    "title_cue": 0.9,
    "possessive_title": 0.85,
    "descriptor_cue": 0.8,
    "apposition": 0.8,
    "affiliation_cue": 0.8,
    "verb_cue": 0.7,
    "source_cue": 0.75,
    "coordination": 0.7,
    "owned_by": 0.85,
    "given_name": 0.85,
    "speech_verb": 0.75,
    "propagation": 0.8,
    "alias": 0.7,
    "descriptor": 0.6,
    "ner_org": 0.8,
    "ner_org_span": 0.85,
    "ner_person": 0.85,
    "ner_person_span": 0.85,
    "abbrev_defined": 0.9,
    "event_owner": 0.8,
    "sports_club": 0.8,
    "same_name": 0.7,
    "ticker": 0.95,
    "person_of": 0.75,
    "known_alias": 0.8,
    "abbrev_span": 0.9,
    "government_phrase": 0.85,
    "government_of": 0.85,
    "administration": 0.8,
    "country_authority": 0.75,
}
# Rules whose mentions depend on a name found by another rule; they are no evidence of their own.
_DERIVED_HOWS = frozenset({"propagation", "descriptor", "alias"})
# Ceiling of a company's confidence however many rules agree.
MAX_COMPANY_CONFIDENCE = 0.99
# A person whose title is corporate but whose company is not stated is tied to the document's
# most mentioned company with this confidence.
SALIENT_AFFILIATION_CONFIDENCE = 0.5
_CORPORATE_TITLE_HEADS = frozenset(
    [
        "CEO",
        "CFO",
        "COO",
        "CTO",
        "CMO",
        "CIO",
        "Chairman",
        "Chairwoman",
        "Chairperson",
        "Chair",
        "President",
        "Officer",
        "Director",
        "Manager",
        "Head",
        "Founder",
        "Co-founder",
        "Cofounder",
        "Co-Founder",
        "Executive",
        "Chief",
        "VP",
        "EVP",
        "SVP",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Partner",
    ]
)


@dataclass
class _OrgEntry:
    key: str
    name: str
    kind: str
    surfaces: set[str] = field(default_factory=set)
    parent_key: str | None = None
    count: int = 0
    known: bool = False  # a gazetteer entry gave the kind


@dataclass
class _PersonEntry:
    key: str
    name: str
    surfaces: set[str] = field(default_factory=set)
    title: str | None = None
    company_key: str | None = None
    affiliation_confidence: float = 1.0
    owner_stated: bool = False  # the text names an owner we could not resolve ("its", "the ...'s")
    country: str | None = None  # ISO code written before the title ("Ostrian President")


def add_entities(body: str, facts: DocumentFacts, sdoc: SpacyDoc | None = None) -> None:
    """Find companies, people and their mentions in `body` and add them to `facts`.

    `sdoc` is the spaCy Doc of `body` (parsed here when not given): its NER vetoes, re-spans,
    types and adds the names the cue rules mark.
    """
    doc = make_doc(body)
    sdoc = sdoc if sdoc is not None else es.parse(body)
    ner = es.ner_view(sdoc)
    tickers = tk.find_tickers(body)
    _strip_ticker_markup(doc, tickers)
    co.mark_known_orgs(doc)
    es.respan_fragments(doc, ner)
    pe.mark_people(doc)
    co.mark_context_orgs(doc)
    es.reconcile(doc, ner)
    co.mark_coordinated_orgs(doc)
    es.veto_non_names(doc, ner)
    es.places_are_not_companies(doc, ner)
    es.mark_governments(doc, gv.government_spans(sdoc))
    es.place_like_bodies(doc, sdoc)
    es.media_websites(doc)
    es.kinds_from_names(doc)
    es.known_short_names(doc)
    orgs, org_mentions = _collect_orgs(doc)
    org_mentions += _ticker_mentions(tickers, orgs, org_mentions, body)
    persons, person_mentions = _collect_people(doc, orgs)
    _drop_people_from_orgs(persons, orgs, org_mentions)
    org_mentions += _descriptor_mentions(doc, orgs, org_mentions)
    person_mentions += _person_descriptor_mentions(doc, person_mentions)
    _affiliate_by_syntax(sdoc, persons, orgs, org_mentions, person_mentions)
    _affiliate(doc, persons, orgs, org_mentions)
    _affiliate_office_holders(body, persons, orgs)
    _guess_salient_affiliation(persons, orgs)
    companies = _company_records(orgs, org_mentions)
    _keep_affiliations_to(persons, {c.key for c in companies})
    facts.companies.extend(companies)
    facts.company_mentions.extend(sorted(org_mentions, key=lambda m: m.start))
    facts.people.extend(_person_records(persons))
    facts.person_mentions.extend(sorted(person_mentions, key=lambda m: m.start))


# --- organisations --------------------------------------------------------------------------


def _strip_ticker_markup(doc: Doc, tickers: list[tk.Ticker]) -> None:
    """Ticker markup is no name: "NYSE" and "HAL" in "Halden Corp (NYSE: HAL)" are not
    candidates (the symbol is linked to its company afterwards)."""
    for seg in doc.segments:
        if any(t.start <= seg.start and seg.end <= t.end for t in tickers):
            seg.role, seg.how = "markup", "ticker_markup"


# Characters allowed between a company's name and its ticker markup ("Halden Corp (NYSE: ...").
_BEFORE_TICKER = re.compile(r"^[\s,]{0,2}$")


def _ticker_mentions(
    tickers: list[tk.Ticker], orgs: dict[str, _OrgEntry], named: list[CompanyMention], body: str
) -> list[CompanyMention]:
    """A mention for every ticker symbol, of the company named right before the markup, else
    of the listed company the symbol stands for (pytickersymbols)."""
    out = []
    for t in tickers:
        before = [
            m for m in named if m.end <= t.start and _BEFORE_TICKER.match(body[m.end : t.start])
        ]
        if before:
            key = before[-1].company_key
        elif (listed := tk.listed_name(t.symbol)) is not None:
            key = _register_org(orgs, listed, "company").key
        else:
            continue
        orgs[key].count += 1
        text = body[t.symbol_start : t.symbol_end]
        out.append(CompanyMention(t.symbol_start, t.symbol_end, text, key, "ticker", 0.95))
    return out


def _collect_orgs(doc: Doc) -> tuple[dict[str, _OrgEntry], list[CompanyMention]]:
    """Canonical organisations from marked segments, then every occurrence as a mention."""
    orgs: dict[str, _OrgEntry] = {}
    for seg in doc.segments:
        if seg.role == "org":
            entry = _register_org(orgs, seg.display or seg.text, seg.kind)
            entry.surfaces.add(seg.text)
    for _start, _end, parent, child in co.owned_by_links(doc):
        parent_entry = _register_org(orgs, parent, "company")
        child_entry = _register_org(orgs, child.text, "company")
        child.role, child.how = "org", child.how or "owned_by"
        child_entry.parent_key = parent_entry.key
    surface_to_key = _surface_index(orgs, doc)
    mentions = _org_mentions(doc, surface_to_key)
    for start, end, parent, _child in co.owned_by_links(doc):
        key = surface_to_key[parent]
        mentions.append(CompanyMention(start, end, parent, key, "owned_by", 0.85))
    for m in mentions:
        orgs[m.company_key].count += 1
        orgs[m.company_key].surfaces.add(m.text)
    return orgs, mentions


def _register_org(orgs: dict[str, _OrgEntry], text: str, kind: str) -> _OrgEntry:
    """Add (or find) the organisation a surface form names."""
    key = gz.name_key(text)
    entry = orgs.get(key)
    if entry is None:
        known = gz.known_orgs().get(key)
        kind = known[1] if known else kind
        name = _display_name(text if kind == "media" else _without_the(text))
        entry = orgs[key] = _OrgEntry(key, name, kind, known=known is not None)
    entry.surfaces.add(text)
    return entry


@lru_cache(maxsize=gz.NAME_KEY_CACHE_SIZE)
def _display_name(text: str) -> str:
    """Display name without legal form ("Ford Motor Co." -> "Ford Motor")."""
    name = text.strip().rstrip(",")
    for _ in range(3):
        cleaned = gz.basename(name) or name
        if cleaned == name:
            break
        name = cleaned
    return name


def _surface_index(orgs: dict[str, _OrgEntry], doc: Doc) -> dict[str, str]:
    """Surface text -> org key; short forms map to the longer name ("Ford" -> "ford motor"),
    abbreviations to the name they abbreviate ("FTC" -> "federal trade commission")."""
    index: dict[str, str] = {}
    for entry in orgs.values():
        for surface in entry.surfaces:
            index[surface] = entry.key
    merged: dict[str, str] = {}
    for short_key, long_key in _alias_pairs(orgs, doc):
        _fold(orgs, _resolve(merged, short_key), _resolve(merged, long_key), merged)
    people = {w for s in doc.segments if s.role == "person" for w in s.text.split()}
    for first, target in _short_forms(orgs, people).items():
        target = _resolve(merged, target)
        short = orgs.get(gz.name_key(first))
        if short is not None and short.known and short.key != target:
            continue  # "Brenmoor" stays apart from "Brenmoor Securities Asia", its named unit
        index[first] = target
        if short is not None and short.key != target and short.kind == orgs[target].kind:
            _fold(orgs, short.key, target, merged)
    for surface, key in list(index.items()):
        index[surface] = _resolve(merged, key)
    return index


def _resolve(merged: dict[str, str], key: str) -> str:
    """Follow a chain of merges ("EQ" -> "EverQuest" -> "EverQuest Online") to its end."""
    while key in merged:
        key = merged[key]
    return key


def _fold(
    orgs: dict[str, _OrgEntry], short_key: str, long_key: str, merged: dict[str, str]
) -> None:
    """Fold one organisation into another: surfaces joined, the gazetteer's kind kept."""
    if short_key == long_key or short_key not in orgs or long_key not in orgs:
        return
    short = orgs.pop(short_key)
    target = orgs[long_key]
    target.surfaces |= short.surfaces
    if short.known and not target.known:
        target.kind, target.known = short.kind, True
    merged[short_key] = long_key


def _alias_pairs(orgs: dict[str, _OrgEntry], doc: Doc) -> list[tuple[str, str]]:
    """(short key, long key): abbreviations defined in brackets or written as initials, and a
    bare head word for the one name it ends ("the Commission")."""
    pairs = _defined_abbreviations(orgs, doc)
    names = {entry.name: key for key, entry in orgs.items()}
    for entry in orgs.values():
        names.update({_without_the(s): entry.key for s in entry.surfaces})
    pairs += [(names[a], names[b]) for a, b in oa.acronym_pairs(names)]
    heads = [w for w, kind in gz.org_head_words().items() if kind != "media"]  # "Times" differs
    pairs += [(names[a], names[b]) for a, b in oa.head_word_pairs(names, heads)]
    pairs += _same_government(orgs)
    pairs += _spelling_variants(orgs)
    pairs += _known_alias_pairs(names)
    pairs += _place_prefixed(names)
    return [(a, b) for a, b in pairs if a != b]


def _known_alias_pairs(names: dict[str, str]) -> list[tuple[str, str]]:
    """(key, key) of a known short name and its full name, both in the document ("the BoJ" and
    "the Bank of Japan"; gazetteers.known_aliases)."""
    known = gz.known_aliases()
    return [
        (names[short], names[full])
        for short in names
        for full in known.get(short, ())
        if full in names
    ]


def _place_prefixed(names: dict[str, str]) -> list[tuple[str, str]]:
    """(key, key) of a name and the same name after a country word ("US Federal Reserve" and
    "Federal Reserve"): one body; the longer name is kept."""
    pairs = []
    for name, key in names.items():
        first, _, rest = name.partition(" ")
        if rest in names and " " in rest and (first in gz.places() or gv.country_code(first)):
            pairs.append((names[rest], key))
    return pairs


def _spelling_variants(orgs: dict[str, _OrgEntry]) -> list[tuple[str, str]]:
    """(key, key) of names written with and without spaces or hyphens ("JB Halden" and
    "JBHalden", "Wal-Mart" and "WalMart"); the first spelling met is kept."""
    seen: dict[str, str] = {}
    pairs = []
    for key in orgs:
        squeezed = re.sub(r"[\s\-.]", "", key)
        if squeezed in seen:
            pairs.append((key, seen[squeezed]))
        else:
            seen[squeezed] = key
    return pairs


def _same_government(orgs: dict[str, _OrgEntry]) -> list[tuple[str, str]]:
    """(key, key) pairs of government names for one body of one country: "Ostria" (acting),
    "the Ostrian government", "the Ostrian authorities"; the longest name is kept."""
    bodies: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, entry in orgs.items():
        body = gv.body_of(entry.name) if entry.kind == "government" else None
        if body is not None:
            bodies[body].append(key)
    pairs = []
    for keys in bodies.values():
        keys.sort(key=lambda k: (-len(orgs[k].name), k))
        pairs += [(k, keys[0]) for k in keys[1:]]
    return pairs


def _short_forms(orgs: dict[str, _OrgEntry], people: set[str]) -> dict[str, str]:
    """First or last word -> key of the one longer name it opens or ends ("Tollan" -> "tollan
    dairies", "Boerse" -> "halden boerse"); a word of a person's name here is no short form."""
    found: dict[str, set[str]] = defaultdict(set)
    for entry in orgs.values():
        words = entry.name.split()
        if len(words) < 2:
            continue
        if _usable_short_form(words[0], people):
            found[words[0]].add(entry.key)
        last = words[-1]
        if last in _single_word_names(orgs) and _usable_short_form(last, people):
            found[last].add(entry.key)  # only when the last word is itself named alone
    return {word: next(iter(keys)) for word, keys in found.items() if len(keys) == 1}


def _single_word_names(orgs: dict[str, _OrgEntry]) -> set[str]:
    """Names of one word (not heads such as "Bank") among the document's organisations."""
    heads = gz.org_head_words()
    return {e.name for e in orgs.values() if " " not in e.name and e.name not in heads}


def _defined_abbreviations(orgs: dict[str, _OrgEntry], doc: Doc) -> list[tuple[str, str]]:
    """(short key, long key) for "Federal Trade Commission (FTC)", "the Halden Board (Hab)"."""
    out = []
    segs = doc.segments
    for a, b in zip(segs, segs[1:], strict=False):
        if b.i - a.j != 1 or doc.toks[a.j].text != "(" or a.role != "org":
            continue
        closes = b.j < len(doc.toks) and doc.toks[b.j].text == ")"
        long_name = _without_the(a.text)
        if closes and oa.looks_like_acronym(b.text) and b.text[0] == long_name[:1]:
            long_key, short_key = gz.name_key(a.text), gz.name_key(b.text)
            if long_key in orgs and short_key in orgs:
                out.append((short_key, long_key))
    return out


def _usable_short_form(word: str, people: set[str] = frozenset()) -> bool:
    """A word that can stand for the whole name ("Ford" for "Ford Motor", not "General"); a
    given name only when no person here bears it."""
    return word not in gz.not_short_forms() and word not in people and len(word) > 2


def _org_mentions(doc: Doc, surface_to_key: dict[str, str]) -> list[CompanyMention]:
    """Every segment naming a known organisation; a name followed by more capitals is a product."""
    out = []
    for seg in doc.segments:
        if seg.role in ("title", "honorific", "person", "place", "common", "markup", "product"):
            continue
        key = surface_to_key.get(seg.text) or surface_to_key.get(_without_the(seg.text))
        if key is None:
            continue
        how = seg.how if seg.role == "org" else "propagation"
        out.append(CompanyMention(seg.start, seg.end, seg.text, key, how, CONFIDENCE_BY_HOW[how]))
    return out


def _without_the(text: str) -> str:
    """Name without a leading "The"."""
    return text[4:] if text.startswith("The ") else text


def _descriptor_mentions(
    doc: Doc, orgs: dict[str, _OrgEntry], named: list[CompanyMention]
) -> list[CompanyMention]:
    """Descriptor phrases resolved to the organisation the document makes unambiguous."""
    out = []
    ordered = sorted(named, key=lambda m: m.start)
    salient = _most_mentioned(orgs, "company")
    for start, end, head, kind in co.descriptor_phrases(doc):
        key = _resolve_descriptor(doc, ordered, orgs, start, head, kind) or (
            salient if kind == "company" and head in co.GENERIC_DESCRIPTORS else None
        )
        if key is not None:
            text = doc.body[start:end]
            out.append(CompanyMention(start, end, text, key, "descriptor", 0.6))
    return out


def _resolve_descriptor(
    doc: Doc,
    ordered: list[CompanyMention],
    orgs: dict[str, _OrgEntry],
    pos: int,
    head: str,
    kind: str,
) -> str | None:
    """Most recent compatible organisation; generic heads prefer the sentence subject."""
    sent = _sentence_index(doc, pos)
    earliest = doc.sentences[max(0, sent - co._SUBJECT_LAG_SENTENCES)][0]
    before = [m for m in ordered if earliest <= m.start < pos and orgs[m.company_key].kind == kind]
    if not before:
        return None
    if head not in co.GENERIC_DESCRIPTORS:
        return before[-1].company_key
    subjects = [m for m in before if _is_sentence_subject(doc, m)]
    return (subjects or before)[-1].company_key


def _is_sentence_subject(doc: Doc, mention: CompanyMention) -> bool:
    """The first organisation mention of its sentence, within its first few words."""
    sent = doc.sentences[_sentence_index(doc, mention.start)]
    return len(doc.body[sent[0] : mention.start].split()) <= 3


def _sentence_index(doc: Doc, pos: int) -> int:
    """Index of the sentence containing character `pos`."""
    import bisect

    starts = [s for s, _ in doc.sentences]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _most_mentioned(orgs: dict[str, _OrgEntry], kind: str) -> str | None:
    """Key of the most mentioned organisation of a kind, if it clearly leads."""
    counts = Counter({k: e.count for k, e in orgs.items() if e.kind == kind and e.count > 0})
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


# --- people ---------------------------------------------------------------------------------


def _collect_people(
    doc: Doc, orgs: dict[str, _OrgEntry]
) -> tuple[dict[str, _PersonEntry], list[PersonMention]]:
    """Full names first, then short forms ("Smith", "Mr. Smith") linked to them."""
    persons: dict[str, _PersonEntry] = {}
    full = [
        s for s in doc.segments if s.role == "person" and len(pe.person_name_tokens(doc, s)) > 1
    ]
    for seg in full:
        key = seg.text.lower()
        persons.setdefault(key, _PersonEntry(key, seg.text)).surfaces.add(seg.text)
    token_owner = _person_token_index(persons)
    mentions: list[PersonMention] = []
    for n, seg in enumerate(doc.segments):
        mention = _person_mention(doc, n, seg, persons, token_owner, orgs)
        if mention is not None:
            mentions.append(mention)
            persons[mention.person_key].surfaces.add(mention.text)
    return persons, mentions


def _person_token_index(persons: dict[str, _PersonEntry]) -> dict[str, str | None]:
    """Name token -> person key; None when two people share the token."""
    owner: dict[str, str | None] = {}
    for entry in persons.values():
        for word in entry.name.replace(".", " ").split():
            if len(word) > 1:
                owner[word] = entry.key if owner.get(word, entry.key) == entry.key else None
    return owner


def _person_mention(
    doc: Doc,
    n: int,
    seg: Segment,
    persons: dict[str, _PersonEntry],
    owner: dict[str, str | None],
    orgs: dict[str, _OrgEntry],
) -> PersonMention | None:
    """A mention for a full name, a linked short form, or an honorific plus surname."""
    if seg.role == "person" and seg.text.lower() in persons:
        return PersonMention(seg.start, seg.end, seg.text, seg.text.lower(), seg.how, 0.85)
    if seg.role in ("title", "honorific", "place", "common", "markup", "product") or (
        seg.role == "org" and seg.how != "verb_cue"
    ):
        return None
    prev = doc.segments[n - 1] if n else None
    honorific = prev is not None and prev.role == "honorific" and prev.j == seg.i
    key = owner.get(seg.text)
    if key is None and seg.role == "person":
        key = seg.text.lower()
        persons.setdefault(key, _PersonEntry(key, seg.text))
    if key is None or (seg.role == "unknown" and gz.name_key(seg.text) in orgs and not honorific):
        return None
    seg.role = "person"
    start = prev.start if honorific else seg.start
    return PersonMention(start, seg.end, doc.body[start : seg.end], key, "alias", 0.8)


def _drop_people_from_orgs(
    persons: dict[str, _PersonEntry], orgs: dict[str, _OrgEntry], mentions: list[CompanyMention]
) -> None:
    """A person is never a company: remove organisations whose name is a person's name or part."""
    person_words = {w for p in persons.values() for w in p.name.split()} | set(persons)
    for key, entry in list(orgs.items()):
        if entry.name in person_words or key in persons:
            del orgs[key]
    mentions[:] = [m for m in mentions if m.company_key in orgs]


# "the executive", "the chairman": a definite description of a person.
_PERSON_DESCRIPTOR = with_first_char_check(
    re.compile(r"\b[Tt]he (" + "|".join(sorted(pe.PERSON_DESCRIPTORS)) + r")\b(?!')")
)


def _person_descriptor_mentions(doc: Doc, named: list[PersonMention]) -> list[PersonMention]:
    """ "the executive", "the chairman": the last person named within two sentences."""
    out = []
    ordered = sorted(named, key=lambda m: m.start)
    for m in _PERSON_DESCRIPTOR.finditer(doc.body):
        sent = _sentence_index(doc, m.start())
        earliest = doc.sentences[max(0, sent - 2)][0]
        before = [p for p in ordered if earliest <= p.start < m.start()]
        if before:
            key = before[-1].person_key
            out.append(PersonMention(m.start(), m.end(), m.group(0), key, "descriptor", 0.6))
    return out


def _affiliate(
    doc: Doc,
    persons: dict[str, _PersonEntry],
    orgs: dict[str, _OrgEntry],
    org_mentions: list[CompanyMention],
) -> None:
    """Titles and companies from "Acme CEO Jane Doe", "Acme's CEO, Jane Doe", "Acme's Doe",
    then from the lower-case and appositive forms of affiliations.py."""
    if not persons:
        return
    org_at = {m.start: m for m in org_mentions}
    org_end = {m.end: m for m in org_mentions}
    index = af.OrgIndex(list(org_mentions), {k: e.kind for k, e in orgs.items()})
    segs = doc.segments
    for n, seg in enumerate(segs):
        if seg.role != "person":
            continue
        key = _person_key_of(doc, seg, persons)
        if key is None:
            continue
        _title_and_org_before(doc, segs, n, persons[key], org_at, org_end)
        for found in af.affiliations(doc, seg, index):
            _apply_affiliation(persons[key], found)


def _affiliate_by_syntax(
    sdoc: SpacyDoc,
    persons: dict[str, _PersonEntry],
    orgs: dict[str, _OrgEntry],
    org_mentions: list[CompanyMention],
    person_mentions: list[PersonMention],
) -> None:
    """Titles and companies the dependency parse states (titles.py), where still unknown."""
    ix = tt.mention_index(
        sdoc,
        [(m.start, m.end, m.person_key) for m in person_mentions if m.how != "descriptor"],
        [(m.start, m.end, m.company_key) for m in org_mentions if m.how != "descriptor"],
    )
    for found in tt.stated_affiliations(sdoc, ix):
        entry = persons.get(found.person_key)
        if entry is None:
            continue
        title = f"Former {found.title}" if found.past and found.title else found.title
        if found.rule in ("title_apposition", "title_before_name") and entry.title is None:
            entry.title = title
        entry.country = entry.country or found.country
        if entry.company_key is None and found.company_key in orgs:
            entry.company_key = found.company_key
            entry.affiliation_confidence = found.confidence


# Titles of public office: the holder belongs to the government of the country written before
# the title ("Ostrian President Jo Bell"), else to the document's one national government.
OFFICE_TITLE_WORDS = frozenset(
    ["President", "Minister", "Secretary", "Chancellor", "Premier", "Commissioner", "Governor",
     "Ambassador", "Mayor", "Senator", "Vice-President", "Leader"]
)  # fmt: skip


def _affiliate_office_holders(
    body: str, persons: dict[str, _PersonEntry], orgs: dict[str, _OrgEntry]
) -> None:
    """Office holders with no stated organisation: the government of their country.

    "Ostrian President Jo Bell" -> the document's Ostrian government organisation; "Finance
    Minister Jo Bell" -> the one country government the document names, if it names one.
    """
    governments = _bodies(orgs, "government")
    courts = _bodies(orgs, "court")
    lead = _most_named(body, orgs, list(governments.values()))
    for entry in persons.values():
        if entry.company_key is not None or not entry.title:
            continue
        words = {w.capitalize() for w in entry.title.replace("-", " ").split()}
        parliament = _named(orgs, "European Parliament")
        if "MEP" in words and parliament is not None:
            entry.company_key = parliament
            continue
        if "Judge" in words and len(courts) == 1:
            entry.company_key = next(iter(courts.values()))
            entry.affiliation_confidence = SALIENT_AFFILIATION_CONFIDENCE
        if not _office_title(words) or (entry.owner_stated and not entry.country):
            continue
        if entry.country in governments:
            entry.company_key = governments[entry.country]
        elif entry.country is None and lead is not None:
            entry.company_key = lead
            entry.affiliation_confidence = SALIENT_AFFILIATION_CONFIDENCE


# Words that make a title a company's ("Senior Vice President", "Executive Vice President").
CORPORATE_TITLE_WORDS = frozenset(
    ["Senior", "Executive", "Chief", "Group", "Managing", "Corporate", "Regional", "Global",
     "Operating", "Financial", "Marketing", "Sales"]
)  # fmt: skip


def _office_title(words: set[str]) -> bool:
    """A title of public office: "President", "Finance Minister", "Trade Commissioner"; not a
    company's "Senior Vice President"."""
    return bool(words & OFFICE_TITLE_WORDS) and not words & CORPORATE_TITLE_WORDS


def _named(orgs: dict[str, _OrgEntry], name: str) -> str | None:
    """Key of the document's organisation of that name (a member of the European Parliament
    belongs to it when the text names it)."""
    return next((k for k, e in orgs.items() if e.name == name or name in e.surfaces), None)


def _bodies(orgs: dict[str, _OrgEntry], family: str) -> dict[str, str]:
    """Country code -> key of the document's government body of one family ("court")."""
    out: dict[str, str] = {}
    for key, entry in orgs.items():
        body = gv.body_of(entry.name) if entry.kind == "government" else None
        if body is not None and body[1] == family:
            out.setdefault(body[0], key)
    return out


def _most_named(body: str, orgs: dict[str, _OrgEntry], keys: list[str]) -> str | None:
    """The one of `keys` whose names occur most often in the body (as an authority or as a
    place: "Ostria" counts in "sales in Ostria" too), if it clearly leads or is alone."""
    counts = sorted(
        ((sum(body.count(s) for s in orgs[k].surfaces | {orgs[k].name}), k) for k in keys),
        reverse=True,
    )
    if not counts or (len(counts) > 1 and counts[0][0] == counts[1][0]):
        return None
    return counts[0][1]


def _guess_salient_affiliation(
    persons: dict[str, _PersonEntry], orgs: dict[str, _OrgEntry]
) -> None:
    """A corporate title with no stated company: the document's clearly most named company."""
    salient = _most_mentioned(orgs, "company")
    for entry in persons.values():
        guess = entry.company_key is None and not entry.owner_stated
        if guess and entry.title and salient and _corporate(entry.title):
            entry.company_key = salient
            entry.affiliation_confidence = SALIENT_AFFILIATION_CONFIDENCE


def _keep_affiliations_to(persons: dict[str, _PersonEntry], loaded: set[str]) -> None:
    """A person's company must be one the document loads: an organisation whose every mention
    was dropped (it overlapped a longer name, say) can still lead the mention counts."""
    for entry in persons.values():
        if entry.company_key is not None and entry.company_key not in loaded:
            entry.company_key, entry.affiliation_confidence = None, 1.0


def _apply_affiliation(entry: _PersonEntry, found: af.Affiliation) -> None:
    """Fill the person's title and company where still unknown: the first statement wins."""
    entry.title = entry.title or found.title
    entry.owner_stated = entry.owner_stated or found.owner_stated
    if entry.company_key is None and found.company_key is not None:
        entry.company_key = found.company_key
        entry.affiliation_confidence = found.confidence


def _person_key_of(doc: Doc, seg: Segment, persons: dict[str, _PersonEntry]) -> str | None:
    """Key of the person a person segment names."""
    if seg.text.lower() in persons:
        return seg.text.lower()
    owners = [p.key for p in persons.values() if seg.text in p.name.split()]
    return owners[0] if len(owners) == 1 else None


def _title_and_org_before(
    doc: Doc,
    segs: list[Segment],
    n: int,
    entry: _PersonEntry,
    org_at: dict[int, CompanyMention],
    org_end: dict[int, CompanyMention],
) -> None:
    """Read "ORG TITLE NAME", "ORG's TITLE, NAME" or "ORG's NAME" leftwards from a name."""
    toks, seg = doc.toks, segs[n]
    k = seg.i - 1
    if k >= 0 and toks[k].text == ",":
        k -= 1
    title = next((s for s in segs[max(0, n - 2) : n] if s.role == "title" and s.j == k + 1), None)
    if title is not None:
        entry.title = entry.title or title.text
        k = title.i - 1
    if k >= 0 and toks[k].text in ("'s", "’s"):
        k -= 1
    org = org_end.get(toks[k].end) if k >= 0 else None
    if org is not None and entry.company_key is None:
        entry.company_key = org.company_key


def _corporate(title: str) -> bool:
    """True for corporate titles ("Senior Vice President", "CEO")."""
    return any(w in _CORPORATE_TITLE_HEADS for w in title.split())


# --- records --------------------------------------------------------------------------------


def _company_records(orgs: dict[str, _OrgEntry], mentions: list[CompanyMention]) -> list[Company]:
    """One Company per organisation that has at least one mention."""
    used = {m.company_key for m in mentions}
    out = []
    for key, entry in orgs.items():
        if key not in used:
            continue
        aliases = tuple(sorted(s for s in entry.surfaces if s != entry.name))
        parent = entry.parent_key if entry.parent_key in orgs else None
        confidence = _company_confidence(m.how for m in mentions if m.company_key == key)
        out.append(Company(key, entry.name, entry.kind, aliases, parent, confidence))  # type: ignore[arg-type]
    return out


def _company_confidence(hows: Iterable[str]) -> float:
    """Noisy-or of the independent rules that named the organisation (each rule counted once).

    Mentions that only repeat or refer back to a name ("propagation", "descriptor") add nothing.
    """
    doubt = 1.0
    for how in set(hows) - _DERIVED_HOWS:
        doubt *= 1.0 - CONFIDENCE_BY_HOW.get(how, 0.5)
    return round(min(MAX_COMPANY_CONFIDENCE, 1.0 - doubt), 3)


def _person_records(persons: dict[str, _PersonEntry]) -> list[Person]:
    """One Person per person found."""
    out = []
    for key, entry in persons.items():
        aliases = tuple(sorted(s for s in entry.surfaces if s != entry.name))
        conf = round(0.9 * entry.affiliation_confidence, 3) if entry.company_key else 0.9
        out.append(Person(key, entry.name, aliases, entry.company_key, entry.title, conf))
    return out
