"""``config.shell``: the first frame's raw settings, read by the rules ``load_settings`` validates,
without importing pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import SettingsError, load_settings
from config.shell import ShellValues, shell_values

FIELDS = (
    "station_name",
    "station_name_en",
    "default_language",
    "orientation",
    "elder_mode_default",
    "technician_pin",
)


def same_as_validated(shell: ShellValues, path: Path | None, env: dict[str, str]) -> None:
    terminal = load_settings(path, environ=env).terminal
    assert {f: getattr(shell.terminal, f) for f in FIELDS} == {
        f: getattr(terminal, f) for f in FIELDS
    }


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"KIOSK_TERMINAL__DEFAULT_LANGUAGE": "en", "KIOSK_TERMINAL__ORIENTATION": "landscape"},
        {"KIOSK_TERMINAL__ELDER_MODE_DEFAULT": "true", "KIOSK_TERMINAL__STATION_NAME": "96123"},
        {"KIOSK_TERMINAL__ELDER_MODE_DEFAULT": "yes", "KIOSK_TERMINAL__TECHNICIAN_PIN": "1234"},
    ],
)
def test_shell_values_match_the_validated_settings(env: dict[str, str]) -> None:
    same_as_validated(shell_values(environ=env), None, env)


def test_site_file_and_environment_in_the_same_order(tmp_path: Path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(
        'settings_version = 1\n[terminal]\nstation_name = "趵突泉站"\norientation = "landscape"\n'
        "elder_mode_default = true\nidle_timeout = 120\n",
        encoding="utf-8",
    )
    env = {"KIOSK_CONFIG": str(site), "KIOSK_TERMINAL__ELDER_MODE_DEFAULT": "false"}
    shell = shell_values(environ=env)
    assert (shell.station_name, shell.orientation, shell.elder_mode_default) == (
        "趵突泉站",
        "landscape",
        False,
    )
    same_as_validated(shell, None, env)


def test_a_value_the_models_reject_falls_back_for_the_frame_only() -> None:
    env = {"KIOSK_TERMINAL__ORIENTATION": "diagonal", "KIOSK_TERMINAL__DEFAULT_LANGUAGE": "fr"}
    shell = shell_values(environ=env)
    assert (shell.orientation, shell.default_language) == ("portrait", "zh_CN")
    with pytest.raises(SettingsError, match=r"terminal\.orientation"):
        load_settings(environ=env)


def test_an_unreadable_file_stops_both_with_the_same_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[terminal\n", encoding="utf-8")
    with pytest.raises(SettingsError) as shell_err:
        shell_values(bad, environ={})
    with pytest.raises(SettingsError) as full_err:
        load_settings(bad, environ={})
    assert str(shell_err.value) == str(full_err.value)


def test_importing_it_does_not_import_pydantic() -> None:
    code = (
        "import sys, config.shell; config.shell.shell_values(environ={}); "
        "sys.exit('pydantic' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
