"""Small pure helpers shared by the API and the back office."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Any

CST = dt.timezone(dt.timedelta(hours=8), "CST")
"""China Standard Time: what staff read on every page (storage stays UTC)."""


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


def local_time(moment: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``moment`` as staff read it: China Standard Time, ``—`` when there is none."""
    if moment is None:
        return "—"
    return aware(moment).astimezone(CST).strftime(fmt)


def duration_zh(seconds: float | None) -> str:
    """A rough Chinese duration: 45 秒, 12 分钟, 3 小时, 2 天."""
    if seconds is None:
        return "—"
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{int(seconds)} 秒"
    if seconds < 3600:
        return f"{int(seconds // 60)} 分钟"
    if seconds < 86400:
        return f"{int(seconds // 3600)} 小时"
    return f"{int(seconds // 86400)} 天"


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
