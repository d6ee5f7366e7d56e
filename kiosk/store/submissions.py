"""Finalizing a draft into a submission: the one moment the resident's work becomes a case.

``finalize`` is ONE durable transaction: it allocates the tracking number, writes the
submission (payload + idempotency key), moves the draft's attachment references onto it, queues
the outbox row, deletes the draft and appends the audit event. After it returns, the receipt
may promise the case exists; a crash before it returns leaves the draft untouched instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.errors import NotFoundError
from kiosk.store.attachments import AttachmentRef, refs_where
from kiosk.store.base import from_text, opt_from_text
from kiosk.store.identifiers import make_tracking_number, new_idempotency_key

if TYPE_CHECKING:
    from kiosk.store.db import Store

_COLUMNS = (
    "s.id, s.tracking_number, s.matter_code, s.bundle_code, s.form_id, s.form_version, "
    "s.finalized_at, s.purged_at, s.payload, o.state"
)


@dataclass(frozen=True, slots=True)
class Submission:
    """A finalized case. After purge only the receipt facts remain (``payload`` is None)."""

    idempotency_key: str
    tracking_number: str
    matter_code: str | None
    bundle_code: str | None
    form_id: str
    form_version: int
    finalized_at: datetime
    purged_at: datetime | None
    payload: dict[str, Any] | None = field(repr=False)  # personal data
    delivery_state: str


class Submissions:
    def __init__(self, store: Store) -> None:
        self._store = store

    def finalize(
        self,
        draft_id: str,
        *,
        values: Mapping[str, Any] | None = None,
        meta: Mapping[str, Any] | None = None,
        resident_key: str | None = None,
        key_salt: str | None = None,
    ) -> Submission:
        """Turn a draft into a submission + outbox row in one durable transaction.

        ``values`` are the validated, calculated final values from the form engine; when
        omitted the draft's stored values are used. A second call for the same draft (a double
        tap) raises ``NotFoundError``: the draft is gone, the first case stands
        (:meth:`by_draft` finds it). ``meta`` adds delivery facts the platform needs beyond the
        form values (catalogue version, language, delivery choice, deferred materials); it can
        never override the keys finalize itself writes. ``resident_key`` (the submitting
        resident's opaque key) is used when the draft was started without a card; the draft's
        own key wins otherwise. ``key_salt`` names the salt the key was made with
        (:func:`~kiosk.store.identifiers.salt_id`; the caller re-keys the draft to its current
        salt first), so the sender can tell a key the platform can use from an older one.
        """
        store = self._store
        now = store.now()
        now_text = store.now_text()
        key = new_idempotency_key()
        with store.write(durable=True) as db:
            draft = db.execute(
                "SELECT matter_code, bundle_code, form_id, form_version, field_values, "
                "resident_key FROM drafts WHERE id = ?",
                [draft_id],
            ).fetchone()
            if draft is None:
                raise NotFoundError("error.draft.not_found")
            matter_code, bundle_code, form_id, form_version, stored_values, resident = draft
            resident = resident or resident_key
            salt = key_salt if resident is not None else None
            tracking_number = self._next_tracking_number(now)
            materials: list[AttachmentRef] = refs_where(db, "draft_id", draft_id)
            payload = {
                "idempotency_key": key,
                "tracking_number": tracking_number,
                "station_code": store.settings.station_code,
                "matter_code": matter_code,
                "bundle_code": bundle_code,
                "form_id": form_id,
                "form_version": form_version,
                "finalized_at": now_text,
                "values": dict(values) if values is not None else json.loads(stored_values),
                "materials": [
                    {"slot": m.slot, "sha256": m.sha256, "size": m.size, "media_type": m.media_type}
                    for m in materials
                ],
            }
            payload = {**{k: v for k, v in (meta or {}).items() if k not in payload}, **payload}
            db.execute(
                "INSERT INTO submissions (id, tracking_number, matter_code, bundle_code, "
                "form_id, form_version, resident_key, payload, finalized_at, draft_id, "
                "resident_key_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    key,
                    tracking_number,
                    matter_code,
                    bundle_code,
                    form_id,
                    form_version,
                    resident,
                    json.dumps(payload, ensure_ascii=False, allow_nan=False),
                    now_text,
                    draft_id,
                    salt,
                ],
            )
            db.execute(
                "UPDATE attachment_refs SET draft_id = NULL, submission_id = ? WHERE draft_id = ?",
                [key, draft_id],
            )
            db.execute(
                "INSERT INTO outbox (submission_id, created_at, next_try_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                [key, now_text, now_text, now_text],
            )
            db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
            store.audit.append("submission.finalized", tracking_number, key)
            return self._get(db, "s.id = ?", key)

    def get(self, idempotency_key: str) -> Submission:
        with self._store.read() as db:
            return self._get(db, "s.id = ?", idempotency_key)

    def by_draft(self, draft_id: str) -> Submission | None:
        """The case a draft became, or None while it is still a draft (or never existed)."""
        with self._store.read() as db:
            try:
                return self._get(db, "s.draft_id = ?", draft_id)
            except NotFoundError:
                return None

    def by_tracking_number(self, tracking_number: str) -> Submission:
        with self._store.read() as db:
            return self._get(db, "s.tracking_number = ?", tracking_number)

    def for_resident(self, resident_key: str) -> list[Submission]:
        """Unpurged cases of one resident (purge drops the key), newest first."""
        with self._store.read() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM submissions AS s "  # noqa: S608
                "JOIN outbox AS o ON o.submission_id = s.id "
                "WHERE s.resident_key = ? ORDER BY s.finalized_at DESC",
                [resident_key],
            ).fetchall()
        return [_submission(r) for r in rows]

    def recent_codes(
        self, resident_key: str, limit: int
    ) -> list[tuple[str | None, str | None, datetime]]:
        """The resident's ``limit`` most recently handled matters/bundles, newest first, as
        ``(matter_code, bundle_code, last finalized_at)``: bounded however many cases exist
        (no payloads are read or decoded)."""
        with self._store.read() as db:
            rows = db.execute(
                "SELECT matter_code, bundle_code, max(finalized_at) AS last FROM submissions "
                "WHERE resident_key = ? GROUP BY matter_code, bundle_code "
                "ORDER BY last DESC LIMIT ?",
                [resident_key, limit],
            ).fetchall()
        return [(r[0], r[1], from_text(r[2])) for r in rows]

    def _get(self, db: Any, where: str, value: str) -> Submission:
        row = db.execute(
            f"SELECT {_COLUMNS} FROM submissions AS s "  # noqa: S608
            f"JOIN outbox AS o ON o.submission_id = s.id WHERE {where}",
            [value],
        ).fetchone()
        if row is None:
            raise NotFoundError("error.submission.not_found")
        return _submission(row)

    def _next_tracking_number(self, now: datetime) -> str:
        """Next number of the station's local day; must run inside the finalize transaction.

        Numbers already taken are skipped, so a kiosk clock that was wrong for a while (and
        came back) can never produce a duplicate and block finalizing.
        """
        settings = self._store.settings
        day = now.astimezone(settings.tracking_tz).date()
        db = self._store.db
        while True:
            sequence = db.execute(
                "INSERT INTO tracking_sequences (day, last_sequence) VALUES (?, 1) "
                "ON CONFLICT (day) DO UPDATE SET last_sequence = last_sequence + 1 "
                "RETURNING last_sequence",
                [day.isoformat()],
            ).fetchone()[0]
            number = make_tracking_number(settings.station_code, day, int(sequence))
            taken = db.execute(
                "SELECT 1 FROM submissions WHERE tracking_number = ?", [number]
            ).fetchone()
            if taken is None:
                return number


def _submission(row: Sequence[Any]) -> Submission:
    return Submission(
        idempotency_key=row[0],
        tracking_number=row[1],
        matter_code=row[2],
        bundle_code=row[3],
        form_id=row[4],
        form_version=row[5],
        finalized_at=from_text(row[6]),
        purged_at=opt_from_text(row[7]),
        payload=None if row[8] is None else json.loads(row[8]),
        delivery_state=row[9],
    )
