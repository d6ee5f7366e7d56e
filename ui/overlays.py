"""Overlays drawn above whichever screen is showing: idle countdown, card-removed pause,
technician PIN, "a worker has been called", consent to keep a draft.

They are children of the main window's central area, resized with it and raised on show, so
they work the same over every screen (issue 4, screen 12).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.screens.base import TextLabel, button, title_label
from ui.theme import set_role


class Overlay(QWidget):
    """A translucent full-window layer with a centred dialog frame."""

    overlay_id = "overlay"

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent  # the overlay covers this widget (parentWidget() is Optional)
        self.setObjectName(self.overlay_id)
        set_role(self, "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        self.dialog = QFrame()
        set_role(self.dialog, "dialog")
        outer.addWidget(self.dialog)
        outer.addStretch(1)
        self.body = QVBoxLayout(self.dialog)
        self.body.setContentsMargins(32, 32, 32, 32)
        self.body.setSpacing(20)
        self.title = title_label()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.hide()
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def open(self) -> None:
        self.setGeometry(self._host.rect())
        self.retranslate()
        self.show()
        self.raise_()

    def retranslate(self) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class IdleOverlay(Overlay):
    """ "Are you still there?" with a countdown; any touch continues."""

    overlay_id = "idle_overlay"
    continueRequested = Signal()
    endRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.seconds = 0
        self.countdown = title_label()
        set_role(self.countdown, "display")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = TextLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.countdown)
        self.body.addWidget(self.message)
        row = QHBoxLayout()
        self.continue_button = button(role="primary", name="idle_continue")
        self.end_button = button(name="idle_end")
        row.addWidget(self.end_button)
        row.addWidget(self.continue_button)
        self.body.addLayout(row)
        self.continue_button.clicked.connect(self.continueRequested)
        self.end_button.clicked.connect(self.endRequested)

    def set_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        self.countdown.setText(str(seconds))
        self.retranslate()

    def mousePressEvent(self, event: object) -> None:
        self.continueRequested.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Are you still there?"))
        self.message.set_plain(
            self.tr(
                "For your privacy, this page will close in {n} seconds and your "
                "information will be cleared. Touch anywhere to continue."
            ).format(n=self.seconds)
        )
        self.continue_button.setText(self.tr("Continue"))
        self.end_button.setText(self.tr("Finish now"))


class PausedOverlay(Overlay):
    """The card left the reader mid-visit: continue, or end and clear everything."""

    overlay_id = "paused_overlay"
    continueRequested = Signal()
    endRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = TextLabel()
        self.body.addWidget(self.message)
        row = QHBoxLayout()
        self.end_button = button(name="paused_end")
        self.continue_button = button(role="primary", name="paused_continue")
        row.addWidget(self.end_button)
        row.addWidget(self.continue_button)
        self.body.addLayout(row)
        self.continue_button.clicked.connect(self.continueRequested)
        self.end_button.clicked.connect(self.endRequested)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your card was removed"))
        self.message.set_plain(
            self.tr(
                "Do you want to continue? If you are finished, press Finish and your "
                "information will be cleared."
            )
        )
        self.continue_button.setText(self.tr("Continue"))
        self.end_button.setText(self.tr("Finish and clear"))


class HelpOverlay(Overlay):
    """Shown after 帮办: a community worker has been called to this kiosk."""

    overlay_id = "help_overlay"
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = TextLabel()
        self.body.addWidget(self.message)
        self.ok_button = button(role="primary", name="help_ok")
        self.body.addWidget(self.ok_button)
        self.ok_button.clicked.connect(self._close)

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("A staff member is on the way"))
        self.message.set_plain(
            self.tr(
                "We have called a community worker to help you. Please stay at the kiosk. "
                "You can keep using the screen while you wait."
            )
        )
        self.ok_button.setText(self.tr("OK"))


class ConsentOverlay(Overlay):
    """Explicit consent before a draft is kept past the idle wipe ("save for later")."""

    overlay_id = "consent_overlay"
    accepted = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.days = 30
        self.message = TextLabel()
        self.body.addWidget(self.message)
        self.agree = QCheckBox()
        self.agree.setObjectName("consent_agree")
        self.body.addWidget(self.agree)
        row = QHBoxLayout()
        self.cancel_button = button(name="consent_cancel")
        self.ok_button = button(role="primary", name="consent_ok")
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        self.body.addLayout(row)
        self.ok_button.setEnabled(False)
        self.agree.toggled.connect(self.ok_button.setEnabled)
        self.ok_button.clicked.connect(self._accept)
        self.cancel_button.clicked.connect(self._decline)

    def open(self) -> None:
        self.agree.setChecked(False)
        super().open()

    def _accept(self) -> None:
        self.hide()
        self.accepted.emit()

    def _decline(self) -> None:
        self.hide()
        self.declined.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Save and continue later?"))
        self.message.set_plain(
            self.tr(
                "Your answers will be kept on this kiosk for up to {days} days so you can "
                "continue later with your ID card. Nobody else can open them. After that "
                "they are deleted."
            ).format(days=self.days)
        )
        self.agree.setText(self.tr("I agree that my answers are kept"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Save"))


class PinOverlay(Overlay):
    """Technician exit: the PIN from the settings (the hidden gesture opens this)."""

    overlay_id = "pin_overlay"
    pinEntered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.error = TextLabel(role="error")
        self.field = QLineEdit()
        self.field.setObjectName("pin_field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.body.addWidget(self.field)
        self.body.addWidget(self.error)
        grid = QVBoxLayout()
        for row_keys in ("123", "456", "789", "<0>"):
            row = QHBoxLayout()
            for key in row_keys:
                b = button("⌫" if key == "<" else ("✔" if key == ">" else key))
                b.setObjectName(f"pin_key_{key}")
                b.clicked.connect(lambda _=False, k=key: self._key(k))
                row.addWidget(b)
            grid.addLayout(row)
        self.body.addLayout(grid)
        self.cancel_button = button(name="pin_cancel")
        self.cancel_button.clicked.connect(self._cancel)
        self.body.addWidget(self.cancel_button)

    def open(self) -> None:
        self.field.clear()
        self.error.set_plain("")
        super().open()

    def show_error(self) -> None:
        self.field.clear()
        self.error.set_plain(self.tr("Wrong PIN."))

    def _key(self, key: str) -> None:
        if key == "<":
            self.field.backspace()
        elif key == ">":
            self.pinEntered.emit(self.field.text())
        else:
            self.field.insert(key)

    def _cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Technician"))
        self.field.setPlaceholderText(self.tr("PIN"))
        self.cancel_button.setText(self.tr("Cancel"))
