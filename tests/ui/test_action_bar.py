"""The action row (Back / Next / Home / Submit) sits in a fixed bar below each screen's
scrolling body: on every screen of the walk, in landscape elder mode (the tightest fit), the
bar is on the display; the manual ID entry and the camera page fit without scrolling."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QApplication

from ui import demo

FITS_WITHOUT_SCROLLING = {"identify_manual", "identify_manual_error", "materials_camera"}


def test_action_bar_stays_on_the_display_on_every_screen(make_kiosk) -> None:
    k = make_kiosk(language="en", elder=True, KIOSK_TERMINAL__ORIENTATION="landscape")
    k.window.resize(1920, 1080)
    window = k.window
    seen: set[str] = set()
    for step in demo.walk(k.ui, k.wait):
        for _ in range(5):
            QApplication.processEvents()  # layouts settle over a few passes (no sleep)
        screen = demo.current(k.ui)
        assert not screen.scroller.isAncestorOf(screen.action_bar), step
        buttons = [
            b for b in screen.action_bar.findChildren(QAbstractButton) if b.isVisibleTo(screen)
        ]
        for b in buttons:
            top_left = b.mapTo(window, QPoint(0, 0))
            assert top_left.y() >= window.header.height(), (step, b.objectName())
            assert top_left.y() + b.height() <= window.height(), (step, b.objectName())
            assert top_left.x() + b.width() <= window.width(), (step, b.objectName())
        if buttons:
            seen.add(step)
        if step in FITS_WITHOUT_SCROLLING:
            bar = screen.scroller.verticalScrollBar()
            k.wait(lambda bar=bar: bar.maximum() == 0)  # the body fits: nothing to scroll
    assert {"identify_manual", "choose", "guide", "form", "materials_camera", "review"} <= seen
