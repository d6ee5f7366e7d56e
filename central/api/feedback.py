"""Ratings (好差评), complaints (找茬) and the heartbeat."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central.api.deps import CallerDep, DbDep, errors, get_settings, require_storable
from central.api.schemas import ComplaintBody, HeartbeatBody, RatingBody, Stored
from central.errors import ApiError, detail
from central.services import feedback
from central.settings import Settings

router = APIRouter(prefix="/v1", tags=["terminal"])

FeedbackId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@router.put(
    "/ratings/{rating_id}",
    status_code=201,
    response_model=Stored,
    responses={200: {"model": Stored, "description": "Identical replay"}, **errors(409, 413)},
)
async def put_rating(
    rating_id: FeedbackId, body: RatingBody, caller: CallerDep, db: DbDep, settings: SettingsDep
) -> JSONResponse:
    """One rating per case per channel; idempotent by id."""
    data = body.model_dump(mode="json")
    require_storable(data)
    try:
        stored = await run_in_threadpool(
            feedback.store_rating,
            db,
            rating_id,
            caller.terminal_id,
            caller.station,
            data,
            settings.follow_up_working_days,
            settings.holidays,
        )
    except feedback.RatingConflictError as err:
        raise ApiError(409, "conflict", str(err)) from err
    return JSONResponse(
        {"id": stored.id, "received_at": stored.received_at},
        status_code=201 if stored.created else 200,
    )


@router.put(
    "/complaints/{complaint_id}",
    status_code=201,
    response_model=Stored,
    responses={200: {"model": Stored, "description": "Identical replay"}, **errors(409, 413)},
)
async def put_complaint(
    complaint_id: FeedbackId, body: ComplaintBody, caller: CallerDep, db: DbDep
) -> JSONResponse:
    """A 找茬 complaint, idempotent by id; a referenced photo must be uploaded first."""
    data = body.model_dump(mode="json")
    require_storable(data)
    try:
        stored = await run_in_threadpool(
            feedback.store_complaint,
            db,
            complaint_id,
            caller.terminal_id,
            caller.station,
            data,
            body.photo_sha256,
        )
    except feedback.ComplaintConflictError as err:
        raise ApiError(409, "conflict", str(err)) from err
    except feedback.ComplaintPhotoMissingError as err:
        raise ApiError(
            422,
            "validation_failed",
            "complaint rejected",
            [
                detail(
                    "body.photo_sha256",
                    "attachment_missing",
                    "attachment not (completely) uploaded",
                )
            ],
        ) from err
    return JSONResponse(
        {"id": stored.id, "received_at": stored.received_at},
        status_code=201 if stored.created else 200,
    )


@router.post("/heartbeat", status_code=204, response_class=Response, responses=errors(413))
async def post_heartbeat(body: HeartbeatBody, caller: CallerDep, db: DbDep) -> Response:
    """Latest health state of the caller (stored, replacing the previous one)."""
    data = body.model_dump(mode="json")
    require_storable(data)
    if body.terminal_id != caller.terminal_id:
        raise ApiError(
            422,
            "validation_failed",
            "heartbeat rejected",
            [detail("body.terminal_id", "terminal_mismatch", "terminal_id is not the caller")],
        )
    await run_in_threadpool(feedback.store_heartbeat, db, caller.terminal_id, data)
    return Response(status_code=204)
