"""``CardEventDispatcher``: the event delivery every card reader adapter shares."""

from __future__ import annotations

import logging
import threading

import pytest

from drivers.cardevents import CardEventDispatcher
from kiosk.errors import CardReadError, CardRemovedError, ReaderOfflineError
from kiosk.identity.model import DocumentType, Identity, IdentitySource
from kiosk.ports.card import CardEvent, CardEventKind
from kiosk.ports.device import DeviceState, DeviceStatus
from tests.drivers.recorder import WAIT, Recorder

IDENTITY = Identity(IdentitySource.SIMULATED, DocumentType.RESIDENT_ID, "370102198503121233")
READY = DeviceStatus(DeviceState.READY, "device.card_reader.ready")
OFFLINE = DeviceStatus(DeviceState.OFFLINE, "device.card_reader.port_unavailable")
_log = logging.getLogger(__name__)


def emit_when_waiting(dispatcher: CardEventDispatcher, *events: CardEvent) -> None:
    """Emit ``events`` from another thread as soon as a caller waits (no sleeps)."""

    def emit_all() -> None:
        for event in events:
            dispatcher.emit(event)

    class SpyList(list[object]):
        def append(self, waiter: object) -> None:
            super().append(waiter)
            threading.Thread(target=emit_all).start()

    dispatcher._waiters = SpyList()  # type: ignore[assignment]


def test_handler_gets_every_event_and_its_failure_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    dispatcher = CardEventDispatcher(_log)
    dispatcher.emit(CardEvent(CardEventKind.INSERTED))  # no handler yet: nothing happens
    seen = Recorder()

    def clumsy(event: CardEvent) -> None:
        seen(event)
        raise RuntimeError("UI bug")

    dispatcher.handler = clumsy
    with caplog.at_level(logging.ERROR, logger=__name__):
        dispatcher.emit(CardEvent(CardEventKind.STATUS, status=READY))
        dispatcher.emit(CardEvent(CardEventKind.READ, identity=IDENTITY))
    assert [e.kind for e in seen.events] == [CardEventKind.STATUS, CardEventKind.READ]
    assert [r.getMessage() for r in caplog.records] == [
        "card event handler failed for status",
        "card event handler failed for read",
    ]


def test_await_read_returns_the_next_read_and_ignores_status() -> None:
    dispatcher = CardEventDispatcher(_log)
    emit_when_waiting(
        dispatcher,
        CardEvent(CardEventKind.STATUS, status=READY),
        CardEvent(CardEventKind.INSERTED),
        CardEvent(CardEventKind.READ, identity=IDENTITY),
    )
    assert dispatcher.await_read(WAIT, lambda: READY) is IDENTITY
    assert dispatcher._waiters == []


def test_await_read_raises_the_error_of_the_next_error_event() -> None:
    dispatcher = CardEventDispatcher(_log)
    emit_when_waiting(dispatcher, CardEvent(CardEventKind.ERROR, error=CardRemovedError()))
    with pytest.raises(CardRemovedError):
        dispatcher.await_read(WAIT, lambda: READY)


@pytest.mark.parametrize(
    ("status", "error", "key"),
    [
        (READY, CardReadError, "error.card.timeout"),
        (OFFLINE, ReaderOfflineError, "device.card_reader.port_unavailable"),
    ],
)
def test_await_read_timeout_tells_offline_from_no_card(
    status: DeviceStatus, error: type[Exception], key: str
) -> None:
    dispatcher = CardEventDispatcher(_log)
    with pytest.raises(error) as info:
        dispatcher.await_read(0.01, lambda: status)
    assert getattr(info.value, "key", None) == key
    assert dispatcher._waiters == []
