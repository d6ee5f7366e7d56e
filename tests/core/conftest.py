"""Fixtures the core store tests share: a frozen clock and a real SQLite store in a temp dir.

A module that needs something else defines its own ``clock`` / ``store`` (it wins over these).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store import Store
from tests.core.store_support import FakeClock, open_store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    with open_store(data_dir, clock) as s:
        yield s
