"""Read models of the back office: case lists, fleet health, 好差评 statistics, follow-ups.

The public statistics are de-identified by construction: they are computed from aggregate
queries that never select tracking numbers, contacts, comments or terminal ids.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from central.db import Database
from central.models import Heartbeat, Rating, StatusChange, Submission, Terminal
from central.services import catalogs
from central.settings import Settings
from central.util import aware, utcnow

LEVELS = (5, 4, 3, 2, 1)
LEVEL_LABELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
LEVEL_LABELS_EN = {
    5: "Very satisfied",
    4: "Satisfied",
    3: "Fairly satisfied",
    2: "Dissatisfied",
    1: "Very dissatisfied",
}
STATUS_LABELS = {
    "received": "已接收 Received",
    "accepted": "已受理 Accepted",
    "needs_supplement": "需补正 Supplement needed",
    "approved": "已批准 Approved",
    "rejected": "不予受理/不予批准 Rejected",
    "result_ready": "结果可领取 Result ready",
    "mailed": "已邮寄 Mailed",
}
PAPER_LOW_STATES = {
    "paper_low",
    "paper_near_end",
    "near_end",
    "low",
    "paper_out",
    "out",
    "no_paper",
}


@dataclass
class Labels:
    """Chinese names of matters and departments from the latest catalogue (codes otherwise)."""

    matters: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)

    def matter(self, code: str) -> str:
        return self.matters.get(code, code)

    def department(self, code: str | None) -> str:
        return self.departments.get(code or "", code or "—")


def labels(db: Database) -> Labels:
    published = catalogs.latest(db)
    out = Labels()
    if published is None:
        return out
    data = json.loads(published.body)
    for matter in data.get("matters", []):
        name = matter.get("name", {})
        out.matters[matter["code"]] = str(name.get("zh") or name.get("en") or matter["code"])
    for dept in (data.get("enums") or {}).get("department", []) or []:
        if isinstance(dept, dict) and "code" in dept:
            label = dept.get("label") or {}
            out.departments[str(dept["code"])] = str(label.get("zh") or dept["code"])
    return out


@dataclass(frozen=True)
class CaseFilter:
    department: str | None = None
    status: str | None = None
    matter: str | None = None
    station: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def list_cases(db: Database, flt: CaseFilter, limit: int = 500) -> list[Submission]:
    query = select(Submission).order_by(Submission.received_at.desc()).limit(limit)
    if flt.department:
        query = query.where(Submission.department == flt.department)
    if flt.status:
        query = query.where(Submission.status == flt.status)
    if flt.matter:
        query = query.where(Submission.matter_code == flt.matter)
    if flt.station:
        query = query.where(Submission.station_code == flt.station)
    if flt.date_from:
        start = dt.datetime.combine(flt.date_from, dt.time(), dt.UTC)
        query = query.where(Submission.received_at >= start)
    if flt.date_to:
        end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(Submission.received_at < end)
    with db.transaction() as session:
        return list(session.scalars(query))


def distinct_values(db: Database) -> dict[str, list[str]]:
    with db.transaction() as session:
        return {
            "departments": sorted(
                d for d in session.scalars(select(Submission.department).distinct()) if d
            ),
            "matters": sorted(session.scalars(select(Submission.matter_code).distinct())),
            "stations": sorted(session.scalars(select(Submission.station_code).distinct())),
        }


def case_detail(
    db: Database, submission_id: str
) -> tuple[Submission, dict[str, Any], list[StatusChange]] | None:
    with db.transaction() as session:
        row = session.get(Submission, submission_id)
        if row is None:
            return None
        changes = list(
            session.scalars(
                select(StatusChange)
                .where(StatusChange.submission_id == submission_id)
                .order_by(StatusChange.cursor)
            )
        )
        return row, json.loads(row.canonical), changes


@dataclass(frozen=True)
class TerminalHealth:
    id: str
    station: str
    revoked: bool
    last_seen: dt.datetime | None
    age_s: float | None
    online: bool
    paper_low: bool
    outbox_depth: int
    outbox_oldest_age_s: float
    outbox_stuck: bool
    quarantined: int
    catalog_version: str | None
    catalog_problem: Any
    app_version: str | None


def fleet(db: Database, settings: Settings, now: dt.datetime | None = None) -> list[TerminalHealth]:
    now = now or utcnow()
    out = []
    with db.transaction() as session:
        rows = session.execute(
            select(Terminal, Heartbeat)
            .outerjoin(Heartbeat, Heartbeat.terminal_id == Terminal.id)
            .order_by(Terminal.station, Terminal.id)
        ).all()
        for terminal, beat in rows:
            body: dict[str, Any] = dict(beat.body) if beat else {}
            seen = aware(beat.received_at) if beat else None
            age = (now - seen).total_seconds() if seen else None
            printer = (body.get("devices") or {}).get("printer") or {}
            outbox = body.get("outbox") or {}
            depth = int(outbox.get("depth") or 0)
            oldest = float(outbox.get("oldest_age_s") or 0)
            out.append(
                TerminalHealth(
                    id=terminal.id,
                    station=terminal.station,
                    revoked=terminal.revoked_at is not None,
                    last_seen=seen,
                    age_s=age,
                    online=age is not None and age <= settings.online_threshold_s,
                    paper_low=str(printer.get("state", "")).lower() in PAPER_LOW_STATES
                    or "paper" in str(printer.get("message_key", "")).lower(),
                    outbox_depth=depth,
                    outbox_oldest_age_s=oldest,
                    outbox_stuck=depth > 0 and oldest > settings.outbox_stuck_threshold_s,
                    quarantined=int(outbox.get("quarantined") or 0),
                    catalog_version=body.get("catalog_version"),
                    catalog_problem=body.get("catalog_problem"),
                    app_version=body.get("app_version") or terminal.app_version,
                )
            )
    return out


@dataclass
class RatingRow:
    key: str
    label: str
    counts: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def satisfaction(self) -> float | None:
        """好评率: share of 非常满意 + 满意 + 基本满意 among all ratings."""
        total = self.total
        good = sum(self.counts.get(level, 0) for level in (5, 4, 3))
        return None if total == 0 else good / total


def rating_stats(db: Database) -> dict[str, list[RatingRow]]:
    """Counts per level per matter and per station (aggregates only: de-identified)."""
    names = labels(db)
    result: dict[str, list[RatingRow]] = {}
    with db.transaction() as session:
        for name, column in (("matters", Rating.matter_code), ("stations", Rating.station)):
            rows: dict[str, RatingRow] = {}
            for key, level, count in session.execute(
                select(column, Rating.level, func.count()).group_by(column, Rating.level)
            ):
                label = names.matter(key) if name == "matters" else key
                row = rows.setdefault(key, RatingRow(key, label, {}))
                row.counts[int(level)] = int(count)
            result[name] = sorted(rows.values(), key=lambda r: (-r.total, r.key))
    return result


def bad_ratings(db: Database) -> list[Rating]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(Rating)
                .where(Rating.level <= 2)
                .order_by(
                    Rating.followed_up_at.is_not(None), Rating.follow_up_due, Rating.received_at
                )
            )
        )


def mark_followed_up(db: Database, rating_id: str, user: str, note: str) -> bool:
    with db.transaction() as session:
        row = session.get(Rating, rating_id)
        if row is None or row.level > 2:
            return False
        row.followed_up_at = utcnow()
        row.followed_up_by = user
        row.follow_up_note = note or None
        return True
