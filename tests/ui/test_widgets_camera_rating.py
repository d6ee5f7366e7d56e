"""Camera preview and rating widgets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QScrollArea, QScroller
from pytestqt.qtbot import QtBot

from ui.widgets.camera_view import CameraPreviewWidget, frame_to_image
from ui.widgets.rating_widget import ELDER_TARGET_PX, Option, RatingWidget


def _pixel(image: QImage, x: int, y: int) -> tuple[int, int, int]:
    c = QColor(image.pixel(x, y))
    return c.red(), c.green(), c.blue()


# -- camera preview ---------------------------------------------------------------------------
def test_bgr_frame_renders_with_aspect_ratio(qtbot: QtBot) -> None:
    widget = CameraPreviewWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    frame = np.zeros((100, 200, 3), dtype=np.uint8)
    frame[:, :] = (255, 0, 0)  # pure blue in BGR
    widget.setFrame(frame)
    frame[:, :] = 0  # the camera reuses its buffer: the preview must not change
    image = widget.grab().toImage()
    # 200x100 in a 400x400 widget: 400x200, centred, black bars above and below.
    assert widget.imageRect().toRect().getRect() == (0, 100, 400, 200)
    assert _pixel(image, 200, 200) == (0, 0, 255)
    assert _pixel(image, 200, 20) == (0, 0, 0)
    assert widget.frameSize().width() == 200


def test_strided_and_grey_frames(qtbot: QtBot) -> None:
    big = np.zeros((60, 80, 3), dtype=np.uint8)
    big[:, :, 1] = 200  # green
    crop = big[10:50, 10:70]
    image, keep = frame_to_image(crop)
    assert keep is not None and image.width() == 60 and image.height() == 40
    assert _pixel(image, 5, 5) == (0, 200, 0)
    grey, keep_grey = frame_to_image(np.full((10, 10), 77, dtype=np.uint8))
    assert keep_grey is None and _pixel(grey, 3, 3) == (77, 77, 77)
    with pytest.raises(ValueError):
        frame_to_image(np.zeros((4, 4, 4), dtype=np.uint8))


def test_outline_guidance_and_progress_are_drawn(qtbot: QtBot) -> None:
    widget = CameraPreviewWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 200)
    widget.setFrame(np.zeros((100, 200, 3), dtype=np.uint8))
    before = widget.grab().toImage()
    widget.setOutline([(20, 20), (180, 20), (180, 80), (20, 80)])
    after = widget.grab().toImage()
    # frame (20, 20) maps to widget (40, 40): the outline stroke is green there now.
    assert _pixel(before, 40, 40) == (0, 0, 0)
    r, g, _ = _pixel(after, 40, 40)
    assert g > 150 and r < 60
    # inside the polygon a translucent green fill, outside it stays black
    assert _pixel(after, 200, 100)[1] > 0 and _pixel(after, 10, 100) == (0, 0, 0)
    widget.setOutline(None)
    assert _pixel(widget.grab().toImage(), 40, 40) == (0, 0, 0)
    widget.setGuidance("Hold the page still")
    assert widget.guidance() == "Hold the page still"
    guided = widget.grab().toImage()
    assert any(_pixel(guided, x, 160) != (0, 0, 0) for x in range(0, 400, 2))
    widget.setProgress(1.5)
    assert widget.progress() == 1.0
    ringed = widget.grab().toImage()
    side = int(200 * 0.18)
    top = (400 - side - 24 + side // 2, 24)  # top of the ring
    assert _pixel(ringed, *top) == (255, 255, 255)


# -- rating ------------------------------------------------------------------------------------
INDICATORS = [
    Option("efficiency", "Efficiency"),
    Option("skill", "Skill"),
    Option("attitude", "Attitude"),
]
REASONS = [Option("long_wait", "Long wait"), Option("unclear_guidance", "Unclear")]


def make_rating(qtbot: QtBot, **kwargs: object) -> RatingWidget:
    widget = RatingWidget(indicators=INDICATORS, reasons=REASONS, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_good_rating_has_no_reasons_and_is_anonymous(qtbot: QtBot) -> None:
    widget = make_rating(qtbot)
    assert not widget.submitButton().isEnabled()
    qtbot.mouseClick(widget.levelButton(5), Qt.MouseButton.LeftButton)
    assert not widget.reasonsVisible()
    qtbot.mouseClick(widget.indicatorButton("efficiency", 4), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(widget.rated) as blocker:
        qtbot.mouseClick(widget.submitButton(), Qt.MouseButton.LeftButton)
    assert blocker.args == [5, {"efficiency": 4}, [], True]


def test_reasons_only_for_fairly_satisfied_and_below(qtbot: QtBot) -> None:
    widget = make_rating(qtbot)
    qtbot.mouseClick(widget.levelButton(3), Qt.MouseButton.LeftButton)
    assert widget.reasonsVisible()
    widget.reasonCheck("long_wait").setChecked(True)
    qtbot.mouseClick(widget.levelButton(4), Qt.MouseButton.LeftButton)
    assert not widget.reasonsVisible()
    assert not widget.reasonCheck("long_wait").isChecked()
    qtbot.mouseClick(widget.levelButton(1), Qt.MouseButton.LeftButton)
    widget.reasonCheck("unclear_guidance").setChecked(True)
    widget.anonymousToggle().setChecked(False)
    with qtbot.waitSignal(widget.rated) as blocker:
        qtbot.mouseClick(widget.submitButton(), Qt.MouseButton.LeftButton)
    assert blocker.args == [1, {}, ["unclear_guidance"], False]
    widget.reset()
    assert widget.level() is None and widget.anonymousToggle().isChecked()


def test_levels_show_text_and_face_and_skip_works(qtbot: QtBot) -> None:
    widget = make_rating(qtbot, elder_mode=True)
    for level in range(1, 6):
        button = widget.levelButton(level)
        assert button.text() and not button.icon().isNull()
        assert button.height() >= ELDER_TARGET_PX
    assert widget.levelButton(5).text() == "Very satisfied"
    gray = QImage.Format.Format_Grayscale8
    smile, frown = (
        widget.levelButton(lv).icon().pixmap(64, 64).toImage().convertToFormat(gray)
        for lv in (5, 1)
    )
    assert smile != frown  # the faces differ in shape, visible even in greyscale
    scroll = widget.findChild(QScrollArea)
    assert scroll is not None and QScroller.hasScroller(scroll.viewport())
    with qtbot.waitSignal(widget.skipped):
        qtbot.mouseClick(widget.skipButton(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
