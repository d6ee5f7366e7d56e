"""Shared helpers for the store tests: a controllable clock and a one-call store opener."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.store import Store, open_database

STATION = "LX03"
SALT = b"test-salt-0123456789abcdef"


class FakeClock:
    """UTC clock that only moves when the test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 3, 14, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def open_store(data_dir: Path, clock: FakeClock | None = None, **kwargs: Any) -> Store:
    return open_database(data_dir, clock=clock or FakeClock(), station_code=STATION, **kwargs)


def new_draft(store: Store, **values: Any) -> str:
    draft = store.drafts.create(form_id="residence_permit", form_version=3, matter_code="M001")
    for name, value in values.items():
        store.drafts.autosave(draft.id, name, value)
    return draft.id


@contextmanager
def mounted(*args: str, target: Path) -> Iterator[bool]:
    """Mount something for a test; yields False (and mounts nothing) where mount is refused."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", *args, str(target)], capture_output=True, check=False)
        ok = done.returncode == 0
    except FileNotFoundError:
        ok = False
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", str(target)], check=True)
