"""The whitelisted functions of the form expression language.

Each function gets ``today`` first (the evaluator's injected clock, so ``age`` and ``today`` are
testable) and then the evaluated arguments. Empty (``None``) arguments give an empty or neutral
result rather than an error, because a half-filled form is the normal case while a resident
types. Argument counts are checked at compile time from :data:`FUNCTIONS`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.forms.expr_ops import (
    MAX_LIST_LENGTH,
    as_date,
    checked,
    coerce_pair,
    fail,
    is_empty,
    is_number,
)


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    impl: Callable[..., object]
    min_args: int
    max_args: int | None
    field_name_args: frozenset[int] = frozenset()  # positions naming a field inside a row


def _today(today: dt.date) -> dt.date:
    return today


def _age(today: dt.date, birth: object) -> object:
    if birth is None or birth == "":
        return None
    born = as_date(birth)
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years


def _len(_: dt.date, x: object) -> int:
    if x is None:
        return 0
    if isinstance(x, str | list | tuple | dict):
        return len(x)
    raise fail("type", f"len of {type(x).__name__}")


def _count(_: dt.date, rows: object) -> int:
    if rows is None:
        return 0
    if isinstance(rows, list | tuple):
        return len(rows)
    raise fail("type", "count needs a repeat group")


def _sum_of(_: dt.date, rows: object, name: str) -> int | float:
    if rows is None:
        return 0
    if not isinstance(rows, list | tuple):
        raise fail("type", "sum_of needs a repeat group")
    total: int | float = 0
    for row in rows:
        v = row.get(name) if isinstance(row, dict) else None
        if v is None or v == "":
            continue
        if isinstance(v, str):
            v = number_from_text(v)
        if not is_number(v):
            raise fail("type", "sum_of needs numbers")
        assert isinstance(v, int | float)
        total += v
        checked(total)
    return total


def _selected(_: dt.date, chosen: object, choice: object) -> bool:
    if chosen is None:
        return False
    if isinstance(chosen, str):  # a select_one answer works too
        return chosen == choice
    if isinstance(chosen, list | tuple):
        return choice in chosen
    raise fail("type", "selected needs a choice field")


def _date(_: dt.date, s: object) -> dt.date | None:
    if s is None or s == "":
        return None
    return as_date(s)


def _to_float(s: str) -> float:
    try:
        f = float(s.strip())
    except ValueError as err:
        raise fail("bad_number", "not a number") from err
    if not math.isfinite(f):
        raise fail("bad_number", "not finite")
    return f


def number_from_text(text: str) -> int | float:
    """``"12"`` → 12, ``"2.5"`` → 2.5; what a keypad delivers for a number field."""
    text = text.strip()
    if len(text) > 80:  # bounded conversion work; no form number is that long
        raise fail("too_large", "number text too long")
    try:
        return int(text)
    except ValueError:
        return _to_float(text)


def _int(_: dt.date, x: object) -> int | None:
    if x is None or x == "":
        return None
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, int):
        return x
    if isinstance(x, float):
        if not math.isfinite(x):
            raise fail("bad_number", "not finite")
        return int(x)
    if isinstance(x, str):
        return int(number_from_text(x))
    raise fail("type", f"int of {type(x).__name__}")


def _float(_: dt.date, x: object) -> float | None:
    if x is None or x == "":
        return None
    if isinstance(x, bool | int | float):
        return float(x)
    if isinstance(x, str):
        return float(number_from_text(x))
    raise fail("type", f"float of {type(x).__name__}")


def _str(_: dt.date, x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int | float | str):
        return str(x)
    raise fail("type", f"str of {type(x).__name__}")


def _extreme(pick: Callable[[object, object], bool]) -> Callable[..., object]:
    def apply(_: dt.date, *args: object) -> object:
        items: list[object] | tuple[object, ...] = args
        if len(args) == 1 and isinstance(args[0], list | tuple):
            items = args[0]
        best: object = None
        for item in items:
            if item is None:
                continue
            if best is None:
                best = item
                continue
            a, b = coerce_pair(item, best)
            comparable = (is_number(a) and is_number(b)) or (
                type(a) is type(b) and isinstance(a, str | dt.date)
            )
            if not comparable:
                raise fail("type", "min/max of mixed types")
            if pick(a, b):
                best = item
        return best

    return apply


def _empty(_: dt.date, x: object) -> bool:
    return is_empty(x)  # the same rule as ``required``, so the two can never disagree


def _round(_: dt.date, x: object, digits: object = 0) -> object:
    if x is None:
        return None
    if not is_number(x) or not isinstance(digits, int) or isinstance(digits, bool):
        raise fail("type", "round needs a number and integer digits")
    if not -10 <= digits <= 10:
        raise fail("too_large", "round digits")
    assert isinstance(x, int | float)
    return round(x, digits)


def _abs(_: dt.date, x: object) -> object:
    if x is None:
        return None
    if not is_number(x):
        raise fail("type", "abs needs a number")
    assert isinstance(x, int | float)
    return abs(x)


FUNCTIONS: dict[str, FunctionSpec] = {
    "today": FunctionSpec(_today, 0, 0),
    "age": FunctionSpec(_age, 1, 1),
    "len": FunctionSpec(_len, 1, 1),
    "count": FunctionSpec(_count, 1, 1),
    "sum_of": FunctionSpec(_sum_of, 2, 2, frozenset({1})),
    "selected": FunctionSpec(_selected, 2, 2),
    "date": FunctionSpec(_date, 1, 1),
    "int": FunctionSpec(_int, 1, 1),
    "float": FunctionSpec(_float, 1, 1),
    "str": FunctionSpec(_str, 1, 1),
    "min": FunctionSpec(_extreme(lambda a, b: a < b), 1, MAX_LIST_LENGTH),  # type: ignore[operator]
    "max": FunctionSpec(_extreme(lambda a, b: a > b), 1, MAX_LIST_LENGTH),  # type: ignore[operator]
    "empty": FunctionSpec(_empty, 1, 1),
    "round": FunctionSpec(_round, 1, 2),
    "abs": FunctionSpec(_abs, 1, 1),
}
