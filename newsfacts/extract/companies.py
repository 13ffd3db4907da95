"""Organisation rules: name segments in, organisation segments (kind, how found) out, plus
descriptor phrases ("the Beijing-based smartphone maker") resolved to a named organisation."""

from __future__ import annotations

import re
from typing import NamedTuple

from newsfacts.extract import affiliations as af
from newsfacts.extract import gazetteers as gz
from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.extract.names import MODIFIER_SUFFIX, Doc, Segment

# Words allowed between a subject and its verb ("Acme has recently launched").
_ADVERBS = frozenset(
    [
        "also",
        "has",
        "had",
        "have",
        "will",
        "would",
        "could",
        "may",
        "might",
        "is",
        "was",
        "are",
        "were",
        "already",
        "recently",
        "reportedly",
        "notably",
        "officially",
        "previously",
        "then",
        "just",
        "now",
        "still",
        "even",
        "quietly",
        "finally",
        "first",
        "later",
        "soon",
        "subsequently",
        "itself",
    ]
)
# Possessive followers that show the owner is an organisation ("Acme's shares", "Acme's board").
_ORG_POSSESSIONS = frozenset(
    [
        "ceo",
        "chairman",
        "chairwoman",
        "president",
        "founder",
        "executives",
        "executive",
        "shares",
        "stock",
        "board",
        "headquarters",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "subsidiary",
        "subsidiaries",
        "employees",
        "staff",
        "revenue",
        "revenues",
        "profit",
        "profits",
        "sales",
        "earnings",
        "valuation",
        "ipo",
    ]
)
# Words that introduce examples of a descriptor ("carriers like AT&T", "firms such as Acme").
_EXAMPLE_CUES = frozenset({"like", "including", "as", "notably", "especially"})
# Descriptor heads that pick the most recent organisation; the others pick the salient subject.
GENERIC_DESCRIPTORS = frozenset(
    [
        "company",
        "firm",
        "group",
        "business",
        "startup",
        "start-up",
        "corporation",
        "giant",
        "maker",
        "manufacturer",
        "vendor",
        "brand",
        "outfit",
        "player",
    ]
)
_DETERMINER = frozenset({"the", "The"})
_SUBJECT_LAG_SENTENCES = 2  # a descriptor refers at most this many sentences back


def mark_known_orgs(doc: Doc) -> None:
    """Mark gazetteer names, legal-form names and names ending in an org head word.

    Matches "Ford Motor Co.", "The Wall Street Journal", "Commerce Department", "Acme Holdings".
    """
    heads = gz.org_head_words()
    for seg in doc.segments:
        if seg.role != "unknown":
            continue
        words = [t.text.rstrip(".") for t in doc.toks[seg.i : seg.j] if t.text != "."]
        known = gz.known_orgs().get(gz.name_key(seg.text)) or _known_after_place(words)
        if known is not None:
            seg.role, seg.kind, seg.how = "org", known[1], "gazetteer"
        elif len(words) > 1 and words[-1].lower() in gz.LEGAL_FORM_TOKENS:
            seg.role, seg.kind, seg.how = "org", "company", "legal_suffix"
        elif len(words) > 1 and _head(words) in heads and words[0] not in gz.given_names():
            seg.role, seg.kind, seg.how = "org", heads[_head(words)], "name_head"
        elif seg.text in gz.places() or seg.text in gz.demonyms():
            seg.role = "place"


def _head(words: list[str]) -> str:
    """Head word of a name: the word before "of" ("Department of Commerce"), else the last."""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _known_after_place(words: list[str]) -> tuple[str, str] | None:
    """Gazetteer entry for a name behind a country word ("US Department of Commerce")."""
    if len(words) > 2 and words[0] in gz.places():
        return gz.known_orgs().get(gz.name_key(" ".join(words[1:])))
    return None


def mark_context_orgs(doc: Doc) -> None:
    """Mark unknown names that act like organisations in their context.

    Matches "Acme Chairman John Smith", "Acme's CEO", "Acme announced", "research firm Acme",
    "Acme, a Shenzhen-based chipmaker".
    """
    segs = doc.segments
    for n, seg in enumerate(segs):
        if seg.role != "unknown" or _is_place_like(seg):
            continue
        nxt = segs[n + 1] if n + 1 < len(segs) else None
        how = (
            _title_after(doc, seg, nxt)
            or _lower_title_after(doc, seg, nxt)
            or _possessive_cue(doc, seg)
            or _descriptor_before(doc, seg)
            or _apposition_cue(doc, seg)
            or _verb_cue(doc, seg)
            or _source_cue(doc, seg)
            or _title_object_cue(doc, seg)
        )
        if how == "title_cue" and _constituency(seg, nxt):
            seg.role, seg.how = "place", "constituency"
            continue
        if how:
            kind = _kind_from_title(nxt) if how == "title_cue" else None
            seg.role, seg.kind, seg.how = "org", kind or _kind_from_context(doc, seg), how


