"""Ingest: files and folders in, raw records (one per article: file, JSON record or WARC response) out.

Nothing here interprets the article; it finds inputs, reads their bytes, decodes them and splits
container formats (JSON lists, JSON lines, WARC) into records. Every problem becomes an
`IngestError` with the path and a reason instead of an exception, so one bad file never stops a
run. The raw text of each record is kept so any later stage can be re-run from the warehouse.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts import settings


@dataclass(frozen=True)
class InputFile:
    """A file to ingest and the folder it was found under (for the symlink check)."""

    path: Path
    root: Path


@dataclass(frozen=True)
class RawRecord:
    """One article as read from disk: a whole text/HTML file, a JSON record or a WARC response."""

    source_path: str  # absolute POSIX path of the file
    record_index: int  # position of the record inside the file; 0 for single-article files
    format: str  # txt, html, json, jsonl, warc
    file_sha256: str  # hash of the whole file's bytes
    sha256: str  # hash of this record's bytes
    size_bytes: int  # bytes of this record
    raw_text: str  # decoded record: the text file, the HTML page, the JSON record
    encoding: str  # utf-8, or the fallback that decoded it (cp1252, latin-1)
    url: str | None = None  # WARC target URI (JSON records carry their url inside raw_text)

    @property
    def raw_id(self) -> str:
        """Stable id: the same record of the same file version always gets the same id."""
        key = f"{self.source_path}\0{self.file_sha256}\0{self.record_index}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class IngestError:
    source_path: str
    stage: str  # discover, read, decode, parse, normalize
    reason: str
    file_sha256: str | None = None  # lets a re-run skip a bad file it has already reported
    raw_id: str | None = None  # set for records that were read but could not be normalized


@dataclass
class FileResult:
    """What reading one file produced: its records and any errors (a file can yield both)."""

    records: list[RawRecord] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def file_format(path: Path) -> str | None:
    """Format of a file from its suffix, or None when newsfacts does not read it."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return settings.FORMATS_BY_SUFFIX.get(Path(name).suffix)


def discover_inputs(paths: Iterable[Path]) -> tuple[list[InputFile], list[IngestError]]:
    """Expand files and folders (recursively) into readable input files, sorted by path."""
    found: list[InputFile] = []
    errors: list[IngestError] = []
    for given in paths:
        root = Path(given).expanduser().absolute()
        if root.is_file():
            found.append(InputFile(root, root.parent))
        elif root.is_dir():
            found_here, errors_here = _walk_folder(root)
            found += found_here
            errors += errors_here
        else:
            errors.append(IngestError(str(root), "discover", "no such file or folder"))
    return sorted(set(found), key=lambda f: str(f.path)), errors


