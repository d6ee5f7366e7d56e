"""Everything the touch UI needs, built once by the composition root and handed to ``ui.app``.

For the controller (``ui/controllers``), the hooks it calls:

* ``services.journey`` -- the :class:`~kiosk.services.journey.JourneyService`. It is built by
  the catalogue job (``worker.submit(lambda store: services.preload_catalog(store))``) on the
  worker thread, with the worker's own connection as its primary store, so once that job has
  finished every journey call from a worker job uses the same connection the job was handed.
  Reading it before the job ran loads the catalogue on the calling thread (GUI thread only).
* ``services.on_submitted()`` -- call it (any thread) after each finalized submission or
  rating: it wakes the sync thread so the outbox is sent now, not at the next interval.

The container is deliberately plain data: the UI receives ports (protocols) and services, never
concrete drivers, so ``ui`` can stay free of hardware and HTTP imports and tests can hand in the
simulators (or fakes) directly. Nothing here starts threads or opens devices; whoever builds the
container owns that, and :meth:`KioskServices.close` undoes it in a safe order.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from config.settings import Settings
from kiosk.clock import china_now
from kiosk.errors import KioskError
from kiosk.fileio import write_atomic
from kiosk.identity.model import IdentitySource
from kiosk.ports.camera import Camera, CodeScanner, DocumentScanner
from kiosk.ports.card import CardReader
from kiosk.ports.printer import ReceiptPrinter
from kiosk.session import CardRemovalPolicy, Session
from kiosk.session.machine import DEFAULT_CARD_REMOVAL
from kiosk.session.states import SessionState
from kiosk.store import Store

if TYPE_CHECKING:  # importing the catalogue service pulls in pypinyin (~170 ms)
    from kiosk.services.catalog import CatalogService
    from kiosk.services.journey import JourneyService, PerThreadStores

    JourneyFactory = Callable[[CatalogService, Store], tuple[JourneyService, PerThreadStores]]

log = logging.getLogger(__name__)

SALT_FILE = "resident-key.salt"
"""This kiosk's own resident-key salt (:func:`load_or_create_salt`): the key's salt before
enrollment, and again if the credentials are removed."""
USED_SALTS_FILE = "resident-key.salts"
"""Every salt this kiosk has keyed residents with, newest last (:func:`remember_salt`)."""
MAX_REMEMBERED_SALTS = 8


@dataclass(frozen=True, slots=True)
class SyncSnapshot:
    """What the header shows about the link to the central platform (no personal data)."""

    online: bool
    pending: int = 0  # submissions/ratings waiting in the outbox
    last_success: datetime | None = None


SyncStateProvider = Callable[[], SyncSnapshot | None]


class _StoreDrafts:
    """Adapts the GUI thread's store to the session's :class:`DraftDisposer` port."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def delete_draft(self, draft_id: str) -> None:
        self._store.drafts.delete(draft_id)


