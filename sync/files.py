"""The two small files the sync package keeps next to the store, both written atomically.

``credentials.json`` (mode 0600): the terminal's API token and the resident-key salt handed out
once at enrollment. It is a secret: never logged, never shown, never inside the database (so a
database copied off for support carries no token).

``sync-state.json``: what must survive a restart but is not a submission: the status-change
cursor, the catalogue ETag (and the ETag of a refused catalogue, so it is not fetched again and
again), the last authorisation verdict (``kiosk doctor`` runs in another process and shows
"terminal not authorised" from it), the last success and the last retention purge.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from kiosk.fileio import write_atomic

CREDENTIALS_FILE = "credentials.json"
STATE_FILE = "sync-state.json"


@dataclass(frozen=True)
class Credentials:
    platform_url: str
    terminal_id: str
    station: str
    token: str = field(repr=False)
    resident_key_salt: str = field(repr=False)
    enrolled_at: str = ""

    @property
    def fingerprint(self) -> str:
        """Identifies a token without revealing it (pause bookkeeping, doctor)."""
        return token_fingerprint(self.token)


def token_fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]


def save_credentials(data_dir: Path, credentials: Credentials) -> Path:
    path = data_dir / CREDENTIALS_FILE
    write_atomic(path, json.dumps(asdict(credentials), indent=2).encode("utf-8"), 0o600)
    return path


def load_credentials(data_dir: Path) -> Credentials | None:
    """None when the terminal is not enrolled (or the file is unreadable/damaged)."""
    try:
        raw = json.loads((data_dir / CREDENTIALS_FILE).read_text(encoding="utf-8"))
        return Credentials(**{f.name: str(raw.get(f.name, "")) for f in fields(Credentials)})
    except (OSError, ValueError, TypeError, AttributeError):
        return None


@dataclass
class SyncMemo:
    cursor: int = 0
    catalog_etag: str | None = None
    rejected_catalog_etag: str | None = None
    catalog_problem: str | None = None
    auth_problem: str | None = None  # message key of the last 401/403, None when fine
    paused_token: str | None = None  # fingerprint of the token the pause applies to
    last_attempt_at: str | None = None
    last_success_at: str | None = None
    last_problem: str | None = None
    last_purge_at: str | None = None

    @classmethod
    def load(cls, data_dir: Path) -> SyncMemo:
        try:
            raw: Any = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        memo = cls()
        for key, value in raw.items():
            if key in known:
                setattr(memo, key, value)
        if not isinstance(memo.cursor, int):
            memo.cursor = 0
        return memo

    def save(self, data_dir: Path) -> None:
        write_atomic(data_dir / STATE_FILE, json.dumps(asdict(self), indent=2).encode(), 0o600)
