"""Identifiers the store hands out: resident keys, tracking numbers, idempotency keys.

Tracking number (受理编号 on the receipt), e.g. ``LX03-250314-0007-6``:
station code, the resident's calendar day (China Standard Time) as YYMMDD, a per-station daily
sequence (4 digits, widening past 9999), and a check digit. The check digit is the Damm
algorithm over the digits of everything before it (letters count as their two-digit value
A=10 … Z=35, as in IBAN). It catches every single mistyped digit and every swap of two adjacent
digits — the usual mistakes when a resident reads the number over the phone or types it into
the progress query. (A mistyped station letter is caught most of the time, not always; the
station part is also checked against the known stations by the platform.)
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from datetime import date

from kiosk.errors import IdentityError
from kiosk.identity.validate import normalize_id_number

# Damm's totally anti-symmetric quasigroup of order 10.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
_TRACKING = re.compile(r"^([A-Z0-9]{2,8})-(\d{6})-(\d{4,})-(\d)$")


def salt_id(salt: bytes) -> str:
    """A short, one-way name for a resident-key salt: which salt made a stored key, so a key
    from an earlier salt is never handed to a platform that uses another (no way back to the
    salt from it)."""
    return hashlib.sha256(b"quancheng-kiosk resident-key salt\0" + salt).hexdigest()[:16]


def resident_key(id_number: str, salt: bytes) -> str:
    """Opaque lookup key for a resident: HMAC-SHA256 of the normalised ID number.

    The raw ID number is never stored in a lookup column. The salt is a per-deployment secret
    (config); without it the key cannot be brute-forced back over the small ID-number space.
    """
    if len(salt) < 16:
        raise ValueError("resident_key salt must be at least 16 bytes of secret")
    # The same folding as the identity layer (full-width IME digits, reader padding), so
    # however the number was entered the resident finds the drafts they saved.
    normalised = normalize_id_number(id_number)
    if not normalised.isascii():
        raise IdentityError("identity.id_number.format", field="id_number")
    return hmac.new(salt, normalised.encode("ascii"), hashlib.sha256).hexdigest()


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
    interim = 0
    for ch in body:
        if ch != "-":
            for digit in str(int(ch, 36)):
                interim = _DAMM[interim][int(digit)]
    return interim
