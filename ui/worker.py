"""The one background helper: a single worker thread that runs jobs in order.

Card reads, printing, camera frames and every database write leave the GUI thread through
here (Anki's CollectionOp pattern). Jobs run strictly one after another, so database work is
serialized without locks; the worker thread opens its own SQLite connection
(``store.new_connection()``) because a connection may not cross threads.

Results come back on the GUI thread through a queued signal and are handed to the job's
``on_done`` callback. Failures are delivered as :class:`~kiosk.errors.KioskError` (message key +
safe params) to ``on_error``; any other exception is logged with its traceback and turned into
``KioskError("error.unexpected")`` so no exception text ever reaches a screen.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.errors import KioskError
from kiosk.store import Store

log = logging.getLogger(__name__)

JobFn = Callable[[Store], Any]
DoneFn = Callable[[Any], None]
ErrorFn = Callable[[KioskError], None]


@dataclass(slots=True)
class _Job:
    id: int
    fn: JobFn
    name: str


class _Runner(QObject):
    """Lives on the worker thread; owns that thread's store connection."""

    finished = Signal(int, object, object)  # job id, result, KioskError | None

    def __init__(
        self, store_factory: Callable[[], Store], on_close: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self._store_factory = store_factory
        self._on_close = on_close
        self._store: Store | None = None

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            if self._store is None:
                self._store = self._store_factory()
            result = job.fn(self._store)
        except KioskError as err:
            log.info("job %s failed: %s", job.name, err.key)
            self.finished.emit(job.id, None, err)
            return
        except Exception:
            log.exception("job %s crashed", job.name)
            self.finished.emit(job.id, None, KioskError("error.unexpected"))
            return
        self.finished.emit(job.id, result, None)

    @Slot()
    def close(self) -> None:
        try:
            if self._on_close is not None:
                self._on_close()  # e.g. other per-thread connections opened by jobs
        finally:
            if self._store is not None:
                self._store.close()
                self._store = None


class BackgroundWorker(QObject):
    """Submit jobs from the GUI thread; callbacks run on the GUI thread in submission order."""

    _submit = Signal(object)
    _close = Signal()
    jobStarted = Signal(str)
    idle = Signal()  # no job queued or running any more

    def __init__(
        self,
        store_factory: Callable[[], Store],
        parent: QObject | None = None,
        *,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """``on_close`` runs on the worker thread just before it closes its own connection."""
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("kiosk-worker")
        self._runner = _Runner(store_factory, on_close)
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run)
        self._close.connect(self._runner.close)
        self._runner.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[DoneFn | None, ErrorFn | None]] = {}
        self._stopped = False
        self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(
        self,
        fn: JobFn,
        on_done: DoneFn | None = None,
        on_error: ErrorFn | None = None,
        *,
        name: str = "job",
    ) -> int:
        """Queue ``fn(store)``; returns the job id. Ignored (returns 0) after :meth:`stop`."""
        if self._stopped:
            return 0
        job = _Job(next(self._ids), fn, name)
        self._pending[job.id] = (on_done, on_error)
        self.jobStarted.emit(name)
        self._submit.emit(job)
        return job.id

    def forget(self, job_ids: set[int] | None = None) -> None:
        """Drop callbacks (the screen that asked is gone); the jobs themselves still run."""
        if job_ids is None:
            self._pending = dict.fromkeys(self._pending, (None, None))
            return
        for job_id in job_ids:
            if job_id in self._pending:
                self._pending[job_id] = (None, None)

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: object, error: KioskError | None) -> None:
        on_done, on_error = self._pending.pop(job_id, (None, None))
        try:
            if error is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.warning("unhandled job error: %s", error.key)
        finally:
            if not self._pending:
                self.idle.emit()

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Finish queued jobs, close the worker's connection, end the thread. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        self._close.emit()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.error("worker thread did not stop in time")
        self._pending.clear()
