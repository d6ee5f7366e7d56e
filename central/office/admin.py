"""Terminals (enroll/revoke), fleet health, catalogue publishing, bad-rating follow-up."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from central.api.deps import get_db, get_settings
from central.errors import ApiError
from central.office.session import Staff, StaffDep, check_csrf, page_number, render
from central.services import catalogs, reports, terminals
from central.util import CST, utcnow

router = APIRouter(include_in_schema=False)

FormStr = Annotated[str, Form(max_length=2000)]


def _terminals_page(
    request: Request, staff: Staff, status_code: int = 200, **context: Any
) -> Response:
    db = get_db(request)
    return render(
        request,
        "terminals.html",
        staff,
        status_code=status_code,
        rows=terminals.list_terminals(db),
        pending=terminals.pending_codes(db),
        valid_days=get_settings(request).enrollment_code_valid_days,
        **{"code": None, "error": None, "notice": None, **context},
    )


@router.get("/office/terminals")
async def terminal_list(request: Request, staff: StaffDep) -> Response:
    notice = {"code-revoked": "登记码已作废。"}.get(request.query_params.get("done", ""))
    return await run_in_threadpool(_terminals_page, request, staff, notice=notice)


@router.post("/office/terminals")
async def terminal_add(
    request: Request, staff: StaffDep, station: FormStr, csrf: FormStr, terminal_id: FormStr = ""
) -> Response:
    check_csrf(staff, csrf)
    error = code = None
    bound = terminal_id.strip() or None
    if not station.strip():
        error = "请填写站点名称。"
    elif bound is not None and not terminals.TERMINAL_ID_RE.match(bound):
        error = "终端编号只能包含字母、数字、点、下划线和连字符（最长 64 位）。"
    else:
        code = await run_in_threadpool(
            lambda: terminals.create_enrollment_code(
                get_db(request),
                station,
                bound,
                valid_days=get_settings(request).enrollment_code_valid_days,
                created_by=staff.name,
            )
        )
    return await run_in_threadpool(
        _terminals_page,
        request,
        staff,
        422 if error else 200,
        code=code,
        error=error,
        station=station if error else "",
    )


@router.post("/office/enrollment-codes/{code_id}/revoke")
async def enrollment_code_revoke(
    request: Request, code_id: str, staff: StaffDep, csrf: FormStr
) -> Response:
    check_csrf(staff, csrf)
    if not await run_in_threadpool(terminals.revoke_code, get_db(request), code_id):
        raise ApiError(404, "not_found", "unknown or used enrollment code")
    return RedirectResponse("/office/terminals?done=code-revoked", status_code=303)


@router.post("/office/terminals/{terminal_id}/revoke")
async def terminal_revoke(
    request: Request, terminal_id: str, staff: StaffDep, csrf: FormStr
) -> Response:
    check_csrf(staff, csrf)
    if not await run_in_threadpool(terminals.revoke, get_db(request), terminal_id):
        raise ApiError(404, "not_found", "unknown terminal")
    return RedirectResponse("/office/terminals", status_code=303)


@router.get("/office/fleet")
async def fleet_page(request: Request, staff: StaffDep) -> Response:
    rows = await run_in_threadpool(reports.fleet, get_db(request), get_settings(request))
    return render(
        request, "fleet.html", staff, rows=rows, settings=get_settings(request), now=utcnow()
    )


@router.get("/office/catalog")
async def catalog_page(request: Request, staff: StaffDep) -> Response:
    rows = await run_in_threadpool(catalogs.history, get_db(request))
    return render(request, "catalog.html", staff, rows=rows, error=None, published=None)


@router.post("/office/catalog")
async def catalog_publish(
    request: Request, staff: StaffDep, csrf: FormStr, file: Annotated[UploadFile, File()]
) -> Response:
    check_csrf(staff, csrf)
    raw = await file.read()
    error = published = None
    try:
        published = await run_in_threadpool(catalogs.publish, get_db(request), raw, staff.name)
    except catalogs.CatalogShapeError as err:
        error = str(err)
    rows = await run_in_threadpool(catalogs.history, get_db(request))
    return render(
        request,
        "catalog.html",
        staff,
        status_code=422 if error else 200,
        rows=rows,
        error=error,
        published=published,
    )


@router.get("/office/ratings")
async def ratings_page(request: Request, staff: StaffDep) -> Response:
    db = get_db(request)
    page = await run_in_threadpool(reports.bad_ratings, db, page_number(request))
    names = await run_in_threadpool(reports.labels, db)
    today = utcnow().astimezone(CST).date()
    return render(
        request,
        "ratings.html",
        staff,
        page=page,
        query={},
        rows=[(r, json.loads(r.canonical)) for r in page.items],
        names=names,
        today=today,
        levels=reports.LEVEL_LABELS,
        settings=get_settings(request),
    )


@router.get("/office/complaints")
async def complaints_page(request: Request, staff: StaffDep) -> Response:
    db = get_db(request)
    page = await run_in_threadpool(reports.complaints, db, page_number(request))
    names = await run_in_threadpool(reports.labels, db)
    return render(
        request,
        "complaints.html",
        staff,
        page=page,
        query={},
        rows=[(c, json.loads(c.canonical)) for c in page.items],
        names=names,
    )


@router.post("/office/ratings/{rating_id}/follow-up")
async def rating_follow_up(
    request: Request,
    rating_id: str,
    staff: StaffDep,
    csrf: FormStr,
    note: FormStr = "",
    page: FormStr = "",
) -> Response:
    check_csrf(staff, csrf)
    if not await run_in_threadpool(
        reports.mark_followed_up, get_db(request), rating_id, staff.name, note.strip()
    ):
        raise ApiError(404, "not_found", "unknown bad rating")
    back = "/office/ratings"
    if page.isdigit() and int(page) > 1:
        back += f"?page={int(page)}"
    return RedirectResponse(back, status_code=303)
