"""Terminals (enroll/revoke), fleet health, catalogue publishing, bad-rating follow-up."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from central.db import Database
from central.errors import ApiError
from central.office.session import StaffDep, check_csrf, render
from central.services import catalogs, reports, terminals
from central.services.feedback import CST
from central.settings import Settings
from central.util import utcnow

router = APIRouter(include_in_schema=False)

FormStr = Annotated[str, Form(max_length=2000)]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.get("/office/terminals")
async def terminal_list(request: Request, staff: StaffDep) -> Response:
    rows = await run_in_threadpool(terminals.list_terminals, _db(request))
    return render(request, "terminals.html", staff, rows=rows, code=None, error=None)


@router.post("/office/terminals")
async def terminal_add(
    request: Request, staff: StaffDep, station: FormStr, csrf: FormStr, terminal_id: FormStr = ""
) -> Response:
    check_csrf(staff, csrf)
    error = code = None
    try:
        code = await run_in_threadpool(
            terminals.create_enrollment_code, _db(request), station, terminal_id.strip() or None
        )
    except ValueError as err:
        error = str(err)
    rows = await run_in_threadpool(terminals.list_terminals, _db(request))
    return render(
        request,
        "terminals.html",
        staff,
        status_code=422 if error else 200,
        rows=rows,
        code=code,
        error=error,
        station=station,
    )


@router.post("/office/terminals/{terminal_id}/revoke")
async def terminal_revoke(
    request: Request, terminal_id: str, staff: StaffDep, csrf: FormStr
) -> Response:
    check_csrf(staff, csrf)
    if not await run_in_threadpool(terminals.revoke, _db(request), terminal_id):
        raise ApiError(404, "not_found", "unknown terminal")
    return RedirectResponse("/office/terminals", status_code=303)


@router.get("/office/fleet")
async def fleet_page(request: Request, staff: StaffDep) -> Response:
    rows = await run_in_threadpool(reports.fleet, _db(request), _settings(request))
    return render(
        request, "fleet.html", staff, rows=rows, settings=_settings(request), now=utcnow()
    )


@router.get("/office/catalog")
async def catalog_page(request: Request, staff: StaffDep) -> Response:
    rows = await run_in_threadpool(catalogs.history, _db(request))
    return render(request, "catalog.html", staff, rows=rows, error=None, published=None)


@router.post("/office/catalog")
async def catalog_publish(
    request: Request, staff: StaffDep, csrf: FormStr, file: Annotated[UploadFile, File()]
) -> Response:
    check_csrf(staff, csrf)
    raw = await file.read()
    error = published = None
    try:
        published = await run_in_threadpool(catalogs.publish, _db(request), raw, staff.name)
    except catalogs.CatalogShapeError as err:
        error = str(err)
    rows = await run_in_threadpool(catalogs.history, _db(request))
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
    db = _db(request)
    rows = await run_in_threadpool(reports.bad_ratings, db)
    names = await run_in_threadpool(reports.labels, db)
    today = utcnow().astimezone(CST).date()
    return render(
        request,
        "ratings.html",
        staff,
        rows=rows,
        names=names,
        today=today,
        levels=reports.LEVEL_LABELS,
        settings=_settings(request),
    )


@router.post("/office/ratings/{rating_id}/follow-up")
async def rating_follow_up(
    request: Request, rating_id: str, staff: StaffDep, csrf: FormStr, note: FormStr = ""
) -> Response:
    check_csrf(staff, csrf)
    if not await run_in_threadpool(
        reports.mark_followed_up, _db(request), rating_id, staff.name, note.strip()
    ):
        raise ApiError(404, "not_found", "unknown bad rating")
    return RedirectResponse("/office/ratings", status_code=303)
