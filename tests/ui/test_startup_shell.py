"""``kiosk run`` from the raw shell values: no pydantic before the first paint, the full
settings validated right after it (an invalid file still stops start-up with its message)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from config.settings import SettingsError, load_settings
from config.shell import shell_values
from kiosk import bootstrap


def test_the_first_frame_imports_no_pydantic() -> None:
    code = (
        "import sys, config.shell, kiosk.bootstrap, ui.app, ui.theme, ui.i18n, ui.main_window, "
        "ui.screens.home; sys.exit('pydantic' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_invalid_settings_stop_start_up_after_the_first_paint(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import app as ui_app
    from ui.main_window import KioskWindow
    from ui.screens.home import HomeScreen

    events: list[str] = []
    original = HomeScreen.paintEvent

    def painted(self: HomeScreen, event: Any) -> None:
        original(self, event)
        events.append("painted")

    monkeypatch.setattr(HomeScreen, "paintEvent", painted)
    env = {"KIOSK_PATHS__DATA_DIR": str(tmp_path), "KIOSK_SESSION__WARNING_S": "500"}
    with pytest.raises(SettingsError) as expected:
        load_settings(environ=env)

    def open_services() -> Any:
        events.append("validate")
        return bootstrap.build_services(load_settings(environ=env))

    with pytest.raises(SettingsError) as raised:
        ui_app.run(shell_values(environ=env), open_services)
    assert str(raised.value) == str(expected.value)
    assert events[:2] == ["painted", "validate"]
    assert not any(isinstance(w, KioskWindow) and w.isVisible() for w in qapp.topLevelWidgets())


def test_shell_values_shape_the_first_frame(qapp: Any) -> None:
    from ui import app as ui_app

    shell = shell_values(
        environ={
            "KIOSK_TERMINAL__ORIENTATION": "landscape",
            "KIOSK_TERMINAL__DEFAULT_LANGUAGE": "en",
        }
    )
    ui = ui_app.build_shell(shell)
    try:
        assert ui_app.window_size(shell) == ui_app.LANDSCAPE
        assert (ui.window.width(), ui.window.height()) == ui_app.LANDSCAPE
        assert ui.languages.language == "en"
        assert ui.home.state is not None and not ui.home.state.portrait
    finally:
        ui.close()


def test_the_attract_pulse_is_made_on_first_use(qapp: Any) -> None:
    from PySide6.QtCore import QAbstractAnimation

    from ui.screens.home import HomeScreen, HomeState

    home = HomeScreen()
    try:
        assert home._pulse is None and home.attract.graphicsEffect() is None
        home.render(HomeState(attract=True))
        assert home._pulse is not None and home._fade is not None
        assert home._pulse.state() is QAbstractAnimation.State.Running
        home.render(HomeState())
        assert home._pulse.state() is QAbstractAnimation.State.Stopped
        assert home._fade.opacity() == 1.0
    finally:
        home.deleteLater()
