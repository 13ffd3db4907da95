"""Organisations of a document: the candidates the name rules mark become canonical
organisations (variants, aliases, abbreviations and short forms folded together) and their
company mentions. Split out of newsfacts.extract.entities, which adds people and the records.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from newsfacts.extract import companies as co
from newsfacts.extract import gazetteers as gz
from newsfacts.extract import government as gv
from newsfacts.extract import org_aliases as oa
from newsfacts.extract import tickers as tk
from newsfacts.extract.model import CompanyMention
from newsfacts.extract.names import Doc

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
    "and_join": 0.75,
    "government_phrase": 0.85,
    "government_of": 0.85,
    "administration": 0.8,
    "country_authority": 0.75,
}


@dataclass
class _OrgEntry:
    key: str
    name: str
    kind: str
    surfaces: set[str] = field(default_factory=set)
    parent_key: str | None = None
    count: int = 0
    known: bool = False  # a gazetteer entry gave the kind


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
        headed = _LOWER_HEAD_AFTER.match(doc.body, m.end)
        if headed and m.how not in ("descriptor", "ticker"):
            orgs[m.company_key].surfaces.add(m.text + headed.group(0))
    return orgs, mentions


# A lower-case head noun the text writes after a name as part of it ("the Halvard group", "the
# Tollan consortium", "the Koro bank"): the name with it is one more surface of the organisation
# (the gold guidelines name an organisation by the fullest form the article uses).
_LOWER_HEAD_AFTER = re.compile(r" (?:group|bank|consortium|conglomerate)\b(?!['’])")


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
    first_seen = _first_seen(doc)
    for first, target in _short_forms(orgs, people).items():
        target = _resolve(merged, target)
        short = orgs.get(gz.name_key(first))
        named_first = short is not None and first_seen.get(short.key, 0) <= first_seen.get(
            target, 0
        )
        if short is not None and short.known and short.key != target and named_first:
            # "Brenmoor" stays apart from "Brenmoor Securities Asia", its named unit; a known short
            # form written after the full name refers back to it
            continue
        index[first] = target
        if short is not None and short.key != target and short.kind == orgs[target].kind:
            _fold(orgs, short.key, target, merged)
    for surface, key in list(index.items()):
        index[surface] = _resolve(merged, key)
    return index


def _first_seen(doc: Doc) -> dict[str, int]:
    """Org key -> offset of its first candidate: news names a firm in full first and shortens it
    afterwards ("Sumida Mitsu Financial has withdrawn ... Sumida said"), while a parent named first
    and a unit named later ("Brenmoor said ... its unit Brenmoor Securities Asia") are two."""
    seen: dict[str, int] = {}
    for seg in doc.segments:
        if seg.role == "org":
            seen.setdefault(gz.name_key(seg.display or seg.text), seg.start)
    return seen


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
    for phrase in co.descriptor_phrases(doc):
        key = _resolve_descriptor(doc, ordered, orgs, phrase) or (
            salient if phrase.kind == "company" and phrase.head in co.GENERIC_DESCRIPTORS else None
        )
        if key is not None:
            text = doc.body[phrase.start : phrase.end]
            out.append(CompanyMention(phrase.start, phrase.end, text, key, "descriptor", 0.6))
    return out


def _resolve_descriptor(
    doc: Doc, ordered: list[CompanyMention], orgs: dict[str, _OrgEntry], phrase: co.Descriptor
) -> str | None:
    """The organisation introduced with the same description ("pan-European bourse Foo" ...
    "the pan-European bourse"), else the most recent compatible one; generic heads prefer the
    sentence subject."""
    pos, head, kind = phrase.start, phrase.head, phrase.kind
    described = _described_before(doc, ordered, orgs, phrase)
    if described is not None:
        return described
    sent = _sentence_index(doc, pos)
    earliest = doc.sentences[max(0, sent - co._SUBJECT_LAG_SENTENCES)][0]
    before = [m for m in ordered if earliest <= m.start < pos and orgs[m.company_key].kind == kind]
    if not before:
        return None
    if head not in co.GENERIC_DESCRIPTORS:
        return before[-1].company_key
    subjects = [m for m in before if _is_sentence_subject(doc, m)]
    return (subjects or before)[-1].company_key


# How far before a name its introducing description may start ("rival pan-European bourse Foo").
_DESCRIPTION_CHARS = 60
# Premodifiers that describe nothing in particular ("the company", "the troubled firm" stay
# with the most recent organisation).
_PLAIN_MODIFIERS = frozenset({"the", "troubled", "embattled", "struggling", "rival", "big"})


def _described_before(
    doc: Doc, ordered: list[CompanyMention], orgs: dict[str, _OrgEntry], phrase: co.Descriptor
) -> str | None:
    """ "Rival pan-European bourse Foo ... the pan-European bourse said": the last organisation
    named right after the same head noun and every modifier of the descriptor."""
    modifiers = [w for w in phrase.modifiers if w not in _PLAIN_MODIFIERS]
    if not modifiers:
        return None
    earlier = [
        m for m in ordered if m.start < phrase.start and orgs[m.company_key].kind == phrase.kind
    ]
    for m in reversed(earlier):
        lead = doc.body[max(0, m.start - _DESCRIPTION_CHARS) : m.start].lower().split()
        if phrase.head in lead[-(len(modifiers) + 3) :] and all(w in lead for w in modifiers):
            return m.company_key
    return None


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
