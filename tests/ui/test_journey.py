"""The whole resident journey with the simulators, in Chinese, in English and in elder mode:
identify → choose → form (repeat group, skip rule) → photograph → sign → review → submit →
receipt → rate → idle wipe, and afterwards no personal data anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.store import is_valid_tracking_number
from tests.ui.pages import all_texts

MATTER = "370102-MZ-001"  # 最低生活保障审核确认


@pytest.mark.parametrize(
    ("language", "elder"),
    [("zh_CN", False), ("en", False), ("zh_CN", True)],
    ids=["chinese", "english", "elder"],
)
def test_whole_journey(make_kiosk, language: str, elder: bool) -> None:
    k = make_kiosk(language=language, elder=elder)
    identity = k.services.card_reader._identities["han_resident"]
    k.identify_with_card("han_resident")
    assert k.c.session.identity is not None

    # Choose: pinyin initials through the core search, then a category.
    results = k.search("jzz")
    expected = "居住证申领" if language == "zh_CN" else "Applying for a residence permit"
    assert any(expected in r for r in results)
    k.search("")
    k.pick_category("civil_assistance")
    k.pick_from_list(MATTER)
    assert k.c.guide.findChild(type(k.c.guide.title), "necessity_required") is not None
    k.start()

    # Form page 1: prefilled from the card and marked so.
    name_editor = k.editor("applicant_name")
    assert name_editor.inputs[0].text() == identity.name
    assert name_editor.prefilled_badge.isVisibleTo(k.form)
    k.fill_page()
    k.next()
    # Page 2: a repeat group with add/remove, autosaved.
    k.wait(lambda: "family_members" in k.form.group_widgets)
    k.form.rowAdded.emit("family_members")
    k.form.rowAdded.emit("family_members")
    k.wait(lambda: k.editor("family_members[1].member_name") is not None)
    k.form.rowRemoved.emit("family_members", 1)
    k.wait(lambda: k.editor("family_members[1].member_name") is None)
    k.set_field(("family_members", 0, "member_name"), "王芳")
    k.fill_page()
    k.next()
    # Page 3: skip rule — "other" reveals the explanation field.
    k.wait(lambda: k.editor("hardship_other") is not None)
    assert not k.editor("hardship_other").isVisibleTo(k.form)
    k.set_field(("hardship_reason",), ["illness", "other"])
    assert k.editor("hardship_other").isVisibleTo(k.form)
    k.next()  # required explanation missing: stays, shows the translated issue
    issue = k.editor("hardship_other").issue
    assert issue.isVisibleTo(k.form)
    assert ("请填写此项" in issue.plain) == (language == "zh_CN")
    k.set_field(("hardship_other",), "老伴住院")
    k.finish_form()

    # Autosave reached the drafts table.
    k.wait_idle()
    row = k.services.store.db.execute("SELECT field_values FROM drafts").fetchone()
    assert "王芳" in row[0] and "family_members" in row[0]

    # Materials: photograph with the simulated camera (auto-capture), others to the window.
    k.photograph("id_card")
    k.wait(lambda: len(k.c.flow.pages.get("id_card", [])) == 1)
    assert "id_card" in str(k.c.flow.choices)
    k.sign_and_review()
    review_text = " ".join(all_texts(k.c.flow.review_screen))
    assert identity.id_number not in review_text  # masked on the review page
    assert identity.id_number[:6] in review_text
    k.submit()

    tracking = k.c.done.number.text()
    assert is_valid_tracking_number(tracking)
    assert k.c.done.state.print_state.value == "printed"
    printed = list(k.services.printer.out_dir.glob("*.png"))
    assert printed, "the simulated printer wrote no receipt"
    sub = k.services.store.submissions.by_tracking_number(tracking)
    assert sub.payload["values"]["family_members"][0]["member_name"] == "王芳"

    # Rate (基本满意 with a reason), then the visit ends.
    k.rate(3, reasons=("long_wait",))
    rating = k.services.store.ratings.for_case(tracking)
    assert rating is not None and rating.level == 3 and rating.anonymous

    k.c.rate.skip_button.click()  # "Finish" after the thank-you
    k.wait_screen("home")
    assert_no_personal_data(k, identity)


def test_idle_wipe_mid_form_clears_screens_and_drafts(make_kiosk) -> None:
    k = make_kiosk()
    k.tap_handle_matter()
    identity = k.services.card_reader.insert("han_resident")
    k.wait(lambda: k.c.identify.state.stage.value == "take_card")
    k.take_card()
    k.wait_screen("choose")
    k.c.open_guide(MATTER, False)
    k.start()
    k.set_field(("phone",), "13812343210")
    k.wait_idle()
    assert k.services.store.db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    k.go_idle()
    k.wait_idle()
    assert_no_personal_data(k, identity)
    assert "13812343210" not in " ".join(all_texts(k.window))


def test_any_touch_during_the_warning_continues(make_kiosk) -> None:
    k = make_kiosk()
    k.identify_with_card()
    k.clock.advance(k.services.settings.session.idle_timeout_s + 1)
    k.c.tick()
    overlay = k.window.idle_overlay
    assert overlay.isVisible() and overlay.seconds > 0
    k.qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)  # anywhere on the overlay
    assert not overlay.isVisible()
    assert k.screen == "choose" and k.c.session.identity is not None


def assert_no_personal_data(k, identity) -> None:
    texts = " ".join(all_texts(k.window))
    for secret in (identity.name, identity.id_number, identity.address):
        assert secret not in texts
    assert k.c.session.identity is None
    assert k.services.store.db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_recent_matters_after_a_previous_visit(make_kiosk) -> None:
    k = make_kiosk(language="en")
    k.identify_with_card()
    k.c.open_guide("370102-HJ-003", False)
    k.start()
    k.window.consent_overlay.accepted.emit()  # "save for later" with consent
    k.wait(lambda: k.c.flow.saved)
    k.go_idle()
    k.wait_idle()
    assert k.services.store.db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    k.identify_with_card()
    k.wait(lambda: k.c.choose.list.count() > 0 and "Recent" in k.c.choose.list.item(0).text())
    assert "residence permit" in k.c.choose.list.item(0).text()
