"""The kiosk window: header, the stack of screens, and the overlays above them.

The window is a view like the screens: the controller tells it what to show. It offers the
resident no way out (frameless, fullscreen, close refused); a technician leaves with five taps
in the top-left corner within a few seconds, then the PIN from the settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import CHINA_STANDARD_TIME
from ui.screens.base import Screen, button
from ui.theme import STATUS_ICONS, set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QMouseEvent

    from ui.overlays import ConsentOverlay, HelpOverlay, IdleOverlay, PausedOverlay, PinOverlay

TAPS_TO_EXIT = 5
TAP_WINDOW_S = 3.0


@dataclass(frozen=True, slots=True)
class HeaderState:
    station_zh: str
    station_en: str
    now: datetime
    online: bool | None  # None = no sync information (yet)
    pending: int = 0
    language: str = "zh_CN"
    elder: bool = False


class _TapCorner(QWidget):
    """Invisible hot corner: counts taps; five within the window ask for the PIN."""

    armed = Signal()

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tech_corner")
        self._clock = clock
        self._taps: list[float] = []
        self.setFixedSize(96, 96)

    def set_clock(self, clock: Callable[[], float]) -> None:
        self._clock = clock

    def mousePressEvent(self, event: QMouseEvent) -> None:
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= TAP_WINDOW_S] + [now]
        if len(self._taps) >= TAPS_TO_EXIT:
            self._taps.clear()
            self.armed.emit()
        event.accept()


class KioskWindow(QWidget):
    """``overlays=False`` leaves the (hidden) overlays out of the first frame; then call
    :meth:`build_overlays` before anything uses them (``ui.app`` does, after the first paint)."""

    languageToggled = Signal()
    elderToggled = Signal(bool)
    technicianExit = Signal()
    idle_overlay: IdleOverlay
    paused_overlay: PausedOverlay
    help_overlay: HelpOverlay
    consent_overlay: ConsentOverlay
    pin_overlay: PinOverlay

    def __init__(
        self,
        technician_pin: str,
        clock: Callable[[], float],
        parent: QWidget | None = None,
        *,
        overlays: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk_window")
        self._pin = technician_pin
        self._allow_close = False
        self._header_state: HeaderState | None = None
        self._screens: set[Screen] = set()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        self.header = QWidget()
        self.header.setObjectName("header")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar = QHBoxLayout(self.header)
        bar.setContentsMargins(0, 8, 16, 8)
        self.corner = _TapCorner(clock)
        bar.addWidget(self.corner)
        info = QVBoxLayout()
        self.station = QLabel()
        self.station.setObjectName("station_name")
        set_role(self.station, "subtitle")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        info.addWidget(self.station)
        info.addWidget(self.clock_label)
        bar.addLayout(info, 1)
        self.network = QLabel()
        self.network.setObjectName("network_state")
        bar.addWidget(self.network)
        self.language_button = button(name="language_toggle")
        self.elder_button = button(name="elder_toggle")
        self.elder_button.setCheckable(True)
        bar.addWidget(self.language_button)
        bar.addWidget(self.elder_button)
        root.addWidget(self.header)

        self.area = QWidget()
        area_layout = QVBoxLayout(self.area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        area_layout.addWidget(self.stack)
        root.addWidget(self.area, 1)

        self._overlays_built = False
        if overlays:
            self.build_overlays()
        self.language_button.clicked.connect(self.languageToggled)
        self.elder_button.toggled.connect(self.elderToggled)
        self.retranslate()

    def build_overlays(self) -> None:
        """The overlays above the screens (idempotent)."""
        if self._overlays_built:
            return
        from ui.overlays import (
            ConsentOverlay,
            HelpOverlay,
            IdleOverlay,
            PausedOverlay,
            PinOverlay,
        )

        self._overlays_built = True
        self.idle_overlay = IdleOverlay(self.area)
        self.paused_overlay = PausedOverlay(self.area)
        self.help_overlay = HelpOverlay(self.area)
        self.consent_overlay = ConsentOverlay(self.area)
        self.pin_overlay = PinOverlay(self.area)
        self.corner.armed.connect(self.pin_overlay.open)
        self.pin_overlay.pinEntered.connect(self._check_pin)

    def set_clock(self, clock: Callable[[], float]) -> None:
        """The monotonic clock of the technician's hot corner."""
        self.corner.set_clock(clock)

    # ------------------------------------------------------------------ screens

    def add_screen(self, screen: Screen, *, touch_scrolling: bool = True) -> None:
        """Put a screen into the stack. Its body scrolls by itself (a screen taller than a
        landscape display scrolls instead of pushing the window off-screen) while its action
        bar stays at the bottom.

        ``touch_scrolling=False`` leaves out the flick gesture (its first use starts Qt's
        gesture manager, ~10 ms): the home screen of the first frame is added that way and
        gets it when the controller adds it again after the paint. Adding a screen that is
        already there only adds the gesture when asked and missing."""
        if screen not in self._screens:
            self._screens.add(screen)
            self.stack.addWidget(screen)
        if touch_scrolling:
            screen.enable_touch_scrolling()

    def show_screen(self, screen: Screen) -> None:
        self.stack.setCurrentWidget(screen)
        screen.scroll_to_top()

    @property
    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    # ------------------------------------------------------------------ header

    def render_header(self, state: HeaderState) -> None:
        self._header_state = state
        en = state.language == "en"
        self.station.setText(state.station_en if en and state.station_en else state.station_zh)
        locale = QLocale(state.language)
        now = state.now.astimezone(CHINA_STANDARD_TIME)  # as on receipts, whatever the OS zone
        day = now.date()
        self.clock_label.setText(
            locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
            + "  "
            + now.strftime("%H:%M")
        )
        if state.online is None:
            text = ""
        elif state.online:
            text = f"{STATUS_ICONS['ok']} " + self.tr("Online")
        else:
            text = f"{STATUS_ICONS['offline']} " + self.tr("Offline — your data is kept safely")
        if state.online is not None and state.pending:
            text += "  " + self.tr("{n} waiting to send").format(n=state.pending)
        self.network.setText(text)
        self.network.setVisible(bool(text))  # hidden until sync has something to say
        self.language_button.setText("中文" if en else "English")
        self.elder_button.blockSignals(True)
        self.elder_button.setChecked(state.elder)
        self.elder_button.blockSignals(False)

    def retranslate(self) -> None:
        # The language button names the *other* language in that language (not translated).
        other = "中文" if self._header_state and self._header_state.language == "en" else "English"
        self.language_button.setText(other)
        self.elder_button.setText(self.tr("Elder mode"))
        if self._header_state is not None:
            self.render_header(self._header_state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ exit

    def _check_pin(self, pin: str) -> None:
        if pin and pin == self._pin:
            self.pin_overlay.hide()
            self._allow_close = True
            self.technicianExit.emit()
        else:
            self.pin_overlay.show_error()

    def allow_close(self) -> None:
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4 or a window manager close must not drop a resident to a desktop.
        if self._allow_close:
            event.accept()
        else:
            event.ignore()
