"""Temporary stand-ins for widgets another engineer is writing in ``ui/widgets/``.

Each is the smallest control that lets the journey work end to end (keypad, signature pad, QR
view). ``ui.screens`` import the real widget when it exists and fall back to these otherwise;
delete this module once ``ui/widgets`` has all of them.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from ui.screens.base import button


class SimpleKeypad(QWidget):
    """Digits, X, backspace and clear, typing into a ``QLineEdit``."""

    keyPressed = Signal(str)

    def __init__(self, target: QLineEdit, with_x: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(10)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X" if with_x else "", "0", "⌫"]
        for i, key in enumerate(keys):
            if not key:
                continue
            b = button(key, name=f"key_{'back' if key == '⌫' else key}")
            b.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(b, i // 3, i % 3)

    def _press(self, key: str) -> None:
        if key == "⌫":
            self._target.backspace()
        else:
            self._target.insert(key)
        self.keyPressed.emit(key)


class SimpleSignaturePad(QWidget):
    """Finger strokes drawn into an image; ``png_bytes()`` for the attachment store."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setMinimumHeight(320)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("background: white; border: 2px dashed #7A8796;")
        self._strokes: list[QPainterPath] = []

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes.clear()
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        if not points:
            return
        path = QPainterPath(QPointF(*points[0]))
        for p in points[1:]:
            path.lineTo(QPointF(*p))
        self._strokes.append(path)
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._strokes.append(QPainterPath(event.position()))
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._strokes:
            self._strokes[-1].lineTo(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        self._draw(painter)
        painter.end()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#1B1F24"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for path in self._strokes:
            painter.drawPath(path)

    def png_bytes(self) -> bytes:
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


class SimpleQrView(QWidget):
    """Draws a QR code for a text (segno computes the modules; no image files involved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qr_view")
        self.setFixedSize(240, 240)
        self._matrix: list[list[bool]] = []
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        self._matrix = []
        if text:
            import segno  # small, pure Python; only when a QR is shown

            qr = segno.make_qr(text, error="m")
            self._matrix = [[bool(v) for v in row] for row in qr.matrix_iter(border=2)]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        n = len(self._matrix)
        if n:
            cell = min(self.width(), self.height()) / n
            for y, row in enumerate(self._matrix):
                for x, dark in enumerate(row):
                    if dark:
                        painter.fillRect(
                            int(x * cell),
                            int(y * cell),
                            int(cell + 1),
                            int(cell + 1),
                            Qt.GlobalColor.black,
                        )
        painter.end()
