"""GB 11643 numbers, permits, foreigners' cards and the validating Identity constructor."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import IdentityError
from kiosk.identity import (
    DocumentType,
    IdentitySource,
    Sex,
    check_character,
    id_number_problem,
    identity_from_fields,
    manual_identity,
    parse_id_number,
)
from kiosk.identity.validate import PROVINCE_CODES

TODAY = dt.date(2025, 6, 1)


def complete(first17: str) -> str:
    return first17 + check_character(first17)


# ----------------------------------------------------------------------------- standard examples


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_standard_examples_are_valid(number: str) -> None:
    assert id_number_problem(number, today=TODAY) is None


def test_lowercase_x_and_padding_are_accepted() -> None:
    assert id_number_problem("11010519491231002x", today=TODAY) is None
    info = parse_id_number("  11010519491231002x\x00 ", today=TODAY)
    assert info.number == "11010519491231002X"
    # full-width digits from a Chinese IME are folded to ASCII
    full_width = "１１０１０５１９４９１２３１００２ｘ"
    assert parse_id_number(full_width, today=TODAY).number == info.number


def test_parse_standard_example() -> None:
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info.document_type is DocumentType.RESIDENT_ID
    assert info.region_code == "110105"
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.sex is Sex.FEMALE  # sequence 002 is even
    assert info.verified
    male = parse_id_number("440524188001010014", today=TODAY)
    assert male.sex is Sex.MALE  # sequence 001 is odd
    assert male.birth_date == dt.date(1880, 1, 1)


@pytest.mark.parametrize(
    "number",
    ["", "1101051949123100", "11010519491231002XX", "110105194912310", "1101051949123100Y2",
     "11010519491231002 ", "X10105194912310020", "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X"],
)  # fmt: skip
def test_format_problems(number: str) -> None:
    assert id_number_problem(number, today=TODAY) == "identity.id_number.format"


def test_wrong_check_character() -> None:
    assert id_number_problem("110105194912310021", today=TODAY) == "identity.id_number.checksum"
    assert id_number_problem("440524188001010015", today=TODAY) == "identity.id_number.checksum"


# --------------------------------------------------------------------------------- birth dates


def test_feb_29_on_non_leap_year_is_rejected() -> None:
    number = complete("37010219490229001")
    assert id_number_problem(number, today=TODAY) == "identity.id_number.birth_date"


def test_feb_29_on_leap_year_is_accepted() -> None:
    number = complete("37010220000229001")
    assert parse_id_number(number, today=TODAY).birth_date == dt.date(2000, 2, 29)


@pytest.mark.parametrize("date", ["19491301", "19490000", "19490431", "20250602", "18491231"])
def test_impossible_future_or_ancient_dates(date: str) -> None:
    number = complete(f"370102{date}001")
    assert id_number_problem(number, today=TODAY) == "identity.id_number.birth_date"


def test_born_today_is_valid_and_earliest_bound_is_a_parameter() -> None:
    assert id_number_problem(complete("37010220250601001"), today=TODAY) is None
    assert (
        id_number_problem("440524188001010014", today=TODAY, earliest_birth=dt.date(1900, 1, 1))
        == "identity.id_number.birth_date"
    )


# ------------------------------------------------------------------------------ region codes


@pytest.mark.parametrize("region", ["000000", "990000", "100101", "161000", "811234", "840000"])
def test_invalid_region(region: str) -> None:
    number = complete(f"{region}19800101001")
    assert id_number_problem(number, today=TODAY) == "identity.id_number.region"


@pytest.mark.parametrize("region", ["810000", "820000", "830000"])
def test_hmt_residence_permits(region: str) -> None:
    info = parse_id_number(complete(f"{region}19900515002"), today=TODAY)
    assert info.document_type is DocumentType.HMT_RESIDENCE_PERMIT
    assert info.region_code == region
    assert info.sex is Sex.FEMALE
    assert info.birth_date == dt.date(1990, 5, 15)


# ------------------------------------------------------------------------------- foreigners


def test_foreigner_2023_layout() -> None:
    number = complete("93715619850310003")  # Shandong (37), nationality 156, born 1985-03-10
    info = parse_id_number(number, today=TODAY)
    assert info.document_type is DocumentType.FOREIGNER_PERMANENT_2023
    assert info.region_code == "370000"
    assert info.nationality == "156"
    assert info.birth_date == dt.date(1985, 3, 10)
    assert info.sex is Sex.MALE
    assert info.verified


def test_foreigner_2023_layout_checks_checksum_province_and_date() -> None:
    good = complete("91184019850310004")  # a "91" number: province 11 (Beijing)
    assert id_number_problem(good, today=TODAY) is None
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    assert id_number_problem(bad_check, today=TODAY) == "identity.id_number.checksum"
    assert id_number_problem(complete("99984019850310004"), today=TODAY) == (
        "identity.id_number.region"
    )
    assert id_number_problem(complete("91184019851310004"), today=TODAY) == (
        "identity.id_number.birth_date"
    )


def test_foreigner_2017_layout_is_format_only_and_unverified() -> None:
    info = parse_id_number("usa370120501001", today=TODAY)
    assert info.document_type is DocumentType.FOREIGNER_PERMANENT_2017
    assert info.nationality == "USA"
    assert info.number == "USA370120501001"
    assert not info.verified
    assert info.birth_date is None
    assert id_number_problem("US1370120501001") == "identity.id_number.format"
    assert id_number_problem("USA37012050100") == "identity.id_number.format"


# ------------------------------------------------------------------------------ properties

_birth = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    rest = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    birth = draw(_birth)
    seq = draw(st.integers(0, 999))
    return complete(f"{province}{rest}{birth:%Y%m%d}{seq:03d}")


@given(valid_numbers())
def test_generated_numbers_are_valid_and_round_trip(number: str) -> None:
    assert id_number_problem(number, today=TODAY) is None
    info = parse_id_number(number.lower(), today=TODAY)
    assert info.number == number
    assert info.birth_date is not None
    assert f"{info.region_code}{info.birth_date:%Y%m%d}" == number[:14]
    assert (info.sex is Sex.MALE) == (int(number[16]) % 2 == 1)


@given(valid_numbers(), st.integers(0, 17), st.integers(1, 10))
def test_any_single_character_change_is_detected(number: str, pos: int, delta: int) -> None:
    alphabet = "0123456789X" if pos == 17 else "0123456789"
    old = alphabet.index(number[pos])
    new = alphabet[(old + delta) % len(alphabet)]
    if new == number[pos]:
        return
    changed = number[:pos] + new + number[pos + 1 :]
    assert id_number_problem(changed, today=TODAY) is not None


# ----------------------------------------------------------------------- identity_from_fields

NUMBER = "11010519491231002X"


def card_identity(**overrides: object) -> dict[str, object]:
    """Fields as a SAM reader delivers them: space padded strings."""
    fields: dict[str, object] = {
        "name": "张三                          ",
        "sex": "2",
        "nation_code": "36",
        "birth": "19491231",
        "address": "北京市朝阳区某街道1号        ",
        "issuing_authority": "北京市公安局朝阳分局  ",
        "valid_from": "20200101",
        "valid_until": "长期",
    }
    fields.update(overrides)
    return fields


def test_identity_from_card_fields() -> None:
    identity = identity_from_fields(
        IdentitySource.ID_CARD,
        NUMBER + "   ",
        today=TODAY,
        **card_identity(),  # type: ignore[arg-type]
    )
    assert identity.id_number == NUMBER
    assert identity.name == "张三"
    assert identity.sex is Sex.FEMALE
    assert identity.nation_code == "36"
    assert identity.nation == "毛南"
    assert identity.birth_date == dt.date(1949, 12, 31)
    assert identity.address == "北京市朝阳区某街道1号"
    assert identity.valid_from == dt.date(2020, 1, 1)
    assert identity.valid_until is None
    assert identity.valid_long_term
    assert identity.region_code == "110105"
    assert identity.document_type is DocumentType.RESIDENT_ID
    assert NUMBER not in repr(identity)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"birth": "19491230"}, "birth_date"), ({"sex": "1"}, "sex"), ({"sex": Sex.MALE}, "sex")],
)
def test_mismatch_raises_typed_error_without_personal_data(
    overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(IdentityError) as caught:
        identity_from_fields(
            IdentitySource.ID_CARD,
            NUMBER,
            today=TODAY,
            **card_identity(**overrides),  # type: ignore[arg-type]
        )
    assert caught.value.key == "identity.mismatch"
    assert caught.value.params == {"field": field}
    assert NUMBER not in str(caught.value) and "张三" not in repr(caught.value)


def test_invalid_number_raises_with_problem_key() -> None:
    with pytest.raises(IdentityError) as caught:
        identity_from_fields(IdentitySource.ID_CARD, "110105194912310021", name="张三")
    assert caught.value.key == "identity.id_number.checksum"
    assert "110105194912310021" not in str(caught.value)


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"birth": "1949-12-31"}, "identity.field.date"),
        ({"valid_until": "20251340"}, "identity.field.date"),
        ({"sex": "M"}, "identity.field.sex"),
        ({"nation_code": "A1"}, "identity.field.nation"),
    ],
)
def test_garbled_fields_are_rejected(overrides: dict[str, object], key: str) -> None:
    with pytest.raises(IdentityError) as caught:
        identity_from_fields(
            IdentitySource.ID_CARD,
            NUMBER,
            today=TODAY,
            **card_identity(**overrides),  # type: ignore[arg-type]
        )
    assert caught.value.key == key


def test_document_type_hint_must_agree() -> None:
    with pytest.raises(IdentityError) as caught:
        identity_from_fields(
            IdentitySource.ID_CARD,
            NUMBER,
            document_type=DocumentType.FOREIGNER_PERMANENT_2023,
            today=TODAY,
        )
    assert caught.value.params == {"field": "document_type"}
    ssc = identity_from_fields(
        IdentitySource.SOCIAL_SECURITY_CARD,
        NUMBER,
        document_type=DocumentType.SOCIAL_SECURITY,
        nation_code=1,
        sex="2",
        birth=dt.date(1949, 12, 31),
        card_number="A12345678\x00",
        card_generation="3.00",
        today=TODAY,
    )
    assert ssc.document_type is DocumentType.RESIDENT_ID
    assert ssc.nation_code == "01" and ssc.nation == "汉"
    assert ssc.card_number == "A12345678"


def test_unknown_sex_is_derived_and_unspecified_is_kept() -> None:
    derived = identity_from_fields(IdentitySource.ID_CARD, NUMBER, sex="0", today=TODAY)
    assert derived.sex is Sex.FEMALE
    kept = identity_from_fields(IdentitySource.ID_CARD, NUMBER, sex="9", today=TODAY)
    assert kept.sex is Sex.UNSPECIFIED


def test_english_nation_name_and_foreigner_fields() -> None:
    identity = identity_from_fields(
        IdentitySource.ID_CARD,
        complete("93715619850310003"),
        english_name=" SMITH, JOHN ",
        nation_code="46",
        language="en",
        document_type=DocumentType.FOREIGNER_PERMANENT_2023,
        today=TODAY,
    )
    assert identity.nation == "Deang"
    assert identity.english_name == "SMITH, JOHN"
    assert identity.nationality == "156"
    assert identity.region_code == "370000"


def test_manual_identity_derives_birth_and_sex() -> None:
    identity = manual_identity("440524188001010014", today=TODAY)
    assert identity.source is IdentitySource.MANUAL
    assert identity.birth_date == dt.date(1880, 1, 1)
    assert identity.sex is Sex.MALE
    assert identity.name == ""
    with pytest.raises(IdentityError):
        manual_identity("44052418800101001", today=TODAY)
