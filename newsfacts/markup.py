"""HTML markup in JSON text fields: text with markup in, the same text without it out.

Known HTML elements and their attributes are removed, as trafilatura removes them from web
pages: script and style contents go entirely, other elements leave their text, block elements
leave a paragraph break, entities are decoded. Angle-bracket text that is not an HTML element
(the ticker markup of wire copy: "<ACME>", "<VOD.L>", "<EUR=>") stays for extraction to read.

The scan is one regular expression whose every match stops at the next "<" (possessive
quantifiers, no backtracking into a tag), so its time grows with the text, never with its
square: html.parser takes minutes on 200,000 characters of "<a<a<a...".
"""

from __future__ import annotations

import html
import re

# Element names of the HTML Living Standard (WHATWG, "Index: Elements") and its obsolete but
# still-parsed elements (section "Obsolete features"): a general resource, matched without case.
HTML_ELEMENTS = frozenset(
    """
    a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em
    embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark math menu meta meter
    nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby
    s samp script search section select slot small source span strong style sub summary sup
    svg table tbody td template textarea tfoot th thead time title tr track u ul var video
    wbr acronym applet basefont bgsound big blink center dir font frame frameset image
    isindex keygen listing marquee menuitem multicol nextid nobr noembed noframes plaintext
    rb rtc spacer strike tt xmp
    """.split()  # noqa: SIM905 - a word list reads better
)
# Elements whose contents are code or hidden fallbacks, never article text: dropped whole, up to
# their end tag (or the end of the field, as a browser does with an unclosed script).
DROPPED_ELEMENTS = frozenset({"script", "style", "template", "noscript"})
# Elements that end a line of rendered text (a line break inside a paragraph).
LINE_ELEMENTS = frozenset({"br", "tr", "li", "dt", "dd", "option"})
# Block elements: each starts and ends a paragraph of rendered text.
BLOCK_ELEMENTS = frozenset(
    """
    address article aside blockquote body caption center details dialog div dl fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html main nav ol p pre
    section summary table ul
    """.split()  # noqa: SIM905 - a word list reads better
)
# Cells: a space between them, so "<td>1</td><td>2</td>" reads "1 2".
CELL_ELEMENTS = frozenset({"td", "th"})
# Attributes HTML allows without a value (boolean attributes, HTML Living Standard "Index:
# Attributes", plus obsolete ones). Another bare word after a tag name ("a<b and c>d") is prose.
BOOLEAN_ATTRIBUTES = frozenset(
    """
    allowfullscreen async autofocus autoplay checked compact controls default defer disabled
    formnovalidate hidden inert ismap itemscope loop multiple muted nomodule noresize
    noshade novalidate nowrap open playsinline readonly required reversed selected
    """.split()  # noqa: SIM905 - a word list reads better
)

_MARKUP = re.compile(
    r"""
      <!--(?:.*?-->|.*)                                   # comment; unclosed runs to the end
    | <!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|\Z)                # CDATA section: its text stays
    | <[!?][^<>]*+>                                       # doctype, processing instruction
    | <(?P<end>/?)(?P<name>[A-Za-z][^\s/<>]*+)             # a tag: its name, then attributes
      (?P<attrs>(?:[^<>"']|"[^"<]*+"|'[^'<]*+')*+(?=/?>)|[^<>]*+)
      >
    """,
    re.S | re.X,
)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s"'>]*))?""")
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
_AROUND_BREAK = re.compile(r" *(\n+) *")
_MANY_BREAKS = re.compile(r"\n{3,}")
_LINE, _PARAGRAPH = "\0\n\0", "\0\n\n\0"  # break marks; NUL never stays in kept text


