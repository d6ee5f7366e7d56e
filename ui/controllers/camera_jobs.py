"""Camera work run on the background worker: preview frames, document capture, QR decoding.

Each function blocks (the camera paces frames) and returns a plain result the GUI thread can
show; the captured page goes to the journey service, which stores it content-addressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.ports.camera import Camera, CapturedDocument, CodeScanner, DocumentScanner, FrameAnalysis
from kiosk.store import is_valid_tracking_number

if TYPE_CHECKING:
    from kiosk.services.journey import JourneyService

THUMB_SIZE = 160
# A tracking number inside any text: a bare number or a URL made from the printer's template.
_TRACKING_IN_TEXT = re.compile(r"(?<![A-Z0-9])[A-Z0-9]{2,8}-\d{6}-\d{4,}-\d(?!\d)", re.ASCII)


@dataclass(frozen=True, slots=True)
class FrameResult:
    frame: Any  # the BGR frame (numpy) for the preview widget
    analysis: FrameAnalysis
    captured_sha: str | None = None
    thumbnail: QImage | None = None


@dataclass(frozen=True, slots=True)
class ScanResult:
    frame: Any
    tracking_number: str | None  # the first valid tracking number decoded, if any
    unrecognised: bool = False  # a code was read but carried no tracking number


def _qimage(frame: Any) -> QImage:
    h, w = frame.shape[:2]
    return QImage(frame.data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()


def read_document_frame(
    journey: JourneyService,
    camera: Camera,
    scanner: DocumentScanner,
    draft_id: str,
    material_code: str,
    force: bool,
) -> FrameResult:
    """One preview frame; when steady (or ``force``) the page is stored as a material page."""
    frame = camera.read()
    captured: CapturedDocument | None
    feed = getattr(scanner, "feed", None)
    if force:
        analysis = scanner.analyze(frame)
        captured = scanner.capture(frame, analysis)
    elif feed is not None:
        analysis, captured = feed(frame)
    else:
        analysis, captured = scanner.analyze(frame), None
    if captured is None:
        return FrameResult(frame, analysis)
    page = journey.add_material_page(draft_id, material_code, captured.image.data)
    thumb = _qimage(captured.page).scaled(
        THUMB_SIZE, THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio
    )
    return FrameResult(frame, analysis, page.sha256, thumb)


def tracking_from_payload(payload: str) -> str | None:
    """The tracking number a receipt QR carries: the bare number, or a URL built from the
    printer's ``qr_url_template`` (``…/track/{tracking}``, URL-quoted) holding it."""
    text = unquote(payload.strip()).upper()
    if is_valid_tracking_number(text):
        return text
    for match in _TRACKING_IN_TEXT.finditer(text):
        if is_valid_tracking_number(match.group(0)):
            return match.group(0)
    return None


def read_code_frame(camera: Camera, scanner: CodeScanner) -> ScanResult:
    """One preview frame and whatever tracking number its QR codes carry."""
    frame = camera.read()
    payloads = scanner.scan(frame)
    for payload in payloads:
        number = tracking_from_payload(payload)
        if number is not None:
            return ScanResult(frame, number)
    return ScanResult(frame, None, unrecognised=bool(payloads))
