"""Cross-document propagation: organisation names found confidently in other documents in,
extra company mentions for their occurrences in one body (that its own rules missed) out.

An article often names a company without any cue its rules can use ("fallen behind Norvik and
Tessaro"), while other articles of the same corpus introduce it properly ("Norvik, a Shenzhen-
based chipmaker"). The pipeline builds `KnownCompanies` once from the organisations of the other
documents and calls `propagate_companies` per document after `extract`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.model import Company, CompanyMention, DocumentFacts

# Evidence an organisation needs from other documents before its name is propagated: the
# noisy-or of its per-document confidences (two documents at 0.7 give 0.91), in [0, 1].
MIN_KNOWN_CONFIDENCE = 0.8
# A name that is also an English word ("Shell", "Target") needs more evidence, in [0, 1].
MIN_KNOWN_CONFIDENCE_COMMON_WORD = 0.95
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
    common_word: bool  # an English word too: never matched at the start of a sentence


@dataclass(frozen=True)
class KnownCompanies:
    """Organisation names from other documents, indexed by their leading letters and digits."""

    by_lead: dict[str, tuple[KnownName, ...]]  # "AT" -> (AT&T, ...), longest name first
    by_key: dict[str, KnownName]

    def __len__(self) -> int:
        return len(self.by_key)


def known_companies(rows: Iterable[tuple[str, str, str, float]]) -> KnownCompanies:
    """Build the index from (company_key, name, kind, confidence) rows of other documents."""
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
    names = [_known_name(n, k, kinds[k], b) for n, (b, k) in best.items()]
    return _index([n for n in names if n is not None])


def _known_name(name: str, key: str, kind: str, belief: float) -> KnownName | None:
    """A propagatable name, or None for names too weak or too ambiguous to match blindly."""
    if not _name_shaped(name):
        return None
    common = _is_common_word(name)
    needed = MIN_KNOWN_CONFIDENCE_COMMON_WORD if common else MIN_KNOWN_CONFIDENCE
    if belief < needed:
        return None
    return KnownName(name, key, kind, common)


def _name_shaped(name: str) -> bool:
    """Starts with a capital or digit, is not a function word, place, title or given name."""
    words = name.split()
    if not words or len(name) < 2 or not (name[0].isupper() or name[0].isdigit()):
        return False
    if len(words) > 1:
        return True
    return name not in _blocked_single_words() and name.lower() not in _function_words()


def _is_common_word(name: str) -> bool:
    """A one-word name that is also an English word ("Shell", "Target", "Next")."""
    return " " not in name and name.lower() in _english_words()


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
def _function_words() -> frozenset[str]:
    """English function words (spaCy's stop-word list)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def _english_words() -> frozenset[str]:
    """Lower-case English words: Webster's Second International (public domain), english-words."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=True, alpha=True))


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
    not "Norvikson", not inside an existing person or company mention, and not a common-word
    name at the start of a sentence ("Target sales fell" stays unmarked).
    """
    if not known.by_lead or not body:
        return []
    taken = sorted(
        [(m.start, m.end) for m in facts.company_mentions]
        + [(m.start, m.end) for m in facts.person_mentions]
    )
    out: list[CompanyMention] = []
    for m in _LEAD.finditer(body):
        names = known.by_lead.get(m.group())
        hit = _longest_name_at(body, m.start(), names) if names else None
        if hit is None or _overlaps(taken, m.start(), m.start() + len(hit.name)):
            continue
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
