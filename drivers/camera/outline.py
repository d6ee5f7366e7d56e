"""Page outline geometry: find the page quadrilateral, order its corners, correct perspective.

Detection runs on a small copy of the frame (about 640 px on the long side): edges and
contours cost grow with pixel count while a page outline needs no fine detail. The corners are
scaled back and the warp samples the *full-resolution* frame, so the captured page keeps every
pixel the camera delivered.

Robustness choices:
- Two independent binarizations are tried, and the largest convex quadrilateral from either
  wins: Canny on a CLAHE-normalised image with thresholds derived from Otsu's level (finds
  faint edges on low-contrast desks), and Otsu's threshold itself (closed regions even when an
  edge is broken by a shadow). Neither uses a fixed grey level.
- ``approxPolyDP`` runs on the convex hull with a few tolerances, so a thumb over the page edge
  or slightly rounded corners still give four corners.
- Corners are ordered by angle around the centroid, not by ``x + y`` sums, which breaks for a
  page turned near 45°.
- The page's true aspect ratio is estimated with Zhang & He's rectangle method (assumes square
  pixels and the principal point at the frame centre); when the view is nearly fronto-parallel
  (focal length not observable) it falls back to mean edge lengths, then snaps to a known paper
  format (A4, ID-1 card, Letter) within a tolerance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.ports.camera import Frame, Quad

FloatArray = npt.NDArray[np.float64]

A_SERIES = math.sqrt(2.0)  # A4, A5, ...
ID1_CARD = 85.60 / 53.98  # resident ID card, bank cards
LETTER = 11.0 / 8.5
KNOWN_ASPECTS: tuple[float, ...] = (A_SERIES, ID1_CARD, LETTER)

_EPSILONS = (0.02, 0.035, 0.05)
_CLAHE = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))


def downscale(frame: Frame, long_side: int) -> tuple[Frame, float]:
    """A copy whose long side is at most ``long_side`` and the factor applied (≤ 1)."""
    h, w = frame.shape[:2]
    scale = min(1.0, long_side / max(h, w))
    if scale >= 1.0:
        return frame, 1.0
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.asarray(cv2.resize(frame, size, interpolation=cv2.INTER_AREA), np.uint8), scale


def to_gray(image: Frame) -> Frame:
    if image.ndim == 2:
        return image
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)


def find_page_quad(gray: Frame, min_area_fraction: float = 0.04) -> FloatArray | None:
    """Corners (4×2, ordered) of the largest convex quadrilateral in ``gray``, or None.

    Quads covering nearly the whole frame are ignored: that is the frame border (a page held
    so close that its edges are outside the picture cannot be corrected anyway).
    """
    h, w = gray.shape[:2]
    frame_area = float(h * w)
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    _, otsu = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    normalised = _CLAHE.apply(blurred)
    level, _ = cv2.threshold(normalised, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    edges = cv2.Canny(normalised, 0.5 * level, level)
    kernel = np.ones((3, 3), np.uint8)
    edges = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, kernel)
    otsu = cv2.morphologyEx(otsu, cv2.MORPH_CLOSE, kernel, iterations=2)
    best: FloatArray | None = None
    best_area = min_area_fraction * frame_area
    for binary in (edges, otsu):
        contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            if cv2.contourArea(contour) < best_area * 0.5:
                continue
            quad = _quad_from_contour(contour)
            if quad is None:
                continue
            area = float(cv2.contourArea(quad.astype(np.float32)))
            if best_area < area < 0.97 * frame_area and _plausible(quad, w, h):
                best, best_area = quad, area
    return None if best is None else order_corners(best)


def _quad_from_contour(contour: npt.NDArray[np.int32] | object) -> FloatArray | None:
    hull = cv2.convexHull(np.asarray(contour))
    perimeter = cv2.arcLength(hull, True)
    for eps in _EPSILONS:
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            return np.asarray(approx, np.float64).reshape(4, 2)
        if len(approx) < 4:
            return None
    return None


def _plausible(quad: FloatArray, w: int, h: int) -> bool:
    """Reject shapes a held page cannot make.

    Two or more corners on the frame border mean the outline runs out of the picture: a band
    of desk texture, or a page whose real corners are not visible (not correctable either).
    Slivers longer than 4:1 are shadows and table edges, not documents.
    """
    margin = 0.01 * max(w, h)
    on_border = (
        (quad[:, 0] <= margin)
        | (quad[:, 0] >= w - 1 - margin)
        | (quad[:, 1] <= margin)
        | (quad[:, 1] >= h - 1 - margin)
    )
    if int(np.count_nonzero(on_border)) >= 2:
        return False
    sides = [float(np.linalg.norm(quad[i] - quad[(i + 1) % 4])) for i in range(4)]
    return min(sides) * 4.0 >= max(sides)


def order_corners(points: FloatArray | Sequence[Sequence[float]]) -> FloatArray:
    """Top-left, top-right, bottom-right, bottom-left (clockwise on screen).

    Sorting by angle around the centroid is rotation-proof; the start is the corner nearest
    the frame's top-left, which keeps a portrait page portrait.
    """
    pts = np.asarray(points, np.float64).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def as_quad(points: FloatArray) -> Quad:
    p = [(float(x), float(y)) for x, y in np.asarray(points, np.float64).reshape(4, 2)]
    return (p[0], p[1], p[2], p[3])


def quad_area(points: FloatArray) -> float:
    return float(cv2.contourArea(np.asarray(points, np.float32).reshape(4, 1, 2)))


def estimate_aspect(
    corners: FloatArray,
    frame_size: tuple[int, int],
    known: Sequence[float] = KNOWN_ASPECTS,
    snap_tolerance: float = 0.06,
) -> float:
    """Width / height of the real page seen through ``corners`` (ordered TL, TR, BR, BL)."""
    aspect = _zhang_aspect(corners, frame_size) or _edge_aspect(corners)
    for ratio in known:
        for candidate in (ratio, 1.0 / ratio):
            if abs(aspect / candidate - 1.0) <= snap_tolerance:
                return candidate
    return aspect


def _edge_aspect(c: FloatArray) -> float:
    top, bottom = float(np.linalg.norm(c[1] - c[0])), float(np.linalg.norm(c[2] - c[3]))
    left, right = float(np.linalg.norm(c[3] - c[0])), float(np.linalg.norm(c[2] - c[1]))
    return (top + bottom) / max(left + right, 1e-9)


def _zhang_aspect(c: FloatArray, frame_size: tuple[int, int]) -> float | None:
    """Zhang & He (2007), "Whiteboard scanning and image enhancement", section 3.

    The focal length is estimated from the two vanishing points. When one of them is at
    infinity (page turned about one axis only) it cannot be, and a typical webcam focal
    length (about the frame's long side, ~55° horizontal field of view) is assumed instead:
    far better than edge lengths, which ignore foreshortening entirely.
    """
    u0, v0 = frame_size[0] / 2.0, frame_size[1] / 2.0
    m1, m2, m4, m3 = (np.array([x, y, 1.0]) for x, y in c)  # TL, TR, BR, BL
    den2 = float(np.dot(np.cross(m2, m4), m3))
    den3 = float(np.dot(np.cross(m3, m4), m2))
    if abs(den2) < 1e-9 or abs(den3) < 1e-9:
        return None
    k2 = float(np.dot(np.cross(m1, m4), m3)) / den2
    k3 = float(np.dot(np.cross(m1, m4), m2)) / den3
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1
    n23n33 = n2[2] * n3[2]
    long_side = float(max(frame_size))
    f2 = long_side**2
    if abs(k2 - 1.0) > 0.02 and abs(k3 - 1.0) > 0.02 and abs(n23n33) > 1e-12:
        estimated = (
            -(
                (n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n23n33 * u0 * u0)
                + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n23n33 * v0 * v0)
            )
            / n23n33
        )
        if (0.3 * long_side) ** 2 < estimated < (6.0 * long_side) ** 2:
            f2 = estimated  # otherwise noisy corners: keep the assumed lens
    f = math.sqrt(f2)
    a_inv = np.linalg.inv(np.array([[f, 0.0, u0], [0.0, f, v0], [0.0, 0.0, 1.0]]))
    w2 = float(n2 @ a_inv.T @ a_inv @ n2)
    h2 = float(n3 @ a_inv.T @ a_inv @ n3)
    if w2 <= 0 or h2 <= 0:
        return None
    return math.sqrt(w2 / h2)


def warp_page(
    frame: Frame,
    corners: FloatArray,
    aspect: float | None = None,
    max_long_side: int = 2000,
) -> Frame:
    """The page cut out of ``frame`` and seen face-on at ``aspect`` (width / height).

    The output keeps roughly the resolution the page had in the frame (longest measured edge),
    capped at ``max_long_side``, so no detail is invented and none thrown away early.
    """
    c = np.asarray(corners, np.float64)
    if aspect is None:
        aspect = _edge_aspect(c)
    longest = max(float(np.linalg.norm(c[i] - c[(i + 1) % 4])) for i in range(4))
    long_side = max(16.0, min(longest, float(max_long_side)))
    if aspect >= 1.0:
        width, height = long_side, long_side / aspect
    else:
        width, height = long_side * aspect, long_side
    w, h = max(1, round(width)), max(1, round(height))
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(c.astype(np.float32), target)
    warped = cv2.warpPerspective(
        frame, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, np.uint8)
