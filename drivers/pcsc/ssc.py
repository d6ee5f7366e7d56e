"""The social security card (社会保障卡) application, over any APDU transmit function.

Pure protocol logic, no PC/SC: :func:`read_card_data` talks to the card through a
:data:`Transmit` callable, so the same code runs against pcscd (see :mod:`drivers.pcsc.reader`)
and against an in-process fake in unit tests.

Flow (DOMAIN.md): SELECT the application by name, SELECT EF05 (issuer data) and read its
records by tag, SELECT EF06 (holder data) and read its records, then build an
:class:`~kiosk.identity.model.Identity` through the one validating constructor.

Safety: the kiosk must never present or even ask for the card PIN -- the retry counter is
small and a locked card means a trip to the social security office. :class:`GuardedChannel`
therefore lets through only the three read-only instructions this module needs and refuses
everything else, VERIFY (INS 0x20) above all, before a byte reaches the card.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kiosk.errors import CardReadError, CardUnsupportedError, IdentityError
from kiosk.identity.model import DocumentType, Identity, IdentitySource
from kiosk.identity.validate import identity_from_fields

# (data, sw1, sw2) -- pyscard's convention; the seam below raises KioskErrors, never returns junk.
Transmit = Callable[[list[int]], tuple[list[int], int, int]]

# "sx1.sh." + GBK "社会保障"
SSC_AID: tuple[int, ...] = tuple(bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF"))

INS_SELECT = 0xA4
INS_READ_RECORD = 0xB2
INS_GET_RESPONSE = 0xC0
INS_VERIFY = 0x20
ALLOWED_INS: frozenset[int] = frozenset({INS_SELECT, INS_READ_RECORD, INS_GET_RESPONSE})

EF05 = 0xEF05
EF06 = 0xEF06

# Tag -> expected value length. Le of a read = value length + 2 (tag and length bytes).
EF05_TAGS: Mapping[int, int] = {
    0x01: 16,  # 卡识别码 (first 6 digits = issuing region)
    0x02: 1,  # card category
    0x03: 4,  # 规范版本 "1.00" / "2.00" / "3.00"
    0x04: 12,  # initialising body
    0x05: 4,  # issue date, BCD YYYYMMDD
    0x06: 4,  # expiry date, BCD YYYYMMDD
    0x07: 9,  # 卡号 (ASCII)
}
EF06_TAGS: Mapping[int, int] = {
    0x08: 18,  # 社会保障号码 = ID number (ASCII)
    0x09: 30,  # 姓名 (GBK, space/NUL padded)
    0x4E: 20,  # name extension on later cards; absent on most
    0x0A: 1,  # 性别 (ASCII GB/T 2261.1)
    0x0B: 1,  # 民族 (binary GB/T 3304 code)
    0x0C: 3,  # 出生地 (BCD address code)
    0x0D: 4,  # 出生日期 (BCD YYYYMMDD)
}
REQUIRED_TAGS: frozenset[int] = frozenset({0x01, 0x03, 0x07, 0x08, 0x09})

SW_OK = (0x90, 0x00)
SW1_MORE_DATA = 0x61  # T=0: response waiting, fetch with GET RESPONSE
SW1_WRONG_LE = 0x6C  # resend with the exact Le in SW2
SW_FILE_NOT_FOUND = (0x6A, 0x82)
SW_RECORD_NOT_FOUND = (0x6A, 0x83)

# Names are specified as GBK; GB18030 decodes every GBK byte sequence identically and also the
# rare characters (e.g. 䶮, 𠮷) that some issuers write with GB18030 codes.
NAME_ENCODING = "gb18030"


class ForbiddenCommandError(CardReadError):
    """A command outside the read-only whitelist was about to be sent (a bug, never the card)."""

    default_key = "error.card.forbidden_command"


class GuardedChannel:
    """Wraps a transmit function: whitelist of instructions and T=0 GET RESPONSE.

    Every APDU of a session passes through :meth:`_send_raw`, so the whitelist cannot be
    bypassed by a retry path (6Cxx resend, GET RESPONSE) added later.
    """

    def __init__(self, transmit: Transmit) -> None:
        self._transmit = transmit

    def send(self, apdu: list[int]) -> tuple[bytes, int, int]:
        """Send one APDU; a ``61xx`` answer is followed by GET RESPONSE transparently."""
        data, sw1, sw2 = self._send_raw(apdu)
        chunks = [data]
        # A card may chain several 61xx; bounded so a broken card cannot loop us forever.
        for _ in range(16):
            if sw1 != SW1_MORE_DATA:
                break
            data, sw1, sw2 = self._send_raw([0x00, INS_GET_RESPONSE, 0x00, 0x00, sw2])
            chunks.append(data)
        else:
            raise CardReadError(detail="endless 61xx chain")
        return b"".join(bytes(c) for c in chunks), sw1, sw2

    def _send_raw(self, apdu: list[int]) -> tuple[list[int], int, int]:
        if len(apdu) < 4 or apdu[1] not in ALLOWED_INS:
            ins = apdu[1] if len(apdu) > 1 else -1
            raise ForbiddenCommandError(detail=f"refused INS {ins:#04x}", ins=ins)
        return self._transmit(apdu)


@dataclass(frozen=True, slots=True)
class SscCardData:
    """Everything read from EF05/EF06, decoded. Personal data: never log it."""

    card_id: str  # 卡识别码
    category: str
    generation: str  # 规范版本
    initialising_body: str
    issue_date: dt.date | None
    expiry_date: dt.date | None
    card_number: str  # 卡号
    social_security_number: str
    name: str
    sex: str
    nation_code: int | None
    birthplace: str  # 6-digit address code, "" when absent
    birth_date: dt.date | None

    @property
    def region_code(self) -> str:
        return self.card_id[:6]

    def __repr__(self) -> str:
        return f"SscCardData(generation={self.generation!r}, <personal data redacted>)"


def select_application(channel: GuardedChannel) -> None:
    apdu = [0x00, INS_SELECT, 0x04, 0x00, len(SSC_AID), *SSC_AID]
    _, sw1, sw2 = channel.send(apdu)
    if (sw1, sw2) == SW_FILE_NOT_FOUND:
        # Bank cards, transport cards, anything without the 社会保障 application.
        raise CardUnsupportedError(detail="no social security application")
    _expect_ok(sw1, sw2, "select application")


def select_file(channel: GuardedChannel, fid: int) -> None:
    _, sw1, sw2 = channel.send([0x00, INS_SELECT, 0x02, 0x00, 0x02, fid >> 8, fid & 0xFF])
    if (sw1, sw2) == SW_FILE_NOT_FOUND:
        raise CardUnsupportedError(detail=f"no EF {fid:04X}")
    _expect_ok(sw1, sw2, f"select EF {fid:04X}")


def read_tag(channel: GuardedChannel, tag: int, value_length: int) -> bytes | None:
    """Read one TLV record by tag; None when the card has no such record."""
    le = min(value_length + 2, 0xFF)
    data, sw1, sw2 = channel.send([0x00, INS_READ_RECORD, tag, 0x00, le])
    if sw1 == SW1_WRONG_LE:
        data, sw1, sw2 = channel.send([0x00, INS_READ_RECORD, tag, 0x00, sw2])
    if (sw1, sw2) in (SW_RECORD_NOT_FOUND, SW_FILE_NOT_FOUND):
        return None
    _expect_ok(sw1, sw2, f"read tag {tag:02X}")
    return parse_tlv(data, tag)


def parse_tlv(data: bytes, tag: int) -> bytes:
    """Value of a one-record ``tag len value`` answer; a torn or foreign record is an error."""
    if len(data) < 2 or data[0] != tag or len(data) < 2 + data[1]:
        raise CardReadError(detail=f"malformed TLV for tag {tag:02X}")
    return data[2 : 2 + data[1]]


def _expect_ok(sw1: int, sw2: int, what: str) -> None:
    if (sw1, sw2) != SW_OK:
        raise CardReadError(detail=f"{what}: SW {sw1:02X}{sw2:02X}")


def bcd_digits(value: bytes, tag: int) -> str:
    """Packed BCD to a digit string; a nibble above 9 means a corrupt record."""
    text = value.hex().upper()
    if not text.isdigit():
        raise CardReadError(detail=f"bad BCD in tag {tag:02X}")
    return text


def bcd_date(value: bytes | None, tag: int) -> dt.date | None:
    """4-byte BCD YYYYMMDD; all-zero or all-FF (never written) means absent."""
    if value is None or all(b == 0 for b in value) or all(b == 0xFF for b in value):
        return None
    digits = bcd_digits(value, tag)
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as err:
        raise CardReadError(detail=f"impossible date in tag {tag:02X}") from err


def _ascii(value: bytes | None, tag: int) -> str:
    if value is None:
        return ""
    try:
        return value.decode("ascii").strip(" \x00")
    except UnicodeDecodeError as err:
        raise CardReadError(detail=f"non-ASCII tag {tag:02X}") from err


def decode_name(main: bytes, extension: bytes | None) -> str:
    """Join 姓名 and its 4E extension as *bytes* before decoding.

    Padding is stripped from each part first: GBK trail bytes are 0x40-0xFE, so a trailing 0x20
    or 0x00 is always padding, never half of a character -- and an issuer that split a long
    name mid-character still decodes correctly once the bytes are joined.
    """
    raw = main.rstrip(b" \x00") + (extension or b"").rstrip(b" \x00")
    try:
        return raw.decode(NAME_ENCODING).strip()
    except UnicodeDecodeError as err:
        raise CardReadError(detail="undecodable name") from err


def read_card_data(transmit: Transmit) -> SscCardData:
    """Run the whole read-only session; raises ``CardReadError`` subclasses only."""
    channel = GuardedChannel(transmit)
    select_application(channel)
    values: dict[int, bytes | None] = {}
    for fid, tags in ((EF05, EF05_TAGS), (EF06, EF06_TAGS)):
        select_file(channel, fid)
        for tag, length in tags.items():
            values[tag] = read_tag(channel, tag, length)
    missing = sorted(t for t in REQUIRED_TAGS if not values.get(t))
    if missing:
        raise CardReadError(detail=f"missing tags {missing}", missing=len(missing))

    def req(tag: int) -> bytes:
        value = values[tag]
        assert value is not None  # guaranteed by the REQUIRED_TAGS check
        return value

    nation = values.get(0x0B)
    birthplace = values.get(0x0C)
    return SscCardData(
        card_id=_ascii(req(0x01), 0x01),
        category=_ascii(values.get(0x02), 0x02),
        generation=_ascii(req(0x03), 0x03),
        initialising_body=_ascii(values.get(0x04), 0x04),
        issue_date=bcd_date(values.get(0x05), 0x05),
        expiry_date=bcd_date(values.get(0x06), 0x06),
        card_number=_ascii(req(0x07), 0x07),
        social_security_number=_ascii(req(0x08), 0x08),
        name=decode_name(req(0x09), values.get(0x4E)),
        sex=_ascii(values.get(0x0A), 0x0A),
        nation_code=nation[0] if nation else None,
        birthplace=bcd_digits(birthplace, 0x0C) if birthplace else "",
        birth_date=bcd_date(values.get(0x0D), 0x0D),
    )


def identity_from_card(data: SscCardData, *, today: dt.date | None = None) -> Identity:
    """Validate through :func:`identity_from_fields`; rejection is a card read error.

    Document type: we pass the ``SOCIAL_SECURITY`` hint, which the validator reads as "whatever
    the number is" -- the 社会保障号码 *is* the ID number, so the resulting ``document_type`` is
    what the number says (``RESIDENT_ID`` for residents) and downstream forms can treat it like an
    ID-card read; ``source`` records that it came from the social security card.

    Region code: the validator derives it from the ID number (the holder's birth registration);
    for this card we overwrite it with the *issuing* region from the 卡识别码, which is what
    decides whether a local office can serve the card (Identity documents both meanings).

    Validity dates are the card's issue/expiry dates.
    """
    try:
        identity = identity_from_fields(
            IdentitySource.SOCIAL_SECURITY_CARD,
            data.social_security_number,
            name=data.name,
            sex=data.sex or None,
            nation_code=data.nation_code,
            birth=data.birth_date,
            valid_from=data.issue_date,
            valid_until=data.expiry_date,
            card_number=data.card_number,
            card_generation=data.generation,
            document_type=DocumentType.SOCIAL_SECURITY,
            today=today,
        )
    except IdentityError as err:
        # A checksum or cross-field mismatch on a chip means a torn read or a forged card.
        raise CardReadError(detail=f"identity rejected: {err.key}", **err.params) from err
    if data.region_code.isdigit() and len(data.region_code) == 6:
        identity = dataclasses.replace(identity, region_code=data.region_code)
    return identity


def read_identity(transmit: Transmit, *, today: dt.date | None = None) -> Identity:
    """Read and validate a social security card (never presents a PIN)."""
    return identity_from_card(read_card_data(transmit), today=today)
