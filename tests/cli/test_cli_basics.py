from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main


@pytest.fixture
def site_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[paths]\ndata_dir = "{data}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(cfg))
    return cfg


def test_config_check_ok(site_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check"]) == 0
    assert "settings ok" in capsys.readouterr().out


def test_config_check_names_bad_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[devices.camera]\nkind = "webcam"\n', encoding="utf-8")
    assert main(["--config", str(bad), "config", "check"]) == 1
    err = capsys.readouterr().err
    assert "devices.camera.kind" in err
    assert "'webcam'" in err


def test_config_show_hides_pin(site_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert 'technician_pin = "******"' in out
    assert "246810" not in out


def test_doctor_ready_on_this_machine(
    site_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "CJK font" in out
    assert "ready" in out


def test_doctor_fails_when_data_dir_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")  # mkdir below a file fails even for root
    monkeypatch.setenv("KIOSK_PATHS__DATA_DIR", str(blocker / "data"))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out
    assert "NOT ready" in out
