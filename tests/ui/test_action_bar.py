"""The action row (Back / Next / Home / Submit) sits in a fixed bar below each screen's
scrolling body: on every screen of the walk, in elder mode (landscape is the tightest fit; portrait
too), the bar is on the display; the card page (waiting, and after a card error), the manual ID
entry and the camera page fit without scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QApplication

from ui import demo

FITS_WITHOUT_SCROLLING = {
    "identify",
    "identify_manual",
    "identify_manual_error",
    "materials_camera",
}
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def _elder_kiosk(make_kiosk: Any, orientation: str) -> Any:
    k = make_kiosk(language="en", elder=True, KIOSK_TERMINAL__ORIENTATION=orientation)
    k.window.resize(*SIZES[orientation])
    return k


def _bar_buttons_on_display(k: Any, step: str) -> list[QAbstractButton]:
    """The visible buttons of the current screen's action bar, each checked to be on the
    display; the bar is outside the scrolling body."""
    for _ in range(5):
        QApplication.processEvents()  # layouts settle over a few passes (no sleep)
    window = k.window
    screen = demo.current(k.ui)
    assert not screen.scroller.isAncestorOf(screen.action_bar), step
    buttons = [b for b in screen.action_bar.findChildren(QAbstractButton) if b.isVisibleTo(screen)]
    for b in buttons:
        top_left = b.mapTo(window, QPoint(0, 0))
        assert top_left.y() >= window.header.height(), (step, b.objectName())
        assert top_left.y() + b.height() <= window.height(), (step, b.objectName())
        assert top_left.x() + b.width() <= window.width(), (step, b.objectName())
    return buttons


def _fits(k: Any) -> None:
    bar = demo.current(k.ui).scroller.verticalScrollBar()
    k.wait(lambda: bar.maximum() == 0)  # the body fits: nothing to scroll


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_action_bar_stays_on_the_display_on_every_screen(make_kiosk, orientation) -> None:
    k = _elder_kiosk(make_kiosk, orientation)
    seen: set[str] = set()
    for step in demo.walk(k.ui, k.wait):
        if _bar_buttons_on_display(k, step):
            seen.add(step)
        if step in FITS_WITHOUT_SCROLLING:
            _fits(k)
    assert {
        "identify",
        "identify_manual",
        "choose",
        "guide",
        "form",
        "materials_camera",
        "review",
    } <= seen


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_card_error_page_fits_with_its_actions_in_the_bar(make_kiosk, orientation) -> None:
    k = _elder_kiosk(make_kiosk, orientation)
    k.tap_handle_matter()
    k.unsupported_card()
    k.wait(lambda: k.c.identify.error.isVisibleTo(k.c.identify))
    names = {b.objectName() for b in _bar_buttons_on_display(k, "identify_error")}
    assert {"identify_home", "identify_retry", "identify_manual"} <= names
    _fits(k)
