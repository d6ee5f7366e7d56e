"""The submissions' outbox: what the sync engine sends, and the purge after delivery.

Usage by the sender (one connection on its own thread)::

    item = store.outbox.next_due(clock())
    store.outbox.mark_sending(item.id)
    ... POST item.payload with header Idempotency-Key: item.idempotency_key ...
    store.outbox.mark_acknowledged(item.id, remote_id)          # or
    store.outbox.schedule_retry(item.id, clock() + backoff, "error.platform.timeout")  # or
    store.outbox.quarantine(item.id, "error.platform.rejected")
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.errors import NotFoundError
from kiosk.store.attachments import AttachmentRef, refs_where
from kiosk.store.base import to_text
from kiosk.store.queue import QUEUE_COLUMNS, QueueState, SendQueue, queue_state

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """Everything needed for one delivery attempt. ``payload`` is personal data: don't log it."""

    id: int
    idempotency_key: str
    tracking_number: str
    payload: dict[str, Any] | None = field(repr=False)
    attachments: tuple[AttachmentRef, ...]
    delivery: QueueState
    # The case's opaque resident key (salted HMAC of the ID number, never the number), as it
    # is now: a re-key (Store.residents.rekey) before delivery is what the platform gets.
    resident_key: str | None = field(default=None, repr=False)
    # Which salt made it (kiosk.store.identifiers.salt_id); None: unknown. The sender passes
    # the key on only when this names the platform's current salt.
    resident_key_salt: str | None = field(default=None, repr=False)


class Outbox(SendQueue[OutboxItem]):
    table = "outbox"
    audit_prefix = "outbox"

    def _from_sql(self) -> str:
        return "outbox AS q JOIN submissions AS s ON s.id = q.submission_id"

    def _label_sql(self) -> str:
        return "s.tracking_number"

    def _load(self, db: Database, row_id: int) -> OutboxItem:
        columns = ", ".join(f"q.{c.strip()}" for c in QUEUE_COLUMNS.split(","))
        row = db.execute(
            f"SELECT {columns}, s.resident_key_salt, s.resident_key, s.id, s.tracking_number, "  # noqa: S608
            "s.payload "
            f"FROM {self._from_sql()} WHERE q.id = ?",
            [row_id],
        ).fetchone()
        if row is None:
            raise NotFoundError("error.outbox.not_found")
        salt, resident, key, tracking_number, payload = row[-5:]
        return OutboxItem(
            id=row_id,
            idempotency_key=key,
            tracking_number=tracking_number,
            payload=None if payload is None else json.loads(payload),
            attachments=tuple(refs_where(db, "submission_id", key)),
            delivery=queue_state(row, tracking_number),
            resident_key=resident,
            resident_key_salt=salt,
        )

    def get(self, row_id: int) -> OutboxItem:
        with self._store.read() as db:
            return self._load(db, row_id)

    def purge_acknowledged(self, older_than: datetime) -> int:
        """Drop personal data of cases the platform acknowledged before ``older_than``.

        What stays is the receipt record: tracking number, matter/bundle code, form version,
        dates and delivery state. Payload, resident key, attachment references (and so the
        files, once unreferenced) and the rendered receipt content go. Returns the count.
        """
        store = self._store
        now = store.now_text()
        with store.write() as db:
            keys = [
                row[0]
                for row in db.execute(
                    "SELECT s.id FROM submissions AS s JOIN outbox AS o ON o.submission_id = s.id "
                    "WHERE o.state = 'acknowledged' AND o.acknowledged_at < ? "
                    "AND s.purged_at IS NULL",
                    [to_text(older_than)],
                )
            ]
            for key in keys:
                db.execute("DELETE FROM attachment_refs WHERE submission_id = ?", [key])
                db.execute(
                    "UPDATE receipts SET content = NULL WHERE tracking_number = "
                    "(SELECT tracking_number FROM submissions WHERE id = ?)",
                    [key],
                )
                db.execute(
                    "UPDATE submissions SET payload = NULL, resident_key = NULL, purged_at = ? "
                    "WHERE id = ?",
                    [now, key],
                )
            if keys:
                store.audit.append("submission.purged", str(len(keys)))
        if keys:
            store.attachments.collect_garbage()
        return len(keys)
