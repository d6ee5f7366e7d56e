"""Finger signature pad: smooth strokes from mouse, pen or touch; exports a cropped PNG.

Strokes are kept as point lists (in widget coordinates) and drawn as quadratic curves through
the midpoints of successive points, which turns the jagged polyline of a finger into ink that
looks written. Export re-draws the strokes on a white canvas cropped to the ink, so the PNG is
independent of the widget size and contains no UI chrome.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

_MIN_STEP = 1.5  # px: ignore jitter smaller than this


def _stroke_path(points: list[QPointF]) -> QPainterPath:
    path = QPainterPath(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.1, 0.1))  # a dot
        return path
    for i in range(1, len(points) - 1):
        mid = (points[i] + points[i + 1]) / 2
        path.quadTo(points[i], mid)
    path.lineTo(points[-1])
    return path


class SignaturePadWidget(QWidget):
    """Draw with a finger; ``isEmpty()``, ``clear()``, ``toPng()``; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, pen_width: float = 4.0) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._current: list[QPointF] | None = None
        self._pen_width = pen_width
        self._ink = QColor(20, 20, 60)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 120)
        self.setAccessibleName(self.tr("Signature area: sign here with your finger"))

    def sizeHint(self) -> QSize:
        return QSize(800, 320)

    # ------------------------------------------------------------------ public API

    def isEmpty(self) -> bool:
        return not self._strokes and not self._current

    def clear(self) -> None:
        if self.isEmpty():
            return
        self._strokes = []
        self._current = None
        self.update()
        self.changed.emit()

    def strokeCount(self) -> int:
        return len(self._strokes)

    def inkRect(self) -> QRectF:
        """Bounding box of all ink in widget coordinates (pen width included)."""
        rect = QRectF()
        for stroke in self._strokes:
            rect = rect.united(_stroke_path(stroke).boundingRect())
        half = self._pen_width
        return rect.adjusted(-half, -half, half, half) if not rect.isNull() else rect

    def toImage(self, margin: int = 8) -> QImage:
        """White image of the ink only (cropped); a 1×1 white image when empty."""
        if self.isEmpty():
            image = QImage(1, 1, QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.white)
            return image
        ink = self.inkRect()
        width = max(1, int(ink.width()) + 2 * margin)
        height = max(1, int(ink.height()) + 2 * margin)
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(margin - ink.left(), margin - ink.top())
        self._draw(painter)
        painter.end()
        return image

    def toPng(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # The stubs say bytes, but PySide6 6.11/6.12 only accept str at run time.
        self.toImage().save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())

    # ------------------------------------------------------------------ input

    def _begin(self, pos: QPointF) -> None:
        self._current = [QPointF(pos)]
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        if (pos - last).manhattanLength() >= _MIN_STEP:
            self._current.append(QPointF(pos))
            self.update()

    def _end(self) -> None:
        if self._current:
            self._strokes.append(self._current)
            self._current = None
            self.update()
            self.changed.emit()
        self._current = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()
            event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                pos = points[0].position()
                kind = event.type()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(pos)
                elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
                    self._extend(pos)
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # ------------------------------------------------------------------ painting

    def _draw(self, painter: QPainter) -> None:
        pen = QPen(self._ink, self._pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in self._strokes:
            painter.drawPath(_stroke_path(stroke))
        if self._current:
            painter.drawPath(_stroke_path(self._current))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        # Baseline with a cross, as on paper forms: where to sign, without relying on colour.
        guide = QPen(QColor(150, 150, 150), 2, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        y = self.height() * 0.75
        painter.drawLine(QPointF(24, y), QPointF(self.width() - 24, y))
        painter.drawText(QRectF(8, y - 36, 40, 32), Qt.AlignmentFlag.AlignCenter, "✕")
        self._draw(painter)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update()
