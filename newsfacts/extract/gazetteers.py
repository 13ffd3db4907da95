"""General lexicons for entity extraction: package data (pytickersymbols, cleanco, gender-guesser,
pycountry) and the team's hand-written word lists under newsfacts/resources/, loaded once."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from cleanco import basename as _cleanco_basename
from cleanco.clean import prepare_default_terms, strip_tail

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# A given name counts when some country in nam_dict.txt rates it at least this frequent
# (hex digit scale 1-D of the gender-guesser data); 1 is "very rare" and lets in words like "Judge".
MIN_GIVEN_NAME_FREQUENCY = 2
_NAM_DICT_NAME_COLUMNS = slice(3, 29)
_NAM_DICT_FREQUENCY_COLUMNS = slice(30, 85)
# Name keys remembered across documents (cleanco is slow and the same names recur), in entries.
NAME_KEY_CACHE_SIZE = 65536
_HEX = frozenset("0123456789ABCDEFabcdef")
_PUNCT = re.compile(r"[^\w&+ ]+")
_BRITISH_IS = re.compile(r"(?<=[a-z])is(?=ation)")
# Legal-form words as they appear token by token after a name ("Co.", "Ltd.", "Inc").
LEGAL_FORM_TOKENS = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "ag",
        "gmbh",
        "sa",
        "nv",
        "se",
        "ab",
        "asa",
        "oyj",
        "kk",
        "spa",
        "bv",
        "pte",
        "lp",
        "llp",
        "sarl",
        "srl",
        "pty",
    ]
)


def lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a resource file."""
    text = (_RESOURCES / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def pairs(name: str) -> dict[str, str]:
    """A two-column tab-separated resource file as a dict."""
    return dict(ln.split("\t", 1) for ln in lines(name))


# Last word of every cleanco legal-form term, normalised as cleanco compares them ("ltd", "co").
_LEGAL_TERM_LAST_WORDS = frozenset(parts[-1] for _size, parts in prepare_default_terms())


def basename(name: str) -> str:
    """cleanco's basename (legal form removed), without its slow term scan when none can match."""
    parts = strip_tail(name).split()
    if parts and name.isascii():
        last = parts[-1].lower().replace(".", "").replace(",", "").replace("-", "")
        if last not in _LEGAL_TERM_LAST_WORDS:
            return strip_tail(" ".join(parts))
    return _cleanco_basename(name)


@lru_cache(maxsize=NAME_KEY_CACHE_SIZE)
def name_key(name: str) -> str:
    """Normalised key of an organisation name: lower case, no legal form, no leading 'the'."""
    text = name.strip().rstrip(",")
    for _ in range(3):  # "BYD Co. Ltd." needs two passes of cleanco
        cleaned = basename(text) or text
        if cleaned == text:
            break
        text = cleaned
    text = _PUNCT.sub(" ", text.lower().replace("’", "'").replace("'s", ""))
    text = _BRITISH_IS.sub("iz", text)  # "organisation" and "organization" are one name
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@cache
def title_words() -> dict[str, str]:
    """Title word -> 'head' or 'modifier'."""
    return pairs("titles.txt")


@cache
def honorifics() -> frozenset[str]:
    """Courtesy titles such as Mr, Ms, Dr."""
    return frozenset(lines("honorifics.txt"))


@cache
def org_head_words() -> dict[str, str]:
    """Last word of a name -> organisation kind ("Department" -> government)."""
    return pairs("org_head_words.txt")


@cache
def org_descriptors() -> dict[str, str]:
    """Lower-case descriptor noun -> organisation kind ("carrier" -> company)."""
    return pairs("org_descriptors.txt")


@cache
def company_verbs() -> frozenset[str]:
    """Verbs that typically follow an organisation as subject."""
    return frozenset(lines("company_verbs.txt"))


@cache
def stopwords() -> frozenset[str]:
    """Capitalised words that are never a name on their own."""
    return frozenset(lines("capitalised_stopwords.txt"))


@cache
def not_name_ends() -> frozenset[str]:
    """Words that cannot end a person's name: stopwords, places and organisation head words."""
    return stopwords() | places() | frozenset(org_head_words())


@cache
def not_short_forms() -> frozenset[str]:
    """Words that cannot stand for a longer organisation name: the above plus demonyms."""
    return not_name_ends() | demonyms()


@cache
def family_names_first() -> frozenset[str]:
    """Family names of cultures that write them first ("Zhang Wei")."""
    return frozenset(lines("family_names_first.txt"))


@cache
def known_orgs() -> dict[str, tuple[str, str]]:
    """Name key -> (display name, kind) for media, government bodies and listed companies."""
    table: dict[str, tuple[str, str]] = {}
    for display, kind in _listed_companies():
        table.setdefault(name_key(display), (display, kind))
    for kind, file in (("government", "government_orgs.txt"), ("media", "media_outlets.txt")):
        for display in lines(file):
            table[name_key(display)] = (display, kind)
    return table


def _listed_companies() -> list[tuple[str, str]]:
    """Listed companies from pytickersymbols, legal form removed, minus ambiguous one-word names."""
    from pytickersymbols import PyTickerSymbols

    out: list[tuple[str, str]] = []
    skip = stopwords() | places() | given_names()
    for stock in PyTickerSymbols().get_all_stocks():
        display = basename(basename(stock["name"])) or stock["name"]
        display = re.sub(r"^The\s+", "", display).strip(" ,")
        if display in skip or display.lower() == display:
            continue
        out.append((display, "company"))
    return out


@cache
def known_aliases() -> dict[str, frozenset[str]]:
    """Short name -> the full names it stands for ("Fed" -> "Federal Reserve", ...)."""
    table: dict[str, set[str]] = {}
    for short, full in _tsv_rows("known_aliases.tsv"):
        table.setdefault(short, set()).add(full)
    return {short: frozenset(fulls) for short, fulls in table.items()}


@cache
def sports_club_words() -> dict[str, str]:
    """Club-name suffixes ("United") and team nouns ("team") -> "suffix" or "noun"."""
    return pairs("sports_club_words.txt")


@cache
def names_with_the() -> frozenset[str]:
    """Keys of known names whose own spelling opens with "The" ("The Wall Street Journal")."""
    return frozenset(
        name_key(display)
        for file in ("government_orgs.txt", "media_outlets.txt")
        for display in lines(file)
        if display.startswith("The ")
    )


@cache
def not_org_heads() -> frozenset[str]:
    """Last words of event, competition, prize and structure names ("Cup", "Show", "Bridge")."""
    return frozenset(lines("not_org_heads.txt"))


@cache
def not_org_names() -> frozenset[str]:
    """Technical and economic terms NER mistakes for organisations ("DVR", "GSM", "VAT")."""
    return frozenset(lines("not_org_names.txt"))


@cache
def country_codes() -> dict[str, str]:
    """Country name, short form or demonym -> ISO 3166-1 alpha-2 ("Russia", "Russian" -> "RU").

    Read from the events' country tables (pycountry names; hand-written aliases and demonyms);
    world regions are left out.
    """
    table: dict[str, str] = {}
    for name, code in _tsv_rows("events_countries.tsv"):
        table[name] = code
    for phrase, code, _kind in _tsv_rows("events_country_aliases.tsv"):
        if len(code) == 2 and code.isupper():
            table.setdefault(phrase, code)
    return table


@cache
def government_seats() -> dict[str, str]:
    """Seat-of-government names -> ISO code of the country they stand for ("Kremlin" -> "RU")."""
    return dict(_tsv_rows("government_seats.tsv"))


def _tsv_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated resource without its comment lines and its header row."""
    return [ln.split("\t") for ln in lines(name)][1:]


@cache
def product_nouns() -> frozenset[str]:
    """Lower-case nouns that make the name beside them a product ("handset", "game")."""
    return frozenset(lines("product_nouns.txt"))


@cache
def english_words() -> frozenset[str]:
    """Lower-case English words: Webster's Second International (public domain), english-words."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=True, alpha=True))


@cache
def places() -> frozenset[str]:
    """Country, subdivision, city, region and nationality names."""
    import pycountry

    names = set(pairs("places.txt"))
    for country in pycountry.countries:
        names.add(country.name)
        names.update(
            getattr(country, a) for a in ("common_name", "official_name") if hasattr(country, a)
        )
    for code in ("US", "CN", "IN", "CA", "AU", "GB", "DE", "JP"):
        names.update(sub.name for sub in pycountry.subdivisions.get(country_code=code))
    names.update(
        {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "Britain", "America", "Russia", "Korea"}
    )
    names.update({"Taiwan", "Vietnam", "Iran", "Syria", "Turkey", "Bolivia", "Venezuela", "Laos"})
    return frozenset(names)


@cache
def demonyms() -> frozenset[str]:
    """Nationality adjectives ("Chinese", "South Korean")."""
    return frozenset(k for k, v in pairs("places.txt").items() if v == "demonym")


@cache
def given_names() -> frozenset[str]:
    """Given names from many countries (gender-guesser's nam_dict.txt), minus common words."""
    from gender_guesser import detector

    path = Path(detector.__file__).parent / "data" / "nam_dict.txt"
    names: set[str] = set()
    with open(path, encoding="iso8859-1") as handle:
        for raw in handle:
            if raw.startswith("#") or len(raw) < 31:
                continue
            freq = raw[_NAM_DICT_FREQUENCY_COLUMNS].strip()
            if freq and max(int(c, 16) for c in freq if c in _HEX) >= MIN_GIVEN_NAME_FREQUENCY:
                names.update(raw[_NAM_DICT_NAME_COLUMNS].strip().replace("+", "-").split())
    return frozenset(names - stopwords() - set(title_words()) - honorifics())