# Titles that only a government body gives ("Commerce Secretary", "Finance Minister").
_GOVERNMENT_TITLES = frozenset(["Secretary", "Minister", "Commissioner", "Ambassador"])
# Titles of elected members, which a party gives ("Labour MP", "Green MEP").
PARTY_TITLES = frozenset(["MP", "MEP", "MSP", "Senator", "Congressman", "Congresswoman"])


def _kind_from_title(title: Segment | None) -> str | None:
    """ "Commerce Secretary Wilbur Ross": government; "Labour MP Jane Doe": a political party."""
    words = set(title.text.split()) if title is not None else set()
    if words & _GOVERNMENT_TITLES:
        return "government"
    return "political_party" if words & PARTY_TITLES else None


def _constituency(seg: Segment, title: Segment | None) -> bool:
    """ "the Halden Central MP", "Brakstone North MSP": a place before a member's title names the
    member's seat, not a party."""
    words = set(title.text.split()) if title is not None else set()
    return bool(words & PARTY_TITLES) and seg.text.split()[0] in gz.places()


def _is_place_like(seg: Segment) -> bool:
    """Places and nationality words, or names opening with one ("US carriers")."""
    first = seg.text.split()[0]
    return seg.text in gz.places() or first in gz.demonyms() or seg.text in gz.stopwords()


def _title_after(doc: Doc, seg: Segment, nxt: Segment | None) -> str:
    """'Acme Chairman ...', 'Acme CEO ...': a title phrase right after the name."""
    if nxt is not None and nxt.role == "title" and nxt.i == seg.j:
        return "title_cue"
    return ""


# Bare title heads that often follow a product or a place, not an organisation ("Android chief",
# "Europe boss"); they do not make the name before them an organisation.
_WEAK_TITLE_HEADS = frozenset({"chief", "head", "boss", "executive", "official", "owner"})
# Title heads whose "of" names the organisation ("chief executive of Acme", "founder of Acme").
_OF_TITLE_HEADS = frozenset(
    ["executive", "officer", "president", "chairman", "chairwoman", "chair", "founder",
     "co-founder", "cofounder", "director", "head", "chief", "ceo", "cfo", "coo", "cto", "owner",
     "co-owner", "partner", "spokesman", "spokeswoman", "spokesperson", "manager"]
)  # fmt: skip


def _lower_title_after(doc: Doc, seg: Segment, nxt: Segment | None) -> str:
    """A lower-case title between the name and a person: "Acme founder John Smith",
    "an Acme spokeswoman, Mary Lee", "Acme chief executive Jane Roe"."""
    toks = doc.toks
    if nxt is None or nxt.role != "person" or seg.j >= len(toks) or not toks[seg.j].text.islower():
        return ""
    end = af.title_end(toks, seg.j, min(len(toks), seg.j + 5))
    if end == seg.j:
        return ""
    if end - seg.j == 1 and toks[seg.j].text.lower() in _WEAK_TITLE_HEADS:
        return ""
    gap = [t.text for t in toks[end : nxt.i]]
    return "title_cue" if gap in ([], [","]) else ""


def _title_object_cue(doc: Doc, seg: Segment) -> str:
    """The organisation after a title and a preposition: "a telecom analyst at Acme",
    "a spokesman for Acme", "chief financial officer of Acme"."""
    toks, k = doc.toks, seg.i - 1
    if k < 1 or toks[k].text not in ("at", "for", "with", "of") or _all_title_words(doc, seg):
        return ""
    start = af.title_start(toks, k)
    if start == k or seg.text in gz.given_names() or seg.text.split()[0] in gz.given_names():
        return ""
    if toks[k].text == "of" and toks[k - 1].text.lower() not in _OF_TITLE_HEADS:
        return ""
    return "affiliation_cue"


def _all_title_words(doc: Doc, seg: Segment) -> bool:
    """ "Research", "Sales and Marketing": a department named with title words, not a company."""
    return all(af.title_role(t.text) or t.text in ("and", "&") for t in doc.toks[seg.i : seg.j])


