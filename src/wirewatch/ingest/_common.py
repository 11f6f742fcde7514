"""Small helpers shared by the ingest readers: hashing, refusals and the result type."""

from __future__ import annotations

import hashlib

from ..records import RawDocument, Rejected

#: The ``stage`` recorded on every refusal made here.
STAGE = "ingest"

#: What every reader yields: a document, or the reason some input was refused.
Result = RawDocument | Rejected


def sha256_hex(data: bytes) -> str:
    """The hex sha256 of ``data``: the idempotency key stored as ``raw_hash``."""
    return hashlib.sha256(data).hexdigest()


def reject(source: str, reason: str) -> Rejected:
    """A refusal made by the ingest stage."""
    return Rejected(source=source, reason=reason, stage=STAGE)


def oversize_reason(size: int, limit: int) -> str:
    """The one reason used for input over ``max_bytes``, so files and stdin read alike."""
    return f"file is {size} bytes, over the limit of {limit} (setting max_bytes)"


def first_line(message: object, limit: int = 160) -> str:
    """The first line of an error message, shortened, for use inside a one-line reason."""
    text = str(message).strip().splitlines()
    line = text[0] if text else type(message).__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"
