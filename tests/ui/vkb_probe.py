"""Drive the real Qt Virtual Keyboard against the real kiosk window; print JSON facts.

Run as ``python -m tests.ui.vkb_probe <scenario> <data_dir>`` in a child process with
``QT_IM_MODULE=qtvirtualkeyboard`` (it must be set before the ``QApplication`` exists, and the
pytest process has its own application with the input method switched off).
``tests/ui/test_virtual_keyboard.py`` starts it and asserts on what it prints; no pytest here.

There is no Python module for the keyboard, so a tiny QML object is created in the keyboard
panel's own engine and calls ``InputContext.inputEngine.virtualKeyClick(...)``, reads
``wordCandidateListModel`` and selects a candidate, exactly as a tap on the panel would.
Offscreen, every time the keyboard window is shown it becomes the active window (the offscreen
platform activates whatever is shown) and the field loses focus, so before each key the kiosk
window is activated again and the probe waits until the field has focus.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMEOUT_S = 20.0

PROBE_QML = b"""
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
QtObject {
    function ready() { return InputContext.inputEngine.inputMethod !== null }
    function click(key, text) { return InputContext.inputEngine.virtualKeyClick(key, text, 0) }
    function locale() { return InputContext.locale }
    function setLocale(name) { VirtualKeyboardSettings.locale = name }
    function inputMethod() { return String(InputContext.inputEngine.inputMethod) }
    function inputMode() { return InputContext.inputEngine.inputMode }
    function setLatin() { InputContext.inputEngine.inputMode = InputEngine.InputMode.Latin }
    function preedit() { return InputContext.preeditText }
    function hints() { return InputContext.inputMethodHints }
    function candidates() {
        var m = InputContext.inputEngine.wordCandidateListModel
        var out = []
        for (var i = 0; i < m.count; i++)
            out.push(m.dataAt(i, SelectionListModel.Role.Display))
        return out
    }
    function select(index) { InputContext.inputEngine.wordCandidateListModel.selectItem(index) }
}
"""


def wait_until(condition: Callable[[], object], what: str, timeout: float = TIMEOUT_S) -> None:
    """Run the event loop in short slices until ``condition()`` is true (no blind sleeps)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()


