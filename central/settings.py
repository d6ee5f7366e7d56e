"""Settings of one central platform instance.

A plain frozen dataclass: the CLI and the tests build it explicitly, nothing is read from the
environment behind the caller's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    holidays: frozenset[str] = field(default_factory=frozenset)

    @property
    def effective_db_url(self) -> str:
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.data_dir / 'central.sqlite3'}"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"