def _possessive_cue(doc: Doc, seg: Segment) -> str:
    """ "Acme's CEO", "Acme's chief executive", "Acme's shares"."""
    toks = doc.toks
    if seg.j + 1 >= len(toks) or toks[seg.j].text not in ("'s", "’s"):
        return ""
    followers = [t.text for t in toks[seg.j + 1 : seg.j + 3]]
    if followers[0] in gz.title_words() or followers[0].lower() in _ORG_POSSESSIONS:
        return "possessive_title"
    if len(followers) == 2 and followers[0].islower() and followers[1] in _ORG_POSSESSIONS:
        return "possessive_title"
    return ""


def _descriptor_before(doc: Doc, seg: Segment) -> str:
    """ "research firm Acme", "rival Acme", "carriers like Acme", "tech giants Acme"."""
    toks, descriptors = doc.toks, gz.org_descriptors()
    k = seg.i - 1
    if k >= 0 and toks[k].text in _EXAMPLE_CUES:
        k -= 2 if toks[k].text == "as" and k > 0 and toks[k - 1].text == "such" else 1
        k -= 1 if k >= 0 and toks[k].text == "," else 0
    if k >= 0 and toks[k].text.lower() in descriptors and toks[k].text[1:].islower():
        return "descriptor_cue"  # "Rivals such as Acme" opens a sentence
    return ""


def _apposition_cue(doc: Doc, seg: Segment) -> str:
    """ "Acme, a chipmaker based in ...", "Acme, one of the world's biggest carmakers"."""
    toks, descriptors = doc.toks, gz.org_descriptors()
    k = seg.j
    if (
        k + 1 >= len(toks)
        or toks[k].text != ","
        or toks[k + 1].text not in ("a", "an", "the", "one")
    ):
        return ""
    for tok in toks[k + 2 : k + 12]:
        if tok.text in (",", ".", ";") or _person_role(tok.text):
            return ""  # "Jo Bell, the head of chip maker Acme": a person's role comes first
        if tok.text.lower() in descriptors and tok.text.islower():
            return "apposition"
    return ""


# Title heads that describe firms as often as people ("the market leader", "a partner of").
_FIRM_ROLES = frozenset(["leader", "partner", "member", "owner", "supplier"])


def _person_role(word: str) -> bool:
    """ "head", "chief", "founder": a person's title head, not one firms share ("leader")."""
    return af.title_role(word) == "head" and word.lower() not in _FIRM_ROLES


def _verb_cue(doc: Doc, seg: Segment) -> str:
    """ "Acme announced", "Acme has launched", "Acme recently acquired"."""
    toks = doc.toks
    k = seg.j
    while k < len(toks) and toks[k].text in _ADVERBS:
        k += 1
    if k < len(toks) and toks[k].text in gz.company_verbs() and seg.text not in gz.given_names():
        return "verb_cue"
    return ""


# Verbs whose "by" names a source of figures ("as reported by IDC", "a survey conducted by YouGov").
_SOURCE_BY_VERBS = frozenset(
    ["reported", "compiled", "conducted", "published", "released", "cited", "estimated", "tracked"]
)
# Nouns for figures a source publishes ("IDC data showed", "figures from Kantar").
_DATA_NOUNS = frozenset(
    ["data", "figures", "estimates", "statistics", "numbers", "research", "survey", "forecasts"]
)
# Verbs after "<source> data" ("GfK data showed", "Kantar figures suggest").
_DATA_VERBS = frozenset(
    ["showed", "shows", "show", "suggest", "suggests", "suggested", "indicate", "indicates",
     "indicated", "revealed", "reveal", "reveals", "found", "released", "published", "put"]
)  # fmt: skip
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,5}|[A-Z][a-z]*[A-Z][A-Za-z]*)$")


def _source_cue(doc: Doc, seg: Segment) -> str:
    """Sources of figures: "as recently reported by IDC", "according to IDC", "GfK data showed",
    "figures from Kantar".

    After "according to" or "reported by" only acronyms and inner-capital names count, since a
    surname can follow them too ("according to Smith"); before or after a data noun any name does.
    """
    toks, i, j = doc.toks, seg.i, seg.j
    before = [t.text.lower() for t in toks[max(0, i - 2) : i]]
    after = [t.text.lower() for t in toks[j : j + 2]]
    if len(after) == 2 and after[0] in _DATA_NOUNS and after[1] in _DATA_VERBS:
        return "source_cue"
    if len(before) == 2 and before[0] in _DATA_NOUNS and before[1] == "from":
        return "source_cue"
    cue = before == ["according", "to"] or (
        len(before) == 2 and before[0] in _SOURCE_BY_VERBS and before[1] == "by"
    )
    if cue and _ACRONYM.match(seg.text.split()[0]) and seg.text not in gz.given_names():
        return "source_cue"
    return ""


