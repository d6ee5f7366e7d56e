"""Elder mode's simpler form: a catalogue page comes at most three answers a screen, with the
same Back / Next and "第 1 步，共 5 步 · 第 2/3 屏". Next checks only the screen's answers, skip
rules change the split, switching the mode keeps the resident's place, and normal mode shows
the whole page as before."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.pages import (
    form_progress,
    form_screen_position,
    shown_fields,
    shown_issues,
)
from ui.controllers.form_flow import ELDER_FIELDS_PER_SCREEN, split_screens

MATTER = "370102-MZ-001"  # 最低生活保障审核确认
APPLICANT = [
    "applicant_name",
    "applicant_id_number",
    "applicant_sex",
    "applicant_birth_date",
    "phone",
    "address",
]


def _open(make_kiosk: Any, **kw: Any) -> Any:
    k = make_kiosk(**kw)
    k.identify_with_card("han_resident")
    k.c.open_guide(MATTER, False)
    k.start()
    return k


def _to_hardship(k: Any) -> None:
    for _ in range(2):  # applicant, household
        k.fill_page()
        k.next()
    k.wait(lambda: k.c.flow.page_id == "hardship")


def test_elder_mode_splits_the_applicant_page(make_kiosk) -> None:
    k = _open(make_kiosk, elder=True)
    assert form_progress(k) == "第 1 步，共 5 步 · 第 1/3 屏"
    screens = [shown_fields(k)]
    k.fill_page()  # answers each screen and presses Next, ending on the last one
    # Walk back to collect what each screen shows.
    k.form.back_button.click()
    screens.insert(0, shown_fields(k))
    assert form_progress(k) == "第 1 步，共 5 步 · 第 2/3 屏"
    k.form.next_button.click()
    screens.append(shown_fields(k))
    assert form_progress(k) == "第 1 步，共 5 步 · 第 3/3 屏"
    screens = [screens[1], screens[0], screens[2]]
    assert screens == [APPLICANT[:3], APPLICANT[3:5], ["address"]]
    assert all(0 < len(s) <= ELDER_FIELDS_PER_SCREEN for s in screens)
    # Only the screen's editors exist: the others are not merely hidden.
    assert set(k.form.editors) == {"address"}


def test_next_checks_only_the_screens_answers(make_kiosk) -> None:
    k = _open(make_kiosk, elder=True)
    assert k.c.flow.values.get("phone") in (None, "")  # on screen 2, unanswered
    k.set_field(("applicant_name",), None)
    k.next()
    assert form_screen_position(k) == (0, 3)  # stays: the name is missing
    assert shown_issues(k) == ["applicant_name"]
    assert k.form.page_issue.plain == "请修改标出的 1 处内容。"
    k.set_field(("applicant_name",), "韩梅")
    k.next()  # the empty phone (screen 2) does not hold the resident on screen 1
    assert form_screen_position(k) == (1, 3)
    assert shown_issues(k) == []  # a new screen starts without red marks
    k.next()
    assert form_screen_position(k) == (1, 3)
    assert "phone" in shown_issues(k)
    assert k.c.flow.page_id == "applicant"


def test_the_page_is_left_only_when_all_its_screens_are_valid(make_kiosk) -> None:
    k = _open(make_kiosk, elder=True)
    k.fill_page()
    assert form_screen_position(k) == (2, 3)
    k.c.flow.values["applicant_name"] = ""  # emptied behind the screen's back
    k.next()
    assert k.c.flow.page_id == "applicant"
    assert form_screen_position(k) == (0, 3)  # back to the screen with the problem
    assert "applicant_name" in shown_issues(k)


def test_a_skip_rule_changes_the_split(make_kiosk) -> None:
    k = _open(make_kiosk, elder=True)
    _to_hardship(k)
    assert form_progress(k) == "第 3 步，共 5 步"  # one screen: no screen count
    hardship = ["hardship_reason", "owns_vehicle", "owns_extra_house", "verification_note"]
    assert shown_fields(k) == hardship
    k.set_field(("hardship_reason",), ["illness", "other"])  # reveals the explanation
    assert form_progress(k) == "第 3 步，共 5 步 · 第 1/2 屏"
    assert shown_fields(k) == ["hardship_reason", "hardship_other", "owns_vehicle"]
    k.set_field(("hardship_reason",), ["illness"])
    assert form_progress(k) == "第 3 步，共 5 步"
    assert "owns_extra_house" in shown_fields(k)


def test_back_and_next_walk_the_screens_and_pages(make_kiosk) -> None:
    k = _open(make_kiosk, elder=True, language="en")
    assert form_progress(k) == "Step 1 of 5 · screen 1 of 3"
    k.fill_page()
    k.next()  # leaves the page
    assert k.c.flow.page_id == "household"
    assert form_progress(k).startswith("Step 2 of 5 · screen 1 of ")
    k.form.back_button.click()  # the previous page's last screen
    assert (k.c.flow.page_id, form_screen_position(k)) == ("applicant", (2, 3))
    assert form_progress(k) == "Step 1 of 5 · screen 3 of 3"
    k.form.back_button.click()
    assert form_screen_position(k) == (1, 3)
    k.form.back_button.click()
    assert form_screen_position(k) == (0, 3)
    k.form.back_button.click()  # before the first screen: back to the guide
    k.wait_screen("guide")


def test_normal_mode_shows_the_whole_page(make_kiosk) -> None:
    k = _open(make_kiosk)
    assert shown_fields(k) == APPLICANT
    assert form_progress(k) == "第 1 步，共 5 步"
    assert k.form._state.fields is None
    k.set_field(("phone",), None)
    k.next()
    assert k.c.flow.page_id == "applicant" and "phone" in shown_issues(k)
    k.fill_page()
    k.next()
    assert k.c.flow.page_id == "household"
    assert {"applicant_monthly_income", "household_size", "per_capita_income"} <= set(
        shown_fields(k)
    )


def test_switching_elder_mode_keeps_the_place(make_kiosk) -> None:
    k = _open(make_kiosk)
    phone = k.editor("phone").inputs[0]
    phone.setFocus(Qt.FocusReason.MouseFocusReason)
    k.window.elder_button.click()  # on: the screen with the field in hand
    assert shown_fields(k) == ["applicant_birth_date", "phone"]
    assert form_progress(k) == "第 1 步，共 5 步 · 第 2/3 屏"
    k.window.elder_button.click()  # off: the whole page again
    assert shown_fields(k) == APPLICANT
    assert form_progress(k) == "第 1 步，共 5 步"


def test_switching_on_goes_to_the_first_field_in_view(make_kiosk) -> None:
    k = _open(make_kiosk)
    k.window.setFocus()  # nothing in the form has the focus
    k.window.resize(540, 640)
    for _ in range(5):
        QApplication.processEvents()  # layouts settle over a few passes (no sleep)
    address = k.editor("address")
    content = k.form.scroll_area.widget()
    y = address.mapTo(content, QPoint(0, 0)).y()
    bar = k.form.scroll_area.verticalScrollBar()
    assert bar.maximum() >= y, "the page must scroll for this check"
    bar.setValue(y)
    k.window.elder_button.click()
    assert shown_fields(k) == ["address"]


def test_autosave_save_for_later_and_review_edit_on_elder_screens(make_kiosk) -> None:
    k = _open(make_kiosk, elder=True)
    k.next()
    assert form_screen_position(k) == (1, 3)
    k.set_field(("phone",), "13812343210")
    k.wait_idle()
    row = k.services.store.db.execute("SELECT field_values FROM drafts").fetchone()
    assert "13812343210" in row[0]
    assert form_screen_position(k) == (1, 3)  # the answer in hand stays on screen
    k.form.save_button.click()
    k.window.consent_overlay.accepted.emit()  # consent given
    k.wait(lambda: k.c.flow.saved)
    assert form_screen_position(k) == (1, 3)
    assert not k.form.save_button.isEnabled()
    k.finish_form()  # the demo's completion clicks through every screen
    k.c.flow.materials_done()
    k.wait_screen("signature")
    from ui import demo

    demo.sign(k.ui, k.wait)
    k.wait_screen("review")
    # Something to fix on the page's second screen (e.g. a rule of a newer catalogue): the
    # review's edit link opens that screen, not the page's first.
    k.c.flow.values["phone"] = ""
    k.c.flow.review_screen.editRequested.emit("page:applicant")
    k.wait_screen("form")
    assert k.c.flow.page_id == "applicant" and form_screen_position(k) == (1, 3)


def test_split_never_makes_an_empty_screen() -> None:
    from kiosk.forms.schema import FieldType, FormField
    from kiosk.i18n import LocalText

    def field(name: str, kind: FieldType = FieldType.TEXT) -> FormField:
        return FormField(name=name, type=kind, label=LocalText(zh=name, en=name))

    class State:
        def __init__(self, hidden: set[str]) -> None:
            self.hidden = hidden

        def is_relevant(self, path: str) -> bool:
            return path not in self.hidden

    fields = (
        field("intro", FieldType.NOTE),
        field("a"),
        field("b"),
        field("c"),
        field("d"),
        field("home", FieldType.ADDRESS),
        field("e"),
    )
    split = split_screens(fields, cast(Any, State(set())), 3)
    assert split == [("intro", "a", "b", "c"), ("d", "home"), ("e",)]
    split = split_screens(fields, cast(Any, State({"b", "c", "d"})), 3)
    assert split == [("intro", "a", "b", "c", "d", "home"), ("e",)]  # a + the address
    hidden = {f.name for f in fields}  # everything hidden: still one screen
    assert split_screens(fields, cast(Any, State(hidden)), 3) == [tuple(f.name for f in fields)]
