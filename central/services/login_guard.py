"""Back-office login throttling: lock a user name after repeated failures, limit each address.

Two counters, both in the ``login_throttle`` table so every server process on one database
shares them and a restart does not reset them:

* **per user name**: ``max_failures`` consecutive failed logins lock the name for ``lockout``;
  while locked even the right password is refused. A successful login resets the counter, and
  so does the end of a lock (the name gets ``max_failures`` fresh attempts).
* **per client address**: at most ``address_max_failures`` failed logins per fixed window of
  ``address_window``; over it every login from that address is refused until the window ends
  (one machine cannot spray many names). Successful logins do not count against an address.

Unknown user names are counted and answered exactly like known ones, so neither the lock nor
its message reveals which names exist. An attempt is counted as a failure *before* the password
is checked (under :meth:`central.db.Database.lock_logins`), and un-counted when it succeeds, so
parallel guesses cannot all slip past the check. The password check itself (scrypt) runs outside
that lock. Keys are HMACs under an instance secret: no typed name or address is stored in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete

from central.db import Database
from central.models import LoginThrottle
from central.services import users
from central.settings import Settings
from central.util import aware, utcnow

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(days=1)
"""Counters untouched this long (and no longer locking anything) are deleted."""

WRONG_ZH_EN = "用户名或密码错误 Wrong user name or password"
"""The one answer to every refused login: wrong password, unknown name, or locked."""


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int
    lockout: dt.timedelta
    address_max_failures: int
    """0: no per-address limit."""
    address_window: dt.timedelta

    @classmethod
    def of(cls, settings: Settings) -> LoginPolicy:
        settings.check()
        return cls(
            max_failures=settings.login_max_failures,
            lockout=dt.timedelta(minutes=settings.login_lockout_minutes),
            address_max_failures=settings.login_address_max_failures,
            address_window=dt.timedelta(minutes=settings.login_address_window_minutes),
        )

    @property
    def stale_after(self) -> dt.timedelta:
        return max(STALE_AFTER, self.lockout + self.address_window)

    def user_hint(self) -> str:
        minutes = max(1, round(self.lockout.total_seconds() / 60))
        return (
            f"该账户因多次登录失败已被暂时锁定，请 {minutes} 分钟后再试，或联系系统管理员。"
            f" The account is temporarily locked after repeated failed logins; try again in"
            f" {minutes} minutes or contact the administrator."
        )

    @staticmethod
    def address_hint() -> str:
        return (
            "本机登录失败次数过多，已暂停登录，请稍后再试，或联系系统管理员。"
            " Too many failed logins from this computer; try again later or contact the"
            " administrator."
        )


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    hint: str | None = None
    """Shown under the generic message: the user name or the address is locked."""


@dataclass(frozen=True)
class _Attempt:
    user_key: str
    address_key: str | None
    refused: str | None = None
    """``user`` or ``address`` when refused without checking the password."""
    locks_user: bool = False
    """Were this attempt to fail, it is the one that locked the user name."""
    blocks_address: bool = False


class LoginGuard:
    """Throttles :func:`attempt` for one database; ``clock`` is replaceable (tests)."""

    def __init__(
        self, db: Database, policy: LoginPolicy, clock: Callable[[], dt.datetime] = utcnow
    ) -> None:
        self.db = db
        self.policy = policy
        self.clock = clock
        self._secret: bytes | None = None
        self._secret_lock = threading.Lock()

    def key(self, kind: str, value: str) -> str:
        with self._secret_lock:
            if self._secret is None:
                self._secret = self.db.meta("login_throttle_key").encode()
            secret = self._secret
        return hmac.new(secret, f"{kind}\0{value}".encode(), hashlib.sha256).hexdigest()

    def attempt(self, username: str, password: str, address: str | None) -> LoginResult:
        """Check ``password`` for ``username`` unless the name or the address is locked."""
        attempt = self._begin(username, address)
        if attempt.refused == "user":
            return LoginResult(False, self.policy.user_hint())
        if attempt.refused == "address":
            return LoginResult(False, self.policy.address_hint())
        if users.check_login(self.db, username, password):
            self._succeeded(attempt)
            return LoginResult(True)
        ref = attempt.user_key[:12]
        if attempt.locks_user:
            log.warning(
                # Only the keyed reference of the name: what was typed as a user name is
                # sometimes a password (typed into the wrong box), so none of it is logged.
                "login lockout: user ref %s locked for %s after %d failed logins, last from %s",
                ref,
                self.policy.lockout,
                self.policy.max_failures,
                address or "unknown address",
            )
            return LoginResult(False, self.policy.user_hint())
        if attempt.blocks_address:
            log.warning(
                "login lockout: address %s blocked until its %s window ends after %d failed"
                " logins (last for user ref %s)",
                address,
                self.policy.address_window,
                self.policy.address_max_failures,
                ref,
            )
            return LoginResult(False, self.policy.address_hint())
        return LoginResult(False)

    def unlock(self, username: str) -> bool:
        """Clear the counter and any lock of ``username`` (the administrator's ``users unlock``)."""
        user_key = self.key("user", username)
        with self.db.transaction() as session:
            self.db.lock_logins(session)
            row = session.get(LoginThrottle, user_key)
            if row is None:
                return False
            session.delete(row)
        log.warning("login lockout: user ref %s unlocked", user_key[:12])
        return True

    # -- bookkeeping -------------------------------------------------------------------------
    def _begin(self, username: str, address: str | None) -> _Attempt:
        policy = self.policy
        user_key = self.key("user", username)
        address_key = (
            self.key("address", address) if address and policy.address_max_failures else None
        )
        now = self.clock()
        with self.db.transaction() as session:
            self.db.lock_logins(session)
            session.execute(
                delete(LoginThrottle).where(LoginThrottle.updated_at < now - policy.stale_after)
            )
            addr = session.get(LoginThrottle, address_key) if address_key else None
            if addr is not None and now >= aware(addr.window_start) + policy.address_window:
                addr.failures, addr.window_start = 0, now
            if addr is not None and addr.failures >= policy.address_max_failures:
                return _Attempt(user_key, address_key, refused="address")
            user = session.get(LoginThrottle, user_key)
            if user is not None and user.locked_until is not None:
                if now < aware(user.locked_until):
                    return _Attempt(user_key, address_key, refused="user")
                user.failures, user.locked_until = 0, None  # the lock is over: fresh attempts
            # Count this attempt as failed now; a success takes it back.
            if user is None:
                user = LoginThrottle(key=user_key, kind="user", failures=0, window_start=now)
                session.add(user)
            user.failures += 1
            user.updated_at = now
            locks_user = user.failures >= policy.max_failures
            if locks_user:
                user.locked_until = now + policy.lockout
            blocks_address = False
            if address_key is not None:
                if addr is None:
                    addr = LoginThrottle(
                        key=address_key, kind="address", failures=0, window_start=now
                    )
                    session.add(addr)
                addr.failures += 1
                addr.updated_at = now
                blocks_address = addr.failures >= policy.address_max_failures
        return _Attempt(user_key, address_key, None, locks_user, blocks_address)

    def _succeeded(self, attempt: _Attempt) -> None:
        with self.db.transaction() as session:
            self.db.lock_logins(session)
            user = session.get(LoginThrottle, attempt.user_key)
            if user is not None:
                session.delete(user)
            if attempt.address_key is not None:
                addr = session.get(LoginThrottle, attempt.address_key)
                if addr is not None:
                    addr.failures = max(0, addr.failures - 1)
