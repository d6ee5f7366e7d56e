"""The 256-byte text block of a GA/T 467 read, its card layouts, and the read replies around it
(30 01 / 30 10, and the newest appended address of 30 03).

One table per card layout keeps every offset in one place: a layout that turns out to differ on
real cards is corrected here and nowhere else. Sources of the layouts:

* resident ID card: GA/T 467 / DOMAIN.md.
* foreigner's permanent residence ID card, 2017 ("I" at byte 248): the national immigration
  administration's machine-readable item table as republished by reader vendors (2017-07) and
  the same offsets in public vendor SDK headers — two independent public sources.
* foreigner's permanent residence ID card, 2023 ("Y"): one public vendor SDK header only
  (unverified against the official 2023 rules).
* Hong Kong/Macau/Taiwan residence permit: recognised by the number's address code
  810000/820000/830000; the extra fields (pass number 220/18, issue count 238/4) and the flag
  letter "J" come from public vendor SDK headers (unverified).

Decoding never yields a partial identity: every text field must be valid UTF-16LE, and the
identity is built by :func:`kiosk.identity.validate.identity_from_fields`, whose
``IdentityError`` (wrong check digit, torn read) is re-raised as :class:`CardDataError` so the
reader's error events stay :class:`~kiosk.errors.CardReadError` subclasses with the validator's
own message key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from drivers.idcard.protocol import FrameLengthError
from kiosk.errors import CardReadError, CardUnsupportedError, IdentityError
from kiosk.identity.model import DocumentType, Identity, IdentitySource
from kiosk.identity.validate import identity_from_fields

TEXT_SIZE: Final = 256
PHOTO_SIZE: Final = 1024
FINGERPRINT_SIZE: Final = 1024
FLAG_OFFSET: Final = 248

Layout = Mapping[str, tuple[int, int]]  # field -> (byte offset, byte length)

RESIDENT_LAYOUT: Final[Layout] = MappingProxyType(
    {
        "name": (0, 30),
        "sex": (30, 2),
        "nation": (32, 4),
        "birth": (36, 16),
        "address": (52, 70),
        "id_number": (122, 36),
        "issuing_authority": (158, 30),
        "valid_from": (188, 16),
        "valid_until": (204, 16),
        "reserved": (220, 36),
    }
)

# Same offsets as the resident card for the shared fields; the reserved area carries the
# permit's own items (unverified, see the module docstring).
HMT_PERMIT_LAYOUT: Final[Layout] = MappingProxyType(
    {
        **{k: v for k, v in RESIDENT_LAYOUT.items() if k != "reserved"},
        "pass_number": (220, 18),
        "issue_count": (238, 4),
        "type_flag": (248, 2),
    }
)

FOREIGNER_2017_LAYOUT: Final[Layout] = MappingProxyType(
    {
        "english_name": (0, 120),
        "sex": (120, 2),
        "id_number": (122, 30),  # 15 characters: 3 letters + 12 digits
        "nationality": (152, 6),  # GB/T 2659 alpha-3
        "name": (158, 30),  # Chinese name
        "valid_from": (188, 16),
        "valid_until": (204, 16),
        "birth": (220, 16),
        "card_version": (236, 4),
        "issuing_authority": (240, 8),  # code of the accepting authority, not a name
        "type_flag": (248, 2),  # "I"
        "reserved": (250, 6),
    }
)

FOREIGNER_2023_LAYOUT: Final[Layout] = MappingProxyType(
    {
        "name": (0, 30),  # Chinese name
        "sex": (30, 2),
        "renewal_count": (32, 4),
        "birth": (36, 16),
        "english_name": (52, 70),  # characters 1-35
        "id_number": (122, 36),  # 18 characters starting with 9
        "reserved": (158, 30),
        "valid_from": (188, 16),
        "valid_until": (204, 16),
        "english_name_ext": (220, 22),  # characters 36-46
        "nationality": (242, 6),
        "type_flag": (248, 2),  # "Y"
        "previous_number_link": (250, 6),
    }
)

HMT_REGION_CODES: Final = frozenset({"810000", "820000", "830000"})

_FLAG_LAYOUTS: Final[Mapping[str, tuple[DocumentType, Layout]]] = MappingProxyType(
    {
        "I": (DocumentType.FOREIGNER_PERMANENT_2017, FOREIGNER_2017_LAYOUT),
        "Y": (DocumentType.FOREIGNER_PERMANENT_2023, FOREIGNER_2023_LAYOUT),
        "J": (DocumentType.HMT_RESIDENCE_PERMIT, HMT_PERMIT_LAYOUT),
    }
)

_PADDING = " \x00\u3000"


class CardDataError(CardReadError):
    """The card answered, but its data does not form a valid identity (wrong check digit,
    impossible date, garbled text). Carries the validator's message key."""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Decoded, unpadded text fields of one card plus the layout they came from."""

    document_type: DocumentType
    fields: Mapping[str, str]