def strip_markup(text: str) -> str:
    """The text of a field with known HTML elements, comments and entities removed.

    "<p>Shares of <b onclick=x>Acme</b> <ACME> rose.</p>" -> "Shares of Acme <ACME> rose."
    """
    if "<" not in text and "&" not in text:
        return text
    once = _strip(text, decode=True)
    if "<" not in once:
        return once
    # Entities decoded in the first pass may spell out tags ("&lt;script&gt;"): strip those
    # too, without decoding anything again ("&amp;lt;" stays "&lt;").
    return _strip(once, decode=False)


def strip_markup_in(value: object) -> object:
    """A parsed JSON value with strip_markup applied to every string inside it."""
    if isinstance(value, str):
        return strip_markup(value)
    if isinstance(value, list):
        return [strip_markup_in(item) for item in value]
    if isinstance(value, dict):
        return {key: strip_markup_in(item) for key, item in value.items()}
    return value


def attributes(blob: str) -> list[tuple[str, bool]]:
    """(name, has a value) for each attribute written after a tag name."""
    return [(m.group(1).lower(), m.group(2) is not None) for m in _ATTRIBUTE.finditer(blob)]


def is_markup(name: str, attrs: list[tuple[str, bool]]) -> bool:
    """Whether a start tag is HTML rather than prose or ticker markup.

    Markup: "<p>", "<B>", "<b onclick=x>", "<x-card data-id='3'>". Not markup: "<ACME>",
    "<b and c>" (bare words after the name that HTML gives no meaning to).
    """
    if name in DROPPED_ELEMENTS:
        return True  # whatever follows the name, its contents are code
    if name not in HTML_ELEMENTS:
        return any(valued for _, valued in attrs)  # name=value pairs make it an element
    return all(
        valued or attr in BOOLEAN_ATTRIBUTES or attr.startswith(("data-", "aria-"))
        for attr, valued in attrs
    )


def _strip(text: str, decode: bool) -> str:
    pieces: list[str] = []
    elements: set[str] = set()  # names met as markup, so their end tags go too ("x-card")
    keep = (lambda s: html.unescape(s.replace("\0", ""))) if decode else _no_nul
    pos = 0
    while (match := _MARKUP.search(text, pos)) is not None:
        pieces.append(keep(text[pos : match.start()]))
        pos = match.end()
        name = (match.group("name") or "").lower()
        if match.group("cdata") is not None:
            pieces.append(keep(match.group("cdata")))
        elif not name:
            continue  # a comment or a declaration
        elif match.group("end"):
            markup = name in HTML_ELEMENTS or name in elements
            pieces.append(_break(name) if markup else _no_nul(match.group()))
        elif not is_markup(name, attributes(match.group("attrs"))):
            pieces.append(_no_nul(match.group()))
        elif name in DROPPED_ELEMENTS and not match.group("attrs").endswith("/"):
            pos = _end_of_element(text, name, pos)
        else:
            elements.add(name)
            pieces.append(_break(name))
    pieces.append(keep(text[pos:]))
    return _rendered(pieces)


def _no_nul(text: str) -> str:
    return text.replace("\0", "")


def _end_of_element(text: str, name: str, pos: int) -> int:
    """Where the contents of a dropped element end: after its end tag, else the text's end."""
    end = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
    return end.end() if end else len(text)


def _break(name: str) -> str:
    if name in BLOCK_ELEMENTS:
        return _PARAGRAPH
    if name in LINE_ELEMENTS:
        return _LINE
    return " " if name in CELL_ELEMENTS else ""


def _rendered(pieces: list[str]) -> str:
    """The kept text; once block or line markup is seen, HTML's whitespace rules apply."""
    joined = "".join(pieces)
    if "\0" not in joined:
        return joined  # inline markup only: the field's own line breaks still mean something
    # Breaks sit between NUL marks, so they are the odd parts; text parts collapse spacing.
    parts = joined.split("\0")
    text = "".join(p if i % 2 else _SPACE_RUN.sub(" ", p) for i, p in enumerate(parts))
    text = _AROUND_BREAK.sub(r"\1", text)
    return _MANY_BREAKS.sub("\n\n", text).strip()
