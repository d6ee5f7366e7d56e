"""Screen 9: done. The case is committed locally first; the receipt prints afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ui.i18n import current_language
from ui.messages import message
from ui.screens.base import Screen, TextLabel, button, local_date
from ui.theme import STATUS_ICONS, set_role
from ui.widgets.qr_view import QrCodeWidget


class PrintState(StrEnum):
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class DoneState:
    tracking_number: str
    print_state: PrintState
    print_error_key: str | None = None
    on_the_spot: bool = False
    time_limit_days: int = 0
    supplement_deadline: str = ""


class DoneScreen(Screen):
    screen_id = "done"
    reprintRequested = Signal()
    rateRequested = Signal()
    anotherRequested = Signal()
    finishRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The number with its caption and the QR code side by side: the whole page (and its
        # action row) then fits a landscape display in elder mode without scrolling.
        number_row = QHBoxLayout()
        number_row.setSpacing(24)
        number_row.addStretch(1)
        number_box = QVBoxLayout()
        number_box.addStretch(1)
        self.number_caption = TextLabel()
        self.number_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number_box.addWidget(self.number_caption)
        self.number = QLabel()
        self.number.setObjectName("tracking_number")
        set_role(self.number, "display")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        number_box.addWidget(self.number)
        self.qr_hint = TextLabel(role="muted")
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number_box.addWidget(self.qr_hint)
        number_box.addStretch(1)
        number_row.addLayout(number_box)
        self.qr = QrCodeWidget()
        self.qr.setObjectName("qr_view")
        self.qr.setFixedSize(220, 220)
        number_row.addWidget(self.qr)
        number_row.addStretch(1)
        self.root.addLayout(number_row)
        self.print_status = TextLabel()
        self.print_status.setObjectName("print_status")
        self.root.addWidget(self.print_status)
        self.reprint_button = button(name="done_reprint")
        self.root.addWidget(self.reprint_button)
        self.next_steps = TextLabel()
        self.next_steps.setObjectName("next_steps")
        self.root.addWidget(self.next_steps)
        self.root.addStretch(1)
        row = self.action_row()
        self.finish_button = button(name="done_finish")
        self.another_button = button(name="done_another")
        self.rate_button = button(role="primary", name="done_rate")
        row.addWidget(self.finish_button)
        row.addWidget(self.another_button)
        row.addStretch(1)
        row.addWidget(self.rate_button)
        self.reprint_button.clicked.connect(self.reprintRequested)
        self.rate_button.clicked.connect(self.rateRequested)
        self.another_button.clicked.connect(self.anotherRequested)
        self.finish_button.clicked.connect(self.finishRequested)
        self.retranslate()

    def _render(self, state: DoneState) -> None:
        self.number.setText(state.tracking_number)
        if self.qr.text() != state.tracking_number:
            self.qr.setText(state.tracking_number)
        if state.print_state is PrintState.PRINTING:
            self.print_status.set_plain(self.tr("Printing your receipt…"))
            set_role(self.print_status, "")
        elif state.print_state is PrintState.PRINTED:
            self.print_status.set_plain(
                f"{STATUS_ICONS['ok']} " + self.tr("Your receipt has been printed. Please take it.")
            )
            set_role(self.print_status, "ok")
        else:
            reason = message(state.print_error_key or "error.printer")
            gap = "" if reason.endswith(("。", "！", "？")) else " "  # no space after 。
            self.print_status.set_plain(
                f"{STATUS_ICONS['warning']} {reason}{gap}"
                + self.tr(
                    "Your application is saved all the same. Please note or photograph the "
                    "number above; you can re-print the receipt here or at the window."
                )
            )
            set_role(self.print_status, "warning")
        self.reprint_button.setVisible(state.print_state is PrintState.FAILED)
        steps = []
        if state.on_the_spot:
            steps.append(self.tr("Staff will finish your matter today."))
        else:
            steps.append(
                self.tr("We will process it within {n} working days.").format(
                    n=state.time_limit_days
                )
            )
        if state.supplement_deadline:
            steps.append(
                self.tr("Bring the missing materials to the window by {date}.").format(
                    date=local_date(state.supplement_deadline, current_language())
                )
            )
        steps.append(self.tr("Check progress here or with hotline 12345 using this number."))
        self.next_steps.set_plain("\n".join(f"• {s}" for s in steps))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Application submitted"))
        self.number_caption.set_plain(self.tr("Your tracking number"))
        self.qr_hint.set_plain(self.tr("Photograph the code with your phone to keep the number."))
        self.reprint_button.setText(self.tr("Print the receipt again"))
        self.finish_button.setText(self.tr("Finish"))
        self.another_button.setText(self.tr("Another matter"))
        self.rate_button.setText(self.tr("Rate this service"))
        super().retranslate()
