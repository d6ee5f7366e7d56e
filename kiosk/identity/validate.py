"""Document numbers (GB 11643-1999 and relatives) and the one validating ``Identity`` constructor.

Every reader (ID card SAM reader, social security card, keypad entry, simulator) goes through
:func:`identity_from_fields` so that a torn or tampered read can never produce a half-filled
``Identity``: either every field is consistent with the checked document number, or an
:class:`~kiosk.errors.IdentityError` carrying a message key and *safe* parameters (field names,
never the number or name) is raised.

Layouts recognised by :func:`parse_id_number`:

* resident ID (居民身份证): 6-digit address code, 8-digit birth date, 3-digit sequence (odd =
  male, even = female), check character (GB 11643 mod 11-2).
* Hong Kong / Macau / Taiwan residence permits (港澳台居民居住证): same layout and checksum,
  address code exactly 810000 / 820000 / 830000.
* foreigners' permanent residence ID card, 2023 layout: 18 characters starting with ``9``.
  *Assumption* (from the 2023 public notice, not from a standard we hold): ``9`` + 2-digit
  province code of the accepting authority + 3-digit numeric nationality code + 8-digit birth
  date + 3-digit sequence (same parity rule) + a check character computed exactly like GB 11643.
  So a number starting ``91`` is a card issued in province ``1x`` (e.g. 911… = Beijing).
* foreigners' permanent residence card, 2017 layout: 3 letters (nationality) + 12 digits. Its
  check rule is not public to us, so only the format is validated and the result is marked
  ``verified=False``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.errors import IdentityError
from kiosk.identity.model import DocumentType, Identity, IdentitySource, Sex
from kiosk.identity.nations import nation_name

# Province-level codes of GB/T 2260 (first two digits of an address code). Kept as data:
# a change of the administrative map is a one-line edit, not a rule change.
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15",  # 北京 天津 河北 山西 内蒙古
        "21", "22", "23",  # 辽宁 吉林 黑龙江
        "31", "32", "33", "34", "35", "36", "37",  # 上海 … 山东
        "41", "42", "43", "44", "45", "46",  # 河南 … 海南
        "50", "51", "52", "53", "54",  # 重庆 四川 贵州 云南 西藏
        "61", "62", "63", "64", "65",  # 陕西 … 新疆
        "71",  # 台湾 (GB/T 2260 lists it)
    }
)  # fmt: skip

# Residence permits for Hong Kong, Macau and Taiwan residents use these whole address codes.
PERMIT_REGION_CODES: frozenset[str] = frozenset({"810000", "820000", "830000"})

# The standard's own example (440524188001010014) is born in 1880, so "before 1900" would reject
# the specification itself. Numbers cannot predate the 1984 ID system by more than a lifespan,
# so anything before 1850 is certainly a misread; callers may tighten the bound.
DEFAULT_EARLIEST_BIRTH = dt.date(1850, 1, 1)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
_FOREIGNER_2017 = re.compile(r"[A-Z]{3}[0-9]{12}")

Today = Callable[[], dt.date]


def check_character(first17: str) -> str:
    """GB 11643 check character for 17 digits (also used by the 2023 foreigner layout)."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(number: str) -> str:
    """Strip reader padding (spaces, NULs), fold full-width IME input (１２Ｘ) to ASCII, upper-case.

    Only ASCII digits survive validation afterwards: ``str.isdigit``/``\\d`` would also accept
    Arabic-Indic and other Unicode digits, which ``int()`` silently converts.
    """
    return unicodedata.normalize("NFKC", number).strip(" \t\r\n\x00").upper()


@dataclass(frozen=True, slots=True)
class IdNumberInfo:
    """What a document number itself says. ``verified`` is False when no checksum exists."""

    number: str = field(repr=False)  # normalised (upper-case X, no padding); personal data
    document_type: DocumentType
    region_code: str  # 6-digit address code; for foreigners the province code + "0000"
    birth_date: dt.date | None = field(repr=False)
    sex: Sex
    nationality: str = ""  # foreigners: alpha-3 (2017) or numeric code (2023, unverified)
    verified: bool = True


def _problem_and_info(
    number: str, today: dt.date | None, earliest: dt.date
) -> tuple[str | None, IdNumberInfo | None]:
    n = normalize_id_number(number)
    if _FOREIGNER_2017.fullmatch(n):
        return None, IdNumberInfo(
            number=n,
            document_type=DocumentType.FOREIGNER_PERMANENT_2017,
            region_code="",
            birth_date=None,
            sex=Sex.UNKNOWN,
            nationality=n[:3],
            verified=False,
        )
    if not _EIGHTEEN.fullmatch(n):
        return "identity.id_number.format", None
    if check_character(n[:17]) != n[17]:
        return "identity.id_number.checksum", None

    nationality = ""
    if n[0] == "9":
        doc = DocumentType.FOREIGNER_PERMANENT_2023
        province = n[1:3]
        region = province + "0000"
        nationality = n[3:6]
        region_ok = province in PROVINCE_CODES
    elif n[:6] in PERMIT_REGION_CODES:
        doc = DocumentType.HMT_RESIDENCE_PERMIT
        region = n[:6]
        region_ok = True
    else:
        doc = DocumentType.RESIDENT_ID
        region = n[:6]
        region_ok = n[:2] in PROVINCE_CODES
    if not region_ok:
        return "identity.id_number.region", None

    try:
        birth = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return "identity.id_number.birth_date", None
    if birth < earliest or birth > (today or dt.date.today()):
        return "identity.id_number.birth_date", None

    sex = Sex.MALE if int(n[16]) % 2 == 1 else Sex.FEMALE
    info = IdNumberInfo(n, doc, region, birth, sex, nationality=nationality)
    return None, info


