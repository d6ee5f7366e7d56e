"""Text block decoding for every card type, read replies and the WLT photo plug-in point."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from drivers.idcard import protocol as p
from drivers.idcard.photo import PhotoDecoder, decode_photo, load_photo_decoder
from drivers.idcard.textblock import (
    FOREIGNER_2017_LAYOUT,
    FOREIGNER_2023_LAYOUT,
    HMT_PERMIT_LAYOUT,
    RESIDENT_LAYOUT,
    CardDataError,
    build_read_reply,
    decode_appended_address,
    decode_text_block,
    encode_text_block,
    identity_from_read_reply,
    identity_from_text_block,
    parse_read_reply,
)
from kiosk.errors import CardReadError, CardUnsupportedError, ConfigError, IdentityError
from kiosk.identity.model import DocumentType, IdentitySource, Sex
from tests.emulators import sam_reader_emulator as emu


def test_han_resident_every_field() -> None:
    card = emu.han_resident()
    identity = identity_from_text_block(card.text, photo_wlt=card.photo)
    assert identity.source is IdentitySource.ID_CARD
    assert identity.document_type is DocumentType.RESIDENT_ID
    assert identity.id_number == "370102198503121233"
    assert identity.name == "张伟明"
    assert identity.sex is Sex.MALE
    assert (identity.nation_code, identity.nation) == ("01", "汉")
    assert identity.birth_date == dt.date(1985, 3, 12)
    assert identity.address == "山东省济南市历下区泉城路188号3号楼2单元501室"
    assert identity.issuing_authority == "济南市公安局历下分局"
    assert identity.valid_from == dt.date(2015, 6, 1)
    assert identity.valid_until == dt.date(2035, 6, 1)
    assert identity.valid_long_term is False
    assert identity.region_code == "370102"
    assert identity.photo_wlt == card.photo


def test_elderly_resident_born_1938_with_long_term_validity() -> None:
    identity = identity_from_text_block(emu.elderly_1938().text)
    assert identity.birth_date == dt.date(1938, 5, 6)
    assert identity.sex is Sex.FEMALE
    assert identity.id_number.endswith("X")
    assert identity.valid_long_term is True
    assert identity.valid_until is None
    assert identity.valid_from == dt.date(2006, 3, 15)


def test_minority_nation_uses_the_current_name() -> None:
    identity = identity_from_text_block(emu.minority_hui().text)
    assert (identity.nation_code, identity.nation) == ("03", "回")


def test_hong_kong_permit_by_flag_and_address_code() -> None:
    card = emu.hong_kong_permit()
    decoded = decode_text_block(card.text)
    assert decoded.document_type is DocumentType.HMT_RESIDENCE_PERMIT
    assert decoded.fields["pass_number"] == "H60123456"
    assert decoded.fields["issue_count"] == "01"
    identity = identity_from_text_block(card.text)
    assert identity.document_type is DocumentType.HMT_RESIDENCE_PERMIT
    assert identity.region_code == "810000"
    assert identity.nation_code == ""  # permits carry no nation


def test_hong_kong_permit_recognised_by_address_code_without_flag() -> None:
    block = bytearray(emu.hong_kong_permit().text)
    block[248:250] = " ".encode("utf-16-le")
    decoded = decode_text_block(bytes(block))
    assert decoded.document_type is DocumentType.HMT_RESIDENCE_PERMIT
    assert decoded.fields["pass_number"] == "H60123456"


def test_foreigner_2017_layout() -> None:
    identity = identity_from_text_block(emu.foreigner_2017().text)
    assert identity.document_type is DocumentType.FOREIGNER_PERMANENT_2017
    assert identity.id_number == "USA370075060123"
    assert identity.english_name == "SMITH, JOHN ROBERT"
    assert identity.name == "史密斯"
    assert identity.nationality == "USA"
    assert identity.sex is Sex.MALE
    assert identity.birth_date == dt.date(1975, 6, 1)
    assert identity.valid_from == dt.date(2018, 5, 1)
    assert identity.valid_until == dt.date(2028, 5, 1)
    assert identity.issuing_authority == "3701"  # accepting authority code


def test_foreigner_2023_layout_joins_the_long_english_name() -> None:
    identity = identity_from_text_block(emu.foreigner_2023().text)
    assert identity.document_type is DocumentType.FOREIGNER_PERMANENT_2023
    assert identity.id_number == "937840198009170029"
    assert identity.english_name == emu.LONG_ENGLISH_NAME
    assert identity.name == "蒙哥马利"
    assert identity.nationality == "USA"
    assert identity.sex is Sex.FEMALE
    assert identity.birth_date == dt.date(1980, 9, 17)
    assert identity.valid_until == dt.date(2033, 12, 1)


def test_wrong_check_digit_is_a_card_read_error_never_an_identity() -> None:
    with pytest.raises(CardDataError) as info:
        identity_from_text_block(emu.wrong_check_digit().text)
    assert isinstance(info.value, CardReadError)
    assert info.value.key == "identity.id_number.checksum"
    assert isinstance(info.value.__cause__, IdentityError)
    assert "370102" not in str(info.value.params)  # no personal data in safe params


def test_flag_contradicting_the_number_is_rejected() -> None:
    block = bytearray(emu.han_resident().text)
    block[248:250] = "J".encode("utf-16-le")  # permit flag on a resident number
    with pytest.raises(CardDataError) as info:
        identity_from_text_block(bytes(block))
    assert info.value.key == "identity.mismatch"


def test_unknown_type_flag_is_unsupported() -> None:
    block = bytearray(emu.han_resident().text)
    block[248:250] = "Z".encode("utf-16-le")
    with pytest.raises(CardUnsupportedError):
        decode_text_block(bytes(block))


def test_garbled_utf16_is_rejected() -> None:
    block = bytearray(emu.han_resident().text)
    block[0:2] = b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(CardDataError):
        decode_text_block(bytes(block))


def test_text_block_must_be_256_bytes() -> None:
    with pytest.raises(p.FrameLengthError):
        decode_text_block(emu.han_resident().text[:200])


@pytest.mark.parametrize(
    ("card", "document_type"),
    [
        (emu.han_resident, DocumentType.RESIDENT_ID),
        (emu.hong_kong_permit, DocumentType.HMT_RESIDENCE_PERMIT),
        (emu.foreigner_2017, DocumentType.FOREIGNER_PERMANENT_2017),
        (emu.foreigner_2023, DocumentType.FOREIGNER_PERMANENT_2023),
    ],
)
def test_driver_encoder_matches_the_independent_emulator_encoder(
    card: emu.EmulatedCard, document_type: DocumentType
) -> None:
    """The emulator writes blocks from its own offsets; the driver's tables must agree."""
    text = card().text  # type: ignore[operator]
    decoded = decode_text_block(text)
    assert decoded.document_type is document_type
    fields = {k: v for k, v in decoded.fields.items() if v}
    assert encode_text_block(document_type, fields) == text


