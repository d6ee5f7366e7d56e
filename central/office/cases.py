"""Login/logout, incoming cases by department, case detail and status changes."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from central.api.deps import get_db, get_settings
from central.errors import ApiError
from central.office.session import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    StaffDep,
    check_csrf,
    page_number,
    render,
    session_secret,
)
from central.security import SESSION_TTL_S, new_session, same_token
from central.services import cases, reports
from central.services.login_guard import WRONG_ZH_EN, LoginGuard

router = APIRouter(include_in_schema=False)

FormStr = Annotated[str, Form(max_length=2000)]


def _secure(request: Request) -> bool:
    return get_settings(request).secure_cookies


@router.get("/")
async def home() -> Response:
    return RedirectResponse("/office/cases", status_code=303)


@router.get("/office/login")
async def login_page(request: Request) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, csrf=token, error=None)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=3600,
    )
    return response


@router.post("/office/login")
async def login(request: Request, username: FormStr, password: FormStr, csrf: FormStr) -> Response:
    if not same_token(request.cookies.get(LOGIN_CSRF_COOKIE), csrf):
        raise ApiError(403, "csrf_failed", "login form expired; reload the page")
    guard: LoginGuard = request.app.state.login_guard
    address = request.client.host if request.client is not None else None
    result = await run_in_threadpool(guard.attempt, username, password, address)
    if not result.ok:
        # One answer for a wrong password, an unknown name and a locked one (plus the hint).
        token = secrets.token_urlsafe(24)
        response = render(
            request,
            "login.html",
            None,
            status_code=401,
            csrf=token,
            error=WRONG_ZH_EN,
            hint=result.hint,
        )
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
            max_age=3600,
        )
        return response
    cookie, _csrf = new_session(session_secret(request), username)
    response = RedirectResponse("/office/cases", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        max_age=SESSION_TTL_S,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/office/logout")
async def logout(staff: StaffDep, csrf: FormStr) -> Response:
    check_csrf(staff, csrf)
    response = RedirectResponse("/office/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/office/cases")
async def case_list(request: Request, staff: StaffDep) -> Response:
    q = request.query_params
    flt = reports.CaseFilter(
        department=q.get("department") or None,
        status=q.get("status") or None,
        matter=q.get("matter") or None,
        station=q.get("station") or None,
        date_from=_date(q.get("date_from")),
        date_to=_date(q.get("date_to")),
    )
    db = get_db(request)
    page = await run_in_threadpool(reports.list_cases, db, flt, page_number(request))
    names = await run_in_threadpool(reports.labels, db)
    options = await run_in_threadpool(reports.distinct_values, db)
    groups: dict[str, list[object]] = {}
    for row in page.items:
        groups.setdefault(names.department(row.department), []).append(row)
    query = {k: v for k, v in q.items() if k != "page" and v}
    return render(
        request,
        "cases.html",
        staff,
        groups=groups,
        flt=flt,
        names=names,
        options=options,
        statuses=reports.STATUS_LABELS,
        page=page,
        query=query,
    )


@router.get("/office/cases/{submission_id}")
async def case_page(request: Request, submission_id: str, staff: StaffDep) -> Response:
    db = get_db(request)
    found = await run_in_threadpool(reports.case_detail, db, submission_id)
    if found is None:
        raise ApiError(404, "not_found", "unknown case")
    row, body, changes = found
    names = await run_in_threadpool(reports.labels, db)
    transitions = {s: reports.STATUS_LABELS[s] for s in cases.STAFF_TRANSITIONS}
    return render(
        request,
        "case.html",
        staff,
        row=row,
        body=body,
        changes=changes,
        names=names,
        form_rows=names.form_rows(body.get("form_id"), body.get("data") or {}),
        statuses=reports.STATUS_LABELS,
        transitions=transitions,
    )


@router.post("/office/cases/{submission_id}/status")
async def case_status(
    request: Request,
    submission_id: str,
    staff: StaffDep,
    status: FormStr,
    csrf: FormStr,
    note_zh: FormStr = "",
    note_en: FormStr = "",
) -> Response:
    check_csrf(staff, csrf)
    if status not in cases.STAFF_TRANSITIONS:
        raise ApiError(422, "validation_failed", "unknown status")
    try:
        await run_in_threadpool(
            lambda: cases.change_status(
                get_db(request),
                submission_id,
                status,
                note_zh=note_zh.strip(),
                note_en=note_en.strip(),
                by_user=staff.name,
            )
        )
    except KeyError as err:
        raise ApiError(404, "not_found", "unknown case") from err
    return RedirectResponse(f"/office/cases/{submission_id}", status_code=303)
