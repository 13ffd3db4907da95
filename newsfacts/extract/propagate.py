"""Cross-document propagation: organisation names found confidently in other documents in,
extra company mentions for their occurrences in one body (that its own rules missed) out.

An article often names a company without any cue its rules can use ("fallen behind Norvik and
Tessaro"), while other articles of the same corpus introduce it properly ("Norvik, a Shenzhen-
based chipmaker"). The pipeline builds `KnownCompanies` once from the organisations of the other
documents and calls `propagate_companies` per document after `extract`.
"""

from __future__ import annotations

import importlib.util
import re
import runpy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.government import PLACE_LIKE_BODIES
from newsfacts.extract.model import Company, CompanyMention, DocumentFacts

# Evidence an organisation needs from other documents before its name is propagated: the
# noisy-or of its per-document confidences (two documents at 0.7 give 0.91), in [0, 1].
MIN_KNOWN_CONFIDENCE = 0.8
# Confidence of a mention found only because other documents name the organisation.
CROSS_DOCUMENT_CONFIDENCE = 0.7
HOW = "cross_document"

_SENTENCE_END = frozenset(".!?:;\n")
_OPENERS = frozenset("\"'“‘([")


@dataclass(frozen=True)
class KnownName:
    """One propagatable surface name."""

    name: str
    company_key: str
    kind: str
    common_word: bool  # opens with an English word: never matched at the start of a sentence


@dataclass(frozen=True)
class KnownCompanies:
    """Organisation names from other documents, indexed by their leading letters and digits."""

    by_lead: dict[str, tuple[KnownName, ...]]  # "AT" -> (AT&T, ...), longest name first
    by_key: dict[str, KnownName]

    def __len__(self) -> int:
        return len(self.by_key)


def known_companies(
    rows: Iterable[tuple[str, str, str, float]], people: Iterable[str] = ()
) -> KnownCompanies:
    """Build the index from (company_key, name, kind, confidence) rows of other documents;
    `people` (person names found in the corpus) keeps surnames from being propagated."""
    names_of_people = list(people)
    people_words = frozenset(w for p in names_of_people for w in p.split())
    people_words |= frozenset(names_of_people)
    disbelief: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    kinds: dict[str, str] = {}
    for key, name, kind, confidence in rows:
        if not name or not key:
            continue
        disbelief[(name.strip(), key)] *= 1.0 - max(0.0, min(1.0, float(confidence)))
        kinds.setdefault(key, kind)
    best: dict[str, tuple[float, str]] = {}
    for (name, key), doubt in disbelief.items():
        belief = 1.0 - doubt
        if belief > best.get(name, (-1.0, ""))[0] or (
            belief == best[name][0] and key < best[name][1]
        ):
            best[name] = (belief, key)
    names = [_known_name(n, k, kinds[k], b, people_words) for n, (b, k) in best.items()]
    return _index([n for n in names if n is not None])


def _known_name(
    name: str, key: str, kind: str, belief: float, people_words: frozenset[str]
) -> KnownName | None:
    """A propagatable name, or None for names too weak or too ambiguous to match blindly."""
    if belief < MIN_KNOWN_CONFIDENCE or not _name_shaped(name, people_words):
        return None
    return KnownName(name, key, kind, _sentence_initial_risk(name))


def _sentence_initial_risk(name: str) -> bool:
    """Multi-word names opening with an English word ("Big Brother") are not matched at the start
    of a sentence, where any word is capitalised."""
    first = name.split()[0]
    return " " in name and first.lower() in _english_words()


