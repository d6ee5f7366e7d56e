"""Engine set-up for SQLite (default) and PostgreSQL, schema creation and versioning.

SQLite: one file in the data dir, WAL, and every write transaction starts with
``BEGIN IMMEDIATE`` so concurrent writers queue instead of failing when a read transaction tries
to upgrade to a write lock (the classic "database is locked" under threads). Writers of one
process queue on a :class:`threading.Lock` first: SQLite's own busy handler polls with sleeps of
up to 100 ms, which under 20 concurrent terminals turned into the p95 of a submission PUT. The
busy timeout still arbitrates between processes (the CLI next to a running server).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from central.models import SCHEMA_VERSION, Base, LoginThrottle, Meta, SchemaVersion
from central.util import utcnow


def _v2_enrollment_code_columns(session: Session) -> None:
    """Enrollment codes get a hint (masked display), an expiry, a revocation and a creator."""
    dialect = session.get_bind().dialect
    stamp = DateTime(timezone=True).compile(dialect=dialect)
    # PostgreSQL: IF NOT EXISTS as a second guard beside the schema lock (SQLite has no such
    # clause; its BEGIN IMMEDIATE serialises the whole upgrade anyway).
    guard = "" if dialect.name == "sqlite" else "IF NOT EXISTS "
    for name, kind in (
        ("hint", "VARCHAR(8)"),
        ("expires_at", stamp),
        ("revoked_at", stamp),
        ("created_by", "VARCHAR(100)"),
    ):
        session.execute(text(f"ALTER TABLE enrollment_codes ADD COLUMN {guard}{name} {kind}"))


def _v3_login_throttle(session: Session) -> None:
    """Failed-login counters (per user name and per client address) get their own table.

    ``create_all`` just before has already made it (it creates every missing table); this step
    only records the version, and creates it with ``checkfirst`` should that ever change.
    """
    Base.metadata.create_all(
        session.connection(), tables=[Base.metadata.tables[LoginThrottle.__tablename__]]
    )


MIGRATIONS: dict[int, Callable[[Session], None]] = {
    2: _v2_enrollment_code_columns,
    3: _v3_login_throttle,
}
"""Steps from version n-1 to n, applied in order after ``create_all`` (v1 is the base)."""

FEED_LOCK_KEY = 0x4B494F534B
"""PostgreSQL advisory lock key serialising status-feed cursor allocation."""
SCHEMA_LOCK_KEY = 0x4B494F5353
"""PostgreSQL advisory lock key serialising schema creation and upgrades between processes."""
LOGIN_LOCK_KEY = 0x4B494F534C
"""PostgreSQL advisory lock key serialising failed-login bookkeeping between processes."""


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer central version; refuse rather than corrupt it."""


class Database:
    """Owns the engine; :meth:`close` disposes it (tests treat leaked connections as errors)."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            # Up to 40 requests run at once (the threadpool); one connection each at most.
            # No pre-ping: it is a round trip on every checkout, i.e. on every transaction. A
            # connection broken by a database restart fails one statement, which invalidates
            # the whole pool (the terminal retries a 5xx); recycling keeps idle ones fresh.
            kwargs["pool_size"] = 20
            kwargs["max_overflow"] = 20
            kwargs["pool_recycle"] = 1800
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.cache: dict[str, Any] = {}
        """Derived data keyed by what invalidates it (e.g. the latest catalogue id)."""
        self.read_sessions = sessionmaker(
            self.engine.execution_options(read_only_txn=True), expire_on_commit=False
        )
        self._lookup_engine = (
            self.engine.execution_options(read_only_txn=True)
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._write_lock: threading.RLock | None = threading.RLock() if self.is_sqlite else None

    def create_schema(self) -> None:
        """Create missing tables and record/upgrade the schema version.

        One transaction, serialised between processes (``serve`` and a ``purge`` cron starting
        at once): PostgreSQL takes a transaction-scoped advisory lock before anything is read,
        SQLite's ``BEGIN IMMEDIATE`` holds the write lock. So the second process waits, then
        finds the tables and the version the first one wrote, and does nothing.
        """
        with self.transaction() as session:
            if not self.is_sqlite:
                session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
            Base.metadata.create_all(session.connection())
            current = session.scalar(
                select(SchemaVersion.version).order_by(SchemaVersion.version.desc()).limit(1)
            )
            if current is None:
                session.add(SchemaVersion(version=SCHEMA_VERSION, applied_at=utcnow()))
                return
            if current > SCHEMA_VERSION:
                raise SchemaTooNewError(
                    f"database schema v{current} is newer than this program (v{SCHEMA_VERSION})"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](session)
                session.add(SchemaVersion(version=version, applied_at=utcnow()))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception."""
        if self._write_lock is None:
            with self.sessions() as session, session.begin():
                yield session
            return
        with self._write_lock, self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work; on SQLite it does not take the write lock (plain BEGIN)."""
        with self.read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for one read statement (per request: the token lookup).

        PostgreSQL runs it in autocommit, sparing the BEGIN and COMMIT round trips a
        transaction costs; on SQLite it is a read transaction (plain BEGIN, no write lock).
        """
        with self._lookup_engine.connect() as conn:
            yield conn

    def meta(self, key: str) -> str:
        """An instance secret, generated on first use (race-safe: first writer wins)."""
        with self.transaction() as session:
            row = session.get(Meta, key)
            if row is not None:
                return row.value
        try:
            with self.transaction() as session:
                session.add(Meta(key=key, value=secrets.token_hex(32)))
        except Exception:  # noqa: S110 - a concurrent writer won; read theirs below
            pass
        with self.transaction() as session:
            row = session.get(Meta, key)
            assert row is not None
            return row.value

    def lock_feed(self, session: Session) -> None:
        """Serialise feed cursor allocation until commit (SQLite is already serialised)."""
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": FEED_LOCK_KEY})

    def lock_logins(self, session: Session) -> None:
        """Serialise login-throttle reads and writes until commit (SQLite is already serialised).

        Held only for the bookkeeping, never across the password check (scrypt).
        """
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOGIN_LOCK_KEY})

    def close(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE instead of pysqlite's own BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get("read_only_txn", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
