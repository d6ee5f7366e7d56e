"""``SimulatedCardReader``: fixtures, insert/remove on command, every fault switch."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.simulated.card import SimulatedCardReader, load_identities
from kiosk.errors import CardReadError, CardRemovedError, ConfigError, ReaderOfflineError
from kiosk.identity.model import DocumentType, IdentitySource
from kiosk.identity.validate import check_character
from kiosk.ports.card import CardEvent
from kiosk.ports.device import DeviceState
from tests.drivers.recorder import WAIT, Recorder


@pytest.fixture
def reader() -> Iterator[tuple[SimulatedCardReader, Recorder]]:
    simulated = SimulatedCardReader.from_fixtures()
    events = Recorder()
    simulated.start(events)
    events.wait_status(DeviceState.READY)
    yield simulated, events
    simulated.stop()


def test_shipped_fixtures_are_valid_and_cover_the_required_residents() -> None:
    identities = load_identities()
    assert len(identities) >= 6
    born_1940s = [
        i for i in identities.values() if i.birth_date and 1940 <= i.birth_date.year < 1950
    ]
    assert len(born_1940s) >= 2
    types = {i.document_type for i in identities.values()}
    assert DocumentType.HMT_RESIDENCE_PERMIT in types
    assert DocumentType.FOREIGNER_PERMANENT_2023 in types
    assert identities["hong_kong_permit"].id_number.startswith("810000")
    assert all(i.source is IdentitySource.SIMULATED for i in identities.values())
    for identity in identities.values():  # the fixture numbers really carry their check digit
        assert check_character(identity.id_number[:17]) == identity.id_number[17]


def test_insert_read_remove_by_key(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, events = reader
    expected = simulated.insert("elderly_1942")
    read = events.wait_kinds("inserted", "read")[1]
    assert read.identity == expected
    assert read.identity is not None
    assert read.identity.birth_date == dt.date(1942, 8, 15)
    assert read.identity.valid_long_term
    simulated.remove()
    events.wait_kinds("inserted", "read", "removed")


def test_moved_resident_reads_with_the_newest_appended_address(
    reader: tuple[SimulatedCardReader, Recorder],
) -> None:
    simulated, events = reader
    simulated.insert("moved_resident")
    read = events.wait_kinds("inserted", "read")[1]
    assert read.identity is not None
    assert read.identity.address == "山东省济南市槐荫区经十路22799号银座中心5号楼1802室"
    assert read.identity.card_address == "山东省济南市历城区洪楼西路29号"


def test_fixture_appended_address_is_optional_and_ignored_when_it_changes_nothing(
    tmp_path: Path,
) -> None:
    base = {"document_type": "resident_id", "id_number": "370102198503121233"}
    path = tmp_path / "ids.json"
    path.write_text(
        json.dumps(
            {
                "identities": [
                    {**base, "key": "plain", "address": "甲"},
                    {**base, "key": "same", "address": "甲", "appended_address": "甲"},
                    {**base, "key": "blank", "address": "甲", "appended_address": " "},
                    {**base, "key": "moved", "address": "甲", "appended_address": "乙"},
                ]
            }
        ),
        encoding="utf-8",
    )
    got = {k: (i.address, i.card_address) for k, i in load_identities(path).items()}
    assert got == {
        "plain": ("甲", ""),
        "same": ("甲", ""),
        "blank": ("甲", ""),
        "moved": ("乙", "甲"),
    }


def test_insert_by_index(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, events = reader
    simulated.insert(0)
    read = events.wait_kinds("inserted", "read")[1]
    assert read.identity is not None
    assert read.identity.id_number == "370102198503121233"


def test_unknown_key_is_refused(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, _events = reader
    with pytest.raises(KeyError):
        simulated.insert("nobody")


def test_unreadable_card_reports_error_and_stays_until_removed(
    reader: tuple[SimulatedCardReader, Recorder],
) -> None:
    simulated, events = reader
    simulated.faults.unreadable = True
    simulated.insert("han_resident")
    error = events.wait_kinds("inserted", "error")[1].error
    assert type(error) is CardReadError
    assert error.key == "error.card.unreadable"
    simulated.remove()
    events.wait_kinds("inserted", "error", "removed")


def test_removed_mid_read(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, events = reader
    simulated.faults.removed_mid_read = True
    simulated.insert("hui_resident")
    error = events.wait_kinds("inserted", "error", "removed")[1].error
    assert isinstance(error, CardRemovedError)
    simulated.remove()  # nothing left to remove: no second REMOVED
    simulated.faults.removed_mid_read = False
    simulated.insert("young_resident")
    events.wait_kinds("inserted", "error", "removed", "inserted", "read")


def test_slow_read_cut_short_by_removal(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, events = reader
    simulated.faults.read_delay = 60.0  # never elapses: only the removal ends it
    simulated.insert("macau_permit")
    events.wait_kinds("inserted")
    simulated.remove()
    error = events.wait_kinds("inserted", "error", "removed")[1].error
    assert isinstance(error, CardRemovedError)


def test_slow_read_completes(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, events = reader
    simulated.faults.read_delay = 0.01
    simulated.insert("foreigner_2023")
    read = events.wait_kinds("inserted", "read")[1]
    assert read.identity is not None
    assert read.identity.english_name == "MONTGOMERY-WILLIAMSON ALEXANDRA CATHERINE"


def test_offline_reader_reads_nothing_until_reconnected(
    reader: tuple[SimulatedCardReader, Recorder],
) -> None:
    simulated, events = reader
    simulated.set_offline(True)
    events.wait_status(DeviceState.OFFLINE)
    assert simulated.status().message_key == "device.card_reader.port_unavailable"
    with pytest.raises(ReaderOfflineError):
        simulated.read_identity(0.01)
    simulated.insert("han_resident")
    simulated.set_offline(False)
    read = events.wait_kinds("inserted", "read")[1]
    assert read.identity is not None
    assert simulated.status().state is DeviceState.READY


def test_read_identity_while_running(reader: tuple[SimulatedCardReader, Recorder]) -> None:
    simulated, _events = reader
    results: list[str] = []
    registered = threading.Event()

    class SpyList(list[Callable[[CardEvent], None]]):
        def append(self, waiter: Callable[[CardEvent], None]) -> None:
            super().append(waiter)
            registered.set()

    simulated._events._waiters = SpyList()
    worker = threading.Thread(target=lambda: results.append(simulated.read_identity(WAIT).name))
    worker.start()
    assert registered.wait(WAIT)
    simulated.insert("elderly_1947")
    worker.join(WAIT)
    assert results == ["赵桂英"]


def test_read_identity_one_shot_without_thread() -> None:
    simulated = SimulatedCardReader.from_fixtures()
    with pytest.raises(CardReadError) as info:
        simulated.read_identity(0.01)
    assert info.value.key == "error.card.timeout"
    simulated.insert("hong_kong_permit")
    assert simulated.read_identity(WAIT).document_type is DocumentType.HMT_RESIDENCE_PERMIT
    simulated.faults.unreadable = True
    with pytest.raises(CardReadError):
        simulated.read_identity(WAIT)


def test_card_inserted_before_start_is_read_on_start() -> None:
    simulated = SimulatedCardReader.from_fixtures()
    simulated.insert("han_resident")
    events = Recorder()
    simulated.start(events)
    try:
        events.wait_kinds("inserted", "read")
    finally:
        simulated.stop()


def test_bad_fixture_file_stops_start_up(tmp_path: Path) -> None:
    bad = tmp_path / "ids.json"
    bad.write_text(
        json.dumps(
            {
                "identities": [
                    {"key": "x", "document_type": "resident_id", "id_number": "370102198503121234"}
                ]
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_identities(bad)
    assert info.value.params == {"field": "card_reader.identities_file"}
    with pytest.raises(ConfigError):
        load_identities(tmp_path / "missing.json")


def test_stop_joins_the_worker() -> None:
    simulated = SimulatedCardReader.from_fixtures()
    simulated.start(Recorder())
    simulated.stop()
    assert not any(t.name == "simulated-card" for t in threading.enumerate())
    simulated.stop()


def test_stop_cuts_a_slow_read_short() -> None:
    """A technician's "slow read" switch must not make shut-down wait for it (or leak the
    worker thread when the read outlasts stop's join)."""
    simulated = SimulatedCardReader.from_fixtures()
    events = Recorder()
    simulated.faults.read_delay = 60.0
    simulated.start(events)
    simulated.insert(0)
    events.wait_kinds("inserted")
    stopper = threading.Thread(target=simulated.stop, daemon=True)
    stopper.start()
    stopper.join(5.0)
    assert not stopper.is_alive(), "stop() waited for the slow read"
    assert not any(t.name == "simulated-card" for t in threading.enumerate())
    assert events.kinds() == ["inserted"]  # nothing after stop
