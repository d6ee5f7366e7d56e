"""Qt UI tests: offscreen, simulators, a fresh data directory per test, explicit teardown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# No input-method plugin in tests (the virtual keyboard steals focus offscreen); ui.app only
# sets QT_IM_MODULE when it is unset, and this runs before pytest-qt creates the application.
os.environ.setdefault("QT_IM_MODULE", "")

from kiosk.store import Store
from tests.ui.pages import Kiosk
from tests.ui.test_journey_service_support import FakeClock, open_test_store


@pytest.fixture
def make_kiosk(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """Factory: ``make_kiosk(language="en", elder=True, **env)`` → page object; torn down."""
    from config.settings import load_settings
    from kiosk.bootstrap import build_services
    from ui.app import build_ui

    built: list[tuple[Any, Any]] = []

    def factory(
        language: str = "zh_CN",
        elder: bool = False,
        speech: str | None = None,
        camera: bool = True,
        **env: str,
    ) -> Kiosk:
        data = tmp_path / f"data{len(built)}"
        environ = {"KIOSK_PATHS__DATA_DIR": str(data), **env}
        services = build_services(load_settings(environ=environ))
        if not camera:
            services.camera_factory = None
        clock = FakeMonotonic()
        services.monotonic = clock
        ui = build_ui(services, language=language, elder=elder, speech_engine=speech)
        ui.window.resize(540, 960)
        ui.window.show()
        built.append((ui, services))
        return Kiosk(ui, services, qtbot, clock)

    yield factory
    for ui, services in built:
        ui.close()
        services.close()


class FakeMonotonic:
    """Injected monotonic clock: tests move time instead of sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# -- the Qt-free journey service tests share these (real SQLite, frozen clock) ---------------
@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    with open_test_store(data_dir, clock) as s:
        yield s
