"""Ingest: read inputs (files, folders, globs, stdin) into :class:`RawDocument` values.

Bytes in, ``RawDocument | Rejected`` out. Formats are told apart by content (the extension only
breaks ties): plain text, HTML, JSON Lines or a JSON array of articles, RSS/Atom/RDF feeds and
WARC archives (plain or gzipped). Text is decoded (BOM, UTF-8, declared charset, then
charset-normalizer) and its newlines normalised, and otherwise left as it was: cleaning is the
next stage. Anything refused becomes a :class:`Rejected` with a one-line reason
(``stage="ingest"``), and the batch goes on.

* :func:`read_paths`: what the command line uses; expands paths and reads them.
* :func:`iter_paths`: the path expansion alone.
* :func:`read_bytes`: the pure core, no I/O, safe to run in worker processes or Ray.
"""

from __future__ import annotations

from .paths import iter_paths, read_paths
from .reader import read_bytes

__all__ = ["iter_paths", "read_bytes", "read_paths"]
