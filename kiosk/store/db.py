"""Opening the offline store: one SQLite file (``kiosk.db``, WAL) plus a content-addressed
attachment directory, both under the injected data directory.

Threading rule: a :class:`Store` wraps one ``sqlite3`` connection and belongs to the thread that
opened it (sqlite3's ``check_same_thread`` turns a violation into ``ProgrammingError``). Call
:func:`open_database` once at process start (it migrates and recovers), then give every other
thread its own connection with :meth:`Store.new_connection` (cheap: no migrations, no recovery).
WAL lets readers on the GUI thread proceed while the background worker writes.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from kiosk.clock import CHINA_STANDARD_TIME  # tracking numbers carry the resident's day
from kiosk.errors import StorageReadOnlyError, StoreError
from kiosk.store.attachments import Attachments
from kiosk.store.audit import AuditLog
from kiosk.store.base import Clock, to_text, translated_errors
from kiosk.store.catalog import CatalogCache
from kiosk.store.drafts import Drafts
from kiosk.store.feedback import Complaints, Ratings
from kiosk.store.migrations import migrations
from kiosk.store.outbox import Outbox
from kiosk.store.receipts import Receipts
from kiosk.store.residents import Residents
from kiosk.store.status import StatusCache
from kiosk.store.submissions import Submissions

DB_FILENAME = "kiosk.db"
DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_STATION_CODE = re.compile(r"^[A-Z0-9]{2,8}$")


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """Everything a connection needs; shared by all connections to one data directory."""

    data_dir: Path
    clock: Clock
    station_code: str
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
    busy_timeout_ms: int = 5000
    # SQLite's page cache per connection (default 2 MiB). A kiosk keeps a few connections
    # (GUI, worker, sync) for years; the database is small and the OS caches the file, so
    # a bounded 512 KiB each keeps memory flat instead of each cache filling up as the
    # history grows (the UI benchmark's RSS growth over 1,000 visits was mostly this).
    cache_kib: int = 512
    read_only: bool = False
    tracking_tz: timezone = CHINA_STANDARD_TIME
    # The outermost OS seam for attachment bytes (tests inject ENOSPC here).
    os_write: Callable[[int, bytes], int] = os.write

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"


class Store:
    """One connection to the offline store, with one object per feature.

    Not thread-safe by design (see the module docstring). Close it, or use it as a context
    manager: an unclosed connection is a ``ResourceWarning`` and keeps WAL files around.
    """

    def __init__(self, db: Database, settings: StoreSettings) -> None:
        self._db = db
        self.settings = settings
        self.audit = AuditLog(self)
        self.attachments = Attachments(self)
        self.catalog = CatalogCache(self)
        self.drafts = Drafts(self)
        self.submissions = Submissions(self)
        self.outbox = Outbox(self)
        self.receipts = Receipts(self)
        self.ratings = Ratings(self)
        self.complaints = Complaints(self)
        self.status = StatusCache(self)
        self.residents = Residents(self)

    @property
    def db(self) -> Database:
        """The sqlite-utils handle, for the store's own modules and for tests."""
        return self._db

    def now(self) -> datetime:
        return self.settings.clock()

    def now_text(self) -> str:
        return to_text(self.settings.clock())

    @contextmanager
    def write(self, *, durable: bool = False) -> Iterator[Database]:
        """One write transaction, taken with ``BEGIN IMMEDIATE``.

        IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading
        a read lock (``busy_timeout`` then simply waits). The connection runs with
        ``synchronous=NORMAL`` (WAL is still crash-safe against a killed process, and autosave
        stays well under 2 ms); ``durable=True`` switches to ``FULL`` for this commit so the
        WAL is fsynced before we return — used where a receipt promises the data exists.
        Nested calls become savepoints of the outer transaction.
        """
        conn = self._db.conn
        with translated_errors():
            if conn.in_transaction:
                with self._db.atomic():
                    yield self._db
                return
            if durable:
                conn.execute("PRAGMA synchronous=FULL")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            finally:
                if durable:
                    conn.execute("PRAGMA synchronous=NORMAL")

    @contextmanager
    def read(self) -> Iterator[Database]:
        """A read snapshot: a deferred transaction, so several SELECTs (an outbox row and
        its attachment refs) see one consistent state even while another thread commits.
        In WAL it never blocks the writer. Inside a write it just joins that transaction."""
        conn = self._db.conn
        with translated_errors():
            if conn.in_transaction:
                yield self._db
                return
            conn.execute("BEGIN")
            try:
                yield self._db
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    def new_connection(self) -> Store:
        """Another connection to the same directory, for another thread (no migrations)."""
        return _connect(self.settings)

    def integrity_check(self) -> bool:
        with self.read() as db:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        return [tuple(r) for r in rows] == [("ok",)]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_database(
    data_dir: Path,
    *,
    clock: Clock,
    station_code: str,
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
    busy_timeout_ms: int = 5000,
    read_only: bool = False,
    os_write: Callable[[int, bytes], int] = os.write,
) -> Store:
    """Open the store at process start: create the directory, migrate, recover.

    Recovery resets queue rows left in ``sending`` by a crash back to ``queued`` (the platform
    deduplicates by idempotency key, so resending is safe) and removes attachment files that no
    row knows about (a crash between writing a file and committing its row). Do this only
    here, never from :meth:`Store.new_connection`: another thread may be mid-send.

    ``read_only=True`` opens an existing database for inspection (technician tools); every
    write then fails with ``StorageReadOnlyError`` and nothing is migrated or recovered.
    """
    if not _STATION_CODE.fullmatch(station_code):
        raise ValueError("station_code must be 2-8 characters A-Z or 0-9")
    if max_attachment_bytes <= 0:
        raise ValueError("max_attachment_bytes must be positive")
    settings = StoreSettings(
        data_dir=data_dir,
        clock=clock,
        station_code=station_code,
        max_attachment_bytes=max_attachment_bytes,
        busy_timeout_ms=busy_timeout_ms,
        read_only=read_only,
        os_write=os_write,
    )
    if not read_only:
        with translated_errors():
            settings.attachments_dir.mkdir(parents=True, exist_ok=True)
    store = _connect(settings)
    try:
        if not read_only:
            with translated_errors():
                migrations.apply(store.db)
            _recover(store)
    except BaseException:
        store.close()
        raise
    return store


