"""Screen 10: rate (好差评). The shared :class:`~ui.widgets.rating_widget.RatingWidget` draws the
scheme's five national levels (text + face), the indicators 服务效率 / 服务水平 / 服务态度 and
the reasons (only for 基本满意 and below); voluntary, anonymous by default, skippable, then a
thank-you. Also reached from home: the tracking number is entered first."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import LocalText
from ui.i18n import current_language
from ui.messages import message
from ui.screens.base import Screen, TextLabel, button
from ui.theme import STATUS_ICONS, set_role
from ui.widgets.keypad import NumericKeypadWidget
from ui.widgets.rating_widget import Option, RatingWidget


class RateStage(StrEnum):
    CASE = "case"  # from home: enter the tracking number first
    LEVEL = "level"
    THANKS = "thanks"


@dataclass(frozen=True, slots=True)
class RatingChoices:
    """The rating scheme as the screen shows it (``config/rating_indicators.json``)."""

    levels: tuple[tuple[int, str, LocalText], ...] = ()  # (level, code, label)
    indicators: tuple[tuple[str, LocalText], ...] = ()
    reasons: tuple[tuple[str, LocalText], ...] = ()
    reasons_max_level: int = 3


@dataclass(frozen=True, slots=True)
class RateState:
    stage: RateStage
    level: int | None = None
    error_key: str | None = None
    scheme: RatingChoices | None = None  # None: the widget's built-in five levels
    elder: bool = False
    sending: bool = False


class RateScreen(Screen):
    screen_id = "rate"
    caseEntered = Signal(str)
    levelChosen = Signal(int)
    rated = Signal(int, dict, list, bool)  # level, indicators, reasons, anonymous
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
        # the rating itself: rebuilt when the scheme, the language or elder mode changes
        self.widget_box = QVBoxLayout()
        self.root.addLayout(self.widget_box, 1)
        self.widget: RatingWidget | None = None
        self._widget_key: tuple[object, ...] | None = None
        self.thanks = TextLabel(role="title")
        self.thanks.setObjectName("rate_thanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.root.addWidget(self.thanks)
        self.stretch = QWidget()
        self.root.addWidget(self.stretch, 1)
        row = self.action_row()
        self.skip_button = button(name="rate_skip")
        row.addWidget(self.skip_button)
        row.addStretch(1)
        self.case_ok.clicked.connect(lambda: self.caseEntered.emit(self.case_field.text()))
        self.skip_button.clicked.connect(self.skipRequested)
        self.retranslate()
        self.render(RateState(RateStage.LEVEL))

    def _rating_widget(self, state: RateState) -> RatingWidget:
        lang = current_language()
        key = (state.scheme, state.elder, lang)
        if self.widget is not None and key == self._widget_key:
            return self.widget
        if self.widget is not None:  # detach now: no stale texts in the widget tree
            self.widget_box.removeWidget(self.widget)
            self.widget.hide()
            self.widget.setParent(None)
            self.widget.deleteLater()
        scheme = state.scheme
        if scheme is not None and scheme.levels:
            widget = RatingWidget(
                levels=[Option(code, text.get(lang), lv) for lv, code, text in scheme.levels],
                indicators=[Option(code, text.get(lang)) for code, text in scheme.indicators],
                reasons=[Option(code, text.get(lang)) for code, text in scheme.reasons],
                reasons_max_level=scheme.reasons_max_level,
                elder_mode=state.elder,
            )
        else:
            widget = RatingWidget(elder_mode=state.elder)
        widget.setObjectName("rating_widget")
        widget.levelChanged.connect(self.levelChosen)
        widget.rated.connect(self.rated)
        widget.skipped.connect(self.skipRequested)
        self.widget_box.addWidget(widget)
        self.widget, self._widget_key = widget, key
        return widget

    def _render(self, state: RateState) -> None:
        widget = self._rating_widget(state)
        rating = state.stage is RateStage.LEVEL
        self.case_panel.setVisible(state.stage is RateStage.CASE)
        widget.setVisible(rating)
        if not rating:
            widget.reset()
        elif widget.level() != state.level:
            widget.setLevel(state.level)
        widget.submitButton().setEnabled(state.level is not None and not state.sending)
        self.thanks.setVisible(state.stage is RateStage.THANKS)
        self.stretch.setVisible(not rating)
        self.error.set_plain(
            f"{STATUS_ICONS['error']} {message(state.error_key)}" if state.error_key else ""
        )
        self.error.setVisible(bool(state.error_key))
        self.skip_button.setVisible(not rating)  # the widget has its own "skip"
        self.action_bar.setVisible(not rating)  # no empty strip under the rating widget
        # After the thanks, "Finish" is the only thing left to do: make it the primary one.
        set_role(self.skip_button, "primary" if state.stage is RateStage.THANKS else "")
        self.skip_button.setText(
            self.tr("Finish") if state.stage is RateStage.THANKS else self.tr("Skip")
        )
        if state.stage is RateStage.CASE:
            self.hint.set_plain(self.tr("Enter the tracking number on your receipt."))
        else:  # the rating widget asks its own question
            self.hint.set_plain("")
        self.hint.setVisible(bool(self.hint.plain))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Rate this service"))
        self.case_field.setPlaceholderText(self.tr("Tracking number"))
        self.case_ok.setText(self.tr("Confirm"))
        self.thanks.set_plain(self.tr("Thank you for your rating!"))
        super().retranslate()
