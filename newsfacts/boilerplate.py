"""Plain-text cleaning: crawled article text in, title, date, body and removed boilerplate out.

Rules are small functions, one per kind of web residue a crawler leaves in plain text
(navigation words, comment counters, repeated captions, teaser blocks, widgets, date lines).
Each rule looks at whole lines ("units"), never at words inside prose, so a sentence that
mentions "read more" or "filed under" is never cut.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsfacts.dateline import Dateline, parse_dateline
from newsfacts.settings import TITLE_MAX_CHARS, TITLE_MAX_WORDS
from newsfacts.unwrap import paragraphs
from newsfacts.wire import cut_glued_credit, trailing_sign_offs

# --- thresholds (words, characters) -----------------------------------------------------------
# A unit with more words than this is prose, never a caption, widget or teaser headline.
SHORT_LINE_MAX_WORDS = 20
# A teaser blurb (one-sentence summary under a teaser headline) has at most this many words.
TEASER_BLURB_MAX_WORDS = 50
# A photo caption is printed at most this many times (above the text, doubled, once more below);
# lines repeated more often are list or table labels ("Meal 1", "Price:").
CAPTION_MAX_COPIES = 3
# Metadata lines ("Filed under: A, B", "Photo: X/Agency") are only removed when this short.
META_LINE_MAX_WORDS = 15
# A line made only of UI words has at most this many tokens ("clock menu more-arrow no yes").
NAV_LINE_MAX_TOKENS = 12
# A line after an open-ended line of at least this many words continues its sentence.
OPEN_LINE_MIN_WORDS = 8
# Date lines: a standalone date line keeps at most this many words of byline after the date.
DATE_LINE_MAX_TAIL_WORDS = 10
# Bare date lines (no "Published" keyword) are only trusted among the first units of a text.
BARE_DATE_MAX_POSITION = 5
# The headline is looked for among this many first kept units (kickers and labels above it).
TITLE_SEARCH_UNITS = 6
# A dateline is looked for in this many first kept units (a byline may sit above it).
DATELINE_SEARCH_UNITS = 3


@dataclass(frozen=True)
class CleanText:
    """Result of cleaning one plain-text article."""

    title: str | None  # headline found at the top (or the title_hint), else None
    body: str  # cleaned article text, paragraphs separated by "\n\n"
    date: str | None  # ISO yyyy-mm-dd from an explicit date line/prefix in the text, else None
    removed: tuple[tuple[str, str], ...]  # (removed line or block text, reason)
    dateline: Dateline | None = None  # the dateline cut off the first paragraph, if any


# --- vocabularies (general web UI words, written by the team) ---------------------------------
def _vocab(text: str) -> frozenset[str]:
    """Entries of a vocabulary written one per "|" (or whitespace when there is no "|")."""
    parts = text.split("|") if "|" in text else text.split()
    return frozenset(" ".join(part.split()) for part in parts if part.strip())


# Words that on their own line are interface residue wherever they occur: icon names, share
# buttons, account and navigation links of news sites.
STRONG_UI_WORDS = _vocab(
    """
    menu clock arrow more-arrow chevron icon caret hamburger search close toggle
    share shares tweet retweet facebook twitter linkedin pinterest whatsapp reddit telegram
    flipboard email e-mail mail print bookmark subscribe unsubscribe newsletter newsletters
    login logout log signin sign skip advertisement advertisements ad ads sponsored
    navigation nav sidebar footer header
    """
)
# Words that are UI residue only in the company of a strong word, or at the edges of a text.
WEAK_UI_WORDS = _vocab(
    """
    no yes all more read in out up on to the for our your us of and or now free daily weekly
    main content next previous prev back top home page comments comment reply like follow
    save copy link links embed open play video audio listen watch gallery photos photo image
    images view show hide load see story article this post expand collapse left right down
    x via options settings account register here
    """
)
UI_WORDS = STRONG_UI_WORDS | WEAK_UI_WORDS

# Whole-line widgets (casefolded, trailing ":" and arrows stripped). Removed near the top
# (before the article prose starts) and in the trailing run after the last paragraph.
EDGE_WIDGETS = _vocab(
    """
    read more|recommend|recommended|all|instructions|share this article|share this story|share
    |comments|comment|tags|topics|sponsored|sponsored content|advertisement|print|email|save
    |show more|load more|see more|view all|see all|back to top|top|next article|previous article
    |next story|previous story|related|like|follow|follow us|more|listen|listen to this article
    |play|video|watch|photos|gallery|reply|report|loading|close|ok|accept|got it|continue reading
    |view comments|show comments|leave a comment|post a comment|join the conversation|trending
    |most popular|recommended for you|more stories|you may also like|more from|newsletter
    |sign up|subscribe|log in|sign in|skip to content|skip to main content|menu|search
    """
)

# --- compiled patterns ---------------------------------------------------------------------------
_OTHER_SPACES = r"\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # spacing besides " "
# Runs of spacing to squash into one " ": every run but a lone " ", which needs no rewriting
# (matching each lone " " too made the substitution twice as slow).
_SPACE_RE = re.compile(rf" [ {_OTHER_SPACES}]+|[{_OTHER_SPACES}][ {_OTHER_SPACES}]*")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_STRIP_SPLIT_RE = re.compile(r"\s+[|·•]\s+|\s*[|·•]\s*(?=\S)")
_UI_TOKEN_RE = re.compile(r"[^\s/|•·,>»›<«‹\-–—:()\[\]]+")
_EDGE_PUNCT = " \t:;.,!?»›→←«‹|•·-–—()[]\"'“”‘’"
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_BREAK_RE = re.compile(r"[a-z\d)\"”’]{2,}[.!?][\"'”’]?\s+[A-Z\"“‘]")
# A line starting in lower case (or with closing punctuation) continues a sentence.
_CONTINUATION_START_RE = re.compile(r"^[\"'”’]?[a-z]|^[,;:)\]%]")
# Ends of a line that close a sentence, a heading lead-in or a list or table row.
_LINE_END_PUNCT = (".", "!", "?", "…", ":", '"', "”", "’", "'", ")", "]")
_BYLINE_RE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von)){0,4}$")
_URL_RE = re.compile(r"https?://|\bwww\.", re.IGNORECASE)

_COMMENT_COUNTER_RE = re.compile(
    r"^(?:new,?\s*)?\d[\d,.]*\s*k?\+?\s+(?:new\s+)?comments?$"
    r"|^(?:view|show|see|read|load|join)\s+(?:all\s+)?(?:the\s+)?\d[\d,.]*\s*k?\s+comments?$"
    r"|^comments?\s*[(:\[]?\s*\d[\d,.]*\s*[)\]]?$",
    re.IGNORECASE,
)
_FILED_UNDER_RE = re.compile(
    r"^(?:filed|posted|published)\s+(?:under|in)\s*:|^(?:tags?|topics?|categories|category"
    r"|sections?|keywords?|more about)\s*:",
    re.IGNORECASE,
)
_CAPTION_LABEL_RE = re.compile(
    r"^(?:image|media|photo|video|picture)\s+(?:caption|copyright|source|credit)\b",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"^[(\[]?(?:photo(?:graph)?s?|images?|pictures?|illustrations?|credits?|"
    r"photo\s+credit|image\s+credit|source)\s*(?::|by\b|©)"
    r"|^[(\[]?(?:©|\(c\)|copyright\b)"
    r"|\b(?:getty\s+images|ap\s+photo|afp\s+photo|epa-efe|shutterstock|all\s+rights\s+reserved)\b",
    re.IGNORECASE,
)
_COOKIE_RE = re.compile(
    r"^(?:we|this\s+(?:web)?site|our\s+(?:web)?site|this\s+website)\s+uses?\s+cookies"
    r"|\bby\s+(?:continuing|using|clicking)\b.{0,120}\b(?:agree|accept|consent)\b.{0,60}\bcookies?"
    r"|\bcookies?\b.{0,120}\b(?:accept\s+all|got\s+it|manage\s+(?:preferences|settings|cookies)"
    r"|cookie\s+(?:policy|settings|preferences))\b",
    re.IGNORECASE,
)
# Every _COOKIE_RE alternative contains this word; looking for it first is several times quicker.
_COOKIE_WORD_RE = re.compile("cookie", re.IGNORECASE)
_ADVERT_RE = re.compile(
    r"^(?:advertisement|advertising|sponsored|ad)\b[\s\-–—:|]*(?:continue\s+reading"
    r"(?:\s+below)?|scroll\s+to\s+continue(?:\s+with\s+content)?|story\s+continues\s+below)?$"
    r"|^(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad))?$",
    re.IGNORECASE,
)
_TEASER_HEADING_RE = re.compile(
    r"^(?:you\s+(?:may|might|could)\s+also\s+(?:like|enjoy)|you\s+might\s+be\s+interested\s+in"
    r"|related(?:\s+(?:articles?|stories|posts?|news|coverage|content|reading|links|topics))?"
    r"|more\s+from\s+.{1,40}|more\s+(?:stories|news|articles|on\s+this(?:\s+(?:story|topic))?)"
    r"|recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?"
    r"|(?:what\s+to\s+)?read\s+next|up\s+next|read\s+more|keep\s+reading"
    r"|most\s+(?:popular|read|viewed|shared|commented)|trending(?:\s+(?:now|stories|news))?"
    r"|popular\s+(?:now|stories|articles|on\s+.{1,30})|editor'?s'?\s+(?:picks|choice)"
    r"|don'?t\s+miss|further\s+reading|see\s+also|also\s+read|top\s+stories"
    r"|latest\s+(?:news|stories|articles)|(?:sponsored|promoted|partner)\s+(?:content|stories|links)"
    r"|(?:from\s+)?around\s+the\s+web|from\s+the\s+web|in\s+case\s+you\s+missed\s+it)"
    r"\s*[:»›→>.]*$",
    re.IGNORECASE,
)
_INLINE_TEASER_RE = re.compile(
    r"^(?:read\s+more|also\s+read|see\s+also|related|read\s+next|recommended|more|watch"
    r"|listen|explainer)\s*[:»›→|]\s*\S",
    re.IGNORECASE,
)

# Dates. Month names in English; numeric dd/mm vs mm/dd is ambiguous, so only ISO order.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+)?"
)
_DATE_CORE = (
    r"(?:(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|(?P<mm>{_MONTH_ALT})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"
    rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{_MONTH_ALT})\.?,?\s+(?P<dy>\d{{4}}))"
)
_TIME = (
    r"(?:\s*(?:,|\||at|-|–|·|•)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
)
_DATE_KEYWORD = (
    r"(?P<kw>date|dated|published|first\s+published|posted|updated|last\s+updated|modified"
    r"|last\s+modified)"
)
_KEYWORD_DATE_RE = re.compile(
    rf"^{_DATE_KEYWORD}(?:\s+on)?\s*[:\-–—|]?\s*{_WEEKDAY}{_DATE_CORE}{_TIME}",
    re.IGNORECASE,
)
_BARE_DATE_RE = re.compile(rf"^{_WEEKDAY}{_DATE_CORE}{_TIME}", re.IGNORECASE)
_DATE_TAIL_RE = re.compile(r"^[\s|,·•\-–—]*(?:by\s+[^.!?]{1,80})?[\s|,·•\-–—]*$", re.IGNORECASE)
_UPDATE_KEYWORDS = frozenset({"updated", "last updated", "modified", "last modified"})


# --- small text helpers ---------------------------------------------------------------------------
def _words(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def _key(text: str) -> str:
    """Comparison key: casefolded, quotes unified, edge punctuation and inner spacing squashed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split()).strip(_EDGE_PUNCT)