def _connect(settings: StoreSettings) -> Store:
    try:
        return _connect_once(settings, immutable=False)
    except StoreError as err:
        # A WAL database cannot be opened on read-only media without its -shm file.
        if err.key != "error.store.cannot_open" or not _on_read_only_media(settings.data_dir):
            raise
        if not settings.read_only:
            raise StorageReadOnlyError(detail="read-only media") from err
        # Diagnostics on read-only media: nothing can change the file, say so to SQLite.
        return _connect_once(settings, immutable=True)


def _connect_once(settings: StoreSettings, *, immutable: bool) -> Store:
    with translated_errors():
        if settings.read_only:
            query = "mode=ro&immutable=1" if immutable else "mode=ro"
            uri = f"{settings.db_path.resolve().as_uri()}?{query}"
            conn = sqlite3.connect(uri, uri=True, timeout=settings.busy_timeout_ms / 1000)
        else:
            conn = sqlite3.connect(settings.db_path, timeout=settings.busy_timeout_ms / 1000)
    try:
        with translated_errors():
            db = Database(conn, execute_plugins=False)
            db.execute(f"PRAGMA busy_timeout={int(settings.busy_timeout_ms)}")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute(f"PRAGMA cache_size=-{int(settings.cache_kib)}")
            if not settings.read_only:
                db.enable_wal()  # outside any transaction, as journal_mode requires
                db.execute("PRAGMA synchronous=NORMAL")
            else:
                # Touch the file so a missing or corrupt database fails here, not later.
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return Store(db, settings)


def _on_read_only_media(directory: Path) -> bool:
    """True for a read-only mount (root ignores permission bits, so look at the mount)."""
    try:
        return bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _recover(store: Store) -> None:
    now = store.now_text()
    with store.write() as db:
        recovered = 0
        for table in ("outbox", "ratings", "complaints"):
            cursor = db.execute(
                f"UPDATE {table} SET state = 'queued', sending_since = NULL, "  # noqa: S608
                "next_try_at = min(next_try_at, ?), updated_at = ? WHERE state = 'sending'",
                [now, now],
            )
            recovered += cursor.rowcount
        if recovered:
            store.audit.append("store.recovered_sending", str(recovered))
    store.attachments.sweep()
