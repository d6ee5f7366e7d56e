"""The form's date field: three big digit-only boxes 年 / 月 / 日 (Year / Month / Day).

Typing moves on by itself and the form stores the zero-padded ISO text; an impossible or partial
date shows the form's translated "invalid date" message; the card's birth date renders into the
boxes with its "from your card" mark; sizes for elder mode; the layout fits in landscape; the
boxes are sensitive inputs and nothing typed outlives the idle wipe.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from kiosk.forms.schema import FieldType, FormField, LocalText
from tests.ui.pages import (
    all_texts,
    clear_date,
    date_boxes,
    date_texts,
    tap_date_and_type,
    type_digits,
    walk_to_field,
)
from ui.messages import message
from ui.screens.form import FieldEditor
from ui.theme import MIN_TARGET_ELDER, MIN_TARGET_NORMAL

MATTER = "370102-MZ-001"  # 最低生活保障审核确认: page 1 has the card's birth date
BIRTH = "applicant_birth_date"


def _open_form(make_kiosk: Any, **kw: Any) -> Any:
    k = make_kiosk(**kw)
    k.identify_with_card("han_resident")
    k.c.open_guide(MATTER, False)
    k.start()
    walk_to_field(k, BIRTH)  # elder mode: the page's second screen
    return k


def _stored(k: Any) -> object:
    return k.c.flow.values.get(BIRTH)


def test_typing_the_parts_stores_the_iso_date_and_moves_on(make_kiosk) -> None:
    k = _open_form(make_kiosk)
    clear_date(k, BIRTH)
    _year, month, day = date_boxes(k, BIRTH)
    emitted: list[object] = []
    k.form.valueChanged.connect(lambda path, value: emitted.append(value))

    tap_date_and_type(k, BIRTH, "1985")
    assert k.window.focusWidget() is month  # 4 digits: on to the month
    k.wait(lambda: _stored(k) == "1985--")  # partial: kept as typed, not yet a date
    type_digits(k, "3")
    assert k.window.focusWidget() is day  # 3 cannot start 10-12: on to the day
    type_digits(k, "12")
    k.wait(lambda: _stored(k) == "1985-03-12")
    assert emitted[-1] == "1985-03-12"
    assert date_texts(k, BIRTH) == ("1985", "3", "12")  # what was typed stays under the finger
    assert not k.editor(BIRTH).issue.isVisibleTo(k.form)

    # Autosave keeps the ISO text (and so does the review page, from the same values).
    k.wait_idle()
    row = k.services.store.db.execute("SELECT field_values FROM drafts").fetchone()
    assert '"1985-03-12"' in row[0]


def test_two_digit_month_waits_for_the_second_digit(make_kiosk) -> None:
    k = _open_form(make_kiosk, language="en")
    clear_date(k, BIRTH)
    _year, month, day = date_boxes(k, BIRTH)
    tap_date_and_type(k, BIRTH, "19701")
    assert k.window.focusWidget() is month  # "1" may become 10, 11 or 12
    type_digits(k, "1")
    assert k.window.focusWidget() is day
    type_digits(k, "5")
    k.wait(lambda: _stored(k) == "1970-11-05")  # one-digit day, zero-padded
    assert date_texts(k, BIRTH) == ("1970", "11", "5")


def test_backspace_in_an_empty_box_goes_back(make_kiosk) -> None:
    from PySide6.QtTest import QTest

    k = _open_form(make_kiosk)
    clear_date(k, BIRTH)
    year, month, _day = date_boxes(k, BIRTH)
    tap_date_and_type(k, BIRTH, "1985")
    assert k.window.focusWidget() is month
    QTest.keyClick(month, Qt.Key.Key_Backspace)  # nothing to delete here: back to the year
    assert k.window.focusWidget() is year
    QTest.keyClick(year, Qt.Key.Key_Backspace)
    k.wait(lambda: _stored(k) == "198--")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_impossible_date_shows_the_invalid_date_message(make_kiosk, language) -> None:
    k = _open_form(make_kiosk, language=language)
    clear_date(k, BIRTH)
    tap_date_and_type(k, BIRTH, "20230230")
    k.wait(lambda: _stored(k) == "2023-02-30")
    issue = k.editor(BIRTH).issue
    k.wait(lambda: issue.isVisibleTo(k.form))
    expected = message("form.date.invalid", {})
    assert expected in issue.plain
    assert ("有效日期" in issue.plain) == (language == "zh_CN")
    assert all(b.property("invalid") for b in date_boxes(k, BIRTH))
    # Corrected day: a real date, the message goes.
    day = date_boxes(k, BIRTH)[2]
    day.setFocus()
    day.selectAll()
    type_digits(k, "28")
    k.wait(lambda: _stored(k) == "2023-02-28")
    k.wait(lambda: not issue.isVisibleTo(k.form))


def test_a_partial_date_is_invalid_and_non_digits_are_refused(make_kiosk) -> None:
    k = _open_form(make_kiosk)
    clear_date(k, BIRTH)
    tap_date_and_type(k, BIRTH, "19a8-5")  # letters and dashes do not enter the boxes
    k.wait(lambda: _stored(k) == "1985--")
    assert date_texts(k, BIRTH) == ("1985", "", "")
    issue = k.editor(BIRTH).issue
    assert not issue.isVisibleTo(k.form)  # still typing: no red text under the finger
    other = next(e for p, e in k.form.editors.items() if p != BIRTH and e.inputs)
    other.inputs[0].setFocus()  # the resident moves on: focus leaves the date boxes
    k.wait(lambda: issue.isVisibleTo(k.form))
    assert message("form.date.invalid", {}) in issue.plain


def test_the_card_birth_date_renders_into_the_boxes_with_its_mark(make_kiosk) -> None:
    k = _open_form(make_kiosk)
    birth = k.services.card_reader._identities["han_resident"].birth_date
    assert birth is not None
    assert date_texts(k, BIRTH) == (f"{birth.year:04d}", f"{birth.month:02d}", f"{birth.day:02d}")
    assert _stored(k) == birth.isoformat()
    assert k.editor(BIRTH).prefilled_badge.isVisibleTo(k.form)
    units = [u.text() for u in k.editor(BIRTH).date_entry.units]
    assert units == ["年", "月", "日"]


def test_english_labels_keep_year_month_day(make_kiosk) -> None:
    k = _open_form(make_kiosk, language="en")
    entry = k.editor(BIRTH).date_entry
    assert [u.text() for u in entry.units] == ["Year", "Month", "Day"]
    xs = [b.mapTo(k.window, QPoint(0, 0)).x() for b in entry.boxes]
    assert xs == sorted(xs)  # year, month, day from left to right
    for unit, box in zip(entry.units, entry.boxes, strict=True):
        assert unit.x() < box.x()  # "Year [1985]": the label comes first in English


def test_read_only_date_stays_read_only(qtbot) -> None:
    f = FormField(
        name="decided_on",
        type=FieldType.DATE,
        label=LocalText(zh="决定日期", en="Decided on"),
        readonly=True,
    )
    editor = FieldEditor(f, ("decided_on",), None, lambda *_: None, False)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.set_value("2024-06-01")
    assert tuple(b.text() for b in editor.date_entry.boxes) == ("2024", "06", "01")
    assert all(b.isReadOnly() for b in editor.date_entry.boxes)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_boxes_are_big_enough_to_touch(make_kiosk, elder) -> None:
    k = _open_form(make_kiosk, elder=elder)
    QApplication.processEvents()
    minimum = MIN_TARGET_ELDER if elder else MIN_TARGET_NORMAL
    for box in date_boxes(k, BIRTH):
        assert box.height() >= minimum, box.objectName()
        assert box.width() >= minimum, box.objectName()
        if elder:
            assert box.font().pointSize() >= 18
    if elder:
        for unit in k.editor(BIRTH).date_entry.units:
            assert unit.font().pointSize() >= 18


@pytest.mark.parametrize(
    ("orientation", "size"),
    [("landscape", (1920, 1080)), ("portrait", (1080, 1920))],
)
def test_the_date_entry_fits_in_elder_mode(make_kiosk, orientation, size) -> None:
    k = _open_form(make_kiosk, language="en", elder=True, KIOSK_TERMINAL__ORIENTATION=orientation)
    k.window.resize(*size)
    for _ in range(5):
        QApplication.processEvents()  # layouts settle over a few passes (no sleep)
    entry = k.editor(BIRTH).date_entry
    right = k.editor(BIRTH).mapTo(k.window, QPoint(k.editor(BIRTH).width(), 0)).x()
    for w in [*entry.boxes, *entry.units]:
        assert w.isVisibleTo(k.window), w.objectName()
        left = w.mapTo(k.window, QPoint(0, 0)).x()
        assert left + w.width() <= right, w.objectName()
        if isinstance(w, QLabel):
            assert w.width() >= w.sizeHint().width(), w.objectName()  # the label is not cut
    year = entry.boxes[0]
    four = year.fontMetrics().horizontalAdvance("8888")
    assert year.contentsRect().width() >= four  # four big digits fit in the year box


def test_boxes_use_the_digit_keyboard_and_are_sensitive(make_kiosk) -> None:
    k = _open_form(make_kiosk)
    for box in date_boxes(k, BIRTH):
        assert box.isVisible()
        hints = box.inputMethodHints()
        assert hints & Qt.InputMethodHint.ImhDigitsOnly, box.objectName()
        assert hints & Qt.InputMethodHint.ImhSensitiveData, box.objectName()


def test_the_idle_wipe_clears_the_boxes(make_kiosk) -> None:
    k = _open_form(make_kiosk)
    clear_date(k, BIRTH)
    tap_date_and_type(k, BIRTH, "19370707")
    k.wait(lambda: _stored(k) == "1937-07-07")
    names = {b.objectName() for b in date_boxes(k, BIRTH)}
    k.go_idle()
    k.wait_idle()
    left = [e for e in k.window.findChildren(QLineEdit) if e.objectName() in names]
    assert not left, "the date boxes outlived the wipe"
    texts = " ".join(all_texts(k.window))
    assert "1937" not in texts
    assert k.services.store.db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_tapping_in_and_out_of_a_date_without_typing_marks_nothing(make_kiosk) -> None:
    """Only a date left half typed shows its issue on leaving; a resident who just looked
    (tapped a box, then another field) sees no red text."""
    k = _open_form(make_kiosk)
    flow = k.c.flow
    flow.touched.discard(BIRTH)
    flow.field_left((BIRTH,))  # focus left the boxes, nothing typed
    assert BIRTH not in flow.touched
    clear_date(k, BIRTH)
    tap_date_and_type(k, BIRTH, "19")  # half typed, then left: now it shows
    k.wait(lambda: BIRTH in flow.half_typed)
    flow.field_left((BIRTH,))
    assert BIRTH in flow.touched
