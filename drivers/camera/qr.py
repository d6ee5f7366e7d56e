"""QR scanning for tracking numbers and appointment codes shown to the kiosk camera.

Decoder order (measured on this stack, see STACK.md): ``QRCodeDetectorAruco`` first (finds
codes under perspective and low contrast best), then the classic ``QRCodeDetector``, then both
again on a 2× upscaled image, which rescues small, slightly blurred codes (a phone screen held
far away). The upscale pass only runs on frames up to ``upscale_max_side`` (or on the region
around a code that was located but not decoded), because upscaling a full HD frame costs
more than a preview frame may.

``scan`` never raises: a garbage frame (noise, wrong dtype, empty, cv2 hiccup) yields ``[]``.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.ports.camera import Frame

_log = logging.getLogger(__name__)

Points = npt.NDArray[np.float32]


class QrScanner:
    """:class:`~kiosk.ports.camera.CodeScanner` over OpenCV's two QR detectors.

    Not thread-safe (the OpenCV detector objects keep state): one scanner per thread.
    """

    def __init__(self, *, fast_long_side: int = 640, upscale_max_side: int = 800) -> None:
        self.fast_long_side = fast_long_side
        self.upscale_max_side = upscale_max_side
        self._aruco = cv2.QRCodeDetectorAruco()
        self._classic = cv2.QRCodeDetector()

    def scan(self, frame: Frame) -> list[str]:
        try:
            gray = _gray(frame)
            if gray is None:
                return []
            located: Points | None = None
            for image, scale in self._pyramid(gray):
                found, points = self._decode(image)
                if found:
                    return found
                if points is not None and located is None:
                    located = points / scale
            upscaled = self._upscale_target(gray, located)
            if upscaled is None:
                return []
            found, _ = self._decode(upscaled)
            return found
        except (cv2.error, ValueError, TypeError, MemoryError) as err:
            _log.debug("qr scan failed: %s", err)
            return []

    def _pyramid(self, gray: Frame) -> list[tuple[Frame, float]]:
        """A reduced copy first when the frame is large: a code shown to the kiosk is usually
        big enough to read at half resolution, for a quarter of the cost."""
        h, w = gray.shape[:2]
        levels: list[tuple[Frame, float]] = []
        if max(h, w) > 1.5 * self.fast_long_side:
            scale = self.fast_long_side / max(h, w)
            small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            levels.append((np.asarray(small, np.uint8), scale))
        levels.append((gray, 1.0))
        return levels

    def _decode(self, gray: Frame) -> tuple[list[str], Points | None]:
        """Decoded payloads, plus any located-but-unreadable code outline for the retry."""
        located: Points | None = None
        for detector in (self._aruco, self._classic):
            # Multi even for one code: the single-code classic path is ~10x slower on clutter.
            ok, texts, points, _ = detector.detectAndDecodeMulti(gray)
            payloads = _unique(texts) if ok else []
            if payloads:
                return payloads, None
            if points is not None and np.asarray(points).size >= 8 and located is None:
                located = np.asarray(points, np.float32).reshape(-1, 2)
        return [], located

    def _upscale_target(self, gray: Frame, located: Points | None) -> Frame | None:
        """The whole frame 2x when small enough; else only the region of a located code."""
        h, w = gray.shape[:2]
        if max(h, w) > self.upscale_max_side:
            if located is None:
                return None
            # Crop around the located code (plus a quiet-zone margin) and enlarge only that.
            x0, y0 = np.floor(located.min(axis=0)).astype(int)
            x1, y1 = np.ceil(located.max(axis=0)).astype(int)
            pad = max(16, int(0.5 * max(x1 - x0, y1 - y0)))
            x0, y0 = max(0, x0 - pad), max(0, y0 - pad)
            x1, y1 = min(w, x1 + pad), min(h, y1 + pad)
            if x1 - x0 < 21 or y1 - y0 < 21 or (x1 - x0) * (y1 - y0) > 0.25 * w * h:
                return None
            gray = np.ascontiguousarray(gray[y0:y1, x0:x1])
        up = cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
        return np.asarray(up, np.uint8)


def _gray(frame: object) -> Frame | None:
    arr = np.asarray(frame)
    if arr.dtype != np.uint8 or arr.ndim not in (2, 3) or min(arr.shape[:2]) < 21:
        return None
    if arr.ndim == 3:
        if arr.shape[2] == 3:
            arr = cv2.cvtColor(arr, cv2.COLOR_BGR2GRAY)
        elif arr.shape[2] == 4:
            arr = cv2.cvtColor(arr, cv2.COLOR_BGRA2GRAY)
        elif arr.shape[2] == 1:
            arr = arr[:, :, 0]
        else:
            return None
    return np.ascontiguousarray(arr, np.uint8)


def _unique(texts: object) -> list[str]:
    seen: list[str] = []
    for text in texts if isinstance(texts, list | tuple) else ():
        if isinstance(text, str) and text and text not in seen:
            seen.append(text)
    return seen