def _ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence ('.', '!', '?', possibly before a quote)."""
    return bool(_TERMINAL_RE.search(text))


def _is_prose(text: str) -> bool:
    """Article prose: a real sentence of some length, or too long for any headline."""
    words = _words(text)
    return words > TITLE_MAX_WORDS or (words >= 5 and _ends_sentence(text))


# --- line rules: each returns True when the whole line is that kind of residue -----------------
def is_navigation(line: str) -> bool:
    """Lines made only of UI words with at least one unmistakable one.

    Matches "clock menu more-arrow no yes", "Share on Facebook", "Skip to main content".
    """
    # Tokens (split on spaces, separators and hyphens) are read one at a time: prose fails on
    # its first few words, and this rule is tried on every line of every article.
    strong = False
    for count, match in enumerate(_UI_TOKEN_RE.finditer(line.casefold()), start=1):
        token = match.group().strip(_EDGE_PUNCT)
        if count > NAV_LINE_MAX_TOKENS or token not in UI_WORDS:
            return False
        strong = strong or token in STRONG_UI_WORDS
    return strong


def is_widget_strip(line: str) -> bool:
    """Several widgets on one line, split by "|", "·" or "•".

    Matches "27 comments | share this story", "Share · Tweet · Email", "12 Comments | Print".
    """
    if not any(separator in line for separator in "|·•"):
        return False  # the quick answer for almost every line
    parts = [part.strip() for part in _STRIP_SPLIT_RE.split(line) if part.strip()]
    if len(parts) < 2:
        return False
    return all(is_comment_counter(p) or is_edge_widget(p) for p in parts)


def is_advertisement(line: str) -> bool:
    """Ad slot markers.

    Matches "Advertisement", "ADVERTISEMENT - Continue reading below", "Story continues below".
    """
    return bool(_ADVERT_RE.match(line))


def is_filed_under(line: str) -> bool:
    """Short section/tag label lines.

    Matches "Filed under:", "Filed under: Mobile, Policy", "Tags: phones, retail".
    """
    return bool(_FILED_UNDER_RE.match(line)) and _words(line) <= META_LINE_MAX_WORDS


def is_comment_counter(line: str) -> bool:
    """Comment counters.

    Matches "New, 48 comments", "12 Comments", "View 3 comments", "Comments (7)".
    """
    return bool(_COMMENT_COUNTER_RE.match(line))


def is_caption_label(line: str) -> bool:
    """Caption and photo credit lines.

    Matches "Image caption The plant opened in May", "Photo: Jane Roe/Agency", "Getty Images".
    """
    if _CAPTION_LABEL_RE.match(line):
        return True
    # The word count first: it rules out prose lines, where the search is slowest.
    return _words(line) <= META_LINE_MAX_WORDS and bool(_CREDIT_RE.search(line))


def is_cookie_notice(line: str) -> bool:
    """Cookie consent banners.

    Matches "We use cookies to improve your experience", "By continuing you agree to our use
    of cookies", "This site uses cookies. Accept all".
    """
    return bool(_COOKIE_WORD_RE.search(line)) and bool(_COOKIE_RE.search(line))


def is_edge_widget(line: str) -> bool:
    """Widget labels that are junk at the top or the end of an article.

    Matches "READ MORE", "Recommend", "All", "Instructions", "Share this article".
    """
    return _key(line) in EDGE_WIDGETS or is_navigation(line)


def is_teaser_heading(line: str) -> bool:
    """Headings of recommendation blocks.

    Matches "You May Also Like", "More from Example News", "Most popular", "Read next".
    """
    return bool(_TEASER_HEADING_RE.match(line.strip())) and _words(line) <= 8


def is_inline_teaser(line: str) -> bool:
    """A single promoted headline with its label.

    Matches "READ MORE: Rival unveils budget handset", "Also read: Chip shortage eases".
    """
    # The anchored match first: it fails on the first word of almost every line.
    return (
        bool(_INLINE_TEASER_RE.match(line))
        and _words(line) <= SHORT_LINE_MAX_WORDS + 5
        and not _SENTENCE_BREAK_RE.search(line)
    )


def looks_like_headline(line: str) -> bool:
    """Short single-sentence line without a final period, starting with a capital.

    Matches "Acme says it plans to enter US market this year", "Why Chip Prices Keep Rising?",
    "iPhone sales slow in Europe", "$1m payoff for former chief".
    """
    words = _words(line)
    if not 3 <= words <= TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS:
        return False
    end = line.rstrip("\"'”’)")
    if not end.endswith(("...", "…")) and end.endswith((".", ",", ";", ":")):
        return False
    if _SENTENCE_BREAK_RE.search(line) or line.count(":") > 1 or _URL_RE.search(line):
        return False  # "Tested by: X RRP: 49 Euro More info: www..." is a spec box, not a headline
    if _BYLINE_RE.match(line):
        return False  # "By Jane Roe" above a story is its byline
    first_word = line.split()[0]
    first = first_word.lstrip("\"'“‘([$£€¥&#;")[:1]
    return first.isupper() or first.isdigit() or any(ch.isupper() for ch in first_word)


# Registry of whole-line rules, applied to every unit, first match wins.
LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("comment_counter", is_comment_counter),
    ("navigation", is_navigation),
    ("navigation", is_widget_strip),
    ("navigation", is_advertisement),
    ("navigation", is_filed_under),
    ("navigation", is_caption_label),
    ("navigation", is_cookie_notice),
    ("teaser_block", is_inline_teaser),
)


# --- dates ----------------------------------------------------------------------------------------
def _iso_from_match(match: re.Match[str]) -> str | None:
    """ISO date from a _DATE_CORE match, or None when it is not a real calendar date."""
    groups = match.groupdict()
    if groups.get("iy"):
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups.get("mm"):
        year, month, day = int(groups["my"]), _MONTHS[groups["mm"].lower()], int(groups["md"])
    else:
        year, month, day = int(groups["dy"]), _MONTHS[groups["dm"].lower()], int(groups["dd"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class _DateHit:
    """An explicit document date found at the start of a unit."""

    iso: str
    prefix: str  # the matched "Published: March 4, 2018" text
    rest: str  # what follows it in the unit ("" when the whole line is the date line)
    is_update: bool


def parse_date_line(line: str, allow_bare: bool) -> _DateHit | None:
    """Document date stated at the start of a line.

    Matches "date 2018-07-04 Text starts here", "Published: March 4, 2018",
    "Posted on 4 July 2018 by Jane Roe"; bare "July 4, 2018 | 10:30 AM" only with allow_bare.
    """
    match = _KEYWORD_DATE_RE.match(line)
    if match is None and allow_bare:
        match = _BARE_DATE_RE.match(line)
        if match and not _DATE_TAIL_RE.match(line[match.end() :]):
            return None  # a bare date opening a sentence is prose, not a date line
    if match is None:
        return None
    iso = _iso_from_match(match)
    if iso is None:
        return None
    rest = line[match.end() :]
    if _DATE_TAIL_RE.match(rest) and _words(rest) <= DATE_LINE_MAX_TAIL_WORDS:
        rest = ""
    keyword = " ".join((match.groupdict().get("kw") or "").lower().split())
    return _DateHit(
        iso, line[: match.end()].strip(), rest.strip(" |,·•-–—:"), keyword in _UPDATE_KEYWORDS
    )


# --- splitting ------------------------------------------------------------------------------------
def split_units(text: str) -> list[str]:
    """Whitespace-normalised units: paragraphs of hard-wrapped text joined, other lines as they are."""
    text = _INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Spacing is squashed per unit, after unwrapping: indentation and column gaps mark
    # paragraphs and table rows in wrapped text.
    units = (_SPACE_RE.sub(" ", unit).strip() for unit in paragraphs(text))
    return [unit for unit in units if unit]


# --- passes over the units of one text ------------------------------------------------------------
class _Doc:
    """Units of one text and the removal reason of each unit that goes."""

    def __init__(self, units: list[str]) -> None:
        self.units = units
        self.reason: dict[int, str] = {}
        self.cut: list[tuple[int, str, str]] = []  # parts cut out of a kept unit

    def mark(self, index: int, reason: str) -> None:
        """Mark a unit for removal; the first reason given wins."""
        self.reason.setdefault(index, reason)

    def live(self) -> list[int]:
        """Indexes of the units still kept, in order."""
        return [i for i in range(len(self.units)) if i not in self.reason]

    def first_prose(self, skip: int | None = None) -> int:
        """Index of the first kept prose unit (other than skip), or len(units)."""
        for i in self.live():
            if i != skip and _is_prose(self.units[i]):
                return i
        return len(self.units)


def _mark_line_rules(doc: _Doc) -> None:
    """Apply the whole-line rules of LINE_RULES to every unit."""
    for i, unit in enumerate(doc.units):
        for reason, rule in LINE_RULES:
            if rule(unit):
                doc.mark(i, reason)
                break


def _take_date(doc: _Doc) -> str | None:
    """Remove explicit date lines/prefixes and return the document date they state."""
    live = doc.live()
    prose_start = doc.first_prose()
    hits: list[tuple[bool, int, str]] = []
    for rank, i in enumerate(live):
        head_zone = rank < BARE_DATE_MAX_POSITION and i <= prose_start
        hit = parse_date_line(doc.units[i], allow_bare=head_zone)
        if hit is None or (hit.rest and rank >= 2):
            continue  # a date opening prose deep in the text is part of the story
        hits.append((hit.is_update, i, hit.iso))
        if hit.rest:
            doc.cut.append((i, hit.prefix, "date_line"))
            doc.units[i] = hit.rest
        else:
            doc.mark(i, "date_line")
    # A "Published" date beats an "Updated" one; otherwise the first one stated.
    return min(hits)[2] if hits else None


def _take_title(doc: _Doc, title_hint: str | None) -> str | None:
    """Find and remove the headline (or the line repeating title_hint); return the title."""
    if title_hint is not None:
        hint_key = _key(title_hint)
        live = doc.live()
        if live and _key(doc.units[live[0]]) == hint_key:
            doc.mark(live[0], "title")
        return title_hint.strip() or None
    live = doc.live()
    for pos, i in enumerate(live[:TITLE_SEARCH_UNITS]):
        unit = doc.units[i]
        if _is_label(unit):
            continue  # a section label or widget above the headline
        if not looks_like_headline(unit) or doc.first_prose(skip=i) == len(doc.units):
            return None
        for kicker in live[:pos]:
            doc.mark(kicker, "widget")
        doc.mark(i, "title")
        return unit
    return None


def _is_label(unit: str) -> bool:
    """Section labels and widgets that sit above a headline ("Technology", "Most popular")."""
    short_label = _words(unit) <= 2 and not _ends_sentence(unit)
    return short_label or is_edge_widget(unit) or is_teaser_heading(unit)


def _mark_repeats(doc: _Doc, title: str | None) -> None:
    """Remove copies of the title, doubled photo captions and doubled paragraphs."""
    title_key = _key(title) if title else None
    live = doc.live()
    keys = {i: _key(doc.units[i]) for i in live}
    where: dict[str, list[int]] = {}
    for pos, i in enumerate(live):
        where.setdefault(keys[i], []).append(pos)
    prose_pos = next((p for p, i in enumerate(live) if _is_prose(doc.units[i])), len(live))
    for pos, i in enumerate(live):
        key, unit = keys[i], doc.units[i]
        if key == title_key:
            doc.mark(i, "title")
        elif _is_caption_like(unit) and _is_caption_pair(where[key], prose_pos):
            doc.mark(i, "caption_repeat")
        elif pos and key == keys[live[pos - 1]]:
            doc.mark(i, "duplicate_paragraph")


def _is_caption_pair(positions: list[int], prose_pos: int) -> bool:
    """A caption is printed two or three times: twice in a row, or once above the prose."""
    if not 2 <= len(positions) <= CAPTION_MAX_COPIES:
        return False
    adjacent = any(b == a + 1 for a, b in zip(positions, positions[1:], strict=False))
    return adjacent or positions[0] < prose_pos


def _is_caption_like(unit: str) -> bool:
    """A short line that does not end like a sentence or a lead-in ("Acme's X5 flagship")."""
    return (
        _words(unit) <= SHORT_LINE_MAX_WORDS and not _ends_sentence(unit) and not unit.endswith(":")
    )


def _mark_edge_widgets(doc: _Doc) -> None:
    """Remove widget lines above the first prose unit and in the run after the last one."""
    prose_start = doc.first_prose()
    for i in doc.live():
        if i >= prose_start:
            break
        if is_edge_widget(doc.units[i]):
            doc.mark(i, "widget")
    for i in reversed(doc.live()):
        if not is_edge_widget(doc.units[i]):
            break
        doc.mark(i, "widget")


def _teaser_kind(unit: str, previous: str) -> str | None:
    """Role of a unit inside a teaser block: 'headline', 'blurb' or None (prose resumes)."""
    if _words(unit) <= SHORT_LINE_MAX_WORDS and not unit.rstrip("\"'”’)").endswith("."):
        return "headline"
    sentences = len(_SENTENCE_BREAK_RE.findall(unit)) + 1
    if previous == "headline" and _words(unit) <= TEASER_BLURB_MAX_WORDS and sentences <= 2:
        return "blurb"
    return None


def _teaser_run(units: list[str], following: Iterable[int]) -> list[int]:
    """Units after a teaser heading that read as teaser headlines and blurbs."""
    run: list[tuple[int, str]] = []
    previous = "heading"
    for i in following:
        kind = _teaser_kind(units[i], previous)
        if kind is None:
            # Blurbs just before resumed prose may be prose themselves: keep them.
            while run and run[-1][1] == "blurb" and not _is_long_prose(units[i]):
                run.pop()
            break
        run.append((i, kind))
        previous = kind
    return [j for j, _ in run]


def _is_long_prose(unit: str) -> bool:
    """Prose that cannot be a teaser blurb: long or several sentences."""
    sentences = len(_SENTENCE_BREAK_RE.findall(unit)) + 1
    return _words(unit) > TEASER_BLURB_MAX_WORDS or sentences > 2


def _mark_teaser_blocks(doc: _Doc) -> None:
    """Remove "You May Also Like"-style headings with the headlines and blurbs under them."""
    live = doc.live()
    for pos, i in enumerate(live):
        if i in doc.reason or not is_teaser_heading(doc.units[i]):
            continue
        following = (live[k] for k in range(pos + 1, len(live)))
        for j in [i, *_teaser_run(doc.units, following)]:
            doc.mark(j, "teaser_block")


def _mark_sign_offs(doc: _Doc) -> None:
    """Remove an agency's sign-off: credits, end marks and contact blocks after the story."""
    live = doc.live()
    for pos in trailing_sign_offs([doc.units[i] for i in live]):
        doc.mark(live[pos], "sign_off")
    live = doc.live()
    if live:
        rest, credit = cut_glued_credit(doc.units[live[-1]])
        if credit:
            doc.cut.append((live[-1], credit, "sign_off"))
            doc.units[live[-1]] = rest