def _kind_from_context(doc: Doc, seg: Segment) -> str:
    """Kind implied by a nearby descriptor noun ("news agency Acme" -> media), else company."""
    toks = doc.toks
    window = [t.text.lower() for t in toks[max(0, seg.i - 3) : seg.i]]
    window += [t.text.lower() for t in toks[seg.j : seg.j + 10]]
    if "news" in window and "agency" in window:
        return "media"
    kinds = {gz.org_descriptors().get(w) for w in window} - {None, "company"}
    return kinds.pop() if len(kinds) == 1 else "company"


def mark_coordinated_orgs(doc: Doc) -> None:
    """Unknown names listed with organisations become organisations ("Acme, Bolt and Cogs")."""
    segs = doc.segments
    changed = True
    while changed:
        changed = False
        for a, b in zip(segs, segs[1:], strict=False):
            if {a.role, b.role} == {"org", "unknown"} and _coordinated(doc, a, b):
                known, other = (a, b) if a.role == "org" else (b, a)
                if not _is_place_like(other) and other.text not in gz.given_names():
                    other.role, other.kind, other.how = "org", known.kind, "coordination"
                    changed = True


def _coordinated(doc: Doc, a: Segment, b: Segment) -> bool:
    """True when only ',', 'and', 'or' or ', and' separate two segments."""
    if not 0 < b.i - a.j <= 2:
        return False
    between = [t.text for t in doc.toks[a.j : b.i]]
    return between in ([","], ["and"], ["or"], [",", "and"], [",", "or"])


_OWNED_HINT = re.compile(r"-(?:owned|backed|controlled)\b")


def owned_by_links(doc: Doc) -> list[tuple[int, int, str, Segment]]:
    """Parent names written as "Alphabet-owned Google": (start, end, parent text, child segment)."""
    if not _OWNED_HINT.search(doc.body):
        return []
    seg_at = {s.i: s for s in doc.segments}
    out = []
    for k, tok in enumerate(doc.toks):
        match = MODIFIER_SUFFIX.match(tok.text)
        if match and match.group(2) in ("owned", "backed", "controlled") and tok.text[0].isupper():
            child = seg_at.get(k + 1)
            if child is not None and child.role in ("org", "unknown"):
                parent = match.group(1)
                if _ordinary_owner(parent):
                    continue  # "State-owned Halden Oil", "Family-owned Brenmoor"
                out.append((tok.start, tok.start + len(parent), parent, child))
    return out


def _ordinary_owner(parent: str) -> bool:
    """ "State", "Family", "Employee": an owner named by an ordinary word (capitalised only when
    it opens a sentence) and no known organisation."""
    lower = parent.lower()
    return lower in gz.english_words() and lower not in gz.known_orgs()


_DESCRIPTOR_RE = with_first_char_check(
    re.compile(
        r"\b([Tt]he)((?:\s+(?:[a-z][\w-]*|[A-Z][a-z]+-based|[A-Z][a-z]+(?=\s+[a-z])))"
        r"{0,4}?)\s+(news agency|research firm|[a-z][a-z-]*[a-z])\b(?!-)(?!\s+(?:of|[A-Z]))"
    )
)


class Descriptor(NamedTuple):
    """A definite descriptor: its span, head noun, kind and the lower-case words before the
    head ("the pan-European bourse" -> ("pan-european",); "the news agency" -> ("news",))."""

    start: int
    end: int
    head: str
    kind: str
    modifiers: tuple[str, ...]


def descriptor_phrases(doc: Doc) -> list[Descriptor]:
    """Definite descriptors of one organisation: span, head noun, kind and modifiers.

    Matches "the company", "the Beijing-based smartphone maker", "the Chinese tech company",
    "the news agency"; not plurals ("the two companies") and not "the company's" owner chains.
    """
    out = []
    descriptors = gz.org_descriptors()
    for m in _DESCRIPTOR_RE.finditer(doc.body):
        head = m.group(3)
        kind = "media" if head == "news agency" else descriptors.get(head.split()[-1])
        if head == "research firm":
            kind = "company"
        if kind is None or _plural_or_numbered(m.group(2)):
            continue
        if head in ("group", "label", "network", "paper", "unit", "parent", "daily", "department"):
            continue  # too often generic or part of another phrase
        words = [w.lower() for w in m.group(2).split() + head.split()]
        last = words.index(words[-1])  # the words before the head's first occurrence
        out.append(Descriptor(m.start(), m.end(), words[-1], kind, tuple(words[:last])))
    return out


def _plural_or_numbered(premodifiers: str) -> bool:
    """ "the two companies", "the other firm": not one identifiable organisation."""
    words = premodifiers.split()
    return any(
        w in ("two", "three", "other", "same", "first", "second", "new", "latest") for w in words
    )
