"""Content-addressed, resumable attachment storage.

Bytes live in ``<data_dir>/attachments/<sha256>`` once verified and in ``<sha256>.part`` while
arriving; the partial file's size is the authoritative upload offset. A file is renamed to its
final name only after its sha256 matched, so a final file is always complete and correct. The
database row carries metadata and the ``complete`` flag submissions are validated against.
One process owns a data dir: uploads of one digest are serialised by an in-process lock.

A terminal that asks about a complete file (``HEAD``) or sends it again (``PUT`` → 200
``existing``) is about to submit a case naming it: that *confirms* the file, which sets the final
file's modification time to now. The retention sweep ages a complete upload by the later of its
completion and that time, so a confirmed file is not dropped between the terminal's check and its
submission.
"""

from __future__ import annotations

import hashlib
import os
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from central.db import Database
from central.models import Attachment
from central.util import utcnow

MEDIA_TYPES = ("image/jpeg", "image/png", "application/pdf")
LIMIT = 10 * 1024 * 1024


class OffsetMismatchError(Exception):
    def __init__(self, offset: int) -> None:
        super().__init__(f"upload offset is {offset}")
        self.offset = offset


class HashMismatchError(Exception):
    pass


@dataclass(frozen=True)
class UploadState:
    complete: bool
    size: int
    offset: int


@dataclass(frozen=True)
class PutResult:
    status: str  # "created" | "existing" | "partial"
    offset: int
    size: int


LOCK_STRIPES = 64


class AttachmentStore:
    def __init__(self, db: Database, directory: Path) -> None:
        self.db = db
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        # Striped: a fixed set of locks picked by digest, so memory stays bounded however many
        # files are uploaded (a lock per digest ever seen grew forever). Two digests may share a
        # stripe -- that only serialises them; no code path holds two digests' locks at once.
        self._locks = tuple(threading.Lock() for _ in range(LOCK_STRIPES))

    def _lock(self, sha256: str) -> threading.Lock:
        return self._locks[zlib.crc32(sha256.encode("ascii", "replace")) % LOCK_STRIPES]

    def locked(self, sha256: str) -> threading.Lock:
        """The lock uploads of ``sha256`` hold (``with store.locked(d): ...``): the retention
        sweep takes it so it never drops bytes an upload of this process is writing."""
        return self._lock(sha256)

    def final_path(self, sha256: str) -> Path:
        return self.directory / sha256

    def part_path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.part"

    def state(self, sha256: str, *, confirm: bool = False) -> UploadState | None:
        """What the platform holds of ``sha256``; ``confirm`` restarts a complete file's
        retention clock (a terminal asking is about to submit a case naming it)."""
        if confirm:
            with self._lock(sha256):
                size = self._confirm(sha256)
                recorded = size is not None and self._recorded_complete(sha256)
            if size is not None and not recorded:
                # A final file without a complete row (a crash between the rename and the row
                # update): a submission naming it would get 422 attachment_missing forever if
                # HEAD said "complete". Say "absent" so the terminal PUTs it; the PUT's
                # "existing" path records the row.
                return None
            if size is not None:
                return UploadState(True, size, size)
        final = self.final_path(sha256)
        if final.exists():
            size = final.stat().st_size
            return UploadState(True, size, size)
        part = self.part_path(sha256)
        if part.exists():
            offset = part.stat().st_size
            return UploadState(False, offset, offset)
        return None

    def put(
        self, sha256: str, media_type: str, terminal_id: str, chunk: bytes, start: int, total: int
    ) -> PutResult:
        """Append ``chunk`` at ``start`` of a ``total``-byte upload; verify on the last byte."""
        with self._lock(sha256):
            final = self.final_path(sha256)
            size = self._confirm(sha256)
            if size is not None:
                self._record(sha256, media_type, terminal_id, size, size, complete=True)
                return PutResult("existing", size, size)
            part = self.part_path(sha256)
            offset = part.stat().st_size if part.exists() else 0
            if start != offset:
                raise OffsetMismatchError(offset)
            with part.open("ab") as handle:
                handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            received = offset + len(chunk)
            if received < total:
                self._record(sha256, media_type, terminal_id, total, received, complete=False)
                return PutResult("partial", received, total)
            digest = hashlib.sha256()
            with part.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() != sha256:
                part.unlink()
                self._forget(sha256)
                raise HashMismatchError(sha256)
            part.replace(final)
            self._record(sha256, media_type, terminal_id, total, total, complete=True)
            return PutResult("created", total, total)

    def _confirm(self, sha256: str) -> int | None:
        """Touch the final file (modification time = now) and return its size; None if there
        is none. The caller holds the digest's lock, which the sweep's drop also takes."""
        final = self.final_path(sha256)
        stamp = utcnow().timestamp()
        try:
            os.utime(final, (stamp, stamp))
            return final.stat().st_size
        except FileNotFoundError:
            return None

    def _recorded_complete(self, sha256: str) -> bool:
        with self.db.read() as session:
            row = session.get(Attachment, sha256)
            return row is not None and bool(row.complete)

    def _record(
        self,
        sha256: str,
        media_type: str,
        terminal_id: str,
        size: int,
        received: int,
        *,
        complete: bool,
    ) -> None:
        now = utcnow()
        with self.db.transaction() as session:
            row = session.get(Attachment, sha256)
            if row is None:
                row = Attachment(
                    sha256=sha256,
                    media_type=media_type,
                    terminal_id=terminal_id,
                    created_at=now,
                    size=size,
                    received=received,
                    complete=False,
                )
                session.add(row)
            row.size = size
            row.received = received
            if complete and not row.complete:
                row.complete = True
                row.completed_at = now

    def _forget(self, sha256: str) -> None:
        with self.db.transaction() as session:
            row = session.get(Attachment, sha256)
            if row is not None and not row.complete:
                session.delete(row)
