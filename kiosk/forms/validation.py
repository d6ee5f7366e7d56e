"""Per-type value rules of the forms engine: shape, limits, choices, ID numbers, phones.

Each check answers with a message key and *safe* parameters (limits and part names, never the
resident's value), because issues travel to the screen, the log and the drafts table. The
expression-level rules (``required_if``, ``constraint``) live in :mod:`kiosk.forms.engine`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.errors import ExpressionError, SafeParam, ValidationError
from kiosk.forms.expr_functions import number_from_text
from kiosk.forms.schema import FieldType, FormField
from kiosk.i18n import LocalText
from kiosk.identity.validate import id_number_problem

IssueParam = SafeParam | LocalText

MAX_TEXT_LENGTH = 2000  # hard cap for any text, even without ``max_length``
MAX_ADDRESS_PART_LENGTH = 200
ADDRESS_PARTS = ("province", "city", "district", "street", "detail")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?")
_PHONE_NOISE = str.maketrans("", "", " ()\u3000")
_ID_KEYS = {  # kiosk.identity.validate keys -> form message keys
    "identity.id_number.format": "form.id_number.invalid_format",
    "identity.id_number.checksum": "form.id_number.invalid_checksum",
    "identity.id_number.region": "form.id_number.invalid_region",
    "identity.id_number.birth_date": "form.id_number.invalid_birth_date",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with one value. ``path`` is ``name`` or ``group[index].name``."""

    path: str
    key: str
    params: Mapping[str, IssueParam] = field(default_factory=dict)


Problem = tuple[str, dict[str, IssueParam]]


def normalize(f: FormField, value: object) -> object:
    """The value expressions see: keypad text of a number field becomes a number."""
    if f.type is FieldType.NUMBER and isinstance(value, str) and value.strip():
        try:
            return number_from_text(value)
        except ExpressionError:
            return value  # left as text; ``check_value`` reports form.number.invalid
    return value


def parse_date_limit(f: FormField, limit: str | None, today: dt.date) -> dt.date | None:
    if limit is None:
        return None
    if limit == "today":
        return today
    try:
        if not _ISO_DATE.fullmatch(limit):
            raise ValueError(limit)
        return dt.date.fromisoformat(limit)
    except ValueError:
        raise ValidationError("form.schema.date_limit", field=f.name) from None


def _expected(kind: str) -> Problem:
    return "form.value.invalid_type", {"expected": kind}


def _text(f: FormField, v: object) -> Problem | None:
    if not isinstance(v, str):
        return _expected("text")
    n = len(v.strip())
    limit = min(f.max_length or MAX_TEXT_LENGTH, MAX_TEXT_LENGTH)
    if n > limit:
        return "form.text.too_long", {"max": limit}
    if f.min_length is not None and n < f.min_length:
        return "form.text.too_short", {"min": f.min_length}
    return None


def _number(f: FormField, v: object) -> Problem | None:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return "form.number.invalid", {}
    if f.min_value is not None and v < f.min_value:
        return "form.number.too_small", {"min": f.min_value}
    if f.max_value is not None and v > f.max_value:
        return "form.number.too_large", {"max": f.max_value}
    return None


def _date(f: FormField, v: object, today: dt.date) -> Problem | None:
    if not isinstance(v, str) or not _ISO_DATE.fullmatch(v):
        return "form.date.invalid", {}
    try:
        d = dt.date.fromisoformat(v)
    except ValueError:
        return "form.date.invalid", {}
    low = parse_date_limit(f, f.min_date, today)
    if low is not None and d < low:
        return "form.date.too_early", {"min": low.isoformat()}
    high = parse_date_limit(f, f.max_date, today)
    if high is not None and d > high:
        return "form.date.too_late", {"max": high.isoformat()}
    return None


def _select_one(v: object, choices: frozenset[str]) -> Problem | None:
    if not isinstance(v, str):
        return _expected("choice")
    return None if v in choices else ("form.choice.unknown", {})


def _select_multiple(v: object, choices: frozenset[str]) -> Problem | None:
    if not isinstance(v, list | tuple) or not all(isinstance(x, str) for x in v):
        return _expected("choices")
    if len(set(v)) != len(v):
        return "form.choice.duplicate", {}
    if not choices.issuperset(v):
        return "form.choice.unknown", {}
    return None


def _id_number(v: object, today: dt.date) -> Problem | None:
    if not isinstance(v, str):
        return _expected("id_number")
    problem = id_number_problem(v, today=today)
    if problem is None:
        return None
    return _ID_KEYS.get(problem, "form.id_number.invalid"), {}


def _phone(v: object) -> Problem | None:
    if not isinstance(v, str):
        return _expected("phone")
    number = v.translate(_PHONE_NOISE)
    if _MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number):
        return None
    return "form.phone.invalid", {}


def _address(v: object) -> Problem | None:
    if not isinstance(v, dict) or not set(v).issubset(ADDRESS_PARTS):
        return _expected("address")
    parts: dict[str, str] = {}
    for part in ADDRESS_PARTS:
        text = v.get(part)
        if text is not None and not isinstance(text, str):
            return _expected("address")
        if text is not None and len(text) > MAX_ADDRESS_PART_LENGTH:
            return "form.address.too_long", {"part": part, "max": MAX_ADDRESS_PART_LENGTH}
        parts[part] = (text or "").strip()
    if not parts["detail"]:
        return "form.address.incomplete", {"missing": "detail"}
    # Parts are picked top-down; a lower part without the one above it is a half-filled picker.
    # All of them may be blank (a card address that does not start with a province is all detail).
    for upper, lower in itertools.pairwise(ADDRESS_PARTS[:4]):
        if parts[lower] and not parts[upper]:
            return "form.address.incomplete", {"missing": upper}
    return None


def _file_refs(f: FormField, v: object) -> Problem | None:
    if not isinstance(v, list | tuple) or not all(isinstance(x, str) for x in v):
        return _expected("attachments")
    if any(not _SHA256.fullmatch(x) for x in v):
        return "form.attachment.invalid", {}
    if f.max_files is not None and len(v) > f.max_files:
        return "form.attachment.too_many", {"max": f.max_files}
    return None


def _signature(v: object) -> Problem | None:
    if not isinstance(v, str) or not _SHA256.fullmatch(v):
        return "form.signature.invalid", {}
    return None


def check_value(
    f: FormField, value: object, choices: frozenset[str], today: dt.date
) -> Problem | None:
    """The first type/limit problem of a non-empty ``value`` of field ``f``, or None."""
    match f.type:
        case FieldType.TEXT:
            return _text(f, value)
        case FieldType.NUMBER:
            return _number(f, value)
        case FieldType.DATE:
            return _date(f, value, today)
        case FieldType.SELECT_ONE:
            return _select_one(value, choices)
        case FieldType.SELECT_MULTIPLE:
            return _select_multiple(value, choices)
        case FieldType.ID_NUMBER:
            return _id_number(value, today)
        case FieldType.PHONE:
            return _phone(value)
        case FieldType.ADDRESS:
            return _address(value)
        case FieldType.YES_NO:
            return None if isinstance(value, bool) else _expected("yes_no")
        case FieldType.SIGNATURE:
            return _signature(value)
        case FieldType.ATTACHMENT:
            return _file_refs(f, value)
        case _:  # note and group hold no value of their own
            return None
