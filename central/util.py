"""Small pure helpers shared by the API and the back office."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Any


def utcnow() -> dt.datetime:
    """Aware UTC now; every timestamp the platform stores is UTC."""
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with offset; naive values (SQLite drops tzinfo) are taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; PostgreSQL aware ones. Normalise to aware UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def canonical_json(value: Any) -> str:
    """The one canonical form used for idempotency comparisons: sorted keys, no spaces, UTF-8.

    Two bodies are "the same request" exactly when their canonical forms are equal, so key order
    and whitespace differences between retries of one terminal never cause a false 409.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def unstorable(value: Any, loc: str = "body") -> str | None:
    """The location of the first value no database can store (NUL in text, NaN/inf), or None.

    PostgreSQL rejects NUL characters in text and non-finite numbers in JSON; checking up front
    turns what would be a 500 into a 422 on every backend alike.
    """
    if isinstance(value, str):
        return loc if "\x00" in value else None
    if isinstance(value, float):
        return None if math.isfinite(value) else loc
    if isinstance(value, dict):
        for key, item in value.items():
            found = unstorable(key, loc) or unstorable(item, f"{loc}.{key}")
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = unstorable(item, f"{loc}[{index}]")
            if found:
                return found
    return None


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def add_working_days(start: dt.date, days: int, holidays: frozenset[str] = frozenset()) -> dt.date:
    """``start`` plus ``days`` working days (Mon-Fri, minus ISO dates listed in ``holidays``)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current.isoformat() not in holidays:
            remaining -= 1
    return current
