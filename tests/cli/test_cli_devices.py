"""``kiosk device`` and the device rows of ``kiosk doctor``, on simulators and real adapters
(the loopback TCP fake printer and the pty-emulated SAM ID-card reader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from tests.emulators.sam_reader_emulator import SamReaderEmulator, elderly_1938
from tests.fakes.tcp_printer import FakeTcpPrinter, decode_page


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("KIOSK_PATHS__DATA_DIR", str(d))
    monkeypatch.setenv("KIOSK_DEVICES__PRINTER__OUTPUT_DIR", str(tmp_path / "printed"))
    return d


def test_device_list_with_simulators(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["device", "list"]) == 0
    out = capsys.readouterr().out
    assert "card reader (simulator)" in out
    assert "receipt printer (simulator)" in out
    assert "camera (simulator)" in out
    assert "FAIL" not in out


def test_device_test_card_simulator_shows_masked_identity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["device", "test", "card", "--timeout", "5"]) == 0
    out = capsys.readouterr().out
    assert "********" in out  # the number is masked
    assert "please take the card" in out


def test_device_test_printer_simulator_writes_png(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["device", "test", "printer"]) == 0
    assert list((tmp_path / "printed").glob("*.png"))
    assert "test page printed" in capsys.readouterr().out


def test_device_test_camera_simulator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["device", "test", "camera"]) == 0
    out = capsys.readouterr().out
    assert "resolution: " in out
    assert "document: found" in out


def test_device_test_printer_over_tcp(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeTcpPrinter() as printer:
        monkeypatch.setenv("KIOSK_DEVICES__PRINTER__KIND", "network")
        monkeypatch.setenv("KIOSK_DEVICES__PRINTER__HOST", "127.0.0.1")
        monkeypatch.setenv("KIOSK_DEVICES__PRINTER__TCP_PORT", str(printer.port))
        assert main(["device", "test", "printer"]) == 0
        page = decode_page(printer.received)
    assert page.width in (512, 576)
    assert page.height > 200
    assert "test page printed" in capsys.readouterr().out


def test_paper_out_fails_device_test_and_doctor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeTcpPrinter(paper="out") as printer:
        monkeypatch.setenv("KIOSK_DEVICES__PRINTER__KIND", "network")
        monkeypatch.setenv("KIOSK_DEVICES__PRINTER__TCP_PORT", str(printer.port))
        assert main(["device", "test", "printer"]) == 1
        assert "paper_out" in capsys.readouterr().err
        assert main(["doctor"]) == 1
        assert "NOT ready" in capsys.readouterr().out


def test_device_test_card_over_serial_emulator(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with SamReaderEmulator() as emulator:
        emulator.insert(elderly_1938())
        monkeypatch.setenv("KIOSK_DEVICES__CARD_READER__KIND", "sam-serial")
        monkeypatch.setenv("KIOSK_DEVICES__CARD_READER__PORT", emulator.port)
        assert main(["device", "test", "card", "--timeout", "10"]) == 0
    out = capsys.readouterr().out
    assert "source: id_card" in out
    assert "valid until: long-term" in out


def test_doctor_fails_for_missing_serial_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DEVICES__CARD_READER__KIND", "sam-serial")
    monkeypatch.setenv("KIOSK_DEVICES__CARD_READER__PORT", str(tmp_path / "ttyUSB9"))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "card reader (sam-serial)" in out
