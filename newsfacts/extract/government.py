"""Governments named without a proper name: a spaCy Doc in, spans that name a government body
out ("the Ostrian government", "a US bankruptcy court", "the government of Ostria", "Ostria's
parliament", "the Whitfield administration"), and countries that act as an authority ("Ostria
said it would appeal", "a sale forced by Ostria"), each with the ISO code of its country.

The gold guidelines (section 1 and ruling 4) make such bodies `government` organisations named as
the text names them; a country is one only when it acts or speaks as an authority, never as a
place ("sales in Ostria rose"). The same country's forms are one organisation (see `code`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfacts.extract import gazetteers as gz
from newsfacts.extract.text import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span, Token

# Lower-case nouns that name a government body when a country or demonym qualifies them.
GOVERNMENT_NOUNS = frozenset(
    ["government", "governments", "authorities", "administration", "parliament", "court",
     "cabinet", "army"]
)  # fmt: skip
# Lower-case words allowed between the country and the noun ("US bankruptcy court", "the
# Russian federal government").
MODIFIERS = frozenset(
    ["bankruptcy", "federal", "state", "central", "national", "regional", "local", "appeals",
     "supreme", "high", "district", "tax", "interim", "new", "military", "coalition"]
)  # fmt: skip
# Verbs (lemmas) whose subject acts or speaks as an authority: "Ostria said", "Ostria banned".
AUTHORITY_VERBS = frozenset(
    ["say", "announce", "deny", "reject", "approve", "ban", "block", "back", "support", "oppose",
     "request", "demand", "ask", "order", "force", "fine", "sue", "accuse", "warn", "threaten",
     "urge", "plan", "propose", "agree", "sign", "veto", "vote", "decide", "insist", "refuse",
     "claim", "review", "intervene", "impose", "lift", "seize", "nationalise", "nationalize",
     "privatise", "privatize", "auction", "tax", "raid", "arrest", "investigate", "allow",
     "permit", "forbid", "seek", "pledge", "promise", "vow", "expel", "sanction", "subsidise",
     "subsidize", "negotiate", "recognise", "recognize", "criticise", "criticize", "condemn",
     "protest", "oust", "appoint", "introduce", "pass", "adopt", "scrap", "suspend", "cancel",
     "tell", "confirm", "reiterate", "retaliate", "require", "prepare", "tackle", "charge"]
)  # fmt: skip
# Bodies whose name also names a place: an organisation only where they act or speak ("the EU
# said", "an EU commissioner", "the EU's ruling"), a place elsewhere ("trade within the EU").
PLACE_LIKE_BODIES = frozenset(["EU", "European Union", "E.U."])
# Nouns an acting body modifies or owns: "an EU commissioner", "the EU's ruling".
_BODY_NOUNS = frozenset(
    ["commissioner", "commission", "minister", "ministers", "official", "officials", "ruling",
     "rules", "directive", "law", "laws", "ban", "proposal", "decision", "regulators",
     "spokesman", "spokeswoman", "president", "presidency", "leaders", "summit", "approval"]
)  # fmt: skip
# Dependency label of an acting subject; the object of "by" in a passive ("forced by Ostria") is
# read apart.
_SUBJECTS = frozenset(["nsubj"])


@dataclass(frozen=True)
class GovernmentSpan:
    """A phrase naming a government body or a country acting as one."""

    start: int
    end: int
    name: str  # as written, without a leading "the", plural noun made singular
    code: str | None  # ISO 3166-1 alpha-2 of the country, when the phrase names one
    rule: str


def country_code(text: str) -> str | None:
    """ISO code of a country name, short form or demonym ("Ostria"-like names, "Russian")."""
    return gz.country_codes().get(text)


def government_spans(sdoc: SpacyDoc) -> list[GovernmentSpan]:
    """Every government phrase and acting country of a document, in text order."""
    found = _noun_phrases(sdoc) + _of_phrases(sdoc) + country_authorities(sdoc)
    found.sort(key=lambda g: (g.start, -g.end))
    out: list[GovernmentSpan] = []
    for span in found:
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def _noun_phrases(sdoc: SpacyDoc) -> list[GovernmentSpan]:
    """ "the Ostrian government", "a US bankruptcy court", "Ostria's parliament", "the
    Whitfield administration": a country, demonym or person's name before a government noun."""
    out = []
    for i in _noun_hits(sdoc):
        tok = sdoc[i]
        if not tok.text.islower():
            continue
        k = tok.i - 1
        while k >= 0 and sdoc[k].lower_ in MODIFIERS and tok.i - k <= 2:
            k -= 1
        possessive = k >= 0 and sdoc[k].text in ("'s", "’s")
        span = _country_ending_at(sdoc, k - 1 if possessive else k)
        if span is not None and (tok.lower_ != "court" or _definite(sdoc, span.start)):
            code = country_code(span.text)
            out.append(_span(sdoc, span.start, tok.i + 1, code, "government_phrase"))
            out += _coordinated_countries(sdoc, span.start, tok)
        elif tok.lower_ == "administration" and _person_before(sdoc, k):
            out.append(_span(sdoc, k, tok.i + 1, None, "administration"))
    return out


