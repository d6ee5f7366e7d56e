"""Shared building blocks of the screens: the screen base class, kinetic scrolling, labels.

Screens are dumb views: state in through ``render(state)``, intent out through signals. They
remember the last state so that a language switch (``retranslate``) or a mode switch can
re-render without asking the controller again.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)

from ui.theme import set_role


def kinetic(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Flick scrolling by touch (and by mouse drag, which is what VNC viewers send)."""
    if isinstance(area, QAbstractItemView):
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.3)
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    scroller.setScrollerProperties(props)
    area.setProperty(_KINETIC, True)
    return area


_KINETIC = "kioskKinetic"


def is_kinetic(area: QAbstractScrollArea) -> bool:
    return bool(area.property(_KINETIC))


def scroll_area(content: QWidget, *, touch_scrolling: bool = True) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    if touch_scrolling:
        kinetic(area)
    return area


def local_date(value: str | date, language: str) -> str:
    """A date as residents read it (2026年12月11日星期五 / Friday, December 11, 2026), never
    the ISO form; text that is not an ISO date comes back unchanged."""
    day = value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value
    assert isinstance(day, date)
    locale = QLocale(language)
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def local_datetime(value: datetime, language: str) -> str:
    """Date and time of day (2026年11月28日 06:11 / Nov 28, 2026 06:11), never ISO."""
    locale = QLocale(language)
    day = QDate(value.year, value.month, value.day)
    pattern = "yyyy年M月d日" if language.startswith("zh") else "MMM d, yyyy"
    return f"{locale.toString(day, pattern)} {value.strftime('%H:%M')}"


class TextLabel(QLabel):
    """A wrapping label with line spacing 1.3 (elder-friendly); ``plain`` keeps the text."""

    def __init__(self, text: str = "", role: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.plain = ""
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        if role:
            set_role(self, role)
        self.set_plain(text)

    def set_plain(self, text: str) -> None:
        self.plain = text
        body = html.escape(text).replace("\n", "<br>")
        self.setText(f'<div style="line-height:130%">{body}</div>' if text else "")


def title_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, "title")
    return label


def button(text: str = "", role: str | None = None, name: str | None = None) -> QPushButton:
    b = QPushButton(text)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touching a button must not steal the keyboard
    if role:
        set_role(b, role)
    if name:
        b.setObjectName(name)
    return b


def card() -> QFrame:
    frame = QFrame()
    set_role(frame, "card")
    return frame


def badge(text: str, role: str) -> QLabel:
    label = QLabel(text)
    set_role(label, role)
    label.setSizePolicy(label.sizePolicy().horizontalPolicy(), label.sizePolicy().verticalPolicy())
    return label


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item (screens rebuild dynamic parts on render).

    ``takeAt`` hands the item to the caller, and PySide does not delete it: each widget's
    ``QWidgetItem``, every stretch and every sub-layout taken out here must be deleted here,
    else each render leaks them (natively: invisible to ``gc``, found with heaptrack)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            # Detach at once (a wiped screen must not keep old texts in the widget tree
            # until the deferred delete runs), delete later (it may be sending a signal).
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
            shiboken6.delete(item)  # the QWidgetItem only, not the widget
        elif inner is not None:
            clear_layout(inner)
            inner.deleteLater()  # the item is the (now unparented) sub-layout itself
        else:
            shiboken6.delete(item)  # a spacer (addStretch / addSpacing)


def column(*widgets: QWidget, stretch: bool = False) -> QWidget:
    """Widgets one above the other without margins (``stretch`` keeps them at the top)."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(12)
    for w in widgets:
        lay.addWidget(w)
    if stretch:
        lay.addStretch(1)
    return box


class EntryPanel(QWidget):
    """A field with its keypad: field, keypad, buttons one above the other in portrait; the
    keypad beside field and buttons in landscape, where stacked they would push the page past
    the display in elder mode. The screen calls :meth:`arrange` on resize."""

    def __init__(self, top: QWidget, keypad: QWidget, bottom: QWidget) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(16)
        self._parts = (top, keypad, bottom)
        self.wide: bool | None = None
        self.arrange(False)

    def arrange(self, wide: bool) -> None:
        if wide == self.wide:
            return
        self.wide = wide
        grid = self._grid
        top, keypad, bottom = self._parts
        for w in self._parts:
            grid.removeWidget(w)
        if wide:
            grid.addWidget(top, 0, 0)
            grid.addWidget(bottom, 1, 0)
            grid.addWidget(keypad, 0, 1, 2, 1)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(1, 1)
            grid.setRowStretch(2, 0)
        else:
            grid.addWidget(top, 0, 0)
            grid.addWidget(keypad, 1, 0)
            grid.addWidget(bottom, 2, 0)
            grid.setColumnStretch(1, 0)
            grid.setRowStretch(1, 0)
        grid.setColumnStretch(0, 1)


class Screen(QWidget):
    """Base of every full-page screen: a scrolling body (title, content) above a fixed action
    bar (Back / Next / Home / Submit) that never scrolls out of sight.

    Subclasses build widgets in ``__init__`` (content into ``root``, the body's layout;
    buttons into :meth:`action_row`, the bar's layout), set texts in ``retranslate()`` and fill
    data in ``render(state)``. ``screen_id`` names the screen for tests and screenshots.
    """

    screen_id = "screen"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.screen_id)
        self._state: Any = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.body = QWidget()
        self.body.setObjectName(self.screen_id + "_body")
        self.root = QVBoxLayout(self.body)
        self.root.setContentsMargins(32, 24, 32, 16)
        self.root.setSpacing(16)
        self.title = title_label()
        self.root.addWidget(self.title)
        # The body scrolls when it does not fit (a landscape display in elder mode); the
        # window adds the flick gesture (``enable_touch_scrolling``) when it adds the screen.
        self.scroller = scroll_area(self.body, touch_scrolling=False)
        self.scroller.setObjectName(self.screen_id + "_scroller")
        outer.addWidget(self.scroller, 1)
        self.action_bar = QWidget()
        self.action_bar.setObjectName(self.screen_id + "_actions")
        set_role(self.action_bar, "action-bar")
        self.action_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._action_layout = QHBoxLayout(self.action_bar)
        self._action_layout.setContentsMargins(32, 12, 32, 20)
        self._action_layout.setSpacing(16)
        self.action_bar.hide()  # until a screen puts buttons there
        outer.addWidget(self.action_bar)

    def enable_touch_scrolling(self) -> None:
        """Flick scrolling of the body (idempotent; left out of the first frame)."""
        if not is_kinetic(self.scroller):
            kinetic(self.scroller)

    def scroll_to_top(self) -> None:
        self.scroller.verticalScrollBar().setValue(0)

    @property
    def state(self) -> Any:
        return self._state

    # Shadows QWidget.render(QPaintDevice, ...) (paint into a device) on purpose: every screen
    # is driven by render(state); nothing in the kiosk paints a screen into a device.
    def render(self, state: Any) -> None:  # type: ignore[override]
        self._state = state
        self._render(state)

    def _render(self, state: Any) -> None:  # pragma: no cover - overridden
        pass

    def retranslate(self) -> None:
        """Set every fixed text; re-render data texts in the new language."""
        if self._state is not None:
            self._render(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def action_row(self) -> QHBoxLayout:
        """The layout of the fixed action bar at the bottom of the screen."""
        self.action_bar.show()
        return self._action_layout
