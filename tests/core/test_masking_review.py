"""The review page's display rules: calculated numbers read like numbers, and every person's
name, ID number and phone number is masked — co-applicants in repeat-group rows included."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FormDefinition
from kiosk.i18n import LocalText
from kiosk.identity import mask_id_number, mask_name, mask_phone
from kiosk.services.journey.context import JourneyContext
from kiosk.services.journey.models import JourneyMeta
from kiosk.services.journey.review import build_review, format_number, is_person_name

APPLICANT = "张晓明"
APPLICANT_ID = "370102199001011233"
MEMBERS = [
    {
        "member_name": "欧阳明华",
        "member_id_number": "11010519491231002X",
        "income": 800,
        "member_birth": "1949-12-31",
    },
    {"member_name": "李敏", "member_id_number": "370102200501011236", "income": 1000.5},
]

FORM = FormDefinition.model_validate(
    {
        "id": "f.test",
        "version": 1,
        "title": {"zh": "测试", "en": "Test"},
        "pages": [
            {
                "id": "applicant",
                "title": {"zh": "申请人", "en": "Applicant"},
                "fields": [
                    {"name": "applicant_name", "type": "text", "prefill": "name",
                     "label": {"zh": "姓名", "en": "Name"}},
                    {"name": "applicant_id_number", "type": "id_number", "prefill": "id_number",
                     "label": {"zh": "公民身份号码", "en": "ID number"}},
                    {"name": "phone", "type": "phone", "label": {"zh": "电话", "en": "Phone"}},
                    {"name": "spouse_name", "type": "text",
                     "label": {"zh": "配偶姓名", "en": "Spouse's name"}},
                    {"name": "employer_name", "type": "text",
                     "label": {"zh": "工作单位", "en": "Employer"}},
                    {"name": "own_income", "type": "number",
                     "label": {"zh": "本人月收入（元）", "en": "Your income"}},
                    {"name": "applicant_birth", "type": "date",
                     "label": {"zh": "出生日期", "en": "Date of birth"}},
                ],
            },
            {
                "id": "family",
                "title": {"zh": "家庭成员", "en": "Family"},
                "fields": [
                    {"name": "members", "type": "group", "repeat": True,
                     "label": {"zh": "家庭成员", "en": "Members"},
                     "fields": [
                         {"name": "member_name", "type": "text",
                          "label": {"zh": "成员", "en": "Member"}},
                         {"name": "member_id_number", "type": "id_number",
                          "label": {"zh": "公民身份号码", "en": "ID number"}},
                         {"name": "income", "type": "number",
                          "label": {"zh": "月收入（元）", "en": "Income"}},
                         {"name": "member_birth", "type": "date",
                          "label": {"zh": "出生日期", "en": "Date of birth"}},
                     ]},
                    {"name": "household_size", "type": "number",
                     "calculate": "count(members) + 1",
                     "label": {"zh": "家庭人口", "en": "Household size"}},
                    {"name": "household_income", "type": "number",
                     "calculate": "sum_of(members, 'income') + own_income",
                     "label": {"zh": "家庭月总收入（元）", "en": "Household income"}},
                    {"name": "per_capita", "type": "number",
                     "calculate": "round(household_income / household_size, 2)",
                     "label": {"zh": "人均（元）", "en": "Per person"}},
                ],
            },
        ],
    }
)  # fmt: skip


def _review_rows() -> dict[str, str | None]:
    values: dict[str, object] = {
        "applicant_name": APPLICANT,
        "applicant_id_number": APPLICANT_ID,
        "phone": "13812348000",
        "spouse_name": "王秀英",
        "employer_name": "济南示例有限公司",
        "own_income": 599.5,
        "applicant_birth": "1990-01-01",
        "members": MEMBERS,
    }
    state = FormEngine(FORM, clock=lambda: dt.date(2026, 6, 15)).evaluate(values)
    effective = {**values, **{k: state.value(k) for k in state.calculated}}
    ctx = JourneyContext(None, None, LocalText(zh="测试", en="Test"), FORM, (), ())
    model = build_review(
        draft_id="d1",
        ctx=ctx,
        state=state,
        effective=effective,
        meta=JourneyMeta(prefilled=frozenset({"applicant_name", "applicant_id_number"})),
        materials=(),
        supplement_deadline=None,
    )
    return {
        r.path: None if r.display is None else r.display.zh for s in model.sections for r in s.rows
    }


def test_co_applicants_names_ids_and_phones_are_masked() -> None:
    rows = _review_rows()
    assert rows["members[0].member_name"] == "欧**华"
    assert rows["members[1].member_name"] == "李*"
    assert rows["members[0].member_id_number"] == "110105********002X"
    assert rows["members[1].member_id_number"] == "370102********1236"
    assert rows["applicant_name"] == "张*明"  # the applicant's own, as greeting and receipt
    assert rows["applicant_id_number"] == "370102********1233"
    assert rows["phone"] == "138****8000"
    assert rows["spouse_name"] == "王*英"  # another person's name outside a group
    assert rows["employer_name"] == "济南示例有限公司"  # not a person
    shown = " ".join(v for v in rows.values() if v)
    for member in MEMBERS:
        assert str(member["member_name"]) not in shown
        assert str(member["member_id_number"]) not in shown


def test_calculated_numbers_read_like_numbers() -> None:
    rows = _review_rows()
    assert rows["household_size"] == "3"
    assert rows["household_income"] == "2400"  # 800 + 1000.5 + 599.5 = 2400.0
    assert rows["per_capita"] == "800"  # round(2400 / 3, 2) = 800.0
    assert rows["members[1].income"] == "1000.5"
    assert rows["own_income"] == "599.5"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (800.0, "800"),
        (800, "800"),
        (266.67, "266.67"),
        (0.1 + 0.2, "0.3"),
        (-0.0, "0"),
        (-12.5, "-12.5"),
        (1e-12, "0"),
        (1e20, "100000000000000000000"),
        (math.inf, "inf"),
    ],
)
def test_format_number(value: float, shown: str) -> None:
    assert format_number(value) == shown


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_format_number_is_plain_and_close(value: float) -> None:
    shown = format_number(value)
    assert "e" not in shown and not shown.endswith(".0") and not shown.endswith(".")
    assert abs(float(shown) - value) <= 1e-9 * max(1.0, abs(value))


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integral_floats_show_as_integers(n: int) -> None:
    assert format_number(float(n)) == str(n) == format_number(n)


def test_which_fields_hold_a_persons_name() -> None:
    fields = {f.name: f for f in FORM.iter_fields()}
    assert is_person_name(fields["applicant_name"], in_row=False)  # prefilled from the card
    assert is_person_name(fields["spouse_name"], in_row=False)  # labelled …姓名
    assert not is_person_name(fields["employer_name"], in_row=False)
    assert is_person_name(fields["member_name"], in_row=True)  # free text in a row
    assert not is_person_name(fields["income"], in_row=True)


@given(st.text(alphabet="张王李欧阳明华秀英敏·", min_size=2, max_size=6))
def test_a_masked_name_never_equals_a_name_of_two_or_more_characters(name: str) -> None:
    letters = [c for c in name.strip() if c != "·"]
    if len(letters) >= 2:
        assert mask_name(name) != name.strip()


def test_masking_helpers_are_the_identity_modules() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_id_number(APPLICANT_ID) == "370102********1233"


def test_dates_read_naturally_and_other_peoples_birthdays_show_the_year_only() -> None:
    from kiosk.services.journey.review import format_date

    assert format_date("1985-03-12") == LocalText(zh="1985年3月12日", en="12 March 1985")
    assert format_date("not a date") is None
    rows = _review_rows()
    assert rows["applicant_birth"] == "1990年1月1日"  # the applicant's own, to confirm
    assert rows["members[0].member_birth"] == "1949年**月**日"  # another person's
    assert "1949-12-31" not in " ".join(v for v in rows.values() if v)
