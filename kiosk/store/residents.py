"""Moving a resident's rows from one opaque ``resident_key`` to another.

The key is an HMAC of the ID number, so it changes when the salt does: a kiosk keys residents
with its own salt file until it enrolls, then with the city-wide salt from enrollment. The ID
number is never stored, so old rows cannot be re-keyed in bulk; instead the journey service
adopts them the moment the resident is identified again (both keys computable from the card):
:meth:`Residents.rekey` moves drafts saved for later, cases and cached progress in one
transaction, audited with a count only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.store.db import Store

# Every column that holds a resident_key (lookup by resident only; never the raw ID number).
_KEYED_TABLES = ("drafts", "submissions", "status_cache")


class Residents:
    def __init__(self, store: Store) -> None:
        self._store = store

    def rekey(self, old_keys: Sequence[str], new_key: str, new_salt: str | None = None) -> int:
        """Give every row under one of ``old_keys`` the ``new_key``; returns rows moved.

        ``new_salt`` (:func:`~kiosk.store.identifiers.salt_id` of the salt that made
        ``new_key``) is recorded on moved cases, so a case still queued goes out with the key
        the platform can use.

        Reads first and takes the write lock only when something is there to move, so the
        common case (nothing under an old key) costs three indexed lookups.
        """
        old = [k for k in dict.fromkeys(old_keys) if k != new_key]
        if not old:
            return 0
        marks = ", ".join("?" for _ in old)
        with self._store.read() as db:
            found = any(
                db.execute(
                    f"SELECT 1 FROM {table} WHERE resident_key IN ({marks}) LIMIT 1",  # noqa: S608
                    old,
                ).fetchone()
                for table in _KEYED_TABLES
            )
        if not found:
            return 0
        moved = 0
        with self._store.write() as db:
            for table in _KEYED_TABLES:
                moved += db.execute(
                    f"UPDATE {table} SET resident_key = ? WHERE resident_key IN ({marks})",  # noqa: S608
                    [new_key, *old],
                ).rowcount
            if new_salt is not None:  # the moved cases now carry new_key: name its salt
                db.execute(
                    "UPDATE submissions SET resident_key_salt = ? "
                    "WHERE resident_key = ? AND resident_key_salt IS NOT ?",
                    [new_salt, new_key, new_salt],
                )
            if moved:
                self._store.audit.append("resident.rekeyed", str(moved))
        return moved
