"""Card reader events from the driver's own thread, re-emitted as signals on the GUI thread.

A :class:`~kiosk.ports.card.CardReader` calls its handler on the adapter's polling thread. Qt
widgets may only be touched on the GUI thread, so the handler does nothing but emit a signal;
Qt queues it across threads (the bridge lives on the GUI thread) and the slots run there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.errors import KioskError
from kiosk.identity.model import Identity
from kiosk.ports.card import CardEvent, CardEventKind, CardReader
from kiosk.ports.device import DeviceStatus


class CardReaderBridge(QObject):
    inserted = Signal()
    identityRead = Signal(object)  # Identity
    removed = Signal()
    readFailed = Signal(object)  # KioskError (message key + safe params)
    statusChanged = Signal(object)  # DeviceStatus

    _event = Signal(object)

    def __init__(self, reader: CardReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._started = False
        # Emitted on the driver thread, delivered here (queued) on the GUI thread.
        self._event.connect(self._dispatch)

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._reader.start(self._on_driver_thread)

    def stop(self) -> None:
        if self._started:
            self._started = False
            self._reader.stop()

    def status(self) -> DeviceStatus:
        return self._reader.status()

    def inject(self, event: CardEvent) -> None:
        """Deliver an event as if the driver had sent it (tests, technician tools)."""
        self._event.emit(event)

    def _on_driver_thread(self, event: CardEvent) -> None:
        self._event.emit(event)

    def _dispatch(self, event: CardEvent) -> None:
        if event.kind is CardEventKind.INSERTED:
            self.inserted.emit()
        elif event.kind is CardEventKind.READ and isinstance(event.identity, Identity):
            self.identityRead.emit(event.identity)
        elif event.kind is CardEventKind.REMOVED:
            self.removed.emit()
        elif event.kind is CardEventKind.ERROR:
            self.readFailed.emit(event.error or KioskError("error.card.unreadable"))
        elif event.kind is CardEventKind.STATUS and event.status is not None:
            self.statusChanged.emit(event.status)
