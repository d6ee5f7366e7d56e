"""Card reader port: ID card (SAM serial), social security card (PC/SC), simulator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from kiosk.errors import KioskError
from kiosk.identity.model import Identity
from kiosk.ports.device import DeviceStatus


class CardEventKind(StrEnum):
    INSERTED = "inserted"  # a card entered the field; a read is starting
    READ = "read"  # identity read; the UI now asks the resident to take the card
    REMOVED = "removed"  # the card left the field (after a read, or mid-read)
    ERROR = "error"  # the read failed; ``error`` says why (translated key)
    STATUS = "status"  # the reader's own state changed (offline, service down, back)


@dataclass(frozen=True, slots=True)
class CardEvent:
    kind: CardEventKind
    identity: Identity | None = None
    error: KioskError | None = None
    status: DeviceStatus | None = None


CardEventHandler = Callable[[CardEvent], None]


class CardReader(Protocol):
    """A reader that turns a presented card into an :class:`Identity`.

    ``start`` runs the adapter's own background polling thread and calls ``on_event`` *on that
    thread*; the UI marshals events to the GUI thread. No library exception escapes: failures
    arrive as ``ERROR`` events carrying a :class:`~kiosk.errors.CardReadError` subclass, or as
    ``STATUS`` events when the reader itself goes away.
    """

    def status(self) -> DeviceStatus: ...

    def start(self, on_event: CardEventHandler) -> None: ...

    def stop(self) -> None: ...

    def read_identity(self, timeout: float) -> Identity:
        """Blocking one-shot read (technician test, tests): wait up to ``timeout`` seconds for a
        card, read it, return the identity; raises a ``DeviceError`` subclass on failure."""
        ...
