"""好差评: the five national levels as big buttons (face + text, never colour alone), optional
indicator rows, a reason checklist only for 基本满意 and below, anonymous by default.

A pure view: it knows nothing of the store. The screen passes the scheme's data in (levels,
indicators, reasons from ``config/rating_indicators.json`` via the journey service) as plain
tuples, so the same widget follows a new decree without code changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.theme import set_role

ELDER_TARGET_PX = 60
NORMAL_TARGET_PX = 44


@dataclass(frozen=True, slots=True)
class Option:
    """One level, indicator or reason as the widget shows it (texts already translated)."""

    code: str
    text: str
    value: int = 0  # the level (1..5) for levels


def default_levels(widget: QWidget) -> tuple[Option, ...]:
    """The national five levels with English source texts (translated through Qt)."""
    tr = widget.tr
    return (
        Option("very_satisfied", tr("Very satisfied"), 5),
        Option("satisfied", tr("Satisfied"), 4),
        Option("basically_satisfied", tr("Fairly satisfied"), 3),
        Option("dissatisfied", tr("Dissatisfied"), 2),
        Option("very_dissatisfied", tr("Very dissatisfied"), 1),
    )


def face_icon(level: int, size: int = 96) -> QIcon:
    """A face whose mouth curves with the level: readable without colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colours = {5: "#1b7f3b", 4: "#4a8f1f", 3: "#8a6d00", 2: "#b54708", 1: "#b42318"}
    pen = QPen(QColor(colours.get(level, "#333333")), size / 14)
    p.setPen(pen)
    p.setBrush(QColor(255, 255, 255))
    m = size * 0.08
    p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    p.setBrush(pen.color())
    eye = size * 0.07
    p.drawEllipse(QPointF(size * 0.36, size * 0.4), eye, eye)
    p.drawEllipse(QPointF(size * 0.64, size * 0.4), eye, eye)
    p.setBrush(Qt.BrushStyle.NoBrush)
    curve = (level - 3) * size * 0.12  # + smile, - frown, 0 straight
    mouth = QPainterPath(QPointF(size * 0.3, size * 0.66))
    mouth.quadTo(QPointF(size * 0.5, size * 0.66 + curve), QPointF(size * 0.7, size * 0.66))
    p.drawPath(mouth)
    p.end()
    return QIcon(pixmap)


