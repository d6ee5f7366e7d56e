"""Retention sweep: abandoned uploads, unreferenced uploads, old enrollment codes.

Three things grow without bound unless something removes them:

* **partial uploads** (``<sha256>.part`` and an incomplete ``attachments`` row) a terminal
  started and never finished. One is dropped when it has not been touched (no byte appended)
  for ``partial_upload_hours``; the ``.part`` file's modification time is the last touch, so a
  resumable upload that is still making progress is never dropped.
* **complete uploads no submission or complaint references**, ``unreferenced_upload_days``
  after they completed or were last *confirmed*, whichever is later. A terminal confirms a file
  right before each submission attempt (``HEAD`` or a repeated ``PUT`` of a complete file sets
  the final file's modification time to now, see :mod:`central.services.attachments`), so a
  file the platform already had is not dropped between that check and the submission. An
  attachment whose digest appears anywhere in a stored submission or complaint is never
  deleted, however old. (Should a drop still race a submission -- e.g. a ``purge`` run in
  another process -- the submission gets ``422 attachment_missing``, and the terminal uploads
  the file again and retries: one dropped too early costs a re-upload, never a case.)
* **enrollment codes** used, revoked or expired more than ``enrollment_code_days`` ago.

Race safety: every attachment is handled under the store's per-digest lock (excludes uploads
of this process) and in a transaction holding its row (``FOR UPDATE`` on PostgreSQL; SQLite
transactions are serialised), where the reference check is repeated for that digest. Storing a
submission reads its attachment rows ``FOR SHARE``, so a submission either commits before the
sweep's check (and is seen by it) or waits and then finds the attachment gone (``422
attachment_missing``, the terminal uploads it again). The final file is renamed aside before
the row is deleted and unlinked only after the commit, so a failed commit restores it.

Scanning cost: a submission can only reference an upload that was complete when it was stored
(``received_at >= completed_at``), so references are looked for in submissions received since
the oldest candidate *completed* (less a day of slack for clock steps; a confirmation never
moves that start, or an old submission naming a recently confirmed file would be missed). A
final file without a row (a crash between the rename and the row update) is looked for in all
submissions. Uploads that were found referenced stay forever; the sweep remembers up to which
age (the later of completion and confirmation) it has looked (``meta``), so it does not rescan
them on every run; a confirmation makes an upload younger than that again, so it is looked at
once more when it next comes of age.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Attachment, Complaint, EnrollmentCode, Meta, Submission
from central.services.attachments import AttachmentStore
from central.util import aware, utcnow

if TYPE_CHECKING:
    from central.settings import Settings

log = logging.getLogger(__name__)

DIGEST_RE = re.compile(r"[0-9a-f]{64}")
REFERENCE_SLACK = dt.timedelta(days=1)
"""Look for references this much before an upload completed (server clock steps)."""
WATERMARK_KEY = "retention.uploads_checked_before"
MAX_PERIOD_DAYS = 36500.0
"""A century: longer periods are mistakes (and overflow the date arithmetic of a sweep)."""
EVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
"""Where the reference scan starts for a final file without a row (its completion is unknown)."""


@dataclass(frozen=True)
class RetentionPolicy:
    partial_upload_hours: float = 24.0
    unreferenced_upload_days: float = 7.0
    enrollment_code_days: float = 90.0

    def __post_init__(self) -> None:
        for name, most in (
            ("partial_upload_hours", MAX_PERIOD_DAYS * 24),
            ("unreferenced_upload_days", MAX_PERIOD_DAYS),
            ("enrollment_code_days", MAX_PERIOD_DAYS),
        ):
            if not 0 < getattr(self, name) <= most:
                raise ValueError(f"{name} must be positive and at most {most:g}")

    @classmethod
    def of(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            partial_upload_hours=settings.partial_upload_retention_hours,
            unreferenced_upload_days=settings.unreferenced_upload_retention_days,
            enrollment_code_days=settings.enrollment_code_retention_days,
        )


@dataclass
class SweepReport:
    partial_uploads: int = 0
    unreferenced_uploads: int = 0
    bytes_freed: int = 0
    enrollment_codes: int = 0
    errors: int = 0

    def summary(self) -> str:
        return (
            f"partial uploads {self.partial_uploads}, unreferenced uploads "
            f"{self.unreferenced_uploads}, {self.bytes_freed} bytes freed, enrollment codes "
            f"{self.enrollment_codes}, errors {self.errors}"
        )


def sweep(
    db: Database,
    store: AttachmentStore,
    policy: RetentionPolicy,
    now: dt.datetime | None = None,
) -> SweepReport:
    """One full sweep as of ``now`` (injectable for tests); never raises for one bad item."""
    now = (now or utcnow()).astimezone(dt.UTC)
    report = SweepReport()
    _recover_purging(db, store, report)
    _sweep_partial(db, store, now - dt.timedelta(hours=policy.partial_upload_hours), report)
    _sweep_unreferenced(db, store, now - dt.timedelta(days=policy.unreferenced_upload_days), report)
    report.enrollment_codes = prune_enrollment_codes(
        db, now - dt.timedelta(days=policy.enrollment_code_days)
    )
    if report.partial_uploads or report.unreferenced_uploads or report.enrollment_codes:
        log.info("retention sweep: %s", report.summary())
    return report


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except FileNotFoundError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _files(store: AttachmentStore) -> tuple[dict[str, dt.datetime], set[str]]:
    """Digests with a final file (and its modification time) and digests with a ``.part``."""
    finals: dict[str, dt.datetime] = {}
    parts: set[str] = set()
    for entry in os.scandir(store.directory):
        name = entry.name
        if name.endswith(".part") and DIGEST_RE.fullmatch(name[:-5]):
            parts.add(name[:-5])
        elif DIGEST_RE.fullmatch(name):
            try:
                finals[name] = dt.datetime.fromtimestamp(entry.stat().st_mtime, dt.UTC)
            except FileNotFoundError:
                continue
    return finals, parts


def _age(completed: dt.datetime, final: Path) -> dt.datetime:
    """When a complete upload was last completed or confirmed (final file touched)."""
    modified = _mtime(final)
    return completed if modified is None else max(completed, modified)


# -- partial uploads ------------------------------------------------------------------------
def _sweep_partial(
    db: Database, store: AttachmentStore, cutoff: dt.datetime, report: SweepReport
) -> None:
    _finals, parts = _files(store)
    with db.read() as session:
        rows = set(session.scalars(select(Attachment.sha256).where(~Attachment.complete)))
    for sha256 in sorted(parts | rows):
        try:
            freed = _drop_partial(db, store, sha256, cutoff)
        except Exception:
            log.exception("retention: could not drop partial upload %s", sha256)
            report.errors += 1
            continue
        if freed is not None:
            report.partial_uploads += 1
            report.bytes_freed += freed


def _drop_partial(
    db: Database, store: AttachmentStore, sha256: str, cutoff: dt.datetime
) -> int | None:
    """Bytes freed if the partial upload ``sha256`` was idle since before ``cutoff``."""
    part = store.part_path(sha256)
    with store.locked(sha256), db.transaction() as session:
        row = session.get(Attachment, sha256, with_for_update=True)
        if row is not None and row.complete:
            return None
        touched = [t for t in (_mtime(part),) if t is not None]
        if row is not None:
            touched.append(aware(row.created_at))
        if not touched or max(touched) >= cutoff:
            return None
        size = _size(part)
        part.unlink(missing_ok=True)
        if row is not None:
            session.delete(row)
        return size


# -- complete, unreferenced uploads ---------------------------------------------------------
def _sweep_unreferenced(
    db: Database, store: AttachmentStore, cutoff: dt.datetime, report: SweepReport
) -> None:
    checked_before = _watermark(db)
    finals, _parts = _files(store)
    born: dict[str, dt.datetime] = {}  # completion: where the reference scan starts

    def candidate(sha256: str, completed: dt.datetime, modified: dt.datetime | None) -> None:
        age = completed if modified is None else max(completed, modified)
        if age < cutoff and (checked_before is None or age >= checked_before):
            born[sha256] = completed

    with db.read() as session:
        query = select(Attachment.sha256, Attachment.completed_at, Attachment.created_at).where(
            Attachment.complete
        )
        known: set[str] = set()
        for sha256, completed_at, created_at in session.execute(query):
            known.add(sha256)
            candidate(sha256, aware(completed_at or created_at), finals.get(sha256))
        incomplete = set(session.scalars(select(Attachment.sha256).where(~Attachment.complete)))
    # A final file without a row (a crash between the rename and the row update): aged by its
    # mtime; its completion is unknown, so references are looked for everywhere.
    for sha256 in set(finals) - known - incomplete:
        candidate(sha256, EVER, finals[sha256])
    if born:
        referenced = _referenced(db, set(born), min(born.values()) - REFERENCE_SLACK)
        failed = False
        for sha256 in sorted(set(born) - referenced):
            try:
                freed = _drop_unreferenced(db, store, sha256, born[sha256], cutoff)
            except Exception:
                log.exception("retention: could not drop upload %s", sha256)
                report.errors += 1
                failed = True
                continue
            if freed is not None:
                report.unreferenced_uploads += 1
                report.bytes_freed += freed
        if failed:
            return
    if checked_before is None or cutoff > checked_before:
        _set_watermark(db, cutoff)


def _referenced(db: Database, digests: set[str], since: dt.datetime) -> set[str]:
    """Those of ``digests`` that occur in a submission or complaint received since ``since``."""
    found: set[str] = set()
    with db.read() as session:
        for model in (Submission, Complaint):
            rows = session.execute(
                select(model.canonical)
                .where(model.received_at >= since)
                .execution_options(yield_per=500)
            )
            for (canonical,) in rows:
                found.update(digests.intersection(DIGEST_RE.findall(canonical)))
    return found


def _is_referenced(session: Session, sha256: str, since: dt.datetime) -> bool:
    for model in (Submission, Complaint):
        hit = session.scalar(
            select(model.received_at)
            .where(model.received_at >= since, model.canonical.contains(sha256, autoescape=True))
            .limit(1)
        )
        if hit is not None:
            return True
    return False


def _drop_unreferenced(
    db: Database,
    store: AttachmentStore,
    sha256: str,
    born: dt.datetime,
    cutoff: dt.datetime,
) -> int | None:
    """Drop the complete upload ``sha256`` unless it is referenced or was completed or confirmed
    since ``cutoff``; ``born`` is its completion (``EVER`` for a final file without a row)."""
    final = store.final_path(sha256)
    aside = store.directory / f"{sha256}.purging"
    with store.locked(sha256):  # excludes a confirmation (HEAD, PUT) of this process
        try:
            with db.transaction() as session:
                row = session.get(Attachment, sha256, with_for_update=True)
                if row is not None:
                    if not row.complete:
                        return None
                    born = aware(row.completed_at or row.created_at)
                if _age(born, final) >= cutoff:
                    return None
                if _is_referenced(session, sha256, born - REFERENCE_SLACK):
                    return None
                size = _size(final)
                if final.exists():
                    final.replace(aside)
                if row is not None:
                    session.delete(row)
        except BaseException:
            if aside.exists() and not final.exists():
                aside.replace(final)
            raise
        aside.unlink(missing_ok=True)
        return size


def _recover_purging(db: Database, store: AttachmentStore, report: SweepReport) -> None:
    """Finish or undo a drop interrupted between the rename aside and the unlink (a crash)."""
    for entry in os.scandir(store.directory):
        sha256 = entry.name.removesuffix(".purging")
        if not (entry.name.endswith(".purging") and DIGEST_RE.fullmatch(sha256)):
            continue
        aside = Path(entry.path)
        final = store.final_path(sha256)
        try:
            with store.locked(sha256), db.read() as session:
                row = session.get(Attachment, sha256)
                if row is not None and row.complete and not final.exists():
                    aside.replace(final)  # the row survived: the drop never committed
                else:
                    aside.unlink(missing_ok=True)
        except Exception:
            log.exception("retention: could not recover %s", aside)
            report.errors += 1


def _watermark(db: Database) -> dt.datetime | None:
    with db.read() as session:
        row = session.get(Meta, WATERMARK_KEY)
        return None if row is None else dt.datetime.fromisoformat(row.value)


def _set_watermark(db: Database, moment: dt.datetime) -> None:
    with db.transaction() as session:
        row = session.get(Meta, WATERMARK_KEY)
        if row is None:
            session.add(Meta(key=WATERMARK_KEY, value=moment.isoformat()))
        else:
            row.value = moment.isoformat()


# -- enrollment codes -----------------------------------------------------------------------
def prune_enrollment_codes(db: Database, cutoff: dt.datetime) -> int:
    """Delete codes used, revoked or expired before ``cutoff``; unused live codes stay."""
    with db.transaction() as session:
        result = session.execute(
            delete(EnrollmentCode).where(
                or_(
                    EnrollmentCode.used_at < cutoff,
                    EnrollmentCode.revoked_at < cutoff,
                    EnrollmentCode.expires_at < cutoff,
                )
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


# -- in the server --------------------------------------------------------------------------
class BackgroundSweeper:
    """Runs ``run`` at start-up and then every ``interval_s`` seconds in a worker thread.

    Started and stopped by the app's lifespan; :meth:`stop` cancels the wait and lets a sweep
    that is under way finish (it is short), so no thread outlives the server.
    """

    def __init__(self, run: Callable[[], Any], interval_s: float) -> None:
        self._run = run
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None
        self._running: asyncio.Future[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="central-retention")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        running, self._running = self._running, None
        if running is not None:
            await running

    def _run_logged(self) -> None:
        try:
            self._run()
        except Exception:
            log.exception("retention sweep failed")

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._running = loop.run_in_executor(None, self._run_logged)
            await asyncio.shield(self._running)
            self._running = None
            await asyncio.sleep(self._interval_s)
