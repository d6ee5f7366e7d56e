"""Settings of one central platform instance.

A plain frozen dataclass: the CLI and the tests build it explicitly, nothing is read from the
environment behind the caller's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_CODE_VALID_DAYS = 3650.0
"""Ten years: an enrollment code valid longer is a mistake (and overflows dates past 9999)."""


def check_code_valid_days(days: float, name: str = "valid_days") -> float:
    """``days`` if it is a usable enrollment-code validity, else ValueError naming ``name``."""
    if not 0 < days <= MAX_CODE_VALID_DAYS:
        raise ValueError(f"{name} must be positive and at most {MAX_CODE_VALID_DAYS:g} days")
    return days


@dataclass(frozen=True)
class Settings:
    """Everything :func:`central.app.create_app` needs.

    ``db_url`` defaults to an SQLite file inside ``data_dir``; a ``postgresql+psycopg://`` URL
    selects PostgreSQL with the same code. ``testing`` enables the fault-injection switches of
    :mod:`central.testing`; never set it in production.
    """

    data_dir: Path
    db_url: str | None = None
    initial_catalog: Path | None = None
    testing: bool = False
    follow_up_working_days: int = 5
    online_threshold_s: int = 180
    outbox_stuck_threshold_s: int = 3600
    secure_cookies: bool = False
    enrollment_code_valid_days: float = 7.0
    """Codes made in the back office are valid this long (0 < days <= ``MAX_CODE_VALID_DAYS``)."""
    holidays: frozenset[str] = field(default_factory=frozenset)
    partial_upload_retention_hours: float = 24.0
    """An upload no byte was added to for this long is dropped (``.part`` file and row)."""
    unreferenced_upload_retention_days: float = 7.0
    """A complete upload no submission or complaint references is deleted this long after."""
    enrollment_code_retention_days: float = 90.0
    """Used, revoked and expired enrollment codes are deleted this long after."""
    purge_interval_s: float = 3600.0
    """The server sweeps at start-up and then this often; 0 turns the in-server sweep off."""
    low_disk_mb: float = 500.0
    """The fleet page warns when a terminal reports less free disk than this."""
    login_max_failures: int = 5
    """Consecutive failed logins for one user name that lock it (known or not)."""
    login_lockout_minutes: float = 15.0
    """How long such a user name stays locked (even the right password is refused)."""
    login_address_max_failures: int = 20
    """Failed logins one client address may make per window; 0 turns the limit off."""
    login_address_window_minutes: float = 15.0
    """The per-address window; an address over its limit is refused until the window ends."""

    def check(self) -> None:
        """Refuse values that would only fail later, on a click (ValueError, names the field)."""
        check_code_valid_days(self.enrollment_code_valid_days, "enrollment_code_valid_days")
        if self.login_max_failures < 1:
            raise ValueError("login_max_failures must be at least 1")
        if self.login_address_max_failures < 0:
            raise ValueError("login_address_max_failures must be 0 (off) or more")
        for name in ("login_lockout_minutes", "login_address_window_minutes"):
            if not 0 < getattr(self, name) <= 10 * 24 * 60:
                raise ValueError(f"{name} must be positive and at most ten days")

    @property
    def effective_db_url(self) -> str:
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'central.sqlite3'}"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"
