"""Post-processing of a corrected page: deskew, enhancement, and size-capped JPEG encoding.

These run once per capture (not per preview frame), so they may afford a little more work than
the outline search.
"""

from __future__ import annotations

import hashlib

import cv2
import numpy as np

from kiosk.errors import CameraError
from kiosk.ports.camera import EncodedImage, Enhancement, Frame

_DESKEW_SIDE = 600  # the text-line search runs on a copy this large


def text_skew_angle(page: Frame, max_angle: float = 6.0, step: float = 0.25) -> float:
    """Rotation (degrees, counter-clockwise positive) that makes the text lines horizontal.

    Projection-profile method: rotate the ink mask over candidate angles and keep the one whose
    row sums are the most uneven (lines of ink, gaps of paper). The page outline already fixes
    the paper's own tilt; this catches content copied or printed crooked on it. Returns 0.0
    for a page without text lines.
    """
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape[:2]
    scale = min(1.0, _DESKEW_SIDE / max(h, w))
    small = cv2.resize(gray, (max(1, round(w * scale)), max(1, round(h * scale))))
    ink = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    sh, sw = ink.shape[:2]
    # Ignore a margin so the page border (a thin dark edge after warping) does not vote.
    m = max(2, min(sh, sw) // 20)
    ink = np.ascontiguousarray(ink[m : sh - m, m : sw - m])
    if ink.size == 0 or cv2.countNonZero(ink) < 0.002 * ink.size:
        return 0.0
    centre = (ink.shape[1] / 2.0, ink.shape[0] / 2.0)
    best_angle, best_score = 0.0, -1.0
    baseline = 0.0
    for angle in np.arange(-max_angle, max_angle + step / 2, step):
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        rotated = cv2.warpAffine(ink, matrix, (ink.shape[1], ink.shape[0]))
        score = float(np.var(np.sum(rotated, axis=1, dtype=np.float64)))
        if abs(angle) < step / 2:
            baseline = score
        if score > best_score:
            best_angle, best_score = float(angle), score
    # Flat profiles (photos, blank pages) must not be "corrected" by noise.
    if best_score < baseline * 1.05:
        return 0.0
    return best_angle


def rotate(page: Frame, angle: float) -> Frame:
    """``page`` rotated by ``angle`` degrees about its centre, same size, edges replicated."""
    if abs(angle) < 1e-3:
        return page
    h, w = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    out = cv2.warpAffine(
        page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(out, np.uint8)


def deskew(page: Frame, max_angle: float = 6.0) -> Frame:
    return rotate(page, text_skew_angle(page, max_angle))


def enhance(page: Frame, mode: Enhancement) -> Frame:
    """Clean-up for printed pages; ``BINARIZE`` returns a single-channel image."""
    if mode is Enhancement.NONE:
        return page
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    if mode is Enhancement.CLAHE:
        if page.ndim == 2:
            return np.asarray(clahe.apply(page), np.uint8)
        lab = cv2.cvtColor(page, cv2.COLOR_BGR2LAB)
        lightness, a, b = cv2.split(lab)
        merged = cv2.merge((clahe.apply(lightness), a, b))
        return np.asarray(cv2.cvtColor(merged, cv2.COLOR_LAB2BGR), np.uint8)
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    # Block size follows the page size so strokes and shadows are judged at the same scale.
    block = max(15, (max(gray.shape[:2]) // 40) | 1)
    binary = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 12
    )
    return np.asarray(binary, np.uint8)


def encode_jpeg(
    image: Frame,
    *,
    max_long_side: int = 2000,
    max_bytes: int = 500_000,
    quality: int = 90,
    min_quality: int = 50,
    quality_step: int = 10,
    scale_step: float = 0.8,
    min_long_side: int = 320,
) -> EncodedImage:
    """JPEG bytes no larger than ``max_bytes`` with the long side at most ``max_long_side``.

    Quality drops first (down to ``min_quality``), then the image shrinks by ``scale_step``
    per round at that quality: legibility suffers less from JPEG artefacts at quality 50 than
    from losing resolution, so resolution goes last. Raises ``CameraError`` if even
    ``min_long_side`` does not fit (a misconfigured limit, never a normal photo).
    """
    if not 1 <= min_quality <= quality <= 100 or quality_step < 1:
        raise ValueError("JPEG qualities must satisfy 1 <= min_quality <= quality <= 100")
    if not 0.0 < scale_step < 1.0:
        raise ValueError("scale_step must be between 0 and 1")
    current = _fit_long_side(image, max_long_side)
    qualities = [*range(quality, min_quality, -quality_step), min_quality]
    while True:
        for q in qualities:
            data = _imencode(current, q)
            if len(data) <= max_bytes:
                h, w = current.shape[:2]
                return EncodedImage(data, hashlib.sha256(data).hexdigest(), w, h, q)
        long_side = max(current.shape[:2])
        if long_side <= min_long_side:
            raise CameraError(
                "error.camera.encode", detail=f"cannot fit {max_bytes} bytes", limit=max_bytes
            )
        current = _fit_long_side(current, max(min_long_side, int(long_side * scale_step)))
        qualities = [min_quality]


def _fit_long_side(image: Frame, long_side: int) -> Frame:
    h, w = image.shape[:2]
    if max(h, w) <= long_side:
        return image
    scale = long_side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), np.uint8)


def _imencode(image: Frame, quality: int) -> bytes:
    params = [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_OPTIMIZE, 1]
    try:
        ok, buf = cv2.imencode(".jpg", image, params)
    except cv2.error as err:
        raise CameraError("error.camera.encode", detail=str(err)) from err
    if not ok:
        raise CameraError("error.camera.encode", detail="imencode returned false")
    return bytes(np.asarray(buf, np.uint8).tobytes())
