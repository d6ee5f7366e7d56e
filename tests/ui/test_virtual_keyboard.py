"""The on-screen keyboard for real: Qt Virtual Keyboard typing into the real kiosk window.

The pytest process has a ``QApplication`` with the input method switched off (see
``conftest.py``), and ``QT_IM_MODULE`` only counts before the application exists, so every
scenario runs in a child process (``tests/ui/vkb_probe.py``) that prints JSON facts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 120
RESIDENCE_PERMIT = "370102-HJ-003"  # 居住证申领
PENSIONS = {"370102-SB-001", "370102-SB-002", "370102-SB-003", "370102-SB-006", "370102-SB-007"}


def probe(scenario: str, tmp_path: Path, lang: str = "C.UTF-8") -> dict[str, Any]:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_IM_MODULE": "qtvirtualkeyboard",
        "LANG": lang,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    env.pop("LC_ALL", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.vkb_probe", scenario, str(tmp_path / "data")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no facts (exit {result.returncode}):\n{result.stderr[-3000:]}"
    facts: dict[str, Any] = json.loads(lines[-1])
    assert "error" not in facts, f"{facts['error']}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, result.stderr[-3000:]
    return facts


def test_english_typing_finds_pension_matters(tmp_path: Path) -> None:
    facts = probe("english", tmp_path)
    assert "PlainInputMethod" in facts["method"]  # the English keyboard, no predictions
    assert facts["text"] == "pension"  # lower case: the search field asks for no auto-caps
    assert facts["codes"] and set(facts["codes"]) <= PENSIONS
    assert all("pension" in r.lower() for r in facts["results"])


def test_pinyin_candidate_commits_characters_and_searches_by_them(tmp_path: Path) -> None:
    # LANG=zh_CN.UTF-8 is how a kiosk gets the Pinyin keyboard by default.
    facts = probe("pinyin", tmp_path, lang="zh_CN.UTF-8")
    assert facts["default_locale"] == "zh_CN"
    assert "PinyinInputMethod" in facts["method"]
    # While the resident is still typing pinyin, the list already follows the preedit.
    assert facts["preedit_ju"] == "ju"
    assert facts["codes_ju"][0] == RESIDENCE_PERMIT
    assert facts["preedit"] == "ju zhu zheng"
    assert facts["text_while_composing"] == ""  # preedit is not text yet...
    assert facts["codes_while_composing"][0] == RESIDENCE_PERMIT  # ...but it is searched
    assert "居住证" in facts["candidates"]
    assert facts["text"] == "居住证"
    assert facts["codes"][0] == RESIDENCE_PERMIT
    assert facts["results"][0].startswith("居住证")


def test_pinyin_initials_filter_while_typing_and_a_tap_opens_the_matter(tmp_path: Path) -> None:
    """ "jzz" on the Pinyin keyboard: 居住证申领 shows at once and the resident taps it.

    The keyboard's first candidate for jzz is 就在这; tapping the list must neither commit it
    (which would search for 就在这 under the finger) nor lose the tap.
    """
    facts = probe("initials", tmp_path)
    # The probe runs with LANG=C: the kiosk's own language (zh_CN) gives the keyboard its
    # Pinyin locale (QLocale.setDefault before the application exists), not the system locale.
    assert facts["default_locale"] == "zh_CN"
    assert "PinyinInputMethod" in facts["method"]
    assert facts["preedit"] == "j z z"
    assert facts["candidates"][0] != "居住证"
    assert facts["text_while_composing"] == ""
    assert facts["codes"][0] == RESIDENCE_PERMIT
    assert facts["guide_code"] == RESIDENCE_PERMIT
    assert facts["text_after_tap"] == "jzz"  # what the resident typed, not a candidate
    assert facts["preedit_after_tap"] == ""
    assert facts["text_back"] == "jzz"
    assert facts["codes_back"][0] == RESIDENCE_PERMIT


def test_pinyin_keyboard_latin_mode_commits_initials(tmp_path: Path) -> None:
    facts = probe("initials_latin", tmp_path)
    assert facts["mode"] == 0  # InputEngine.InputMode.Latin (the 中/英 key)
    assert facts["text"] == "jzz"
    assert facts["codes"][0] == RESIDENCE_PERMIT


def test_id_number_uses_the_keypad_not_the_on_screen_keyboard(tmp_path: Path) -> None:
    facts = probe("numeric", tmp_path)
    assert facts["im_enabled"] is False
    assert facts["keypad_visible"] is True
    assert facts["keyboard_visible"] is False  # after a real tap on the field
    assert facts["text"] == "370102"  # typed on the project's keypad


@pytest.mark.parametrize("hint", ["ImhNoAutoUppercase", "ImhPreferLowercase"])
def test_search_field_hints(qtbot: Any, hint: str) -> None:
    from PySide6.QtCore import Qt

    from ui.screens.choose import ChooseScreen

    screen = ChooseScreen()
    qtbot.addWidget(screen)
    assert screen.search.inputMethodHints() & getattr(Qt.InputMethodHint, hint)


def test_search_follows_preedit_and_ignores_separators(qtbot: Any) -> None:
    from PySide6.QtGui import QInputMethodEvent

    from ui.screens.choose import ChooseScreen, ChooseState

    screen = ChooseScreen()
    qtbot.addWidget(screen)
    seen: list[str] = []
    screen.searchChanged.connect(seen.append)
    field = screen.search
    field.inputMethodEvent(QInputMethodEvent("ju zhu", []))
    field.inputMethodEvent(QInputMethodEvent("ju zhu'zheng", []))
    commit = QInputMethodEvent("", [])
    commit.setCommitString("居住证")
    field.inputMethodEvent(commit)
    assert seen == ["juzhu", "juzhuzheng", "居住证"]
    screen.render(ChooseState(query="居住证"))  # the controller's answer keeps the field
    assert field.text() == "居住证"
    field.inputMethodEvent(QInputMethodEvent("", []))  # nothing new: no new search
    assert seen[-1] == "居住证" and len(seen) == 3


def test_render_keeps_a_trailing_space_between_words(qtbot: Any) -> None:
    from ui.screens.choose import ChooseScreen, ChooseState

    screen = ChooseScreen()
    qtbot.addWidget(screen)
    screen.search.setText("resident ")
    screen.render(ChooseState(query="resident"))  # the controller strips the query
    assert screen.search.text() == "resident "
    screen.render(ChooseState(query=""))
    assert screen.search.text() == ""


def test_keyboard_follows_the_kiosk_language_mid_visit(tmp_path: Path) -> None:
    """中文/English in the header switches the on-screen keyboard too (it used to keep the
    language the kiosk started in), both before it was first shown and while it is loaded."""
    facts = probe("follow_language", tmp_path)
    assert facts["kiosk_start"] == "zh_CN"
    assert facts["keyboard_loaded_at_start"] is False  # nothing of the keyboard before use
    english = facts["en"]
    assert english["locale"] == "en_US" and "PlainInputMethod" in english["method"]
    assert english["text"] == "pension"  # the letters themselves, at once
    assert english["preedit"] == "" and english["candidates"] == []  # no pinyin
    chinese = facts["zh"]
    assert chinese["locale"] == "zh_CN" and "PinyinInputMethod" in chinese["method"]
    assert chinese["preedit"] == "ju" and chinese["text"] == ""
    assert chinese["candidates"]  # 居, 局, ... offered
    again = facts["en_again"]
    assert again["locale"] == "en_US" and "PlainInputMethod" in again["method"]
    assert again["text"] == "ju" and again["candidates"] == []
