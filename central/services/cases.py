"""Submissions (cases), their status timeline and the per-terminal change feed.

Idempotency: a submission id is the kiosk's idempotency key. The first PUT stores the canonical
JSON; a later PUT with the same canonical JSON is a replay (200), anything else a conflict (409).
Concurrent first PUTs race on the primary key (``ON CONFLICT DO NOTHING``); the loser reads the
winner's row and compares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Attachment, StatusChange, Submission
from central.services import catalogs
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


SUBMISSIONS = cast(Table, Submission.__table__)
STATUS_CHANGES = cast(Table, StatusChange.__table__)


class ConflictError(Exception):
    """Same id, different content."""


Problem = tuple[str, str, str]
"""(loc, code, message) of one reason a submission is refused."""


class RejectedError(Exception):
    """Permanent validation failure (the API answers 422 with ``problems`` as details)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{loc}: {code}" for loc, code, _ in problems))
        self.problems = problems


@dataclass(frozen=True)
class StoreResult:
    created: bool
    case: dict[str, Any]


def _summary(
    submission_id: str, tracking_number: str, status: str, received_at: dt.datetime
) -> dict[str, Any]:
    return {
        "id": submission_id,
        "tracking_number": tracking_number,
        "status": status,
        "received_at": iso(received_at),
    }


def missing_attachments(session: Session, digests: list[tuple[str, str]]) -> list[str]:
    """Locations (``loc``) of referenced attachments that are not completely uploaded.

    The rows are read ``FOR SHARE`` (PostgreSQL; SQLite transactions are serialised anyway):
    the retention sweep cannot drop an attachment between this check and the commit.
    """
    wanted = {sha for _loc, sha in digests}
    if not wanted:
        return []
    complete = set(
        session.scalars(
            select(Attachment.sha256)
            .where(Attachment.sha256.in_(wanted), Attachment.complete)
            .with_for_update(read=True)
        )
    )
    return [loc for loc, sha in digests if sha not in complete]


def store_submission(
    db: Database,
    submission_id: str,
    terminal_id: str,
    body: dict[str, Any],
    *,
    digests: Sequence[tuple[str, str]] = (),
    problems: Sequence[Problem] = (),
) -> StoreResult:
    """Check ``body`` against the published catalogues and the uploads, then store it.

    One transaction, Core statements only (this is the hot path of the terminal API): the
    matter and attachment checks, an insert that ignores an existing id, the feed entry. The
    caller's own ``problems`` (checks that need no database) are reported together with ours.
    Raises :class:`RejectedError` (422) or :class:`ConflictError` (409).
    """
    canonical = canonical_json(body)
    with db.transaction() as session:
        found = list(problems)
        departments = catalogs.matter_departments(db, session)
        matter_code = body["matter_code"]
        if departments and matter_code not in departments:
            found.append(
                ("body.matter_code", "unknown_matter", "matter_code is in no published catalogue")
            )
        found += [
            (loc, "attachment_missing", "attachment not (completely) uploaded")
            for loc in missing_attachments(session, list(digests))
        ]
        if found:
            raise RejectedError(found)
        now = utcnow()
        conn = session.connection()
        inserted = conn.execute(
            _INSERT_NEW_SQLITE if db.is_sqlite else _INSERT_NEW_POSTGRESQL,
            {
                "id": submission_id,
                "terminal_id": terminal_id,
                "tracking_number": body["tracking_number"],
                "station_code": body["station_code"],
                "matter_code": matter_code,
                "department": departments.get(matter_code),
                "resident_key": body.get("resident_key"),
                "status": "received",
                "canonical": canonical,
                "finalized_at": str(body["finalized_at"]),
                "received_at": now,
            },
        ).first()
        if inserted is None:
            existing = conn.execute(_EXISTING, {"id": submission_id}).one()
            if existing.canonical != canonical:
                raise ConflictError(submission_id)
            return StoreResult(False, _summary(*existing[:4]))
        _append_change(
            db,
            session,
            submission_id=submission_id,
            terminal_id=terminal_id,
            tracking_number=body["tracking_number"],
            status="received",
            at=now,
        )
        return StoreResult(True, _summary(submission_id, body["tracking_number"], "received", now))


# The hot path's statements are built once: building ``insert().values(...)`` per request (value
# coercion, cache key) cost more than running it.
_INSERT_NEW_SQLITE = (
    sqlite_insert(SUBMISSIONS)
    .on_conflict_do_nothing(index_elements=["id"])
    .returning(SUBMISSIONS.c.id)
)
_INSERT_NEW_POSTGRESQL = (
    postgresql_insert(SUBMISSIONS)
    .on_conflict_do_nothing(index_elements=["id"])
    .returning(SUBMISSIONS.c.id)
)
"""``INSERT ... ON CONFLICT (id) DO NOTHING``: a replayed or racing id inserts nothing.

On PostgreSQL a concurrent first PUT of the same id makes it wait for that transaction; the
following select then sees the winner's row (READ COMMITTED), so the race needs no retry.
"""
_EXISTING = select(
    SUBMISSIONS.c.id,
    SUBMISSIONS.c.tracking_number,
    SUBMISSIONS.c.status,
    SUBMISSIONS.c.received_at,
    SUBMISSIONS.c.canonical,
).where(SUBMISSIONS.c.id == bindparam("id"))
_CHANGE_FIELDS = (
    "submission_id",
    "terminal_id",
    "tracking_number",
    "status",
    "at",
    "note_zh",
    "note_en",
    "by_user",
)
_APPEND_CHANGE = (
    insert(STATUS_CHANGES)
    .from_select(
        ["cursor", *_CHANGE_FIELDS],
        select(
            func.coalesce(func.max(STATUS_CHANGES.c.cursor), 0) + 1,
            *(bindparam(name, type_=STATUS_CHANGES.c[name].type) for name in _CHANGE_FIELDS),
        ),
    )
    .returning(STATUS_CHANGES.c.cursor)
)
"""The next cursor and its row in one statement (one round trip less under the feed lock)."""


def get_submission_row(db: Database, submission_id: str) -> Submission | None:
    with db.read() as session:
        return session.get(Submission, submission_id)


def get_case_summary(db: Database, submission_id: str, terminal_id: str) -> dict[str, Any] | None:
    with db.read() as session:
        row = session.execute(
            select(
                Submission.id, Submission.tracking_number, Submission.status, Submission.received_at
            ).where(Submission.id == submission_id, Submission.terminal_id == terminal_id)
        ).first()
    return None if row is None else _summary(*row)


def _append_change(
    db: Database,
    session: Session,
    *,
    submission_id: str,
    terminal_id: str,
    tracking_number: str,
    status: str,
    at: dt.datetime,
    note_zh: str | None = None,
    note_en: str | None = None,
    by_user: str | None = None,
) -> int:
    """Append to the feed under the feed lock (held until commit: gapless, commit-ordered)."""
    db.lock_feed(session)
    cursor: int = session.connection().scalar(
        _APPEND_CHANGE,
        {
            "submission_id": submission_id,
            "terminal_id": terminal_id,
            "tracking_number": tracking_number,
            "status": status,
            "at": at,
            "note_zh": note_zh,
            "note_en": note_en,
            "by_user": by_user,
        },
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
            db,
            session,
            submission_id=row.id,
            terminal_id=row.terminal_id,
            tracking_number=row.tracking_number,
            status=status,
            at=utcnow(),
            note_zh=note_zh or None,
            note_en=note_en or None,
            by_user=by_user,
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
