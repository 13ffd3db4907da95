"""Ingest: files and folders in, raw records (one per article: file, JSON record or WARC response) out.

Nothing here interprets the article; it finds inputs, reads their bytes, decodes them and splits
container formats (JSON lists, JSON lines, WARC) into records. Every problem becomes an
`IngestError` with the path, a reason code and words instead of an exception, so one bad file
never stops a run. Special files (FIFOs, devices, sockets) and symlink loops are refused by type
before they are opened. The raw text of each record is kept so any later stage can be re-run
from the warehouse.
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from newsfacts import ingest_formats, settings
from newsfacts.encodings import decode_bytes
from newsfacts.ingest_model import (
    REASON_CODES,
    FileResult,
    IngestError,
    InputFile,
    RawRecord,
    decode_or_refuse,
    display_path,
    error,
    failed,
    make_record,
    path_from_display,
)

__all__ = [
    "REASON_CODES",
    "FileResult",
    "IngestError",
    "InputFile",
    "RawRecord",
    "decode_bytes",
    "discover_inputs",
    "display_path",
    "file_format",
    "parse_file",
    "path_from_display",
    "read_bytes",
    "read_input",
]


def file_format(path: Path) -> str | None:
    """Format of a file from its suffix, or None when newsfacts does not read it."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return settings.FORMATS_BY_SUFFIX.get(Path(name).suffix)


# Files a folder holds about the corpus rather than articles: skipped unless --include names them.
SKIPPED_BY_DEFAULT = ("README*", "LICENSE*", "CHANGELOG*")


