"""Back-office login throttling over real HTTP, on SQLite and PostgreSQL.

A user name is locked after ``login_max_failures`` consecutive failures (known or unknown names
alike, with the same answer), one address may fail only so often per window, a success resets
the name's counter, and the counters live in the database (a restart keeps them). Time moves
by an injected clock on the server's :class:`central.services.login_guard.LoginGuard`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import inspect, text

from central import cli
from central.db import Database
from central.models import SCHEMA_VERSION
from central.services import users
from central.services.login_guard import LoginGuard
from central.settings import Settings
from tests.central.conftest import CSRF_RE
from tests.central.helpers import TIMEOUT
from tests.central_server import CentralServer, running_central_server

PASSWORD = "correct horse battery"
WRONG = "用户名或密码错误"
USER_LOCKED = "该账户因多次登录失败已被暂时锁定，请 15 分钟后再试，或联系系统管理员。"
ADDRESS_BLOCKED = "本机登录失败次数过多，已暂停登录，请稍后再试，或联系系统管理员。"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@contextmanager
def _start(
    data_dir: Path, backend_url: str | None, clock: Clock, **settings: Any
) -> Iterator[CentralServer]:
    with running_central_server(data_dir, db_url=backend_url, **settings) as server:
        guard: LoginGuard = server.app.state.login_guard
        guard.clock = clock
        yield server


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(tmp_path: Path, backend_url: str | None, clock: Clock) -> Iterator[CentralServer]:
    with _start(tmp_path / "central", backend_url, clock) as server:
        users.add_user(server.db, "wang", PASSWORD)
        yield server


def login(server: CentralServer, username: str, password: str) -> requests.Response:
    """One login from a fresh browser (its own CSRF cookie); redirects are not followed."""
    with requests.Session() as browser:
        page = browser.get(server.base_url + "/office/login", timeout=TIMEOUT)
        token = CSRF_RE.search(page.text).group(1)  # type: ignore[union-attr]
        return browser.post(
            server.base_url + "/office/login",
            data={"username": username, "password": password, "csrf": token},
            timeout=TIMEOUT,
            allow_redirects=False,
        )


def answer(r: requests.Response) -> tuple[int, str]:
    """Status and page, the fresh CSRF token blanked (the only part meant to differ)."""
    return r.status_code, CSRF_RE.sub('name="csrf" value=""', r.text)


def refused(r: requests.Response, hint: str | None = None) -> bool:
    hints = [h for h in (USER_LOCKED, ADDRESS_BLOCKED) if h in r.text]
    return r.status_code == 401 and WRONG in r.text and hints == ([hint] if hint else [])


def accepted(r: requests.Response) -> bool:
    return r.status_code == 303 and r.headers["location"] == "/office/cases"


def test_five_failures_lock_the_name_even_for_the_right_password_until_the_period_ends(
    server: CentralServer, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="central.services.login_guard")
    for _ in range(4):
        assert refused(login(server, "wang", "wrong password"))
    assert refused(login(server, "wang", "wrong password"), USER_LOCKED)
    assert refused(login(server, "wang", PASSWORD), USER_LOCKED)
    clock.advance(minutes=14, seconds=59)
    assert refused(login(server, "wang", PASSWORD), USER_LOCKED)
    clock.advance(seconds=1)
    assert accepted(login(server, "wang", PASSWORD))

    lockouts = [r.getMessage() for r in caplog.records if "login lockout" in r.getMessage()]
    assert len(lockouts) == 1
    assert "user ref " in lockouts[0] and "127.0.0.1" in lockouts[0]
    assert "wang" not in lockouts[0] and "w***" not in lockouts[0]  # none of the typed name
    assert "wrong password" not in lockouts[0]


def test_an_unknown_name_is_counted_and_answered_exactly_like_a_known_one(
    server: CentralServer,
) -> None:
    known = [answer(login(server, "wang", "wrong password")) for _ in range(6)]
    known.append(answer(login(server, "wang", PASSWORD)))
    unknown = [answer(login(server, "nobody", "wrong password")) for _ in range(6)]
    unknown.append(answer(login(server, "nobody", PASSWORD)))
    assert known == unknown
    assert [USER_LOCKED in page for _status, page in known] == [False] * 4 + [True] * 3


def test_parallel_guesses_cannot_all_slip_past_the_count(server: CentralServer) -> None:
    """Each attempt is counted before its password is checked, under the login lock."""
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _i: login(server, "wang", "wrong password"), range(10)))
    assert all(r.status_code == 401 for r in answers)
    assert sum(USER_LOCKED not in r.text for r in answers) == 4
    assert refused(login(server, "wang", PASSWORD), USER_LOCKED)


def test_a_success_resets_the_names_counter(server: CentralServer) -> None:
    for _ in range(4):
        assert refused(login(server, "wang", "wrong password"))
    assert accepted(login(server, "wang", PASSWORD))
    for _ in range(4):
        assert refused(login(server, "wang", "wrong password"))
    assert accepted(login(server, "wang", PASSWORD))


def test_one_address_may_fail_only_so_often_per_window(
    tmp_path: Path, backend_url: str | None, clock: Clock
) -> None:
    with _start(
        tmp_path / "central",
        backend_url,
        clock,
        login_address_max_failures=3,
        login_address_window_minutes=10,
    ) as server:
        users.add_user(server.db, "wang", PASSWORD)
        # Successes do not count against the address.
        for _ in range(5):
            assert accepted(login(server, "wang", PASSWORD))
        assert refused(login(server, "li", "guess"))
        assert refused(login(server, "zhao", "guess"))
        assert refused(login(server, "qian", "guess"), ADDRESS_BLOCKED)
        assert refused(login(server, "wang", PASSWORD), ADDRESS_BLOCKED)
        clock.advance(minutes=9)
        assert refused(login(server, "sun", "guess"), ADDRESS_BLOCKED)
        clock.advance(minutes=1)
        assert accepted(login(server, "wang", PASSWORD))


def test_counters_are_in_the_database_and_survive_a_restart(
    tmp_path: Path, backend_url: str | None, clock: Clock
) -> None:
    with _start(tmp_path / "central", backend_url, clock) as server:
        users.add_user(server.db, "wang", PASSWORD)
        for _ in range(5):
            login(server, "wang", "wrong password")
        with server.db.read() as session:
            stored = session.execute(text("SELECT key, kind FROM login_throttle")).all()
        assert {kind for _key, kind in stored} == {"user", "address"}
        assert not any("wang" in key or "127.0.0.1" in key for key, _kind in stored)
    with _start(tmp_path / "central", backend_url, clock) as server:
        assert refused(login(server, "wang", PASSWORD), USER_LOCKED)


def test_the_administrator_can_unlock_a_name_from_the_cli(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "central"
    with _start(data_dir, None, clock) as server:
        users.add_user(server.db, "wang", PASSWORD)
        for _ in range(5):
            login(server, "wang", "wrong password")
        assert cli.main(["users", "unlock", "--data-dir", str(data_dir), "wang"]) == 0
        out = capsys.readouterr().out
        assert "user wang (ref " in out and out.rstrip().endswith("unlocked")
        assert accepted(login(server, "wang", PASSWORD))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("login_max_failures", 0),
        ("login_lockout_minutes", 0),
        ("login_address_max_failures", -1),
        ("login_address_window_minutes", -5),
    ],
)
def test_unusable_throttle_settings_are_refused(tmp_path: Path, field: str, value: float) -> None:
    settings = Settings(data_dir=tmp_path, **{field: value})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=field):
        settings.check()


def test_a_v2_database_gets_the_login_throttle_table(
    tmp_path: Path, backend_url: str | None
) -> None:
    url = backend_url or f"sqlite:///{tmp_path / 'v2.sqlite3'}"
    db = Database(url)
    try:
        db.create_schema()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE login_throttle"))
            conn.execute(text("DELETE FROM schema_version WHERE version > 2"))
        db.create_schema()
        assert "login_throttle" in inspect(db.engine).get_table_names()
        with db.engine.connect() as conn:
            versions = conn.execute(text("SELECT max(version) FROM schema_version")).scalar()
        assert versions == SCHEMA_VERSION == 3
    finally:
        db.close()