def _name_shaped(name: str, people_words: frozenset[str]) -> bool:
    """A name that can be matched blindly: capitalised, not ending in a lower-case word ("One
    of"), not opening with a function word ("I've"), not a plural acronym ("MPs"); one-word
    names also not a place, title, given name, a person's name in the corpus or an English word."""
    words = name.split()
    if not words or len(name) < 2 or not (name[0].isupper() or name[0].isdigit()):
        return False
    if words[-1].islower() or re.split(r"['’]", words[0])[0].lower() in _function_words():
        return False
    if _PLURAL_ACRONYM.match(name) or name in people_words:  # "Jane Doe" is a person
        return False
    if name in PLACE_LIKE_BODIES:  # an organisation only where it acts ("the EU said")
        return False
    if len(words) > 1:
        return True
    blocked = _blocked_single_words()
    return name not in blocked and name not in people_words and not _is_common_word(name)


_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


def _is_common_word(name: str) -> bool:
    """A one-word name that is an English word, or a plural or -ing form of one or a plural of a
    place ("Office", "Tories", "Having", "Britons"); matched blindly it would mark plain words."""
    lower, words = name.lower(), _english_words()
    if lower in words or lower in _function_words():
        return True
    singulars = [lower[:-3] + "y", lower[:-2], lower[:-1]] if lower.endswith("s") else []
    if lower.endswith("ing"):  # "Having", "Selling"
        singulars += [lower[:-3], lower[:-3] + "e", lower[:-4]]
    blocked = _blocked_lower()
    return any(s in words or s in blocked for s in singulars if s)


@cache
def _blocked_single_words() -> frozenset[str]:
    """Capitalised words that never name an organisation on their own."""
    return (
        gz.stopwords()
        | gz.places()
        | gz.demonyms()
        | gz.given_names()
        | gz.honorifics()
        | frozenset(gz.title_words())
        | frozenset(gz.org_head_words())
    )


@cache
def _blocked_lower() -> frozenset[str]:
    """The blocked one-word names in lower case, for plural checks ("Britons")."""
    return frozenset(w.lower() for w in _blocked_single_words())


@cache
def _function_words() -> frozenset[str]:
    """English function words: spaCy's stop-word list, read from its one self-contained module.

    `import spacy.lang.en.stop_words` would first import the whole spacy package (about 1 s, and
    nothing else in newsfacts needs it), so the module file is run on its own.
    """
    spec = importlib.util.find_spec("spacy")  # locates the package without importing it
    if spec is None or spec.origin is None:
        raise ImportError("spacy is a newsfacts dependency: pip install spacy")
    module = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    return frozenset(runpy.run_path(str(module))["STOP_WORDS"])


def _english_words() -> frozenset[str]:
    """Lower-case English words (gazetteers.english_words)."""
    return gz.english_words()


# Where a name can start: a capital or digit after a non-word character; the run of letters and
# digits that follows is the lookup key ("AT" for "AT&T", "Amazon" for "Amazon.com").
_LEAD = re.compile(r"(?<![\w&\-.])[A-Z0-9][A-Za-z0-9]*")


def _lead(name: str) -> str:
    """The lookup key of a name: its leading run of letters and digits."""
    match = _LEAD.match(name)
    return match.group() if match else ""


def _index(names: list[KnownName]) -> KnownCompanies:
    """Group names by their lead, longest first; remember one name per company key."""
    groups: dict[str, list[KnownName]] = defaultdict(list)
    by_key: dict[str, KnownName] = {}
    for known in names:
        lead = _lead(known.name)
        if lead:
            groups[lead].append(known)
            by_key.setdefault(known.company_key, known)
    by_lead = {w: tuple(sorted(g, key=lambda k: (-len(k.name), k.name))) for w, g in groups.items()}
    return KnownCompanies(by_lead, by_key)


