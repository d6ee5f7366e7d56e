"""``OpenCvCamera``: the :class:`~kiosk.ports.camera.Camera` port over ``cv2.VideoCapture``.

One adapter covers the real kiosk camera and the file-backed stand-ins used on development
machines and in tests:

- a device: ``0``, ``"0"`` or ``"/dev/video0"`` (opened with the V4L2 backend),
- a video file (``.avi``, ``.mp4``, ...),
- one image or an image sequence pattern (``frames/%03d.png``, the CAP_IMAGES backend).

Hazards handled here:
- ``VideoCapture`` never raises on a missing device or file: it returns a capture that is not
  opened, or one whose reads fail (a V4L2 device held by another process opens but refuses to
  stream). ``open`` therefore reads one frame before it reports success, and every failure
  becomes :class:`~kiosk.errors.CameraUnavailableError` plus an ``OFFLINE`` status.
- ``cv2.error`` can come out of any call; it is translated at this seam, never propagated.
- File sources decode as fast as the CPU allows: reads are paced to ``fps`` by a
  :class:`~drivers.camera.pacing.FramePacer` (clock and waiter injectable for tests).
- Rewinding with ``CAP_PROP_POS_FRAMES`` does not work on every backend (a single image via
  FFmpeg, some containers); a failed rewind falls back to reopening the source.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import NoReturn, Protocol, Self

import cv2
import numpy as np

from drivers.camera.pacing import Clock, FramePacer, Waiter
from kiosk.errors import CameraError, CameraStreamEndedError, CameraUnavailableError
from kiosk.ports.camera import Frame, camera_status
from kiosk.ports.device import DeviceState, DeviceStatus

_DEVICE_PATH = re.compile(r"^/dev/video(\d+)$")
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm"})


class SourceKind(StrEnum):
    DEVICE = "device"
    VIDEO = "video"
    IMAGES = "images"  # one image or a printf-style sequence pattern


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """Where frames come from, decided once from the configured value."""

    kind: SourceKind
    index: int = -1
    path: str = ""

    @classmethod
    def parse(cls, source: int | str | Path) -> SourceSpec:
        if isinstance(source, int):
            if source < 0:
                raise ValueError("camera index must be >= 0")
            return cls(SourceKind.DEVICE, index=source)
        text = str(source).strip()
        if not text:
            raise ValueError("camera source must not be empty")
        if text.isdigit():
            return cls(SourceKind.DEVICE, index=int(text))
        if match := _DEVICE_PATH.fullmatch(text):
            return cls(SourceKind.DEVICE, index=int(match.group(1)))
        if "%" in text or Path(text).suffix.lower() in _IMAGE_SUFFIXES:
            return cls(SourceKind.IMAGES, path=text)
        return cls(SourceKind.VIDEO, path=text)

    @property
    def is_file(self) -> bool:
        return self.kind is not SourceKind.DEVICE

    def exists(self) -> bool:
        """Cheap pre-check so a typo'd path never reaches FFmpeg (which logs noisily)."""
        if self.kind is SourceKind.DEVICE:
            return True
        if self.kind is SourceKind.IMAGES and "%" in self.path:
            return Path(self.path).parent.is_dir()
        return Path(self.path).is_file()


class VideoCaptureLike(Protocol):
    """The part of ``cv2.VideoCapture`` this adapter uses (the outermost OS seam)."""

    def isOpened(self) -> bool: ...  # noqa: N802 - OpenCV's name

    def read(self) -> tuple[bool, object]: ...

    def set(self, prop_id: int, value: float) -> bool: ...

    def get(self, prop_id: int) -> float: ...

    def release(self) -> None: ...


CaptureFactory = Callable[[int | str, int], VideoCaptureLike]


def _default_factory(source: int | str, api: int) -> VideoCaptureLike:
    # cv2's stubs overload on int/str; both are accepted at run time.
    if isinstance(source, int):
        return cv2.VideoCapture(source, api)
    return cv2.VideoCapture(source, api)


