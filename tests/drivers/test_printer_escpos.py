"""EscposReceiptPrinter against a loopback TCP fake printer: status, paper out, offline, and
the printed QR code read back from the raster bytes by an independent decoder."""

from __future__ import annotations

import os
import pty
import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import zxingcpp

from drivers.printer.escpos_printer import (
    EscposReceiptPrinter,
    encode_job,
    import_escpos,
    paper_state,
)
from drivers.printer.render import ReceiptRenderer
from drivers.printer.settings import (
    EscposSettings,
    FileConnection,
    NetworkConnection,
    RenderSettings,
    SerialConnection,
)
from kiosk.errors import PaperOutError, PrinterError, PrinterOfflineError
from kiosk.ports.device import DeviceState
from kiosk.ports.printer import ReceiptPrinter
from kiosk.receipts import QueueTicket, ReceiptContent, build_receipt
from tests.fakes.tcp_printer import FakeTcpPrinter, _StreamParser, decode_page, decode_raster

NOW = datetime(2024, 5, 6, 14, 30)
TRACKING = "JN2024050600123"
GS_V_0 = b"\x1dv0"
FULL_CUT = b"\x1dV\x00"


def content() -> ReceiptContent:
    return build_receipt(
        station_name="历下区泉城路街道便民服务站",
        printed_at=NOW,
        matter_name="城乡居民基本医疗保险参保登记",
        tracking_number=TRACKING,
        applicant_name="张*",
        id_number="370102********123X",
        time_limit_days=5,
        delivery="pickup",
        materials_received=["居民身份证"],
        # enough lines to make the image taller than 960 dots: escpos splits it
        next_steps=["请保持电话畅通，工作人员将电话联系您。"] * 12,
    )


@pytest.fixture
def fake() -> Iterator[FakeTcpPrinter]:
    with FakeTcpPrinter() as printer:
        yield printer


def network_printer(
    fake: FakeTcpPrinter, *, profile: str = "TM-T88V", timeout: float = 2.0, paper_mm: int = 80
) -> EscposReceiptPrinter:
    conn = NetworkConnection(fake.host, fake.port, timeout_s=timeout)
    return EscposReceiptPrinter(EscposSettings(conn, profile=profile, paper_mm=paper_mm))


def test_adapter_satisfies_the_port(fake: FakeTcpPrinter) -> None:
    printer: ReceiptPrinter = network_printer(fake)
    assert printer.status().state is DeviceState.READY


@pytest.mark.parametrize(
    ("paper", "state"),
    [("ok", DeviceState.READY), ("near_end", DeviceState.MEDIA_LOW), ("out", DeviceState.NO_MEDIA)],
)
def test_status_from_dle_eot(fake: FakeTcpPrinter, paper: str, state: DeviceState) -> None:
    fake.paper = paper  # type: ignore[assignment]
    status = network_printer(fake).status()
    assert status.state is state
    assert status.message_key.startswith("device.printer.")
    fake.wait_for_connections(1)
    assert fake.status_queries == [4]


def test_silence_is_unknown_not_ok(fake: FakeTcpPrinter) -> None:
    fake.paper = "silent"
    assert network_printer(fake, timeout=0.2).status().state is DeviceState.UNKNOWN


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        (b"", DeviceState.UNKNOWN),
        (b"\x00", DeviceState.UNKNOWN),
        (b"\xff", DeviceState.UNKNOWN),
        (b"\x12", DeviceState.READY),
        (b"\x1e", DeviceState.MEDIA_LOW),
        (b"\x72", DeviceState.NO_MEDIA),
        (b"\x52", DeviceState.NO_MEDIA),
        (b"\x16", DeviceState.MEDIA_LOW),
    ],
)
def test_paper_state_byte(answer: bytes, state: DeviceState) -> None:
    assert paper_state(answer) is state


def test_printing_while_out_of_paper_sends_no_raster(fake: FakeTcpPrinter) -> None:
    fake.paper = "out"
    with pytest.raises(PaperOutError):
        network_printer(fake).print_receipt(content())
    fake.wait_for_connections(1)
    assert fake.status_queries == [4]
    assert GS_V_0 not in fake.received
    assert fake.received == b"\x10\x04\x04"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_offline_printer() -> None:
    conn = NetworkConnection("127.0.0.1", closed_port(), timeout_s=1.0)
    printer = EscposReceiptPrinter(EscposSettings(conn))
    status = printer.status()
    assert status.state is DeviceState.OFFLINE
    with pytest.raises(PrinterOfflineError) as info:
        printer.print_receipt(content())
    assert isinstance(info.value.__cause__, Exception)  # translated, cause kept for the log
    assert "ConnectionRefusedError" in info.value.detail


def test_printed_qr_code_carries_the_tracking_number(fake: FakeTcpPrinter) -> None:
    """Decode the GS v 0 raster the printer received and read the QR with zxing-cpp."""
    network_printer(fake).print_receipt(content())
    fake.wait_for_connections(1)
    data = fake.received
    chunks = decode_raster(data)
    assert len(chunks) >= 2  # taller than 960 dots: escpos split it
    assert all(c.width == 512 for c in chunks)
    assert all(c.height <= 960 for c in chunks)
    page = decode_page(data)
    codes = [r.text for r in zxingcpp.read_barcodes(np.asarray(page))]
    assert codes == [TRACKING]
    assert data.endswith(b"\x1bd\x06" + FULL_CUT)  # TM-T88V has a cutter: feed, then cut


