"""On-screen numeric keypad for ID numbers, phone numbers and tracking numbers.

Works without a physical keyboard and without the virtual keyboard: every key is a big
button; it edits a bound ``QLineEdit`` directly and also emits ``keyPressed`` so a screen can
react (e.g. validate as the resident types). Buttons never take focus, so the caret stays in
the bound field.
"""

from __future__ import annotations

from PySide6.QtCore import Property, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

KEY_BACKSPACE = "backspace"
KEY_CLEAR = "clear"
NORMAL_TARGET_PX = 44
ELDER_TARGET_PX = 60


class NumericKeypadWidget(QWidget):
    """Keys 0-9, optional X (ID check character), backspace and clear.

    ``keyPressed(str)`` carries "0".."9", "X", ``"backspace"`` or ``"clear"``.
    """

    keyPressed = Signal(str)
    elderModeChanged = Signal(bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_x: bool = False,
        elder_mode: bool = False,
    ) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self._elder = elder_mode
        self._buttons: dict[str, QPushButton] = {}
        layout = QGridLayout(self)
        layout.setSpacing(8)
        rows = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["X", "0", KEY_BACKSPACE]]
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                layout.addWidget(self._make_button(key), r, c)
        layout.addWidget(self._make_button(KEY_CLEAR), len(rows), 0, 1, 3)
        self.setAllowX(allow_x)
        self._apply_size()

    def _make_button(self, key: str) -> QPushButton:
        texts = {KEY_BACKSPACE: self.tr("⌫ Delete"), KEY_CLEAR: self.tr("Clear")}
        button = QPushButton(texts.get(key, key), self)
        button.setObjectName(f"key_{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(key == KEY_BACKSPACE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if key == KEY_BACKSPACE:
            button.setAccessibleName(self.tr("Delete the last character"))
        elif key == KEY_CLEAR:
            button.setAccessibleName(self.tr("Clear the whole entry"))
        button.clicked.connect(lambda: self._press(key))
        self._buttons[key] = button
        return button

    # ------------------------------------------------------------------ properties

    def button(self, key: str) -> QPushButton:
        return self._buttons[key]

    def allowX(self) -> bool:
        return self._buttons["X"].isEnabled()

    def setAllowX(self, allow: bool) -> None:
        """Show the X key only where it means something (the ID check character)."""
        self._buttons["X"].setEnabled(allow)
        self._buttons["X"].setVisible(allow)

    def isElderMode(self) -> bool:
        return self._elder

    def setElderMode(self, elder: bool) -> None:
        if elder != self._elder:
            self._elder = elder
            self._apply_size()
            self.elderModeChanged.emit(elder)

    elderMode = Property(bool, isElderMode, setElderMode, notify=elderModeChanged)

    def targetSize(self) -> int:
        return ELDER_TARGET_PX if self._elder else NORMAL_TARGET_PX

    def _apply_size(self) -> None:
        side = self.targetSize()
        for button in self._buttons.values():
            button.setMinimumSize(side, side)
            font = button.font()
            font.setPointSize(22 if self._elder else 16)
            button.setFont(font)

    # ------------------------------------------------------------------ editing

    def setTarget(self, line_edit: QLineEdit | None) -> None:
        self._target = line_edit

    def target(self) -> QLineEdit | None:
        return self._target

    def _press(self, key: str) -> None:
        target = self._target
        if target is not None and not target.isReadOnly():
            if key == KEY_BACKSPACE:
                target.backspace()
            elif key == KEY_CLEAR:
                target.clear()
            else:
                target.insert(key)
        self.keyPressed.emit(key)
