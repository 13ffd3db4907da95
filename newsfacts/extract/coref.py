"""Deterministic coreference for claim speakers: a pronoun or nominal to its antecedent.

Consumes a body, its entity mention index and the referents the claim rules add as they read
(unnamed speakers such as "a spokeswoman for Foo"); produces, for a speaker phrase, the nearest
compatible PERSON or ORG before it: "he"/"she" to the nearest person of that gender (or of
unknown gender), "it" to the nearest organisation, "the company" / "the ministry" / "the
newspaper" to the nearest organisation of that kind, "the spokeswoman" to the nearest
representative of that role. No statistics: the same text always resolves the same way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsfacts.extract.event_context import MentionIndex

# How far back (characters) a pronoun or nominal looks for its antecedent: about three short
# paragraphs of news text; beyond that a "he" is more often a new, unnamed speaker.
MAX_ANTECEDENT_CHARS = 1500
# How far back (characters) an organisation that spoke stays in focus for "it said": it wins
# over organisations merely named since ("Foo urged the WTO to act. It also criticised ...").
SPEAKER_FOCUS_CHARS = 800
# Honorifics that give a person's gender ("Mr Moss", "Ms Ruud").
_MALE_TITLE = re.compile(r"\b(?:Mr|Sir|Lord)\.?\s+$")
_FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss|Dame|Lady)\.?\s+$")
# Gendered role nouns right before or after a name ("spokeswoman Ann Lee", "Ann Lee, a businesswoman").
_FEMALE_ROLE = re.compile(r"\b\w*(?:woman|women|wife|mother|daughter|sister|queen|princess)\b")
_MALE_ROLE = re.compile(r"\b\w*(?:man|men|husband|father|son|brother|king|prince)\b")

# Role nouns of people who speak for an organisation: "a spokeswoman for Foo" speaks as Foo.
REPRESENTATIVE_NOUNS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "official",
        "executive",
        "boss",
        "representative",
        "member",
        "chairman",
        "chairwoman",
        "chair",
        "president",
        "director",
        "chief",
        "head",
        "manager",
        "lawyer",
        "attorney",
        "secretary",
        "minister",
        "commissioner",
        "governor",
        "ambassador",
        "negotiator",
        "adviser",
        "advisor",
        "source",
        "insider",
        "staff",
        "employee",
        "worker",
    ]
)
# Documents and figures that speak for their author ("the report said", "figures showed").
REPORT_NOUNS = frozenset(
    [
        "report",
        "study",
        "survey",
        "research",
        "figures",
        "data",
        "statement",
        "poll",
        "analysis",
        "review",
        "findings",
        "calculations",
        "estimate",
        "estimates",
        "forecast",
        "forecasts",
        "paper",
        "document",
        "letter",
        "filing",
        "release",
        "memo",
        "note",
        "accounts",
        "results",
    ]
)
# Organisation heads by kind ("the company", "the ministry", "the newspaper").
ORG_NOUNS = {
    "company": frozenset(
        [
            "company",
            "firm",
            "group",
            "business",
            "bank",
            "carrier",
            "airline",
            "maker",
            "manufacturer",
            "retailer",
            "giant",
            "operator",
            "producer",
            "supplier",
            "insurer",
            "lender",
            "brewer",
            "chain",
            "conglomerate",
            "startup",
            "club",
            "exchange",
            "bourse",
            "partnership",
            "venture",
        ]
    ),
    "government": frozenset(
        [
            "government",
            "ministry",
            "department",
            "commission",
            "regulator",
            "authority",
            "authorities",
            "agency",
            "administration",
            "court",
            "council",
            "treasury",
            "watchdog",
            "parliament",
            "cabinet",
            "kremlin",
        ]
    ),
    "media": frozenset(
        ["newspaper", "paper", "broadcaster", "magazine", "channel", "website", "daily"]
    ),
    "other_org": frozenset(["union", "association", "federation", "institute", "charity", "body"]),
}
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_ORG_PRONOUNS = frozenset({"it"})


@dataclass(frozen=True)
class Referent:
    """Something a speaker phrase can refer to: a person, an organisation or a group."""

    start: int
    end: int
    kind: str  # person | org | group
    name: str | None  # resolved display name; None for groups and unresolved representatives
    person_key: str | None = None
    company_key: str | None = None
    org_kind: str | None = None  # company | government | media | political_party | other_org
    gender: str | None = None  # m | f | None (unknown)
    plural: bool = False
    role: str | None = None  # head noun of a nominal referent ("spokeswoman")
    spoke: bool = False  # the speaker of an earlier claim: in focus for a later "it"


@dataclass
class Antecedents:
    """Referents of one document in text order; resolves pronouns and nominals to them."""

    referents: list[Referent] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def add(self, ref: Referent) -> None:
        """Insert a referent in text order (a later claim's speaker, an NER name)."""
        i = bisect.bisect_right(self._starts, ref.start)
        self._starts.insert(i, ref.start)
        self.referents.insert(i, ref)

    def before(
        self, pos: int, limit: int = MAX_ANTECEDENT_CHARS, skip: tuple[int, int] | None = None
    ) -> list[Referent]:
        """Referents ending at or before pos and within `limit` characters, nearest first;
        none inside `skip` (the quotation a pronoun speaker is the source of)."""
        i = bisect.bisect_left(self._starts, pos)
        out = []
        for ref in reversed(self.referents[:i]):
            if ref.start < pos - limit:
                break
            inside = skip is not None and skip[0] <= ref.start and ref.end <= skip[1]
            if ref.end <= pos and not inside:
                out.append(ref)
        return out

    def resolve_pronoun(
        self, word: str, pos: int, skip: tuple[int, int] | None = None
    ) -> Referent | None:
        """ "he"/"she": nearest person of that (or unknown) gender; "it": nearest
        organisation; "they": nearest group or organisation; "we", "I": None. Referents
        inside `skip` (the speaker's own quotation: '"Mr Moss can go," he said') are passed."""
        w = word.lower()
        if w in _ORG_PRONOUNS:
            for ref in self.before(pos, SPEAKER_FOCUS_CHARS, skip):
                if ref.spoke and ref.kind == "org" and ref.org_kind != "media" and not ref.role:
                    return ref
        for ref in self.before(pos, skip=skip):
            if w in _PERSON_PRONOUNS and _person_like(ref):
                if ref.gender in (None, _PERSON_PRONOUNS[w]) and not ref.plural:
                    return ref
            elif (
                w in _ORG_PRONOUNS
                and ref.kind == "org"
                and ref.org_kind != "media"
                or w in _PLURAL_PRONOUNS
                and (ref.kind == "group" or ref.plural)
            ):
                return ref
        return None

    def resolve_org_noun(self, noun: str, pos: int) -> Referent | None:
        """ "the company" / "the ministry" / "the newspaper": nearest organisation of that
        kind (any organisation for a noun of no known kind)."""
        kinds = [k for k, nouns in ORG_NOUNS.items() if noun in nouns]
        for ref in self.before(pos):
            if ref.kind == "org" and (not kinds or ref.org_kind in kinds):
                return ref
        return None

    def resolve_role(self, noun: str, pos: int) -> Referent | None:
        """ "the spokeswoman": the nearest earlier referent with that role, else the nearest
        organisation in focus (an unnamed representative speaks for it)."""
        for ref in self.before(pos):
            if ref.role == noun:
                return ref
        for ref in self.before(pos):
            if ref.kind == "org" and ref.org_kind != "media":
                return ref
        return None

    def resolve_report(self, pos: int) -> Referent | None:
        """ "the report said": the nearest organisation that spoke before (its author)."""
        for ref in self.before(pos):
            if ref.kind == "org" and ref.org_kind != "media":
                return ref
        return None


def _person_like(ref: Referent) -> bool:
    """A person, or an unnamed individual speaker ("a spokeswoman")."""
    return ref.kind == "person" or (ref.kind == "org" and ref.role is not None)


def name_gender(text: str, before: str) -> str | None:
    """Gender an honorific gives a name ("Mr Bez", "Ms Ruud"), looking just before it too."""
    if _MALE_TITLE.search(before) or re.match(r"(?:Mr|Sir|Lord)\.?\s", text):
        return "m"
    if _FEMALE_TITLE.search(before) or re.match(r"(?:Mrs|Ms|Miss|Dame)\.?\s", text):
        return "f"
    return None


def noun_gender(noun: str) -> str | None:
    """Gender a role noun states: "spokeswoman" f, "chairman" m, "executive" None."""
    if _FEMALE_ROLE.fullmatch(noun):
        return "f"
    if _MALE_ROLE.fullmatch(noun) and noun not in ("human", "german"):
        return "m"
    return None


def person_genders(body: str, index: MentionIndex) -> dict[str, str]:
    """Person key -> gender from honorifics and gendered role nouns next to its mentions."""
    genders: dict[str, str] = {}
    for m in index.person_mentions:
        before = body[max(0, m.start - 20) : m.start]
        titled = name_gender(m.text, before)
        if titled:
            genders.setdefault(m.person_key, titled)
        else:
            role = re.search(r"(\w+)\s+$", before)
            gender = noun_gender(role.group(1).lower()) if role else None
            if gender:
                genders.setdefault(m.person_key, gender)
    return genders


def document_antecedents(body: str, index: MentionIndex) -> Antecedents:
    """Referents from the entity stage: every person and organisation mention."""
    genders = person_genders(body, index)
    out = Antecedents()
    refs = [
        Referent(
            m.start,
            m.end,
            "person",
            index.people[m.person_key].name if m.person_key in index.people else m.text,
            person_key=m.person_key,
            gender=genders.get(m.person_key),
        )
        for m in index.person_mentions
    ]
    for m in index.company_mentions:
        company = index.companies.get(m.company_key)
        name = company.name if company else m.text
        refs.append(
            Referent(
                m.start,
                m.end,
                "org",
                name,
                company_key=m.company_key,
                org_kind=index.kind(m.company_key),
            )
        )
    for ref in sorted(refs, key=lambda r: (r.start, -r.end)):
        out.add(ref)
    return out


def person_by_surname(surname: str, index: MentionIndex) -> str | None:
    """The one person of the document whose name ends with a surname ("Mr Bez" -> the Bez)."""
    hits = {
        key
        for key, person in index.people.items()
        if person.name.split()[-1:] == [surname]
        or any(a.split()[-1:] == [surname] for a in person.aliases)
    }
    return hits.pop() if len(hits) == 1 else None
