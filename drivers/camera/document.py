"""Document capture: guide the resident, wait for a steady page, correct and encode it.

Flow per preview frame (the controller calls :meth:`DocumentCapturer.feed` from the background
helper): find the page outline on a small copy, judge it (too small? blurred? glare?), and
let a :class:`StabilityTracker` decide when the outline has held still long enough. Then the
full-resolution frame is warped face-on, deskewed, optionally enhanced, and encoded to a
size-capped JPEG whose sha256 names it in the attachment store.

Thresholds are measured on the detection-scale image (long side ``detect_long_side``), so
they do not change with the camera's resolution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from drivers.camera import imaging, outline
from kiosk.errors import CameraError
from kiosk.ports.camera import (
    CapturedDocument,
    CaptureGuidance,
    Enhancement,
    Frame,
    FrameAnalysis,
)


@dataclass(frozen=True, slots=True)
class CaptureSettings:
    detect_long_side: int = 640
    min_page_fraction: float = 0.015  # smaller outlines are clutter, not a page
    close_enough_fraction: float = 0.18  # below this the resident should move closer
    blur_threshold: float = 80.0  # variance of the Laplacian inside the page
    glare_level: int = 250  # grey level counted as saturated
    glare_max_fraction: float = 0.015  # of the page's pixels
    known_aspects: tuple[float, ...] = outline.KNOWN_ASPECTS
    aspect_snap_tolerance: float = 0.06
    deskew: bool = True
    enhancement: Enhancement = Enhancement.NONE
    max_long_side: int = 2000
    max_bytes: int = 500_000
    jpeg_quality: int = 90
    min_jpeg_quality: int = 50


@dataclass(slots=True)
class StabilityTracker:
    """Fires once when the page outline has stayed put for ``frames_required`` frames.

    Movement is measured against the first frame of the current still run (an anchor), not
    frame to frame, so a slow drift cannot sneak through as "stable". Any frame that is not
    ``READY`` (no page, blur, glare, too far) restarts the run. After firing, the tracker stays
    quiet until the run is broken, so a page left on the desk is captured once, not at 15 fps.
    """

    frames_required: int = 8
    max_movement: float = 0.012  # of the frame diagonal, per corner
    _anchor: np.ndarray | None = field(default=None, init=False, repr=False)
    _run: int = field(default=0, init=False)
    _fired: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if self.frames_required < 1:
            raise ValueError("frames_required must be >= 1")

    @property
    def progress(self) -> float:
        """0..1, for the countdown ring on the capture screen."""
        return min(1.0, self._run / self.frames_required)

    def reset(self) -> None:
        self._anchor, self._run, self._fired = None, 0, False

    def update(self, analysis: FrameAnalysis) -> bool:
        """Feed one frame's analysis; True exactly on the frame that should be captured."""
        if not analysis.ready or analysis.corners is None:
            self.reset()
            return False
        corners = np.asarray(analysis.corners, np.float64)
        w, h = analysis.frame_size
        limit = self.max_movement * math.hypot(w, h)
        moved = (
            self._anchor is None
            or float(np.max(np.linalg.norm(corners - self._anchor, axis=1))) > limit
        )
        if moved:
            self._anchor, self._run, self._fired = corners, 1, False
        else:
            self._run += 1
        if self._run >= self.frames_required and not self._fired:
            self._fired = True
            return True
        return False


class DocumentCapturer:
    """:class:`~kiosk.ports.camera.DocumentScanner` built on OpenCV.

    Not thread-safe (the tracker has state): one capturer per capture screen, fed from one
    background thread.
    """

    def __init__(
        self, settings: CaptureSettings | None = None, tracker: StabilityTracker | None = None
    ) -> None:
        self.settings = settings or CaptureSettings()
        self.tracker = tracker or StabilityTracker()

    def analyze(self, frame: Frame) -> FrameAnalysis:
        s = self.settings
        h, w = frame.shape[:2]
        if h == 0 or w == 0:  # a camera hiccup hands over an empty frame: nothing to look at
            return FrameAnalysis(CaptureGuidance.NO_PAGE, None, (w, h))
        small, scale = outline.downscale(frame, s.detect_long_side)
        gray = outline.to_gray(small)
        quad = outline.find_page_quad(gray, s.min_page_fraction)
        if quad is None:
            return FrameAnalysis(CaptureGuidance.NO_PAGE, None, (w, h))
        fraction = outline.quad_area(quad) / float(gray.shape[0] * gray.shape[1])
        sharpness, glare = _page_quality(gray, quad, s.glare_level)
        if fraction < s.close_enough_fraction:
            guidance = CaptureGuidance.MOVE_CLOSER
        elif sharpness < s.blur_threshold:
            guidance = CaptureGuidance.HOLD_STILL
        elif glare > s.glare_max_fraction:
            guidance = CaptureGuidance.AVOID_GLARE
        else:
            guidance = CaptureGuidance.READY
        corners = outline.as_quad(quad / scale)
        return FrameAnalysis(guidance, corners, (w, h), fraction, sharpness, glare)

    def capture(self, frame: Frame, analysis: FrameAnalysis | None = None) -> CapturedDocument:
        """Correct and encode the page seen in ``frame`` (reusing ``analysis`` when given)."""
        s = self.settings
        if analysis is None:
            analysis = self.analyze(frame)
        if analysis.corners is None:
            raise CameraError("error.camera.no_page")
        page = self.correct(frame, analysis)
        encoded = imaging.encode_jpeg(
            page,
            max_long_side=s.max_long_side,
            max_bytes=s.max_bytes,
            quality=s.jpeg_quality,
            min_quality=s.min_jpeg_quality,
        )
        return CapturedDocument(encoded, analysis, page)

    def correct(self, frame: Frame, analysis: FrameAnalysis) -> Frame:
        """The page face-on at its real aspect ratio, deskewed and enhanced per settings."""
        s = self.settings
        if analysis.corners is None:
            raise CameraError("error.camera.no_page")
        corners = np.asarray(analysis.corners, np.float64)
        aspect = outline.estimate_aspect(
            corners, analysis.frame_size, s.known_aspects, s.aspect_snap_tolerance
        )
        page = outline.warp_page(frame, corners, aspect, s.max_long_side)
        if s.deskew:
            page = imaging.deskew(page)
        return imaging.enhance(page, s.enhancement)

    def feed(self, frame: Frame) -> tuple[FrameAnalysis, CapturedDocument | None]:
        """Analyze a preview frame and capture it when the tracker says the page is steady."""
        analysis = self.analyze(frame)
        if self.tracker.update(analysis):
            return analysis, self.capture(frame, analysis)
        return analysis, None


def _page_quality(gray: Frame, quad: np.ndarray, glare_level: int) -> tuple[float, float]:
    """(sharpness, glare fraction) inside the page, both on the detection-scale image.

    The mask is shrunk away from the outline so the page/desk edge (always sharp-ish, and
    exactly what a blurred frame still shows) does not count as detail.
    """
    mask = np.zeros(gray.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
    inset = max(3, min(gray.shape[:2]) // 80)
    inner = cv2.erode(mask, np.ones((2 * inset + 1, 2 * inset + 1), np.uint8))
    area = cv2.countNonZero(inner)
    if area == 0:
        return 0.0, 0.0
    laplacian = cv2.Laplacian(gray, cv2.CV_32F)
    _, stddev = cv2.meanStdDev(laplacian, mask=inner)
    sharpness = float(stddev[0][0]) ** 2
    saturated = cv2.countNonZero(cv2.bitwise_and(inner, cv2.inRange(gray, glare_level, 255)))
    return sharpness, saturated / area