def _definite(sdoc: SpacyDoc, i: int) -> bool:
    """ "the US court", "the Ostrian court's": a specific court; "a US court" may be any."""
    return i > 0 and sdoc[i - 1].lower_ == "the" or (i > 0 and sdoc[i - 1].text in ("'s", "’s"))


def _coordinated_countries(sdoc: SpacyDoc, i: int, noun: Token) -> list[GovernmentSpan]:
    """ "the Ostrian and Veltian governments": the first demonym names a government too, named
    "<demonym> government"."""
    if i < 2 or sdoc[i - 1].lower_ != "and":
        return []
    span = _country_ending_at(sdoc, i - 2)
    if span is None:
        return []
    found = _span(sdoc, span.start, span.end, country_code(span.text), "government_phrase")
    singular = noun.lower_[:-1] if noun.lower_ == "governments" else noun.lower_
    return [
        GovernmentSpan(found.start, found.end, f"{span.text} {singular}", found.code, found.rule)
    ]


def _noun_hits(sdoc: SpacyDoc) -> list[int]:
    """Indexes of the tokens that are government nouns, read from the LOWER array (building a
    Token for every token of a Doc costs more than the rules)."""
    strings = sdoc.vocab.strings
    wanted = {strings.add(n) for n in GOVERNMENT_NOUNS}
    lowers = sdoc.to_array("LOWER").tolist() if len(sdoc) else []
    return [i for i, h in enumerate(lowers) if h in wanted]


def _country_ending_at(sdoc: SpacyDoc, k: int) -> Span | None:
    """The country or demonym (one or two tokens: "South Korean") ending at token k."""
    if k < 0:
        return None
    for width in (2, 1):
        if k - width + 1 < 0:
            continue
        span = sdoc[k - width + 1 : k + 1]
        nationality = all(t.ent_type_ in ("NORP", "GPE") for t in span)  # NER knows more
        known = country_code(span.text) or span.text in gz.demonyms() or nationality
        if known and span[0].text[:1].isupper():
            return span
    return None


def _person_before(sdoc: SpacyDoc, k: int) -> bool:
    """True when token k ends a person's name NER found ("the Whitfield administration")."""
    return k >= 0 and sdoc[k].ent_type_ == "PERSON" and sdoc[k].pos_ == "PROPN"


def _of_phrases(sdoc: SpacyDoc) -> list[GovernmentSpan]:
    """ "the government of Ostria", "the parliament of Ostria"."""
    out = []
    for i in _noun_hits(sdoc):
        if i + 2 >= len(sdoc) or sdoc[i + 1].lower_ != "of":
            continue
        tok = sdoc[i]
        ent = _ent_starting(sdoc, tok.i + 2)
        if ent is not None and ent.label_ == "GPE" and country_code(ent.text):
            out.append(_span(sdoc, tok.i, ent.end, country_code(ent.text), "government_of"))
    return out


