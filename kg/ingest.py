"""Read articles from files, directories and stdin into :class:`Article` objects.

Formats: text (``.txt .text .md``, optional header lines), HTML (``.html .htm``),
JSON (one object or a list) and JSON Lines.  :func:`read_paths` never raises for
bad input: it yields an :class:`IngestError` per bad file or JSONL line and goes on.
An article read with a change worth knowing (control characters removed, a run
of punctuation cut) gives an :class:`IngestWarning` through :mod:`warnings` (see
:mod:`kg.parsers`), and so does a symbolic link out of a folder, skipped.  Only
regular files are read: pipes, sockets, devices and the kernel's files under
``/proc`` and ``/sys`` are errors, named or found in a folder.

This module reads bytes (size limits, BOMs, binary sniffing) and picks the
format; the parsers live in :mod:`kg.parsers` and :class:`IngestError` in
:mod:`kg.errors`.  Both are re-exported here, the stable place to import from.
"""
from __future__ import annotations

import codecs
import dataclasses
import functools
import os
import stat
import sys
import warnings
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping, TextIO

from kg.errors import IngestError, IngestWarning, UsageError, printable
from kg.parsers import (
    article_id, clean_value, normalize_text, parse_date, parse_html, parse_json, parse_jsonl, parse_record,
    parse_text, replace_surrogates,
)
from kg.model import Article

__all__ = ["IngestError", "IngestWarning", "MAX_BYTES", "KNOWN_EXTS", "STDIN", "STDIN_FIELDS", "read_paths",
           "read_file", "parse_text", "parse_html", "parse_record", "article_id", "normalize_text",
           "parse_date", "stdin_metadata"]

MAX_BYTES = 5_000_000
KNOWN_EXTS = (".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl")
STDIN = "<stdin>"
STDIN_FIELDS = ("date", "title", "url", "source")  # metadata that can be given for standard input


