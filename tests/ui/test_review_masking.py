"""The review page of a journey with a repeat group (family members): no co-applicant's full
name or ID number anywhere on the screen, calculated amounts without a stray ".0"."""

from __future__ import annotations

import pytest

from tests.ui.pages import all_texts, visible_texts
from ui import demo

MATTER = "370102-MZ-001"  # 最低生活保障: family members as a repeat group, calculated income
MEMBERS = [("欧阳明华", "11010519491231002X"), ("李敏", "370102200501011233")]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_review_never_shows_a_co_applicants_name_or_id(make_kiosk, language: str) -> None:
    k = make_kiosk(language=language)
    k.identify_with_card("han_resident")
    k.c.open_guide(MATTER, False)
    k.start()
    k.fill_page()
    k.next()
    k.wait(lambda: "family_members" in k.form.group_widgets)
    for i, (name, number) in enumerate(MEMBERS):
        k.form.rowAdded.emit("family_members")
        k.wait(lambda i=i: k.editor(f"family_members[{i}].member_name") is not None)
        k.set_field(("family_members", i, "member_name"), name)
        k.set_field(("family_members", i, "member_id_number"), number)
    k.fill_page()  # incomes: 800 yuan each
    # the form page shows calculated values the same way as the review page
    per_capita = k.editor("per_capita_income").inputs[0]  # round(…, 2): always a float
    k.wait(lambda: per_capita.text() != "")
    assert not per_capita.text().endswith(".0"), per_capita.text()
    k.finish_form()
    k.c.flow.materials_done()
    k.wait_screen("signature")
    demo.sign(k.ui, k.wait)

    review = k.c.flow.review_screen
    text = " ".join(all_texts(review))
    for name, number in MEMBERS:
        assert name not in text
        assert number not in text
    assert "欧**华" in text and "李*" in text
    assert "110105********002X" in text and "370102********1233" in text
    identity = k.services.card_reader._identities["han_resident"]
    assert identity.id_number not in text and identity.name not in text
    # calculated: household of 3 with 800 yuan each → per person 800 (was "800.0")
    shown = visible_texts(review)
    assert not any(t.rstrip().endswith(".0") for t in shown), shown
    per_person = [t for t in shown if "人均" in t or "per person" in t]
    assert per_person and all(t.rstrip().endswith((": 800", "：800")) for t in per_person), (
        per_person
    )
