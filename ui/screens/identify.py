"""Screen 2: identify. Where to put the card (animated), manual ID entry, reader guidance."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import (
    Property,
    QEasingCurve,
    QEvent,
    QObject,
    QPropertyAnimation,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from ui.messages import message
from ui.screens.base import EntryPanel, Screen, TextLabel, button, column
from ui.theme import PALETTE, STATUS_ICONS, set_role
from ui.widgets.keypad import NumericKeypadWidget


class IdentifyStage(StrEnum):
    WAITING = "waiting"
    READING = "reading"
    ERROR = "error"
    MANUAL = "manual"
    TAKE_CARD = "take_card"


@dataclass(frozen=True, slots=True)
class IdentifyState:
    stage: IdentifyStage = IdentifyStage.WAITING
    error_key: str | None = None  # reader error (translated through ui.messages)
    manual_error_key: str | None = None
    reader_offline: bool = False
    greeting_name: str = ""  # masked name after a read (张*)


class CardAnimationWidget(QWidget):
    """A card sliding onto the reader pad, looping: shows where the card goes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_animation")
        self.setMinimumSize(420, 300)
        self.setMaximumHeight(560)
        self._progress = 0.0
        self.animation = QPropertyAnimation(self, b"progress", self)
        self.animation.setDuration(2200)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.animation.setLoopCount(-1)

    def _get_progress(self) -> float:
        return self._progress

    def _set_progress(self, value: float) -> None:
        self._progress = value
        self.update()

    progress = Property(float, _get_progress, _set_progress)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        pad = QRectF(w * 0.2, h * 0.55, w * 0.6, h * 0.35)
        p.setPen(QPen(QColor(PALETTE.border), 3))
        p.setBrush(QColor(PALETTE.surface))
        p.drawRoundedRect(pad, 16, 16)
        p.setPen(QPen(QColor(PALETTE.primary), 3, Qt.PenStyle.DashLine))
        p.drawRoundedRect(pad.adjusted(24, 16, -24, -16), 10, 10)
        # The card travels from above into the pad's marked area.
        t = self._progress
        card_w, card_h = pad.width() - 48, pad.height() - 32
        start_y, end_y = h * 0.02, pad.top() + 16
        y = start_y + (end_y - start_y) * min(1.0, t * 1.4)
        card = QRectF(pad.left() + 24, y, card_w, card_h)
        p.setPen(QPen(QColor(PALETTE.header), 3))
        p.setBrush(QColor("#DCEBFA"))
        p.drawRoundedRect(card, 12, 12)
        p.setBrush(QColor(PALETTE.primary))
        photo = QRectF(card.right() - card_w * 0.3, card.top() + 12, card_w * 0.22, card_h - 24)
        p.drawRect(photo)
        p.setPen(QPen(QColor(PALETTE.muted), 4))
        for i in range(3):
            line_y = card.top() + 20 + i * (card_h - 40) / 3
            p.drawLine(int(card.left() + 16), int(line_y), int(photo.left() - 16), int(line_y))
        p.setPen(QColor(PALETTE.header))
        font = QFont(self.font())
        font.setPointSize(max(18, font.pointSize() * 2))
        below = QRectF(0, pad.bottom() - 4, w, h - pad.bottom() + 4)
        if QFontMetrics(font).height() > below.height():  # a short picture (landscape)
            font.setPixelSize(max(12, int(below.height())))  # the whole arrow, not a stub
        p.setFont(font)
        p.drawText(
            below,
            Qt.AlignmentFlag.AlignCenter,
            "↓",
        )
        p.end()


