"""Encodings: bytes of an article in, text and the encoding that decoded it out, or a refusal.

Order: a byte-order mark (UTF-32, UTF-16, UTF-8) decides; else a byte pattern of zero bytes
shows UTF-16 or UTF-32 without a mark; else NUL bytes or control characters mean binary; else
strict UTF-8; else a legacy single-byte page (cp1252, the superset of Latin-1 that Windows and
most old sites use), but only when the result reads as words: random high bytes decode to
accented letters in cp1252 too, and are refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsfacts import settings

# Bytes looked at to guess a BOM-less UTF-16/32 encoding and to judge a legacy decoding.
SNIFF_BYTES = 8192
# A BOM-less file is UTF-16 when at least this share of its (even or odd) byte positions are zero
# and the other positions almost never are (ASCII-range text: every other byte is 0).
WIDE_ZERO_SHARE = 0.3
# A legacy single-byte decoding is accepted when at least this share of its characters are ASCII
# letters, digits, spaces or punctuation: a cp1252 article with £ signs, accents and curly quotes
# stays above 0.9; random high bytes are near 0.
MIN_LEGACY_ASCII_SHARE = 0.7

BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Characters that do not occur in text: C0 controls other than tab, line feed, form feed and
# carriage return, and the replacement character left by a wrong decoding.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_ASCII_TEXT = re.compile(r"[\x20-\x7e\t\n\r]")


@dataclass(frozen=True)
class Refusal:
    """Why bytes were not decoded: a reason code (ingest_model.REASON_CODES) and words."""

    code: str
    reason: str


def decode_bytes(data: bytes) -> tuple[str, str] | Refusal:
    """Text and encoding label (utf-8, utf-16, utf-32, cp1252), or why the bytes are not text."""
    text, label = _decode_unicode(data)
    if text is None:
        if b"\x00" in data[:SNIFF_BYTES]:
            return Refusal("binary", "binary content (NUL bytes), not text")
        text, label = _decode_legacy(data)
        if text is None:
            return Refusal(
                "undecodable",
                "high bytes that make no words in UTF-8 or cp1252 (random or unknown encoding)",
            )
    text = text.lstrip("\ufeff")  # a second mark, or one a wide decoding left in front
    if _looks_binary(text):
        return Refusal("binary", "binary content (control characters), not text")
    return text, label


def _decode_unicode(data: bytes) -> tuple[str | None, str]:
    """Decoded by BOM, by zero-byte pattern (UTF-16/32) or as strict UTF-8; else (None, "")."""
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec), label
    codec = wide_codec(data[:SNIFF_BYTES])
    if codec:
        return _strict(data, codec), codec[:6]
    return _strict(data, "utf-8"), "utf-8"


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def wide_codec(sample: bytes) -> str | None:
    """utf-32-le/be or utf-16-le/be when the zero bytes fall in their pattern, else None.

    "Rates" 2 = 0x52 0x00 0x61 0x00 ... (UTF-16-LE): odd positions zero, even ones not.
    """
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    zeros = [sample[k:n:4].count(0) / (n // 4) for k in range(4)]
    if zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.1:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] < 0.1:
        return "utf-32-be"
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if odd >= WIDE_ZERO_SHARE and even < 0.05:
        return "utf-16-le"
    if even >= WIDE_ZERO_SHARE and odd < 0.05:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> tuple[str | None, str]:
    """cp1252 (Latin-1 for the five bytes cp1252 leaves undefined), if it reads as words."""
    try:
        text, label = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, label = data.decode("latin-1"), "latin-1"
    sample = text[:SNIFF_BYTES]
    ascii_share = len(_ASCII_TEXT.findall(sample)) / max(len(sample), 1)
    if ascii_share < MIN_LEGACY_ASCII_SHARE or not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", sample):
        return None, ""
    return text, label


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for _ in _NOT_TEXT.finditer(sample))
    return bad / len(sample) > settings.MAX_BINARY_SHARE
