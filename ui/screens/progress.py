"""Screen 11: progress query by tracking number (keypad, or the receipt's QR code shown to the
camera) or by card; the status timeline from the local cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.i18n import current_language
from ui.messages import message
from ui.screens.base import (
    EntryPanel,
    Screen,
    TextLabel,
    button,
    card,
    clear_layout,
    column,
    local_datetime,
    scroll_area,
)
from ui.theme import STATUS_ICONS
from ui.widgets.camera_view import CameraPreviewWidget
from ui.widgets.keypad import NumericKeypadWidget


class ProgressStage(StrEnum):
    ENTRY = "entry"
    SCANNING = "scanning"  # the receipt's QR code in front of the camera
    RESULT = "result"


@dataclass(frozen=True, slots=True)
class CaseView:
    tracking_number: str
    matter: str  # already in the current language
    status: str  # status code: received | sent | accepted | processing | completed | ...
    timeline: tuple[tuple[str, str], ...]  # (time text, status code)


@dataclass(frozen=True, slots=True)
class ProgressState:
    stage: ProgressStage = ProgressStage.ENTRY
    station_code: str = ""
    cases: tuple[CaseView, ...] = ()
    error_key: str | None = None
    waiting_for_card: bool = False
    camera_available: bool = True
    unrecognised_code: bool = False  # a QR code was read but held no tracking number


class ProgressScreen(Screen):
    screen_id = "progress"
    numberEntered = Signal(str)
    byCardRequested = Signal()
    scanRequested = Signal()
    scanStopped = Signal()
    homeRequested = Signal()
    againRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.hint = TextLabel()
        self.root.addWidget(self.hint)
        self.field = QLineEdit()
        self.field.setObjectName("progress_number")
        self.keypad = NumericKeypadWidget()
        self.keypad.setTarget(self.field)
        self.search_button = button(role="primary", name="progress_search")
        self.scan_button = button(name="progress_scan")
        self.card_button = button(name="progress_by_card")
        self.entry = EntryPanel(
            self.field,
            self.keypad,
            column(self.search_button, self.scan_button, self.card_button, stretch=True),
        )
        self.root.addWidget(self.entry)
        self.scan_panel = QWidget()
        sl = QVBoxLayout(self.scan_panel)
        self.preview = CameraPreviewWidget()
        self.preview.setObjectName("progress_camera")
        self.preview.setMinimumHeight(240)
        sl.addWidget(self.preview, 1)
        self.stop_scan_button = button(name="progress_scan_stop")
        sl.addWidget(self.stop_scan_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.root.addWidget(self.scan_panel, 3)
        self.error = TextLabel(role="error")
        self.error.setObjectName("progress_error")
        self.root.addWidget(self.error)
        content = QWidget()
        self.results = QVBoxLayout(content)
        self.scroll_area = scroll_area(content)
        self.root.addWidget(self.scroll_area, 1)
        row = self.action_row()
        self.home_button = button(name="progress_home")
        self.again_button = button(name="progress_again")
        row.addWidget(self.home_button)
        row.addStretch(1)
        row.addWidget(self.again_button)
        self.search_button.clicked.connect(lambda: self.numberEntered.emit(self.field.text()))
        self.scan_button.clicked.connect(self.scanRequested)
        self.stop_scan_button.clicked.connect(self.scanStopped)
        self.card_button.clicked.connect(self.byCardRequested)
        self.home_button.clicked.connect(self.homeRequested)
        self.again_button.clicked.connect(self.againRequested)
        self.retranslate()
        self.render(ProgressState())

    def status_text(self, code: str) -> str:
        texts = {
            "received": self.tr("Received at the kiosk"),
            "submitted": self.tr("Received at the kiosk"),
            "queued": self.tr("Waiting to be sent to the department"),
            "sending": self.tr("Waiting to be sent to the department"),
            "sent": self.tr("Sent to the department"),
            "acknowledged": self.tr("Sent to the department"),
            "accepted": self.tr("Accepted by the department"),
            "processing": self.tr("Being processed"),
            "supplement": self.tr("Materials need to be supplemented"),
            "completed": self.tr("Completed"),
            "ready": self.tr("Result ready for pickup"),
            "mailed": self.tr("Result sent by mail"),
            "rejected": self.tr("Not approved: please contact the window"),
        }
        return texts.get(code, self.tr("In progress"))

    def show_frame(self, frame: Any) -> None:
        """A preview frame (BGR array) while scanning."""
        self.preview.setFrame(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.entry.arrange(event.size().width() > event.size().height())

    def _render(self, state: ProgressState) -> None:
        scanning = state.stage is ProgressStage.SCANNING
        self.entry.setVisible(state.stage is ProgressStage.ENTRY)
        self.scan_panel.setVisible(scanning)
        if not scanning:
            self.preview.setFrame(None)
        self.scan_button.setVisible(state.camera_available)
        self.again_button.setVisible(state.stage is ProgressStage.RESULT)
        if state.waiting_for_card:
            self.hint.set_plain(self.tr("Place your ID card on the reader."))
        elif scanning:
            self.hint.set_plain(self.tr("Hold the QR code on your receipt in front of the camera."))
        elif state.stage is ProgressStage.ENTRY:
            self.hint.set_plain(
                self.tr("Enter the digits of the number on your receipt (after {station}).").format(
                    station=state.station_code
                )
            )
        else:
            self.hint.set_plain(
                self.tr("Status as last reported to this kiosk.")
                if state.cases
                else self.tr("No applications found.")
                + "\n"
                + self.tr(
                    "Please check the number on your receipt and search again, or ask at "
                    "the service window."
                )
            )
        if state.unrecognised_code:
            error = self.tr("This is not the QR code of a receipt. Please try another one.")
        else:
            error = message(state.error_key) if state.error_key else ""
        self.error.set_plain(f"{STATUS_ICONS['error']} {error}" if error else "")
        self.error.setVisible(bool(error))
        clear_layout(self.results)
        for case in state.cases:
            frame = card()
            lay = QVBoxLayout(frame)
            lay.setContentsMargins(16, 12, 16, 12)
            lay.addWidget(TextLabel(case.tracking_number, role="subtitle"))
            lay.addWidget(TextLabel(case.matter))
            lay.addWidget(TextLabel(f"{STATUS_ICONS['info']} {self.status_text(case.status)}"))
            for when, code in case.timeline:
                when_text = _when(when, current_language())
                lay.addWidget(TextLabel(f"○ {when_text}  {self.status_text(code)}", role="muted"))
            self.results.addWidget(frame)
        self.results.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check progress"))
        self.field.setPlaceholderText(self.tr("Tracking number"))
        self.search_button.setText(self.tr("Search"))
        self.scan_button.setText(self.tr("Scan the QR code on my receipt"))
        self.stop_scan_button.setText(self.tr("Type the number instead"))
        self.card_button.setText(self.tr("Use my ID card instead"))
        self.home_button.setText(self.tr("Back to home"))
        self.again_button.setText(self.tr("Search again"))
        super().retranslate()


def _when(text: str, language: str) -> str:
    """The timeline's "YYYY-MM-DD HH:MM" (China Standard Time) as residents read it."""
    try:
        at = datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        return text
    return local_datetime(at, language)
