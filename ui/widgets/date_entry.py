"""Touch-friendly date entry: three large digit-only boxes for year, month and day.

Typing ``1985-03-12`` with dashes on the on-screen keyboard is hard for elderly residents; here
each part has its own box with the digit keyboard (``ImhDigitsOnly``) and a label, and the
caret moves on by itself: from the year after 4 digits, from the month after 2 digits (or after
one digit that cannot start a two-digit month, 2-9), to the day. Month and day accept 1 or 2
digits. Backspace in an empty box goes back to the previous one.

``edited`` carries what the form engine stores: the zero-padded ISO text ``"1985-03-12"`` when
the three parts make a real date, the raw parts ``"2023-02-30"`` / ``"1985-03-"`` otherwise (the
engine answers ``form.date.invalid``), and ``None`` when all three boxes are empty.

Order: always year, month, day (the ISO order, also on the review page). In Chinese each unit
follows its box, as on paper forms: ``[1985] 年 [3] 月 [12] 日``; in English the label comes
first: ``Year [1985]  Month [3]  Day [12]``. Keeping the same order in both languages means a
resident who switches language mid-form finds the same boxes in the same places.

The boxes are plain ``QLineEdit`` widgets, so the application's sensitive-input filter
(:mod:`ui.input_privacy`) adds ``ImhSensitiveData`` to them like to every other text field.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

PARTS = ("year", "month", "day")
_DIGITS = {"year": 4, "month": 2, "day": 2}
_SPLIT = re.compile(r"[^0-9]")


def date_value(year: str, month: str, day: str) -> str | None:
    """What the boxes mean: ISO text for a real date, the raw parts otherwise, None if empty."""
    year, month, day = year.strip(), month.strip(), day.strip()
    if not (year or month or day):
        return None
    if len(year) == 4 and month and day:
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            pass
    return f"{year}-{month.zfill(2) if month else ''}-{day.zfill(2) if day else ''}"


def split_date(value: object) -> tuple[str, str, str]:
    """A stored value back into the three boxes (``"1985-03-12"`` → 1985, 03, 12)."""
    if not isinstance(value, str) or not value.strip():
        return "", "", ""
    parts = _SPLIT.split(value.strip())
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    return value.strip(), "", ""  # not three parts: shown as typed, so nothing is hidden


class DateEntry(QWidget):
    """Year / month / day boxes; ``edited(value)`` on every change the resident makes,
    ``left()`` when the focus leaves all three boxes (the form shows a half-typed date's
    issue only then, not under the resident's finger while the year is being typed)."""

    edited = Signal(object)
    left = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, name: str = "date", units_after: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.boxes: list[QLineEdit] = []
        self.units: list[QLabel] = []
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(8)
        for i, part in enumerate(PARTS):
            box = QLineEdit(self)
            box.setObjectName(f"{name}_{part}")
            box.setProperty("role", "date-part")
            box.setProperty("part", part)
            box.setMaxLength(_DIGITS[part])
            box.setValidator(
                QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{_DIGITS[part]}}}"), box)
            )
            box.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.textEdited.connect(lambda _text, i=i: self._edited(i))
            box.installEventFilter(self)
            unit = QLabel(self)
            unit.setObjectName(f"{name}_{part}_label")
            unit.setProperty("role", "date-unit")
            unit.setBuddy(box)
            if i and not units_after:
                lay.addSpacing(16)  # "Year [1985]   Month [3]": the label groups with its box
            for w in (box, unit) if units_after else (unit, box):
                lay.addWidget(w)
            self.boxes.append(box)
            self.units.append(unit)
        lay.addStretch(1)
        self.retranslate()

    # -- value ----------------------------------------------------------------------------
    def value(self) -> str | None:
        return date_value(*(b.text() for b in self.boxes))

    def set_value(self, value: object) -> None:
        """Show a stored value; a no-op when the boxes already mean it (keeps a typed ``3``
        as ``3`` rather than turning it into ``03`` under the resident's finger)."""
        current = self.value()
        if (value or None) == current:
            return
        for box, text in zip(self.boxes, split_date(value), strict=True):
            if box.text() != text:
                box.setText(text)

    def setReadOnly(self, readonly: bool) -> None:
        for box in self.boxes:
            box.setReadOnly(readonly)

    # -- typing ---------------------------------------------------------------------------
    def _edited(self, index: int) -> None:
        self.edited.emit(self.value())
        text = self.boxes[index].text()
        if index < 2 and self._part_complete(PARTS[index], text):
            nxt = self.boxes[index + 1]
            nxt.setFocus(Qt.FocusReason.OtherFocusReason)
            nxt.selectAll()  # typing replaces what is there

    @staticmethod
    def _part_complete(part: str, text: str) -> bool:
        if len(text) >= _DIGITS[part]:
            return True
        return part == "month" and len(text) == 1 and text > "1"  # 2-9 cannot start 10-12

    def _check_left(self) -> None:
        if not any(box.hasFocus() for box in self.boxes):
            self.left.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.boxes:
            # Focus has moved on by then; with self as context the call is dropped when the
            # form rebuilds and deletes this entry first.
            QTimer.singleShot(0, self, self._check_left)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Backspace
        ):
            for index, box in enumerate(self.boxes):
                if box is watched and index > 0 and not box.text() and not box.isReadOnly():
                    prev = self.boxes[index - 1]
                    prev.setFocus(Qt.FocusReason.OtherFocusReason)
                    prev.end(False)
                    return True
        return super().eventFilter(watched, event)

    # -- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = (self.tr("Year"), self.tr("Month"), self.tr("Day"))
        for box, unit, text in zip(self.boxes, self.units, names, strict=True):
            unit.setText(text)
            box.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