_MAGIC = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"), (b"\x1f\x8b", "gzip archive"), (b"PK\x03\x04", "zip archive"),
    (b"BZh91AY&SY", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"), (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)


def _decode(data: bytes, where: str) -> str:
    """Decode by the BOM if there is one, else as UTF-8; reject empty and binary data."""
    if not data:
        raise IngestError(where, "empty file")
    bom, codec = next((b for b in _BOMS if data.startswith(b[0])), (b"", "utf-8"))
    body = data[len(bom):]
    kind = next((name for magic, name in _MAGIC if body.startswith(magic)), None)
    if codec == "utf-8" and (kind or b"\x00" in body):
        raise IngestError(where, f"binary file ({kind or 'contains NUL bytes'})")
    try:
        return body.decode(codec)
    except UnicodeDecodeError as err:
        raise IngestError(where, f"not valid {codec[:6].upper()} (byte 0x{body[err.start]:02x} "
                                 f"at offset {err.start + len(bom)})") from None


def _too_big(where: str, size: int | None, limit: int) -> IngestError:
    """The error for input over the size limit (``size`` ``None`` when unknown)."""
    def human(n: int) -> str:
        return f"{n} bytes" if n < 1000 else f"{n / 1e3:.1f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"
    what = "input is" if size is None else f"file is {human(size)},"
    return IngestError(where, f"{what} over the {human(limit)} limit; raise it with max_bytes=", options=["max_bytes"])


def _read_limited(f: Any, where: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` from a binary or text stream."""
    data = f.read(max_bytes + 1)
    if isinstance(data, str):  # a text stream: its undecodable bytes back as they were, if it kept them
        try:
            data = data.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # other lone surrogates: invalid UTF-8, reported by _decode
            data = data.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        raise _too_big(where, None, max_bytes)
    return data


def _read_file_bytes(path: str, max_bytes: int) -> bytes:
    """Bytes of ``path``, a regular file; its kind and size are checked before anything is read.

    Checked before opening (opening a pipe waits for a writer, a device may act
    on being opened) and again on what was opened, in case the file was swapped.
    """
    try:
        _check_regular(path, os.stat(path), os.path.realpath(path))
        with open(path, "rb", opener=_open_no_wait) as f:
            st = os.fstat(f.fileno())
            _check_regular(path, st, None)
            if st.st_size > max_bytes:
                raise _too_big(path, st.st_size, max_bytes)
            return _read_limited(f, path, max_bytes)
    except OSError as err:
        raise IngestError(path, _os_reason(err)) from None


def _open_no_wait(path: str, flags: int) -> int:
    """``os.open`` that does not wait for a pipe's writer, nor make a terminal ours."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


_KERNEL_DIRS = ("/proc", "/sys")  # pseudo-files made by the kernel on reading: never articles


@functools.lru_cache(maxsize=1)
def _kernel_devices() -> frozenset[int]:
    """The device numbers of the ``/proc`` and ``/sys`` file systems (where there are any)."""
    devices = set()
    for top in _KERNEL_DIRS:
        try:
            devices.add(os.stat(top).st_dev)
        except OSError:
            pass
    return frozenset(devices)


def _check_regular(path: str, st: os.stat_result, real: str | None) -> None:
    """Raise an :class:`IngestError` unless ``path`` (``st`` its status, ``real`` its real
    path when known) is a regular file outside the kernel's ``/proc`` and ``/sys``."""
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(path, f"not a regular file ({_special_kind(st.st_mode) or 'a special file'})")
    inside = real is not None and any(real == top or real.startswith(top + "/") for top in _KERNEL_DIRS)
    if inside or st.st_dev in _kernel_devices():
        raise IngestError(path, f"not a regular file (a kernel file{f': {real}' if real and real != path else ''})")


def _os_reason(err: OSError) -> str:
    """Short lowercase reason for an OS error."""
    reason = {FileNotFoundError: "no such file or directory",
              PermissionError: "permission denied"}.get(type(err))
    return reason or (err.strerror or str(err)).lower()


_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}


def _read_input(where: str, read: Callable[[], bytes],
                fmt: str | None) -> Iterator[Article | IngestError]:
    """Decode what ``read`` returns and parse it as ``fmt`` (sniffed when ``None``)."""
    try:
        text = _decode(read(), where)
    except IngestError as err:
        yield err
        return
    if fmt is None:  # stdin: JSON (or JSON Lines) if it starts with { or [, HTML if <
        head = text.lstrip()[:1]
        fmt = "json" if head in ("{", "[") else "html" if head == "<" else "text"
    try:
        if fmt in ("json", "jsonl"):
            yield from (parse_json if fmt == "json" else parse_jsonl)(text, where)
        else:
            yield (parse_html if fmt == "html" else parse_text)(text, source=where)
    except IngestError as err:
        yield err


def _iter_file(path: str, max_bytes: int) -> Iterator[Article | IngestError]:
    """Articles and errors from one file; the format comes from the extension."""
    fmt = _FORMATS.get(os.path.splitext(path)[1].lower(), "text")  # unknown: plain text
    return _read_input(path, lambda: _read_file_bytes(path, max_bytes), fmt)


def read_file(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> list[Article]:
    """All articles of one file (format from the extension, else plain text).

    Strict: raises the first :class:`IngestError` (bad file, bad line, duplicate id).
    """
    items = list(_iter_file(os.fspath(path), max_bytes))
    error = next((item for item in items if isinstance(item, IngestError)), None)
    if error is not None:
        raise error
    return items  # type: ignore[return-value]


def _walk(top: str, follow_symlinks: bool = False) -> list[str | IngestError | IngestWarning]:
    """Files with a known extension under ``top`` in sorted path order, hidden entries
    skipped, then an error for each directory that could not be listed and a warning
    for each symbolic link that leads out of ``top``, skipped unless ``follow_symlinks``.

    Followed, a link to a folder already walked (a loop) is not walked again.
    """
    errors: list[OSError] = []
    found: list[str] = []
    skipped: list[IngestWarning] = []
    base = os.path.realpath(top)
    walked: set[str] = set()

    def keep(path: str) -> bool:
        if not os.path.islink(path):
            return True
        real = os.path.realpath(path)
        if follow_symlinks or real == base or real.startswith(base.rstrip(os.sep) + os.sep):
            return not os.path.isdir(path) or real not in walked
        skipped.append(IngestWarning(path, f"skipped: a symbolic link out of the folder, to {real} "
                                           "(not followed unless asked)"))
        return False

    for root, dirs, files in os.walk(top, onerror=errors.append, followlinks=follow_symlinks):
        walked.add(os.path.realpath(root))
        dirs[:] = [d for d in dirs if not d.startswith(".") and keep(os.path.join(root, d))]
        found += [os.path.join(root, name) for name in files
                  if not name.startswith(".") and name.lower().endswith(KNOWN_EXTS)
                  and keep(os.path.join(root, name))]
    found.sort(key=lambda path: os.path.relpath(path, top).split(os.sep))
    skipped.sort(key=lambda w: w.source)
    if not found and not errors:
        return [IngestError(top, f"no article files ({' '.join(KNOWN_EXTS)}) found"), *skipped]
    return [*found, *(IngestError(err.filename or top, _os_reason(err)) for err in errors), *skipped]


_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
            (stat.S_ISBLK, "a device"))


def _special_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file or a directory."""
    return next((name for test, name in _SPECIAL if test(mode)), None)


def stdin_metadata(meta: Mapping[str, str | None] | None) -> dict[str, str]:
    """The metadata given for standard input, checked and cleaned: ``date`` (any date
    :func:`parse_date` reads, made ``YYYY-MM-DD``), ``title``, ``url``, ``source``.

    Raises :class:`UsageError` for an unknown field, a value that is not a date or
one with a lone surrogate (an argument that was not valid UTF-8).

    >>> stdin_metadata({"date": "12 March 2025", "title": "  Talks  in Rabat ", "url": None})
    {'date': '2025-03-12', 'title': 'Talks in Rabat'}
    """
    out: dict[str, str] = {}
    for key, value in (meta or {}).items():
        if key not in STDIN_FIELDS:
            raise UsageError(f"standard input takes {', '.join(STDIN_FIELDS)}, not {key!r}")
        text = clean_value(value) if value is not None else None
        if text is None:
            continue
        if replace_surrogates({key: text})[1]:
            raise UsageError(f"the {key} given for standard input, {printable(text)}, is not valid UTF-8")
        if key == "date":
            iso = parse_date(text)
            if iso is None:
                raise UsageError(f"the date given for standard input, {text!r}, is not a date (use YYYY-MM-DD)")
            text = iso
        out[key] = text
    return out


def _with_metadata(items: list[Article | IngestError], meta: dict[str, str]) -> Iterator[Article | IngestError]:
    """The articles read from standard input with ``meta`` in place of their own fields.

    A title or URL names one article: when standard input held several, they are
    an error for standard input rather than a title shared by unrelated articles.
    """
    articles = [a for a in items if isinstance(a, Article)]
    if meta and len(articles) > 1 and ({"title", "url"} & set(meta)):
        given = " and ".join(k for k in ("title", "url") if k in meta)
        yield IngestError(STDIN, f"a {given} was given for standard input, but it holds {len(articles)} "
                                 "articles; give them in the input's own fields instead")
        yield from (item for item in items if isinstance(item, IngestError))
        return
    for item in items:
        yield dataclasses.replace(item, **meta) if meta and isinstance(item, Article) else item


def read_paths(paths: Iterable[str | os.PathLike], *, max_bytes: int = MAX_BYTES,
               stdin: TextIO | BinaryIO | None = None,
               stdin_meta: Mapping[str, str | None] | None = None,
               follow_symlinks: bool = False) -> Iterator[Article | IngestError]:
    """Yield articles from files, directories (recursively) and ``-`` (stdin).

    Problems are yielded as :class:`IngestError` objects, never raised.  A file
    reached twice (say, named and inside a named directory) is read once.  Only
    regular files are read (see :mod:`kg.ingest`).  A symbolic link inside a
    directory that leads out of it is skipped with an :class:`IngestWarning`
    unless ``follow_symlinks`` (a file named directly is always read).
    ``stdin_meta`` (``date``, ``title``, ``url``, ``source``; see
    :func:`stdin_metadata`) is put on the articles read from standard input,
    in place of what the input itself says.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    meta = stdin_metadata(stdin_meta)
    seen: set[str] = set()
    for given in paths:
        name = os.fspath(given)
        if name == "-":
            stream = sys.stdin if stdin is None else stdin
            source = getattr(stream, "buffer", stream)
            items = list(_read_input(STDIN, lambda source=source: _read_limited(source, STDIN, max_bytes), None))
            yield from _with_metadata(items, meta)
            continue
        for item in _walk(name, follow_symlinks) if os.path.isdir(name) else [name]:
            if isinstance(item, IngestWarning):
                warnings.warn(item, stacklevel=2)
            elif isinstance(item, IngestError):
                yield item
            elif os.path.realpath(item) not in seen:
                seen.add(os.path.realpath(item))
                yield from _iter_file(item, max_bytes)
