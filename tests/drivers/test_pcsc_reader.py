"""End-to-end: PcscCardReader against a real pcscd with an emulated card in vpcd."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from drivers.pcsc.reader import PcscCardReader
from drivers.pcsc.scard import PcscServiceError
from kiosk.errors import CardReadError, CardRemovedError, CardUnsupportedError, ReaderOfflineError
from kiosk.identity.model import IdentitySource, Sex
from kiosk.ports.card import CardEventKind
from kiosk.ports.device import DeviceState
from tests.drivers.conftest import PcscEventLog
from tests.emulators.vpcd_card import Holder, VpcdCard
from tests.pcsc_stack import PcscStack

pytestmark = pytest.mark.pcsc

CardFactory = Callable[..., VpcdCard]
ReaderFactory = Callable[..., tuple[PcscCardReader, PcscEventLog]]


def status_is(key: str) -> Callable[..., bool]:
    return lambda event: event.status is not None and event.status.message_key == key


def test_insert_reads_identity_then_remove(
    pcsc_card_factory: CardFactory, pcsc_reader_factory: ReaderFactory
) -> None:
    holder = Holder(
        id_number="370102198511220020", name="刘䶮", sex="2", birth="19851122", generation="2.00"
    )
    card = pcsc_card_factory(holder)
    reader, log = pcsc_reader_factory()
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"))
    assert reader.status().state is DeviceState.READY

    card.insert()
    log.wait_for(CardEventKind.INSERTED)
    identity = log.wait_for(CardEventKind.READ).identity
    assert identity is not None
    assert identity.source is IdentitySource.SOCIAL_SECURITY_CARD
    assert identity.id_number == "370102198511220020"
    assert identity.name == "刘䶮"
    assert identity.sex is Sex.FEMALE
    assert identity.birth_date == dt.date(1985, 11, 22)
    assert identity.card_generation == "2.00"
    assert identity.card_number == "A01234567"
    assert identity.region_code == "370100"

    mark = log.mark()
    card.remove()
    log.wait_for(CardEventKind.REMOVED, after=mark)
    # Never a PIN, end to end as well.
    assert card.applet.apdus
    assert all(apdu[1] != 0x20 for apdu in card.applet.apdus)


def test_long_name_and_second_insertion(
    pcsc_card_factory: CardFactory, pcsc_reader_factory: ReaderFactory
) -> None:
    name = "阿卜杜热合曼·买买提艾力·阿不都热依木"
    card = pcsc_card_factory(Holder(name=name, generation="1.00"))
    _, log = pcsc_reader_factory()
    for _ in range(2):
        mark = log.mark()
        card.insert()
        event = log.wait_for(CardEventKind.READ, after=mark)
        assert event.identity is not None
        assert event.identity.name == name
        assert event.identity.card_generation == "1.00"
        card.remove()
        log.wait_for(CardEventKind.REMOVED, after=mark)


def test_bank_card_is_unsupported(
    pcsc_card_factory: CardFactory, pcsc_reader_factory: ReaderFactory
) -> None:
    card = pcsc_card_factory(bank_card=True)
    _, log = pcsc_reader_factory()
    card.insert()
    error = log.wait_for(CardEventKind.ERROR).error
    assert isinstance(error, CardUnsupportedError)
    assert error.key == "error.card.unsupported"
    assert not any(e.kind is CardEventKind.READ for e in log.events)


def test_card_pulled_mid_read(
    pcsc_card_factory: CardFactory, pcsc_reader_factory: ReaderFactory
) -> None:
    card = pcsc_card_factory(pull_after_ef05=True)
    _, log = pcsc_reader_factory()
    card.insert()
    error = log.wait_for(CardEventKind.ERROR).error
    assert isinstance(error, CardRemovedError)
    log.wait_for(CardEventKind.REMOVED)
    assert card.disconnected.is_set()


def test_reader_selected_by_name_substring(
    pcsc_card_factory: CardFactory, pcsc_reader_factory: ReaderFactory
) -> None:
    card = pcsc_card_factory(port=35964)  # reader "Virtual PCD 00 01"
    _, log = pcsc_reader_factory("PCD 00 01")
    card.insert()
    assert log.wait_for(CardEventKind.READ).identity is not None


def test_read_identity_one_shot(pcsc_card_factory: CardFactory) -> None:
    reader = PcscCardReader("Virtual PCD 00 00")
    card = pcsc_card_factory()
    card.insert()
    identity = reader.read_identity(timeout=10)
    assert identity.name == "张伟"


def test_read_identity_times_out_without_card(pcsc_vpcd: PcscStack) -> None:
    reader = PcscCardReader("Virtual PCD 00 00")
    with pytest.raises(CardReadError) as info:
        reader.read_identity(timeout=0.3)
    assert info.value.key == "error.card.timeout"


def test_read_identity_unknown_reader_is_offline(pcsc_vpcd: PcscStack) -> None:
    with pytest.raises(ReaderOfflineError):
        PcscCardReader("no such reader").read_identity(timeout=1)


def test_service_down_then_recovers(
    pcsc_stack: PcscStack,
    pcsc_card_factory: CardFactory,
    pcsc_reader_factory: ReaderFactory,
) -> None:
    reader, log = pcsc_reader_factory()
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"))

    pcsc_stack.stop()
    down = log.wait_for(CardEventKind.STATUS, where=status_is("device.card.service_down"))
    assert down.status is not None
    assert down.status.state is DeviceState.OFFLINE
    with pytest.raises(PcscServiceError) as info:
        PcscCardReader().read_identity(timeout=1)
    assert info.value.key == "error.card.service_down"

    mark = log.mark()
    pcsc_stack.start()
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"), after=mark)
    card = pcsc_card_factory()
    card.insert()
    assert log.wait_for(CardEventKind.READ, after=mark).identity is not None
    assert reader.status().state is DeviceState.READY


def test_service_not_running_at_start(
    pcsc_stack: PcscStack, pcsc_reader_factory: ReaderFactory
) -> None:
    pcsc_stack.stop()
    reader, log = pcsc_reader_factory()
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.service_down"))
    assert reader.status().message_key == "device.card.service_down"
    pcsc_stack.start()
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"))


def test_no_reader_is_offline_until_one_appears(
    pcsc_stack: PcscStack, pcsc_reader_factory: ReaderFactory
) -> None:
    pcsc_stack.restart(with_vpcd=False)
    reader, log = pcsc_reader_factory()
    offline = log.wait_for(CardEventKind.STATUS, where=status_is("device.card.reader_offline"))
    assert offline.status is not None
    assert offline.status.state is DeviceState.OFFLINE
    assert not reader.status().usable

    mark = log.mark()
    pcsc_stack.restart(with_vpcd=True)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"), after=mark)


def test_stop_is_prompt_and_final(pcsc_vpcd: PcscStack) -> None:
    reader = PcscCardReader(poll_ms=60_000)  # only SCardCancel can end this wait early
    log = PcscEventLog()
    reader.start(log)
    log.wait_for(CardEventKind.STATUS, where=status_is("device.card.ready"))
    reader.stop()
    assert reader.status().message_key == "device.card.stopped"
    mark = log.mark()
    reader.stop()  # idempotent
    assert log.mark() == mark