def as_frame(mat: object) -> Frame | None:
    """A contiguous BGR uint8 frame, or None for anything a capture should not have returned."""
    if mat is None:
        return None
    arr = np.asarray(mat)
    if arr.dtype != np.uint8 or arr.size == 0:
        return None
    if arr.ndim == 2:
        arr = np.asarray(cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
    elif arr.ndim == 3 and arr.shape[2] == 4:
        arr = np.asarray(cv2.cvtColor(arr, cv2.COLOR_BGRA2BGR), dtype=np.uint8)
    elif arr.ndim != 3 or arr.shape[2] != 3:
        return None
    return np.ascontiguousarray(arr, dtype=np.uint8)


class OpenCvCamera:
    """A camera device or a file stand-in, read through ``cv2.VideoCapture``.

    ``width``/``height``/``fps`` come from config. For a device they are requested from the
    driver (which may pick the nearest mode: :attr:`resolution` then reports what it really
    delivers); for a file source ``fps`` paces the reads and the frames keep their own size.
    ``loop`` makes a file source start over at its end instead of raising
    :class:`CameraStreamEndedError`.

    After ``CameraUnavailableError`` (unplugged mid-session) the camera is closed; the caller
    may call :meth:`open` again later to retry.
    """

    def __init__(
        self,
        source: int | str | Path,
        *,
        width: int = 1920,
        height: int = 1080,
        fps: float = 15.0,
        loop: bool = True,
        fourcc: str | None = "MJPG",
        clock: Clock | None = None,
        wait: Waiter | None = None,
        capture_factory: CaptureFactory = _default_factory,
    ) -> None:
        if width <= 0 or height <= 0:
            raise ValueError("resolution must be positive")
        if fourcc is not None and len(fourcc) != 4:
            raise ValueError("fourcc must have 4 characters")
        self.spec = SourceSpec.parse(source)
        self.fps = fps
        self.loop = loop
        self._requested = (width, height)
        self._resolution = (width, height)
        self._fourcc = fourcc
        self._factory = capture_factory
        self._pacer = FramePacer(fps, clock, wait)
        self._lock = threading.RLock()
        self._cap: VideoCaptureLike | None = None
        self._pending: Frame | None = None
        self._status = camera_status(DeviceState.UNKNOWN)

    # -- port ------------------------------------------------------------------------------

    @property
    def resolution(self) -> tuple[int, int]:
        return self._resolution

    def status(self) -> DeviceStatus:
        return self._status

    def open(self) -> None:
        with self._lock:
            if self._cap is not None:
                return
            try:
                cap, first = self._open_capture()
            except CameraUnavailableError as err:
                self._status = camera_status(DeviceState.OFFLINE, **_str_params(err))
                raise
            self._cap = cap
            self._pending = first
            self._resolution = (first.shape[1], first.shape[0])
            self._pacer.reset()
            self._status = camera_status(DeviceState.READY)

    def close(self) -> None:
        self._pacer.interrupt()  # wake a paced reader first so it lets go of the lock
        with self._lock:
            self._release()
            if self._status.state is DeviceState.READY:
                self._status = camera_status(DeviceState.UNKNOWN)

    def read(self) -> Frame:
        if self.spec.is_file:
            self._pacer.wait_for_next()
        with self._lock:
            cap = self._cap
            if cap is None:
                if self._status.state is DeviceState.NO_MEDIA:
                    raise CameraStreamEndedError()
                raise CameraUnavailableError(reason="closed")
            if self._pending is not None:
                pending, self._pending = self._pending, None
                return pending
            frame = self._grab(cap)
            if frame is not None:
                return frame
            if not self.spec.is_file:
                self._fail(CameraUnavailableError(reason="lost", detail="device read failed"))
            if not self.loop:
                self._release()
                self._status = camera_status(DeviceState.NO_MEDIA)
                raise CameraStreamEndedError()
            return self._rewind()

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

    # -- internals -------------------------------------------------------------------------

    def _open_capture(self) -> tuple[VideoCaptureLike, Frame]:
        spec = self.spec
        if not spec.exists():
            raise CameraUnavailableError(reason="missing", detail=f"no such source {spec.path}")
        target: int | str
        if spec.kind is SourceKind.DEVICE:
            target, api = spec.index, cv2.CAP_V4L2
        elif spec.kind is SourceKind.IMAGES:
            target, api = spec.path, cv2.CAP_IMAGES
        else:
            target, api = spec.path, cv2.CAP_ANY
        cap: VideoCaptureLike | None = None
        try:
            cap = self._factory(target, api)
            if not cap.isOpened():
                raise CameraUnavailableError(reason="missing", detail=f"cannot open {spec}")
            if spec.kind is SourceKind.DEVICE:
                self._configure_device(cap)
            # A busy V4L2 device opens fine and fails on the first read: prove it streams.
            frame = self._grab(cap)
            if frame is None:
                raise CameraUnavailableError(reason="busy", detail=f"no frame from {spec}")
        except CameraUnavailableError:
            _quiet_release(cap)
            raise
        except cv2.error as err:
            _quiet_release(cap)
            raise CameraUnavailableError(reason="error", detail=str(err)) from err
        return cap, frame

    def _configure_device(self, cap: VideoCaptureLike) -> None:
        """Ask for the configured mode; MJPG first because raw YUYV at 1080p chokes USB 2."""
        if self._fourcc is not None:
            cap.set(cv2.CAP_PROP_FOURCC, float(cv2.VideoWriter.fourcc(*self._fourcc)))
        width, height = self._requested
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, float(width))
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, float(height))
        cap.set(cv2.CAP_PROP_FPS, float(self.fps))
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1.0)  # a preview wants the newest frame, not a queue

    def _grab(self, cap: VideoCaptureLike) -> Frame | None:
        try:
            ok, mat = cap.read()
        except cv2.error as err:
            if self.spec.is_file:
                return None  # a corrupt frame in a file: treated as the end of the stream
            self._fail(CameraUnavailableError(reason="error", detail=str(err)), err)
        return as_frame(mat) if ok else None

    def _rewind(self) -> Frame:
        cap = self._cap
        assert cap is not None
        try:
            if cap.set(cv2.CAP_PROP_POS_FRAMES, 0.0) and (frame := self._grab(cap)) is not None:
                return frame
        except cv2.error:
            pass  # fall through to a reopen
        self._release()
        try:
            new_cap, frame = self._open_capture()
        except CameraUnavailableError as err:
            self._status = camera_status(DeviceState.OFFLINE, **_str_params(err))
            raise
        self._cap = new_cap
        return frame

    def _fail(self, err: CameraError, cause: BaseException | None = None) -> NoReturn:
        """Close and go ``OFFLINE`` (the device vanished); always raises ``err``."""
        self._release()
        self._status = camera_status(DeviceState.OFFLINE, **_str_params(err))
        raise err from cause

    def _release(self) -> None:
        cap, self._cap, self._pending = self._cap, None, None
        _quiet_release(cap)


def _quiet_release(cap: VideoCaptureLike | None) -> None:
    if cap is None:
        return
    with contextlib.suppress(cv2.error):  # nothing to do: the handle is gone either way
        cap.release()


def _str_params(err: CameraError) -> dict[str, str | int | None]:
    return {k: v for k, v in err.params.items() if isinstance(v, str | int) or v is None}
