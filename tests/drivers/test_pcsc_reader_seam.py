"""PcscCardReader against a simulated PC/SC service, for what vpcd cannot do: unplug a reader.

The fake replaces only the outermost OS seam (``PcscContext``): a tiny model of pcscd with
readers that come and go, cards with pcsc-lite's insertion counter, and a service switch.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pytest

from drivers.pcsc.reader import PcscCardReader
from drivers.pcsc.scard import (
    PNP_NOTIFICATION,
    STATE_CHANGED,
    STATE_PRESENT,
    STATE_UNKNOWN,
    PcscServiceError,
)
from kiosk.errors import ReaderOfflineError
from kiosk.ports.card import CardEventKind
from kiosk.ports.device import DeviceState
from tests.drivers.conftest import PcscEventLog
from tests.emulators.vpcd_card import SscApplet, applet_transmit

STATE_EMPTY = 0x10
READER = "ACS ACR39U ICC Reader 00 00"


class FakeService:
    """pcscd in miniature: readers -> inserted applet (or None), plus an insertion counter."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.running = True
        self.readers: dict[str, SscApplet | None] = {}
        self.counters: dict[str, int] = {}
        self.contexts: list[FakeContext] = []

    def change(self, **kwargs: object) -> None:
        with self.cond:
            for key, value in kwargs.items():
                setattr(self, key, value)
            self.cond.notify_all()

    def plug(self, reader: str) -> None:
        with self.cond:
            self.readers[reader] = None
            self.counters.setdefault(reader, 0)
            self.cond.notify_all()

    def unplug(self, reader: str) -> None:
        with self.cond:
            del self.readers[reader]
            self.cond.notify_all()

    def insert(self, reader: str, applet: SscApplet | None) -> None:
        with self.cond:
            self.readers[reader] = applet
            self.counters[reader] += 1
            self.cond.notify_all()

    def state(self, name: str) -> int:
        if name == PNP_NOTIFICATION:
            return len(self.readers) << 16
        if name not in self.readers:
            return STATE_UNKNOWN
        present = STATE_PRESENT if self.readers[name] is not None else STATE_EMPTY
        return present | (self.counters[name] << 16)

    def factory(self) -> FakeContext:
        with self.cond:
            if not self.running:
                raise PcscServiceError(detail="fake: no service")
            context = FakeContext(self)
            self.contexts.append(context)
            return context


class FakeCard:
    def __init__(self, applet: SscApplet) -> None:
        self.transmit = applet_transmit(applet)

    def __enter__(self) -> FakeCard:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class FakeContext:
    def __init__(self, service: FakeService) -> None:
        self.service = service
        self.cancelled = False
        self.released = False

    def _check(self) -> None:
        if not self.service.running or self.released:
            raise PcscServiceError(detail="fake: service gone")

    def readers(self) -> list[str]:
        with self.service.cond:
            self._check()
            return list(self.service.readers)

    def wait(
        self, states: Sequence[tuple[str, int]], timeout_ms: int
    ) -> list[tuple[str, int, list[int]]] | None:
        def changed() -> bool:
            return (
                self.cancelled
                or not self.service.running
                or any(self.service.state(n) != s for n, s in states)
            )

        with self.service.cond:
            self.service.cond.wait_for(changed, timeout_ms / 1000)
            self._check()
            if self.cancelled:
                self.cancelled = False
                return None
            result = []
            for name, current in states:
                event = self.service.state(name)
                result.append((name, event | (STATE_CHANGED if event != current else 0), []))
            return result if any(e & STATE_CHANGED for _, e, _ in result) else None

    def cancel(self) -> None:
        with self.service.cond:
            self.cancelled = True
            self.service.cond.notify_all()

    def connect(self, reader: str) -> FakeCard:
        with self.service.cond:
            self._check()
            applet = self.service.readers.get(reader)
            if applet is None:
                raise ReaderOfflineError(detail="fake: no card")
            return FakeCard(applet)

    def release(self) -> None:
        self.released = True

    def __enter__(self) -> FakeContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def started(service: FakeService) -> Iterator[tuple[PcscCardReader, PcscEventLog]]:
    reader = PcscCardReader(
        "ACR39", context_factory=service.factory, backoff_initial=0.01, backoff_max=0.05
    )
    log = PcscEventLog()
    reader.start(log)
    yield reader, log
    reader.stop()


def status_is(key: str):  # type: ignore[no-untyped-def]
    return lambda event: event.status is not None and event.status.message_key == key


def test_reader_unplugged_and_replugged(
    service: FakeService, started: tuple[PcscCardReader, PcscEventLog]
) -> None:
    reader, log = started
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.reader_offline"))
    service.plug("Other Reader 00 00")  # not ours: still offline
    service.plug(READER)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"))

    service.insert(READER, SscApplet())
    assert log.wait_for(CardEventKind.READ).identity is not None

    mark = log.mark()
    service.unplug(READER)  # with the card still in it
    log.wait_for(CardEventKind.REMOVED, after=mark)
    offline = log.wait_for(
        CardEventKind.STATUS, where=status_is("device.card.reader_offline"), after=mark
    )
    assert offline.status is not None and offline.status.state is DeviceState.OFFLINE
    assert reader.status().state is DeviceState.OFFLINE

    mark = log.mark()
    service.plug(READER)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"), after=mark)


def test_service_loss_is_retried_and_contexts_are_released(
    service: FakeService, started: tuple[PcscCardReader, PcscEventLog]
) -> None:
    reader, log = started
    service.plug(READER)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"))
    service.change(running=False)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.service_down"))
    mark = log.mark()
    service.change(running=True)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"), after=mark)
    reader.stop()
    assert service.contexts and all(c.released for c in service.contexts)


def test_card_already_in_the_reader_at_start_is_read(service: FakeService) -> None:
    service.plug(READER)
    service.insert(READER, SscApplet())
    reader = PcscCardReader(context_factory=service.factory)
    log = PcscEventLog()
    reader.start(log)
    try:
        assert log.wait_for(CardEventKind.READ).identity is not None
    finally:
        reader.stop()


def test_faulty_event_handler_does_not_kill_the_thread(service: FakeService) -> None:
    service.plug(READER)
    log = PcscEventLog()

    def handler(event: object) -> None:
        log(event)  # type: ignore[arg-type]
        raise RuntimeError("handler bug")

    reader = PcscCardReader(context_factory=service.factory)
    reader.start(handler)
    try:
        log.wait_for(CardEventKind.STATUS)
        service.insert(READER, SscApplet())
        assert log.wait_for(CardEventKind.READ).identity is not None
    finally:
        reader.stop()


def test_card_present_when_service_dies_is_removed_then_read_again(
    service: FakeService, started: tuple[PcscCardReader, PcscEventLog]
) -> None:
    _, log = started
    service.plug(READER)
    service.insert(READER, SscApplet())
    log.wait_for(CardEventKind.READ)
    mark = log.mark()
    service.change(running=False)
    log.wait_for(CardEventKind.REMOVED, after=mark)
    service.change(running=True)
    log.wait_for(CardEventKind.READ, after=mark)
    kinds = [e.kind for e in log.events if e.kind is not CardEventKind.STATUS]
    assert kinds == [
        CardEventKind.INSERTED,
        CardEventKind.READ,
        CardEventKind.REMOVED,
        CardEventKind.INSERTED,
        CardEventKind.READ,
    ]
