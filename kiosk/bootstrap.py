"""The one composition root: settings in, wired services out.

Only this module imports concrete adapters from ``drivers`` (and later ``sync``), always lazily
inside the function that needs them, so start-up never pays for OpenCV, escpos or pyscard
unless that device is configured.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from config.settings import Settings
from kiosk import devices
from kiosk.diagnostics import (
    Check,
    CheckResult,
    Verdict,
    check_cjk_font,
    check_qt_platforms,
)
from kiosk.errors import KioskError
from kiosk.ports.camera import Camera, CodeScanner, DocumentScanner
from kiosk.ports.card import CardReader
from kiosk.ports.printer import ReceiptPrinter
from kiosk.store import Store, open_database


def data_dir(settings: Settings) -> Path:
    return settings.paths.resolved_data_dir()


def utc_now() -> datetime:
    """The production clock; tests inject their own."""
    return datetime.now(UTC)


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """Open (create, migrate, recover) the offline store in the configured data directory."""
    return open_database(
        data_dir(settings),
        clock=utc_now,
        station_code=settings.terminal.station_code,
        max_attachment_bytes=settings.storage.attachment_max_bytes,
        read_only=read_only,
    )


def check_database(settings: Settings) -> CheckResult:
    name = "database integrity"
    path = data_dir(settings)
    try:
        with open_store(settings) as store:
            ok = store.integrity_check()
            counts = store.outbox.counts()
    except KioskError as err:
        return CheckResult(name, Verdict.FAIL, err.key)
    if not ok:
        return CheckResult(name, Verdict.FAIL, f"integrity_check failed for {path}")
    depth = counts.get("queued", 0) + counts.get("sending", 0)
    stuck = counts.get("quarantined", 0)
    verdict = Verdict.WARN if stuck else Verdict.OK
    return CheckResult(name, verdict, f"ok; outbox {depth} waiting, {stuck} quarantined")


def check_data_dir(path: Path) -> CheckResult:
    """The data directory must exist (or be creatable) and accept a synced write."""
    name = "data directory writable"
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=path, prefix=".doctor-")
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
            Path(probe).unlink()
    except OSError as err:
        return CheckResult(name, Verdict.FAIL, f"{path}: {err.strerror or type(err).__name__}")
    free = _free_mb(path)
    verdict = Verdict.OK if free >= 500 else Verdict.WARN
    return CheckResult(name, verdict, f"{path} ({free} MB free)")


def _free_mb(path: Path) -> int:
    st = os.statvfs(path)
    return int(st.f_bavail * st.f_frsize // (1024 * 1024))


def doctor_checks(settings: Settings) -> list[Check]:
    d = data_dir(settings)
    checks: list[Callable[[], CheckResult]] = [
        check_qt_platforms,
        check_cjk_font,
        lambda: check_data_dir(d),
        lambda: check_database(settings),
        lambda: devices.check_card_reader(
            build_card_reader(settings), settings.devices.card_reader.kind
        ),
        lambda: devices.check_printer(build_printer(settings), settings.devices.printer.kind),
        lambda: devices.check_camera(build_camera(settings), settings.devices.camera.kind),
    ]
    return checks


# ==== devices: adapters chosen by config (simulators by default) ===========================
# Each builder imports its driver lazily so a kiosk configured for a USB printer never loads
# pyscard, and the UI's start-up never pays for OpenCV unless the camera screen opens.


def build_card_reader(settings: Settings) -> CardReader:
    cfg = settings.devices.card_reader
    if cfg.kind == "sam-serial":
        from drivers.idcard.sam_reader import SamSerialCardReader

        return SamSerialCardReader(
            cfg.port, baudrate=cfg.baud, photo_decoder=cfg.photo_decoder or None
        )
    if cfg.kind == "pcsc":
        from drivers.pcsc.reader import PcscCardReader

        return PcscCardReader(cfg.reader_name)
    from drivers.simulated.card import SimulatedCardReader

    return SimulatedCardReader.from_fixtures(
        Path(cfg.identities_file) if cfg.identities_file else None
    )


def build_printer(settings: Settings) -> ReceiptPrinter:
    from drivers.printer.settings import RenderSettings

    cfg = settings.devices.printer
    render = RenderSettings(
        width_px=cfg.effective_width_px, qr_url_template=cfg.qr_url_template or None
    )
    if cfg.kind == "simulator":
        from drivers.simulated.printer import SimulatedReceiptPrinter

        out = Path(cfg.output_dir) if cfg.output_dir else data_dir(settings) / "printed"
        return SimulatedReceiptPrinter(out, render)
    from drivers.printer.escpos_printer import EscposReceiptPrinter
    from drivers.printer.settings import (
        Connection,
        EscposSettings,
        FileConnection,
        NetworkConnection,
        SerialConnection,
        UsbConnection,
    )

    connection: Connection
    if cfg.kind == "network":
        connection = NetworkConnection(cfg.host, cfg.tcp_port, cfg.timeout_s)
    elif cfg.kind == "usb":
        connection = UsbConnection(
            cfg.usb_vendor_id,
            cfg.usb_product_id,
            cfg.usb_in_ep,
            cfg.usb_out_ep,
            int(cfg.timeout_s * 1000),
        )
    elif cfg.kind == "serial":
        connection = SerialConnection(cfg.serial_port, cfg.serial_baud, cfg.timeout_s)
    else:
        connection = FileConnection(Path(cfg.file_path))
    return EscposReceiptPrinter(
        EscposSettings(connection, profile=cfg.profile, paper_mm=cfg.paper_mm), render
    )


def build_camera(settings: Settings) -> Camera:
    cfg = settings.devices.camera
    if cfg.kind == "simulator":
        from drivers.simulated.camera import SimulatedCamera

        return SimulatedCamera(width=min(cfg.width, 1280), height=min(cfg.height, 720), fps=cfg.fps)
    from drivers.camera.source import OpenCvCamera

    source: int | str = cfg.index if cfg.kind == "index" else cfg.path
    return OpenCvCamera(source, width=cfg.width, height=cfg.height, fps=cfg.fps)


def build_document_scanner() -> DocumentScanner:
    from drivers.camera.document import DocumentCapturer

    return DocumentCapturer()


def build_code_scanner() -> CodeScanner:
    from drivers.camera.qr import QrScanner

    return QrScanner()


# ==== end devices ==========================================================================
