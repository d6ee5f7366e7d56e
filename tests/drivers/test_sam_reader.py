"""``SamSerialCardReader`` end to end against the pty emulator: every card type, every fault."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.idcard import protocol as p
from drivers.idcard.sam_reader import SamSerialCardReader
from drivers.idcard.textblock import CardDataError
from kiosk.errors import CardReadError, CardRemovedError, DeviceError, ReaderOfflineError
from kiosk.identity.model import DocumentType
from kiosk.ports.card import CardEvent, CardEventKind
from kiosk.ports.device import DeviceState
from tests.drivers.recorder import WAIT, Recorder
from tests.emulators import sam_reader_emulator as emu
from tests.emulators.sam_reader_emulator import Fault, SamReaderEmulator


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[SamReaderEmulator]:
    with SamReaderEmulator(tmp_path / "ttyIDCARD") as emulated:
        yield emulated


def make_reader(port: str, **kwargs: object) -> SamSerialCardReader:
    options: dict[str, object] = {
        "poll_interval": 0.005,
        "backoff": (0.01, 0.02),
        "command_timeout": 0.3,
        "read_command_timeout": 0.5,
    }
    options.update(kwargs)
    return SamSerialCardReader(port, **options)  # type: ignore[arg-type]


@pytest.fixture
def started(emulator: SamReaderEmulator) -> Iterator[tuple[SamSerialCardReader, Recorder]]:
    reader = make_reader(emulator.port)
    recorder = Recorder()
    reader.start(recorder)
    recorder.wait_status(DeviceState.READY)
    yield reader, recorder
    reader.stop()


CARD_TYPES = [
    (emu.han_resident, DocumentType.RESIDENT_ID),
    (emu.elderly_1938, DocumentType.RESIDENT_ID),
    (emu.minority_hui, DocumentType.RESIDENT_ID),
    (emu.hong_kong_permit, DocumentType.HMT_RESIDENCE_PERMIT),
    (emu.foreigner_2017, DocumentType.FOREIGNER_PERMANENT_2017),
    (emu.foreigner_2023, DocumentType.FOREIGNER_PERMANENT_2023),
]


@pytest.mark.parametrize(("make_card", "document_type"), CARD_TYPES)
def test_every_card_type_is_read(
    started: tuple[SamSerialCardReader, Recorder],
    emulator: SamReaderEmulator,
    make_card: Callable[[], emu.EmulatedCard],
    document_type: DocumentType,
) -> None:
    reader, events = started
    card = make_card()
    emulator.insert(card)
    read = events.wait_kind(CardEventKind.READ)
    assert read.identity is not None
    assert read.identity.document_type is document_type
    assert read.identity.photo_wlt == card.photo
    assert events.kinds() == ["inserted", "read"]
    assert reader.status().state is DeviceState.READY


def test_driver_sends_the_exact_find_frame_and_checks_the_sam_first(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    assert emulator.wait_for(p.FIND_CARD, 2)
    assert emulator.requests[0] == p.SAM_STATUS.frame()
    assert emulator.requests[1] == bytes.fromhex("AAAAAA9669 0003 2001 22")


def test_card_is_read_once_then_polled_until_it_leaves(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.insert(emu.han_resident())
    events.wait_kind(CardEventKind.READ)
    finds = emulator.count(p.FIND_CARD)
    # The card stays in the field: the reader keeps asking "find" but never reads again.
    assert emulator.wait_for(p.FIND_CARD, finds + 5)
    assert emulator.count(p.READ_TEXT_PHOTO) == 1
    assert events.kinds() == ["inserted", "read"]
    emulator.remove()
    events.wait_kind(CardEventKind.REMOVED)
    emulator.insert(emu.elderly_1938())
    second = events.wait_kind(CardEventKind.READ, 2)
    assert second.identity is not None
    assert second.identity.valid_long_term
    assert events.kinds() == ["inserted", "read", "removed", "inserted", "read"]


@pytest.mark.parametrize(
    "fault", [Fault.BAD_CHECKSUM, Fault.TRUNCATED, Fault.OVERSIZED, Fault.UNKNOWN_STATUS]
)
def test_one_bad_read_reply_is_retried(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator, fault: Fault
) -> None:
    _reader, events = started
    emulator.inject(fault, p.READ_TEXT_PHOTO, times=1)
    emulator.insert(emu.minority_hui())
    read = events.wait_kind(CardEventKind.READ)
    assert read.identity is not None
    assert read.identity.nation == "回"
    assert emulator.count(p.READ_TEXT_PHOTO) == 2
    assert events.kinds() == ["inserted", "read"]


def test_garbage_between_frames_is_skipped(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.inject(Fault.GARBAGE, times=None)
    emulator.insert(emu.foreigner_2023())
    read = events.wait_kind(CardEventKind.READ)
    assert read.identity is not None
    assert read.identity.english_name == emu.LONG_ENGLISH_NAME
    assert emulator.count(p.READ_TEXT_PHOTO) == 1  # no retry needed


@pytest.mark.parametrize(
    ("fault", "error_type"),
    [
        (Fault.BAD_CHECKSUM, p.ChecksumError),
        (Fault.TRUNCATED, p.TruncatedFrameError),
        (Fault.OVERSIZED, p.FrameLengthError),
        (Fault.UNKNOWN_STATUS, CardReadError),
    ],
)
def test_persistent_bad_read_replies_become_one_error_event(
    started: tuple[SamSerialCardReader, Recorder],
    emulator: SamReaderEmulator,
    fault: Fault,
    error_type: type[CardReadError],
) -> None:
    _reader, events = started
    emulator.inject(fault, p.READ_TEXT_PHOTO, times=None)
    emulator.insert(emu.han_resident())
    error = events.wait_kind(CardEventKind.ERROR).error
    assert type(error) is error_type
    assert error.key == "error.card.unreadable"
    if fault is Fault.UNKNOWN_STATUS:
        assert error.params == {"sw3": "91"}
    # The card is still there: no second attempt until it has left.
    emulator.remove()
    events.wait_kind(CardEventKind.REMOVED)
    assert events.kinds() == ["inserted", "error", "removed"]


def test_card_pulled_between_select_and_read(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.inject(Fault.PULL_AFTER_SELECT, p.SELECT_CARD)
    emulator.insert(emu.han_resident())
    events.wait_kind(CardEventKind.REMOVED)
    error = events.wait_kind(CardEventKind.ERROR).error
    assert isinstance(error, CardRemovedError)
    assert error.key == "error.card.removed"
    assert events.kinds() == ["inserted", "error", "removed"]


def test_wrong_check_digit_is_an_error_event_without_identity(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.insert(emu.wrong_check_digit())
    event = events.wait_kind(CardEventKind.ERROR)
    assert isinstance(event.error, CardDataError)
    assert event.error.key == "identity.id_number.checksum"
    assert event.identity is None
    assert emulator.count(p.READ_TEXT_PHOTO) == 1  # bad data is not retried
    assert "read" not in events.kinds()


def test_reader_not_answering_goes_offline_and_comes_back(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    reader, events = started
    emulator.inject(Fault.NO_ANSWER, times=None)
    events.wait_status(DeviceState.OFFLINE, "device.card_reader.no_answer")
    assert reader.status().state is DeviceState.OFFLINE
    events.clear()
    emulator.clear_faults()
    events.wait_status(DeviceState.READY)
    emulator.insert(emu.han_resident())
    assert events.wait_kind(CardEventKind.READ).identity is not None


def test_reader_stops_answering_mid_read(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.inject(Fault.NO_ANSWER, p.READ_TEXT_PHOTO, times=None)
    emulator.insert(emu.han_resident())
    error = events.wait_kind(CardEventKind.ERROR).error
    assert isinstance(error, ReaderOfflineError)
    events.wait_status(DeviceState.OFFLINE, "device.card_reader.no_answer")


def test_unplugged_port_goes_offline_and_recovers_after_replug(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    reader, events = started
    emulator.unplug()
    events.wait_status(DeviceState.OFFLINE, "device.card_reader.port_unavailable")
    assert reader.status().state is DeviceState.OFFLINE
    events.clear()
    emulator.replug()
    events.wait_status(DeviceState.READY)
    emulator.insert(emu.hong_kong_permit())
    read = events.wait_kind(CardEventKind.READ)
    assert read.identity is not None
    assert read.identity.document_type is DocumentType.HMT_RESIDENCE_PERMIT


def test_missing_port_is_offline_and_retried_never_a_crash(tmp_path: Path) -> None:
    reader = make_reader(str(tmp_path / "no-such-tty"))
    events = Recorder()
    reader.start(events)
    events.wait_status(DeviceState.OFFLINE, "device.card_reader.port_unavailable")
    with SamReaderEmulator(tmp_path / "no-such-tty"):  # the device appears later
        events.wait_status(DeviceState.READY)
        reader.stop()
    assert reader.status().message_key == "device.card_reader.stopped"


def test_sam_self_test_failure_is_a_reader_fault(
    tmp_path: Path, emulator: SamReaderEmulator
) -> None:
    emulator.sam_fault = True
    reader = make_reader(emulator.port)
    events = Recorder()
    reader.start(events)
    try:
        status = events.wait_status(DeviceState.ERROR).status
        assert status is not None
        assert status.message_key == "device.card_reader.fault"
        assert status.params == {"sw3": "60"}
    finally:
        reader.stop()


def test_handler_exception_does_not_kill_the_reader(emulator: SamReaderEmulator) -> None:
    events = Recorder()

    def clumsy(event: CardEvent) -> None:
        events(event)
        if event.kind is CardEventKind.INSERTED:
            raise RuntimeError("UI bug")

    reader = make_reader(emulator.port)
    reader.start(clumsy)
    try:
        emulator.insert(emu.han_resident())
        assert events.wait_kind(CardEventKind.READ).identity is not None
    finally:
        reader.stop()


def test_fingerprint_read_command_when_configured(emulator: SamReaderEmulator) -> None:
    emulator.insert(emu.elderly_1938())
    reader = make_reader(emulator.port, with_fingerprint=True)
    identity = reader.read_identity(WAIT)
    assert identity.birth_date is not None
    assert emulator.count(p.READ_TEXT_PHOTO_FINGERPRINT) == 1
    assert emulator.count(p.READ_TEXT_PHOTO) == 0


def test_read_identity_one_shot_without_the_thread(emulator: SamReaderEmulator) -> None:
    reader = make_reader(emulator.port)
    emulator.insert(emu.foreigner_2017())
    identity = reader.read_identity(WAIT)
    assert identity.document_type is DocumentType.FOREIGNER_PERMANENT_2017
    emulator.remove()
    with pytest.raises(CardReadError) as info:
        reader.read_identity(0.05)
    assert info.value.key == "error.card.timeout"


def test_read_identity_raises_the_card_error(emulator: SamReaderEmulator) -> None:
    reader = make_reader(emulator.port)
    emulator.insert(emu.wrong_check_digit())
    with pytest.raises(CardDataError):
        reader.read_identity(WAIT)


def test_read_identity_on_a_missing_port(tmp_path: Path) -> None:
    reader = make_reader(str(tmp_path / "absent"))
    with pytest.raises(ReaderOfflineError) as info:
        reader.read_identity(1.0)
    assert info.value.key == "device.card_reader.port_unavailable"
    assert isinstance(info.value.__cause__, OSError)  # SerialException is an IOError


def test_read_identity_while_the_thread_runs(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    reader, _events = started
    result: list[object] = []
    registered = threading.Event()

    class SpyList(list[Callable[[CardEvent], None]]):  # know when read_identity listens
        def append(self, waiter: Callable[[CardEvent], None]) -> None:
            super().append(waiter)
            registered.set()

    reader._events._waiters = SpyList()
    worker = threading.Thread(target=lambda: result.append(reader.read_identity(WAIT)))
    worker.start()
    assert registered.wait(WAIT)
    emulator.insert(emu.han_resident())
    worker.join(WAIT)
    assert not worker.is_alive()
    assert [getattr(r, "name", None) for r in result] == ["张伟明"]


def test_stop_joins_the_thread_and_closes_the_port(emulator: SamReaderEmulator) -> None:
    reader = make_reader(emulator.port)
    events = Recorder()
    reader.start(events)
    events.wait_status(DeviceState.READY)
    reader.stop()
    assert reader._thread is None
    assert not reader._link.is_open
    assert not any(t.name == "sam-card-reader" for t in threading.enumerate())
    reader.stop()  # idempotent


def test_start_twice_is_a_programming_error(emulator: SamReaderEmulator) -> None:
    reader = make_reader(emulator.port)
    reader.start(Recorder())
    try:
        with pytest.raises(RuntimeError):
            reader.start(Recorder())
    finally:
        reader.stop()


def test_serial_errors_during_io_are_translated(emulator: SamReaderEmulator) -> None:
    class DyingPort:
        in_waiting = 0

        def read(self, size: int = 1) -> bytes:
            raise OSError(5, "Input/output error")

        def write(self, data: bytes) -> int:
            return len(data)

        def reset_input_buffer(self) -> None:
            pass

        def close(self) -> None:
            pass

    reader = make_reader(emulator.port, serial_factory=DyingPort)
    with pytest.raises(ReaderOfflineError) as info:
        reader.read_identity(1.0)
    assert isinstance(info.value, DeviceError)
    assert isinstance(info.value.__cause__, OSError)


def test_stop_returns_even_when_an_event_handler_never_does(emulator: SamReaderEmulator) -> None:
    """Events are emitted while the thread holds the port; a hung UI handler must not turn
    ``stop()`` (application shut-down) into a hang as well."""
    entered, release = threading.Event(), threading.Event()

    def stuck(event: CardEvent) -> None:
        if event.kind is CardEventKind.READ:
            entered.set()
            release.wait(WAIT)

    reader = make_reader(emulator.port, stop_timeout=0.1)
    reader.start(stuck)
    thread = reader._thread
    assert thread is not None
    try:
        emulator.insert(emu.han_resident())
        assert entered.wait(WAIT)
        stopper = threading.Thread(target=reader.stop, daemon=True)
        stopper.start()
        stopper.join(WAIT)
        assert not stopper.is_alive(), "stop() hung behind the event handler"
        assert reader.status().message_key == "device.card_reader.stopped"
    finally:
        release.set()
    thread.join(WAIT)
    assert not thread.is_alive()
    assert not reader._link.is_open  # the thread closed the port on its way out


# -- 30 03: the newest address appended to the chip ---------------------------------------

PRINTED_ADDRESS = "山东省济南市历下区泉城路188号3号楼2单元501室"


def test_newest_appended_address_is_the_address_read(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.insert(emu.moved_resident())
    identity = events.wait_kind(CardEventKind.READ).identity
    assert identity is not None
    assert identity.address == emu.MOVED_ADDRESS
    assert identity.card_address == PRINTED_ADDRESS
    assert identity.name == "张伟明"
    # find, select, read text + photo, then read the appended address while still selected
    read_at = emulator.requests.index(p.READ_TEXT_PHOTO.frame())
    assert emulator.requests[read_at - 1] == p.SELECT_CARD.frame()
    assert emulator.requests[read_at + 1] == p.READ_APPENDED_ADDRESS.frame()
    assert emulator.count(p.READ_APPENDED_ADDRESS) == 1
    assert events.kinds() == ["inserted", "read"]


def test_appended_address_after_the_fingerprint_read_one_shot(
    emulator: SamReaderEmulator,
) -> None:
    emulator.insert(emu.moved_resident())
    identity = make_reader(emulator.port, with_fingerprint=True).read_identity(WAIT)
    assert identity.address == emu.MOVED_ADDRESS
    assert emulator.count(p.READ_TEXT_PHOTO_FINGERPRINT) == 1
    assert emulator.count(p.READ_APPENDED_ADDRESS) == 1


def test_one_garbled_appended_address_reply_is_retried(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.inject(Fault.BAD_CHECKSUM, p.READ_APPENDED_ADDRESS, times=1)
    emulator.insert(emu.moved_resident())
    identity = events.wait_kind(CardEventKind.READ).identity
    assert identity is not None
    assert identity.address == emu.MOVED_ADDRESS
    assert emulator.count(p.READ_APPENDED_ADDRESS) == 2
    assert emulator.count(p.READ_TEXT_PHOTO) == 1


def _no_record() -> emu.EmulatedCard:
    return emu.han_resident()  # no appended record: the emulator answers SW3 41


def _padding_only() -> emu.EmulatedCard:
    card = emu.han_resident()
    card.appended_address = ""  # SW3 90 with a record of spaces
    return card


@pytest.mark.parametrize(
    ("make_card", "fault"),
    [
        (_no_record, None),
        (_padding_only, None),
        (emu.moved_resident, Fault.COMMAND_UNSUPPORTED),  # SW3 21: a reader without 30 03
        (emu.moved_resident, Fault.UNKNOWN_STATUS),  # SW3 91
        (emu.moved_resident, Fault.BAD_CHECKSUM),  # every reply garbled
        (emu.moved_resident, Fault.NO_ANSWER),  # a reader that ignores 30 03
    ],
    ids=["no_record", "padding_only", "unsupported", "unknown_status", "garbled", "silent"],
)
def test_without_a_usable_appended_address_the_card_address_is_kept(
    started: tuple[SamSerialCardReader, Recorder],
    emulator: SamReaderEmulator,
    make_card: Callable[[], emu.EmulatedCard],
    fault: Fault | None,
) -> None:
    reader, events = started
    if fault is not None:
        emulator.inject(fault, p.READ_APPENDED_ADDRESS, times=None)
    emulator.insert(make_card())
    identity = events.wait_kind(CardEventKind.READ).identity
    assert identity is not None
    assert identity.address == PRINTED_ADDRESS
    assert identity.card_address == ""
    assert emulator.count(p.READ_APPENDED_ADDRESS) >= 1
    assert emulator.count(p.READ_TEXT_PHOTO) == 1  # the optional step never repeats the read
    emulator.remove()
    events.wait_kind(CardEventKind.REMOVED)
    assert events.kinds() == ["inserted", "read", "removed"]
    assert reader.status().state is DeviceState.READY


def test_card_pulled_after_the_main_read_keeps_the_read(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.inject(Fault.PULL_AFTER_READ, p.READ_TEXT_PHOTO)
    emulator.insert(emu.moved_resident())
    events.wait_kind(CardEventKind.REMOVED)
    assert events.kinds() == ["inserted", "read", "removed"]
    identity = events.wait_kind(CardEventKind.READ).identity
    assert identity is not None
    assert identity.address == PRINTED_ADDRESS  # 30 03 found no card: the card's own address
    assert emulator.count(p.READ_APPENDED_ADDRESS) == 1


def test_appended_address_is_not_asked_of_cards_without_an_address(
    started: tuple[SamSerialCardReader, Recorder], emulator: SamReaderEmulator
) -> None:
    _reader, events = started
    emulator.insert(emu.foreigner_2023())
    assert events.wait_kind(CardEventKind.READ).identity is not None
    assert emulator.count(p.READ_APPENDED_ADDRESS) == 0


def test_appended_address_can_be_switched_off(emulator: SamReaderEmulator) -> None:
    emulator.insert(emu.moved_resident())
    reader = make_reader(emulator.port, read_appended_address=False)
    assert reader.read_identity(WAIT).address == PRINTED_ADDRESS
    assert emulator.count(p.READ_APPENDED_ADDRESS) == 0
