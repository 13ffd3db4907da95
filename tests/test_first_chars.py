"""The first-character lookahead must never change what a pattern matches."""

from __future__ import annotations

import re

import pytest

from newsfacts.extract.first_chars import with_first_char_check
from newsfacts.extract.timexes import RULES

TEXT = (
    "Last year, about 3 weeks ago, the Q3 results (up 12%) came on 4/15/2019; SALES rose in "
    "the past two years. Nineteen ninety-nine, the '90s, Christmas Eve and early March 2020. "
    "Kelvin \u212a and long \u017f letters fold under IGNORECASE; ٣ is a digit too."
)


@pytest.mark.parametrize(
    "source, flags",
    [
        (r"\b(?:the\s+)?(?:past|last)\s+\w+", re.IGNORECASE),
        (r"(?<!\d)\d+(?:st|nd)?|(?-i:March)", re.IGNORECASE),
        (r"\bk\w+|\bs\w+", re.IGNORECASE),
        (r"[a-c]+\d|x", 0),
        *[(rule.pattern.pattern, rule.pattern.flags) for rule in RULES],
    ],
)
def test_same_matches(source: str, flags: int) -> None:
    original = re.compile(source, flags)
    checked = with_first_char_check(original)
    for lo, hi in [(0, len(TEXT)), (5, 60), (40, len(TEXT))]:
        want = [(m.span(), m.groupdict(), m.groups()) for m in original.finditer(TEXT, lo, hi)]
        got = [(m.span(), m.groupdict(), m.groups()) for m in checked.finditer(TEXT, lo, hi)]
        assert got == want


@pytest.mark.parametrize(
    "source, flags",
    [
        (r"a?", 0),  # may match the empty string
        (r".b", 0),  # any character
        (r"[^a]b", 0),  # negated class
        (r"(?i:a)b", 0),  # case folded only inside a group
        (r"(?u:\w)b", re.ASCII),  # Unicode word characters only inside a group
        (r"ab  # comment", re.VERBOSE),
    ],
)
def test_left_alone_when_unknown(source: str, flags: int) -> None:
    pattern = re.compile(source, flags)
    assert with_first_char_check(pattern) is pattern


def test_lookahead_lists_the_first_characters() -> None:
    assert with_first_char_check(re.compile(r"\bfoo|bar")).pattern == r"(?=[bf])(?:\bfoo|bar)"