class Keyboard:
    """The keyboard panel's input engine, reached through QML created in its own engine."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtQml import QQmlComponent
        from PySide6.QtQuick import QQuickWindow

        self.app = app
        views = [w for w in QGuiApplication.topLevelWindows() if isinstance(w, QQuickWindow)]
        if not views:
            raise RuntimeError("no keyboard window: is QT_IM_MODULE=qtvirtualkeyboard set?")
        self.view: Any = views[0]
        self.component = QQmlComponent(self.view.engine())
        self.component.setData(PROBE_QML, "vkb_probe.qml")
        self.obj = self.component.create(self.view.rootContext())
        if self.obj is None:
            raise RuntimeError(str([e.toString() for e in self.component.errors()]))

    def call(self, name: str, *args: object) -> Any:
        from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject

        ret = QMetaObject.invokeMethod(
            self.obj, name, Q_RETURN_ARG("QVariant"), *[Q_ARG("QVariant", a) for a in args]
        )
        return ret.toVariant() if hasattr(ret, "toVariant") else ret


class Probe:
    def __init__(self, data_dir: Path, language: str) -> None:
        from config.settings import load_settings
        from kiosk.bootstrap import build_services
        from ui.app import build_ui

        settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(data_dir)})
        self.services = build_services(settings)
        self.ui = build_ui(self.services, language=language, elder=False)
        self.window = self.ui.window
        self.window.resize(540, 960)
        self.window.show()
        self.c = self.ui.controller
        self.refocus_count = 0
        self.keyboard: Keyboard | None = None

    def screen(self) -> str:
        from ui import demo

        return str(demo.current(self.ui).screen_id)

    # -- the resident's way to the choose screen ------------------------------------------
    def to_choose(self) -> None:
        c, p = self.c, self
        wait_until(lambda: p.screen() == "home", "home screen")
        c.home.tile_matter.click()
        wait_until(lambda: p.screen() == "identify", "identify screen")
        self.services.card_reader.insert(0)
        wait_until(lambda: c.identify.state.stage.value == "take_card", "card read")
        self.services.card_reader.remove()
        wait_until(lambda: p.screen() == "choose", "choose screen")

    # -- focus and the keyboard -----------------------------------------------------------
    def focus(self, widget: Any) -> None:
        """Give ``widget`` the focus back (the keyboard window takes it when it shows)."""
        if self.ui.app.focusWidget() is widget:
            return
        self.refocus_count += 1
        self.window.activateWindow()
        widget.setFocus()
        wait_until(lambda: self.ui.app.focusWidget() is widget, "focus on the field")

    def open_keyboard(self, widget: Any) -> Keyboard:
        from PySide6.QtGui import QGuiApplication

        self.focus(widget)
        QGuiApplication.inputMethod().show()
        kb = self.keyboard or Keyboard(self.ui.app)
        self.keyboard = kb
        wait_until(lambda: kb.call("ready"), "keyboard input method")
        self.focus(widget)
        return kb

    def type(self, widget: Any, text: str) -> None:
        from PySide6.QtCore import Qt

        kb = self.keyboard
        assert kb is not None
        for ch in text:
            self.focus(widget)
            key = Qt.Key.Key_Space if ch == " " else getattr(Qt.Key, f"Key_{ch.upper()}")
            if not kb.call("click", int(key.value), ch):
                raise RuntimeError(f"virtualKeyClick({ch!r}) refused")

    def results(self) -> list[str]:
        lst = self.c.choose.list
        return [lst.item(i).text() for i in range(lst.count())]

    def codes(self) -> list[str]:
        from PySide6.QtCore import Qt

        lst = self.c.choose.list
        return [lst.item(i).data(Qt.ItemDataRole.UserRole)[1] for i in range(lst.count())]

    def close(self) -> None:
        if self.keyboard is not None:
            self.keyboard.obj.deleteLater()
        self.ui.close()
        self.services.close()


# -- scenarios ------------------------------------------------------------------------------


def english(p: Probe) -> dict[str, object]:
    p.to_choose()
    field = p.c.choose.search
    kb = p.open_keyboard(field)
    facts: dict[str, object] = {"locale": kb.call("locale"), "method": kb.call("inputMethod")}
    facts["hints"] = kb.call("hints")
    p.type(field, "pension")
    wait_until(lambda: field.text() == "pension", "'pension' in the field")
    facts.update(text=field.text(), results=p.results(), codes=p.codes())
    return facts


def _pinyin_start(p: Probe, facts: dict[str, object]) -> tuple[Any, Keyboard]:
    p.to_choose()
    field = p.c.choose.search
    kb = p.open_keyboard(field)
    facts["default_locale"] = kb.call("locale")
    if not kb.call("locale").startswith("zh_CN"):
        kb.call("setLocale", "zh_CN")
        wait_until(lambda: "Pinyin" in kb.call("inputMethod"), "the Pinyin input method")
        p.focus(field)
    facts.update(locale=kb.call("locale"), method=kb.call("inputMethod"))
    return field, kb


def pinyin(p: Probe) -> dict[str, object]:
    facts: dict[str, object] = {}
    field, kb = _pinyin_start(p, facts)
    p.type(field, "ju")
    wait_until(lambda: kb.call("candidates"), "candidates for 'ju'")
    facts["preedit_ju"] = kb.call("preedit")
    facts["codes_ju"] = p.codes()
    p.type(field, "zhuzheng")
    wait_until(lambda: "居住证" in kb.call("candidates"), "居住证 among the candidates")
    candidates = kb.call("candidates")
    facts.update(
        preedit=kb.call("preedit"),
        candidates=candidates[:10],
        text_while_composing=field.text(),
        codes_while_composing=p.codes(),
    )
    p.focus(field)
    kb.call("select", candidates.index("居住证"))
    wait_until(lambda: field.text() == "居住证", "居住证 committed")
    facts.update(text=field.text(), results=p.results(), codes=p.codes())
    facts["user_dictionary_files"] = sorted(
        str(f.relative_to(Path.home())) for f in Path.home().rglob("*") if f.is_file()
    )
    return facts


def initials(p: Probe) -> dict[str, object]:
    """Pinyin mode, "jzz": the resident sees 居住证 in the list while typing and taps it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    facts: dict[str, object] = {}
    field, kb = _pinyin_start(p, facts)
    p.type(field, "jzz")
    wait_until(lambda: kb.call("preedit"), "preedit for 'jzz'")
    facts.update(
        preedit=kb.call("preedit"),
        candidates=kb.call("candidates")[:10],
        text_while_composing=field.text(),
        codes=p.codes(),
    )
    lst = p.c.choose.list
    row = p.codes().index("370102-HJ-003") if "370102-HJ-003" in p.codes() else -1
    facts["row"] = row
    if row >= 0:
        lst.scrollToItem(lst.item(row))
        rect = lst.visualItemRect(lst.item(row))
        modifiers = Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, modifiers, rect.center())
        wait_until(lambda: p.screen() == "guide", "the matter guide")
        facts["guide_code"] = p.c.guide.state.code if p.c.guide.state is not None else None
    facts["text_after_tap"] = field.text()
    facts["preedit_after_tap"] = kb.call("preedit")
    p.c.guide.back_button.click()
    wait_until(lambda: p.screen() == "choose", "back on the choose screen")
    facts.update(text_back=field.text(), codes_back=p.codes())
    return facts


