"""Splitting the card's one-line address into the address field's parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.address import ADDRESS_PARTS, join_address, split_address

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "山东省济南市历城区华山街道华山北路8号",
            ("山东省", "济南市", "历城区", "华山街道", "华山北路8号"),
        ),
        ("山东省济南市市中区英雄山路129号", ("山东省", "济南市", "市中区", "", "英雄山路129号")),
        ("山东省济南市平阴县榆山街道1号", ("山东省", "济南市", "平阴县", "榆山街道", "1号")),
        ("北京市西城区某街道1号", ("北京市", "北京市", "西城区", "某街道", "1号")),
        (
            "内蒙古自治区呼和浩特市新城区海拉尔东路1号",
            ("内蒙古自治区", "呼和浩特市", "新城区", "", "海拉尔东路1号"),
        ),
        (
            "湖北省恩施土家族苗族自治州恩施市舞阳坝街道1号",
            ("湖北省", "恩施土家族苗族自治州", "恩施市", "舞阳坝街道", "1号"),
        ),
        # No province first: kept whole. Only divisions: kept whole (detail is required).
        ("济南市历下区1号", ("", "", "", "", "济南市历下区1号")),
        ("山东省济南市", ("", "", "", "", "山东省济南市")),
        # A suffix character inside the street address is not a division.
        ("山东省济南市历下区镇北路1号", ("山东省", "济南市", "历下区", "", "镇北路1号")),
        # Road names that contain a division suffix: a road + 镇江花园, a road + 乡村大院.
        (
            "山东省济南市市中区大明湖路镇江花园5号",
            ("山东省", "济南市", "市中区", "", "大明湖路镇江花园5号"),
        ),
        (
            "山东省济南市历下区文化东路乡村大院3号",
            ("山东省", "济南市", "历下区", "", "文化东路乡村大院3号"),
        ),
        ("山东省济南市经十路市场1号", ("山东省", "济南市", "", "", "经十路市场1号")),
        ("山东省济南市章丘区官庄镇1号", ("山东省", "济南市", "章丘区", "官庄镇", "1号")),
        ("黑龙江省哈尔滨市道里区1号", ("黑龙江省", "哈尔滨市", "道里区", "", "1号")),
        ("", ("", "", "", "", "")),
    ],
)
def test_split(text: str, expected: tuple[str, ...]) -> None:
    assert split_address(text) == dict(zip(ADDRESS_PARTS, expected, strict=True))


def test_every_sample_card_address_splits_to_jinan_with_a_detail() -> None:
    identities = json.loads((ROOT / "config/sample_identities.json").read_text("utf-8"))
    people = identities if isinstance(identities, list) else identities["identities"]
    addresses = [p["address"] for p in people if p.get("address")]
    assert addresses
    for address in addresses:
        parts = split_address(address)
        if address.startswith("山东省济南市"):
            assert (parts["province"], parts["city"]) == ("山东省", "济南市"), address
            assert parts["district"], address
        assert parts["detail"], address
        assert join_address(parts) == address


_CHARS = st.sampled_from(list("山东省济南市历下区街道镇乡县旗盟自治州北京路号1 2"))


@given(st.text(_CHARS, max_size=30))
def test_split_is_lossless_and_never_drops_the_detail(text: str) -> None:
    parts = split_address(text)
    assert set(parts) == set(ADDRESS_PARTS)
    assert join_address(parts) == text.strip()
    if text.strip():
        assert parts["detail"]
