"""Simulated camera: a desk with a printed page on it, seen by a pinhole camera.

The default on a fresh machine and in demos. Frames are synthesised (no files needed): a
textured desk, a white A4 page with text-like lines (and optionally a QR code, made with
``segno.make_qr`` because ``segno.make`` picks Micro QR for short data and OpenCV cannot read
those), tilted in 3-D and projected through a pinhole model so the perspective is physically
plausible. The page drifts by a pixel or so between frames like a hand-held sheet.

Fault switches (plain attributes, flipped by tests or the technician screen):
``unavailable`` (camera gone: ``open``/``read`` raise :class:`CameraUnavailableError`, status
``OFFLINE``), ``busy`` (another process holds it; same contract, ``reason="busy"``),
``blurred`` (defocus/motion blur), ``glare`` (a saturated reflection on the page),
``show_page`` (False: only the desk is in view).

Everything is deterministic for a given ``seed``: frame *n* is the same on every run, and
:attr:`SimulatedCamera.last_corners` gives the true page outline for accuracy checks.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Self

import cv2
import numpy as np
import numpy.typing as npt
import segno

from drivers.camera.pacing import Clock, FramePacer, Waiter
from kiosk.errors import CameraUnavailableError
from kiosk.ports.camera import Frame, camera_status
from kiosk.ports.device import DeviceState, DeviceStatus

FloatArray = npt.NDArray[np.float64]

A4_PIXELS = (840, 1188)  # page texture size (width, height), A4 proportions


@dataclass(frozen=True, slots=True)
class PagePose:
    """Where the page sits in front of the camera.

    ``centre`` is in frame fractions; ``height_fraction`` is the page height over the frame
    height when seen face-on; angles are in degrees (yaw turns about the vertical axis, pitch
    tips the top edge away, roll spins the page in its own plane).
    """

    centre: tuple[float, float] = (0.5, 0.5)
    height_fraction: float = 0.8
    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0


def render_desk(width: int, height: int, seed: int = 0) -> Frame:
    """A brownish wood-like desk: soft grain stripes plus noise (gives Canny some clutter)."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, width, dtype=np.float32)
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    phase = rng.uniform(0, 2 * math.pi)
    grain = 12.0 * np.sin(2 * math.pi * (6.0 * y + 0.6 * x) + phase) + 6.0 * x
    noise = rng.normal(0.0, 4.0, (height, width)).astype(np.float32)
    base = grain + noise
    desk = np.empty((height, width, 3), np.float32)
    for channel, level in enumerate((60.0, 85.0, 120.0)):  # BGR: warm brown
        desk[:, :, channel] = level + base
    return np.clip(desk, 0, 255).astype(np.uint8)


