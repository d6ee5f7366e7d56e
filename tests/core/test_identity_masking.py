"""Public-display masking and GB/T 3304 nation names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity import mask_id_number, mask_name, mask_phone, nation_code_for_name, nation_name
from kiosk.identity.nations import NATIONS


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("USA370120501001", "USA370*****1001"),
        ("", ""),
        ("1234", "****"),
        ("1234567890", "**********"),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("李小敏", "李*敏"),
        ("欧阳娜娜", "欧**娜"),
        ("司马相如之", "司***之"),
        ("王", "*"),
        ("", ""),
        ("  张三 ", "张*"),
        ("阿依古丽·买买提", "阿***·**提"),
        ("John Smith", "J*** S****"),
        ("Mary-Jane O'Neil", "M***-J*** O'N***"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13876543210", "138****3210"),
        ("0531-88886666", "053*-****6666"),
        ("1234567", "*******"),
        ("", ""),
        ("12", "**"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@given(st.text(alphabet="0123456789X", max_size=20))
def test_masked_id_never_reveals_the_middle(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    visible = sum(c != "*" for c in masked)
    assert visible <= 10
    if len(number) >= 11:
        assert masked[6:-4] == "*" * (len(number) - 10)


@given(st.text(alphabet="0123456789", max_size=15))
def test_masked_phone_keeps_at_most_seven_digits(phone: str) -> None:
    masked = mask_phone(phone)
    assert len(masked) == len(phone)
    assert sum(c.isdigit() for c in masked) <= 7


SEPARATORS = " ·•.-'\u00b7\u30fb"


@given(st.text(min_size=1, max_size=8))
def test_mask_name_shows_at_most_one_letter_per_word(name: str) -> None:
    """Whatever the script, a name with more letters than words always loses some of them."""
    masked = mask_name(name)
    stripped = name.strip()
    assert len(masked) == len(stripped)
    letters = sum(c not in SEPARATORS for c in stripped)
    words = len([w for w in re.split(f"[{re.escape(SEPARATORS)}]", stripped) if w])
    visible = sum(c not in SEPARATORS and c != "*" for c in masked)
    assert visible <= max(2, words)
    if letters > words or (letters == 1 and not any(c.isascii() for c in stripped)):
        assert "*" in masked


def test_nation_table_is_complete_and_current() -> None:
    assert len(NATIONS) == 58
    assert all(len(code) == 2 and code.isdigit() for code in NATIONS)
    assert nation_name("36") == "毛南"
    assert nation_name("46") == "德昂"
    assert nation_name("46", "en") == "Deang"
    assert nation_name("01", "zh_CN") == "汉"
    assert nation_name("97") == "其他"
    assert nation_name("98") == "外国血统中国籍人士"
    assert nation_name("1") == "汉"
    assert nation_name("57") == ""
    assert nation_name("") == ""


def test_nation_code_for_name_accepts_former_names() -> None:
    assert nation_code_for_name("毛难") == "36"
    assert nation_code_for_name("崩龙族") == "46"
    assert nation_code_for_name("汉族") == "01"
    assert nation_code_for_name("火星") == ""
