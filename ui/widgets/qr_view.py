"""A QR code drawn as crisp rectangles at any size (tracking number to photograph with a phone).

Modules are painted as filled rects on an integer grid, so the code stays sharp when the widget
scales, with the standard 4-module quiet zone. Always a full QR (``segno.make_qr``): short data
would otherwise silently become a Micro QR that many phone readers cannot decode.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4


class QrCodeWidget(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(120, 120)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        if text:
            qr = segno.make_qr(text, error="m", boost_error=True)
            self._matrix = [[bool(v) for v in row] for row in qr.matrix]
        else:
            self._matrix = []
        self.setAccessibleName(self.tr("QR code of %1").replace("%1", text) if text else "")
        self.update()

    def moduleCount(self) -> int:
        """Modules per side including the quiet zone (0 without text)."""
        return len(self._matrix) + 2 * QUIET_ZONE if self._matrix else 0

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def heightForWidth(self, width: int) -> int:
        return width

    def hasHeightForWidth(self) -> bool:
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        count = self.moduleCount()
        if count:
            side = min(self.width(), self.height())
            module = max(1, side // count)  # whole pixels per module: no blurred edges
            size = module * count
            x0 = (self.width() - size) // 2 + QUIET_ZONE * module
            y0 = (self.height() - size) // 2 + QUIET_ZONE * module
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(Qt.GlobalColor.black)
            for r, row in enumerate(self._matrix):
                for c, dark in enumerate(row):
                    if dark:
                        painter.drawRect(QRect(x0 + c * module, y0 + r * module, module, module))
        painter.end()
