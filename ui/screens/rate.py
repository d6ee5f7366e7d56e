"""Screen 10: rate (好差评). Five national levels, voluntary, anonymous by default; reasons
only for 基本满意 and below; a thank-you at the end. Also reached from home with a number."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout, QWidget

from ui.messages import message
from ui.screens.base import Screen, TextLabel, button
from ui.theme import STATUS_ICONS
from ui.widgets.keypad import NumericKeypadWidget

REASON_CODES = ("slow", "unclear_guide", "too_many_materials", "attitude", "system", "other")
REASONS_MAX_LEVEL = 3  # 基本满意 and below


class RateStage(StrEnum):
    CASE = "case"  # from home: enter the tracking number first
    LEVEL = "level"
    THANKS = "thanks"


@dataclass(frozen=True, slots=True)
class RateState:
    stage: RateStage
    level: int | None = None
    reasons: frozenset[str] = frozenset()
    anonymous: bool = True
    error_key: str | None = None


class RateScreen(Screen):
    screen_id = "rate"
    caseEntered = Signal(str)
    levelChosen = Signal(int)
    reasonToggled = Signal(str, bool)
    anonymousToggled = Signal(bool)
    submitRequested = Signal()
    skipRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.hint = TextLabel()
        self.root.addWidget(self.hint)
        self.error = TextLabel(role="error")
        self.error.setObjectName("rate_error")
        self.root.addWidget(self.error)
        # case number entry
        self.case_panel = QWidget()
        cl = QVBoxLayout(self.case_panel)
        self.case_field = QLineEdit()
        self.case_field.setObjectName("rate_case_number")
        cl.addWidget(self.case_field)
        self.keypad = NumericKeypadWidget()
        self.keypad.setTarget(self.case_field)
        cl.addWidget(self.keypad)
        self.case_ok = button(role="primary", name="rate_case_ok")
        cl.addWidget(self.case_ok)
        self.root.addWidget(self.case_panel)
        # levels
        self.level_panel = QWidget()
        ll = QVBoxLayout(self.level_panel)
        self.level_buttons: dict[int, object] = {}
        for level in (5, 4, 3, 2, 1):
            b = button(role="level", name=f"level_{level}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, n=level: self.levelChosen.emit(n))
            ll.addWidget(b)
            self.level_buttons[level] = b
        self.reasons_title = TextLabel(role="subtitle")
        ll.addWidget(self.reasons_title)
        self.reason_boxes: dict[str, QCheckBox] = {}
        for code in REASON_CODES:
            box = QCheckBox()
            box.setObjectName("reason_" + code)
            box.toggled.connect(lambda on, c=code: self.reasonToggled.emit(c, on))
            ll.addWidget(box)
            self.reason_boxes[code] = box
        self.anonymous = QCheckBox()
        self.anonymous.setObjectName("rate_anonymous")
        self.anonymous.toggled.connect(self.anonymousToggled)
        ll.addWidget(self.anonymous)
        self.root.addWidget(self.level_panel)
        self.thanks = TextLabel(role="title")
        self.thanks.setObjectName("rate_thanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.root.addWidget(self.thanks)
        self.root.addStretch(1)
        row = self.action_row()
        self.skip_button = button(name="rate_skip")
        self.submit_button = button(role="primary", name="rate_submit")
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.submit_button)
        self.case_ok.clicked.connect(lambda: self.caseEntered.emit(self.case_field.text()))
        self.skip_button.clicked.connect(self.skipRequested)
        self.submit_button.clicked.connect(self.submitRequested)
        self.retranslate()
        self.render(RateState(RateStage.LEVEL))

    def _render(self, state: RateState) -> None:
        self.case_panel.setVisible(state.stage is RateStage.CASE)
        self.level_panel.setVisible(state.stage is RateStage.LEVEL)
        self.thanks.setVisible(state.stage is RateStage.THANKS)
        for level, b in self.level_buttons.items():
            b.setChecked(level == state.level)  # type: ignore[attr-defined]
        show_reasons = state.level is not None and state.level <= REASONS_MAX_LEVEL
        self.reasons_title.setVisible(show_reasons)
        for code, box in self.reason_boxes.items():
            box.setVisible(show_reasons)
            box.blockSignals(True)
            box.setChecked(code in state.reasons)
            box.blockSignals(False)
        self.anonymous.blockSignals(True)
        self.anonymous.setChecked(state.anonymous)
        self.anonymous.blockSignals(False)
        self.error.set_plain(
            f"{STATUS_ICONS['error']} {message(state.error_key)}" if state.error_key else ""
        )
        self.error.setVisible(bool(state.error_key))
        self.submit_button.setVisible(state.stage is RateStage.LEVEL)
        self.submit_button.setEnabled(state.level is not None)
        self.skip_button.setText(
            self.tr("Finish") if state.stage is RateStage.THANKS else self.tr("Skip")
        )
        if state.stage is RateStage.CASE:
            self.hint.set_plain(self.tr("Enter the tracking number on your receipt."))
        elif state.stage is RateStage.LEVEL:
            self.hint.set_plain(
                self.tr("How satisfied are you with this service? Rating is optional.")
            )
        else:
            self.hint.set_plain("")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Rate this service"))
        labels = {
            5: ("★★★★★", self.tr("Very satisfied")),
            4: ("★★★★☆", self.tr("Satisfied")),
            3: ("★★★☆☆", self.tr("Basically satisfied")),
            2: ("★★☆☆☆", self.tr("Dissatisfied")),
            1: ("★☆☆☆☆", self.tr("Very dissatisfied")),
        }
        for level, (stars, text) in labels.items():
            self.level_buttons[level].setText(f"{stars}  {text}")  # type: ignore[attr-defined]
        self.reasons_title.set_plain(self.tr("What could be better? (optional)"))
        texts = {
            "slow": self.tr("It took too long"),
            "unclear_guide": self.tr("The guide was hard to understand"),
            "too_many_materials": self.tr("Too many materials were asked for"),
            "attitude": self.tr("Staff attitude"),
            "system": self.tr("The kiosk did not work well"),
            "other": self.tr("Something else"),
        }
        for code, box in self.reason_boxes.items():
            box.setText(texts[code])
        self.anonymous.setText(self.tr("Rate anonymously"))
        self.case_field.setPlaceholderText(self.tr("Tracking number"))
        self.case_ok.setText(self.tr("Confirm"))
        self.submit_button.setText(self.tr("Send rating"))
        self.thanks.set_plain(self.tr("Thank you for your rating!"))
        super().retranslate()
