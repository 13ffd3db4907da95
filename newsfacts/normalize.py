"""Normalize: raw records in, clean documents out (title, body, url, publisher, language, date).

Format-specific parsing (trafilatura for HTML and WARC pages, field mapping for JSON with
markup removed from every field by newsfacts.markup) feeds one
cleaning path: Unicode repair, boilerplate removal (newsfacts.boilerplate), publication date
(newsfacts.published_dates: metadata, a date line, the URL, the file name, the run's
--published; never guessed), publisher (newsfacts.publishers: metadata, URL, byline, the run's
--publisher) and language.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from newsfacts import settings
from newsfacts.boilerplate import clean_plain_text, drop_lines, repeated_lines
from newsfacts.markup import strip_markup_in
from newsfacts.published_dates import date_from_url, decide_date, safe_date
from newsfacts.publishers import decide_publisher, publisher_from_url
from newsfacts.source_defaults import SourceDefaults
from newsfacts.wire import display_title

# Re-exported: callers and tests read these from normalize.
__all__ = ["date_from_url", "publisher_from_url"]


@dataclass(frozen=True)
class Document:
    """A cleaned article, ready for deduplication and extraction."""

    doc_id: str  # equals the raw_id of the record it came from
    raw_id: str
    title: str | None
    body: str
    url: str | None
    publisher: str | None
    author: str | None
    language: str | None
    published_date: date | None
    published_date_source: str  # one of published_dates.DATE_SOURCES
    content_hash: str
    source_key: str  # publisher, else the folder of the file: the unit for template-line removal
    metadata: str | None  # other JSON fields, kept as JSON text
    removed: str | None  # JSON list of [text, reason] pieces removed as boilerplate
    dateline_place: str | None = None  # place of the dateline cut off the body ("LONDON")
    agency: str | None = None  # news agency the dateline names ("Reuters", "AP")
    display_title: str | None = None  # readable title: an ALL-CAPS headline in sentence case
    normalizer_version: str = settings.NORMALIZER_VERSION
    publisher_source: str = "unknown"  # one of publishers.PUBLISHER_SOURCES


class NormalizeError(ValueError):
    """The record holds no usable article; the message is the reason."""


# Fields read from JSON records, in order of preference.
JSON_TITLE = ("title", "headline")
JSON_BODY = ("text", "body", "content", "article", "articleBody")
JSON_DATE = ("date", "published", "published_at", "publishedAt", "datePublished", "pubdate")
JSON_URL = ("url", "link", "canonical_url")
JSON_PUBLISHER = ("source", "publisher", "site_name", "outlet", "sitename")
JSON_AUTHOR = ("author", "authors", "byline")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\ufeff]")
_OTHER_SPACES = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"  # spacing besides " "
# Runs of spacing other than a lone " " (rewriting each lone " " as itself made this the
# slowest step of repair_text).
_SPACES = re.compile(rf" [ {_OTHER_SPACES}]+|[{_OTHER_SPACES}][ {_OTHER_SPACES}]*")


def repair_text(text: str, squash_spaces: bool = True) -> str:
    """Fix mojibake and odd Unicode, drop control characters, normalise spaces and line ends.

    Bodies keep their spacing (squash_spaces=False): indentation and column gaps mark
    paragraphs and table rows in hard-wrapped text; cleaning squashes spaces after unwrapping.
    """
    # lazy: the text-repair, language and HTML libraries load where records are normalized
    import ftfy

    if not text.isascii():  # pure ASCII can hold no mojibake; skipping ftfy there saves most time
        text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if squash_spaces:
        text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def content_hash(body: str, title: str | None = None) -> str:
    """Hash that decides exact duplicates: title and body, case-folded, whitespace collapsed.

    The title counts: the same body under a new headline is a rewrite (a near duplicate),
    not the same document.
    """
    canonical = " ".join(f"{title or ''}\n{body}".casefold().split())
    return hashlib.sha256(canonical.encode()).hexdigest()


def parse_date(value: object) -> date | None:
    """A date from metadata: ISO strings, datetimes, epoch-less common formats; None if unclear."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        return safe_date(*map(int, match.groups()))
    for fmt in (
        "%d %B %Y",
        "%B %d, %Y",
        "%d %b %Y",
        "%b %d, %Y",
        "%Y/%m/%d",
        "%d.%m.%Y",
        "%a, %d %b %Y %H:%M:%S %z",
        "%a, %d %b %Y %H:%M:%S %Z",
    ):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid, offline), None for empty text."""
    # lazy: py3langid loads its model where records are normalized
    import py3langid

    sample = text[: settings.LANGUAGE_SAMPLE_CHARS]
    if not sample.strip():
        return None
    return py3langid.classify(sample)[0]


@dataclass(frozen=True)
class _Parsed:
    title: str | None
    text: str
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: date | None = None
    metadata: dict | None = None


def parse_record(fmt: str, raw_text: str, url: str | None = None) -> _Parsed:
    """Split a raw record into title, text and metadata according to its format."""
    if fmt in ("html", "warc"):
        return _parse_html(raw_text, url)
    if fmt in ("json", "jsonl"):
        return _parse_json(raw_text)
    return _Parsed(title=None, text=raw_text)


def _parse_html(html: str, url: str | None) -> _Parsed:
    # lazy: trafilatura and lxml load only when an HTML record is parsed
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        as_dict=True,
        # Only dates stated in the page's markup and metadata: no guessing from the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not doc or not (doc.get("text") or "").strip():
        raise NormalizeError("HTML page has no article text")
    text = (doc.get("text") or "").replace("\n", "\n\n")
    return _Parsed(
        title=doc.get("title"),
        text=text,
        url=doc.get("url") or url,
        publisher=doc.get("sitename"),
        author=doc.get("author"),
        date=parse_date(doc.get("date")),
    )


def _first(record: dict, keys: Iterable[str]) -> object:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _parse_json(raw_text: str) -> _Parsed:
    # Markup never reaches a text column: HTML in any field goes as it does from a web page,
    # while ticker markup ("<ACME>") stays for extraction.
    record = strip_markup_in(json.loads(raw_text))
    body = _first(record, JSON_BODY)
    if not isinstance(body, str) or not body.strip():
        raise NormalizeError("JSON record has no text/body/content field")
    used = set(JSON_TITLE + JSON_BODY + JSON_DATE + JSON_URL + JSON_PUBLISHER + JSON_AUTHOR)
    author = _first(record, JSON_AUTHOR)
    publisher = _first(record, JSON_PUBLISHER)
    if isinstance(publisher, dict):  # {"source": {"name": "..."}} as news APIs send it
        publisher = publisher.get("name")
    return _Parsed(
        title=_str_or_none(_first(record, JSON_TITLE)),
        text=body,
        url=_str_or_none(_first(record, JSON_URL)),
        publisher=_str_or_none(publisher),
        author=", ".join(author) if isinstance(author, list) else _str_or_none(author),
        date=parse_date(_first(record, JSON_DATE)),
        metadata={k: v for k, v in record.items() if k not in used} or None,
    )


def _str_or_none(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def normalize_record(
    raw_id: str,
    fmt: str,
    raw_text: str,
    source_path: str,
    url: str | None = None,
    defaults: SourceDefaults | None = None,
) -> Document:
    """Turn one raw record into a Document; raises NormalizeError when there is no article.

    `defaults` holds what the run was told about the file (--publisher, --published): used only
    when the record names no publisher, or carries no date, of its own."""
    parsed = parse_record(fmt, raw_text, url)
    title_hint = repair_text(parsed.title).strip() if parsed.title else None
    cleaned = clean_plain_text(repair_text(parsed.text, squash_spaces=False), title_hint=title_hint)
    body = cleaned.body.strip()
    if len(body) < settings.MIN_BODY_CHARS:
        raise NormalizeError(f"no article text after cleaning ({len(body)} characters)")
    given = defaults or SourceDefaults()
    published, source = decide_date(
        parsed.date, parse_date(cleaned.date), parsed.url, source_path, given.published
    )
    publisher = decide_publisher(parsed.publisher, parsed.url, parsed.author, body, given.publisher)
    # Template lines are found per site as the record names it (metadata or URL), else per
    # folder: a byline or --publisher does not regroup the documents cleaned together.
    site = publisher.name if publisher.source in ("metadata", "url") else None
    title = title_hint or cleaned.title
    dateline = cleaned.dateline
    return Document(
        doc_id=raw_id,
        raw_id=raw_id,
        title=title,
        body=body,
        url=parsed.url,
        publisher=publisher.name,
        author=parsed.author,
        language=detect_language(body),
        published_date=published,
        published_date_source=source,
        content_hash=content_hash(body, title),
        source_key=site or source_path.rsplit("/", 1)[0],
        metadata=json.dumps(parsed.metadata, ensure_ascii=False, sort_keys=True)
        if parsed.metadata
        else None,
        removed=json.dumps(list(cleaned.removed), ensure_ascii=False) if cleaned.removed else None,
        dateline_place=dateline.place if dateline else None,
        agency=dateline.agency if dateline else None,
        display_title=display_title(title, body),
        publisher_source=publisher.source,
    )


def remove_template_lines(docs: list[Document], context: dict[str, list[str]]) -> list[Document]:
    """Drop lines that repeat across many documents of one source (a site's template)."""
    by_source: dict[str, list[Document]] = {}
    for doc in docs:
        by_source.setdefault(doc.source_key, []).append(doc)
    out: list[Document] = []
    for source, group in by_source.items():
        # Count each distinct text once, so duplicates of one article cannot make its lines "template".
        bodies = {content_hash(d.body): d.body for d in group}
        bodies.update({content_hash(b): b for b in context.get(source, [])})
        template = {
            line
            for line in repeated_lines(
                bodies.values(), settings.REPEATED_LINE_MIN_DOCS, settings.REPEATED_LINE_MIN_SHARE
            )
            if len(line.split()) <= settings.TEMPLATE_LINE_MAX_WORDS
        }
        out += [_without_lines(d, template) for d in group] if template else group
    return out


def _without_lines(doc: Document, lines: set[str]) -> Document:
    body = drop_lines(doc.body, lines).strip()
    if body == doc.body:
        return doc
    removed = json.loads(doc.removed) if doc.removed else []
    removed += [[line, "template_line"] for line in sorted(lines) if line in doc.body]
    return Document(
        **{
            **doc.__dict__,
            "body": body,
            "content_hash": content_hash(body, doc.title),
            "removed": json.dumps(removed, ensure_ascii=False),
        }
    )
