from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import SETTINGS_VERSION, Settings, SettingsError, load_settings


def test_defaults_use_simulators_and_local_platform() -> None:
    s = load_settings(environ={})
    assert s.settings_version == SETTINGS_VERSION
    assert s.devices.card_reader.kind == "simulator"
    assert s.devices.printer.kind == "simulator"
    assert s.devices.camera.kind == "simulator"
    assert s.platform.url == ""
    assert s.terminal.default_language == "zh_CN"


def test_shipped_defaults_equal_model_defaults() -> None:
    # The TOML and the model must not drift apart silently.
    assert load_settings(environ={}) == Settings()


def test_site_file_overrides_defaults(tmp_path: Path) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text(
        'settings_version = 2\n[devices.printer]\nkind = "network"\nhost = "10.0.0.9"\n'
        "paper_mm = 58\n",
        encoding="utf-8",
    )
    s = load_settings(f, environ={})
    assert s.devices.printer.kind == "network"
    assert s.devices.printer.host == "10.0.0.9"
    assert s.devices.printer.effective_width_px == 384
    assert s.devices.card_reader.kind == "simulator"  # untouched default


def test_env_overrides_win_and_are_typed(tmp_path: Path) -> None:
    s = load_settings(
        environ={
            "KIOSK_SESSION__IDLE_TIMEOUT_S": "120",
            "KIOSK_TERMINAL__ELDER_MODE_DEFAULT": "true",
            "KIOSK_PATHS__DATA_DIR": str(tmp_path),
        }
    )
    assert s.session.idle_timeout_s == 120
    assert s.terminal.elder_mode_default is True
    assert s.paths.resolved_data_dir() == tmp_path


def test_kiosk_config_env_names_the_file(tmp_path: Path) -> None:
    f = tmp_path / "site.toml"
    f.write_text('[terminal]\nstation_name = "测试站"\n', encoding="utf-8")
    s = load_settings(environ={"KIOSK_CONFIG": str(f)})
    assert s.terminal.station_name == "测试站"


@pytest.mark.parametrize(
    ("toml", "field", "hint"),
    [
        ('[devices.printer]\nkind = "laser"\n', "devices.printer.kind", "'network'"),
        ("[session]\nidle_timeout_s = 5\n", "session.idle_timeout_s", "greater than"),
        ('[terminal]\nregion_code = "37A"\n', "terminal.region_code", "pattern"),
        ("[devices.card_reader]\nbaud = 1200\n", "devices.card_reader.baud", "115200"),
        ('[platform]\nurl = "ftp://x"\n', "platform.url", "http"),
        ("[terminal]\nstation_nmae = 1\n", "terminal.station_nmae", "unknown setting"),
        ("[session]\nwarning_s = 100\nidle_timeout_s = 60\n", "session", "shorter"),
    ],
)
def test_invalid_file_names_field_value_and_allowed(
    tmp_path: Path, toml: str, field: str, hint: str
) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(f, environ={})
    fields = [p[0] for p in info.value.problems]
    assert field in fields
    assert hint in str(info.value)
    assert str(f) in str(info.value)


def test_unparsable_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[terminal\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unparsable"):
        load_settings(bad, environ={})
    with pytest.raises(SettingsError, match="missing"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_version_1_layout_is_migrated(tmp_path: Path) -> None:
    f = tmp_path / "v1.toml"
    f.write_text(
        'settings_version = 1\n[terminal]\nidle_timeout = 200\n[printer]\nkind = "file"\n',
        encoding="utf-8",
    )
    s = load_settings(f, environ={})
    assert s.devices.printer.kind == "file"
    assert s.session.idle_timeout_s == 200


def test_future_version_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "v9.toml"
    f.write_text("settings_version = 9\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="settings_version"):
        load_settings(f, environ={})


def test_env_overrides_of_text_settings_that_look_like_numbers() -> None:
    # KIOSK_* values are parsed as TOML scalars; a hotline or PIN is still text.
    s = load_settings(
        environ={
            "KIOSK_TERMINAL__HOTLINE": "96123",
            "KIOSK_TERMINAL__TECHNICIAN_PIN": "135790",
            "KIOSK_TERMINAL__STATION_CODE": "12",
            "KIOSK_DEVICES__CARD_READER__BAUD": "9600",
        }
    )
    assert s.terminal.hotline == "96123"
    assert s.terminal.technician_pin == "135790"
    assert s.terminal.station_code == "12"
    assert s.devices.card_reader.baud == 9600


def test_conflicting_env_overrides_name_the_variable() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(environ={"KIOSK_TERMINAL__ID": "x", "KIOSK_TERMINAL__ID__MORE": "y"})
    assert "terminal.id" in [p[0] for p in info.value.problems]


def test_an_invalid_pin_is_not_echoed() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(environ={"KIOSK_TERMINAL__TECHNICIAN_PIN": "12ab"})
    assert "12ab" not in str(info.value)
    assert "terminal.technician_pin" in str(info.value)


def test_voice_guidance_is_off_by_default_and_switchable(tmp_path: Path) -> None:
    s = load_settings(environ={})
    assert s.terminal.voice_guidance is False and s.terminal.voice_engine == "speechd"
    on = load_settings(
        environ={"KIOSK_TERMINAL__VOICE_GUIDANCE": "true", "KIOSK_TERMINAL__VOICE_ENGINE": "mock"}
    )
    assert on.terminal.voice_guidance is True and on.terminal.voice_engine == "mock"
    site = tmp_path / "kiosk.toml"
    site.write_text('[terminal]\nvoice_guidance = "loud"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(path=site, environ={})
    assert "terminal.voice_guidance" in str(err.value)


def test_retention_settings_default_for_older_site_files_and_are_checked(tmp_path: Path) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text("settings_version = 2\n[storage]\nretention_days = 14\n", encoding="utf-8")
    s = load_settings(f, environ={})  # a site file written before the audit/status periods
    assert s.storage.retention_days == 14
    assert (s.storage.audit_retention_days, s.storage.status_cache_retention_days) == (180, 90)
    s = load_settings(
        f,
        environ={
            "KIOSK_STORAGE__AUDIT_RETENTION_DAYS": "365",
            "KIOSK_STORAGE__STATUS_CACHE_RETENTION_DAYS": "30",
        },
    )
    assert (s.storage.audit_retention_days, s.storage.status_cache_retention_days) == (365, 30)
    with pytest.raises(SettingsError, match="audit_retention_days"):
        load_settings(f, environ={"KIOSK_STORAGE__AUDIT_RETENTION_DAYS": "0"})
    assert s.storage.saved_draft_retention_days == 30
    with pytest.raises(SettingsError, match="saved_draft_retention_days"):
        load_settings(f, environ={"KIOSK_STORAGE__SAVED_DRAFT_RETENTION_DAYS": "0"})
