"""Wire-copy furniture: agency sign-offs at a story's end, readable titles for ALL-CAPS headlines.

Sign-off rules look at whole units (paragraphs or lines) in the trailing run of a story, and at
a parenthesised credit glued to the end of the last paragraph; prose is never cut. The display
title leaves the stored headline alone and only derives a readable form of it.
"""

from __future__ import annotations

import re

# A sign-off unit has at most this many words (the longest is a copyright notice).
SIGN_OFF_MAX_WORDS = 40
# Lines of a contact block (name, phone, e-mail, address) have at most this many words.
CONTACT_LINE_MAX_WORDS = 12
# A headline counts as ALL CAPS when at least this share of its letters are capitals.
ALL_CAPS_MIN_SHARE = 0.9

_CREDIT = (
    r"(?:additional\s+)?(?:reporting|writing|editing|compiled|graphics|research)\s+(?:by|for)\b"
)
_CREDIT_RE = re.compile(rf"^[(\[]?\s*{_CREDIT}", re.IGNORECASE)
# "... the company said. (Reporting by Jane Roe; Editing by Tom Lee)"
_GLUED_CREDIT_RE = re.compile(rf"\s*\(\s*{_CREDIT}[^()]*\)\s*$", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"^(?:tel|phone|mobile|fax)?[.:]?\s*\+?[\d()][\d ()./-]{6,}$", re.IGNORECASE)
_END_MARK_RE = re.compile(
    r"^(?:\(?end(?:s)?\)?(?:\s+dow\s+jones\s+newswires)?|-+\s*0\s*-+|#{3,}|[-—]+\s*30\s*[-—]+"
    r"|\(more\)|dow\s+jones\s+newswires)$",
    re.IGNORECASE,
)
_COPYRIGHT_RE = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4})", re.IGNORECASE)
_CONTRIBUTED_RE = re.compile(
    r"\bcontributed(?:\s+(?:reporting|to\s+this\s+report))?(?:\s+(?:to|for)\s+"
    r"(?:this|the)\s+(?:report|story|article))?\.?$",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(r"^SOURCE\s+[A-Z]")
# Agency transmission slugs: "AP-WF-03-03-24 1423GMT".
_SLUG_RE = re.compile(r"^[A-Z]{2,}(?:-[A-Z0-9]{1,6}){2,}\s+\d{3,4}\s?(?:GMT|UTC|EST|EDT|ET)$")
_CONTACT_HEADING_RE = re.compile(
    r"^(?:(?:media|press|investor|investors|analyst)\s+)?(?:contacts?|enquiries|inquiries)"
    r"(?:\s+for\s+\S+)?\s*:?$|^(?:media|press|investor)\s+(?:contacts?|relations)\s*:",
    re.IGNORECASE,
)


def is_sign_off(unit: str) -> bool:
    """An agency's sign-off or end matter, as a whole unit.

    Matches "(Reporting by Jane Roe; Editing by Tom Lee)", "((jane.roe@example.com))",
    "Copyright 2024 Example Press. All rights reserved.", "-0-", "SOURCE Acme Corp".
    """
    words = len(unit.split())
    if words > SIGN_OFF_MAX_WORDS:
        return False
    if _CREDIT_RE.match(unit) or _END_MARK_RE.match(unit.strip()) or _SLUG_RE.match(unit):
        return True
    if _COPYRIGHT_RE.match(unit) or (words <= 8 and _SOURCE_RE.match(unit)):
        return True
    if words <= 20 and _CONTRIBUTED_RE.search(unit):
        return True  # "Jane Roe in Paris contributed to this report."
    return (
        words <= CONTACT_LINE_MAX_WORDS and unit.startswith("((") and bool(_EMAIL_RE.search(unit))
    )


def is_contact_heading(unit: str) -> bool:
    """The heading of a press release's contact block.

    Matches "Media contact:", "Investor Relations:", "Contacts".
    """
    return bool(_CONTACT_HEADING_RE.match(unit.strip()))


def is_contact_line(unit: str) -> bool:
    """A short line of a contact block: a name, a phone number, an e-mail or web address."""
    words = len(unit.split())
    if words > CONTACT_LINE_MAX_WORDS or unit.rstrip().endswith((".", "!", "?")):
        return bool(_EMAIL_RE.search(unit)) and words <= CONTACT_LINE_MAX_WORDS
    return True


def cut_glued_credit(unit: str) -> tuple[str, str]:
    """Split a credit glued to the end of a paragraph off it: (rest, credit) or (unit, "")."""
    match = _GLUED_CREDIT_RE.search(unit)
    if match is None or match.start() == 0:
        return unit, ""
    return unit[: match.start()].rstrip(), match.group().strip()


def trailing_sign_offs(units: list[str]) -> list[int]:
    """Positions (in `units`) of the sign-off run at the end: credits, end marks, contact blocks."""
    found: list[int] = []
    pending: list[int] = []  # short lines that belong to a contact block if a heading follows
    for pos in range(len(units) - 1, -1, -1):
        unit = units[pos]
        if is_sign_off(unit):
            found += pending + [pos] if not pending else [pos]
            continue
        if is_contact_heading(unit):
            found += pending + [pos]
            pending = []
            continue
        if is_contact_line(unit) and len(pending) < 6:
            pending.append(pos)
            continue
        break
    return sorted(found)


# --- display titles -----------------------------------------------------------------------------
# Abbreviations that keep their capitals even when the article never writes them (a general
# list of business-news abbreviations, written by the team).
_ABBREVIATIONS = frozenset(
    [
        "AI",
        "AG",
        "CEO",
        "CFO",
        "COO",
        "CTO",
        "EU",
        "UK",
        "US",
        "USA",
        "UN",
        "IMF",
        "ECB",
        "FED",
        "GDP",
        "IPO",
        "M&A",
        "OPEC",
        "SEC",
        "FTC",
        "FDA",
        "EV",
        "EVS",
        "LNG",
        "NYSE",
        "NASDAQ",
        "ETF",
        "PLC",
        "LLC",
        "SA",
        "SE",
        "NV",
        "BV",
        "NHS",
        "OECD",
        "WTO",
        "NATO",
        "TV",
        "PC",
        "PCS",
        "CPI",
        "PMI",
        "ESG",
    ]
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.&\-]*")


def is_all_caps(title: str) -> bool:
    """A headline written in capitals: "ACME PROFIT JUMPS ON CLOUD DEMAND"."""
    letters = [ch for ch in title if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= ALL_CAPS_MIN_SHARE * len(
        letters
    )


def display_title(title: str | None, body: str) -> str | None:
    """A readable title: an ALL-CAPS headline in sentence case, acronyms kept; others as they are.

    Each word takes the casing the body gives it ("IBM", "Acme", "iPhone"); words the body does
    not write keep their capitals when they look like abbreviations (no vowel, a digit, a dot or
    "&": "HSBC", "Q3", "U.S.", "S&P", or a listed one such as "CEO"), else go lower case.
    """
    if not title or not is_all_caps(title):
        return title
    casing = _body_casing(body)
    words = [_display_word(m.group(), casing) for m in _WORD_RE.finditer(title)]
    out, last = [], 0
    for match, word in zip(_WORD_RE.finditer(title), words, strict=True):
        out += [title[last : match.start()], word]
        last = match.end()
    out.append(title[last:])
    text = "".join(out)
    first = _WORD_RE.search(text)
    if first and first.group().islower():
        text = text[: first.start()] + text[first.start()].upper() + text[first.start() + 1 :]
    return text


def _body_casing(body: str) -> dict[str, str]:
    """How the body writes each word inside sentences, keyed by the upper-case word.

    A word in capitals anywhere wins ("IBM"); otherwise its first casing inside a sentence
    ("Acme", "profit"): sentence-initial capitals say nothing about the word.
    """
    casing: dict[str, str] = {}
    for match in _WORD_RE.finditer(body):
        word = match.group().rstrip(".")
        key = word.upper()
        if len(word) > 1 and word == key:
            casing[key] = word
        elif not _starts_sentence(body, match.start()):
            casing.setdefault(key, word)
    return casing


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at offset `at` opens a sentence or a paragraph."""
    before = text[max(0, at - 3) : at].rstrip(" \"'“‘(")
    return not before or before.endswith((".", "!", "?", "\n", ":"))


def _display_word(word: str, casing: dict[str, str]) -> str:
    """One headline word in display casing."""
    core = word.rstrip(".")
    known = casing.get(core.upper())
    if known is not None and (known.isupper() or core not in _ABBREVIATIONS):
        return known + word[len(core) :]  # as the body writes it: "IBM", "Acme", "iPhone", "profit"
    if core in _ABBREVIATIONS or _looks_abbreviated(core):
        return word
    return word.lower()


def _looks_abbreviated(word: str) -> bool:
    """No vowel, or a dot, digit or "&" inside: "HSBC", "U.S.", "S&P", "Q3"."""
    return not any(ch in "AEIOUY" for ch in word.upper()) or any(ch in ".&" for ch in word)
