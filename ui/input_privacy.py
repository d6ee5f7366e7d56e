"""Nothing a resident types may outlive the visit inside the on-screen keyboard.

Qt Virtual Keyboard's Pinyin method learns from selections into a user dictionary under
``$XDG_CONFIG_HOME/qtvirtualkeyboard`` and ranks candidates by it, so the next resident could see
the previous one's words suggested first. The documented switch is the input-method hint
``ImhSensitiveData`` ("do not store typed text in persistent storage like a predictive user
dictionary"). Every text field in every screen (including fields built later, e.g. form pages)
gets it through one application-wide event filter, so no screen can forget it; and the
keyboard's directory is removed at start-up in case an older build or a crash left one behind.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit)
_SENSITIVE = Qt.InputMethodHint.ImhSensitiveData
_WATCHED = (QEvent.Type.Polish, QEvent.Type.Show, QEvent.Type.FocusIn)


class SensitiveInputFilter(QObject):
    """Adds ``ImhSensitiveData`` to a text field before the input method can query it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED and isinstance(watched, _TEXT_INPUTS):
            hints = watched.inputMethodHints()
            if not hints & _SENSITIVE:
                watched.setInputMethodHints(hints | _SENSITIVE)
        return False


def install(app: QApplication) -> SensitiveInputFilter:
    """Install the filter on the application once (it lives as the application's child)."""
    existing = app.findChild(SensitiveInputFilter)
    if isinstance(existing, SensitiveInputFilter):
        return existing
    keeper = SensitiveInputFilter(app)
    app.installEventFilter(keeper)
    return keeper


def keyboard_dictionary_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "qtvirtualkeyboard"


def forget_keyboard_history(environ: dict[str, str] | None = None) -> bool:
    """Remove the keyboard's learned words (before the keyboard loads). True when removed."""
    path = keyboard_dictionary_dir(environ)
    if not path.exists():
        return False
    shutil.rmtree(path, ignore_errors=True)
    return not path.exists()
