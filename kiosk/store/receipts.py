"""Rendered receipt data, kept so a receipt can be re-printed (paper out, resident asks again).

The content is whatever the receipt renderer needs (JSON); it may hold personal data and is
dropped by ``Outbox.purge_acknowledged`` while the print history stays.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.store.audit import safe_object_id
from kiosk.store.base import from_text, opt_from_text

if TYPE_CHECKING:
    from kiosk.store.db import Store

_COLUMNS = "tracking_number, content, created_at, printed_at, print_attempts"


@dataclass(frozen=True, slots=True)
class Receipt:
    tracking_number: str
    content: dict[str, Any] | None = field(repr=False)  # personal data; None once purged
    created_at: datetime
    printed_at: datetime | None
    print_attempts: int


class Receipts:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, tracking_number: str, content: Mapping[str, Any]) -> None:
        """Store (or re-render) the receipt; print history is kept across re-renders."""
        now = self._store.now_text()
        with self._store.write() as db:
            db.execute(
                f"INSERT INTO receipts ({_COLUMNS}) VALUES (?, ?, ?, NULL, 0) "  # noqa: S608
                "ON CONFLICT (tracking_number) DO UPDATE SET content = excluded.content",
                [tracking_number, json.dumps(dict(content), ensure_ascii=False), now],
            )

    def get(self, tracking_number: str) -> Receipt | None:
        with self._store.read() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM receipts WHERE tracking_number = ?",  # noqa: S608
                [tracking_number],
            ).fetchone()
        return None if row is None else _receipt(row)

    def record_print(self, tracking_number: str, *, printed: bool) -> None:
        """Count an attempt; ``printed`` marks the first success (a reprint keeps that time)."""
        now = self._store.now_text()
        with self._store.write() as db:
            db.execute(
                "UPDATE receipts SET print_attempts = print_attempts + 1, "
                "printed_at = CASE WHEN ? THEN coalesce(printed_at, ?) ELSE printed_at END "
                "WHERE tracking_number = ?",
                [int(printed), now, tracking_number],
            )
            kind = "receipt.printed" if printed else "receipt.print_failed"
            self._store.audit.append(kind, safe_object_id(tracking_number))

    def unprinted(self) -> list[Receipt]:
        """Receipts never printed successfully (paper ran out), oldest first."""
        with self._store.read() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM receipts WHERE printed_at IS NULL "  # noqa: S608
                "AND content IS NOT NULL ORDER BY created_at"
            ).fetchall()
        return [_receipt(r) for r in rows]


def _receipt(row: Any) -> Receipt:
    return Receipt(
        tracking_number=row[0],
        content=None if row[1] is None else json.loads(row[1]),
        created_at=from_text(row[2]),
        printed_at=opt_from_text(row[3]),
        print_attempts=row[4],
    )
