"""Database schema (SQLAlchemy 2 declarative). Created by ``create_all``; see :mod:`central.db`.

Portable types only, so the same models run on SQLite and PostgreSQL. Secrets (terminal tokens,
enrollment codes, staff passwords) are stored as hashes, never in plain text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 3
"""Bump when the schema changes and add a step to :data:`central.db.MIGRATIONS`."""


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Meta(Base):
    """Instance-wide secrets generated on first start (resident key salt, session secret)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Terminal(Base):
    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    app_version: Mapped[str | None] = mapped_column(String(64))
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class EnrollmentCode(Base):
    """A one-time code. ``hint`` is its last four characters (shown masked in the back office);
    ``expires_at``/``revoked_at`` are NULL for codes made before schema v2 (no expiry)."""

    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    station: Mapped[str] = mapped_column(String(200))
    terminal_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[str | None] = mapped_column(String(64))
    hint: Mapped[str | None] = mapped_column(String(8))
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(100))


class CatalogVersion(Base):
    __tablename__ = "catalog_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(100))
    etag: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    matter_codes: Mapped[list[str]] = mapped_column(JSON)
    departments: Mapped[dict[str, str]] = mapped_column(JSON)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(100))


class Attachment(Base):
    """Metadata of a content-addressed upload; the bytes live under ``data_dir/attachments``."""

    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    terminal_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Submission(Base):
    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    tracking_number: Mapped[str] = mapped_column(String(64), index=True)
    station_code: Mapped[str] = mapped_column(String(64), index=True)
    matter_code: Mapped[str] = mapped_column(String(100), index=True)
    department: Mapped[str | None] = mapped_column(String(100), index=True)
    resident_key: Mapped[str | None] = mapped_column(String(128), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    canonical: Mapped[str] = mapped_column(Text)
    finalized_at: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class StatusChange(Base):
    """The feed terminals pull. ``cursor`` is assigned under a lock: gapless and commit-ordered."""

    __tablename__ = "status_changes"
    cursor: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    tracking_number: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    note_zh: Mapped[str | None] = mapped_column(Text)
    note_en: Mapped[str | None] = mapped_column(Text)
    by_user: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (Index("ix_status_changes_terminal_cursor", "terminal_id", "cursor"),)


class Rating(Base):
    __tablename__ = "ratings"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tracking_number: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(32))
    matter_code: Mapped[str] = mapped_column(String(100), index=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    station: Mapped[str] = mapped_column(String(200), index=True)
    level: Mapped[int] = mapped_column(Integer)
    indicators: Mapped[dict[str, int]] = mapped_column(JSON)
    canonical: Mapped[str] = mapped_column(Text)
    rated_at: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    followed_up_by: Mapped[str | None] = mapped_column(String(100))
    follow_up_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("tracking_number", "channel", name="uq_rating_case"),)


class Complaint(Base):
    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    station: Mapped[str] = mapped_column(String(200))
    canonical: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Heartbeat(Base):
    """Latest heartbeat per terminal (older ones are overwritten: this is health, not history)."""

    __tablename__ = "heartbeats"
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[dict[str, object]] = mapped_column(JSON)


class User(Base):
    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LoginThrottle(Base):
    """Failed back-office logins, one row per user name and one per client address (schema v3).

    ``key`` is an HMAC of the kind and the value under an instance secret, so neither typed user
    names (sometimes a password typed in the wrong box) nor addresses are stored in clear, and
    an unknown name gets a row exactly like a known one. See :mod:`central.services.login_guard`.
    """

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    """``user`` or ``address``."""
    failures: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