def _take_dateline(doc: _Doc) -> Dateline | None:
    """Cut the dateline ("LONDON, March 3 (Reuters) -") off the story's first paragraph."""
    for i in doc.live()[:DATELINE_SEARCH_UNITS]:
        unit = doc.units[i]
        found = parse_dateline(unit)
        if found is not None:
            rest = unit[found.end :].strip()
            if rest:
                doc.cut.append((i, unit[: found.end].strip(), "dateline"))
                doc.units[i] = rest
            else:
                doc.mark(i, "dateline")
            return found
        if _is_prose(unit):
            return None  # the story has started without a dateline
    return None


# --- public API -----------------------------------------------------------------------------------
def clean_plain_text(text: str, title_hint: str | None = None) -> CleanText:
    """Clean crawled plain text: strip boilerplate, find the headline and a stated date."""
    doc = _Doc(split_units(text))
    _mark_line_rules(doc)
    date = _take_date(doc)
    title = _take_title(doc, title_hint)
    _mark_repeats(doc, title)
    _mark_edge_widgets(doc)
    _mark_teaser_blocks(doc)
    _mark_edge_widgets(doc)
    _mark_sign_offs(doc)
    dateline = _take_dateline(doc)
    removed = [(i, doc.units[i], reason) for i, reason in doc.reason.items()] + doc.cut
    removed.sort(key=lambda item: item[0])
    body = "\n\n".join(doc.units[i] for i in doc.live())
    pieces = tuple((part, reason) for _, part, reason in removed)
    return CleanText(title, body, date, pieces, dateline)


