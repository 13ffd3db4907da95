"""Event frame of a company passing into a new owner's hands (see event_frames): "the unit fell
into the hands of Kestrel", "before ending up in the hands of a state oil firm"."""

from __future__ import annotations

from spacy.tokens import Token

from newsfacts.extract.event_args import Args, Resolver, pobjs
from newsfacts.extract.event_frames_common import Frame, _businesses
from newsfacts.extract.event_lexicon import Predicate


def frame_hands(pred: Predicate, args: Args, r: Resolver) -> Frame | None:
    """ "Tollan fell into the hands of Brenmoor", "the refinery was sold at auction, eventually
    falling into the hands of Kestrel": an acquisition by the new owner (the "of" company) of
    the subject, or of the thing the participle describes."""
    t = pred.token
    owners = _businesses(_new_owner(t), r)
    if not owners:
        return None  # "fell into the hands of criminals": no company takes it
    held = args.subj or _described_subject(t)
    targets = [k for k in _businesses(held, r) if k not in owners]
    return Frame("acquisition", "events.hands", tuple(owners[:1]), tuple(targets[:1]))


def _new_owner(verb: Token) -> list[Token]:
    """The object of "of" on "hands" under the verb: "into the hands of Brenmoor"."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for hands in pobjs(prep):
            if hands.lower_ != "hands":
                continue
            return [o for c in hands.children if c.lower_ == "of" for o in pobjs(c)]
    return []


def _described_subject(verb: Token) -> list[Token]:
    """The subject of the clause a subjectless participle hangs on: "X was sold off, eventually
    falling into ..." -> X."""
    if verb.dep_ not in ("advcl", "acl", "xcomp", "pcomp") or verb.tag_ not in ("VBG", "VBN"):
        return []
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