def render_document(
    size: tuple[int, int] = A4_PIXELS,
    seed: int = 0,
    qr_payload: str | None = None,
    paper: int = 236,
) -> Frame:
    """A printed page: title bar, paragraphs of "text" (dark dashes), optional QR bottom right."""
    width, height = size
    rng = np.random.default_rng(seed + 1)
    page = np.full((height, width, 3), paper, np.uint8)
    margin = width // 10
    cv2.rectangle(page, (margin, margin), (width - margin, margin + height // 30), (40, 40, 40), -1)
    line_h = max(3, height // 90)
    y = margin + height // 12
    qr_box = (width - margin - width // 3, height - margin - width // 3)
    while y < height - margin:
        x = margin
        right = width - margin if y < qr_box[1] - line_h else qr_box[0] - margin // 2
        while x < right - 20:
            word = int(rng.integers(width // 40, width // 9))
            cv2.rectangle(page, (x, y), (min(x + word, right), y + line_h), (55, 55, 60), -1)
            x += word + int(rng.integers(line_h, 2 * line_h + 1))
        y += int(line_h * (2.4 if rng.random() > 0.15 else 4.5))
    if qr_payload is not None:
        side = width // 3
        code = qr_image(qr_payload, side)
        page[qr_box[1] : qr_box[1] + side, qr_box[0] : qr_box[0] + side] = code
    return page


def qr_image(payload: str, side: int, dark: int = 0, light: int = 255) -> Frame:
    """A regular (never Micro) QR code as a ``side``×``side`` BGR image with quiet zone."""
    qr = segno.make_qr(payload, error="m")
    matrix = np.array([[1 if bit else 0 for bit in row] for row in qr.matrix], np.uint8)
    matrix = np.pad(matrix, 4)  # the quiet zone the decoders need
    modules = np.where(matrix == 1, dark, light).astype(np.uint8)
    gray = cv2.resize(modules, (side, side), interpolation=cv2.INTER_NEAREST)
    return np.asarray(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), np.uint8)


def project_page(
    page_size: tuple[int, int],
    frame_size: tuple[int, int],
    pose: PagePose,
    focal: float | None = None,
) -> FloatArray:
    """Image corners (TL, TR, BR, BL) of a page at ``pose`` through a centred pinhole camera."""
    fw, fh = frame_size
    f = focal if focal is not None else float(fw)
    pw, ph = page_size
    half_w, half_h = 0.5 * pw / ph, 0.5  # page in units of its height
    local = np.array(
        [[-half_w, -half_h, 0], [half_w, -half_h, 0], [half_w, half_h, 0], [-half_w, half_h, 0]]
    )
    rotation = _rotation(pose.yaw, pose.pitch, pose.roll)
    depth = f / (pose.height_fraction * fh)  # distance at which the page fills that fraction
    offset = np.array(
        [(pose.centre[0] - 0.5) * fw * depth / f, (pose.centre[1] - 0.5) * fh * depth / f, depth]
    )
    world = local @ rotation.T + offset
    x = f * world[:, 0] / world[:, 2] + fw / 2.0
    y = f * world[:, 1] / world[:, 2] + fh / 2.0
    return np.stack([x, y], axis=1)


def _rotation(yaw: float, pitch: float, roll: float) -> FloatArray:
    a, b, c = (math.radians(v) for v in (pitch, yaw, roll))
    rx = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    ry = np.array([[math.cos(b), 0, math.sin(b)], [0, 1, 0], [-math.sin(b), 0, math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    rotation: FloatArray = rx @ ry @ rz
    return rotation


def compose(background: Frame, page: Frame, corners: FloatArray) -> Frame:
    """``page`` warped onto a copy of ``background`` with its corners at ``corners``."""
    ph, pw = page.shape[:2]
    source = np.array([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    out = background.copy()
    cv2.warpPerspective(
        page,
        matrix,
        (background.shape[1], background.shape[0]),
        dst=out,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return out


def add_glare(frame: Frame, centre: tuple[float, float], radius: float) -> Frame:
    """A blown-out reflection: saturated core with a soft rim, as a lamp leaves on glossy paper."""
    h, w = frame.shape[:2]
    yy, xx = np.ogrid[:h, :w]
    dist = np.sqrt((xx - centre[0]) ** 2 + (yy - centre[1]) ** 2) / max(radius, 1.0)
    boost = np.clip(1.6 - dist, 0.0, 1.0)[:, :, None] * 255.0
    return np.clip(frame.astype(np.float32) + boost, 0, 255).astype(np.uint8)


def blur(frame: Frame, sigma: float = 5.0) -> Frame:
    return np.asarray(cv2.GaussianBlur(frame, (0, 0), sigma), np.uint8)


class SimulatedCamera:
    """:class:`~kiosk.ports.camera.Camera` producing synthetic desk-and-page frames."""

    def __init__(
        self,
        *,
        width: int = 1280,
        height: int = 720,
        fps: float = 15.0,
        seed: int = 0,
        qr_payload: str | None = None,
        pose: PagePose | None = None,
        jitter_px: float = 1.0,
        clock: Clock | None = None,
        wait: Waiter | None = None,
    ) -> None:
        self.width, self.height = width, height
        self.seed = seed
        self.qr_payload = qr_payload
        self.pose = pose or PagePose(height_fraction=0.85, yaw=8.0, pitch=-12.0, roll=4.0)
        self.jitter_px = jitter_px
        # fault switches
        self.unavailable = False
        self.busy = False
        self.blurred = False
        self.glare = False
        self.show_page = True
        self.last_corners: FloatArray | None = None
        self.frames_read = 0
        self._pacer = FramePacer(fps, clock, wait)
        self._lock = threading.Lock()
        self._open = False
        self._desk: Frame | None = None
        self._page: Frame | None = None

    @property
    def resolution(self) -> tuple[int, int]:
        return (self.width, self.height)

    def status(self) -> DeviceStatus:
        if self.unavailable:
            return camera_status(DeviceState.OFFLINE, reason="missing")
        if self.busy:
            return camera_status(DeviceState.OFFLINE, reason="busy")
        return camera_status(DeviceState.READY if self._open else DeviceState.UNKNOWN)

    def open(self) -> None:
        self._check()
        with self._lock:
            if self._desk is None:
                self._desk = render_desk(self.width, self.height, self.seed)
                self._page = render_document(seed=self.seed, qr_payload=self.qr_payload)
            self._open = True
            self._pacer.reset()

    def close(self) -> None:
        self._pacer.interrupt()
        with self._lock:
            self._open = False

    def read(self) -> Frame:
        self._check()
        if not self._open:
            raise CameraUnavailableError(reason="closed")
        self._pacer.wait_for_next()
        with self._lock:
            if not self._open:
                raise CameraUnavailableError(reason="closed")
            index = self.frames_read
            self.frames_read += 1
            return self._render(index)

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _check(self) -> None:
        if self.unavailable:
            raise CameraUnavailableError(reason="missing", detail="simulated: camera gone")
        if self.busy:
            raise CameraUnavailableError(reason="busy", detail="simulated: camera busy")

    def _render(self, index: int) -> Frame:
        assert self._desk is not None and self._page is not None
        if not self.show_page:
            self.last_corners = None
            frame = self._desk.copy()
        else:
            rng = np.random.default_rng([self.seed, index])
            dx, dy = rng.normal(0.0, self.jitter_px, 2) if self.jitter_px > 0 else (0.0, 0.0)
            cx, cy = self.pose.centre
            pose = replace(self.pose, centre=(cx + dx / self.width, cy + dy / self.height))
            corners = project_page(
                (self._page.shape[1], self._page.shape[0]), (self.width, self.height), pose
            )
            self.last_corners = corners
            frame = compose(self._desk, self._page, corners)
            if self.glare:
                centre = corners.mean(axis=0)
                frame = add_glare(frame, (float(centre[0]), float(centre[1])), self.height / 8)
        if self.blurred:
            frame = blur(frame, 2.5 + self.height / 200.0)
        return frame
