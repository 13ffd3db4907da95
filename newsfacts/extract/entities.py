"""Companies and people: a document body in, canonical companies/people and their mentions
(character offsets into the body) out, added to a DocumentFacts. The organisations are read in
newsfacts.extract.entity_orgs; people, affiliations and the records here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfacts.extract import affiliations as af
from newsfacts.extract import companies as co
from newsfacts.extract import entity_reconcile as er
from newsfacts.extract import entity_syntax as es
from newsfacts.extract import entity_things as et
from newsfacts.extract import gazetteers as gz
from newsfacts.extract import government as gv
from newsfacts.extract import people as pe
from newsfacts.extract import tickers as tk
from newsfacts.extract import titles as tt
from newsfacts.extract.entity_orgs import (
    CONFIDENCE_BY_HOW,
    _collect_orgs,
    _descriptor_mentions,
    _most_mentioned,
    _OrgEntry,
    _sentence_index,
    _strip_ticker_markup,
    _ticker_mentions,
)
from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.extract.model import Company, CompanyMention, DocumentFacts, Person, PersonMention
from newsfacts.extract.names import Doc, Segment, make_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

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
    et.descriptor_openers(doc)
    co.mark_known_orgs(doc)
    es.respan_fragments(doc, ner)
    pe.mark_people(doc)
    co.mark_context_orgs(doc)
    er.reconcile(doc, ner)
    co.mark_coordinated_orgs(doc)
    et.ordinary_word_pairs(doc)
    es.veto_non_names(doc, ner)
    er.places_are_not_companies(doc, ner)
    er.mark_governments(doc, gv.government_spans(sdoc))
    er.place_like_bodies(doc, sdoc)
    er.media_websites(doc)
    er.kinds_from_names(doc)
    er.known_short_names(doc)
    et.market_indices(doc)
    et.firms_products(doc)
    et.sentence_opening_words(doc)
    et.titles_of_things(doc)
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
        if "MEP" in entry.title.split() and parliament is not None:
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
