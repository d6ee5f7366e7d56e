"""``kiosk run``'s two-step start-up: the real home screen is painted from the settings alone,
then the services are opened and the rest of the UI is built from the event loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from config.settings import load_settings
from kiosk import bootstrap
from kiosk.errors import KioskError


def test_run_paints_the_home_screen_before_opening_the_services(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    from ui import app as ui_app
    from ui.main_window import KioskWindow
    from ui.screens.home import HomeScreen

    events: list[Any] = []
    original = HomeScreen.paintEvent

    def painted(self: HomeScreen, event: Any) -> None:
        original(self, event)
        events.append(("painted", self))

    monkeypatch.setattr(HomeScreen, "paintEvent", painted)
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    opened: list[Any] = []
    seen: dict[str, Any] = {}

    def window() -> KioskWindow:
        return next(w for w in qapp.topLevelWidgets() if isinstance(w, KioskWindow))

    def open_services() -> Any:
        events.append(("services", None))
        opened.append(bootstrap.build_services(settings))
        timer.start()
        return opened[-1]

    def built() -> None:
        w = window()
        if w.stack.count() > 1:  # the controller has added every other screen
            timer.stop()
            seen["current"] = w.current_screen
            seen["screens"] = w.stack.count()
            seen["overlay"] = w.idle_overlay
            w.allow_close()  # what the PIN check does before it signals the exit
            w.technicianExit.emit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(built)
    try:
        assert ui_app.run(settings, open_services) == 0
    finally:
        for services in opened:
            services.close()
    assert [kind for kind, _ in events[:2]] == ["painted", "services"]
    home = events[0][1]
    assert seen["current"] is home  # the controller adopted the painted home screen
    assert seen["screens"] > 5 and seen["overlay"] is not None


def test_run_raises_what_opening_the_services_raised(qapp: Any, tmp_path: Path) -> None:
    from ui import app as ui_app
    from ui.main_window import KioskWindow

    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})

    def open_services() -> Any:
        raise KioskError("error.store.unavailable")

    with pytest.raises(KioskError) as raised:
        ui_app.run(settings, open_services)
    assert raised.value.key == "error.store.unavailable"
    assert not any(isinstance(w, KioskWindow) and w.isVisible() for w in qapp.topLevelWidgets())
