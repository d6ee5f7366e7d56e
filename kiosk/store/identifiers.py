"""Identifiers the store hands out: resident keys, tracking numbers, idempotency keys.

Tracking number (受理编号 on the receipt), e.g. ``LX03-250314-0007-6``:
station code, the resident's calendar day (China Standard Time) as YYMMDD, a per-station daily
sequence (4 digits, widening past 9999), and a check digit. The check digit is ISO 7064
MOD 11,10 over the digits of everything before it (letters count as their two-digit value
A=10 … Z=35, as in IBAN); it catches every single mistyped character and most swaps, which
matters when a resident reads the number over the phone or types it into the progress query.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from datetime import date

_TRACKING = re.compile(r"^([A-Z0-9]{2,8})-(\d{6})-(\d{4,})-(\d)$")


def resident_key(id_number: str, salt: bytes) -> str:
    """Opaque lookup key for a resident: HMAC-SHA256 of the normalised ID number.

    The raw ID number is never stored in a lookup column. The salt is a per-deployment secret
    (config); without it the key cannot be brute-forced back over the small ID-number space.
    """
    if len(salt) < 16:
        raise ValueError("resident_key salt must be at least 16 bytes of secret")
    normalised = id_number.strip().upper().encode("ascii", errors="strict")
    return hmac.new(salt, normalised, hashlib.sha256).hexdigest()


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def make_tracking_number(station_code: str, day: date, sequence: int) -> str:
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    body = f"{station_code}-{day:%y%m%d}-{sequence:04d}"
    return f"{body}-{_check_digit(body)}"


def is_valid_tracking_number(text: str) -> bool:
    """Shape and check digit; used by the progress query before touching the store."""
    match = _TRACKING.fullmatch(text.strip().upper())
    if match is None:
        return False
    body = "-".join(match.groups()[:3])
    return _check_digit(body) == int(match.group(4))


def _check_digit(body: str) -> int:
    digits = "".join(str(int(ch, 36)) for ch in body if ch != "-")
    product = 10
    for ch in digits:
        total = (product + int(ch)) % 10 or 10
        product = (total * 2) % 11
    return (11 - product) % 10