def _decode(block: bytes, offset: int, size: int, field: str) -> str:
    try:
        return block[offset : offset + size].decode("utf-16-le").strip(_PADDING)
    except UnicodeDecodeError as err:
        raise CardDataError(detail="text field is not UTF-16LE", field=field) from err


def type_flag(block: bytes) -> str:
    """The card type letter at byte 248 ("" for a resident ID card)."""
    return _decode(block, FLAG_OFFSET, 2, "type_flag")


def decode_text_block(block: bytes) -> TextBlock:
    """Split the 256-byte block into fields according to the card type it announces."""
    if len(block) != TEXT_SIZE:
        raise FrameLengthError(detail=f"text block of {len(block)} bytes", reason="text_length")
    flag = type_flag(block)
    if flag in _FLAG_LAYOUTS:
        document_type, layout = _FLAG_LAYOUTS[flag]
    elif flag:
        # A card type we do not know: refuse rather than guess at offsets.
        raise CardUnsupportedError(detail="unknown card type flag", flag=flag[:1])
    else:
        document_type, layout = DocumentType.RESIDENT_ID, RESIDENT_LAYOUT
    fields = {name: _decode(block, off, size, name) for name, (off, size) in layout.items()}
    if document_type is DocumentType.RESIDENT_ID and fields["id_number"][:6] in HMT_REGION_CODES:
        document_type = DocumentType.HMT_RESIDENCE_PERMIT
        fields = {
            name: _decode(block, off, size, name) for name, (off, size) in HMT_PERMIT_LAYOUT.items()
        }
    return TextBlock(document_type, MappingProxyType(fields))


def layout_for(document_type: DocumentType) -> Layout:
    for doc, layout in _FLAG_LAYOUTS.values():
        if doc is document_type:
            return layout
    return RESIDENT_LAYOUT


def encode_text_block(document_type: DocumentType, fields: Mapping[str, str]) -> bytes:
    """Inverse of :func:`decode_text_block` (emulator, simulator, benchmark): space-padded
    UTF-16LE, the type flag set from ``document_type`` unless ``fields`` gives one."""
    layout = layout_for(document_type)
    block = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    values = dict(fields)
    if "type_flag" in layout and "type_flag" not in values:
        flag = next(f for f, (doc, _) in _FLAG_LAYOUTS.items() if doc is document_type)
        values["type_flag"] = flag
    for name, value in values.items():
        if name not in layout:
            raise KeyError(f"field {name!r} is not in the {document_type.value} layout")
        off, size = layout[name]
        raw = value.encode("utf-16-le")
        if len(raw) > size:
            raise ValueError(f"field {name!r} longer than {size} bytes")
        block[off : off + len(raw)] = raw
    return bytes(block)


