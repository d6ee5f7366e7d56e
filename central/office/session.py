"""Staff session (signed cookie) and CSRF checks for the back office."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from central.db import Database
from central.errors import ApiError
from central.security import same_token, unsign
from central.services import vocab
from central.util import duration_zh, local_time

SESSION_COOKIE = "central_session"
LOGIN_CSRF_COOKIE = "central_login_csrf"

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["fromjson"] = json.loads
templates.env.filters["local_time"] = local_time
templates.env.filters["duration_zh"] = duration_zh
templates.env.globals["vocab"] = vocab


class LoginRequiredError(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


@dataclass(frozen=True)
class Staff:
    name: str
    csrf: str


def session_secret(request: Request) -> str:
    db: Database = request.app.state.db
    cached: str | None = getattr(request.app.state, "session_secret", None)
    if cached is None:
        cached = db.meta("session_secret")
        request.app.state.session_secret = cached
    return cached


def current_staff(request: Request) -> Staff:
    payload = unsign(session_secret(request), request.cookies.get(SESSION_COOKIE, ""))
    if payload is None or not isinstance(payload.get("u"), str):
        raise LoginRequiredError(request.url.path)
    return Staff(payload["u"], str(payload.get("csrf", "")))


StaffDep = Annotated[Staff, Depends(current_staff)]


def check_csrf(staff: Staff, token: str | None) -> None:
    if not same_token(staff.csrf, token):
        raise ApiError(403, "csrf_failed", "form expired or forged; reload the page")


async def on_login_required(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequiredError)
    return RedirectResponse("/office/login", status_code=303)


def page_number(request: Request) -> int:
    """The ``page`` query parameter (1 when missing or not a number)."""
    raw = request.query_params.get("page", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


def render(
    request: Request, template: str, staff: Staff | None, status_code: int = 200, **context: Any
) -> Response:
    return templates.TemplateResponse(
        request, template, {"staff": staff, **context}, status_code=status_code
    )
