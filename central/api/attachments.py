"""Attachment upload: HEAD to learn the state, PUT (optionally ranged) to send bytes."""

from __future__ import annotations

import re
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central.api.deps import CallerDep, errors
from central.errors import ApiError, detail
from central.services.attachments import (
    LIMIT,
    MEDIA_TYPES,
    AttachmentStore,
    HashMismatchError,
    OffsetMismatchError,
)

router = APIRouter(prefix="/v1", tags=["terminal"])

DigestPath = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="sha256, lower-case hex")]
RANGE_RE = re.compile(r"^bytes (\d{1,12})-(\d{1,12})/(\d{1,12})$")


def _store(request: Request) -> AttachmentStore:
    store: AttachmentStore = request.app.state.attachments
    return store


@router.head(
    "/attachments/{sha256}",
    responses={
        200: {"description": "Complete (Content-Length) or partial (Upload-Offset)"},
        **errors(404),
    },
)
async def head_attachment(sha256: DigestPath, caller: CallerDep, request: Request) -> Response:
    # Asking about a complete file confirms it: its retention clock restarts (the terminal is
    # about to submit a case naming it).
    state = await run_in_threadpool(partial(_store(request).state, sha256, confirm=True))
    if state is None:
        raise ApiError(404, "not_found", "unknown attachment")
    if state.complete:
        return Response(
            status_code=200,
            headers={
                "Content-Length": str(state.size),
                "Upload-Offset": str(state.size),
                "Upload-Complete": "?1",
            },
        )
    return Response(
        status_code=200, headers={"Upload-Offset": str(state.offset), "Upload-Complete": "?0"}
    )


def _parse_range(content_range: str | None, length: int) -> tuple[int, int]:
    """(start, total) of this chunk; without Content-Range the body is the whole file."""
    if content_range is None:
        return 0, length
    match = RANGE_RE.match(content_range.strip())
    if match is None:
        raise ApiError(400, "bad_request", "Content-Range must be 'bytes <start>-<end>/<total>'")
    start, end, total = (int(g) for g in match.groups())
    if total > LIMIT:
        raise ApiError(413, "too_large", f"attachments are limited to {LIMIT} bytes")
    if end < start or end >= total or end - start + 1 != length:
        raise ApiError(400, "bad_request", "Content-Range does not match the body")
    return start, total


@router.put(
    "/attachments/{sha256}",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA_TYPES
            },
        }
    },
    responses={
        200: {"description": "Already complete"},
        202: {"description": "Chunk stored, upload incomplete (Upload-Offset)"},
        **errors(400, 409, 413),
    },
)
async def put_attachment(
    sha256: DigestPath,
    caller: CallerDep,
    request: Request,
    content_type: Annotated[str | None, Header(max_length=200)] = None,
    content_range: Annotated[str | None, Header(max_length=100)] = None,
) -> Response:
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in MEDIA_TYPES:
        raise ApiError(
            422,
            "validation_failed",
            "unsupported attachment type",
            [
                detail(
                    "header.content-type",
                    "unsupported_media_type",
                    f"one of {', '.join(MEDIA_TYPES)}",
                )
            ],
        )
    body = await request.body()  # the ASGI wire already capped it at the limit
    start, total = _parse_range(content_range, len(body))
    try:
        result = await run_in_threadpool(
            _store(request).put, sha256, media_type, caller.terminal_id, body, start, total
        )
    except OffsetMismatchError as err:
        raise ApiError(
            409, "conflict", "upload offset mismatch", headers={"Upload-Offset": str(err.offset)}
        ) from err
    except HashMismatchError as err:
        raise ApiError(
            422, "hash_mismatch", "received bytes do not match the sha256; partial upload dropped"
        ) from err
    status = {"created": 201, "existing": 200, "partial": 202}[result.status]
    return JSONResponse(
        {
            "sha256": sha256,
            "size": result.size,
            "complete": result.status != "partial",
            "offset": result.offset,
        },
        status_code=status,
        headers={
            "Upload-Offset": str(result.offset),
            "Upload-Complete": "?0" if result.status == "partial" else "?1",
        },
    )
