"""``POST /api/ingest``: add articles to the store over HTTP while the server reads it.

Off unless ``wirewatch serve`` was given a token (``--token`` or ``WIREWATCH_INGEST_TOKEN``);
then every request must carry ``Authorization: Bearer <token>``. The body is either files
uploaded as ``multipart/form-data`` (any format ``wirewatch ingest`` reads: text, HTML, JSON
Lines, feeds, WARC) or one JSON Lines document (``Content-Type: application/x-ndjson``). The
whole body may be at most the ``max_bytes`` setting.

The upload is read here, on the event loop; the ingest itself runs in a worker thread on its
own cursor, holding the server's ingest lock (one ingest at a time: a second one meanwhile gets
409), so reads go on, each on the last committed state. Stored articles are labelled with the
uploaded file's name, not a temporary path.
"""

from __future__ import annotations

import hmac
import re
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.types import Message

from .. import pipeline
from ..pipeline import IngestReport
from .api import ErrorBody
from .app import ServerState, state

#: Content types of a raw JSON Lines body.
JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/json-lines"})
#: Most files one upload may hold.
MAX_FILES = 1000

OFF = "ingest is off: start `wirewatch serve` with --token"
DEFAULT_NAME = "upload.jsonl"

router = APIRouter(prefix="/api", tags=["api"])

_REQUEST_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "Files in any format `wirewatch ingest` reads.",
                    }
                },
            }
        },
        "application/x-ndjson": {
            "schema": {"type": "string", "description": "One JSON object per line."}
        },
    },
}


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


@router.post(
    "/ingest",
    summary="Add articles to the store (needs the server's token)",
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        400: _error("An upload with no file, a form field that is no file, or an empty body."),
        401: _error("No `Authorization: Bearer <token>` header, or a wrong token."),
        403: _error("Ingest is off: the server was started without a token."),
        409: _error("Another ingest is running."),
        413: _error("The body is larger than the max_bytes setting."),
        415: _error("The body is neither multipart/form-data nor JSON Lines."),
        500: _error("The store cannot be written (the batch being written is rolled back)."),
    },
)
async def ingest(
    request: Request,
    name: Annotated[
        str,
        Query(
            description="The name a JSON Lines body is stored under (its articles are "
            "`NAME#L1`, `NAME#L2` ...); uploaded files keep their own names.",
            max_length=200,
        ),
    ] = DEFAULT_NAME,
) -> dict[str, Any]:
    """Read, clean, extract and store the uploaded files, or the JSON Lines body, as
    ``wirewatch ingest`` does; inputs the store already holds are skipped. Returns the ingest
    report: documents ``read``, articles ``stored``, ``duplicates``, ``already_stored``, the
    ``events``, ``quotes`` and ``claims`` found, and every ``refused`` input with its reason."""
    server = state(request)
    authorize(server.config.token, request.headers.get("authorization"))
    body = await read_body(request, server.config.options.max_bytes)
    inputs = await uploads(request, body, name)
    report = await run_in_threadpool(run_ingest, server, inputs)
    return report_view(report)


def authorize(token: str | None, header: str | None) -> None:
    """Check the ``Authorization`` header against the server's token.

    Raises:
        HTTPException: 403 when ingest is off (no token), 401 (with ``WWW-Authenticate``)
            when the header is missing, not ``Bearer``, or the token is wrong.
    """
    if token is None:
        raise HTTPException(403, OFF)
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401,
            "ingest needs the header `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            401,
            "wrong ingest token",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The whole request body, refused as soon as it passes ``limit`` bytes.

    Raises:
        HTTPException: 413 over the limit (by ``Content-Length`` when given, else counted).
    """
    too_large = HTTPException(
        413, f"body larger than max_bytes ({limit} bytes): send fewer or smaller files at a time"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def uploads(request: Request, body: bytes, name: str) -> list[tuple[str, bytes]]:
    """``(name, bytes)`` of each uploaded file, or of the JSON Lines body.

    Raises:
        HTTPException: 415 for another content type; 400 for an upload with no file, a form
            field that is no file, or an empty body.
    """
    kind = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if kind in JSONL_TYPES:
        if not body.strip():
            raise HTTPException(400, "empty body: send JSON Lines, one article per line")
        return [(safe_name(name, DEFAULT_NAME), body)]
    if kind != "multipart/form-data":
        raise HTTPException(
            415,
            f"cannot ingest {kind or 'a body without Content-Type'}: upload files as "
            "multipart/form-data, or send JSON Lines as application/x-ndjson",
        )
    return await _form_files(request, body)


async def _form_files(request: Request, body: bytes) -> list[tuple[str, bytes]]:
    """The files of a multipart body already read (parsed from ``body`` again)."""

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form(max_files=MAX_FILES)
    try:
        found: list[tuple[str, bytes]] = []
        for field, value in form.multi_items():
            if not isinstance(value, UploadFile):
                raise HTTPException(400, f"form field {field!r} is not a file: upload files")
            label = safe_name(value.filename or "", f"upload-{len(found) + 1}")
            found.append((label, await value.read()))
    finally:
        await form.close()
    if not found:
        raise HTTPException(400, "no files in the upload: send them as multipart/form-data")
    return found


_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def safe_name(name: str, default: str) -> str:
    """The last part of an uploaded file's name (no folders, no control characters), or
    ``default`` when nothing is left: the label its articles are stored under."""
    base = PurePosixPath(_UNSAFE.sub("", name).replace("\\", "/")).name.strip()
    return base if base not in ("", ".", "..") else default


def run_ingest(server: ServerState, inputs: list[tuple[str, bytes]]) -> IngestReport:
    """Ingest ``inputs`` on a cursor of its own, holding the ingest lock (in a worker thread).

    Raises:
        HTTPException: 409 when another ingest holds the lock.
        StoreError: the store cannot be written (the current batch is rolled back).
        UsageError: the spaCy pipeline or a user lexicon cannot be loaded.
    """
    if not server.ingest_lock.acquire(blocking=False):
        raise HTTPException(409, "another ingest is running: try again when it has finished")
    try:
        with server.store.cursor() as store:
            return pipeline.ingest_bytes(inputs, store, server.config.options)
    finally:
        server.ingest_lock.release()


def report_view(report: IngestReport) -> dict[str, Any]:
    """The ingest report as JSON: counts, and each refused input with its stage and reason."""
    return {
        "read": report.read,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "already_stored": report.already_stored,
        "events": report.events,
        "quotes": report.quotes,
        "claims": report.claims,
        "refused": [
            {"source": r.source, "stage": r.stage, "reason": r.reason, "message": r.message()}
            for r in report.refused
        ],
    }