class IdentifyScreen(Screen):
    screen_id = "identify"
    manualRequested = Signal()
    manualSubmitted = Signal(str)
    retryRequested = Signal()
    continueRequested = Signal()  # after "please take your card"
    homeRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.pages = QStackedWidget()
        self.root.addWidget(self.pages, 1)

        # waiting / reading / error: the card animation with guidance text
        wait = QWidget()
        wl = QVBoxLayout(wait)
        wl.addStretch(1)  # picture + guidance sit in the middle of a tall portrait screen
        self.animation = CardAnimationWidget()
        wl.addWidget(self.animation, 3)  # most of the spare height, up to its maximum
        self.guidance = TextLabel(role="subtitle")
        self.guidance.setObjectName("identify_guidance")
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        wl.addWidget(self.guidance)
        self.error = TextLabel(role="error")
        self.error.setObjectName("identify_error")
        wl.addWidget(self.error)
        wl.addStretch(1)  # the guidance stays right under the picture it explains
        self.pages.addWidget(wait)

        # manual entry with the numeric keypad
        self.manual_hint = TextLabel()
        self.id_field = QLineEdit()
        self.id_field.setObjectName("manual_id_number")
        self.id_field.setMaxLength(18)
        # Typed with the keypad only: no on-screen keyboard on top of it. A line edit
        # asks for Qt Virtual Keyboard on the release of a tap whatever its hints or input
        # method attribute, so that release is swallowed (the press still places the cursor).
        self.id_field.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferNumbers
            | Qt.InputMethodHint.ImhPreferUppercase
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.id_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.id_field.installEventFilter(self)
        self.manual_error = TextLabel(role="error")
        self.manual_error.setObjectName("manual_error")
        self.keypad = NumericKeypadWidget(allow_x=True)
        self.keypad.setTarget(self.id_field)
        self.manual_ok = button(role="primary", name="manual_ok")
        manual = QWidget()
        ml = QVBoxLayout(manual)
        self.manual_panel = EntryPanel(
            column(self.manual_hint, self.id_field, self.manual_error),
            self.keypad,
            column(self.manual_ok, stretch=True),
        )
        ml.addWidget(self.manual_panel)
        ml.addStretch(1)
        self.pages.addWidget(manual)

        # please take your card
        take = QWidget()
        tl = QVBoxLayout(take)
        self.take_title = TextLabel(role="title")
        self.take_title.setObjectName("take_card")
        self.take_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tl.addStretch(1)
        tl.addWidget(self.take_title)
        self.take_hint = TextLabel()
        self.take_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tl.addWidget(self.take_hint)
        self.take_continue = button(role="primary", name="take_continue")
        tl.addWidget(self.take_continue)
        tl.addStretch(1)
        self.pages.addWidget(take)

        # The card page's own actions (Try again, enter the number) are in the fixed bar too:
        # below the picture they would be pushed off a landscape display in elder mode.
        row = self.action_row()
        self.home_button = button(name="identify_home")
        row.addWidget(self.home_button)
        row.addStretch(1)
        self.retry_button = button(name="identify_retry")
        row.addWidget(self.retry_button)
        self.manual_button = button(name="identify_manual")
        row.addWidget(self.manual_button)

        self.manual_button.clicked.connect(self.manualRequested)
        self.retry_button.clicked.connect(self.retryRequested)
        self.manual_ok.clicked.connect(lambda: self.manualSubmitted.emit(self.id_field.text()))
        self.take_continue.clicked.connect(self.continueRequested)
        self.home_button.clicked.connect(self.homeRequested)
        self.retranslate()
        self.render(IdentifyState())

    def _render(self, state: IdentifyState) -> None:
        stage = state.stage
        if stage is IdentifyStage.MANUAL:
            self._show_page(1)
            self.animation.animation.stop()
        elif stage is IdentifyStage.TAKE_CARD:
            self._show_page(2)
            self.animation.animation.stop()
            self.id_field.clear()
        else:
            self._show_page(0)
            if self.isVisible() and stage is IdentifyStage.WAITING:
                self.animation.animation.start()
            else:
                self.animation.animation.stop()
        if stage is IdentifyStage.READING:
            self.guidance.set_plain(self.tr("Reading your card… please keep it still."))
        elif state.reader_offline:
            self.guidance.set_plain(self.tr("The card reader is not available."))
        else:
            self.guidance.set_plain(
                self.tr("Place your ID card or social security card flat on the reader below.")
            )
        err = state.error_key if stage is IdentifyStage.ERROR or state.reader_offline else None
        self.error.set_plain(f"{STATUS_ICONS['error']} {message(err)}" if err else "")
        self.error.setVisible(bool(err))
        on_card_page = self.pages.currentIndex() == 0
        self.retry_button.setVisible(stage is IdentifyStage.ERROR and not state.reader_offline)
        self.manual_button.setVisible(on_card_page)
        self.manual_error.set_plain(
            f"{STATUS_ICONS['error']} {message(state.manual_error_key)}"
            if state.manual_error_key
            else ""
        )
        set_role(self.id_field, "")
        self.id_field.setProperty("invalid", bool(state.manual_error_key))
        self.id_field.style().polish(self.id_field)

    def _show_page(self, index: int) -> None:
        """Show one page; only that page's size counts (a stack is as tall as its tallest
        page otherwise: the keypad page would make the card page scroll in landscape)."""
        for i in range(self.pages.count()):
            page = self.pages.widget(i)
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.pages.setCurrentIndex(index)
        self.pages.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.id_field and event.type() == QEvent.Type.MouseButtonRelease:
            return True  # no on-screen keyboard request: the keypad is right below
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.manual_panel.arrange(event.size().width() > event.size().height())

    def showEvent(self, event: object) -> None:
        if self.state is not None and self.state.stage is IdentifyStage.WAITING:
            self.animation.animation.start()

    def hideEvent(self, event: object) -> None:
        self.animation.animation.stop()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please identify yourself"))
        self.manual_button.setText(self.tr("No card? Enter your ID number"))
        self.retry_button.setText(self.tr("Try again"))
        self.manual_hint.set_plain(self.tr("Enter the 18-character number on your ID card."))
        self.id_field.setPlaceholderText(self.tr("ID number"))
        self.manual_ok.setText(self.tr("Confirm"))
        self.take_title.set_plain(self.tr("Please take your card"))
        self.take_hint.set_plain(
            self.tr("Your card has been read. Take it with you, then we continue.")
        )
        self.take_continue.setText(self.tr("Continue"))
        self.home_button.setText(self.tr("Back to home"))
        super().retranslate()
