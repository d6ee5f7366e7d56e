"""Request-scoped helpers of the terminal API: the database, the calling terminal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.api.schemas import ErrorResponse
from central.db import Database
from central.errors import ApiError, detail
from central.services import terminals
from central.settings import Settings
from central.util import unstorable

bearer = HTTPBearer(auto_error=False, description="Token issued by POST /v1/enroll")


@dataclass(frozen=True)
class Caller:
    terminal_id: str
    station: str


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """401 for a missing/unknown token, 403 for a revoked terminal.

    A plain ``def``: FastAPI runs it in the threadpool, never on the event loop.
    """
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "unauthorized", "missing bearer token")
    terminal = terminals.authenticate(get_db(request), credentials.credentials)
    if terminal is None:
        raise ApiError(401, "unauthorized", "unknown token")
    if terminal.revoked:
        raise ApiError(403, "revoked", "this terminal has been revoked")
    return Caller(terminal.id, terminal.station)


DbDep = Annotated[Database, Depends(get_db)]
CallerDep = Annotated[Caller, Depends(get_caller)]


def require_storable(body: dict[str, Any]) -> None:
    bad = unstorable(body)
    if bad is not None:
        raise ApiError(
            422,
            "validation_failed",
            "request validation failed",
            [detail(bad, "unstorable_value", "NUL character or non-finite number")],
        )


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the structured error shape."""
    texts = {
        400: "Bad request",
        401: "Unknown or missing token",
        403: "Terminal revoked",
        404: "Not found",
        409: "Conflict",
        413: "Body too large",
        422: "Validation failed",
        429: "Rate limited",
        503: "Unavailable",
    }
    return {
        code: {"model": ErrorResponse, "description": texts[code]}
        for code in (401, 403, 422, *codes)
    }
