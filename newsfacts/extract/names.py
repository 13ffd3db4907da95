"""Capitalised name chunks of a body: tokens in, segments (org / person / title / place /
unknown candidates with token ranges) out. Shared by the company and people rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.text import Token, sentence_spans, tokens

# Lower-case words that may sit inside a name ("Bank of America", "Procter & Gamble").
_CONNECTORS = frozenset(
    {"of", "&", "de", "du", "von", "van", "der", "da", "bin", "al", "for", "and"}
)
# Connectors that only join when the whole chunk ends up an organisation name.
_WEAK_CONNECTORS = frozenset({"and", "for"})
# Tokens before a directly attached full stop that belong to the name ("Co.", "Jr.", "W.").
_DOTTED = frozenset({"Co", "Inc", "Corp", "Ltd", "Jr", "Sr", "Mr", "Mrs", "Ms", "Dr", "St", "Bros"})
# Modifier tokens such as "Beijing-based" or "Alphabet-owned" are cues, not names.
MODIFIER_SUFFIX = re.compile(
    r"^(.+)-(based|owned|backed|controlled|headquartered|listed|made|born)$"
)
# Capitalised words that are not names alone but can open one ("US Department of Commerce",
# "Federal Communications Commission", "Best Buy"); never stripped from the front of a chunk.
NAME_OPENERS = frozenset(
    [
        "US",
        "U.S.",
        "UK",
        "U.K.",
        "EU",
        "Federal",
        "National",
        "United",
        "General",
        "Global",
        "International",
        "Royal",
        "Central",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "New",
        "First",
        "Best",
        "Great",
        "Big",
        "Good",
        "Top",
        "Old",
        "Little",
        "Young",
        "Market",
        "Business",
        "Tech",
        "Government",
        "State",
        "City",
        "Air",
        "Pro",
        "Model",
        "Max",
        "Plus",
        "Ultra",
        "Mini",
        "Mac",
    ]
)
_WORD_SHAPE = re.compile(r"^(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+)$")


@dataclass
class Segment:
    """A candidate name: tokens [i, j) of the document, and what the rules made of it."""

    i: int
    j: int
    text: str
    start: int
    end: int
    role: str = "unknown"  # org, person, title, honorific, place, common (no name), markup
    # (ticker markup), product (an edition of a product line), unknown
    kind: str = "company"  # organisation kind when role == "org"
    how: str = ""
    chunk: int = 0  # index of the capitalised chunk it came from
    display: str = ""  # the name it stands for when not its text ("Ostrian" in "the Ostrian
    # and Veltian governments" stands for "Ostrian government")


@dataclass
class Doc:
    """A tokenised body with its sentence spans and its name segments."""

    body: str
    toks: list[Token]
    sentences: list[tuple[int, int]]
    segments: list[Segment] = field(default_factory=list)


def make_doc(body: str) -> Doc:
    """Tokenise a body, index sentences and cut its capitalised chunks into segments."""
    sentences = sentence_spans(body)
    toks = tokens(body)
    doc = Doc(body, toks, sentences)
    for n, (i, j) in enumerate(_chunks(toks)):
        doc.segments.extend(_split_chunk(doc, i, j, n))
    return doc


def is_name_token(text: str) -> bool:
    """Capitalised word that can be part of a name ("Norvik", "AT&T", "U.S.", "X200").

    The modifier suffix needs a hyphen; testing for one first skips the regex for most tokens.
    """
    return text[0].isupper() and not ("-" in text and MODIFIER_SUFFIX.match(text))


def _chunks(toks: list[Token]) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, with inner connectors and attached full stops."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not is_name_token(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = toks[j]
            if (
                is_name_token(t.text)
                or t.text == "."
                and _dotted(toks[j - 1].text)
                and t.start == toks[j - 1].end
            ):
                j += 1
            elif _joins(toks, j):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


def _dotted(text: str) -> bool:
    """An abbreviation or an initial that keeps its full stop ("Co.", "W.")."""
    return text in _DOTTED or (len(text) == 1 and text.isupper())


def _joins(toks: list[Token], j: int) -> bool:
    """A lower-case connector followed by a name token inside a name ("Bank of America"), or a
    plural possessive's apostrophe ("Halden Growers' Association")."""
    text = toks[j].text
    if text in ("'", "’") and j + 1 < len(toks) and toks[j - 1].text.endswith("s"):
        return toks[j].start == toks[j - 1].end and is_name_token(toks[j + 1].text)
    return (
        text in _CONNECTORS
        and text not in _WEAK_CONNECTORS
        and j + 1 < len(toks)
        and is_name_token(toks[j + 1].text)
    ) or (text == "&" and j + 1 < len(toks) and is_name_token(toks[j + 1].text))


def _split_chunk(doc: Doc, i: int, j: int, n: int) -> list[Segment]:
    """Drop leading function words, then cut the chunk at title phrases and honorifics."""
    toks = doc.toks
    stop = gz.stopwords()
    keep = _chunk_openers()
    while i < j and (toks[i].text in stop or toks[i].text in _CONNECTORS):
        if toks[i].text in keep or (toks[i].text == "The" and _known_with_the(doc, i, j)):
            break
        if toks[i].text in _DAYS and _media_name_after(toks, i + 1, j):
            break  # "The Sunday Ledger": the day is part of the paper's name
        i += 1
    if i >= j:
        return []
    if i > 0 and toks[i - 1].text in _PRODUCT_LINES and toks[i - 1].end + 1 >= toks[i].start:
        return [_segment(doc, i, j, "product", n)]  # "Windows XP": an edition, no name
    out: list[Segment] = []
    k = i
    for a, b, role in _title_runs(toks, i, j):
        if a > k:
            out.append(_segment(doc, k, a, "unknown", n))
        out.append(_segment(doc, a, b, role, n))
        k = b
    if k < j:
        out.append(_segment(doc, k, j, "unknown", n))
    out = [part for s in out for part in _split_person_of_org(doc, s)]
    out = [part for s in out for part in _split_after_legal_form(doc, s)]
    return [s for s in out if not (s.role == "unknown" and s.text in stop)]


