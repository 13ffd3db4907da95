"""A compiled pattern in, the same pattern behind a check of its first character out.

Python's regex engine tries a pattern at every position; a case-insensitive pattern that opens
with `\\b` and a long alternation of words pays for the whole alternation at each word boundary.
A lookahead for the characters a match can start with rejects most positions at once. The set is
read from the pattern's own parse tree, so the rewritten pattern matches exactly what the original
matches; when the tree holds anything this reading does not cover, the pattern is left as it is.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse

# Flags that change which characters a node matches; a group turning one on is not read.
_CHARACTER_FLAGS = re.IGNORECASE | re.ASCII | re.UNICODE | re.LOCALE
# (class items such as "a" or "0-9", or None when any character may open a match; may the
# parsed items match the empty string)
_First = tuple[list[str] | None, bool]


def with_first_char_check(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern with a lookahead for its possible first characters, or itself if unknown."""
    if pattern.flags & re.VERBOSE:  # a trailing comment would swallow the closing parenthesis
        return pattern
    items, nullable = _first(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if items is None or nullable:
        return pattern
    char_class = "".join(sorted(set(items)))
    return re.compile(f"(?=[{char_class}])(?:{pattern.pattern})", pattern.flags)


def _first(parsed: list) -> _First:
    """First characters of a sequence of parsed items."""
    out: list[str] = []
    for op, av in parsed:
        items, nullable = _first_of(op, av)
        if items is None:
            return None, False
        out += items
        if not nullable:
            return out, False
    return out, True


def _first_of(op: object, av: object) -> _First:
    """First characters of one parsed node."""
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        return _class_items(av), False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero width: the next node decides
        return [], True
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        # The lookahead would not read characters as such a group does.
        if add_flags & _CHARACTER_FLAGS:
            return None, False
        return _first(sub)
    if op is sre.BRANCH:
        out: list[str] = []
        any_nullable = False
        for alternative in av[1]:
            items, nullable = _first(alternative)
            if items is None:
                return None, False
            out += items
            any_nullable = any_nullable or nullable
        return out, any_nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        items, nullable = _first(sub)
        return items, nullable or low == 0
    return None, False


# Categories by the escape that writes them (the pattern's flags decide their extent).
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _class_items(av: list) -> list[str] | None:
    """Class items of a character set; None for a negated set."""
    out: list[str] = []
    for op, arg in av:
        if op is sre.LITERAL:
            out.append(re.escape(chr(arg)))
        elif op is sre.RANGE:
            out.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            out.append(_CATEGORIES[arg])
        else:
            return None
    return out
