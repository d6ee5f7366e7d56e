"""Submissions (cases), their status timeline and the per-terminal change feed.

Idempotency: a submission id is the kiosk's idempotency key. The first PUT stores the canonical
JSON; a later PUT with the same canonical JSON is a replay (200), anything else a conflict (409).
Concurrent first PUTs race on the primary key; the loser re-reads and compares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Attachment, StatusChange, Submission
from central.util import canonical_json, iso, utcnow

STATUSES = (
    "received",
    "accepted",
    "needs_supplement",
    "approved",
    "rejected",
    "result_ready",
    "mailed",
)
STAFF_TRANSITIONS = (
    "accepted",
    "needs_supplement",
    "approved",
    "rejected",
    "result_ready",
    "mailed",
)


class ConflictError(Exception):
    """Same id, different content."""


@dataclass(frozen=True)
class StoreResult:
    created: bool
    case: dict[str, Any]


def _case_summary(row: Submission) -> dict[str, Any]:
    return {
        "id": row.id,
        "tracking_number": row.tracking_number,
        "status": row.status,
        "received_at": iso(row.received_at),
    }


def missing_attachments(session: Session, digests: list[tuple[str, str]]) -> list[str]:
    """Locations (``loc``) of referenced attachments that are not completely uploaded."""
    wanted = {sha for _loc, sha in digests}
    if not wanted:
        return []
    complete = set(
        session.scalars(
            select(Attachment.sha256).where(Attachment.sha256.in_(wanted), Attachment.complete)
        )
    )
    return [loc for loc, sha in digests if sha not in complete]


def store_submission(
    db: Database, submission_id: str, terminal_id: str, body: dict[str, Any], department: str | None
) -> StoreResult:
    canonical = canonical_json(body)
    existing = get_submission_row(db, submission_id)
    if existing is not None:
        return _replay_or_conflict(existing, canonical)
    now = utcnow()
    try:
        with db.transaction() as session:
            row = Submission(
                id=submission_id,
                terminal_id=terminal_id,
                tracking_number=body["tracking_number"],
                station_code=body["station_code"],
                matter_code=body["matter_code"],
                department=department,
                resident_key=body.get("resident_key"),
                status="received",
                canonical=canonical,
                finalized_at=str(body["finalized_at"]),
                received_at=now,
            )
            session.add(row)
            session.flush()
            _append_change(db, session, row, "received", now, None, None, None)
            return StoreResult(True, _case_summary(row))
    except IntegrityError:
        existing = get_submission_row(db, submission_id)
        if existing is None:
            raise
        return _replay_or_conflict(existing, canonical)


def _replay_or_conflict(row: Submission, canonical: str) -> StoreResult:
    if row.canonical != canonical:
        raise ConflictError(row.id)
    return StoreResult(False, _case_summary(row))


def get_submission_row(db: Database, submission_id: str) -> Submission | None:
    with db.read() as session:
        return session.get(Submission, submission_id)


def get_case_summary(db: Database, submission_id: str, terminal_id: str) -> dict[str, Any] | None:
    row = get_submission_row(db, submission_id)
    if row is None or row.terminal_id != terminal_id:
        return None
    return _case_summary(row)


def _append_change(
    db: Database,
    session: Session,
    row: Submission,
    status: str,
    at: dt.datetime,
    note_zh: str | None,
    note_en: str | None,
    by_user: str | None,
) -> int:
    db.lock_feed(session)
    cursor = (session.scalar(select(func.max(StatusChange.cursor))) or 0) + 1
    session.add(
        StatusChange(
            cursor=cursor,
            submission_id=row.id,
            terminal_id=row.terminal_id,
            tracking_number=row.tracking_number,
            status=status,
            at=at,
            note_zh=note_zh,
            note_en=note_en,
            by_user=by_user,
        )
    )
    return cursor


def change_status(
    db: Database,
    submission_id: str,
    status: str,
    *,
    note_zh: str | None = None,
    note_en: str | None = None,
    by_user: str | None = None,
) -> int:
    """Set a case's status and append it to the feed; returns the new feed cursor."""
    if status not in STAFF_TRANSITIONS:
        raise ValueError(f"unknown status {status!r}")
    with db.transaction() as session:
        row = session.get(Submission, submission_id, with_for_update=True)
        if row is None:
            raise KeyError(submission_id)
        row.status = status
        return _append_change(
            db, session, row, status, utcnow(), note_zh or None, note_en or None, by_user
        )


def _change_json(change: StatusChange) -> dict[str, Any]:
    note = None
    if change.note_zh or change.note_en:
        note = {"zh": change.note_zh or "", "en": change.note_en or ""}
    return {
        "cursor": change.cursor,
        "submission_id": change.submission_id,
        "tracking_number": change.tracking_number,
        "status": change.status,
        "at": iso(change.at),
        "note": note,
    }


MAX_CURSOR = 2**31 - 1
"""``status_changes.cursor`` is a 32-bit integer column (PostgreSQL ``integer``)."""


def changes_for(db: Database, terminal_id: str, cursor: int, limit: int) -> dict[str, Any]:
    if cursor >= MAX_CURSOR:
        # Past every cursor that can exist (the API accepts up to 2**62); comparing it with the
        # column would overflow on PostgreSQL (a 500 instead of an empty page).
        return {"changes": [], "next_cursor": cursor}
    with db.read() as session:
        rows = session.scalars(
            select(StatusChange)
            .where(StatusChange.terminal_id == terminal_id, StatusChange.cursor > cursor)
            .order_by(StatusChange.cursor)
            .limit(limit)
        ).all()
        changes = [_change_json(c) for c in rows]
    return {"changes": changes, "next_cursor": changes[-1]["cursor"] if changes else cursor}


def timeline(session: Session, submission_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(StatusChange)
        .where(StatusChange.submission_id == submission_id)
        .order_by(StatusChange.cursor)
    ).all()
    return [
        {k: v for k, v in _change_json(c).items() if k in ("status", "at", "note")} for c in rows
    ]


def lookup_cases(
    db: Database, tracking_number: str | None, resident_key: str | None, limit: int = 50
) -> list[dict[str, Any]]:
    query = select(Submission).order_by(Submission.received_at.desc()).limit(limit)
    if tracking_number is not None:
        query = query.where(Submission.tracking_number == tracking_number)
    if resident_key is not None:
        query = query.where(Submission.resident_key == resident_key)
    with db.read() as session:
        return [
            {
                "tracking_number": row.tracking_number,
                "matter_code": row.matter_code,
                "status": row.status,
                "timeline": timeline(session, row.id),
            }
            for row in session.scalars(query)
        ]