def test_near_end_still_prints(fake: FakeTcpPrinter) -> None:
    fake.paper = "near_end"
    network_printer(fake).print_ticket(QueueTicket("A012", "社保业务", 3, NOW))
    fake.wait_for_connections(1)
    assert GS_V_0 in fake.received


def test_unknown_status_still_prints(fake: FakeTcpPrinter) -> None:
    """A printer that does not answer real-time status must not become unusable."""
    fake.paper = "silent"
    network_printer(fake, timeout=0.2).print_test_page()
    fake.wait_for_connections(1)
    page = decode_page(fake.received)
    assert [r.text for r in zxingcpp.read_barcodes(np.asarray(page))] == ["TEST-0000"]


def test_58mm_profile_without_cutter_feeds_instead(fake: FakeTcpPrinter) -> None:
    network_printer(fake, profile="POS-5890", paper_mm=58).print_ticket(
        QueueTicket("B007", "民政业务", 0, NOW)
    )
    fake.wait_for_connections(1)
    data = fake.received
    assert decode_page(data).width == 384
    assert data.endswith(b"\x1bd\x06")  # ESC d 6: feed to the tear bar
    assert b"\x1dV" not in data[-16:]


def test_image_wider_than_profile_is_refused_before_sending(fake: FakeTcpPrinter) -> None:
    conn = NetworkConnection(fake.host, fake.port, timeout_s=1.0)
    printer = EscposReceiptPrinter(
        EscposSettings(conn, profile="POS-5890", paper_mm=58), RenderSettings(width_px=576)
    )
    with pytest.raises(PrinterError) as info:
        printer.print_receipt(content())
    assert info.value.key == "error.printer.config"
    assert fake.received == b""


def test_file_printer_has_unknown_status_and_writes_the_job(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    target.touch()
    printer = EscposReceiptPrinter(EscposSettings(FileConnection(target)))
    assert printer.status().state is DeviceState.UNKNOWN
    printer.print_ticket(QueueTicket("A001", "社保业务", 1, NOW))
    assert GS_V_0 in target.read_bytes()


def test_file_printer_permission_denied_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Errno 13 (missing udev rule) gets its own key so the technician screen can say so."""
    file_module = import_escpos().file  # imported the kiosk's way (capabilities cache dir)

    def denied(path: str, mode: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    # The outermost OS seam: tests often run as root, where file modes are not enforced.
    monkeypatch.setattr(file_module, "open", denied, raising=False)
    printer = EscposReceiptPrinter(EscposSettings(FileConnection(tmp_path / "lp0")))
    with pytest.raises(PrinterOfflineError) as info:
        printer.print_ticket(QueueTicket("A001", "社保业务", 1, NOW))
    assert info.value.key == "error.printer.permission_denied"
    assert printer.status().state is DeviceState.OFFLINE


def test_encode_job_matches_what_is_sent(fake: FakeTcpPrinter) -> None:
    image = ReceiptRenderer(RenderSettings(width_px=512)).render_receipt(content())
    job = encode_job(image, "TM-T88V")
    network_printer(fake).print_receipt(content())
    fake.wait_for_connections(1)
    assert fake.received == b"\x10\x04\x04" + job


def test_fake_parser_skips_raster_data_that_looks_like_a_status_query() -> None:
    parser = _StreamParser()
    raster = GS_V_0 + b"\x00\x02\x00\x01\x00" + b"\x10\x04"  # 2x1 bytes of image data
    assert parser.feed(raster[:5]) == []  # header split across chunks
    assert parser.feed(raster[5:] + b"\x10\x04") == []
    assert parser.feed(b"\x01") == [1]


def test_unknown_profile_is_a_config_error_not_a_crash(fake: FakeTcpPrinter) -> None:
    printer = network_printer(fake, profile="NO-SUCH-PRINTER")
    status = printer.status()
    assert status.state is DeviceState.ERROR
    assert status.params["reason"] == "error.printer.config"
    with pytest.raises(PrinterError):
        printer.print_test_page()


def test_serial_printer_that_takes_no_data_times_out_instead_of_hanging() -> None:
    """A serial printer that stops taking bytes (flow control held, buffer full) must end the
    job with a timeout: pyserial writes have no timeout unless one is set, and python-escpos
    does not set one (and flushes on close)."""
    master, slave = pty.openpty()  # nobody reads the master: the pty buffer fills up
    try:
        conn = SerialConnection(os.ttyname(slave), timeout_s=0.3)
        printer = EscposReceiptPrinter(EscposSettings(conn))
        outcome: list[BaseException | None] = []

        def job() -> None:
            try:
                printer.print_receipt(content())
                outcome.append(None)
            except BaseException as err:  # handed to the test thread
                outcome.append(err)

        worker = threading.Thread(target=job, daemon=True)
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "print job blocked on a serial write"
        assert len(outcome) == 1
        assert isinstance(outcome[0], PrinterError)
        assert outcome[0].key == "error.printer.timeout"
    finally:
        os.close(master)  # also unblocks a hung writer (EIO) so nothing leaks
        os.close(slave)
