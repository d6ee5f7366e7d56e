"""Live camera preview for photographing documents: frame, page outline, guidance, progress.

Frames arrive as numpy ``uint8`` BGR arrays (what the camera port delivers). Conversion copies
exactly once: the array is wrapped as a ``QImage`` without copying (``Format_BGR888`` reads BGR
directly) and then ``.copy()`` detaches it, so the camera thread may reuse its buffer at once.
The frame is letter-boxed to keep its aspect ratio; the outline (in *frame* pixel coordinates)
is mapped through the same transform so it sits on the page whatever the widget size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float]


def frame_to_image(frame: np.ndarray) -> tuple[QImage, np.ndarray | None]:
    """BGR (h, w, 3) or grey (h, w) uint8 array → (QImage, buffer to keep alive or None).

    Exactly one copy: a contiguous frame is wrapped and ``.copy()``-detached (no buffer to
    keep); a strided view (a crop) is made contiguous once and wrapped without another copy,
    so the returned array must live as long as the image.
    """
    if frame.dtype != np.uint8 or frame.ndim not in (2, 3):
        raise ValueError("frames must be uint8 arrays of shape (h, w, 3) or (h, w)")
    if frame.ndim == 3 and frame.shape[2] != 3:
        raise ValueError("colour frames must have 3 channels (BGR)")
    fmt = QImage.Format.Format_BGR888 if frame.ndim == 3 else QImage.Format.Format_Grayscale8
    height, width = frame.shape[:2]
    if frame.flags["C_CONTIGUOUS"]:
        return QImage(frame.data, width, height, frame.strides[0], fmt).copy(), None
    buffer = np.ascontiguousarray(frame)
    return QImage(buffer.data, width, height, buffer.strides[0], fmt), buffer


class CameraPreviewWidget(QWidget):
    """``setFrame(array)``, ``setOutline(points | None)``, ``setGuidance(text)``,
    ``setProgress(0..1 | None)`` (the ring shown while the page is held steady)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._buffer: np.ndarray | None = None  # backs _image when it wraps a copied crop
        self._outline: list[Point] | None = None
        self._guidance = ""
        self._progress: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def sizeHint(self) -> QSize:
        return QSize(960, 540)

    # ------------------------------------------------------------------ inputs

    def setFrame(self, frame: np.ndarray | None) -> None:
        if frame is None:
            self._image, self._buffer = None, None
        else:
            self._image, self._buffer = frame_to_image(frame)
        self.update()

    def frameSize(self) -> QSize:
        return QSize() if self._image is None else self._image.size()

    def setOutline(self, points: Sequence[Point] | None) -> None:
        """Page corners in frame pixels (any polygon); None hides the outline."""
        self._outline = None if points is None else [(float(x), float(y)) for x, y in points]
        self.update()

    def setGuidance(self, text: str) -> None:
        self._guidance = text
        self.setAccessibleDescription(text)
        self.update()

    def guidance(self) -> str:
        return self._guidance

    def setProgress(self, fraction: float | None) -> None:
        self._progress = None if fraction is None else min(1.0, max(0.0, fraction))
        self.update()

    def progress(self) -> float | None:
        return self._progress

    # ------------------------------------------------------------------ geometry

    def imageRect(self) -> QRectF:
        """Where the frame is drawn (aspect ratio kept, centred)."""
        if self._image is None or self._image.isNull():
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def mapFromFrame(self, point: Point) -> QPointF:
        rect = self.imageRect()
        if self._image is None or rect.isNull():
            return QPointF(*point)
        scale = rect.width() / self._image.width()
        return QPointF(rect.left() + point[0] * scale, rect.top() + point[1] * scale)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self._image is not None:
            painter.drawImage(self.imageRect(), self._image)
        if self._outline:
            polygon = QPolygonF([self.mapFromFrame(p) for p in self._outline])
            pen = QPen(QColor(0, 200, 90), 6)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(QColor(0, 200, 90, 50))
            painter.drawPolygon(polygon)
        if self._progress is not None:
            self._paint_ring(painter)
        if self._guidance:
            self._paint_guidance(painter)
        painter.end()

    def _paint_ring(self, painter: QPainter) -> None:
        side = min(self.width(), self.height()) * 0.18
        rect = QRectF(self.width() - side - 24, 24, side, side)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(255, 255, 255, 110), 10))
        painter.drawEllipse(rect)
        pen = QPen(QColor(255, 255, 255), 10)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        span = int(-360 * 16 * (self._progress or 0.0))
        painter.drawArc(rect, 90 * 16, span)

    def _paint_guidance(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSize(max(18, font.pointSize()))
        painter.setFont(font)
        band = QRectF(0, self.height() - 96, self.width(), 96)
        painter.fillRect(band, QColor(0, 0, 0, 170))
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(
            band.adjusted(16, 8, -16, -8),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self._guidance,
        )
