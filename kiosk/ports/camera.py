"""Camera port: frames for document capture and QR scanning, plus the plain result types.

Frames are numpy ``uint8`` arrays of shape ``(height, width, 3)`` in BGR order (what every
capture backend produces natively). The port keeps numpy typing so the core and controllers can
pass frames around without a conversion; turning a frame into a ``QImage`` is the UI's job, and
nothing here imports ``cv2`` (the core stays hardware-free, see the import-linter contracts).

Status mapping every adapter follows:

=============================  ======================  ==============================
situation                      ``DeviceState``         message key
=============================  ======================  ==============================
open and delivering frames     ``READY``               ``device.camera.ready``
not opened yet / closed        ``UNKNOWN``             ``device.camera.closed``
missing, unplugged or busy     ``OFFLINE``             ``device.camera.unavailable``
a file source reached its end  ``NO_MEDIA``            ``device.camera.ended``
=============================  ======================  ==============================

Reading raises :class:`~kiosk.errors.CameraUnavailableError` (device gone or busy; the screen
says "camera unavailable" and a worker is called) or
:class:`~kiosk.errors.CameraStreamEndedError` (a non-looping file source ran out). No library
exception ever escapes an adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, TypeAlias

from kiosk.ports.device import DeviceState, DeviceStatus

if TYPE_CHECKING:  # numpy costs ~40 ms: keep it off the kiosk's start-up path
    import numpy as np
    import numpy.typing as npt

    Frame: TypeAlias = npt.NDArray[np.uint8]


def __getattr__(name: str) -> object:
    """``Frame`` at run time (drivers import it) builds the alias on first use."""
    if name == "Frame":
        import numpy as np
        import numpy.typing as npt

        frame: object = npt.NDArray[np.uint8]
        globals()["Frame"] = frame
        return frame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


"""A BGR image, ``shape == (height, width, 3)``, ``dtype == uint8``."""

Point: TypeAlias = tuple[float, float]
Quad: TypeAlias = tuple[Point, Point, Point, Point]
"""Page corners in frame pixels, ordered top-left, top-right, bottom-right, bottom-left."""

STATUS_KEYS: dict[DeviceState, str] = {
    DeviceState.READY: "device.camera.ready",
    DeviceState.UNKNOWN: "device.camera.closed",
    DeviceState.OFFLINE: "device.camera.unavailable",
    DeviceState.NO_MEDIA: "device.camera.ended",
    DeviceState.ERROR: "device.camera.error",
    DeviceState.BUSY: "device.camera.unavailable",
    DeviceState.MEDIA_LOW: "device.camera.ready",
}


def camera_status(state: DeviceState, **params: str | int | None) -> DeviceStatus:
    """A :class:`DeviceStatus` with the standard camera message key for ``state``."""
    return DeviceStatus(state, STATUS_KEYS[state], dict(params))


class Camera(Protocol):
    """A source of frames: a real camera, a video/image file, or the simulator.

    ``read`` blocks until the next frame is due (file sources and the simulator are paced to
    the configured frame rate, a real camera paces itself): call it from the background helper,
    never from the GUI thread. ``close`` may be called from another thread and is idempotent.
    """

    @property
    def resolution(self) -> tuple[int, int]:
        """``(width, height)`` of the frames ``read`` returns (requested size before open)."""
        ...

    def open(self) -> None:
        """Acquire the device; raises ``CameraUnavailableError`` when missing or busy."""
        ...

    def close(self) -> None: ...

    def status(self) -> DeviceStatus:
        """The current state; never raises."""
        ...

    def read(self) -> Frame: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class CaptureGuidance(StrEnum):
    """What the capture screen tells the resident; each value is a translation key."""

    NO_PAGE = "capture.no_page"
    MOVE_CLOSER = "capture.move_closer"
    HOLD_STILL = "capture.hold_still"  # the frame is blurred (hand or page moving)
    AVOID_GLARE = "capture.avoid_glare"  # light reflected off the page
    READY = "capture.ready"  # page found, sharp, no glare: keep still for auto-capture


class Enhancement(StrEnum):
    """Optional clean-up of the corrected page before it is encoded."""

    NONE = "none"  # colour photo as seen (certificates with stamps and photos)
    CLAHE = "clahe"  # local contrast boost, keeps greys (faded copies)
    BINARIZE = "binarize"  # black on white (printed text only, smallest files)


@dataclass(frozen=True, slots=True)
class FrameAnalysis:
    """One frame judged for document capture (cheap enough for every preview frame)."""

    guidance: CaptureGuidance
    corners: Quad | None  # page outline in full-frame pixels, None when no page was found
    frame_size: tuple[int, int]  # (width, height)
    page_fraction: float = 0.0  # page area / frame area
    sharpness: float = 0.0  # variance of the Laplacian inside the page
    glare_fraction: float = 0.0  # saturated pixels / page pixels

    @property
    def ready(self) -> bool:
        return self.guidance is CaptureGuidance.READY


@dataclass(frozen=True, slots=True)
class EncodedImage:
    """JPEG bytes ready for the content-addressed attachment store."""

    data: bytes
    sha256: str  # hex digest of ``data``: the attachment's name in the store
    width: int
    height: int
    quality: int
    media_type: str = "image/jpeg"

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class CapturedDocument:
    """A perspective-corrected page, encoded, with the analysis that triggered the capture."""

    image: EncodedImage
    analysis: FrameAnalysis
    page: Frame  # the corrected (and enhanced) page before encoding, for the review screen


class DocumentScanner(Protocol):
    """Turns preview frames into guidance and, once the page is steady, into a captured page."""

    def analyze(self, frame: Frame) -> FrameAnalysis: ...

    def capture(self, frame: Frame, analysis: FrameAnalysis | None = None) -> CapturedDocument:
        """Correct and encode the page; raises ``CameraError`` when no page can be found."""
        ...


class CodeScanner(Protocol):
    """Finds QR codes (tracking numbers, appointment codes) in a frame."""

    def scan(self, frame: Frame) -> list[str]:
        """Decoded payloads, first-found first, no duplicates; ``[]`` for any unreadable frame."""
        ...