@dataclass
class KioskServices:
    """The services of one running kiosk.

    ``store`` belongs to the thread that built the container (the GUI thread); background work
    opens its own connection with ``store.new_connection()``. ``journey_factory`` builds the
    Qt-free journey service once the catalogue is loaded (see :attr:`journey`).
    """

    settings: Settings
    store: Store
    catalog_loader: Callable[[Store], CatalogService]
    card_reader: CardReader
    printer: ReceiptPrinter
    camera_factory: Callable[[], Camera] | None = None
    scanner_factory: Callable[[], DocumentScanner] | None = None
    code_scanner_factory: Callable[[], CodeScanner] | None = None
    sync_state: SyncStateProvider | None = None
    journey_factory: JourneyFactory | None = None
    on_submitted: Callable[[], None] = lambda: None
    clock: Callable[[], datetime] = china_now
    monotonic: Callable[[], float] = time.monotonic
    resident_salt: bytes = b""
    closers: list[Callable[[], None]] = field(default_factory=list)  # run by close(), last first
    _closed: bool = field(default=False, init=False)
    _catalog: CatalogService | None = field(default=None, init=False)
    _catalog_lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _journey: JourneyService | None = field(default=None, init=False)
    _journey_stores: PerThreadStores | None = field(default=None, init=False)

    @property
    def catalog(self) -> CatalogService:
        """The active catalogue, loaded on first use (validation takes a few hundred ms, so
        the UI preloads it on the worker right after the first paint)."""
        return self.preload_catalog(self.store)

    def preload_catalog(self, store: Store) -> CatalogService:
        """Load (once) with ``store`` — the caller's own connection — and warm the index.

        Also builds the journey service, whose primary store is ``store``: the thread that
        runs this (normally the UI worker) reuses its connection for journey calls, any other
        thread lazily gets its own and closes it with :meth:`release_thread_store`.
        """
        with self._catalog_lock:
            if self._catalog is None:
                catalog = self.catalog_loader(store)
                _ = catalog.index
                self._catalog = catalog
            if self._journey is None and self.journey_factory is not None:
                self._journey, self._journey_stores = self.journey_factory(self._catalog, store)
            return self._catalog

    @property
    def journey(self) -> JourneyService:
        """The resident journey service (blocking calls: use it from the worker).

        Ready without blocking once the catalogue job (:meth:`preload_catalog` on the worker)
        has finished; before that, reading it loads the catalogue with the GUI thread's store,
        which is only allowed on the GUI thread.
        """
        journey = self._journey
        if journey is None:
            self.preload_catalog(self.store)
            journey = self._journey
            if journey is None:
                raise KioskError("error.unexpected", detail="no journey factory configured")
        return journey

    def release_thread_store(self) -> None:
        """Close the calling thread's extra journey connection, if it has one (idempotent).

        The UI worker calls this before its thread ends; :meth:`close` calls it for the GUI
        thread. The primary store of the journey service is never closed here.
        """
        stores = self._journey_stores
        if stores is not None:
            stores.close_current()

    def new_session(self) -> Session:
        """A fresh resident session wired to the configured idle times and removal policy."""
        cfg = self.settings.session
        removal = dict(DEFAULT_CARD_REMOVAL)
        if cfg.card_removed_policy == "wipe":
            removal = {
                source: (CardRemovalPolicy.WIPE if policy is CardRemovalPolicy.ASK else policy)
                for source, policy in removal.items()
            }
        removal.setdefault(IdentitySource.MANUAL, CardRemovalPolicy.CONTINUE)
        return Session(
            self.monotonic,
            _StoreDrafts(self.store),
            idle_timeout=float(cfg.idle_timeout_s),
            warning=float(cfg.warning_s),
            # Placing papers under the camera takes longer than reading a screen.
            state_timeouts={SessionState.CAPTURING: float(cfg.idle_timeout_s) * 2},
            card_removal=removal,
        )

    def sync_snapshot(self) -> SyncSnapshot | None:
        """The provider's snapshot, or None when there is none or it failed (never raises)."""
        if self.sync_state is None:
            return None
        try:
            return self.sync_state()
        except KioskError as err:
            log.warning("sync state unavailable: %s", err.key)
            return None

    def close(self) -> None:
        """Stop the card reader's thread, run the ``closers`` (e.g. the live progress lookup's
        HTTP client), then close the store. Idempotent."""
        if self._closed:
            return
        self._closed = True
        try:
            self.card_reader.stop()
        finally:
            try:
                while self.closers:
                    self.closers.pop()()
            finally:
                try:
                    self.release_thread_store()
                finally:
                    self.store.close()


def load_or_create_salt(directory: Path) -> bytes:
    """The per-installation secret for :func:`kiosk.store.resident_key` (32 random bytes).

    Kept next to the database with owner-only permissions; losing it only means residents can
    no longer find drafts they saved for later on this kiosk.
    """
    path = directory / SALT_FILE
    try:
        data = path.read_bytes()
        if len(data) >= 16:
            return data
    except FileNotFoundError:
        pass
    directory.mkdir(parents=True, exist_ok=True)
    data = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return data


def remember_salt(directory: Path, current: bytes) -> tuple[bytes, ...]:
    """Record ``current`` as the salt residents are keyed with from now on; return the salts
    they were keyed with before it, newest first (never ``current``).

    Re-enrolling with another city salt, or removing the credentials (back to the local
    salt), changes every resident's key; rows saved under an earlier salt are found again
    only by trying it (see ``JourneyService.resident_key``). The file keeps the last
    :data:`MAX_REMEMBERED_SALTS` salts, owner-only like the salt file: they are secrets.
    """
    path = directory / USED_SALTS_FILE
    recorded = _read_salts(path)
    kept = [*(salt for salt in recorded if salt != current), current][-MAX_REMEMBERED_SALTS:]
    if kept != recorded:
        try:
            write_atomic(path, "".join(f"{salt.hex()}\n" for salt in kept).encode("ascii"))
        except OSError as err:  # a full or read-only disk must not stop the kiosk
            log.warning("could not record the resident-key salt (%s)", err.strerror)
    return tuple(reversed(kept[:-1]))


def _read_salts(path: Path) -> list[bytes]:
    """The recorded salts; unreadable lines (or no file) are skipped, never fatal."""
    try:
        lines = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return []
    salts: list[bytes] = []
    for line in lines:
        try:
            salt = bytes.fromhex(line)
        except ValueError:
            continue
        if len(salt) >= 16 and salt not in salts:
            salts.append(salt)
    return salts
