"""Records ingest produces (raw records, errors) and the vocabulary of reasons an input is refused."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.encodings import Refusal, decode_bytes

# Why an input (a file, a record inside it) was refused: ingest_errors.reason_code. The README's
# failure section lists the same codes; tests check every code written is one of these.
REASON_CODES = {
    "not_found": "a path given to the run does not exist",
    "vanished": "the file disappeared between discovery and reading",
    "symlink_outside": "a symlink points outside the source folder",
    "symlink_loop": "a symlink points (directly or not) at itself",
    "special_file": "a FIFO, device or socket: refused by type, never opened",
    "unreadable": "the operating system refused to read the file (permissions, IO error)",
    "file_too_large": "the file is over MAX_FILE_BYTES",
    "record_too_large": "one record is over MAX_RECORD_BYTES",
    "decompression_limit": "a compressed file expands past MAX_DECOMPRESSED_BYTES",
    "empty_file": "the file has 0 bytes",
    "empty_container": "a JSON, JSON lines or WARC file that holds no record at all",
    "binary": "bytes that are not text (NUL bytes, control characters)",
    "undecodable": "high bytes that decode to no words in any supported encoding",
    "invalid_json": "JSON that does not parse",
    "json_too_deep": "JSON nested deeper than MAX_JSON_DEPTH",
    "json_number_too_long": "a JSON number longer than Python's integer digit limit",
    "not_an_object": "a JSON record that is not an object",
    "no_records": "a JSON or WARC file with no article records in it",
    "corrupt_archive": "a gzip or WARC file that is corrupt or cut off",
    "truncated_record": "a WARC record cut off before its declared length",
    "no_article_text": "a record with no article text left after cleaning",
    "normalize_failed": "cleaning a record raised an unexpected error",
    "reader_failed": "reading a file raised an unexpected error (a bug; the run goes on)",
}


@dataclass(frozen=True)
class InputFile:
    """A file to ingest and the folder it was found under (for the symlink check)."""

    path: Path
    root: Path


def display_path(path: Path | str) -> str:
    """The path as stored in the warehouse: valid UTF-8 always.

    Linux file names are bytes; a name that is not valid UTF-8 reaches Python with lone
    surrogates, which DuckDB cannot store. Its bytes are written as `\\xNN` instead (and a
    backslash in such a name as `\\x5c`, so `path_from_display` restores the exact bytes).
    """
    raw = os.fsencode(str(path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.replace(b"\\", b"\\x5c").decode("utf-8", "backslashreplace")


def path_from_display(text: str) -> Path:
    """The real path of a stored `display_path` (exact for every name display_path escaped)."""
    if "\\x" not in text:
        return Path(text)
    parts = text.split("\\x")
    out = bytearray(parts[0].encode("utf-8"))
    for part in parts[1:]:
        out.append(int(part[:2], 16))
        out += part[2:].encode("utf-8")
    return Path(os.fsdecode(bytes(out)))


@dataclass(frozen=True)
class RawRecord:
    """One article as read from disk: a whole text/HTML file, a JSON record or a WARC response."""

    source_path: str  # absolute POSIX path of the file (display_path: valid UTF-8)
    record_index: int  # position of the record inside the file; 0 for single-article files
    format: str  # txt, html, json, jsonl, warc
    file_sha256: str  # hash of the whole file's bytes
    sha256: str  # hash of this record's bytes
    size_bytes: int  # bytes of this record
    raw_text: str  # decoded record: the text file, the HTML page, the JSON record
    encoding: str  # utf-8, utf-16, utf-32, or the legacy fallback that decoded it (cp1252)
    url: str | None = None  # WARC target URI (JSON records carry their url inside raw_text)
    # The path the id is made from: relative to the folder above the input given (`samples/x.txt`
    # wherever the checkout lives), so one corpus gets the same ids on every machine. None: the
    # absolute source_path (a record read outside a run, or an id already taken by a copy).
    id_path: str | None = None

    @property
    def raw_id(self) -> str:
        """Stable id: the same record of the same file version under the same relative path
        always gets the same id, wherever the folder is."""
        key = f"{self.id_path or self.source_path}\0{self.file_sha256}\0{self.record_index}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def id_path(item: InputFile) -> str:
    """The path ids are made from: relative to the parent of the folder (or of the file's
    folder) given on the command line, e.g. `samples/html/a.html`."""
    path, base = item.path, item.root.parent
    try:
        return display_path(path.relative_to(base))
    except ValueError:  # not under its root (cannot happen for discovered files): absolute
        return display_path(path)


@dataclass(frozen=True)
class IngestError:
    source_path: str
    stage: str  # discover, read, decode, parse, normalize
    reason: str
    file_sha256: str | None = None  # lets a re-run skip a bad file it has already reported
    raw_id: str | None = None  # set for records that were read but could not be normalized
    reason_code: str = "reader_failed"  # one of REASON_CODES


@dataclass
class FileResult:
    """What reading one file produced: its records and any errors (a file can yield both)."""

    records: list[RawRecord] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def error(
    path: Path | str, stage: str, code: str, reason: str, file_sha: str | None = None
) -> IngestError:
    """An IngestError with a reason code from REASON_CODES."""
    assert code in REASON_CODES, code
    return IngestError(display_path(path), stage, reason, file_sha, reason_code=code)


def failed(path: Path | str, stage: str, code: str, reason: str) -> FileResult:
    """A FileResult holding just one error."""
    return FileResult(errors=[error(path, stage, code, reason)])


def make_record(
    path: str,
    fmt: str,
    file_sha: str,
    index: int,
    data: bytes,
    text: str,
    encoding: str,
    url: str | None = None,
) -> RawRecord:
    """A RawRecord of these bytes, decoded as `text`."""
    return RawRecord(
        path, index, fmt, file_sha, hashlib.sha256(data).hexdigest(), len(data), text, encoding, url
    )


def decode_or_refuse(path: str, data: bytes, what: str) -> tuple[str, str] | FileResult:
    """Decoded text and encoding, or a FileResult with the decode error."""
    decoded = decode_bytes(data)
    if isinstance(decoded, Refusal):
        return failed(path, "decode", decoded.code, f"{decoded.reason} ({what})")
    return decoded
