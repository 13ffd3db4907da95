"""Alias merging for the organisations of one document: their names in, pairs (short form, full
name) that name the same organisation out.

Covers an abbreviation written as the initials of a name the document uses ("Halden Dairy
Board" ... "the HDB"), whether or not it is defined in brackets, the capitalised head word used
alone for the one organisation it ends ("the Competition Board" ... "the Board"), and the first
word of a longer name ("Tollan" for "Tollan Dairies"). Legal-form and "the" variants share a key
already (gazetteers.name_key), so they need no pairing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words an initialism skips ("Bank of Ostria" -> "BO", "Food and Drug Board" -> "FDB").
_SKIPPED = frozenset(["of", "and", "&", "for", "the", "de", "du", "la", "le", "des", "der", "on"])
_WORD = re.compile(r"[A-Za-z0-9]+")


def acronym_letters(text: str) -> str:
    """The letters of an abbreviation as a comparison key ("U.N." -> "UN", "S&P" -> "SP")."""
    return "".join(c for c in text.upper() if c.isalnum())


def looks_like_acronym(text: str) -> bool:
    """ "HDB", "S&P", "U.N.", "Nato": two to eight letters, upper case or one capital then lower."""
    letters = acronym_letters(text)
    if not 2 <= len(letters) <= 8 or " " in text.strip():
        return False
    plain = text.replace(".", "").replace("&", "")
    return plain.isupper() or (len(plain) >= 4 and plain[0].isupper() and plain[1:].islower())


def initialisms(name: str) -> set[str]:
    """Initials a name can be abbreviated to, with and without its function words and with each
    part of a hyphenated word ("Organisation for Economic Co-operation" -> "OEC", "OFEC", "OECO")."""
    words = name.replace("’", "'").split()
    out: set[str] = set()
    for keep_small in (False, True):
        for split_hyphens in (False, True):
            letters = []
            for word in words:
                small = word.lower() in _SKIPPED
                if small and not keep_small:
                    continue
                parts = _WORD.findall(word) if split_hyphens else _WORD.findall(word)[:1]
                letters += [p[0].upper() for p in parts if p]
            out.add("".join(letters))
    return {o for o in out if len(o) >= 2}


def abbreviates(short: str, full: str) -> bool:
    """True when `short` is an abbreviation of `full` by its initials ("FDB" of "Food and Drug
    Board", "Nato" of "North Atlantic Treaty Organisation"), also past a leading place word."""
    if not looks_like_acronym(short) or len(full.split()) < 2:
        return False
    letters = acronym_letters(short)
    names = [full]
    first, _, rest = full.partition(" ")
    if first.isupper() and len(rest.split()) > 1:  # "US Food and Drug Board" -> "FDB" too
        names.append(rest)
    return any(letters in initialisms(n) for n in names)


def acronym_pairs(names: Iterable[str]) -> list[tuple[str, str]]:
    """(abbreviation, full name) pairs among one document's organisation names."""
    names = list(dict.fromkeys(names))
    shorts = [n for n in names if looks_like_acronym(n)]
    out = []
    for short in shorts:
        fulls = [f for f in names if f != short and abbreviates(short, f)]
        if len(fulls) == 1:
            out.append((short, fulls[0]))
    return out


def head_word_pairs(names: Iterable[str], heads: Iterable[str]) -> list[tuple[str, str]]:
    """(head word, full name) pairs: a one-word name that is an organisation head word, when
    exactly one longer name of the document ends in it ("the Commission" for "the Trade
    Commission", "the Exchange" for "the Porto Nuevo Stock Exchange")."""
    names = list(dict.fromkeys(names))
    head_set = set(heads)
    out = []
    for short in names:
        if short not in head_set:
            continue
        fulls = [f for f in names if f != short and f.split()[-1] == short and " " in f]
        if len(fulls) == 1:
            out.append((short, fulls[0]))
    return out
