"""``SyncService``: the sync engine on ONE background thread, never the GUI thread.

The thread opens its own store connection (a ``sqlite3`` connection must not cross threads) and
runs passes of :class:`sync.engine.SyncEngine`. Between passes it sleeps on the injected
*waiter* until the next thing is due, or until :meth:`kick` (a submission was just finalized)
or :meth:`stop` wakes it. Tests inject a waiter that advances a fake clock instead of sleeping.

The UI reads :meth:`state` (thread-safe snapshot) or registers a listener; listeners are called
on the sync thread, so the UI marshals them to the GUI thread itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from kiosk.store import Store
from sync.engine import PassReport, SyncEngine, SyncState

log = logging.getLogger(__name__)

Listener = Callable[[SyncState], None]
EngineFactory = Callable[[Store], SyncEngine]


class Waiter(Protocol):
    """Sleeps up to ``seconds``; returns early when :meth:`wake` is called (then or before)."""

    def wait(self, seconds: float) -> None: ...

    def wake(self) -> None: ...


class EventWaiter:
    """The production waiter: a ``threading.Event`` (a wake before the wait is not lost)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def wait(self, seconds: float) -> None:
        self._event.wait(max(0.0, seconds))
        self._event.clear()

    def wake(self) -> None:
        self._event.set()


class SyncService:
    """Owns the sync thread. ``open_store`` is called *on* that thread (own connection)."""

    def __init__(
        self,
        open_store: Callable[[], Store],
        engine_factory: EngineFactory,
        *,
        waiter: Waiter | None = None,
        error_backoff_s: float = 30.0,
    ) -> None:
        self._open_store = open_store
        self._engine_factory = engine_factory
        self._waiter = waiter or EventWaiter()
        self._error_backoff_s = error_backoff_s
        self._lock = threading.Lock()
        self._state = SyncState()
        self._listeners: list[Listener] = []
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._kicked = threading.Event()
        self._resume = threading.Event()
        self._passes = 0
        self._pass_done = threading.Condition(self._lock)
        self.last_report: PassReport | None = None

    # -- public API (any thread) -------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("SyncService already started")
            self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the thread to finish (between rows, never mid-transaction) and wait for it."""
        self._stopping.set()
        self._waiter.wake()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.error("sync thread did not stop within %.0f s", timeout)

    def kick(self) -> None:
        """A submission (or rating, complaint) was just committed: try to send it now."""
        self._kicked.set()
        self._waiter.wake()

    def resume(self) -> None:
        """Operator action: lift the "terminal not authorised" pause and try again."""
        self._resume.set()
        self._waiter.wake()

    def state(self) -> SyncState:
        with self._lock:
            return self._state

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.remove(listener)

    def wait_for_passes(self, count: int, timeout: float) -> bool:
        """Block until ``count`` passes have completed in total (for tests and tools)."""
        with self._pass_done:
            return self._pass_done.wait_for(lambda: self._passes >= count, timeout)

    @property
    def passes(self) -> int:
        with self._lock:
            return self._passes

    # -- the thread --------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            store = self._open_store()
        except Exception:
            log.exception("sync thread cannot open the store")
            return
        try:
            engine = self._engine_factory(store)
            self._publish(engine.state(running=True))
            while not self._stopping.is_set():
                wait = self._one_pass(engine)
                if self._stopping.is_set():
                    break
                if not self._kicked.is_set() and not self._resume.is_set():
                    self._waiter.wait(wait)
        finally:
            try:
                self._publish(engine.state(running=False))
            except Exception:
                log.exception("final sync state")
            store.close()

    def _one_pass(self, engine: SyncEngine) -> float:
        if self._resume.is_set():
            self._resume.clear()
            engine.resume()
        if self._kicked.is_set():
            self._kicked.clear()
            engine.poke()
        try:
            report = engine.run_pass(self._stopping.is_set)
            wait = engine.seconds_until_next()
        except Exception:
            # A store failure or a bug must not kill the thread: log, publish, retry later.
            log.exception("sync pass failed")
            report = PassReport(problem="error.sync.internal")
            wait = self._error_backoff_s
        state = engine.state(running=True)
        if report.problem == "error.sync.internal":
            state = _with_problem(state, report.problem)
        self.last_report = report
        self._publish(state, count_pass=True)
        return wait

    def _publish(self, state: SyncState, *, count_pass: bool = False) -> None:
        with self._lock:
            changed = state != self._state
            self._state = state
            listeners = list(self._listeners)
            if count_pass:
                self._passes += 1
                self._pass_done.notify_all()
        if changed:
            for listener in listeners:
                try:
                    listener(state)
                except Exception:
                    log.exception("sync state listener failed")


def _with_problem(state: SyncState, problem: str) -> SyncState:
    from dataclasses import replace

    return replace(state, problem=problem)
