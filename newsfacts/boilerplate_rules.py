"""Plain-text cleaning rules: the line classifiers, vocabularies and date lines that
newsfacts/boilerplate.py applies to each unit (line or paragraph) of a crawled text.

Each rule looks at a whole unit, never at words inside prose, so a sentence that mentions
"read more" or "filed under" is never cut.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsfacts.settings import TITLE_MAX_CHARS, TITLE_MAX_WORDS

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
SPACE_RE = re.compile(rf" [ {_OTHER_SPACES}]+|[{_OTHER_SPACES}][ {_OTHER_SPACES}]*")
INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_STRIP_SPLIT_RE = re.compile(r"\s+[|·•]\s+|\s*[|·•]\s*(?=\S)")
_UI_TOKEN_RE = re.compile(r"[^\s/|•·,>»›<«‹\-–—:()\[\]]+")
_EDGE_PUNCT = " \t:;.,!?»›→←«‹|•·-–—()[]\"'“”‘’"
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
SENTENCE_BREAK_RE = re.compile(r"[a-z\d)\"”’]{2,}[.!?][\"'”’]?\s+[A-Z\"“‘]")
# A line starting in lower case (or with closing punctuation) continues a sentence.
CONTINUATION_START_RE = re.compile(r"^[\"'”’]?[a-z]|^[,;:)\]%]")
# Ends of a line that close a sentence, a heading lead-in or a list or table row.
LINE_END_PUNCT = (".", "!", "?", "…", ":", '"', "”", "’", "'", ")", "]")
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
def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def line_key(text: str) -> str:
    """Comparison key: casefolded, quotes unified, edge punctuation and inner spacing squashed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split()).strip(_EDGE_PUNCT)


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence ('.', '!', '?', possibly before a quote)."""
    return bool(_TERMINAL_RE.search(text))


def is_prose(text: str) -> bool:
    """Article prose: a real sentence of some length, or too long for any headline."""
    words = word_count(text)
    return words > TITLE_MAX_WORDS or (words >= 5 and ends_sentence(text))


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
    return bool(_FILED_UNDER_RE.match(line)) and word_count(line) <= META_LINE_MAX_WORDS


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
    return word_count(line) <= META_LINE_MAX_WORDS and bool(_CREDIT_RE.search(line))


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
    return line_key(line) in EDGE_WIDGETS or is_navigation(line)


def is_teaser_heading(line: str) -> bool:
    """Headings of recommendation blocks.

    Matches "You May Also Like", "More from Example News", "Most popular", "Read next".
    """
    return bool(_TEASER_HEADING_RE.match(line.strip())) and word_count(line) <= 8


def is_inline_teaser(line: str) -> bool:
    """A single promoted headline with its label.

    Matches "READ MORE: Rival unveils budget handset", "Also read: Chip shortage eases".
    """
    # The anchored match first: it fails on the first word of almost every line.
    return (
        bool(_INLINE_TEASER_RE.match(line))
        and word_count(line) <= SHORT_LINE_MAX_WORDS + 5
        and not SENTENCE_BREAK_RE.search(line)
    )


def looks_like_headline(line: str) -> bool:
    """Short single-sentence line without a final period, starting with a capital.

    Matches "Acme says it plans to enter US market this year", "Why Chip Prices Keep Rising?",
    "iPhone sales slow in Europe", "$1m payoff for former chief".
    """
    words = word_count(line)
    if not 3 <= words <= TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS:
        return False
    end = line.rstrip("\"'”’)")
    if not end.endswith(("...", "…")) and end.endswith((".", ",", ";", ":")):
        return False
    if SENTENCE_BREAK_RE.search(line) or line.count(":") > 1 or _URL_RE.search(line):
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
    if _DATE_TAIL_RE.match(rest) and word_count(rest) <= DATE_LINE_MAX_TAIL_WORDS:
        rest = ""
    keyword = " ".join((match.groupdict().get("kw") or "").lower().split())
    return _DateHit(
        iso, line[: match.end()].strip(), rest.strip(" |,·•-–—:"), keyword in _UPDATE_KEYWORDS
    )
