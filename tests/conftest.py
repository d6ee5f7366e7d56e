"""Hermetic test set-up: no real user config, temp HOME/XDG dirs, no KIOSK_* leaking in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _hermetic_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    saved = dict(os.environ)
    for key in list(os.environ):
        if key.startswith("KIOSK_"):
            del os.environ[key]
    os.environ["HOME"] = str(home)
    os.environ["XDG_CONFIG_HOME"] = str(home / ".config")
    os.environ["XDG_DATA_HOME"] = str(home / ".local" / "share")
    os.environ["XDG_CACHE_HOME"] = str(home / ".cache")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(home / "escpos")
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh kiosk data directory."""
    d = tmp_path / "data"
    d.mkdir()
    return d