def initials_latin(p: Probe) -> dict[str, object]:
    """Pinyin keyboard switched to its Latin mode (the 中/英 key): "jzz" is committed as is."""
    facts: dict[str, object] = {}
    field, kb = _pinyin_start(p, facts)
    kb.call("setLatin")
    wait_until(lambda: kb.call("inputMode") == 0, "Latin input mode")
    p.type(field, "jzz")
    wait_until(lambda: field.text() == "jzz", "'jzz' committed")
    facts.update(text=field.text(), codes=p.codes(), mode=kb.call("inputMode"))
    return facts


def _switch_language(p: Probe, language: str) -> None:
    """The resident taps the header's 中文/English button (the keyboard hides for the tap)."""
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.inputMethod().hide()
    p.window.language_button.click()
    wait_until(lambda: p.ui.languages.language == language, f"the kiosk in {language}")


def _typed(p: Probe, field: Any, kb: Keyboard, letters: str) -> dict[str, object]:
    p.type(field, letters)
    wait_until(lambda: field.text() == letters or kb.call("candidates"), f"{letters!r} typed")
    return {
        "locale": kb.call("locale"),
        "method": kb.call("inputMethod"),
        "text": field.text(),
        "preedit": kb.call("preedit"),
        "candidates": kb.call("candidates")[:5],
    }


def follow_language(p: Probe) -> dict[str, object]:
    """The kiosk starts in Chinese; the keyboard follows the 中文/English switch mid-visit:
    to English before the keyboard was first shown, back to Chinese and to English again while
    it is loaded."""
    from PySide6.QtGui import QGuiApplication

    p.to_choose()
    field = p.c.choose.search
    facts: dict[str, object] = {"kiosk_start": p.ui.languages.language}
    facts["keyboard_loaded_at_start"] = any(
        w.inherits("QQuickView") for w in QGuiApplication.topLevelWindows()
    )
    _switch_language(p, "en")
    kb = p.open_keyboard(field)
    facts["en"] = _typed(p, field, kb, "pension")
    field.clear()
    _switch_language(p, "zh_CN")
    p.open_keyboard(field)
    facts["zh"] = _typed(p, field, kb, "ju")
    p.focus(field)
    kb.call("select", 0)  # commit a candidate: nothing left composing
    wait_until(lambda: field.text() and not kb.call("preedit"), "the candidate committed")
    field.clear()
    _switch_language(p, "en")
    p.open_keyboard(field)
    facts["en_again"] = _typed(p, field, kb, "ju")
    return facts


def _dictionary_files() -> dict[str, int]:
    base = Path(os.environ["XDG_CONFIG_HOME"])
    return {str(f.relative_to(base)): f.stat().st_size for f in base.rglob("*") if f.is_file()}


