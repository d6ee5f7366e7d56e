"""Nothing a resident types may outlive the visit inside the on-screen keyboard.

Qt Virtual Keyboard's Pinyin method learns from selections into a user dictionary under
``$XDG_CONFIG_HOME/qtvirtualkeyboard`` and ranks candidates by it, so the next resident could see
the previous one's words suggested first. The documented switch is the input-method hint
``ImhSensitiveData`` ("do not store typed text in persistent storage like a predictive user
dictionary"). Every text field in every screen (including fields built later, e.g. form pages)
gets it through one application-wide event filter, so no screen can forget it; and the
keyboard's directory is removed at start-up in case an older build or a crash left one behind.

Where the words would go, and when (Qt Virtual Keyboard 6.11, proven on disk by
``tests/ui/test_keyboard_privacy.py``): the Pinyin decoder creates an empty
``$XDG_CONFIG_HOME/qtvirtualkeyboard/pinyin/usr_dict.dat`` (40 bytes) when it first loads, keeps
what it learns in memory, and writes it back when its user dictionary is closed: when a sensitive
field takes over from a non-sensitive one, or when the process exits through C ``exit()`` (the
decoder is a static object). With the hint on every field nothing is learned in the first place.

The keyboard's language also lives here (:func:`follow_language`): the kiosk's 中文/English switch
changes it mid-visit, so a resident who switches to English gets the English keyboard.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QGuiApplication
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


_KEYBOARD_VIEW = "QtVirtualKeyboard::"  # the keyboard panel's window class (InputView)


def _keyboard_settings() -> list[QObject]:
    """``VirtualKeyboardSettings`` of every loaded keyboard panel (none before it first loads).

    The widgets-app input context shows the keyboard in its own ``QQuickView``; its settings are a
    QML singleton of that view's engine, reached through the QML items the view holds (its Python
    wrapper may be a plain ``QWindow``). QtQml is imported only once such a view exists."""
    windows = [
        w
        for w in QGuiApplication.topLevelWindows()
        if w.metaObject().className().startswith(_KEYBOARD_VIEW) and w.inherits("QQuickView")
    ]
    if not windows:
        return []
    from PySide6.QtQml import qmlEngine

    found: list[QObject] = []
    for window in windows:
        engines = (qmlEngine(child) for child in window.children())
        engine = next((e for e in engines if e is not None), None)
        if engine is None:
            continue
        settings = engine.singletonInstance(
            "QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings"
        )
        if isinstance(settings, QObject):  # a C++ singleton (a JS one would be a QJSValue)
            found.append(settings)
    return found


class _LocaleWhenShown(QObject):
    """Gives the keyboard ``name`` when its panel first shows, then goes away.

    The keyboard takes its first language from the default locale as it was when the application
    was created (its platform input context keeps that copy), not from a later switch. It waits
    on the input method's ``visibleChanged`` signal -- not an application-wide event filter,
    which would put Python on the path of every event until the keyboard is first used."""

    def __init__(self, name: str, parent: QObject) -> None:
        super().__init__(parent)
        self.name = name
        self._input_method = QGuiApplication.inputMethod()
        self._input_method.visibleChanged.connect(self._visible_changed)

    def _visible_changed(self) -> None:
        if self._input_method.isVisible() and _set_keyboard_locale(self.name):
            self.cancel()  # the panel exists and has the language: done

    def cancel(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self._input_method.visibleChanged.disconnect(self._visible_changed)
        self.setParent(None)
        self.deleteLater()


def _set_keyboard_locale(name: str) -> bool:
    found = _keyboard_settings()
    for settings in found:
        if settings.property("locale") != name:
            settings.setProperty("locale", name)
    return bool(found)


def follow_language(language: str) -> bool:
    """Give the on-screen keyboard the kiosk's ``language`` (Pinyin for zh_CN, English for en).

    Connected to ``LanguageManager.languageChanged`` (not called at start-up: nothing of the
    keyboard is touched before the first paint). A loaded keyboard is switched through its
    ``VirtualKeyboardSettings.locale`` at once (True); one that has not loaded yet keeps the
    language the application started with, so it is switched as its panel first shows."""
    name = QLocale(language).name()  # "zh_CN", "en_US": the keyboard's layout names
    app = QCoreApplication.instance()
    if app is None:
        return False
    for pending in app.findChildren(_LocaleWhenShown):
        pending.cancel()
    if _set_keyboard_locale(name):
        return True
    _LocaleWhenShown(name, app)  # owned by the application until the panel shows
    return False
