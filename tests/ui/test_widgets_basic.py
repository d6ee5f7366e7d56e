"""Signature pad, keypad and QR widgets, driven like a resident would (mouse, touch, taps)."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.widgets.keypad import ELDER_TARGET_PX, NumericKeypadWidget
from ui.widgets.qr_view import QrCodeWidget
from ui.widgets.signature_pad import SignaturePadWidget


def _gray(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, :width].copy()


def _drag(pad: SignaturePadWidget, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0])
    )
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1])
    )


# -- signature pad ---------------------------------------------------------------------------
def test_signature_mouse_drag_draws_and_exports_cropped_png(qtbot: QtBot) -> None:
    pad = SignaturePadWidget()
    qtbot.addWidget(pad)
    pad.resize(600, 300)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.isEmpty()
    with qtbot.waitSignal(pad.changed):
        _drag(pad, [(100, 100), (150, 130), (200, 110), (260, 150), (300, 120)])
    assert not pad.isEmpty() and pad.strokeCount() == 1
    png = pad.toPng()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(png, "PNG")
    # Cropped to the ink (about 200 x 50 plus margins), not the 600 x 300 widget.
    assert 200 <= image.width() < 260 and 50 <= image.height() < 100
    gray = _gray(image)
    assert gray[0, 0] == 255 and gray[-1, -1] == 255  # white background
    assert gray.min() < 100  # dark ink
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.isEmpty()


def test_signature_touch_sequence(qtbot: QtBot) -> None:
    pad = SignaturePadWidget()
    qtbot.addWidget(pad)
    pad.resize(600, 300)
    pad.show()
    qtbot.waitExposed(pad)
    device = QPointingDevice(
        "test touchscreen",
        1,
        QPointingDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger,
        QPointingDevice.Capability.Position,
        10,
        0,
    )
    QTest.touchEvent(pad, device).press(0, QPoint(50, 50)).commit()
    for x in range(60, 400, 20):
        QTest.touchEvent(pad, device).move(0, QPoint(x, 50 + x // 10)).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(400, 90)).commit()
    assert pad.strokeCount() == 1
    grabbed = _gray(pad.grab().toImage())
    assert grabbed[50:95, 50:400].min() < 100  # the stroke is visible on screen


# -- keypad ------------------------------------------------------------------------------------
def test_keypad_edits_the_bound_field_and_emits(qtbot: QtBot) -> None:
    field = QLineEdit()
    pad = NumericKeypadWidget(allow_x=True)
    qtbot.addWidget(field)
    qtbot.addWidget(pad)
    pad.setTarget(field)
    pad.show()
    qtbot.waitExposed(pad)
    pressed: list[str] = []
    pad.keyPressed.connect(pressed.append)
    for key in "37010219850312123X":
        qtbot.mouseClick(pad.button(key), Qt.MouseButton.LeftButton)
    assert field.text() == "37010219850312123X"
    qtbot.mouseClick(pad.button("backspace"), Qt.MouseButton.LeftButton)
    assert field.text() == "37010219850312123"
    qtbot.mouseClick(pad.button("clear"), Qt.MouseButton.LeftButton)
    assert field.text() == ""
    assert pressed[-2:] == ["backspace", "clear"] and len(pressed) == 20


def test_keypad_elder_mode_targets_and_hidden_x(qtbot: QtBot) -> None:
    pad = NumericKeypadWidget()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    assert not pad.button("X").isVisible()
    with qtbot.waitSignal(pad.elderModeChanged):
        pad.setProperty("elderMode", True)
    assert pad.isElderMode()
    qtbot.waitUntil(lambda: pad.button("5").height() >= ELDER_TARGET_PX)
    for key in ("0", "5", "9", "backspace", "clear"):
        button = pad.button(key)
        assert button.width() >= ELDER_TARGET_PX and button.height() >= ELDER_TARGET_PX
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


# -- QR ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [150, 333])
def test_qr_decodes_to_the_same_text(qtbot: QtBot, size: int) -> None:
    text = "LX01-250314-0007-6"
    widget = QrCodeWidget(text)
    qtbot.addWidget(widget)
    widget.resize(size, size)
    widget.show()
    qtbot.waitExposed(widget)
    gray = _gray(widget.grab().toImage())
    results = zxingcpp.read_barcodes(gray)
    assert [r.text for r in results] == [text]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    values = np.unique(gray)
    assert set(values.tolist()) <= {0, 255}  # crisp: only black and white pixels


def test_qr_without_text_is_blank(qtbot: QtBot) -> None:
    widget = QrCodeWidget()
    qtbot.addWidget(widget)
    widget.resize(100, 100)
    assert widget.moduleCount() == 0
    assert _gray(widget.grab().toImage()).min() == 255
    widget.setText("1")
    assert widget.moduleCount() == 21 + 8  # a full version-1 QR, never Micro QR
