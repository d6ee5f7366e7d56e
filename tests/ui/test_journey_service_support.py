"""Shared set-up for the journey service tests (Qt-free): real SQLite, the sample catalogue,
a fake printer with fault switches, a clock that only moves when told."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from config.settings import Settings
from kiosk.errors import PaperOutError, PrinterOfflineError
from kiosk.identity import Identity, IdentitySource, identity_from_fields
from kiosk.ports.device import DeviceState, DeviceStatus
from kiosk.ports.printer import printer_status
from kiosk.receipts import QueueTicket, ReceiptContent
from kiosk.services.catalog import CatalogService
from kiosk.services.journey import JourneyService, StoreSource, WorkingCalendar
from kiosk.store import Store, open_database

SALT = b"journey-test-salt-0123456789"
STATION = "LX01"


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        # Friday 2025-03-14 10:00 in Jinan (02:00 UTC).
        self.now = start or datetime(2025, 3, 14, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakePrinter:
    """ReceiptPrinter with the same fault switches as the simulator; remembers what printed."""

    def __init__(self) -> None:
        self.paper_out = False
        self.offline = False
        self.printed: list[ReceiptContent] = []

    def status(self) -> DeviceStatus:
        if self.offline:
            return printer_status(DeviceState.OFFLINE)
        if self.paper_out:
            return printer_status(DeviceState.NO_MEDIA)
        return printer_status(DeviceState.READY)

    def print_receipt(self, content: ReceiptContent) -> None:
        if self.offline:
            raise PrinterOfflineError()
        if self.paper_out:
            raise PaperOutError()
        self.printed.append(content)

    def print_ticket(self, ticket: QueueTicket) -> None:
        raise AssertionError("not used")

    def print_test_page(self) -> None:
        raise AssertionError("not used")


def open_test_store(data_dir: Path, clock: FakeClock) -> Store:
    return open_database(data_dir, clock=clock, station_code=STATION)


def make_service(
    store: Store,
    clock: FakeClock,
    printer: FakePrinter,
    *,
    source: StoreSource | None = None,
    calendar: WorkingCalendar | None = None,
) -> JourneyService:
    """``source`` defaults to ``store`` itself (single-threaded tests)."""
    return JourneyService(
        store if source is None else source,
        CatalogService.from_store(store),
        printer,
        Settings(),
        clock,
        SALT,
        calendar=calendar,
    )


def resident() -> Identity:
    return identity_from_fields(
        IdentitySource.ID_CARD,
        "370102198503121233",
        name="张伟明",
        sex="1",
        nation_code="01",
        birth="19850312",
        address="山东省济南市历下区泉城路188号3号楼2单元501室",
    )


def jpeg(seed: int) -> bytes:
    """Bytes that look like a JPEG to the service (it checks the SOI marker only)."""
    return b"\xff\xd8\xff\xe0" + seed.to_bytes(4, "big") * 64 + b"\xff\xd9"


def png(width: int = 4, height: int = 2) -> bytes:
    """A minimal valid white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff" * (width * 3) for _ in range(height))
    out = io.BytesIO()
    out.write(b"\x89PNG\r\n\x1a\n")
    out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
    out.write(chunk(b"IDAT", zlib.compress(raw)))
    out.write(chunk(b"IEND", b""))
    return out.getvalue()


EMPLOYMENT = "370102-JY-002"  # a matter with a short form, used by the journey tests


def submitted_case(service: JourneyService) -> str:
    """Start, fill, sign and submit the employment matter; returns its tracking number."""
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    for name, value in {
        "phone": "13800138000",
        "employment_type": "flexible",
        "employment_start_date": "2025-03-01",
        "info_true": True,
    }.items():
        service.autosave(handle.draft_id, name, value)
    service.set_signature(handle.draft_id, png())
    return service.submit(handle.draft_id, resident(), "zh_CN").tracking_number
