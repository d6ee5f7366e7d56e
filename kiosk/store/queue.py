"""The delivery state machine shared by everything the kiosk sends to the platform.

    queued ──mark_sending──▶ sending ──mark_acknowledged──▶ acknowledged
      ▲  ▲                     │ │
      │  └───schedule_retry────┘ └──quarantine──▶ quarantined ──retry_now──▶ queued
      └────────────── (start-up recovery: sending → queued)

A row is born ``queued`` in the same transaction that creates what it sends, so "committed"
and "will be sent" are one fact. The retry schedule (attempts, next_try_at) lives in the row,
so it survives restarts. ``last_error`` and ``quarantine_reason`` accept message keys only.
Every transition is checked against the row's current state and audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from kiosk.errors import NotFoundError, StoreError
from kiosk.store.audit import safe_object_id
from kiosk.store.base import check_key, from_text, opt_from_text, to_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.store.db import Store

T = TypeVar("T")

STATES = ("queued", "sending", "acknowledged", "quarantined")
QUEUE_COLUMNS = (
    "id, state, attempts, next_try_at, last_error, quarantine_reason, remote_id, "
    "acknowledged_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class QueueState:
    """Delivery facts of one row: what the technician's outbox screen shows."""

    id: int
    label: str  # tracking number or "complaint:<id>": never personal data
    state: str
    attempts: int
    next_try_at: datetime
    last_error: str | None
    quarantine_reason: str | None
    remote_id: str | None
    acknowledged_at: datetime | None
    updated_at: datetime


def queue_state(row: Sequence[Any], label: str) -> QueueState:
    """Build from ``SELECT {QUEUE_COLUMNS}`` (in that order) at the start of a row."""
    return QueueState(
        id=row[0],
        label=label,
        state=row[1],
        attempts=row[2],
        next_try_at=from_text(row[3]),
        last_error=row[4],
        quarantine_reason=row[5],
        remote_id=row[6],
        acknowledged_at=opt_from_text(row[7]),
        updated_at=from_text(row[8]),
    )


class SendQueue(Generic[T]):
    """One table's delivery API. Subclasses say how a row is labelled and loaded."""

    table: str
    audit_prefix: str

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- what subclasses provide ------------------------------------------------------------

    def _label_sql(self) -> str:
        """SQL expression (over the queue table aliased ``q``) giving the row's label."""
        raise NotImplementedError

    def _from_sql(self) -> str:
        return f"{self.table} AS q"

    def _load(self, db: Database, row_id: int) -> T:
        raise NotImplementedError

    # -- the API used by the sync engine ----------------------------------------------------

    def next_due(self, now: datetime) -> T | None:
        """The oldest queued row whose retry time has come, or None."""
        with self._store.read() as db:
            row = db.execute(
                f"SELECT id FROM {self.table} WHERE state = 'queued' AND next_try_at <= ? "  # noqa: S608
                "ORDER BY id LIMIT 1",
                [to_text(now)],
            ).fetchone()
            return None if row is None else self._load(db, row[0])

    def mark_sending(self, row_id: int) -> None:
        now = self._store.now_text()
        self._transition(
            row_id,
            ("queued",),
            "state = 'sending', attempts = attempts + 1, sending_since = ?",
            [now],
            "sending",
        )

    def mark_acknowledged(self, row_id: int, remote_id: str) -> None:
        if not remote_id:
            raise ValueError("remote_id must not be empty")
        now = self._store.now_text()
        self._transition(
            row_id,
            ("sending",),
            "state = 'acknowledged', sending_since = NULL, acknowledged_at = ?, remote_id = ?, "
            "last_error = NULL",
            [now, remote_id],
            "acknowledged",
        )

    def schedule_retry(self, row_id: int, next_try_at: datetime, error_key: str) -> None:
        """A failed attempt: back to ``queued``, not before ``next_try_at``."""
        check_key(error_key, "error_key")
        self._transition(
            row_id,
            ("sending",),
            "state = 'queued', sending_since = NULL, next_try_at = ?, last_error = ?",
            [to_text(next_try_at), error_key],
            "retry_scheduled",
        )

    def quarantine(self, row_id: int, reason: str) -> None:
        """Stop retrying (the platform refused it for good); a technician decides later."""
        check_key(reason, "reason")
        self._transition(
            row_id,
            ("queued", "sending"),
            "state = 'quarantined', sending_since = NULL, quarantine_reason = ?",
            [reason],
            "quarantined",
        )

    def retry_now(self, row_id: int) -> None:
        """Technician action: send this row at the next opportunity, as a fresh start (the
        last error is cleared, so a bounded retry such as missing attachments gets its full
        number of rounds again)."""
        now = self._store.now_text()
        self._transition(
            row_id,
            ("queued", "quarantined"),
            "state = 'queued', quarantine_reason = NULL, last_error = NULL, next_try_at = ?",
            [now],
            "retry_now",
        )

    def entries(self, states: Sequence[str] | None = None) -> list[QueueState]:
        """Delivery states, oldest first (no payloads: the list may be shown to staff)."""
        wanted = tuple(states or STATES)
        if not set(wanted) <= set(STATES):
            raise ValueError("unknown queue state")
        marks = ", ".join("?" for _ in wanted)
        columns = ", ".join(f"q.{c.strip()}" for c in QUEUE_COLUMNS.split(","))
        with self._store.read() as db:
            rows = db.execute(
                f"SELECT {columns}, {self._label_sql()} FROM {self._from_sql()} "  # noqa: S608
                f"WHERE q.state IN ({marks}) ORDER BY q.id",
                list(wanted),
            ).fetchall()
        return [queue_state(r, r[-1]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per state, for the health heartbeat."""
        with self._store.read() as db:
            rows = db.execute(
                f"SELECT state, count(*) FROM {self.table} GROUP BY state"  # noqa: S608
            ).fetchall()
        return {state: 0 for state in STATES} | {r[0]: r[1] for r in rows}

    def _transition(
        self,
        row_id: int,
        allowed_from: tuple[str, ...],
        assignments: str,
        params: list[object],
        event: str,
    ) -> None:
        with self._store.write() as db:
            row = db.execute(
                f"SELECT q.state, {self._label_sql()} FROM {self._from_sql()} WHERE q.id = ?",  # noqa: S608
                [row_id],
            ).fetchone()
            if row is None:
                raise NotFoundError(f"error.{self.audit_prefix}.not_found")
            if row[0] not in allowed_from:
                raise StoreError("error.outbox.invalid_transition", state=row[0], event=event)
            db.execute(
                f"UPDATE {self.table} SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608
                [*params, self._store.now_text(), row_id],
            )
            self._store.audit.append(f"{self.audit_prefix}.{event}", safe_object_id(row[1]))
