"""Masking for anything shown or printed in public (screen seen over a shoulder, receipts).

The rules follow the usual public-display practice: ID numbers keep the first 6 and last 4
characters (region and check digits are not identifying on their own), names keep the family
name (and the last character from three characters up), phones keep the prefix and last 4.
Every function is total: empty, short or odd input is masked *more*, never leaked.
"""

from __future__ import annotations

_MASK = "*"
_NAME_SEPARATORS = frozenset(" ·•.-'\u00b7\u30fb")


def mask_id_number(number: str) -> str:
    """110105********002X. Anything shorter than 11 characters is masked completely."""
    n = number.strip()
    if len(n) < 11:
        return _MASK * len(n)
    return n[:6] + _MASK * (len(n) - 10) + n[-4:]


def _is_latin(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in text)


def _mask_latin(name: str) -> str:
    """Keep the first letter of each word: "John Smith" → "J*** S****"."""
    out: list[str] = []
    at_word_start = True
    for c in name:
        if c in _NAME_SEPARATORS:
            out.append(c)
            at_word_start = True
        elif at_word_start:
            out.append(c)
            at_word_start = False
        else:
            out.append(_MASK)
    return "".join(out)


def _mask_chinese(name: str) -> str:
    """张* / 李*敏 / 欧**娜; separators (阿依古丽·买买提) stay visible, they identify nothing."""
    letters = [i for i, c in enumerate(name) if c not in _NAME_SEPARATORS]
    if len(letters) <= 1:
        return "".join(c if c in _NAME_SEPARATORS else _MASK for c in name)
    keep = {letters[0]} if len(letters) == 2 else {letters[0], letters[-1]}
    return "".join(c if i in keep or c in _NAME_SEPARATORS else _MASK for i, c in enumerate(name))


def mask_name(name: str) -> str:
    """Mask a resident's name for public display. A one-character name is masked completely."""
    n = name.strip()
    if not n:
        return ""
    return _mask_latin(n) if _is_latin(n) else _mask_chinese(n)


def mask_phone(phone: str) -> str:
    """138****3210 for mobiles; other numbers keep 3 leading and 4 trailing digits.

    Separators (0531-8888 6666) stay where they are; numbers with fewer than 8 digits are masked
    completely because keeping 7 of them would reveal almost everything.
    """
    p = phone.strip()
    digit_positions = [i for i, c in enumerate(p) if c.isdigit()]
    if len(digit_positions) < 8:
        return "".join(_MASK if c.isdigit() else c for c in p)
    hidden = set(digit_positions[3:-4])
    return "".join(_MASK if i in hidden else c for i, c in enumerate(p))