def propagate_companies(
    body: str, known: KnownCompanies, facts: DocumentFacts
) -> list[CompanyMention]:
    """Mentions of organisations known from other documents that `facts` does not cover yet.

    Matches "fallen behind Norvik and Tessaro" when Norvik and Tessaro are known elsewhere;
    not "Norvikson", not inside an existing person or company mention, not a product ("Norvik
    Z7"), and not a name opening with an English word at the start of a sentence ("Golden
    Harbor Bank" is matched mid-sentence only).
    """
    if not known.by_lead or not body:
        return []
    taken = sorted(
        [(m.start, m.end) for m in facts.company_mentions]
        + [(m.start, m.end) for m in facts.person_mentions]
    )
    own = _own_names(body, facts)
    out: list[CompanyMention] = []
    for m in _LEAD.finditer(body):
        names = known.by_lead.get(m.group())
        hit = _longest_name_at(body, m.start(), names) if names else None
        if hit is None or _overlaps(taken, m.start(), m.start() + len(hit.name)):
            continue
        if _names_own(hit.name, own):
            continue  # another form of a name this article's own rules found
        end = m.start() + len(hit.name)
        if (hit.common_word and _sentence_initial(body, m.start())) or _opens_longer_name(
            body, end
        ):
            continue
        out.append(
            CompanyMention(
                m.start(), end, hit.name, hit.company_key, HOW, CROSS_DOCUMENT_CONFIDENCE
            )
        )
        taken.append((m.start(), end))
        taken.sort()
    return out


def _squeezed(name: str) -> str:
    """A name without spaces, hyphens and full stops ("JB Halden" -> "JBHalden")."""
    return re.sub(r"[\s\-.]", "", name)


def _own_names(body: str, facts: DocumentFacts) -> set[str]:
    """The article's own organisation names, squeezed."""
    return {_squeezed(body[m.start : m.end]) for m in facts.company_mentions if m.end > m.start}


def _names_own(name: str, own: set[str]) -> bool:
    """True when a known name is another spelling of an own name ("JB Halden" for "JBHalden"),
    or the own name and a place ("Lycara Europe" where the article says "Lycara"): propagation
    would add it as a second organisation."""
    first, _, rest = name.partition(" ")
    return _squeezed(name) in own or (first in own and rest in gz.places())


def _longest_name_at(body: str, pos: int, names: tuple[KnownName, ...]) -> KnownName | None:
    """The longest known name written at `pos`, ending at a word boundary."""
    for known in names:
        end = pos + len(known.name)
        if body.startswith(known.name, pos) and not _continues(body, end):
            return known
    return None


def _continues(body: str, end: int) -> bool:
    """True when the word at `end` goes on ("Norvikson", "Norvik-Tessaro", "AT&T" after "AT")."""
    if end >= len(body):
        return False
    nxt = body[end]
    if nxt.isalnum() or nxt in "&_":
        return True
    return nxt == "-" and end + 1 < len(body) and body[end + 1].isalnum()


_NEXT_WORD = re.compile(r" ([A-Z0-9][\w&-]*)")


def _opens_longer_name(body: str, end: int) -> bool:
    """True before another capitalised word ("Norvik Z7 Sedan" is a product), unless that word
    is a title or a function word ("Norvik Chairman ...", "Norvik On Monday")."""
    match = _NEXT_WORD.match(body, end)
    if match is None:
        return False
    word = match.group(1)
    return word not in gz.title_words() and word not in gz.stopwords()


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps any span."""
    return any(s < end and start < e for s, e in spans)


def _sentence_initial(body: str, pos: int) -> bool:
    """True at the start of the body, a line or a sentence (after '.', '!', '?', quotes)."""
    k = pos - 1
    while k >= 0 and (body[k] in " \t" or body[k] in _OPENERS):
        k -= 1
    return k < 0 or body[k] in _SENTENCE_END


def propagated_companies(mentions: list[CompanyMention], known: KnownCompanies) -> list[Company]:
    """Company rows for the keys that `mentions` introduce (name and kind as known elsewhere)."""
    out: dict[str, Company] = {}
    for m in mentions:
        entry = known.by_key.get(m.company_key)
        if entry is not None and m.company_key not in out:
            out[m.company_key] = Company(
                m.company_key, entry.name, entry.kind, (), None, CROSS_DOCUMENT_CONFIDENCE
            )  # type: ignore[arg-type]
    return list(out.values())
