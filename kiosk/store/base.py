"""Pieces every store module shares: time text, safe keys, and the sqlite3/OS error seam.

Timestamps are stored as fixed-width UTC text (``2025-03-14T08:15:00.000000Z``) so that plain
string comparison in SQL orders them correctly and ``next_try_at <= ?`` needs no date functions.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from kiosk.errors import KioskError, StorageFullError, StorageReadOnlyError, StoreError

Clock = Callable[[], datetime]
"""Returns the current time as an aware UTC datetime; injected so tests can freeze time."""

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# Message keys and reasons that may be stored next to records. A key is a dotted identifier:
# it can never carry a name, an address or a free-form exception message (personal data).
_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+){0,7}$")

# SQLite primary result codes (the low byte of the extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def to_text(moment: datetime) -> str:
    """Stored form of a moment. Naive datetimes are refused: their zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timestamps must be timezone-aware (the injected clock returns UTC)")
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def from_text(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


def opt_from_text(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def check_key(key: str, what: str = "key") -> str:
    """Refuse anything but a message key, so no personal data slips into error columns."""
    if not _KEY_PATTERN.fullmatch(key):
        raise ValueError(f"{what} must be a dotted message key like 'error.platform.timeout'")
    return key


def translate_sqlite_error(err: sqlite3.Error) -> StoreError:
    """Map a sqlite3 error onto the kiosk error tree (the caller raises it ``from err``).

    Only the SQLite error *name* goes into ``detail``: messages can quote schema names but we
    never forward bound values, and nothing here reaches the screen except the key.
    """
    code = getattr(err, "sqlite_errorcode", None)
    name = getattr(err, "sqlite_errorname", None) or type(err).__name__
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_FULL:
        return StorageFullError(detail=name)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return StorageReadOnlyError(detail=name)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StoreError("error.store.corrupt", detail=name)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError("error.store.busy", detail=name)
    if primary == _SQLITE_CANTOPEN:
        return StoreError("error.store.cannot_open", detail=name)
    if primary == _SQLITE_IOERR:
        return StoreError("error.store.io", detail=name)
    return StoreError(detail=name)


def translate_os_error(err: OSError) -> StoreError:
    if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StorageFullError(detail=errno.errorcode.get(err.errno or 0, "OSError"))
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageReadOnlyError(detail=errno.errorcode.get(err.errno or 0, "OSError"))
    return StoreError("error.store.io", detail=errno.errorcode.get(err.errno or 0, "OSError"))


@contextmanager
def translated_errors() -> Iterator[None]:
    """The seam where sqlite3 and OS failures become kiosk errors.

    ``sqlite3.ProgrammingError`` (closed connection, use from another thread) is a bug in the
    caller, not a storage condition, so it is deliberately left untranslated.
    """
    try:
        yield
    except KioskError:
        raise
    except sqlite3.ProgrammingError:
        raise
    except sqlite3.Error as err:
        raise translate_sqlite_error(err) from err
    except OSError as err:
        raise translate_os_error(err) from err