def identity_from_text_block(
    block: bytes,
    *,
    photo_wlt: bytes = b"",
    source: IdentitySource = IdentitySource.ID_CARD,
) -> Identity:
    """Decode and validate; raises :class:`CardDataError` / ``CardUnsupportedError``."""
    text = decode_text_block(block)
    f = text.fields
    english = f.get("english_name", "") + f.get("english_name_ext", "")
    try:
        return identity_from_fields(
            source,
            f["id_number"],
            name=f["name"],
            sex=f["sex"],
            nation_code=f.get("nation") or None,
            birth=f["birth"],
            address=f.get("address", ""),
            issuing_authority=f.get("issuing_authority", ""),
            valid_from=f["valid_from"],
            valid_until=f["valid_until"],
            english_name=" ".join(english.split()),
            nationality=f.get("nationality", ""),
            photo_wlt=photo_wlt,
            document_type=text.document_type,
        )
    except IdentityError as err:
        raise CardDataError(err.key, detail=err.detail, **err.params) from err


# --------------------------------------------------------------------------- read replies


@dataclass(frozen=True, slots=True)
class ReadReply:
    text: bytes
    photo: bytes
    fingerprint: bytes | None = None


def parse_read_reply(data: bytes, *, with_fingerprint: bool = False) -> ReadReply:
    """Split the data of a 30 01 (or 30 10 with ``with_fingerprint``) reply.

    The lengths are checked against the data actually received, so a reply that lies about its
    parts is a :class:`FrameLengthError`, never a short slice.
    """
    heads = 3 if with_fingerprint else 2
    if len(data) < 2 * heads:
        raise FrameLengthError(detail="read reply without length heads", reason="read_reply")
    lengths = [int.from_bytes(data[2 * i : 2 * i + 2], "big") for i in range(heads)]
    if lengths[0] != TEXT_SIZE or 2 * heads + sum(lengths) != len(data):
        raise FrameLengthError(detail=f"read reply lengths {lengths}", reason="read_reply")
    at = 2 * heads
    text = data[at : at + lengths[0]]
    at += lengths[0]
    photo = data[at : at + lengths[1]]
    at += lengths[1]
    fingerprint = data[at : at + lengths[2]] if with_fingerprint else None
    return ReadReply(text, photo, fingerprint)


def build_read_reply(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """Data part of a read reply (emulator, benchmark)."""
    parts = [text, photo] if fingerprint is None else [text, photo, fingerprint]
    heads = b"".join(len(p).to_bytes(2, "big") for p in parts)
    return heads + b"".join(parts)


def identity_from_read_reply(
    data: bytes,
    *,
    with_fingerprint: bool = False,
    source: IdentitySource = IdentitySource.ID_CARD,
) -> Identity:
    """30 01 / 30 10 reply data to a validated identity. The fingerprint block is biometric
    data the kiosk has no use for: it is dropped here, never stored."""
    reply = parse_read_reply(data, with_fingerprint=with_fingerprint)
    return identity_from_text_block(reply.text, photo_wlt=reply.photo, source=source)


# --------------------------------------------------------------------------- appended address

# Reply data of 30 03 (read newest appended address). (unverified: 70-byte UTF-16LE address,
# same encoding as the text block) -- the same size and padding as the text block's address
# field. This constant and the function below are the only place that knows the format.
APPENDED_ADDRESS_SIZE: Final = RESIDENT_LAYOUT["address"][1]


def decode_appended_address(data: bytes) -> str:
    """The address in a 30 03 reply, unpadded; "" when the reply holds only padding.

    A reply of any other size is a :class:`FrameLengthError` and one that is not UTF-16LE a
    :class:`CardDataError`: the format is unverified, so anything else is refused, not guessed.
    """
    if len(data) != APPENDED_ADDRESS_SIZE:
        raise FrameLengthError(
            detail=f"appended address of {len(data)} bytes", reason="appended_address"
        )
    return _decode(data, 0, APPENDED_ADDRESS_SIZE, "appended_address")
