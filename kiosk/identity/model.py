"""The one ``Identity`` type every card reader and the manual entry produce.

Build instances through the constructors in :mod:`kiosk.identity.validate` (they validate the
document number first); an ``Identity`` is never partially filled from a torn read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class IdentitySource(StrEnum):
    ID_CARD = "id_card"  # second-generation resident ID card (GA/T 467 SAM reader)
    SOCIAL_SECURITY_CARD = "social_security_card"  # 社会保障卡 over PC/SC
    MANUAL = "manual"  # number typed on the keypad (weakest trust)
    SIMULATED = "simulated"


class DocumentType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证 (GB 11643 number)
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"  # 港澳台居民居住证 (810000/820000/830000)
    FOREIGNER_PERMANENT_2017 = "foreigner_permanent_2017"  # 外国人永久居留身份证, flag "I"
    FOREIGNER_PERMANENT_2023 = "foreigner_permanent_2023"  # 2023 layout, flag "Y", starts with 9
    SOCIAL_SECURITY = "social_security"  # 社会保障号码 (equals the ID number)


class Sex(StrEnum):
    """GB/T 2261.1 codes."""

    UNKNOWN = "0"
    MALE = "1"
    FEMALE = "2"
    UNSPECIFIED = "9"


@dataclass(frozen=True, slots=True)
class Identity:
    """A resident's identity for one session. Personal data: never log it, wipe it at idle."""

    source: IdentitySource
    document_type: DocumentType
    id_number: str
    name: str = ""
    sex: Sex = Sex.UNKNOWN
    nation_code: str = ""  # GB/T 3304 two digits, "" when unknown
    nation: str = ""  # current name (毛南, 德昂), "" when unknown
    birth_date: dt.date | None = None
    address: str = ""
    issuing_authority: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # None with ``valid_long_term`` = "长期"
    valid_long_term: bool = False
    region_code: str = ""  # first 6 digits (address code / card issuer region)
    card_number: str = ""  # social security card number (卡号), not the ID number
    card_generation: str = ""  # social security card 规范版本: "1.00" / "2.00" / "3.00"
    english_name: str = ""  # foreigners' permanent residence cards
    nationality: str = ""  # ISO 3166 alpha-3 for foreigners' cards
    photo_wlt: bytes = field(default=b"", repr=False)  # vendor-encrypted WLT, kept as bytes
    # The address printed on the card when ``address`` is a newer one the police station
    # appended to the chip (GA/T 467 command 30 03); "" when ``address`` is the card's own.
    card_address: str = ""

    def __repr__(self) -> str:  # never put personal data into logs by accident
        return (
            f"Identity(source={self.source.value}, document_type={self.document_type.value}, "
            f"id_number=<redacted>)"
        )

    __str__ = __repr__
