"""Claim clusters: reports of one statement by one speaker within one story share a
canonical_claim_id."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from newsfacts.consolidate.records import ClaimReport
from newsfacts.consolidate.shared import (
    complete_link_groups,
    group_by,
    members_anchor,
    normalize_quote,
    stem,
    words,
)
from newsfacts.consolidate.thresholds import CLAIM_MIN_OVERLAP, CLAIM_MIN_SHARED
from newsfacts.facts import stable_id
from newsfacts.vocab import is_denial

# Speakers that name nobody: without a resolved id they are never merged across documents.
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "reports", "sources"]
)


def speaker_key(claim: ClaimReport) -> str | None:
    """Who said it: resolved person, else organisation, else the name as written (not a pronoun)."""
    if claim.speaker_person_id:
        return claim.speaker_person_id
    if claim.speaker_company_id:
        return claim.speaker_company_id
    name = normalize_quote(claim.speaker)
    if not name or name in _PRONOUNS or not claim.speaker[:1].isupper():
        return None
    return "name:" + name


@lru_cache(maxsize=4096)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


_CASED_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z]")


@lru_cache(maxsize=4096)
def proposition_stems(text: str) -> frozenset[str]:
    """content_stems without names (capitalised words after the first): what is said about
    someone, not who. 'I see no difference from Mr Glazer's proposals' and 'it stayed opposed to
    Mr Glazer's proposal' share "proposal" only, not "mr" and "glazer"."""
    tokens = _CASED_WORD.findall(text)
    kept = [t for k, t in enumerate(tokens) if k == 0 or not t[:1].isupper()]
    return content_stems(" ".join(kept))


def same_statement(a: ClaimReport, b: ClaimReport) -> str | None:
    """'exact', 'paraphrase' or None for two statements of one speaker in one story.

    Matches: '"We want to be there from day one"' vs 'we want to be there from day one';
    'Next year we hope to sell there' vs 'its hope is to sell there at some point next year'.
    A denial never matches an assertion: that is a conflict, not a corroboration.
    """
    if is_denial(a.stance) != is_denial(b.stance):
        return None
    if normalize_quote(a.content) == normalize_quote(b.content):
        return "exact"
    wa, wb = content_stems(a.content), content_stems(b.content)
    # names shared ("Mr Glazer") say who the statements are about, not that they say one thing
    shared = len(proposition_stems(a.content) & proposition_stems(b.content))
    if shared >= CLAIM_MIN_SHARED and shared >= CLAIM_MIN_OVERLAP * min(len(wa), len(wb)):
        return "paraphrase"
    return None


def cluster_claims(
    claims: list[ClaimReport], story_of: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """claim_id -> (canonical_claim_id, match): one speaker's statement reported across a story.

    Claims need claim_id, doc_id, order, speaker, stance, content; optionally speaker_person_id,
    speaker_company_id. match is anchor, exact or paraphrase (relative to a linked member).
    """
    blocks = group_by(
        claims, lambda c: (story_of.get(c.doc_id), speaker_key(c) or f"claim:{c.claim_id}")
    )
    kinds: dict[tuple[str, str], str] = {}
    for block in blocks.values():
        for a, b in combinations(block, 2):
            if kind := same_statement(a, b):
                a, b = sorted((a, b), key=lambda c: (c.order, c.claim_id))
                kinds[(a.claim_id, b.claim_id)] = kind
    order = {c.claim_id: c.order for c in claims}
    # exact repeats first, then paraphrases, each in document order
    ranked = sorted(kinds, key=lambda p: (kinds[p] != "exact", order[p[0]], order[p[1]], p))
    polarity = {c.claim_id: is_denial(c.stance) for c in claims}
    groups = complete_link_groups(sorted(order), ranked, lambda x, y: polarity[x] == polarity[y])
    out = {}
    for group in groups:
        anchor = members_anchor(group, order)
        members = set(group)
        for m in group:
            # "exact" wins over "paraphrase": how m matches the members it was paired with
            how = min(
                (kinds.get((m, o)) or kinds.get((o, m)) or "~" for o in members - {m}),
                default="~",
            )
            out[m] = (stable_id("cc", anchor), "anchor" if m == anchor else how)
    return out