def id_number_problem(
    number: str,
    *,
    today: dt.date | None = None,
    earliest_birth: dt.date = DEFAULT_EARLIEST_BIRTH,
) -> str | None:
    """None when ``number`` is a valid document number, else the message key of the first problem.

    Keys: ``identity.id_number.format``, ``.checksum``, ``.region``, ``.birth_date``. The forms
    engine calls this for every ID-number field, so it never raises. ``today`` lets tests (and
    a kiosk with a trusted clock) pin the "not in the future" check.
    """
    return _problem_and_info(number, today, earliest_birth)[0]


def parse_id_number(
    number: str,
    *,
    today: dt.date | None = None,
    earliest_birth: dt.date = DEFAULT_EARLIEST_BIRTH,
) -> IdNumberInfo:
    """Validate and decompose a document number; raises ``IdentityError`` with the problem key."""
    problem, info = _problem_and_info(number, today, earliest_birth)
    if problem is not None or info is None:
        raise IdentityError(problem or "identity.id_number.format", field="id_number")
    return info


# --------------------------------------------------------------------------- Identity building


def _clean(text: str) -> str:
    """Card text blocks are space padded (UTF-16LE) and GBK fields NUL padded."""
    return text.strip(" \t\r\n\x00\u3000")


def _date_field(value: dt.date | str | None, field: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    text = _clean(value)
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{8}", text):
        raise IdentityError("identity.field.date", field=field)
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as err:
        raise IdentityError("identity.field.date", field=field) from err


def _sex_field(value: Sex | str | None) -> Sex:
    if value is None or isinstance(value, Sex):
        return value or Sex.UNKNOWN
    text = _clean(value)
    if not text:
        return Sex.UNKNOWN
    try:
        return Sex(text)
    except ValueError as err:
        raise IdentityError("identity.field.sex", field="sex") from err


def _nation_code_field(value: str | int | None) -> str:
    """Two-digit GB/T 3304 code; social security cards store it as one binary byte."""
    if value is None:
        return ""
    text = f"{value:02d}" if isinstance(value, int) else _clean(value)
    if not text:
        return ""
    if not re.fullmatch(r"[0-9]{1,2}", text):
        raise IdentityError("identity.field.nation", field="nation_code")
    return text.zfill(2)


def identity_from_fields(
    source: IdentitySource,
    id_number: str,
    *,
    name: str = "",
    sex: Sex | str | None = None,
    nation_code: str | int | None = None,
    birth: dt.date | str | None = None,
    address: str = "",
    issuing_authority: str = "",
    valid_from: dt.date | str | None = None,
    valid_until: dt.date | str | None = None,
    card_number: str = "",
    card_generation: str = "",
    english_name: str = "",
    nationality: str = "",
    photo_wlt: bytes = b"",
    document_type: DocumentType | None = None,
    language: str = "zh",
    today: dt.date | None = None,
    earliest_birth: dt.date = DEFAULT_EARLIEST_BIRTH,
) -> Identity:
    """The single validating constructor behind every reader.

    Strips padding, validates the number, cross-checks birth date and sex against it when both
    are known (a mismatch means a torn read or a forged card: ``identity.mismatch`` with the
    field name), derives what the card left out, and fills region code and nation name.
    ``document_type`` is the reader's hint (card flag byte "I"/"Y"); the number decides, and a
    contradicting hint is a mismatch. ``SOCIAL_SECURITY`` as a hint means "whatever the number
    is" because the social security number *is* the ID number; ``source`` records the card.
    ``valid_until`` accepts "长期" (long-term validity).
    """
    info = parse_id_number(id_number, today=today, earliest_birth=earliest_birth)
    if (
        document_type is not None
        and document_type is not DocumentType.SOCIAL_SECURITY
        and document_type is not info.document_type
    ):
        raise IdentityError("identity.mismatch", field="document_type")

    birth_date = _date_field(birth, "birth")
    if birth_date is not None and info.birth_date is not None and birth_date != info.birth_date:
        raise IdentityError("identity.mismatch", field="birth_date")
    the_sex = _sex_field(sex)
    if (
        the_sex in (Sex.MALE, Sex.FEMALE)
        and info.sex in (Sex.MALE, Sex.FEMALE)
        and the_sex is not info.sex
    ):
        raise IdentityError("identity.mismatch", field="sex")
    if the_sex is Sex.UNKNOWN:
        the_sex = info.sex

    long_term = isinstance(valid_until, str) and _clean(valid_until) == "长期"
    until = None if long_term else _date_field(valid_until, "valid_until")
    code = _nation_code_field(nation_code)
    the_nationality = _clean(nationality).upper() or info.nationality

    return Identity(
        source=source,
        document_type=info.document_type,
        id_number=info.number,
        name=_clean(name),
        sex=the_sex,
        nation_code=code,
        nation=nation_name(code, language) if code else "",
        birth_date=birth_date or info.birth_date,
        address=_clean(address),
        issuing_authority=_clean(issuing_authority),
        valid_from=_date_field(valid_from, "valid_from"),
        valid_until=until,
        valid_long_term=long_term,
        region_code=info.region_code,
        card_number=_clean(card_number),
        card_generation=_clean(card_generation),
        english_name=_clean(english_name),
        nationality=the_nationality,
        photo_wlt=photo_wlt,
    )


def manual_identity(id_number: str, *, today: dt.date | None = None) -> Identity:
    """Keypad entry: only the number is known; birth date and sex come from it (weakest trust)."""
    return identity_from_fields(IdentitySource.MANUAL, id_number, today=today)
