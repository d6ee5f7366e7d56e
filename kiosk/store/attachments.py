"""Attachment files (material photos, signatures, complaint photos), content-addressed.

A file lives at ``attachments/ab/cdef…`` named by its sha256, so the same photo attached twice is
stored once. Rows in ``attachment_refs`` tie a file to a draft, a submission or a complaint; the
file is deleted when its last reference goes.

Hazards handled here:
- A file is written to a temp name, fsynced, renamed, and the directory fsynced: a crash leaves
  either no file or the whole file, never a torn one under the final name.
- Garbage collection and "file still there?" checks both run under the database write lock, so
  a collector can never delete a file that another connection is just referencing.
- Files no row knows about (crash between rename and commit) and stale temp files are removed by
  :meth:`Attachments.sweep` at start-up.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import AttachmentTooLargeError, NotFoundError, StorageReadOnlyError
from kiosk.store.base import translated_errors

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.store.db import Store

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9.+-]+$")
_SLOT = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_TMP_SUFFIX = ".tmp"
_OWNER_COLUMNS = ("draft_id", "submission_id", "complaint_id")


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """Bytes already safely on disk, waiting for :meth:`Attachments.link`."""

    sha256: str
    media_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    sha256: str
    slot: str  # form field name or material code
    size: int
    media_type: str


class Attachments:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._root = store.settings.attachments_dir

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError("not a sha256 hex digest")
        return self._root / sha256[:2] / sha256[2:]

    def read(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        with translated_errors():
            try:
                return path.read_bytes()
            except FileNotFoundError as err:
                raise NotFoundError("error.attachment.not_found") from err

    def attach_to_draft(
        self, draft_id: str, slot: str, data: bytes, *, media_type: str
    ) -> AttachmentRef:
        """Store ``data`` and reference it from a draft's ``slot``.

        Raises ``AttachmentTooLargeError`` before touching the disk, ``StorageFullError`` when
        the disk fills mid-write (no partial file is left), ``NotFoundError`` for a gone draft.
        """
        prepared = self.prepare(data, media_type=media_type)
        with self._store.write() as db:
            if db.execute("SELECT 1 FROM drafts WHERE id = ?", [draft_id]).fetchone() is None:
                raise NotFoundError("error.draft.not_found")
            return self.link(prepared, "draft_id", draft_id, slot)

    def prepare(self, data: bytes, *, media_type: str) -> PreparedFile:
        """Check the limit and write the file; the slow fsync happens before any write lock.

        The file is unreferenced until :meth:`link` commits; a crash in between leaves a file
        that the start-up sweep removes.
        """
        if not _MEDIA_TYPE.fullmatch(media_type):
            raise ValueError("media_type must look like 'image/jpeg'")
        if self._store.settings.read_only:
            raise StorageReadOnlyError()
        limit = self._store.settings.max_attachment_bytes
        if len(data) > limit:
            raise AttachmentTooLargeError(size=len(data), limit=limit)
        prepared = PreparedFile(hashlib.sha256(data).hexdigest(), media_type, data)
        self._write_file(prepared.sha256, data)
        return prepared

    def link(
        self, prepared: PreparedFile, owner_column: str, owner_id: str | int, slot: str
    ) -> AttachmentRef:
        """Reference a prepared file; call inside ``store.write()`` with the owner row there."""
        if owner_column not in _OWNER_COLUMNS:
            raise ValueError("unknown attachment owner")
        if not _SLOT.fullmatch(slot):
            raise ValueError("slot must be a field name or material code")
        db = self._store.db
        if not db.conn.in_transaction:
            raise RuntimeError("link() must run inside store.write()")
        now = self._store.now_text()
        size = len(prepared.data)
        db.execute(
            "INSERT INTO attachments (sha256, size, media_type, stored_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            [prepared.sha256, size, prepared.media_type, now],
        )
        db.execute(
            f"INSERT INTO attachment_refs (sha256, {owner_column}, slot, created_at) "  # noqa: S608
            "VALUES (?, ?, ?, ?)",
            [prepared.sha256, owner_id, slot, now],
        )
        # A collector may have removed the file between prepare() and our write lock.
        self._write_file(prepared.sha256, prepared.data)
        return AttachmentRef(prepared.sha256, slot, size, prepared.media_type)

    def detach_from_draft(self, draft_id: str, slot: str, sha256: str) -> bool:
        """Drop one reference (the resident removed a photo); the file goes if now unused."""
        with self._store.write() as db:
            cursor = db.execute(
                "DELETE FROM attachment_refs WHERE draft_id = ? AND slot = ? AND sha256 = ?",
                [draft_id, slot, sha256],
            )
        if cursor.rowcount:
            self.collect_garbage()
        return cursor.rowcount > 0

    def refs_for_draft(self, draft_id: str) -> list[AttachmentRef]:
        return self._refs("draft_id", draft_id)

    def refs_for_submission(self, submission_id: str) -> list[AttachmentRef]:
        return self._refs("submission_id", submission_id)

    def refs_for_complaint(self, complaint_id: int) -> list[AttachmentRef]:
        return self._refs("complaint_id", complaint_id)

    def collect_garbage(self) -> int:
        """Delete files and rows no reference points to; returns how many went.

        Unlinking happens while we hold the write lock and before COMMIT. If the commit then
        fails, the surviving rows are unreferenced anyway and a later attach of the same
        bytes rewrites the file (see :meth:`_attach`).
        """
        with self._store.write() as db:
            unused = [
                row[0]
                for row in db.execute(
                    "SELECT sha256 FROM attachments AS a WHERE NOT EXISTS "
                    "(SELECT 1 FROM attachment_refs AS r WHERE r.sha256 = a.sha256)"
                )
            ]
            for sha256 in unused:
                db.execute("DELETE FROM attachments WHERE sha256 = ?", [sha256])
                self.path_for(sha256).unlink(missing_ok=True)
        return len(unused)

    def sweep(self) -> None:
        """Start-up only: remove temp files and files without a row, then collect garbage."""
        with self._store.read() as db:
            known = {row[0] for row in db.execute("SELECT sha256 FROM attachments")}
        with translated_errors():
            for path in self._root.glob("*/*"):
                sha256 = path.parent.name + path.name
                if path.name.endswith(_TMP_SUFFIX) or sha256 not in known:
                    path.unlink(missing_ok=True)
        self.collect_garbage()

    # -- internals -------------------------------------------------------------------------

    def _write_file(self, sha256: str, data: bytes) -> None:
        target = self.path_for(sha256)
        if target.exists():
            return  # same name means same bytes, and names only appear after a full fsync
        os_write = self._store.settings.os_write
        with translated_errors():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.{uuid.uuid4().hex}{_TMP_SUFFIX}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                written = 0
                while written < len(data):
                    written += os_write(fd, data[written:] if written else data)
                os.fsync(fd)
            except BaseException:
                os.close(fd)
                tmp.unlink(missing_ok=True)
                raise
            os.close(fd)
            tmp.replace(target)
            _fsync_dir(target.parent)

    def _refs(self, owner_column: str, owner_id: str | int) -> list[AttachmentRef]:
        with self._store.read() as db:
            return refs_where(db, owner_column, owner_id)


def refs_where(db: Database, owner_column: str, owner_id: str | int) -> list[AttachmentRef]:
    """References of one owner, oldest first (shared with the finalize payload)."""
    if owner_column not in _OWNER_COLUMNS:
        raise ValueError("unknown attachment owner")
    rows = db.execute(
        # owner_column is checked against _OWNER_COLUMNS above
        "SELECT r.sha256, r.slot, a.size, a.media_type FROM attachment_refs AS r "  # noqa: S608
        f"JOIN attachments AS a USING (sha256) WHERE r.{owner_column} = ? "
        "ORDER BY r.id",
        [owner_id],
    ).fetchall()
    return [AttachmentRef(sha256=r[0], slot=r[1], size=r[2], media_type=r[3]) for r in rows]


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (the directory entry lives in the directory)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse fsync on directories
            os.fsync(fd)
    finally:
        os.close(fd)
