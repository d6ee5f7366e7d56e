"""好差评 ratings and 找茬 complaints, each with its own small delivery queue.

Ratings follow GB/T 39734/39735 as summarised in DOMAIN.md: five levels (5 best), indicator
scores as versioned data, one rating per case per channel (a UNIQUE constraint, so a double tap
cannot rate twice), anonymous by default; a contact is stored only when the resident opted in
to a call-back (``anonymous=False``), which the schema enforces too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.errors import NotFoundError, StoreError, ValidationError
from kiosk.store.attachments import AttachmentRef, refs_where
from kiosk.store.audit import safe_object_id
from kiosk.store.base import from_text, to_text
from kiosk.store.queue import QUEUE_COLUMNS, QueueState, SendQueue, queue_state

if TYPE_CHECKING:
    from sqlite_utils import Database

KIOSK_CHANNEL = "kiosk"


def _q_columns() -> str:
    return ", ".join(f"q.{c.strip()}" for c in QUEUE_COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class Rating:
    id: int
    tracking_number: str
    matter_code: str
    channel: str
    level: int
    indicators: dict[str, int]
    reasons: list[str]
    comment: str | None = field(repr=False)  # free text may name people
    anonymous: bool
    contact: str | None = field(repr=False)
    created_at: datetime
    delivery: QueueState


@dataclass(frozen=True, slots=True)
class Complaint:
    id: int
    body: str = field(repr=False)
    tracking_number: str | None
    matter_code: str | None
    anonymous: bool
    contact: str | None = field(repr=False)
    photos: tuple[AttachmentRef, ...]
    created_at: datetime
    delivery: QueueState


class Ratings(SendQueue[Rating]):
    table = "ratings"
    audit_prefix = "rating"

    def add(
        self,
        tracking_number: str,
        matter_code: str,
        level: int,
        *,
        indicators: Mapping[str, int],
        reasons: Sequence[str] = (),
        comment: str | None = None,
        anonymous: bool = True,
        contact: str | None = None,
        channel: str = KIOSK_CHANNEL,
    ) -> int:
        """Record and queue a rating; ``ValidationError('error.rating.duplicate')`` if rated."""
        if not 1 <= level <= 5:
            raise ValueError("level must be 1..5")
        if contact is not None and anonymous:
            raise ValueError("a contact is only kept when the resident gives up anonymity")
        now = self._store.now_text()
        try:
            with self._store.write() as db:
                row_id = db.execute(
                    "INSERT INTO ratings (tracking_number, matter_code, channel, level, "
                    "indicators, reasons, comment, anonymous, contact, created_at, "
                    "next_try_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        tracking_number,
                        matter_code,
                        channel,
                        level,
                        json.dumps(dict(indicators)),
                        json.dumps(list(reasons), ensure_ascii=False),
                        comment,
                        int(anonymous),
                        contact,
                        now,
                        now,
                        now,
                    ],
                ).lastrowid
                self._store.audit.append("rating.recorded", safe_object_id(tracking_number))
        except StoreError as err:
            cause = err.__cause__
            if getattr(cause, "sqlite_errorname", "") == "SQLITE_CONSTRAINT_UNIQUE":
                raise ValidationError("error.rating.duplicate") from err
            raise
        assert row_id is not None
        return row_id

    def for_case(self, tracking_number: str, channel: str = KIOSK_CHANNEL) -> Rating | None:
        with self._store.read() as db:
            row = db.execute(
                "SELECT id FROM ratings WHERE tracking_number = ? AND channel = ?",
                [tracking_number, channel],
            ).fetchone()
            return None if row is None else self._load(db, row[0])

    def purge_acknowledged(self, older_than: datetime) -> int:
        """Retention: drop the free text and the call-back contact of ratings the platform
        acknowledged before ``older_than``. The row stays (level, indicators, reasons), so a
        case can still never be rated twice. Returns how many ratings were cleared."""
        with self._store.write() as db:
            cleared = db.execute(
                "UPDATE ratings SET comment = NULL, contact = NULL WHERE state = 'acknowledged' "
                "AND acknowledged_at < ? AND (comment IS NOT NULL OR contact IS NOT NULL)",
                [to_text(older_than)],
            ).rowcount
            if cleared:
                self._store.audit.append("rating.purged", str(cleared))
        return cleared

    def _label_sql(self) -> str:
        return "q.tracking_number"

    def _load(self, db: Database, row_id: int) -> Rating:
        row = db.execute(
            f"SELECT {_q_columns()}, tracking_number, matter_code, channel, level, "  # noqa: S608
            "indicators, reasons, comment, anonymous, contact, created_at "
            "FROM ratings AS q WHERE q.id = ?",
            [row_id],
        ).fetchone()
        if row is None:
            raise NotFoundError("error.rating.not_found")
        r: Sequence[Any] = row[9:]
        return Rating(
            id=row_id,
            tracking_number=r[0],
            matter_code=r[1],
            channel=r[2],
            level=r[3],
            indicators=json.loads(r[4]),
            reasons=json.loads(r[5]),
            comment=r[6],
            anonymous=bool(r[7]),
            contact=r[8],
            created_at=from_text(r[9]),
            delivery=queue_state(row, r[0]),
        )


class Complaints(SendQueue[Complaint]):
    table = "complaints"
    audit_prefix = "complaint"

    def add(
        self,
        body: str,
        *,
        tracking_number: str | None = None,
        matter_code: str | None = None,
        anonymous: bool = True,
        contact: str | None = None,
        photo: bytes | None = None,
        photo_media_type: str = "image/jpeg",
    ) -> int:
        """Record and queue a complaint; the photo is written first, then linked atomically."""
        if not body.strip():
            raise ValueError("a complaint needs text")
        if contact is not None and anonymous:
            raise ValueError("a contact is only kept when the resident gives up anonymity")
        store = self._store
        prepared = (
            None if photo is None else store.attachments.prepare(photo, media_type=photo_media_type)
        )
        now = store.now_text()
        with store.write() as db:
            row_id = db.execute(
                "INSERT INTO complaints (body, tracking_number, matter_code, anonymous, contact, "
                "created_at, next_try_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [body, tracking_number, matter_code, int(anonymous), contact, now, now, now],
            ).lastrowid
            assert row_id is not None
            if prepared is not None:
                store.attachments.link(prepared, "complaint_id", row_id, "photo")
            store.audit.append("complaint.recorded", f"complaint:{row_id}")
        return row_id

    def get(self, complaint_id: int) -> Complaint:
        with self._store.read() as db:
            return self._load(db, complaint_id)

    def purge_acknowledged(self, older_than: datetime) -> int:
        """Retention: delete complaints the platform acknowledged before ``older_than`` (text,
        contact and photo are personal data; the platform holds the case). Their photos go
        with them, unless something else still references the same bytes. Returns the count."""
        store = self._store
        with store.write() as db:
            deleted = db.execute(
                "DELETE FROM complaints WHERE state = 'acknowledged' AND acknowledged_at < ?",
                [to_text(older_than)],
            ).rowcount  # attachment_refs go by ON DELETE CASCADE
            if deleted:
                store.audit.append("complaint.purged", str(deleted))
        if deleted:
            store.attachments.collect_garbage()
        return deleted

    def _label_sql(self) -> str:
        return "'complaint:' || q.id"

    def _load(self, db: Database, row_id: int) -> Complaint:
        row = db.execute(
            f"SELECT {_q_columns()}, body, tracking_number, matter_code, anonymous, contact, "  # noqa: S608
            "created_at FROM complaints AS q WHERE q.id = ?",
            [row_id],
        ).fetchone()
        if row is None:
            raise NotFoundError("error.complaint.not_found")
        r: Sequence[Any] = row[9:]
        return Complaint(
            id=row_id,
            body=r[0],
            tracking_number=r[1],
            matter_code=r[2],
            anonymous=bool(r[3]),
            contact=r[4],
            photos=tuple(refs_where(db, "complaint_id", row_id)),
            created_at=from_text(r[5]),
            delivery=queue_state(row, f"complaint:{row_id}"),
        )