def _walk_folder(root: Path) -> tuple[list[InputFile], list[IngestError]]:
    real_root = root.resolve()
    found: list[InputFile] = []
    errors: list[IngestError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # os.walk does not follow directory symlinks; one leading outside is reported, not read.
        errors += [
            IngestError(
                str(Path(dirpath) / d), "discover", "symlink points outside the source folder"
            )
            for d in dirnames
            if (Path(dirpath) / d).is_symlink()
            and not (Path(dirpath) / d).resolve().is_relative_to(real_root)
        ]
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or file_format(path) is None:
                continue
            # A symlink pointing outside the source folder could expose any file on the machine.
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                errors.append(
                    IngestError(str(path), "discover", "symlink points outside the source folder")
                )
                continue
            found.append(InputFile(path, root))
    return found, errors


def read_bytes(path: Path) -> tuple[bytes, str] | IngestError:
    """The file's bytes and their SHA-256, or the reason they cannot be read."""
    try:
        size = path.stat().st_size
        if size > settings.MAX_FILE_BYTES:
            return IngestError(
                str(path), "read", f"file too large ({size} bytes > {settings.MAX_FILE_BYTES})"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return IngestError(str(path), "read", "file disappeared before it could be read")
    except OSError as exc:
        return IngestError(str(path), "read", f"cannot read file: {exc.strerror or exc}")
    return data, hashlib.sha256(data).hexdigest()


def parse_file(path: Path, data: bytes, file_sha: str) -> FileResult:
    """Split a file's bytes into raw records according to its format."""
    if not data:
        return _error(path, "read", "empty file (0 bytes)", file_sha)
    fmt = file_format(path) or "txt"
    reader = {
        "txt": _read_text,
        "html": _read_text,
        "json": _read_json,
        "jsonl": _read_jsonl,
        "warc": _read_warc,
    }[fmt]
    result = _refuse_oversized(reader(str(path), fmt, data, file_sha))
    result.errors = [IngestError(e.source_path, e.stage, e.reason, file_sha) for e in result.errors]
    return result


def _refuse_oversized(result: FileResult) -> FileResult:
    """Turn records too large to be one article (a log, a dump, a book) into errors."""
    kept = [r for r in result.records if r.size_bytes <= settings.MAX_RECORD_BYTES]
    too_big = [r for r in result.records if r.size_bytes > settings.MAX_RECORD_BYTES]
    single = len(result.records) == 1
    limit = settings.MAX_RECORD_BYTES
    result.errors += [
        IngestError(
            r.source_path if single else f"{r.source_path}#{r.record_index}",
            "read",
            f"too large for one article ({r.size_bytes} > {limit} bytes)",
        )
        for r in too_big
    ]
    result.records = kept
    return result


def read_input(item: InputFile) -> FileResult:
    """Read and parse one file; problems become errors, never exceptions."""
    got = read_bytes(item.path)
    if isinstance(got, IngestError):
        return FileResult(errors=[got])
    return parse_file(item.path, *got)


def _error(path: Path | str, stage: str, reason: str, file_sha: str | None = None) -> FileResult:
    return FileResult(errors=[IngestError(str(path), stage, reason, file_sha)])


def decode_bytes(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8, else cp1252, else latin-1; None when they look binary."""
    if b"\x00" in data[:8192]:
        return None
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            return None
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    return None


# Characters that do not occur in text: C0 controls other than tab, line feed, form feed and
# carriage return, and the replacement character left by a wrong decoding.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for _ in _NOT_TEXT.finditer(sample))
    return bad / len(sample) > settings.MAX_BINARY_SHARE


def _record(
    path: str,
    fmt: str,
    file_sha: str,
    index: int,
    data: bytes,
    text: str,
    encoding: str,
    url: str | None = None,
) -> RawRecord:
    return RawRecord(
        path, index, fmt, file_sha, hashlib.sha256(data).hexdigest(), len(data), text, encoding, url
    )


def _read_text(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    decoded = decode_bytes(data)
    if decoded is None:
        return _error(path, "decode", "binary content, not text")
    text, encoding = decoded
    return FileResult(records=[_record(path, fmt, file_sha, 0, data, text, encoding)])


def _read_json(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    decoded = decode_bytes(data)
    if decoded is None:
        return _error(path, "decode", "binary content, not JSON")
    text, encoding = decoded
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        return _error(path, "parse", f"invalid JSON: {exc.msg} at line {exc.lineno}")
    items = _json_items(parsed)
    if items is None:
        return _error(path, "parse", "JSON holds no article records (expected an object or a list)")
    result = FileResult()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            result.errors.append(
                IngestError(f"{path}#{index}", "parse", "JSON record is not an object")
            )
            continue
        blob = json.dumps(item, ensure_ascii=False, sort_keys=True)
        result.records.append(_record(path, fmt, file_sha, index, blob.encode(), blob, encoding))
    return result


def _json_items(parsed: object) -> list | None:
    if isinstance(parsed, list):
        return parsed
    if isinstance(parsed, dict):
        for key in ("articles", "records", "items", "data"):
            if isinstance(parsed.get(key), list):
                return parsed[key]
        return [parsed]
    return None


def _read_jsonl(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    decoded = decode_bytes(data)
    if decoded is None:
        return _error(path, "decode", "binary content, not JSON lines")
    text, encoding = decoded
    result = FileResult()
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            result.errors.append(
                IngestError(f"{path}#L{lineno}", "parse", f"invalid JSON line {lineno}: {exc.msg}")
            )
            continue
        if not isinstance(item, dict):
            result.errors.append(
                IngestError(f"{path}#L{lineno}", "parse", f"JSON line {lineno} is not an object")
            )
            continue
        blob = json.dumps(item, ensure_ascii=False, sort_keys=True)
        result.records.append(_record(path, fmt, file_sha, lineno, blob.encode(), blob, encoding))
    return result


def _read_warc(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if path.endswith(".gz"):
        # warcio reads a truncated gzip member silently, returning a cut-off page; a full
        # decompression is the only reliable integrity check.
        try:
            gzip.decompress(data)
        except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
            return _error(path, "read", f"truncated or corrupt gzip: {exc}"[:300])
    result = FileResult()
    index = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            index += 1
            html = _warc_html(record)
            if html is None:
                continue
            decoded = decode_bytes(html)
            url = record.rec_headers.get_header("WARC-Target-URI")
            if decoded is None:
                result.errors.append(
                    IngestError(f"{path}#{index}", "decode", "WARC response is binary")
                )
                continue
            result.records.append(
                _record(path, fmt, file_sha, index, html, decoded[0], decoded[1], url)
            )
    except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile, ValueError, OSError) as exc:
        reason = "truncated or corrupt WARC/gzip" + (f": {exc}" if str(exc) else "")
        result.errors.append(IngestError(path, "read", reason[:300]))
    if not result.records and not result.errors:
        result.errors.append(IngestError(path, "parse", "WARC holds no HTML response records"))
    return result


def _warc_html(record: object) -> bytes | None:
    """Payload of an HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    return record.content_stream().read()
