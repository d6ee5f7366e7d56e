"""The public 好差评 board: live, de-identified statistics (no login)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from central.db import Database
from central.office.session import render
from central.services import reports
from central.util import utcnow

router = APIRouter(include_in_schema=False)


def _stats(db: Database) -> dict[str, list[reports.RatingRow]]:
    return reports.rating_stats(db)


@router.get("/public/ratings")
async def public_ratings(request: Request) -> Response:
    stats = await run_in_threadpool(_stats, request.app.state.db)
    return render(
        request,
        "public.html",
        None,
        stats=stats,
        levels=reports.LEVELS,
        labels=reports.LEVEL_LABELS,
        labels_en=reports.LEVEL_LABELS_EN,
        now=utcnow(),
    )


@router.get("/public/ratings.json")
async def public_ratings_json(request: Request) -> Response:
    stats = await run_in_threadpool(_stats, request.app.state.db)
    return JSONResponse(
        {
            group: [
                {
                    "key": r.key,
                    "name": r.label,
                    "total": r.total,
                    "counts": {
                        reports.LEVEL_LABELS[lv]: r.counts.get(lv, 0) for lv in reports.LEVELS
                    },
                    "satisfaction_rate": r.satisfaction,
                }
                for r in rows
            ]
            for group, rows in stats.items()
        }
    )
