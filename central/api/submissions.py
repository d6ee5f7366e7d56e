"""Submissions (idempotent PUT), their status feed and the case lookup."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central.api.deps import CallerDep, DbDep, errors, require_storable
from central.api.schemas import CasesPage, CaseSummary, ChangesPage, SubmissionBody
from central.errors import ApiError, detail
from central.services import cases

router = APIRouter(prefix="/v1", tags=["terminal"])

SubmissionId = Annotated[uuid.UUID, Path(description="The kiosk's idempotency key (a UUID)")]


@router.get("/submissions/changes", response_model=ChangesPage, responses=errors())
async def get_changes(
    caller: CallerDep,
    db: DbDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> JSONResponse:
    """Status changes of the caller's cases after ``cursor``, oldest first."""
    page = await run_in_threadpool(cases.changes_for, db, caller.terminal_id, cursor, limit)
    return JSONResponse(page)


@router.put(
    "/submissions/{submission_id}",
    status_code=201,
    response_model=CaseSummary,
    responses={200: {"model": CaseSummary, "description": "Identical replay"}, **errors(409, 413)},
)
def put_submission(
    submission_id: SubmissionId,
    body: SubmissionBody,
    caller: CallerDep,
    db: DbDep,
) -> JSONResponse:
    """Store a finalized submission exactly once (idempotent by id)."""
    # A plain ``def`` (FastAPI runs it in the threadpool, off the event loop): the checks and
    # the insert are one database transaction, not one thread hop and one transaction each.
    data = body.model_dump(mode="json")
    require_storable(data)
    problems: list[cases.Problem] = []
    if body.terminal_id != caller.terminal_id:
        problems.append(
            (
                "body.terminal_id",
                "terminal_mismatch",
                "terminal_id is not the authenticated terminal",
            )
        )
    digests = [(f"body.materials[{i}].sha256", m.sha256) for i, m in enumerate(body.materials)]
    try:
        result = cases.store_submission(
            db, str(submission_id), caller.terminal_id, data, digests=digests, problems=problems
        )
    except cases.RejectedError as err:
        raise ApiError(
            422,
            "validation_failed",
            "submission rejected",
            [detail(loc, code, message) for loc, code, message in err.problems],
        ) from err
    except cases.ConflictError as err:
        raise ApiError(409, "conflict", "a different submission with this id exists") from err
    return JSONResponse(result.case, status_code=201 if result.created else 200)


@router.get("/submissions/{submission_id}", response_model=CaseSummary, responses=errors(404))
async def get_submission(submission_id: SubmissionId, caller: CallerDep, db: DbDep) -> JSONResponse:
    """Ask after a timeout whether a submission arrived (only the caller's own)."""
    summary = await run_in_threadpool(
        cases.get_case_summary, db, str(submission_id), caller.terminal_id
    )
    if summary is None:
        raise ApiError(404, "not_found", "unknown submission")
    return JSONResponse(summary)


@router.get("/cases", response_model=CasesPage, responses=errors())
async def get_cases(
    caller: CallerDep,
    db: DbDep,
    tracking_number: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    resident_key: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
) -> JSONResponse:
    """Progress of cases by tracking number or resident key (any station's cases)."""
    if tracking_number is None and resident_key is None:
        raise ApiError(
            422,
            "validation_failed",
            "give tracking_number or resident_key",
            [detail("query", "missing", "tracking_number or resident_key required")],
        )
    for loc, value in (
        ("query.tracking_number", tracking_number),
        ("query.resident_key", resident_key),
    ):
        if value is not None and "\x00" in value:
            raise ApiError(
                422,
                "validation_failed",
                "request validation failed",
                [detail(loc, "unstorable_value", "NUL character")],
            )
    found = await run_in_threadpool(cases.lookup_cases, db, tracking_number, resident_key)
    return JSONResponse({"cases": found})