def _learn(p: Probe, filtered: bool) -> dict[str, object]:
    """Pinyin "juzhuzheng" composed as 居住 + 证, one candidate at a time: a phrase the resident
    built, which the Pinyin engine adds to its user dictionary (picking the whole word 居住证 would
    not). The process then leaves through C ``exit()`` (see the end of this file), so the engine
    writes its dictionary back as it would on a normal exit."""
    from PySide6.QtCore import Qt

    from ui.input_privacy import SensitiveInputFilter

    facts: dict[str, object] = {}
    if not filtered:  # the control run: a kiosk without the privacy filter
        keeper = p.ui.app.findChild(SensitiveInputFilter)
        assert keeper is not None
        p.ui.app.removeEventFilter(keeper)
    p.to_choose()
    field = p.c.choose.search
    if not filtered:
        field.setInputMethodHints(field.inputMethodHints() & ~Qt.InputMethodHint.ImhSensitiveData)
    kb = p.open_keyboard(field)
    facts.update(method=kb.call("inputMethod"), hints=kb.call("hints"))
    p.type(field, "juzhuzheng")
    wait_until(lambda: "居住" in kb.call("candidates"), "居住 among the candidates")
    p.focus(field)
    kb.call("select", kb.call("candidates").index("居住"))
    wait_until(lambda: "证" in kb.call("candidates"), "证 among the candidates")
    p.focus(field)
    kb.call("select", kb.call("candidates").index("证"))
    wait_until(lambda: field.text() == "居住证", "居住证 committed")
    facts.update(text=field.text(), files_before_exit=_dictionary_files())
    return facts


def learn(p: Probe) -> dict[str, object]:
    return _learn(p, filtered=True)


def learn_unfiltered(p: Probe) -> dict[str, object]:
    return _learn(p, filtered=False)


def numeric(p: Probe) -> dict[str, object]:
    """The manual ID number field: the project's keypad, no on-screen keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    c = p.c
    wait_until(lambda: p.screen() == "home", "home screen")
    c.home.tile_matter.click()
    wait_until(lambda: p.screen() == "identify", "identify screen")
    c.identify.manual_button.click()
    field = c.identify.id_field
    p.focus(field)
    visible_before = QGuiApplication.inputMethod().isVisible()
    # A tap on the field: a line edit asks for the on-screen keyboard on the release.
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    for key in "370102":
        c.identify.keypad.button(key).click()
    hints = field.inputMethodHints()
    return {
        "im_enabled": field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled),
        "hints": int(hints.value) if hasattr(hints, "value") else int(hints),
        "keyboard_visible_before_tap": visible_before,
        "keyboard_visible": QGuiApplication.inputMethod().isVisible(),
        "keypad_visible": c.identify.keypad.isVisibleTo(c.window),
        "text": field.text(),
    }


SCENARIOS: dict[str, tuple[str, Callable[[Probe], dict[str, object]]]] = {
    "english": ("en", english),
    "pinyin": ("zh_CN", pinyin),
    "initials": ("zh_CN", initials),
    "initials_latin": ("zh_CN", initials_latin),
    "numeric": ("zh_CN", numeric),
    "follow_language": ("zh_CN", follow_language),
    "learn": ("zh_CN", learn),
    "learn_unfiltered": ("zh_CN", learn_unfiltered),
}
# Scenarios that leave through C exit() after the teardown: C++ static destructors run (the
# Pinyin engine is a static object and writes its user dictionary back from its destructor),
# but not the interpreter's teardown, where the process would abort (see below).
EXIT_LIKE_C = {"learn", "learn_unfiltered"}


def main(argv: list[str]) -> int:
    scenario, data_dir = argv[0], Path(argv[1])
    if os.environ.get("QT_IM_MODULE") != "qtvirtualkeyboard":
        print(json.dumps({"error": "QT_IM_MODULE must be qtvirtualkeyboard"}))
        return 2
    language, run = SCENARIOS[scenario]
    probe = Probe(data_dir, language)
    try:
        facts = run(probe)
    except Exception as exc:  # reported as JSON so the test shows what went wrong
        import traceback

        traceback.print_exc()
        facts = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        probe.close()
    facts["refocus_count"] = probe.refocus_count
    print(json.dumps(facts, ensure_ascii=False))
    return 1 if "error" in facts else 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # A process that has shown Qt Virtual Keyboard aborts at interpreter exit (PySide6 6.11,
    # "QPixmap: Must construct a QGuiApplication before a QPixmap"), even after this explicit
    # teardown; the facts are printed by now, so leave without the interpreter's teardown.
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.argv[1] in EXIT_LIKE_C:
        import ctypes

        ctypes.CDLL(None).exit(code)
    os._exit(code)
