"""PC/SC fixtures (namespaced ``pcsc_*``): a real pcscd + vpcd stack, emulated cards, a reader.

The stack is session scoped because only one pcscd can run per machine. Tests that stop or
reconfigure the daemon leave it that way; ``pcsc_vpcd`` puts it back before the next test.
When pcscd cannot be started the PC/SC tests *fail* with the reason -- a CI machine missing
pcscd must not look green.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.pcsc.reader import PcscCardReader
from kiosk.ports.card import CardEvent, CardEventKind
from tests.drivers.recorder import Recorder
from tests.emulators.vpcd_card import Holder, SscApplet, VpcdCard
from tests.pcsc_stack import VPCD_READER, PcscStack, PcscStackError, card_present, wait_for


class PcscEventLog(Recorder):
    """:class:`Recorder` plus waiting from a mark, with the status keys in the failure."""

    def wait_for(
        self,
        kind: CardEventKind,
        timeout: float = 10.0,
        where: Callable[[CardEvent], bool] = lambda e: True,
        after: int = 0,
    ) -> CardEvent:
        """First event of ``kind`` (from index ``after``) matching ``where``; fails on timeout."""

        def find() -> CardEvent | None:
            for event in self.events[after:]:
                if event.kind is kind and where(event):
                    return event
            return None

        with self._cond:
            found = self._cond.wait_for(find, timeout)
        if found is None:
            kinds = [
                (e.kind.value, e.status.message_key if e.status else None) for e in self.events
            ]
            pytest.fail(f"no {kind.value} event within {timeout} s; got {kinds}")
        return found

    def mark(self) -> int:
        with self._cond:
            return len(self.events)


def _start(stack: PcscStack, *, with_vpcd: bool) -> str:
    """Start pcscd; the failure message (outside ``except``, so pytest shows it alone)."""
    try:
        stack.start(with_vpcd=with_vpcd)
    except PcscStackError as err:
        return f"PC/SC test stack unavailable: {err}"
    return ""


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    stack = PcscStack()
    problem = _start(stack, with_vpcd=True)
    if problem:
        stack.close()
        pytest.fail(problem, pytrace=False)
    yield stack
    stack.close()


@pytest.fixture
def pcsc_vpcd(pcsc_stack: PcscStack) -> PcscStack:
    """pcscd running with the vpcd readers at the start of the test."""
    if not pcsc_stack.running or not pcsc_stack.with_vpcd:
        pcsc_stack.stop()
        problem = _start(pcsc_stack, with_vpcd=True)
        if problem:
            pytest.fail(problem, pytrace=False)
    return pcsc_stack


@pytest.fixture
def pcsc_card_factory(pcsc_vpcd: PcscStack) -> Iterator[Callable[..., VpcdCard]]:
    """Make emulated cards (not yet inserted); every card is removed at teardown."""
    made: list[VpcdCard] = []

    def make(holder: Holder | None = None, *, port: int = 35963, **modes: bool) -> VpcdCard:
        card = VpcdCard(SscApplet(holder or Holder(), **modes), port=port)
        made.append(card)
        return card

    yield make
    for card in made:
        card.remove()
    # pcscd notices a removal only at its next poll; a card inserted before that would be
    # taken for the old one (vpcd swaps the socket within a single presence check).
    if pcsc_vpcd.running:
        readers = {f"Virtual PCD 00 0{card.port - 35963}" for card in made}
        for reader in readers:
            assert wait_for(lambda r=reader: card_present(r) is False, 10), f"{reader} stuck"


@pytest.fixture
def pcsc_reader_factory() -> Iterator[Callable[..., tuple[PcscCardReader, PcscEventLog]]]:
    """Start ``PcscCardReader`` instances with an event log; all are stopped at teardown."""
    started: list[PcscCardReader] = []

    def make(reader_name: str = VPCD_READER, **kwargs: Any) -> tuple[PcscCardReader, PcscEventLog]:
        kwargs.setdefault("backoff_max", 0.5)
        kwargs.setdefault("backoff_initial", 0.1)
        reader = PcscCardReader(reader_name, **kwargs)
        log = PcscEventLog()
        reader.start(log)
        started.append(reader)
        return reader, log

    yield make
    for reader in started:
        reader.stop()
