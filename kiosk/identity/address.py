"""Split the one-line address printed on an ID card into the parts an address field asks for.

The card holds a single text (GB/T 2260 divisions followed by the street address, e.g.
山东省济南市历下区泉城路街道泉城路188号). Forms ask for province / city / district / street /
detail, so prefilling only ``detail`` would leave the resident four empty boxes to fill with
what the card already says. The split is conservative and lossless: each part is taken only
when the text at that point ends in its administrative suffix, top-down; whatever is left is
``detail``; joining the parts gives back the card's text exactly. An address that does not
start with a province (older cards, abbreviations) stays whole in ``detail``.
"""

from __future__ import annotations

import re

# Division names never contain digits or spaces; bounded lengths keep a suffix that appears
# later in the street address (…路8号乡村小院) from being taken as a division.
_PROVINCE = re.compile(r"(?:北京市|天津市|上海市|重庆市)|[^\d\s]{2,12}?(?:省|自治区|特别行政区)")
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_CITY = re.compile(r"[^\d\s]{1,12}?(?:市|自治州|地区|盟)")
# Nor does a district (经十路市场 is a market on a road, not a county-level city).
_DISTRICT = re.compile(r"[^\d\s路街巷胡同弄]{1,10}?(?:区|县|市|旗)")
_STREET = re.compile(r"[^\d\s]{1,12}?(?:街道办事处|街道)")  # 泉城路街道: a road name is fine
# A town (镇/乡/苏木) name never contains a road word: 大明湖路镇江花园 is a road + a housing
# estate (镇江花园), not a town called 大明湖路镇.
_TOWN = re.compile(r"[^\d\s路街巷胡同弄]{1,12}?(?:镇|乡|苏木)")

ADDRESS_PARTS = ("province", "city", "district", "street", "detail")


def split_address(text: str) -> dict[str, str]:
    """``{province, city, district, street, detail}`` from a card's address text."""
    rest = text.strip()
    parts = dict.fromkeys(ADDRESS_PARTS, "")
    province = _PROVINCE.match(rest)
    if province is None:
        parts["detail"] = rest
        return parts
    parts["province"] = province.group()
    rest = rest[province.end() :]
    if parts["province"] in _MUNICIPALITIES:
        parts["city"] = parts["province"]  # a municipality is its own prefecture-level city
    else:
        city = _CITY.match(rest)
        if city is None:
            return {**dict.fromkeys(ADDRESS_PARTS, ""), "detail": text.strip()}
        parts["city"] = city.group()
        rest = rest[city.end() :]
    for part, patterns in (("district", (_DISTRICT,)), ("street", (_STREET, _TOWN))):
        found = next((m for m in (p.match(rest) for p in patterns) if m is not None), None)
        if found is None or found.end() == len(rest):  # never leave the detail empty
            break
        parts[part] = found.group()
        rest = rest[found.end() :]
    if not rest:  # the card names only divisions: keep it whole rather than no detail
        return {**dict.fromkeys(ADDRESS_PARTS, ""), "detail": text.strip()}
    parts["detail"] = rest
    return parts


def join_address(parts: dict[str, str]) -> str:
    """The one-line text again (municipalities name themselves once)."""
    province, city = parts.get("province", ""), parts.get("city", "")
    head = province if city == province else province + city
    return head + "".join(parts.get(p, "") for p in ADDRESS_PARTS[2:])
