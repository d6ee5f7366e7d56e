"""好差评 ratings, 找茬 complaints and terminal heartbeats as received from terminals.

One rating per case per channel (一次一评): the channel of everything arriving over the terminal
API is ``terminal``. A bad rating (level <= 2, 不满意 or worse) gets a follow-up deadline in
working days, counted in China Standard Time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from central.db import Database
from central.models import Complaint, Heartbeat, Rating
from central.services import cases
from central.util import CST, add_working_days, canonical_json, iso, utcnow

CHANNEL = "terminal"
BAD_LEVEL = 2


class RatingConflictError(Exception):
    """Same id with other content, or the case already has another rating on this channel."""


class ComplaintConflictError(Exception):
    pass


@dataclass(frozen=True)
class Stored:
    created: bool
    id: str
    received_at: str


def store_rating(
    db: Database,
    rating_id: str,
    terminal_id: str,
    station: str,
    body: dict[str, Any],
    follow_up_days: int,
    holidays: frozenset[str] = frozenset(),
) -> Stored:
    canonical = canonical_json(body)
    for _attempt in range(2):
        with db.transaction() as session:
            existing = session.get(Rating, rating_id)
            if existing is not None:
                if existing.canonical != canonical:
                    raise RatingConflictError("different rating with this id")
                return Stored(False, rating_id, iso(existing.received_at) or "")
            other = session.scalar(
                select(Rating.id).where(
                    Rating.tracking_number == body["tracking_number"], Rating.channel == CHANNEL
                )
            )
            if other is not None:
                raise RatingConflictError("this case already has a rating on this channel")
        now = utcnow()
        due = None
        if body["level"] <= BAD_LEVEL:
            due = add_working_days(now.astimezone(CST).date(), follow_up_days, holidays)
        try:
            with db.transaction() as session:
                session.add(
                    Rating(
                        id=rating_id,
                        tracking_number=body["tracking_number"],
                        channel=CHANNEL,
                        matter_code=body["matter_code"],
                        terminal_id=terminal_id,
                        station=station,
                        level=body["level"],
                        indicators={
                            k: v
                            for k, v in (body.get("indicators") or {}).items()
                            if isinstance(v, int)
                        },
                        canonical=canonical,
                        rated_at=str(body["rated_at"]),
                        received_at=now,
                        follow_up_due=due,
                    )
                )
            return Stored(True, rating_id, iso(now) or "")
        except IntegrityError:
            continue  # a concurrent writer won; the loop re-reads and classifies
    raise RatingConflictError("concurrent conflicting rating")


class ComplaintPhotoMissingError(Exception):
    """The complaint names a photo that is not (completely) uploaded."""


def store_complaint(
    db: Database,
    complaint_id: str,
    terminal_id: str,
    station: str,
    body: dict[str, Any],
    photo_sha256: str | None = None,
) -> Stored:
    """Store a complaint, idempotent by id. A named photo is checked in the inserting
    transaction (its row read ``FOR SHARE``), so the retention sweep cannot drop it between
    the check and the commit. An identical replay is answered without the check."""
    canonical = canonical_json(body)
    for _attempt in range(2):
        with db.transaction() as session:
            existing = session.get(Complaint, complaint_id)
            if existing is not None:
                if existing.canonical != canonical:
                    raise ComplaintConflictError("different complaint with this id")
                return Stored(False, complaint_id, iso(existing.received_at) or "")
        now = utcnow()
        try:
            with db.transaction() as session:
                if photo_sha256 is not None and cases.missing_attachments(
                    session, [("body.photo_sha256", photo_sha256)]
                ):
                    raise ComplaintPhotoMissingError(photo_sha256)
                session.add(
                    Complaint(
                        id=complaint_id,
                        terminal_id=terminal_id,
                        station=station,
                        canonical=canonical,
                        received_at=now,
                    )
                )
            return Stored(True, complaint_id, iso(now) or "")
        except IntegrityError:
            continue
    raise ComplaintConflictError("concurrent conflicting complaint")


def store_heartbeat(db: Database, terminal_id: str, body: dict[str, Any]) -> None:
    with db.transaction() as session:
        row = session.get(Heartbeat, terminal_id)
        if row is None:
            session.add(Heartbeat(terminal_id=terminal_id, received_at=utcnow(), body=body))
        else:
            row.received_at = utcnow()
            row.body = body
