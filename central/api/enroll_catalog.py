"""Enrollment and catalogue download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response
from starlette.concurrency import run_in_threadpool

from central.api.deps import CallerDep, DbDep, errors
from central.api.schemas import EnrollRequest, EnrollResponse, ErrorResponse
from central.errors import ApiError
from central.services import catalogs, terminals

router = APIRouter(prefix="/v1", tags=["terminal"])


@router.post(
    "/enroll",
    status_code=201,
    response_model=EnrollResponse,
    responses={
        403: {"model": ErrorResponse, "description": "Enrollment refused"},
        422: {"model": ErrorResponse, "description": "Validation failed"},
    },
)
async def enroll(body: EnrollRequest, db: DbDep) -> EnrollResponse:
    """Exchange a single-use enrollment code for a bearer token."""
    try:
        result = await run_in_threadpool(
            terminals.enroll, db, body.code, body.terminal_id, body.app_version
        )
    except terminals.EnrollmentRefusedError as err:
        raise ApiError(403, "enrollment_refused", str(err)) from err
    return EnrollResponse(
        terminal_id=result.terminal_id,
        station=result.station,
        token=result.token,
        resident_key_salt=result.resident_key_salt,
    )


def _etag_matches(header: str, etag: str) -> bool:
    for candidate in header.split(","):
        tag = candidate.strip().removeprefix("W/").strip('"')
        if tag in ("*", etag):
            return True
    return False


@router.get(
    "/catalog",
    responses={
        200: {
            "content": {"application/json": {"schema": {"type": "object"}}},
            "description": "The current catalogue",
        },
        304: {"description": "Not modified"},
        **errors(404),
    },
)
async def get_catalog(
    caller: CallerDep,
    db: DbDep,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Response:
    """The latest published catalogue, with ``ETag`` = sha256 of the body."""
    published = await run_in_threadpool(catalogs.latest, db)
    if published is None:
        raise ApiError(404, "not_found", "no catalogue has been published")
    headers = {"ETag": f'"{published.etag}"', "Cache-Control": "no-cache"}
    if if_none_match and _etag_matches(if_none_match, published.etag):
        return Response(status_code=304, headers=headers)
    return Response(published.body, media_type="application/json", headers=headers)
