"""Simulated receipt printer: writes every receipt as a PNG, with paper/offline fault switches.

The default on a fresh machine and in demos: it uses the *same* renderer as the real printer,
so what lands in the folder is exactly what would come out of the thermal head, and the fault
switches let the UI's "paper out" and "printer offline" paths be exercised without hardware.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PIL import Image

from drivers.printer.render import ReceiptRenderer
from drivers.printer.settings import RenderSettings
from kiosk.errors import PaperOutError, PrinterError, PrinterOfflineError
from kiosk.ports.device import DeviceState, DeviceStatus
from kiosk.ports.printer import printer_status
from kiosk.receipts import QueueTicket, ReceiptContent

_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")


PRINTED_KEPT = 64


class SimulatedReceiptPrinter:
    """:class:`~kiosk.ports.printer.ReceiptPrinter` that prints into ``out_dir``.

    Fault switches (plain attributes, flipped by tests or the technician screen):
    ``paper_out`` (printing raises :class:`PaperOutError`, nothing written), ``paper_low``
    (prints, status ``MEDIA_LOW``), ``offline`` (everything raises / reports ``OFFLINE``).
    """

    def __init__(
        self,
        out_dir: Path,
        render: RenderSettings | None = None,
        *,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.out_dir = out_dir
        self.renderer = ReceiptRenderer(render)
        self.paper_out = False
        self.paper_low = False
        self.offline = False
        # The newest files written (for tests and the technician), bounded: a kiosk running on
        # the simulator prints one receipt per resident, for months.
        self.printed: deque[Path] = deque(maxlen=PRINTED_KEPT)
        self._clock = clock
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def status(self) -> DeviceStatus:
        if self.offline:
            return printer_status(DeviceState.OFFLINE)
        if self.paper_out:
            return printer_status(DeviceState.NO_MEDIA)
        if self.paper_low:
            return printer_status(DeviceState.MEDIA_LOW)
        return printer_status(DeviceState.READY)

    def print_receipt(self, content: ReceiptContent) -> None:
        self._check()
        self._write(self.renderer.render_receipt(content), f"receipt-{content.tracking_number}")

    def print_ticket(self, ticket: QueueTicket) -> None:
        self._check()
        self._write(self.renderer.render_ticket(ticket), f"ticket-{ticket.ticket_number}")

    def print_test_page(self) -> None:
        self._check()
        details = [
            f"simulated, {self.renderer.settings.width_px} dots",
            f"font {self.renderer.font_source.path.name}",
        ]
        image = self.renderer.render_test_page("泉城社区自助终端", details, self._clock())
        self._write(image, "test-page")

    def _check(self) -> None:
        # Same order as the real adapter: unreachable first, then the paper sensor.
        if self.offline:
            raise PrinterOfflineError()
        if self.paper_out:
            raise PaperOutError()

    def _write(self, image: Image.Image, stem: str) -> None:
        with self._lock:
            # Timestamp + sequence: unique within a run and across restarts into the same folder.
            name = f"{self._clock():%Y%m%d-%H%M%S}-{next(self._seq):04d}-{_UNSAFE.sub('_', stem)}"
            path = self.out_dir / f"{name}.png"
            try:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                image.save(path, format="PNG")
            except OSError as err:
                raise PrinterError("error.printer", detail=f"cannot write {path}: {err}") from err
            self.printed.append(path)