def _ent_starting(sdoc: SpacyDoc, i: int) -> Span | None:
    """The entity starting at token i, past a "the"."""
    for span in sdoc.ents:
        if span.start == i or (span.start == i - 0 and span[0].lower_ == "the"):
            return span
    return None


def country_authorities(sdoc: SpacyDoc) -> list[GovernmentSpan]:
    """Countries that act or speak as an authority: the subject of an authority verb ("Ostria
    said", "Ostria has banned imports"), the agent of one ("a sale forced by Ostria")."""
    out = []
    for ent in sdoc.ents:
        code = country_code(ent.text)
        # NER may call a country an organisation when it acts ("Malta said"): the name decides.
        if ent.label_ not in ("GPE", "ORG") or code is None or ent.text in gz.demonyms():
            continue
        if ent[0].dep_ and _acts(ent.root):  # ent.root needs a parse
            out.append(_span(sdoc, ent.start, ent.end, code, "country_authority"))
    return out


def _acts(root: Token) -> bool:
    """True when the token is the subject or passive agent of an authority verb."""
    if not root.dep_:
        return False  # an unparsed sentence
    head = root.head
    if root.dep_ in _SUBJECTS and head.lemma_ in AUTHORITY_VERBS:
        return True
    agent = root.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent"
    return agent and head.head.lemma_ in AUTHORITY_VERBS


def acts_at(sdoc: SpacyDoc, start: int, end: int) -> bool:
    """True when the name at body offsets [start, end) acts or speaks as an authority: subject
    or agent of an authority verb, or owner or modifier of an official noun ("the EU said",
    "an EU commissioner", "the EU's decision")."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or not span[0].dep_:
        return False
    root = span.root
    if _acts(root):
        return True
    head = root.head
    official = head.lower_ in _BODY_NOUNS or head.text.lower() in _BODY_NOUNS
    return root.dep_ in ("poss", "compound", "nmod", "amod") and official


def _span(sdoc: SpacyDoc, i: int, j: int, code: str | None, rule: str) -> GovernmentSpan:
    """A GovernmentSpan for tokens [i, j), "the" and plural "governments" normalised."""
    if sdoc[i].lower_ == "the":
        i += 1
    start, end = sdoc[i].idx, sdoc[j - 1].idx + len(sdoc[j - 1].text)
    name = doc_text(sdoc)[start:end]
    if name.endswith(" governments"):
        name = name[: -len("s")]
    return GovernmentSpan(start, end, name, code, rule)


def display_name(name: str) -> str:
    """A government name as a record shows it: "Ostrian governments" -> "Ostrian government"."""
    return name[:-1] if name.endswith(" governments") else name


# Which body a government phrase names, by its noun: a country's forms ("Ostria said", "the
# Ostrian government", "the Ostrian authorities") are one organisation; its courts another.
_FAMILY = {
    "government": "government",
    "governments": "government",
    "authorities": "government",
    "administration": "government",
    "cabinet": "government",
    "court": "court",
    "parliament": "parliament",
    "army": "army",
}


def body_of(name: str) -> tuple[str, str] | None:
    """(country code, body family) of a government name, None when it names no country; a
    nationality missing from the tables stands for its own code ("Maltese government").

    "Ostrian government" -> ("OS", "government"), "Ostria" -> ("OS", "government"), "US
    bankruptcy court" -> ("US", "court"), "government of Ostria" and "Ostria's parliament" too.
    """
    if code := country_code(name) or gz.government_seats().get(name):
        return code, "government"
    words = name.replace("’", "'").split()
    noun = words[-1] if words[-1] in _FAMILY else (words[0] if words[0] in _FAMILY else None)
    if noun is None:
        return None
    if " of " in name:
        place = name.split(" of ", 1)[1]
    else:
        place = name.split("'s ")[0] if "'s " in name else " ".join(words[:2])
    code = country_code(place) or country_code(words[0])
    if code is None and noun == words[-1] and len(words) > 1 and words[0][:1].isupper():
        code = words[0]  # a nationality the tables lack ("Maltese"): the word stands for the code
    return (code, _FAMILY[noun]) if code else None
