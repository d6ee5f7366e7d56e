"""Unit tests of the social security card application against the in-process applet."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from drivers.pcsc import ssc
from kiosk.errors import CardReadError, CardRemovedError, CardUnsupportedError
from kiosk.identity.model import DocumentType, IdentitySource, Sex
from tests.emulators.vpcd_card import CardPulledError, Holder, SscApplet, applet_transmit

TODAY = dt.date(2025, 6, 1)
LONG_NAME = "阿卜杜热合曼·买买提艾力·阿不都热依木"  # 19 characters, 38 GBK bytes


def read(applet: SscApplet):
    return ssc.read_identity(applet_transmit(applet), today=TODAY)


def instructions(applet: SscApplet) -> list[int]:
    return [apdu[1] for apdu in applet.apdus]


def test_reads_identity_with_card_fields() -> None:
    applet = SscApplet(Holder())
    identity = read(applet)
    assert identity.source is IdentitySource.SOCIAL_SECURITY_CARD
    assert identity.document_type is DocumentType.RESIDENT_ID
    assert identity.id_number == "370102199003072310"
    assert identity.name == "张伟"
    assert identity.sex is Sex.MALE
    assert identity.nation_code == "01"
    assert identity.birth_date == dt.date(1990, 3, 7)
    assert identity.card_number == "A01234567"
    assert identity.card_generation == "3.00"
    assert identity.region_code == "370100"  # issuing region from 卡识别码, not the ID number
    assert identity.valid_from == dt.date(2020, 1, 15)
    assert identity.valid_until == dt.date(2030, 1, 15)


def test_t0_select_answers_are_fetched_with_get_response() -> None:
    applet = SscApplet(Holder())
    read(applet)
    # SELECT AID -> 61xx -> GET RESPONSE, same for both EF selections.
    assert instructions(applet)[:2] == [0xA4, 0xC0]
    assert instructions(applet).count(0xC0) == 3
    assert applet.apdus[1] == bytes([0x00, 0xC0, 0x00, 0x00, applet.apdus[1][4]])


def test_select_answering_9000_directly_needs_no_get_response() -> None:
    applet = SscApplet(Holder(), t0_get_response=False)
    assert read(applet).name == "张伟"
    assert 0xC0 not in instructions(applet)


def test_select_apdu_is_exactly_the_specified_bytes() -> None:
    applet = SscApplet(Holder())
    read(applet)
    assert applet.apdus[0].hex().upper() == "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
    selects = [a.hex().upper() for a in applet.apdus if a[1] == 0xA4 and a[2] == 0x02]
    assert selects == ["00A4020002EF05", "00A4020002EF06"]


@pytest.mark.parametrize("generation", ["1.00", "2.00", "3.00"])
def test_card_generation(generation: str) -> None:
    assert read(SscApplet(Holder(generation=generation))).card_generation == generation


def test_wrong_le_is_resent_with_the_length_from_6cxx() -> None:
    # The 4E extension is read with a guessed Le; the card corrects it with 6Cxx.
    applet = SscApplet(Holder(name=LONG_NAME))
    identity = read(applet)
    assert identity.name == LONG_NAME
    reads_4e = [a for a in applet.apdus if a[1] == 0xB2 and a[2] == 0x4E]
    assert len(reads_4e) == 2
    extension = len(LONG_NAME.encode("gb18030")) - 30
    assert reads_4e[1][4] == extension + 2 != reads_4e[0][4]


def test_wrong_le_on_a_fixed_record_also_recovers() -> None:
    holder = Holder(overrides={0x07: b"AB1234567X"})  # 10 bytes instead of 9
    applet = SscApplet(holder)
    assert read(applet).card_number == "AB1234567X"


def test_short_name_has_no_extension_and_padding_is_stripped() -> None:
    holder = Holder(overrides={0x09: "李娜".encode("gbk").ljust(30, b"\x00")})
    assert read(SscApplet(holder)).name == "李娜"


@pytest.mark.parametrize("name", ["刘䶮", "吉𠮷祥"])
def test_rare_characters_decode(name: str) -> None:
    assert read(SscApplet(Holder(name=name))).name == name


def test_name_split_mid_character_still_decodes() -> None:
    raw = LONG_NAME.encode("gbk")
    holder = Holder(overrides={0x09: raw[:29] + b"\x00", 0x4E: raw[29:]})
    assert raw[:29].decode("gbk", errors="replace") != LONG_NAME[:15]  # really split
    assert read(SscApplet(holder)).name == LONG_NAME


def test_undecodable_name_is_unreadable() -> None:
    holder = Holder(overrides={0x09: b"\x81\x20".ljust(30, b"\x00")})
    with pytest.raises(CardReadError):
        read(SscApplet(holder))


def test_bank_card_is_unsupported() -> None:
    applet = SscApplet(Holder(), bank_card=True)
    with pytest.raises(CardUnsupportedError) as info:
        read(applet)
    assert info.value.key == "error.card.unsupported"
    assert len(applet.apdus) == 1


def test_missing_required_tag_is_unreadable() -> None:
    holder = Holder(overrides={0x08: None})
    with pytest.raises(CardReadError) as info:
        read(SscApplet(holder))
    assert type(info.value) is CardReadError
    assert info.value.params == {"missing": 1}


def test_missing_optional_tags_leave_fields_empty() -> None:
    holder = Holder(overrides={0x0A: None, 0x0B: None, 0x0C: None, 0x0D: None, 0x06: None})
    identity = read(SscApplet(holder))
    assert identity.nation_code == ""
    assert identity.valid_until is None
    # Sex and birth date then come from the ID number itself.
    assert identity.sex is Sex.MALE
    assert identity.birth_date == dt.date(1990, 3, 7)


@pytest.mark.parametrize(
    ("tag", "value"),
    [
        (0x0D, bytes.fromhex("1990A307")),
        (0x0C, bytes.fromhex("37F102")),
        (0x05, b"\x20\x20\x13\x45"),
    ],
)
def test_bad_bcd_is_unreadable(tag: int, value: bytes) -> None:
    with pytest.raises(CardReadError):
        read(SscApplet(Holder(overrides={tag: value})))


def test_unwritten_expiry_is_absent_not_an_error() -> None:
    holder = Holder(overrides={0x06: b"\x00\x00\x00\x00"})
    assert read(SscApplet(holder)).valid_until is None


def test_birth_date_contradicting_the_id_number_is_rejected() -> None:
    holder = Holder(birth="19900308")
    with pytest.raises(CardReadError) as info:
        read(SscApplet(holder))
    assert isinstance(info.value.__cause__, Exception)
    assert info.value.params == {"field": "birth_date"}


def test_bad_check_digit_is_rejected() -> None:
    with pytest.raises(CardReadError):
        read(SscApplet(Holder(id_number="370102199003072311")))


def test_holder_from_another_region_with_nation_name() -> None:
    holder = Holder(id_number="650101197806051013", sex="1", birth="19780605", nation=5)
    identity = read(SscApplet(holder))
    assert identity.nation_code == "05"
    assert identity.nation == "维吾尔"


def test_malformed_tlv_answer_is_unreadable() -> None:
    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        if apdu[1] == 0xB2:
            return [0x99, 0x01, 0x00][: apdu[4]], 0x90, 0x00
        return [], 0x90, 0x00

    with pytest.raises(CardReadError):
        ssc.read_identity(transmit)


def test_unexpected_status_word_is_unreadable() -> None:
    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        return [], 0x6F, 0x00

    with pytest.raises(CardReadError) as info:
        ssc.read_identity(transmit)
    assert "6F00" in info.value.detail


def test_endless_61xx_chain_is_bounded() -> None:
    sent: list[list[int]] = []

    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        sent.append(apdu)
        return [0x00], 0x61, 0x01

    with pytest.raises(CardReadError):
        ssc.read_identity(transmit)
    assert len(sent) == 17


def test_card_pulled_mid_read_propagates_the_transport_error() -> None:
    applet = SscApplet(Holder(), pull_after_ef05=True)
    inner = applet_transmit(applet)

    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        try:
            return inner(apdu)
        except CardPulledError as err:
            raise CardRemovedError(detail="link closed") from err

    with pytest.raises(CardRemovedError):
        ssc.read_identity(transmit)
    assert any(a[2] == 0x07 for a in applet.apdus if a[1] == 0xB2)  # EF05 was read fully


# ----------------------------------------------------------------------------- PIN guard


@pytest.mark.parametrize("ins", [0x20, 0x24, 0x2C, 0xD6, 0xDC, 0xE2, 0x84, 0x88])
def test_guard_refuses_everything_but_the_read_only_commands(ins: int) -> None:
    sent: list[list[int]] = []

    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        sent.append(apdu)
        return [], 0x90, 0x00

    channel = ssc.GuardedChannel(transmit)
    with pytest.raises(ssc.ForbiddenCommandError):
        channel.send([0x00, ins, 0x00, 0x00, 0x06, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36])
    assert sent == []


@pytest.mark.parametrize(
    "applet",
    [
        SscApplet(Holder()),
        SscApplet(Holder(name=LONG_NAME, generation="1.00")),
        SscApplet(Holder(), bank_card=True),
        SscApplet(Holder(overrides={0x08: None})),
        SscApplet(Holder(birth="19900308")),
    ],
    ids=["ok", "long-name", "bank", "missing", "mismatch"],
)
def test_no_verify_is_ever_sent(applet: SscApplet) -> None:
    with contextlib.suppress(CardReadError):
        read(applet)
    assert applet.apdus, "the scenario must have talked to the card"
    assert 0x20 not in instructions(applet)
    assert set(instructions(applet)) <= {0xA4, 0xB2, 0xC0}


def test_card_data_repr_hides_personal_data() -> None:
    data = ssc.read_card_data(applet_transmit(SscApplet(Holder())))
    assert "张伟" not in repr(data)
    assert "370102199003072310" not in repr(data)
