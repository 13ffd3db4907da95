"""Container formats: JSON, JSON lines and WARC (plain or gzip) bytes in, raw records and errors out.

Each reader is a pure function of a file's bytes. Limits hold before work is done: JSON depth and
number size, gzip output (inflated as a stream, stopped at the cap), and a WARC record's declared
length (a record cut off by a truncated file is an error, never a partial article).
"""

from __future__ import annotations

import io
import json
import re
import zlib

from newsfacts import settings
from newsfacts.encodings import Refusal, decode_bytes
from newsfacts.ingest_model import FileResult, decode_or_refuse, error, failed, make_record

# Bytes of gzip output produced per step of the streaming inflate.
INFLATE_CHUNK_BYTES = 1024 * 1024


def parse_json(text: str) -> object | Refusal:
    """The parsed JSON value, or why it was refused (invalid, too deep, a number too long)."""
    limit = settings.MAX_JSON_DEPTH
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Refusal("invalid_json", f"invalid JSON: {exc.msg} at line {exc.lineno}")
    except RecursionError:
        return Refusal("json_too_deep", f"JSON nested too deeply (limit {limit} levels)")
    except ValueError as exc:  # Python's int digit limit (4,300 digits)
        return Refusal("json_number_too_long", f"JSON number too long: {exc}"[:200])
    if json_depth(value, limit) > limit:
        return Refusal("json_too_deep", f"JSON nested too deeply (limit {limit} levels)")
    return value


def json_depth(value: object, limit: int) -> int:
    """Nesting depth of a parsed JSON value, counted without recursion and up to limit + 1."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack += [(child, depth + 1) for child in children if isinstance(child, dict | list)]
    return deepest


def read_json(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    """One record per article object: the file's object, or the objects of its list."""
    decoded = decode_or_refuse(path, data, "JSON")
    if isinstance(decoded, FileResult):
        return decoded
    text, encoding = decoded
    parsed = parse_json(text)
    if isinstance(parsed, Refusal):
        return failed(path, "parse", parsed.code, parsed.reason)
    items = _json_items(parsed)
    if items is None:
        return failed(
            path,
            "parse",
            "no_records",
            "JSON holds no article records (expected an object or a list)",
        )
    if not items:
        return failed(path, "parse", "empty_container", "JSON holds an empty list of records")
    result = FileResult()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            result.errors.append(
                error(f"{path}#{index}", "parse", "not_an_object", "JSON record is not an object")
            )
            continue
        blob = json.dumps(item, ensure_ascii=False, sort_keys=True)
        result.records.append(
            make_record(path, fmt, file_sha, index, blob.encode(), blob, encoding)
        )
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