# Legal forms written with a full stop that end a company's name ("Acme Inc. Jo Bell").
_DOTTED_LEGAL_FORMS = frozenset({"Inc", "Corp", "Ltd", "Co", "Bros"})


def _split_after_legal_form(doc: Doc, seg: Segment) -> list[Segment]:
    """Cut "Brenmoor Inc. Jo Bell" after the legal form: a dotted legal form ends a name."""
    toks = doc.toks
    for k in range(seg.i + 1, seg.j - 2):
        if (
            toks[k].text in _DOTTED_LEGAL_FORMS
            and toks[k + 1].text == "."
            and seg.role == "unknown"
        ):
            head = _segment(doc, seg.i, k + 2, "unknown", seg.chunk)
            tail = _segment(doc, k + 2, seg.j, "unknown", seg.chunk)
            return [head, *_split_after_legal_form(doc, tail)]
    return [seg]


# Product lines whose next capitalised word names an edition ("Windows XP", "Android Pie").
_PRODUCT_LINES = frozenset(["Windows", "Android", "Linux", "Mac", "iOS"])
_DAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])


def _media_name_after(toks: list[Token], i: int, j: int) -> bool:
    """True when tokens [i, j) end in a media head word ("Ledger" is not one; "Times" is)."""
    return i < j and gz.org_head_words().get(toks[j - 1].text) == "media"


@cache
def _chunk_openers() -> frozenset[str]:
    """Function words kept at the front of a chunk: name openers, titles, honorifics."""
    return NAME_OPENERS | frozenset(gz.title_words()) | gz.honorifics()


def _split_person_of_org(doc: Doc, seg: Segment) -> list[Segment]:
    """Cut "Helen Marsh of Kingsford University" into the person and the organisation."""
    words = [t.text for t in doc.toks[seg.i : seg.j]]
    if seg.role != "unknown" or "of" not in words[2:4]:
        return [seg]
    cut = seg.i + words.index("of", 2)
    head = _segment(doc, seg.i, cut, "unknown", seg.chunk)
    if not looks_like_person_name(doc, head) or cut + 1 >= seg.j:
        return [seg]
    return [head, _segment(doc, cut + 1, seg.j, "unknown", seg.chunk)]


def _known_with_the(doc: Doc, i: int, j: int) -> bool:
    """True when "The ..." is a known name written with its "The" ("The Wall Street Journal"),
    not a name the text merely opens with "The" ("The Trade Commission")."""
    text = doc.body[doc.toks[i].start : doc.toks[j - 1].end]
    return gz.name_key(text) in gz.names_with_the() and len(text.split()) > 2


def _title_runs(toks: list[Token], i: int, j: int) -> list[tuple[int, int, str]]:
    """Title phrases ("Senior Vice President") and honorifics ("Mr.") inside tokens [i, j)."""
    words, heads = gz.title_words(), gz.org_head_words()
    runs: list[tuple[int, int, str]] = []
    k = i
    while k < j:
        text = toks[k].text
        if text in gz.honorifics():
            end = k + 2 if k + 1 < j and toks[k + 1].text == "." else k + 1
            runs.append((k, end, "honorific"))
            k = end
            continue
        end = k
        while end < j and toks[end].text in words:
            end += 1
        while end > k and words[toks[end - 1].text] != "head":
            end -= 1
        if end > k and not (end < j and toks[end].text in heads):
            runs.append((k, end, "title"))
            k = end
        else:
            k += 1
    return runs


def _segment(doc: Doc, i: int, j: int, role: str, n: int) -> Segment:
    """A Segment for tokens [i, j)."""
    start, end = doc.toks[i].start, doc.toks[j - 1].end
    return Segment(i, j, doc.body[start:end], start, end, role=role, chunk=n)


def looks_like_person_name(doc: Doc, seg: Segment) -> bool:
    """Two to four name-shaped tokens starting with a given name or a family-name-first surname."""
    words = [t.text for t in doc.toks[seg.i : seg.j]]
    if not 2 <= len(words) <= 4 or not all(_WORD_SHAPE.match(w) for w in words):
        return False
    first, last = words[0], words[-1]
    if first not in gz.given_names() and first not in gz.family_names_first():
        return False
    return last not in gz.not_name_ends() and first not in gz.places() and len(last) > 1


def plausible_titled_name(doc: Doc, seg: Segment) -> bool:
    """A name after a title: one to three name-shaped tokens, none a place or common word."""
    words = [t.text for t in doc.toks[seg.i : seg.j] if t.text != "."]
    blocked = gz.not_name_ends()
    shaped = all(_WORD_SHAPE.match(w) or len(w) == 1 for w in words)
    return 1 <= len(words) <= 3 and shaped and not any(w in blocked for w in words)
