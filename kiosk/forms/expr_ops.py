"""Operators and value rules of the form expression language (see :mod:`.expressions`).

Kept apart from the compiler so the built-in functions can share the same size checks and
empty/date rules. Every helper raises :class:`~kiosk.errors.ExpressionError`, never Python's own
exceptions for the cases it knows about; the evaluator translates anything else.
"""

from __future__ import annotations

import ast
import datetime as dt
import operator
from collections.abc import Callable
from typing import Any, cast

from kiosk.errors import ExpressionError

MAX_SOURCE_LENGTH = 1000
MAX_NODES = 200
MAX_STRING_LENGTH = 10_000
MAX_LIST_LENGTH = 1_000
MAX_INT_BITS = 256  # ~77 decimal digits: far beyond any amount or count on a form
MAX_POWER_EXPONENT = 100


def fail(key: str, detail: str = "", **params: str | int) -> ExpressionError:
    return ExpressionError(f"expression.{key}", detail=detail, **params)


# --------------------------------------------------------------------------------- values


def checked(value: object) -> object:
    """Refuse values whose size would make the next operation expensive."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:
            raise fail("too_large", "integer too large")
    elif isinstance(value, str):
        if len(value) > MAX_STRING_LENGTH:
            raise fail("too_large", "string too long")
    elif isinstance(value, list | tuple) and len(value) > MAX_LIST_LENGTH:
        raise fail("too_large", "list too long")
    return value


def is_empty(value: object) -> bool:
    """Blank for ``required`` and for ``empty()``: nothing, whitespace, an empty list, an
    address with every part blank."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return len(value) == 0
    if isinstance(value, dict):
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in value.values())
    return False


def is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def as_date(v: object) -> dt.date:
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError as err:
            raise fail("bad_date", "not an ISO date") from err
    raise fail("type", f"not a date: {type(v).__name__}")


def coerce_pair(a: object, b: object) -> tuple[object, object]:
    """A date meets an ISO string: compare/subtract as dates."""
    if isinstance(a, dt.date) and isinstance(b, str):
        return a, as_date(b)
    if isinstance(b, dt.date) and isinstance(a, str):
        return as_date(a), b
    return a, b


def _add(a: object, b: object) -> object:
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return operator.add(a, b)
    if isinstance(a, str) and isinstance(b, str):
        if len(a) + len(b) > MAX_STRING_LENGTH:
            raise fail("too_large", "string too long")
        return a + b
    if isinstance(a, list) and isinstance(b, list):
        if len(a) + len(b) > MAX_LIST_LENGTH:
            raise fail("too_large", "list too long")
        return a + b
    if isinstance(a, dt.date) and isinstance(b, int) and not isinstance(b, bool):
        return a + dt.timedelta(days=b)
    raise fail("type", f"cannot add {type(a).__name__} and {type(b).__name__}")


def _sub(a: object, b: object) -> object:
    if a is None or b is None:
        return None
    a, b = coerce_pair(a, b)
    if is_number(a) and is_number(b):
        return operator.sub(a, b)
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return (a - b).days
    if isinstance(a, dt.date) and isinstance(b, int) and not isinstance(b, bool):
        return a - dt.timedelta(days=b)
    raise fail("type", f"cannot subtract {type(b).__name__} from {type(a).__name__}")


def _mul(a: object, b: object) -> object:
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return operator.mul(a, b)
    if isinstance(b, str | list) and isinstance(a, int) and not isinstance(a, bool):
        a, b = b, a
    if isinstance(a, str | list) and isinstance(b, int) and not isinstance(b, bool):
        limit = MAX_STRING_LENGTH if isinstance(a, str) else MAX_LIST_LENGTH
        if b > 0 and len(a) * b > limit:  # checked before the repetition is built
            raise fail("too_large", "repetition too long")
        return a * b
    raise fail("type", f"cannot multiply {type(a).__name__} and {type(b).__name__}")