def test_layout_tables_tile_the_block_without_overlap() -> None:
    for layout in (
        RESIDENT_LAYOUT,
        HMT_PERMIT_LAYOUT,
        FOREIGNER_2017_LAYOUT,
        FOREIGNER_2023_LAYOUT,
    ):
        spans = sorted(layout.values())
        for (a, alen), (b, _) in itertools.pairwise(spans):
            assert a + alen <= b
        last, last_len = spans[-1]
        assert last + last_len <= 256
    for layout in (FOREIGNER_2017_LAYOUT, FOREIGNER_2023_LAYOUT):
        assert sum(size for _, size in layout.values()) == 256


def test_read_reply_30_01_is_1295_bytes_on_the_wire() -> None:
    card = emu.han_resident()
    data = build_read_reply(card.text, card.photo)
    assert len(p.build_response(0x90, data)) == 1295
    reply = parse_read_reply(data)
    assert (reply.text, reply.photo, reply.fingerprint) == (card.text, card.photo, None)
    assert identity_from_read_reply(data).photo_wlt == card.photo


def test_read_reply_30_10_carries_and_drops_the_fingerprint() -> None:
    card = emu.minority_hui()
    data = build_read_reply(card.text, card.photo, card.fingerprint)
    assert len(p.build_response(0x90, data)) == 2321
    reply = parse_read_reply(data, with_fingerprint=True)
    assert reply.fingerprint == card.fingerprint
    assert identity_from_read_reply(data, with_fingerprint=True).nation == "回"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff\x04\x01" + bytes(1280),  # text length must be 256
        b"\x01\x00\x04\x00" + bytes(100),  # shorter than announced
        build_read_reply(bytes(256), bytes(1024)) + b"\x00",  # longer than announced
    ],
)
def test_read_reply_lengths_must_add_up(data: bytes) -> None:
    with pytest.raises(p.FrameLengthError):
        parse_read_reply(data)


# -- 30 03 appended address (format unverified) --------------------------------------------


def test_appended_address_decodes_the_emulator_encoding() -> None:
    data = emu.appended_address_reply(emu.MOVED_ADDRESS)
    assert len(data) == 70
    assert decode_appended_address(data) == emu.MOVED_ADDRESS


def test_appended_address_of_padding_only_is_empty() -> None:
    assert decode_appended_address(emu.appended_address_reply("")) == ""


@pytest.mark.parametrize("size", [0, 68, 72, 256])
def test_appended_address_of_another_size_is_refused(size: int) -> None:
    with pytest.raises(p.FrameLengthError):
        decode_appended_address(emu.appended_address_reply("")[:size].ljust(size, b" "))


def test_garbled_appended_address_is_refused() -> None:
    data = b"\x00\xd8" + emu.appended_address_reply("")[2:]  # a lone high surrogate
    with pytest.raises(CardDataError):
        decode_appended_address(data)


class FakeDecoder:
    """A stand-in for a licensed vendor library."""

    def decode(self, wlt: bytes) -> bytes:
        return b"BM" + len(wlt).to_bytes(4, "little")


class BrokenDecoder:
    def decode(self, wlt: bytes) -> bytes:
        raise RuntimeError("vendor library crashed")


fake_decoder = FakeDecoder()


def test_no_photo_decoder_by_default() -> None:
    assert load_photo_decoder(None) is None
    assert load_photo_decoder("") is None
    assert decode_photo(None, bytes(1024)) is None


@pytest.mark.parametrize(
    "path",
    [
        "tests.drivers.test_sam_textblock:FakeDecoder",
        "tests.drivers.test_sam_textblock.fake_decoder",
    ],
)
def test_photo_decoder_by_dotted_path(path: str) -> None:
    decoder = load_photo_decoder(path)
    assert isinstance(decoder, PhotoDecoder)
    assert decode_photo(decoder, bytes(1024)) == b"BM\x00\x04\x00\x00"


@pytest.mark.parametrize(
    "path", ["no_such_module_xyz:Decoder", "tests.drivers.test_sam_textblock:Missing", "json:dumps"]
)
def test_bad_photo_decoder_path_is_a_config_error(path: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_photo_decoder(path)
    assert info.value.params == {"field": "idcard.photo_decoder"}


def test_failing_decoder_costs_the_photo_not_the_read() -> None:
    assert decode_photo(BrokenDecoder(), bytes(1024)) is None