def selected(item: InputFile, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> bool:
    """Whether a file found in a folder is read: it matches an --include pattern (when any are
    given) and no --exclude pattern. A README*, LICENSE* or CHANGELOG* file is read only when an
    include pattern names it ("README*", "docs/LICENSE.txt"; "*.txt" does not). Patterns are
    globs matched, case-insensitively, against the file name and the path under the folder
    given ("*.html", "drafts/*")."""
    names = (item.path.name.lower(), _relative(item).lower())

    def hits(patterns: tuple[str, ...]) -> list[str]:
        return [p for p in patterns if any(fnmatch.fnmatchcase(n, p.lower()) for n in names)]

    if hits(exclude) or (include and not hits(include)):
        return False
    if not hits(SKIPPED_BY_DEFAULT):
        return True
    stems = [s.rstrip("*").lower() for s in SKIPPED_BY_DEFAULT]
    return any(p.rsplit("/", 1)[-1].lower().startswith(tuple(stems)) for p in hits(include))


def _relative(item: InputFile) -> str:
    try:
        return item.path.relative_to(item.root).as_posix()
    except ValueError:
        return item.path.name


def discover_inputs(
    paths: Iterable[Path],
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    skipped: list[Path] | None = None,
) -> tuple[list[InputFile], list[IngestError]]:
    """Expand files and folders (recursively) into readable input files, sorted by path; files
    of a folder that `selected` leaves out are appended to `skipped` (a file named by itself is
    always read)."""
    found: list[InputFile] = []
    errors: list[IngestError] = []
    for given in paths:
        root = Path(given).expanduser().absolute()
        kind = _file_type(root)
        if kind == "directory":
            found_here, errors_here = _walk_folder(root)
            for item in found_here:
                if selected(item, tuple(include), tuple(exclude)):
                    found.append(item)
                elif skipped is not None:
                    skipped.append(item.path)
            errors += errors_here
        elif kind == "file":
            found.append(InputFile(root, root.parent))
        else:
            errors.append(_type_error(root, kind))
    return sorted(set(found), key=lambda f: str(f.path)), errors


def _file_type(path: Path) -> str:
    """file, directory, missing, loop, or the kind of special file (fifo, device, socket),
    following symlinks, without opening anything."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "loop" if os.path.islink(path) and _is_loop(path) else "missing"
    except OSError as exc:
        return "loop" if exc.errno == errno.ELOOP else "unreadable"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def _is_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _type_error(path: Path, kind: str) -> IngestError:
    """The discover error for a path that is not a readable file or folder."""
    if kind == "missing":
        return error(path, "discover", "not_found", "no such file or folder")
    if kind == "loop":
        return error(path, "discover", "symlink_loop", "symlink loop (it resolves to itself)")
    if kind == "unreadable":
        return error(path, "discover", "unreadable", "cannot inspect file")
    return error(path, "discover", "special_file", f"special file ({kind}), not a regular file")


def _walk_folder(root: Path) -> tuple[list[InputFile], list[IngestError]]:
    real_root = os.path.realpath(root)  # never raises on a loop, unlike Path.resolve()
    found: list[InputFile] = []
    errors: list[IngestError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # os.walk does not follow directory symlinks; one leading outside is reported, not read.
        for name in dirnames:
            problem = _symlink_problem(Path(dirpath) / name, real_root)
            if problem:
                errors.append(problem)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or file_format(path) is None:
                continue
            problem = _symlink_problem(path, real_root)
            kind = _file_type(path) if problem is None else "file"
            if problem is None and kind != "file":
                problem = _type_error(path, kind)
            if problem:
                errors.append(problem)
            else:
                found.append(InputFile(path, root))
    return found, errors


def _symlink_problem(path: Path, real_root: str) -> IngestError | None:
    """A loop, or a link leading outside the source folder (it could expose any file)."""
    if not os.path.islink(path):
        return None
    if _is_loop(path):
        return error(path, "discover", "symlink_loop", "symlink loop (it resolves to itself)")
    target = os.path.realpath(path)
    if os.path.commonpath([target, real_root]) != real_root:
        return error(
            path, "discover", "symlink_outside", "symlink points outside the source folder"
        )
    return None


def read_bytes(path: Path) -> tuple[bytes, str] | IngestError:
    """The file's bytes and their SHA-256, or the reason they cannot be read.

    The file is checked to be a regular file before it is opened, opened without blocking (a
    FIFO swapped in since then cannot hang the run), checked again on the open descriptor, and
    read up to the size limit only (a device has no size to check beforehand).
    """
    kind = _file_type(path)
    if kind == "missing":
        return error(path, "read", "vanished", "file disappeared before it could be read")
    if kind != "file":
        return _type_error(path, kind)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return error(path, "read", "vanished", "file disappeared before it could be read")
    except OSError as exc:
        return error(path, "read", "unreadable", f"cannot read file: {exc.strerror or exc}")
    try:
        return _read_regular(path, fd)
    except OSError as exc:
        return error(path, "read", "unreadable", f"cannot read file: {exc.strerror or exc}")
    finally:
        os.close(fd)


def _read_regular(path: Path, fd: int) -> tuple[bytes, str] | IngestError:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        return error(path, "read", "special_file", "special file, not a regular file")
    limit = settings.MAX_FILE_BYTES
    if info.st_size > limit:
        return error(
            path, "read", "file_too_large", f"file too large ({info.st_size} bytes > {limit})"
        )
    with os.fdopen(os.dup(fd), "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        return error(path, "read", "file_too_large", f"file too large (over {limit} bytes)")
    return data, hashlib.sha256(data).hexdigest()


def parse_file(path: Path, data: bytes, file_sha: str) -> FileResult:
    """Split a file's bytes into raw records according to its format; never raises."""
    if not data:
        return _with_sha(failed(path, "read", "empty_file", "empty file (0 bytes)"), file_sha)
    fmt = file_format(path) or "txt"
    reader = {
        "txt": read_text,
        "html": read_text,
        "json": ingest_formats.read_json,
        "jsonl": ingest_formats.read_jsonl,
        "warc": ingest_formats.read_warc,
    }[fmt]
    try:
        result = _refuse_oversized(reader(display_path(path), fmt, data, file_sha))
    except Exception as exc:  # a reader bug on one odd file must not stop the run
        reason = f"reading the file failed: {type(exc).__name__}: {exc}"[:300]
        result = failed(path, "parse", "reader_failed", reason)
    return _with_sha(result, file_sha)


def _with_sha(result: FileResult, file_sha: str) -> FileResult:
    result.errors = [
        IngestError(e.source_path, e.stage, e.reason, file_sha, e.raw_id, e.reason_code)
        for e in result.errors
    ]
    return result


def _refuse_oversized(result: FileResult) -> FileResult:
    """Turn records too large to be one article (a log, a dump, a book) into errors."""
    kept = [r for r in result.records if r.size_bytes <= settings.MAX_RECORD_BYTES]
    too_big = [r for r in result.records if r.size_bytes > settings.MAX_RECORD_BYTES]
    single = len(result.records) == 1
    limit = settings.MAX_RECORD_BYTES
    result.errors += [
        error(
            r.source_path if single else f"{r.source_path}#{r.record_index}",
            "read",
            "record_too_large",
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


def read_text(path: str, fmt: str, data: bytes, file_sha: str) -> FileResult:
    """One record: the whole text or HTML file."""
    decoded = decode_or_refuse(path, data, "text file")
    if isinstance(decoded, FileResult):
        return decoded
    text, encoding = decoded
    return FileResult(records=[make_record(path, fmt, file_sha, 0, data, text, encoding)])
