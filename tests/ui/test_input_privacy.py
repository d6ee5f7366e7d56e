"""Text fields are marked sensitive so the on-screen keyboard learns nothing from residents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui import input_privacy

SENSITIVE = Qt.InputMethodHint.ImhSensitiveData


def test_every_text_field_becomes_sensitive_even_when_built_later(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    keeper = input_privacy.install(app)
    assert input_privacy.install(app) is keeper  # once per application
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    digits = QLineEdit()
    digits.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    assert not digits.inputMethodHints() & SENSITIVE  # Qt's default: not sensitive
    layout.addWidget(digits)
    host.show()
    qtbot.waitExposed(host)
    late = QPlainTextEdit()  # a form page built after the window was shown
    assert not late.inputMethodHints() & SENSITIVE
    layout.addWidget(late)
    late.show()
    qtbot.waitUntil(lambda: bool(late.inputMethodHints() & SENSITIVE))
    assert digits.inputMethodHints() & SENSITIVE
    assert digits.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly  # kept


def test_forget_keyboard_history_removes_learned_words(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)}
    learned = tmp_path / "cfg" / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat"
    learned.parent.mkdir(parents=True)
    learned.write_bytes(b"resident words")
    assert input_privacy.forget_keyboard_history(env)
    assert not learned.exists()
    assert not input_privacy.forget_keyboard_history(env)  # nothing left: nothing to do


def test_keyboard_language_waits_for_a_keyboard_that_has_not_loaded(qtbot: Any) -> None:
    """No keyboard panel yet (the test application has none): nothing is created or imported
    for it; the latest language is kept for the panel's first show."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    waiting = input_privacy._LocaleWhenShown
    try:
        assert input_privacy.follow_language("en") is False
        assert input_privacy.follow_language("zh_CN") is False
        pending = [w for w in app.findChildren(waiting) if w.parent() is app]
        assert [w.name for w in pending] == ["zh_CN"]  # one waiter, the latest language
    finally:
        for waiter in app.findChildren(waiting):
            waiter.cancel()
