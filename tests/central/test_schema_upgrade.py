"""Schema upgrades are serialised between processes (``serve`` and a ``purge`` cron at once).

Two programs upgrading one v1 database concurrently both succeed: PostgreSQL takes an advisory
lock before reading the version (and adds columns ``IF NOT EXISTS``); SQLite's ``BEGIN
IMMEDIATE`` holds the write lock. Each upgrader has its own engine, as separate processes do.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from central.db import SCHEMA_LOCK_KEY, Database
from central.models import SCHEMA_VERSION

WAIT_S = 30.0  # a bound for a broken build, never waited for by a passing one


def _make_v1(url: str) -> None:
    db = Database(url)
    try:
        db.create_schema()
        with db.engine.begin() as conn:
            for column in ("hint", "expires_at", "revoked_at", "created_by"):
                conn.execute(text(f"ALTER TABLE enrollment_codes DROP COLUMN {column}"))
            conn.execute(text("DELETE FROM schema_version"))
            conn.execute(text("INSERT INTO schema_version VALUES (1, CURRENT_TIMESTAMP)"))
    finally:
        db.close()


def test_two_upgraders_of_one_v1_database_both_succeed(
    tmp_path: Path, backend_url: str | None
) -> None:
    url = backend_url or f"sqlite:///{tmp_path / 'old.sqlite3'}"
    _make_v1(url)
    upgraders = [Database(url), Database(url)]
    asking = [threading.Event() for _ in upgraders]
    errors: list[BaseException] = []
    holder = Database(url)
    try:
        for db, asked in zip(upgraders, asking, strict=True):

            def seen(*args: Any, asked: threading.Event = asked) -> None:
                statement = str(args[2])
                if "pg_advisory_xact_lock" in statement or "schema_version" in statement:
                    asked.set()

            event.listen(db.engine, "before_cursor_execute", seen)

        def upgrade(db: Database) -> None:
            try:
                db.create_schema()
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=upgrade, args=(db,)) for db in upgraders]
        with holder.engine.connect() as conn, conn.begin():
            if not holder.is_sqlite:
                # Hold the schema lock so both upgraders are let go at the same moment.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK_KEY})
            for thread in threads:
                thread.start()
            if not holder.is_sqlite:
                assert all(asked.wait(WAIT_S) for asked in asking)
        for thread in threads:
            thread.join(WAIT_S)
            assert not thread.is_alive()
        assert errors == []
        with holder.engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM schema_version ORDER BY 1")).all()
            assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))
            conn.execute(
                text("SELECT hint, expires_at, revoked_at, created_by FROM enrollment_codes")
            )
    finally:
        for db in (*upgraders, holder):
            db.close()
