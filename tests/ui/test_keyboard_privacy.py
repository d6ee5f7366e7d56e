"""On disk: the Pinyin keyboard learns nothing from residents (and would without the filter).

Qt Virtual Keyboard's Pinyin engine (6.11) creates an empty user dictionary,
``$XDG_CONFIG_HOME/qtvirtualkeyboard/pinyin/usr_dict.dat``, when it first loads, learns phrases a
resident composes from several candidates, and writes them back only when its user dictionary is
closed: from its static destructor at process exit, or when a sensitive field follows a
non-sensitive one. ``vkb_probe.py`` composes 居住 + 证 in the real kiosk and then leaves through C
``exit()`` (static destructors, no interpreter teardown) so the write-back happens; the control
run without ``ui.input_privacy``'s filter shows the word on disk, so the check can fail.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.test_virtual_keyboard import probe

LEARNED = "居住证".encode("utf-16-le")  # lemmas are stored as UTF-16
SENSITIVE = Qt.InputMethodHint.ImhSensitiveData.value
VERSION = (0x0ABCDEF0).to_bytes(4, "little")  # the file's first word
INFO_SIZE = 36  # UserDictInfo, nine uint32 at the end of the file; lemma_count is the fourth


def lemma_count(dictionary: Path) -> int:
    data = dictionary.read_bytes()
    assert data[:4] == VERSION, f"not a Pinyin user dictionary: {data[:16].hex()}"
    info = data[-INFO_SIZE:]
    return int.from_bytes(info[12:16], "little")


def learned_anywhere(home: Path) -> list[str]:
    return sorted(str(f) for f in home.rglob("*") if f.is_file() and LEARNED in f.read_bytes())


def dictionary(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".config" / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat"


def test_control_without_the_filter_the_keyboard_writes_what_it_learned(tmp_path: Path) -> None:
    facts = probe("learn_unfiltered", tmp_path)
    assert "PinyinInputMethod" in facts["method"]
    assert not facts["hints"] & SENSITIVE
    assert facts["text"] == "居住证"
    # Nothing is written while the kiosk runs: the empty dictionary from the engine's start...
    assert facts["files_before_exit"] == {"qtvirtualkeyboard/pinyin/usr_dict.dat": 40}
    # ...and the phrase is on disk once the process has exited.
    assert lemma_count(dictionary(tmp_path)) >= 1
    assert learned_anywhere(tmp_path / "home") == [str(dictionary(tmp_path))]


def test_sensitive_fields_leave_the_pinyin_dictionary_empty_on_disk(tmp_path: Path) -> None:
    facts = probe("learn", tmp_path)
    assert "PinyinInputMethod" in facts["method"]
    assert facts["hints"] & SENSITIVE  # the app's filter marked the search field
    assert facts["text"] == "居住证"  # the resident typed the same phrase the same way
    assert lemma_count(dictionary(tmp_path)) == 0  # exited like the control run: nothing learned
    assert learned_anywhere(tmp_path / "home") == []
