"""SimulatedReceiptPrinter: PNG output from the shared renderer, and its fault switches."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from drivers.printer.settings import RenderSettings
from drivers.simulated import printer as simulated_printer
from drivers.simulated.printer import SimulatedReceiptPrinter
from kiosk.errors import PaperOutError, PrinterOfflineError
from kiosk.ports.device import DeviceState
from kiosk.ports.printer import ReceiptPrinter
from kiosk.receipts import QueueTicket, build_receipt

NOW = datetime(2024, 5, 6, 14, 30)
RECEIPT = build_receipt(
    station_name="泉城路街道便民服务站",
    printed_at=NOW,
    matter_name="居民参保登记",
    tracking_number="JN2024/0506-7",
    applicant_name="李*敏",
    id_number="370102********1234",
    time_limit_days=0,
    delivery="pickup",
)


def make(tmp_path: Path) -> SimulatedReceiptPrinter:
    return SimulatedReceiptPrinter(
        tmp_path / "out", RenderSettings(width_px=384), clock=lambda: NOW
    )


def test_writes_png_receipt_with_readable_qr(tmp_path: Path) -> None:
    printer: ReceiptPrinter = make(tmp_path)
    printer.print_receipt(RECEIPT)
    files = sorted((tmp_path / "out").glob("*.png"))
    assert len(files) == 1
    assert "/" not in files[0].name and files[0].name.endswith("-receipt-JN2024_0506-7.png")
    with Image.open(files[0]) as img:
        assert img.width == 384
        codes = [r.text for r in zxingcpp.read_barcodes(np.asarray(img.convert("L")))]
    assert codes == ["JN2024/0506-7"]


def test_every_print_is_a_new_file(tmp_path: Path) -> None:
    printer = make(tmp_path)
    printer.print_ticket(QueueTicket("A001", "社保业务", 2, NOW))
    printer.print_ticket(QueueTicket("A001", "社保业务", 2, NOW))
    printer.print_test_page()
    assert len(set(printer.printed)) == 3
    assert all(p.is_file() for p in printer.printed)


def test_remembers_only_the_newest_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One receipt per resident for months: the list of printed files must not grow forever."""
    monkeypatch.setattr(simulated_printer, "PRINTED_KEPT", 3)
    printer = make(tmp_path)
    for _ in range(5):
        printer.print_test_page()
    assert len(printer.printed) == 3
    assert printer.printed[-1] == sorted((tmp_path / "out").glob("*.png"))[-1]


def test_fault_switches(tmp_path: Path) -> None:
    printer = make(tmp_path)
    assert printer.status().state is DeviceState.READY
    printer.paper_low = True
    assert printer.status().state is DeviceState.MEDIA_LOW
    printer.print_receipt(RECEIPT)  # near end still prints
    printer.paper_out = True
    assert printer.status().state is DeviceState.NO_MEDIA
    with pytest.raises(PaperOutError):
        printer.print_receipt(RECEIPT)
    printer.offline = True
    assert printer.status().state is DeviceState.OFFLINE
    with pytest.raises(PrinterOfflineError):
        printer.print_test_page()
    assert len(printer.printed) == 1  # failed jobs wrote nothing


def test_escpos_stays_off_the_start_up_path() -> None:
    """The simulator, renderer and port must not import python-escpos (~13 MB)."""
    import subprocess
    import sys

    code = (
        "import sys, drivers.simulated.printer, drivers.printer.escpos_printer;"
        "import kiosk.ports.printer; print('escpos' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