def _squash(line: str) -> str:
    """A line with its spacing normalised, as compared by repeated_lines and drop_lines."""
    return _SPACE_RE.sub(" ", line).strip()


def _squashed_lines(body: str) -> set[str]:
    """The distinct non-empty lines of a body, squashed; one substitution for the whole body."""
    return {line for raw in _SPACE_RE.sub(" ", body).split("\n") if (line := raw.strip())}


def repeated_lines(bodies: Iterable[str], min_docs: int, min_share: float) -> set[str]:
    """Lines found in >= min_docs bodies and >= min_share of them: a publisher's template lines.

    A prose line only counts in a body that is mostly its own text, so copies of one
    article (exact or near duplicates) never turn their shared prose into "template".
    """
    line_sets = [_squashed_lines(body) for body in bodies]
    if not line_sets:
        return set()
    counts = Counter(line for lines in line_sets for line in lines)
    shared = {line for line, n in counts.items() if n >= min_docs}
    support: Counter[str] = Counter()
    for lines in line_sets:
        own_chars = sum(len(ln) for ln in lines if ln not in shared)
        mostly_own = own_chars * 2 > sum(len(ln) for ln in lines)
        for line in lines & shared:
            if mostly_own or not _is_prose(line):
                support[line] += 1
    total = len(line_sets)
    return {
        line
        for line, n in support.items()
        if n >= min_docs and n / total >= min_share and not _CONTINUATION_START_RE.match(line)
    }


def continues_sentence(previous: str | None, line: str) -> bool:
    """Whether a line carries on the sentence of the line before: never a template line alone.

    True for "the company said." (a lower-case start), and for any line after an open prose
    line ("Shares of Acme rose 4 percent on the") that a wrapper cut.
    """
    if _CONTINUATION_START_RE.match(line):
        return True
    if previous is None or _words(previous) < OPEN_LINE_MIN_WORDS:
        return False
    return not previous.rstrip().endswith(_LINE_END_PUNCT)


def drop_lines(body: str, lines: set[str]) -> str:
    """Remove the given (stripped) lines from a body, keeping paragraphs "\\n\\n"-separated.

    A line that continues the sentence of the line before it stays (see continues_sentence).
    """
    kept: list[str] = []
    previous: str | None = None
    for line in body.split("\n"):
        squashed = _squash(line)
        if squashed and squashed in lines and not continues_sentence(previous, squashed):
            continue
        kept.append(line)
        previous = squashed or previous
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
