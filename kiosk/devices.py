"""Technician-facing device probes shared by ``kiosk doctor`` and ``kiosk device``.

They talk to devices only through the ports, so they work the same for a simulator and for real
hardware. Card readers report their state asynchronously (a SAM reader must open its port, a
PC/SC reader must reach pcscd), so the probe starts the reader and waits briefly for a settled
state instead of trusting the state reported before start.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.diagnostics import CheckResult, Verdict
from kiosk.errors import KioskError
from kiosk.identity.masking import mask_id_number, mask_name
from kiosk.identity.model import Identity
from kiosk.ports.camera import Camera, DocumentScanner, camera_status
from kiosk.ports.card import CardEvent, CardEventKind, CardReader
from kiosk.ports.device import DeviceState, DeviceStatus
from kiosk.ports.printer import ReceiptPrinter

_UNSETTLED = (DeviceState.UNKNOWN, DeviceState.BUSY)


def _verdict(status: DeviceStatus) -> Verdict:
    if status.state is DeviceState.READY:
        return Verdict.OK
    if status.state is DeviceState.MEDIA_LOW:
        return Verdict.WARN
    return Verdict.FAIL


def card_reader_status(reader: CardReader, settle_s: float = 3.0) -> DeviceStatus:
    """Start the reader, wait until it reports a settled state (or ``settle_s``), stop it."""
    settled = threading.Event()

    def on_event(event: CardEvent) -> None:
        status = event.status
        if event.kind is CardEventKind.STATUS and status and status.state not in _UNSETTLED:
            settled.set()

    reader.start(on_event)
    try:
        deadline = time.monotonic() + settle_s
        while time.monotonic() < deadline:
            status = reader.status()
            if status.state not in _UNSETTLED and "starting" not in status.message_key:
                return status
            settled.wait(0.05)
        return reader.status()
    finally:
        reader.stop()


def check_card_reader(reader: CardReader, kind: str) -> CheckResult:
    status = card_reader_status(reader)
    # "no card present" is the normal idle state of a working reader
    verdict = Verdict.OK if status.state is DeviceState.NO_MEDIA else _verdict(status)
    return CheckResult(f"card reader ({kind})", verdict, f"{status.state}: {status.message_key}")


def check_printer(printer: ReceiptPrinter, kind: str) -> CheckResult:
    status = printer.status()  # NO_MEDIA (paper out) fails: residents would get no receipt
    verdict = _verdict(status)
    if status.state is DeviceState.UNKNOWN and kind == "file":
        verdict = Verdict.WARN  # a write-only device file cannot report paper
    return CheckResult(
        f"receipt printer ({kind})", verdict, f"{status.state}: {status.message_key}"
    )


@dataclass(frozen=True, slots=True)
class CameraProbe:
    width: int
    height: int
    sharpness: float
    guidance: str
    page_found: bool


def probe_camera(camera: Camera, scanner: DocumentScanner | None = None) -> CameraProbe:
    """Open, grab one frame, judge it for document capture, close. Raises ``CameraError``."""
    with camera:
        frame = camera.read()
    height, width = frame.shape[:2]
    if scanner is None:
        return CameraProbe(width, height, 0.0, "", False)
    analysis = scanner.analyze(frame)
    return CameraProbe(
        width, height, analysis.sharpness, analysis.guidance.value, analysis.corners is not None
    )


def check_camera(camera: Camera, kind: str) -> CheckResult:
    name = f"camera ({kind})"
    try:
        probe = probe_camera(camera)
    except KioskError as err:
        # The kiosk still works without a camera (paper at the window), so not required.
        return CheckResult(name, Verdict.FAIL, err.key, required=False)
    return CheckResult(name, Verdict.OK, f"{probe.width}x{probe.height}", required=False)


def masked_identity_lines(identity: Identity) -> list[str]:
    """What a technician may see of a test card: never the full name or number."""
    return [
        f"source: {identity.source.value}",
        f"document: {identity.document_type.value}",
        f"name: {mask_name(identity.name)}",
        f"number: {mask_id_number(identity.id_number)}",
        f"region: {identity.region_code}",
        "valid until: "
        + (
            "long-term"
            if identity.valid_long_term
            else (identity.valid_until.isoformat() if identity.valid_until else "-")
        ),
    ]


class HeartbeatDevices:
    """The device states the sync heartbeat reports, cheap and cached (any thread).

    The heartbeat runs on the sync thread every minute. The card reader's status is the state
    its own thread last reported (free); the printer is asked at most once per ``ttl_s`` (a
    network printer's status is a round trip); the camera is never opened for this — it is
    reported as last seen by whoever used it (:meth:`record`), ``unknown`` before that.
    """

    def __init__(
        self,
        printer: ReceiptPrinter,
        card_reader: CardReader,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        ttl_s: float = 50.0,
    ) -> None:
        self._printer = printer
        self._card_reader = card_reader
        self._mono = monotonic
        self._ttl = ttl_s
        self._lock = threading.Lock()
        self._printer_at: float | None = None
        self._printer_status: DeviceStatus | None = None
        self._recorded: dict[str, DeviceStatus] = {"camera": camera_status(DeviceState.UNKNOWN)}

    def record(self, device: str, status: DeviceStatus) -> None:
        """A fresher state learnt elsewhere (a print outcome, the camera screen)."""
        with self._lock:
            if device == "printer":
                self._printer_status, self._printer_at = status, self._mono()
            else:
                self._recorded[device] = status

    def __call__(self) -> dict[str, dict[str, object]]:
        now = self._mono()
        with self._lock:
            stale = self._printer_at is None or now - self._printer_at >= self._ttl
        if stale:
            status = self._printer.status()  # never raises (port contract)
            with self._lock:
                self._printer_status, self._printer_at = status, now
        with self._lock:
            statuses = {
                "printer": self._printer_status,
                "card_reader": self._card_reader.status(),
                **self._recorded,
            }
        return {name: _report(s) for name, s in statuses.items() if s is not None}


def _report(status: DeviceStatus) -> dict[str, object]:
    return {"state": status.state.value, "message_key": status.message_key}
