"""Append-only audit log: what happened to which object, and when — never who.

Rows hold an event kind and object ids (tracking numbers, uuids, counts); triggers in the schema
refuse UPDATE and DELETE. The one exception is retention (:meth:`AuditLog.purge_before`): it may
delete rows older than a cutoff, and nothing else (see migration ``0003_audit_retention``).
Callers append inside the same transaction as the change they record, so the log and the data
can never disagree.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.store.base import check_key, from_text, to_text

if TYPE_CHECKING:
    from kiosk.store.db import Store

# Object ids are identifiers we generated (uuid4 hex, tracking numbers, row ids, counts).
_OBJECT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# Eleven digits in a row is a mobile number's or an ID number's shape, never a label we issue
# (tracking numbers have runs of 6 and 4). A hash would not help: that space is small enough
# to enumerate, so such a label is replaced outright.
_PERSONAL_SHAPE = re.compile(r"[0-9]{11,}")
REDACTED = "redacted"


def safe_object_id(label: str) -> str:
    """An externally issued label as an audit id: kept if plain, else a short hash of it.

    A label shaped like a phone or ID number (a resident typed it where a case number
    belongs) becomes :data:`REDACTED`.
    """
    if _PERSONAL_SHAPE.search(label):
        return REDACTED
    if _OBJECT_ID.fullmatch(label):
        return label
    return hashlib.sha256(label.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class AuditEvent:
    id: int
    at: datetime
    kind: str
    object_ids: tuple[str, ...]


class AuditLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def append(self, kind: str, *object_ids: str) -> None:
        """Record an event; joins the caller's transaction when one is open."""
        check_key(kind, "audit kind")
        for object_id in object_ids:
            if not _OBJECT_ID.fullmatch(object_id):
                raise ValueError("audit object ids must be generated identifiers")
        with self._store.write() as db:
            db.execute(
                "INSERT INTO audit_log (at, kind, object_ids) VALUES (?, ?, ?)",
                [self._store.now_text(), kind, json.dumps(list(object_ids))],
            )

    def purge_before(self, moment: datetime) -> int:
        """Retention: delete events recorded before ``moment``; returns how many went.

        Opens the schema's retention gate for this transaction only, so the trigger lets
        exactly the rows older than the cutoff go. The purge itself is audited (a count).
        """
        cutoff = to_text(moment)
        with self._store.write() as db:
            db.execute("INSERT INTO audit_retention_gate (id, cutoff) VALUES (1, ?)", [cutoff])
            deleted = db.execute("DELETE FROM audit_log WHERE at < ?", [cutoff]).rowcount
            db.execute("DELETE FROM audit_retention_gate")
            if deleted:
                self.append("audit.purged", str(deleted))
        return deleted

    def events(self, *, kind: str | None = None, limit: int = 1000) -> list[AuditEvent]:
        """Newest first."""
        sql = "SELECT id, at, kind, object_ids FROM audit_log"
        params: list[object] = []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        with self._store.read() as db:
            rows = db.execute(sql, params).fetchall()
        return [
            AuditEvent(id=r[0], at=from_text(r[1]), kind=r[2], object_ids=tuple(json.loads(r[3])))
            for r in rows
        ]
