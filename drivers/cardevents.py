"""Delivering card reader events: the one mechanism every ``CardReader`` adapter shares.

A reader's own thread produces :class:`~kiosk.ports.card.CardEvent` s; :class:`CardEventDispatcher`
hands each one to the application's handler (a handler bug is logged, never allowed to kill the
reader thread) and to any caller blocked in ``read_identity`` while that thread runs, which waits
for the next READ or ERROR with :meth:`CardEventDispatcher.await_read`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.errors import CardReadError, DeviceError, ReaderOfflineError
from kiosk.identity.model import Identity
from kiosk.ports.card import CardEvent, CardEventHandler, CardEventKind
from kiosk.ports.device import DeviceState, DeviceStatus

KEY_READ_TIMEOUT = "error.card.timeout"

_RESULTS = (CardEventKind.READ, CardEventKind.ERROR)


class CardEventDispatcher:
    """``handler`` is set by the reader's ``start`` and cleared by its ``stop``."""

    def __init__(self, log: logging.Logger) -> None:
        self.handler: CardEventHandler | None = None
        self._log = log
        self._lock = threading.Lock()
        self._waiters: list[Callable[[CardEvent], None]] = []

    def emit(self, event: CardEvent) -> None:
        if event.kind in _RESULTS:
            with self._lock:
                waiters = list(self._waiters)
            for waiter in waiters:
                waiter(event)
        handler = self.handler
        if handler is None:
            return
        try:
            handler(event)
        except Exception:  # a UI bug must not kill the reader thread
            self._log.exception("card event handler failed for %s", event.kind.value)

    def next_result(self, timeout: float) -> CardEvent | None:
        """The next READ or ERROR emitted within ``timeout`` seconds, else ``None``."""
        done = threading.Event()
        box: list[CardEvent] = []

        def waiter(event: CardEvent) -> None:
            if not box:
                box.append(event)
                done.set()

        with self._lock:
            self._waiters.append(waiter)
        try:
            done.wait(timeout)
        finally:
            with self._lock:
                self._waiters.remove(waiter)
        return box[0] if box else None

    def await_read(self, timeout: float, status: Callable[[], DeviceStatus]) -> Identity:
        """``read_identity`` while the reader's thread runs: the identity of its next READ, or
        the error of its next ERROR; on timeout ``ReaderOfflineError`` when ``status()`` says
        the reader is unusable, else a timeout ``CardReadError``."""
        event = self.next_result(timeout)
        if event is None:
            current = status()
            if current.state in (DeviceState.OFFLINE, DeviceState.ERROR):
                raise ReaderOfflineError(current.message_key, detail="reader not usable")
            raise CardReadError(KEY_READ_TIMEOUT, detail="no card presented")
        if event.identity is not None:
            return event.identity
        if isinstance(event.error, DeviceError):
            raise event.error
        raise CardReadError(detail="read failed")
