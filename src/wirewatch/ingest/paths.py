"""Command-line inputs to bytes: expand files, folders, globs and ``-`` (stdin), then read.

This is the only part of ingest that touches the file system; it hands bytes to
:func:`.reader.read_bytes`. A path that cannot be used becomes a refusal and the rest go on.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..records import Rejected
from ..settings import Options
from ._common import Result, first_line, oversize_reason, reject
from .reader import read_bytes
from .text import STDIN

MISSING_REASON = "no such file or directory"
NO_MATCH_REASON = "pattern matched no files"
EMPTY_FOLDER_REASON = "folder has no files (hidden files are skipped)"
TERMINAL_REASON = "stdin is a terminal: pipe input in, or name files"

_GLOB_CHARS = frozenset("*?[")
_CHUNK = 1 << 20


def iter_paths(paths: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[str | Rejected]:
    """Expand ``paths`` into file paths (and ``-``), in order, each once.

    A folder gives its files recursively, sorted by path, skipping hidden names (starting with
    ``.``). A path that does not exist but has ``*``, ``?`` or ``[`` is a glob pattern
    (``**`` recurses). ``-`` is stdin; it is refused when ``stdin`` (default
    ``sys.stdin``) is a terminal, since nothing would ever arrive.
    """
    seen: set[str] = set()
    for path in paths:
        for item in _expand(path, stdin):
            if isinstance(item, str):
                key = item if item == STDIN else os.path.normpath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def read_paths(
    paths: Sequence[str], options: Options, stdin: BinaryIO | None = None
) -> Iterator[Result]:
    """Documents and refusals from every input named by ``paths`` (see :func:`iter_paths`).

    Files over ``options.max_bytes`` are refused from their size, without being read. ``-``
    reads all of ``stdin`` (default ``sys.stdin.buffer``).
    """
    for item in iter_paths(paths, stdin):
        if isinstance(item, Rejected):
            yield item
            continue
        loaded = _read_stdin(stdin, options) if item == STDIN else _read_file(item, options)
        if isinstance(loaded, Rejected):
            yield loaded
        else:
            yield from read_bytes(loaded, item, options)


def _expand(path: str, stdin: BinaryIO | None) -> Iterator[str | Rejected]:
    """The files one input names, or a refusal."""
    if path == STDIN:
        yield _stdin_refusal(stdin) or STDIN
    elif os.path.isdir(path):
        yield from _walk(path)
    elif os.path.exists(path):
        yield path
    elif _GLOB_CHARS.intersection(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield reject(path, NO_MATCH_REASON)
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
    else:
        yield reject(path, MISSING_REASON)


def _walk(root: str) -> Iterator[str | Rejected]:
    """Files under ``root``, sorted by path components, hidden files and folders skipped."""
    found: list[tuple[list[str], str]] = []
    errors: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in filenames:
            if not name.startswith("."):
                path = os.path.join(folder, name)
                found.append((os.path.relpath(path, root).split(os.sep), path))
    for error in errors:
        yield reject(str(error.filename or root), f"cannot list folder: {_os_reason(error)}")
    if not found and not errors:
        yield reject(root, EMPTY_FOLDER_REASON)
    for _, path in sorted(found):
        yield path


def _read_file(path: str, options: Options) -> bytes | Rejected:
    """A file's bytes, or a refusal: too large (by ``stat``, before reading) or unreadable."""
    try:
        size = os.stat(path).st_size
        if size > options.max_bytes:
            return reject(path, oversize_reason(size, options.max_bytes))
        with open(path, "rb") as handle:
            # One byte over the limit is enough to refuse a file that grew since stat.
            return handle.read(options.max_bytes + 1)
    except OSError as exc:
        return reject(path, f"cannot read file: {_os_reason(exc)}")


def _read_stdin(stdin: BinaryIO | None, options: Options) -> bytes | Rejected:
    """All of stdin, or a refusal with its full size when over the limit.

    Reads in chunks (a pipe may return short reads) and keeps at most ``max_bytes`` in memory;
    past the limit it only counts, so the refusal can say how large the input was.
    """
    stream = stdin if stdin is not None else sys.stdin.buffer
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size <= options.max_bytes:
                chunks.append(chunk)
    except (OSError, ValueError) as exc:
        return reject(STDIN, f"cannot read stdin: {first_line(exc)}")
    if size > options.max_bytes:
        return reject(STDIN, oversize_reason(size, options.max_bytes))
    return b"".join(chunks)


def _stdin_refusal(stdin: BinaryIO | None) -> Rejected | None:
    """A refusal when there is no stdin, or it is an interactive terminal."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:
        return reject(STDIN, "no stdin to read from")
    try:
        interactive = stream.isatty()
    except (OSError, ValueError):
        return None
    return reject(STDIN, TERMINAL_REASON) if interactive else None


def _os_reason(error: OSError) -> str:
    """``Permission denied`` as ``permission denied``: reasons are lower-case."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]
