"""Receipt printer port: what the core needs from any thermal printer (real or simulated).

Status mapping every adapter follows, so screens can react the same way whatever the hardware:

=====================  ==========================
printer says            ``DeviceState``
=====================  ==========================
paper present           ``READY``
paper near end          ``MEDIA_LOW`` (still prints)
paper out               ``NO_MEDIA``
unreachable/unplugged   ``OFFLINE``
no or invalid answer    ``UNKNOWN`` (never "ok")
=====================  ==========================

Printing raises :class:`~kiosk.errors.PaperOutError` (nothing was sent), or
:class:`~kiosk.errors.PrinterOfflineError`, or :class:`~kiosk.errors.PrinterError`. The caller
keeps the stored receipt row so the resident or a worker can re-print it later; a failed print
never loses the submission.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.ports.device import DeviceState, DeviceStatus
from kiosk.receipts import QueueTicket, ReceiptContent

# Message keys for the status shown on the technician screen and sent in health reports.
STATUS_KEYS: dict[DeviceState, str] = {
    DeviceState.READY: "device.printer.ready",
    DeviceState.MEDIA_LOW: "device.printer.paper_low",
    DeviceState.NO_MEDIA: "device.printer.paper_out",
    DeviceState.OFFLINE: "device.printer.offline",
    DeviceState.UNKNOWN: "device.printer.unknown",
    DeviceState.ERROR: "device.printer.error",
    DeviceState.BUSY: "device.printer.busy",
}


def printer_status(state: DeviceState, **params: str | int | None) -> DeviceStatus:
    """A :class:`DeviceStatus` with the standard printer message key for ``state``."""
    return DeviceStatus(state, STATUS_KEYS[state], dict(params))


class ReceiptPrinter(Protocol):
    """A printer for acceptance receipts and queue tickets.

    Calls block (network round trips, paper feed): run them on the background helper, never on
    the GUI thread. Implementations are safe to call from more than one thread.
    """

    def status(self) -> DeviceStatus:
        """Ask the printer now; never raises (unreachable is ``OFFLINE``, silence ``UNKNOWN``)."""
        ...

    def print_receipt(self, content: ReceiptContent) -> None: ...

    def print_ticket(self, ticket: QueueTicket) -> None: ...

    def print_test_page(self) -> None:
        """Technician check (``kiosk device test printer``): fonts, width, QR, cutter."""
        ...
