"""Cached case progress for the offline progress query (办件进度查询).

The sync engineer fills it from the platform; the kiosk answers from here when offline. Lookup
is by tracking number or by the opaque ``resident_key`` (from the ID card), never by raw ID.

Retention (:meth:`StatusCache.purge_finished_before`): a finished case's entry goes once it has
not changed for the retention period; for a case submitted at this kiosk a minimal entry stays
(status, no timeline, no resident key), so the progress query never falls back to "submitted
here, no news yet" for a case that was decided long ago.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.store.base import from_text, to_text

if TYPE_CHECKING:
    from kiosk.store.db import Store

_COLUMNS = "tracking_number, resident_key, matter_code, status, timeline, updated_at"
# Platform statuses after which nothing more happens to a case (central.services.cases).
FINISHED_STATUSES = ("rejected", "result_ready", "mailed")


@dataclass(frozen=True, slots=True)
class CaseStatus:
    tracking_number: str
    resident_key: str | None = field(repr=False)
    matter_code: str | None
    status: str
    timeline: list[dict[str, Any]]
    updated_at: datetime


class StatusCache:
    def __init__(self, store: Store) -> None:
        self._store = store

    def upsert(
        self,
        tracking_number: str,
        status: str,
        timeline: Sequence[Mapping[str, Any]],
        *,
        resident_key: str | None = None,
        matter_code: str | None = None,
        updated_at: datetime | None = None,
    ) -> None:
        """Insert or refresh one case. Missing key/matter come from our own submission."""
        stamp = to_text(updated_at) if updated_at is not None else self._store.now_text()
        with self._store.write() as db:
            db.execute(
                f"INSERT INTO status_cache ({_COLUMNS}) VALUES (?, "  # noqa: S608
                "coalesce(?, (SELECT resident_key FROM submissions WHERE tracking_number = ?)), "
                "coalesce(?, (SELECT matter_code FROM submissions WHERE tracking_number = ?)), "
                "?, ?, ?) ON CONFLICT (tracking_number) DO UPDATE SET "
                "resident_key = coalesce(excluded.resident_key, status_cache.resident_key), "
                "matter_code = coalesce(excluded.matter_code, status_cache.matter_code), "
                "status = excluded.status, timeline = excluded.timeline, "
                "updated_at = excluded.updated_at",
                [
                    tracking_number,
                    resident_key,
                    tracking_number,
                    matter_code,
                    tracking_number,
                    status,
                    json.dumps([dict(t) for t in timeline], ensure_ascii=False),
                    stamp,
                ],
            )

    def purge_finished_before(self, moment: datetime) -> int:
        """Retention: finished cases unchanged since before ``moment``. Entries of cases not
        submitted here are deleted; our own keep only their status. Returns how many."""
        finished = ", ".join("?" for _ in FINISHED_STATUSES)
        old = f"status IN ({finished}) AND updated_at < ?"
        params = [*FINISHED_STATUSES, to_text(moment)]
        own = "tracking_number IN (SELECT tracking_number FROM submissions)"
        with self._store.write() as db:
            deleted = db.execute(
                f"DELETE FROM status_cache WHERE {old} AND NOT {own}",  # noqa: S608
                params,
            ).rowcount
            stripped = db.execute(
                f"UPDATE status_cache SET resident_key = NULL, timeline = '[]' "  # noqa: S608
                f"WHERE {old} AND {own} AND (resident_key IS NOT NULL OR timeline != '[]')",
                params,
            ).rowcount
            if deleted or stripped:
                self._store.audit.append("status_cache.purged", str(deleted), str(stripped))
        return deleted + stripped

    def get(self, tracking_number: str) -> CaseStatus | None:
        with self._store.read() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM status_cache WHERE tracking_number = ?",  # noqa: S608
                [tracking_number],
            ).fetchone()
        return None if row is None else _status(row)

    def for_resident(self, resident_key: str) -> list[CaseStatus]:
        """A resident's cases, most recently updated first."""
        with self._store.read() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM status_cache WHERE resident_key = ? "  # noqa: S608
                "ORDER BY updated_at DESC",
                [resident_key],
            ).fetchall()
        return [_status(r) for r in rows]

    def recent_matters(self, resident_key: str, limit: int) -> list[tuple[str, datetime]]:
        """The resident's ``limit`` most recently updated matters, newest first, as
        ``(matter_code, last updated_at)`` (bounded; timelines are not read)."""
        with self._store.read() as db:
            rows = db.execute(
                "SELECT matter_code, max(updated_at) AS last FROM status_cache "
                "WHERE resident_key = ? AND matter_code IS NOT NULL GROUP BY matter_code "
                "ORDER BY last DESC LIMIT ?",
                [resident_key, limit],
            ).fetchall()
        return [(r[0], from_text(r[1])) for r in rows]


def _status(row: Any) -> CaseStatus:
    return CaseStatus(
        tracking_number=row[0],
        resident_key=row[1],
        matter_code=row[2],
        status=row[3],
        timeline=json.loads(row[4]),
        updated_at=from_text(row[5]),
    )