def read_jsonl(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    """One record per non-blank line holding a JSON object."""
    decoded = decode_or_refuse(path, data, "JSON lines")
    if isinstance(decoded, FileResult):
        return decoded
    text, encoding = decoded
    result = FileResult()
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = parse_json(line)
        where = f"{path}#L{lineno}"
        if isinstance(item, Refusal):
            reason = item.reason.replace("invalid JSON:", f"invalid JSON line {lineno}:")
            if reason == item.reason:
                reason = f"JSON line {lineno}: {reason}"
            result.errors.append(error(where, "parse", item.code, reason))
        elif not isinstance(item, dict):
            result.errors.append(
                error(where, "parse", "not_an_object", f"JSON line {lineno} is not an object")
            )
        else:
            blob = json.dumps(item, ensure_ascii=False, sort_keys=True)
            result.records.append(
                make_record(path, fmt, file_sha, lineno, blob.encode(), blob, encoding)
            )
    if not result.records and not result.errors:
        result.errors.append(
            error(path, "parse", "empty_container", "JSON lines file holds only blank lines")
        )
    return result


def gunzip_capped(data: bytes, limit: int) -> tuple[bytes, Refusal | None]:
    """Inflate every gzip member as a stream; stop once the output passes `limit` bytes.

    Returns the output so far and the problem met, if any: a member cut off keeps the bytes it
    produced (deflate output before a cut is sound; the WARC scan drops the cut record).
    """
    out = bytearray()
    rest = data
    try:
        while rest.strip(b"\0"):  # some writers pad the end with zero bytes
            inflater = zlib.decompressobj(wbits=31)
            pending = rest
            while not inflater.eof:
                piece = inflater.decompress(pending, INFLATE_CHUNK_BYTES)
                out += piece
                if len(out) > limit:
                    return bytes(out[:limit]), Refusal(
                        "decompression_limit", f"gzip expands past {limit} bytes; stopped there"
                    )
                pending = inflater.unconsumed_tail
                if not pending and not piece:
                    return bytes(out), Refusal("corrupt_archive", "truncated gzip (cut off)")
            rest = inflater.unused_data
    except zlib.error as exc:
        return bytes(out), Refusal("corrupt_archive", f"corrupt gzip: {exc}"[:200])
    return bytes(out), None


_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")


def complete_warc_records(raw: bytes) -> tuple[bytes, Refusal | None]:
    """The leading run of whole WARC records (by their Content-Length), and what cut it short."""
    pos, count = 0, 0
    while True:
        while raw.startswith(b"\r\n", pos) or raw.startswith(b"\n", pos):
            pos += 2 if raw.startswith(b"\r\n", pos) else 1
        if pos >= len(raw):
            return raw, None
        head_end, sep = raw.find(b"\r\n\r\n", pos), 4
        if head_end < 0:
            head_end, sep = raw.find(b"\n\n", pos), 2
        length = _CONTENT_LENGTH.search(raw, pos, head_end) if head_end >= 0 else None
        if not raw.startswith(b"WARC/", pos) or length is None:
            what = "cut off in its header" if head_end < 0 else "not a WARC record"
            return raw[:pos], Refusal("truncated_record", f"WARC record {count + 1} {what}")
        end = head_end + sep + int(length.group(1))
        if end > len(raw):
            have = len(raw) - head_end - sep
            return raw[:pos], Refusal(
                "truncated_record",
                f"WARC record {count + 1} cut off: {have} of {int(length.group(1))} bytes",
            )
        pos, count = end, count + 1


def read_warc(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    """One record per HTML response; whole records of a truncated file still load."""
    result = FileResult()
    raw, problem = data, None
    if path.endswith(".gz"):
        raw, problem = gunzip_capped(data, settings.MAX_DECOMPRESSED_BYTES)
    whole, cut = complete_warc_records(raw)
    if problem and cut and problem.code != "decompression_limit":
        # One cause, one row: the gzip cut is why the record is cut.
        problem = Refusal(cut.code, f"{problem.reason}: {cut.reason}")
    elif cut and not problem:
        problem = cut
    if problem:
        result.errors.append(error(path, "read", problem.code, problem.reason))
    _warc_responses(path, fmt, file_sha, whole, result)
    if not result.records and not result.errors:
        result.errors.append(
            error(path, "parse", "no_records", "WARC holds no HTML response records")
        )
    return result


def _warc_responses(path: str, fmt: str, file_sha: str, whole: bytes, result: FileResult) -> None:
    # lazy: warcio loads only when a WARC file is read
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    index = 0
    try:
        for record in ArchiveIterator(io.BytesIO(whole)):
            index += 1
            got = _warc_html(record)
            if got is None:
                continue
            decoded = decode_bytes(got)
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{index}"
            if isinstance(decoded, Refusal):
                result.errors.append(error(where, "decode", decoded.code, decoded.reason))
                continue
            result.records.append(
                make_record(path, fmt, file_sha, index, got, decoded[0], decoded[1], url)
            )
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as exc:
        reason = "corrupt WARC" + (f": {exc}" if str(exc) else "")
        result.errors.append(error(path, "read", "corrupt_archive", reason[:300]))


def _warc_html(record: object) -> bytes | None:
    """Payload of an HTML response record (read up to the record limit), else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    # The HTTP payload may be gzip-encoded itself: read no more than one article may hold.
    return record.content_stream().read(settings.MAX_RECORD_BYTES + 1)
