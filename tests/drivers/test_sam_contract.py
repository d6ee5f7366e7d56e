"""One ``CardReader`` contract, run against the SAM reader (over the pty emulator) and the
simulator: the UI must not be able to tell which one it is talking to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from drivers.idcard import protocol as p
from drivers.idcard.sam_reader import SamSerialCardReader
from drivers.simulated.card import SimulatedCardReader
from kiosk.errors import CardReadError, CardRemovedError
from kiosk.identity.model import Identity
from kiosk.ports.card import CardEvent, CardReader
from kiosk.ports.device import DeviceState
from tests.drivers.recorder import WAIT, Recorder
from tests.emulators import sam_reader_emulator as emu

HAN_NUMBER = "370102198503121233"


class Harness(Protocol):
    reader: CardReader

    def insert(self) -> None: ...
    def insert_moved(self) -> tuple[str, str]: ...  # (newest address, printed address)
    def remove(self) -> None: ...
    def pull_mid_read(self) -> None: ...
    def unreadable(self) -> None: ...


class SamHarness:
    def __init__(self, emulator: emu.SamReaderEmulator) -> None:
        self.emulator = emulator
        self.reader: CardReader = SamSerialCardReader(
            emulator.port, poll_interval=0.005, backoff=(0.01,), command_timeout=0.3
        )

    def insert(self) -> None:
        self.emulator.insert(emu.han_resident())

    def insert_moved(self) -> tuple[str, str]:
        self.emulator.insert(emu.moved_resident())
        return emu.MOVED_ADDRESS, "山东省济南市历下区泉城路188号3号楼2单元501室"

    def remove(self) -> None:
        self.emulator.remove()

    def pull_mid_read(self) -> None:
        self.emulator.inject(emu.Fault.PULL_AFTER_SELECT, p.SELECT_CARD)

    def unreadable(self) -> None:
        self.emulator.inject(emu.Fault.UNKNOWN_STATUS, p.READ_TEXT_PHOTO, times=None)


class SimulatedHarness:
    def __init__(self) -> None:
        self.simulated = SimulatedCardReader.from_fixtures()
        self.reader: CardReader = self.simulated

    def insert(self) -> None:
        self.simulated.insert("han_resident")

    def insert_moved(self) -> tuple[str, str]:
        identity = self.simulated.insert("moved_resident")
        return identity.address, identity.card_address

    def remove(self) -> None:
        self.simulated.remove()

    def pull_mid_read(self) -> None:
        self.simulated.faults.removed_mid_read = True

    def unreadable(self) -> None:
        self.simulated.faults.unreadable = True


@pytest.fixture(params=["sam", "simulated"])
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    if request.param == "sam":
        with emu.SamReaderEmulator(tmp_path / "tty") as emulator:
            yield SamHarness(emulator)
    else:
        yield SimulatedHarness()


@pytest.fixture
def running(harness: Harness) -> Iterator[tuple[Harness, Recorder]]:
    events = Recorder()
    harness.reader.start(events)
    events.wait_status(DeviceState.READY)
    yield harness, events
    harness.reader.stop()


def kinds(events: list[CardEvent]) -> list[str]:
    return [e.kind.value for e in events]


def test_ready_after_start(running: tuple[Harness, Recorder]) -> None:
    harness, _events = running
    assert harness.reader.status().usable


def test_insert_read_remove(running: tuple[Harness, Recorder]) -> None:
    harness, events = running
    harness.insert()
    read = events.card_events(2)[1]
    assert isinstance(read.identity, Identity)
    assert read.identity.id_number == HAN_NUMBER
    assert read.identity.name == "张伟明"
    harness.remove()
    assert kinds(events.card_events(3)) == ["inserted", "read", "removed"]


def test_moved_resident_reads_with_the_newest_appended_address(
    running: tuple[Harness, Recorder],
) -> None:
    harness, events = running
    newest, printed = harness.insert_moved()
    assert newest and printed and newest != printed
    read = events.card_events(2)[1]
    assert read.identity is not None
    assert (read.identity.address, read.identity.card_address) == (newest, printed)


def test_pulled_mid_read(running: tuple[Harness, Recorder]) -> None:
    harness, events = running
    harness.pull_mid_read()
    harness.insert()
    got = events.card_events(3)
    assert kinds(got) == ["inserted", "error", "removed"]
    assert isinstance(got[1].error, CardRemovedError)
    assert got[1].identity is None


def test_unreadable_card(running: tuple[Harness, Recorder]) -> None:
    harness, events = running
    harness.unreadable()
    harness.insert()
    got = events.card_events(2)
    assert kinds(got) == ["inserted", "error"]
    assert isinstance(got[1].error, CardReadError)
    assert got[1].error.key == "error.card.unreadable"
    harness.remove()
    assert kinds(events.card_events(3)) == ["inserted", "error", "removed"]


def test_one_shot_read_without_thread(harness: Harness) -> None:
    harness.insert()
    identity = harness.reader.read_identity(WAIT)
    assert identity.id_number == HAN_NUMBER


def test_one_shot_read_times_out_without_card(harness: Harness) -> None:
    with pytest.raises(CardReadError) as info:
        harness.reader.read_identity(0.05)
    assert info.value.key == "error.card.timeout"


def test_stop_is_idempotent(harness: Harness) -> None:
    harness.reader.start(Recorder())
    harness.reader.stop()
    harness.reader.stop()
