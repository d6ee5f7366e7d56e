"""Local cache of the matter catalogue, so the kiosk works with the platform unreachable.

Versions are installed whole: the bytes are validated by the caller's callback *before* any
write, then stored and made active in one transaction, so a reader sees either the old or the
new catalogue, never a mix. The previous version is kept for a quick roll-back; older ones go.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.errors import NotFoundError
from kiosk.store.audit import safe_object_id

if TYPE_CHECKING:
    from kiosk.store.db import Store


@dataclass(frozen=True, slots=True)
class CatalogVersion:
    version: str
    sha256: str
    installed_at: str
    active: bool


class CatalogCache:
    def __init__(self, store: Store) -> None:
        self._store = store

    def install(self, version: str, content: bytes, validate: Callable[[bytes], object]) -> None:
        """Validate, then store and activate ``version`` atomically.

        ``validate`` raises (e.g. ``CatalogError``) to refuse the bytes; it runs before the
        write lock is taken, so a slow or failing validation never blocks or touches the store.
        """
        if not version:
            raise ValueError("catalog version must not be empty")
        validate(content)
        now = self._store.now_text()
        with self._store.write() as db:
            previous = db.execute(
                "SELECT version FROM catalog_versions WHERE active = 1"
            ).fetchone()
            db.execute("UPDATE catalog_versions SET active = 0 WHERE active = 1")
            db.execute(
                "INSERT INTO catalog_versions (version, content, sha256, installed_at, active) "
                "VALUES (?, ?, ?, ?, 1) ON CONFLICT (version) DO UPDATE SET "
                "content = excluded.content, sha256 = excluded.sha256, "
                "installed_at = excluded.installed_at, active = 1",
                [version, content, hashlib.sha256(content).hexdigest(), now],
            )
            keep = [version] if previous is None else [version, previous[0]]
            db.execute(
                "DELETE FROM catalog_versions WHERE version NOT IN (?, ?)",
                [keep[0], keep[-1]],
            )
            self._store.audit.append("catalog.installed", safe_object_id(version))

    def active(self) -> tuple[str, bytes] | None:
        with self._store.read() as db:
            row = db.execute(
                "SELECT version, content FROM catalog_versions WHERE active = 1"
            ).fetchone()
        return None if row is None else (row[0], bytes(row[1]))

    def versions(self) -> list[CatalogVersion]:
        with self._store.read() as db:
            rows = db.execute(
                "SELECT version, sha256, installed_at, active FROM catalog_versions "
                "ORDER BY installed_at DESC"
            ).fetchall()
        return [CatalogVersion(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def activate(self, version: str) -> None:
        """Switch back to a kept version (roll-back after a bad catalogue reached the kiosk)."""
        with self._store.write() as db:
            if (
                db.execute("SELECT 1 FROM catalog_versions WHERE version = ?", [version]).fetchone()
                is None
            ):
                raise NotFoundError("error.catalog.version_not_found")
            db.execute("UPDATE catalog_versions SET active = 0 WHERE active = 1")
            db.execute("UPDATE catalog_versions SET active = 1 WHERE version = ?", [version])
            self._store.audit.append("catalog.activated", safe_object_id(version))
