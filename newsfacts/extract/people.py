"""Person rules: name segments in, person segments (with title and affiliation cues) out."""

from __future__ import annotations

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.names import Doc, Segment, looks_like_person_name, plausible_titled_name

# Lower-case nouns that refer back to the last person named ("the executive told Reuters").
PERSON_DESCRIPTORS = frozenset(
    [
        "executive",
        "chairman",
        "chairwoman",
        "founder",
        "co-founder",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "billionaire",
        "entrepreneur",
        "ceo",
        "boss",
        "minister",
        "secretary",
        "analyst",
    ]
)
# Speech verbs: "said John Smith", "John Smith said".
SPEECH_VERBS = frozenset(
    ["said", "says", "told", "added", "noted", "explained", "stated", "wrote", "according"]
)


def mark_people(doc: Doc) -> None:
    """Mark segments that are people: after a title or honorific, or shaped like a full name.

    Matches "Chairman John Smith", "Senior Vice President Jane Doe", "Mr. Smith", "Zhang Wei said".
    """
    segs = doc.segments
    for n, seg in enumerate(segs):
        if seg.role != "unknown":
            continue
        prev = segs[n - 1] if n else None
        after_title = prev is not None and prev.role in ("title", "honorific") and prev.j == seg.i
        if after_title and plausible_titled_name(doc, seg) and not _is_org_like(seg):
            seg.role, seg.how = "person", "title_cue"
        elif looks_like_person_name(doc, seg) and not _is_org_like(seg):
            seg.role, seg.how = "person", "given_name"
        elif _speech_cue(doc, seg) and looks_like_person_name(doc, seg):
            seg.role, seg.how = "person", "speech_verb"


def _is_org_like(seg: Segment) -> bool:
    """True for names the gazetteers know as organisations or places."""
    return gz.name_key(seg.text) in gz.known_orgs() or seg.text in gz.places()


def _speech_cue(doc: Doc, seg: Segment) -> bool:
    """A name right before or after a speech verb ("said Jane Doe", "Jane Doe said")."""
    toks = doc.toks
    before = toks[seg.i - 1].text if seg.i > 0 else ""
    after = toks[seg.j].text if seg.j < len(toks) else ""
    return before in SPEECH_VERBS or after in SPEECH_VERBS


def person_name_tokens(doc: Doc, seg: Segment) -> list[str]:
    """Name-like tokens of a person segment, without initials' full stops."""
    return [t.text for t in doc.toks[seg.i : seg.j] if t.text != "."]
