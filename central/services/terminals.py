"""Terminal enrollment, tokens and revocation.

Enrollment codes and bearer tokens are secrets with >= 128 bits of entropy, so a plain SHA-256
is the right storage hash (a slow KDF buys nothing and costs every request); they are never
stored or logged in plain text.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from central.db import Database
from central.models import EnrollmentCode, Heartbeat, Terminal
from central.settings import check_code_valid_days
from central.util import aware, sha256_hex, utcnow

TERMINAL_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DEFAULT_CODE_VALID_DAYS = 7.0


class EnrollmentRefusedError(Exception):
    """Unknown, used or mismatched enrollment code."""


@dataclass(frozen=True)
class Enrollment:
    terminal_id: str
    station: str
    token: str
    resident_key_salt: str


@dataclass(frozen=True)
class TerminalInfo:
    id: str
    station: str
    enrolled: bool
    revoked: bool
    app_version: str | None
    enrolled_at: dt.datetime | None = None


@dataclass(frozen=True)
class PendingCode:
    """An enrollment code not yet used, revoked or expired. Only a masked form of the code."""

    id: str
    """The code's hash: names it in the revoke form without revealing it."""
    masked: str
    station: str
    terminal_id: str | None
    created_at: dt.datetime
    expires_at: dt.datetime | None
    created_by: str | None


def create_enrollment_code(
    db: Database,
    station: str,
    terminal_id: str | None = None,
    *,
    valid_days: float = DEFAULT_CODE_VALID_DAYS,
    created_by: str | None = None,
) -> str:
    """A one-time code for ``station`` (optionally bound to one terminal id), valid for
    ``valid_days`` days."""
    if not station.strip():
        raise ValueError("station must not be empty")
    if terminal_id is not None and not TERMINAL_ID_RE.match(terminal_id):
        raise ValueError(f"invalid terminal id {terminal_id!r}")
    check_code_valid_days(valid_days)
    code = "-".join(secrets.token_hex(4).upper() for _ in range(4))
    now = utcnow()
    with db.transaction() as session:
        session.add(
            EnrollmentCode(
                code_hash=sha256_hex(code),
                station=station.strip(),
                terminal_id=terminal_id,
                created_at=now,
                hint=code[-4:],
                expires_at=now + dt.timedelta(days=valid_days),
                created_by=created_by,
            )
        )
    return code


def mask(hint: str | None) -> str:
    """``XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXX1A2B``: enough to tell codes apart, useless to enroll."""
    return "XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXX" + (hint or "????")


def pending_codes(db: Database, now: dt.datetime | None = None) -> list[PendingCode]:
    """Codes that could still enroll a terminal, newest first."""
    now = now or utcnow()
    with db.read() as session:
        rows = session.scalars(
            select(EnrollmentCode)
            .where(EnrollmentCode.used_at.is_(None), EnrollmentCode.revoked_at.is_(None))
            .order_by(EnrollmentCode.created_at.desc())
        ).all()
        return [
            PendingCode(
                id=row.code_hash,
                masked=mask(row.hint),
                station=row.station,
                terminal_id=row.terminal_id,
                created_at=aware(row.created_at),
                expires_at=aware(row.expires_at) if row.expires_at else None,
                created_by=row.created_by,
            )
            for row in rows
            if row.expires_at is None or aware(row.expires_at) > now
        ]


def revoke_code(db: Database, code_id: str) -> bool:
    """Withdraw an unused code (``code_id`` as in :class:`PendingCode`); False if unknown/used."""
    with db.transaction() as session:
        row = session.get(EnrollmentCode, code_id)
        if row is None or row.used_at is not None:
            return False
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        return True


def enroll(db: Database, code: str, terminal_id: str, app_version: str | None) -> Enrollment:
    """Consume ``code`` and issue a fresh token (re-enrolling replaces the old token)."""
    token = secrets.token_urlsafe(32)
    salt = db.meta("resident_key_salt")
    with db.transaction() as session:
        row = session.get(EnrollmentCode, sha256_hex(code.strip().upper()), with_for_update=True)
        if row is None or row.used_at is not None:
            raise EnrollmentRefusedError("unknown or used enrollment code")
        if row.revoked_at is not None:
            raise EnrollmentRefusedError("enrollment code was revoked")
        if row.expires_at is not None and aware(row.expires_at) <= utcnow():
            raise EnrollmentRefusedError("enrollment code has expired")
        if row.terminal_id is not None and row.terminal_id != terminal_id:
            raise EnrollmentRefusedError("code is for another terminal")
        row.used_at = utcnow()
        row.used_by = terminal_id
        terminal = session.get(Terminal, terminal_id)
        if terminal is None:
            terminal = Terminal(id=terminal_id, station=row.station)
            session.add(terminal)
        terminal.station = row.station
        terminal.token_hash = sha256_hex(token)
        terminal.enrolled_at = utcnow()
        terminal.revoked_at = None
        terminal.app_version = app_version
        return Enrollment(terminal_id, row.station, token, salt)


@dataclass(frozen=True)
class Authenticated:
    id: str
    station: str
    revoked: bool


_AUTH_QUERY = select(Terminal.id, Terminal.station, Terminal.revoked_at).where(
    Terminal.token_hash == bindparam("token_hash")
)


def authenticate(db: Database, token: str) -> Authenticated | None:
    """The terminal owning ``token`` (revoked ones included: the caller tells 401 from 403).

    Runs on every API request, so it selects three columns instead of loading an ORM entity
    (a third of the cost) and never caches: a revocation from the CLI or another worker is seen
    by the very next request.
    """
    with db.lookup() as conn:
        row = conn.execute(_AUTH_QUERY, {"token_hash": sha256_hex(token)}).first()
    return None if row is None else Authenticated(row.id, row.station, row.revoked_at is not None)


def revoke(db: Database, terminal_id: str) -> bool:
    with db.transaction() as session:
        terminal = session.get(Terminal, terminal_id)
        if terminal is None:
            return False
        if terminal.revoked_at is None:
            terminal.revoked_at = utcnow()
        return True


def list_terminals(db: Database) -> list[TerminalInfo]:
    with db.read() as session:
        rows = session.scalars(select(Terminal).order_by(Terminal.id)).all()
        return [
            TerminalInfo(
                t.id,
                t.station,
                t.token_hash is not None,
                t.revoked_at is not None,
                t.app_version,
                aware(t.enrolled_at) if t.enrolled_at else None,
            )
            for t in rows
        ]


def latest_heartbeat(db: Database, terminal_id: str) -> dict[str, object] | None:
    with db.read() as session:
        row = session.get(Heartbeat, terminal_id)
        return None if row is None else dict(row.body)