def _numeric(op: Callable[[object, object], object], name: str) -> Callable[..., object]:
    def apply(a: object, b: object) -> object:
        if a is None or b is None:
            return None
        if not (is_number(a) and is_number(b)):
            raise fail("type", f"{name} needs numbers")
        try:
            return op(a, b)
        except ZeroDivisionError:
            raise fail("division_by_zero", name) from None

    return apply


def _pow(a: object, b: object) -> object:
    if not (is_number(a) and is_number(b)):
        raise fail("type", "** needs numbers")
    assert isinstance(a, int | float) and isinstance(b, int | float)
    if abs(b) > MAX_POWER_EXPONENT:
        raise fail("too_large", "exponent too large")
    if isinstance(a, int) and isinstance(b, int) and b > 0 and a.bit_length() * b > MAX_INT_BITS:
        raise fail("too_large", "power too large")
    try:
        return a**b
    except OverflowError:
        raise fail("too_large", "float power overflow") from None
    except ZeroDivisionError:
        raise fail("division_by_zero", "**") from None


BINARY: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: _add,
    ast.Sub: _sub,
    ast.Mult: _mul,
    ast.Div: _numeric(operator.truediv, "/"),
    ast.FloorDiv: _numeric(operator.floordiv, "//"),
    ast.Mod: _numeric(operator.mod, "%"),  # numbers only: "%s" % x would format strings
    ast.Pow: lambda a, b: None if a is None or b is None else _pow(a, b),
}


def _order(op: Callable[[Any, Any], bool]) -> Callable[[object, object], bool]:
    def compare(a: object, b: object) -> bool:
        if a is None or b is None:
            return False
        a, b = coerce_pair(a, b)
        if is_number(a) and is_number(b):
            return op(a, b)
        if type(a) is not type(b) or not isinstance(a, str | dt.date):
            raise fail("type", f"cannot order {type(a).__name__} and {type(b).__name__}")
        return op(a, b)

    return compare


def _eq(a: object, b: object) -> bool:
    a, b = coerce_pair(a, b) if _both_date_like(a, b) else (a, b)
    return bool(a == b)


def _both_date_like(a: object, b: object) -> bool:
    # "abc" == today() is simply false rather than an error.
    try:
        coerce_pair(a, b)
    except ExpressionError:
        return False
    return True


def _contains(item: object, container: object) -> bool:
    if container is None:
        return False
    if isinstance(container, str):
        return isinstance(item, str) and item in container
    if isinstance(container, list | tuple | dict):
        return item in container
    raise fail("type", f"'in' needs a text or a list, not {type(container).__name__}")


COMPARE: dict[type[ast.cmpop], Callable[[object, object], bool]] = {
    ast.Eq: _eq,
    ast.NotEq: lambda a, b: not _eq(a, b),
    ast.Lt: _order(operator.lt),
    ast.LtE: _order(operator.le),
    ast.Gt: _order(operator.gt),
    ast.GtE: _order(operator.ge),
    ast.In: _contains,
    ast.NotIn: lambda a, b: not _contains(a, b),
}


def neg(v: object) -> object:
    if v is None:
        return None
    if not is_number(v):
        raise fail("type", "unary minus needs a number")
    return operator.neg(cast("int | float", v))


def pos(v: object) -> object:
    if v is not None and not is_number(v):
        raise fail("type", "unary plus needs a number")
    return v


def subscript(container: object, index: object) -> object:
    """JSON data only: a list/text by integer, a mapping (address, repeat row) by text key."""
    if container is None:
        return None
    if isinstance(container, dict):
        if not isinstance(index, str):
            raise fail("type", "mapping keys are text")
        return container.get(index)
    if isinstance(container, list | tuple | str):
        if not isinstance(index, int) or isinstance(index, bool):
            raise fail("type", "indexes are integers")
        return container[index] if -len(container) <= index < len(container) else None
    raise fail("type", f"cannot index {type(container).__name__}")