class RatingWidget(QWidget):
    """``rated(level, indicators: dict, reasons: list, anonymous: bool)`` or ``skipped()``;
    ``levelChanged(level)`` when the resident taps a level (a screen may mirror it in its state
    and hand it back through :meth:`setLevel`)."""

    rated = Signal(int, dict, list, bool)
    skipped = Signal()
    levelChanged = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        levels: Sequence[Option] | None = None,
        indicators: Sequence[Option] = (),
        reasons: Sequence[Option] = (),
        reasons_max_level: int = 3,
        elder_mode: bool = False,
    ) -> None:
        super().__init__(parent)
        self._reasons_max_level = reasons_max_level
        self._target = ELDER_TARGET_PX if elder_mode else NORMAL_TARGET_PX
        self._level: int | None = None
        outer = QVBoxLayout(self)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        QScroller.grabGesture(
            self._scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        self._scroll.setWidget(body)
        outer.addWidget(self._scroll, 1)

        title = QLabel(self.tr("How satisfied are you with this service?"))
        title.setWordWrap(True)
        title.setObjectName("ratingTitle")
        layout.addWidget(title)

        self._level_group = QButtonGroup(self)
        self._level_group.setExclusive(True)
        self._level_buttons: dict[int, QToolButton] = {}
        row = QHBoxLayout()
        for option in levels or default_levels(self):
            button = QToolButton()
            button.setObjectName(f"level_{option.value}")
            button.setText(option.text)
            button.setIcon(face_icon(option.value))
            button.setIconSize(QSize(64, 64))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setCheckable(True)
            button.setMinimumSize(max(self._target, 96), max(self._target, 110))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setAccessibleName(option.text)
            self._level_group.addButton(button, option.value)
            self._level_buttons[option.value] = button
            row.addWidget(button)
        layout.addLayout(row)
        self._level_group.idClicked.connect(self._level_clicked)

        self._indicator_groups: dict[str, QButtonGroup] = {}
        self._indicator_box = QWidget()
        grid = QGridLayout(self._indicator_box)
        # The bare digits mean nothing without a scale: say which end is good.
        self._scale = QLabel(self.tr("Score each part: 5 is very good, 1 is very poor (optional)"))
        self._scale.setObjectName("indicator_scale")
        self._scale.setWordWrap(True)
        grid.addWidget(self._scale, 0, 0, 1, 6)
        for r, indicator in enumerate(indicators, start=1):
            grid.addWidget(QLabel(indicator.text), r, 0)
            group = QButtonGroup(self)
            for c, value in enumerate(range(5, 0, -1), start=1):
                b = QPushButton(str(value))
                b.setObjectName(f"indicator_{indicator.code}_{value}")
                b.setCheckable(True)
                b.setMinimumSize(self._target, self._target)
                b.setAccessibleName(f"{indicator.text} {value}")
                group.addButton(b, value)
                grid.addWidget(b, r, c)
            self._indicator_groups[indicator.code] = group
        # Elder mode asks less: the level (and reasons) only; the sub-scores are optional.
        self._indicator_box.setVisible(bool(indicators) and not elder_mode)
        layout.addWidget(self._indicator_box)

        self._reason_box = QWidget()
        reason_layout = QVBoxLayout(self._reason_box)
        reason_layout.addWidget(QLabel(self.tr("What went wrong? (optional, choose any)")))
        self._reason_checks: dict[str, QCheckBox] = {}
        for reason in reasons:
            check = QCheckBox(reason.text)
            check.setObjectName(f"reason_{reason.code}")
            check.setMinimumHeight(self._target)
            self._reason_checks[reason.code] = check
            reason_layout.addWidget(check)
        self._reason_box.setVisible(False)
        layout.addWidget(self._reason_box)

        self._anonymous = QCheckBox(self.tr("Rate anonymously"))
        self._anonymous.setObjectName("anonymous")
        self._anonymous.setChecked(True)
        self._anonymous.setMinimumHeight(self._target)
        layout.addWidget(self._anonymous)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self._skip = QPushButton(self.tr("Skip"))
        self._skip.setObjectName("skip")
        self._submit = QPushButton(self.tr("Submit rating"))
        self._submit.setObjectName("submit")
        self._submit.setEnabled(False)
        set_role(self._submit, "primary")  # the one action that matters here
        for b in (self._skip, self._submit):
            b.setMinimumHeight(self._target)
            buttons.addWidget(b)
        outer.addLayout(buttons)
        self._skip.clicked.connect(self.skipped)
        self._submit.clicked.connect(self._emit_rated)

    # ------------------------------------------------------------------ access for screens/tests

    def levelButton(self, level: int) -> QAbstractButton:
        return self._level_buttons[level]

    def indicatorsVisible(self) -> bool:
        return not self._indicator_box.isHidden()

    def indicatorButton(self, code: str, value: int) -> QAbstractButton:
        button = self._indicator_groups[code].button(value)
        assert button is not None
        return button

    def reasonCheck(self, code: str) -> QCheckBox:
        return self._reason_checks[code]

    def anonymousToggle(self) -> QCheckBox:
        return self._anonymous

    def submitButton(self) -> QPushButton:
        return self._submit

    def skipButton(self) -> QPushButton:
        return self._skip

    def reasonsVisible(self) -> bool:
        return not self._reason_box.isHidden()

    def level(self) -> int | None:
        return self._level

    def reset(self) -> None:
        """Back to nothing chosen, anonymous on (next resident)."""
        self._level = None
        for group in (self._level_group, *self._indicator_groups.values()):
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)
        for check in self._reason_checks.values():
            check.setChecked(False)
        self._anonymous.setChecked(True)
        self._reason_box.setVisible(False)
        self._submit.setEnabled(False)

    def setLevel(self, level: int | None) -> None:
        """Show ``level`` as chosen (reasons appear for the low ones); emits nothing."""
        if level is None:
            if self._level is not None:
                self.reset()
            return
        button = self._level_buttons.get(level)
        if button is None:
            return
        button.setChecked(True)
        self._choose_level(level)

    # ------------------------------------------------------------------ internals

    def _level_clicked(self, level: int) -> None:
        self._choose_level(level)
        self.levelChanged.emit(level)

    def _choose_level(self, level: int) -> None:
        self._level = level
        show = level <= self._reasons_max_level and bool(self._reason_checks)
        self._reason_box.setVisible(show)
        if not show:
            for check in self._reason_checks.values():
                check.setChecked(False)
        self._submit.setEnabled(True)

    def _emit_rated(self) -> None:
        if self._level is None:
            return
        indicators = {
            code: group.checkedId()
            for code, group in self._indicator_groups.items()
            if group.checkedId() > 0
        }
        reasons = [code for code, check in self._reason_checks.items() if check.isChecked()]
        if self._level > self._reasons_max_level:
            reasons = []
        self.rated.emit(self._level, indicators, reasons, self._anonymous.isChecked())
