"""Example-based tests of the form expression language: semantics, functions, limits."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import ExpressionError
from kiosk.forms.expressions import (
    MAX_NODES,
    MAX_SOURCE_LENGTH,
    CompiledExpression,
    compile_expression,
)

TODAY = dt.date(2026, 6, 15)


def ev(source: str, **names: object) -> object:
    return compile_expression(source).evaluate(names, today=TODAY)


@pytest.mark.parametrize(
    ("source", "names", "expected"),
    [
        ("1 + 2 * 3", {}, 7),
        ("(1 + 2) * 3", {}, 9),
        ("7 / 2", {}, 3.5),
        ("7 // 2", {}, 3),
        ("7 % 4", {}, 3),
        ("2 ** 10", {}, 1024),
        ("-x + +3", {"x": 1}, 2),
        ("'ab' + 'cd'", {}, "abcd"),
        ("'ab' * 2", {}, "abab"),
        ("1 < x <= 3", {"x": 3}, True),
        ("1 < x <= 3", {"x": 4}, False),
        ("a == 'x' and b", {"a": "x", "b": False}, False),
        ("a == 'x' or b", {"a": "x", "b": False}, True),
        ("not a", {"a": ""}, True),
        ("x in ['a', 'b']", {"x": "b"}, True),
        ("x not in ('a', 'b')", {"x": "c"}, True),
        ("'lo' in x", {"x": "hello"}, True),
        ("'yes' if n > 1 else 'no'", {"n": 2}, "yes"),
        ("addr['city']", {"addr": {"city": "济南"}}, "济南"),
        ("addr['street']", {"addr": {"city": "济南"}}, None),
        ("xs[0]", {"xs": ["a"]}, "a"),
        ("xs[5]", {"xs": ["a"]}, None),
        ("True != False", {}, True),
        ("None == x", {"x": None}, True),
    ],
)
def test_operators(source: str, names: dict[str, object], expected: object) -> None:
    assert ev(source, **names) == expected


def test_empty_propagates_through_arithmetic_and_ordering() -> None:
    assert ev("x + 1", x=None) is None
    assert ev("x * 2 > 3", x=None) is False
    assert ev("x < 3", x=None) is False
    assert ev("x >= 3", x=None) is False


def test_dates_compare_with_iso_text_and_subtract_to_days() -> None:
    assert ev("d <= today()", d="2026-06-15") is True
    assert ev("d < today()", d="2026-06-16") is False
    assert ev("today() - date('2026-06-01')") == 14
    assert ev("str(today() + 1)") == "2026-06-16"
    assert ev("today() == '2026-06-15'") is True
    assert ev("'not a date' == today()") is False


@pytest.mark.parametrize(
    ("birth", "years"),
    [("2008-06-15", 18), ("2008-06-16", 17), ("1949-12-31", 76), ("", None), (None, None)],
)
def test_age_counts_full_years_with_the_injected_clock(birth: object, years: object) -> None:
    assert ev("age(b)", b=birth) == years


def test_age_uses_the_clock_passed_to_evaluate() -> None:
    expr = compile_expression("age(b) >= 18")
    assert expr.evaluate({"b": "2008-06-15"}, today=dt.date(2026, 6, 15)) is True
    assert expr.evaluate({"b": "2008-06-15"}, today=dt.date(2026, 6, 14)) is False


def test_group_functions() -> None:
    rows = [{"age": 3}, {"age": "4.5"}, {"age": None}, {}]
    assert ev("count(kids)", kids=rows) == 4
    assert ev("count(kids)", kids=None) == 0
    assert ev("sum_of(kids, age)", kids=rows) == 7.5
    assert ev("sum_of(kids, 'age')", kids=rows) == 7.5
    assert ev("sum_of(kids, age)", kids=None) == 0


def test_selection_and_conversion_functions() -> None:
    assert ev("selected(h, 'read')", h=["read", "run"]) is True
    assert ev("selected(h, 'swim')", h=["read"]) is False
    assert ev("selected(h, 'read')", h=None) is False
    assert ev("selected(h, 'a')", h="a") is True
    assert ev("int('42') + int(2.9)") == 44
    assert ev("float('2.5')") == 2.5
    assert ev("str(3) + str(None) + str(True)") == "3true"
    assert ev("len(s) + len(xs) + len(n)", s="abc", xs=[1], n=None) == 4
    assert ev("min(3, x, 2)", x=None) == 2
    assert ev("max([1, 5, 2])") == 5
    assert ev("max(d, '2020-01-01')", d="2021-01-01") == "2021-01-01"
    assert ev("round(2.345, 2)") == 2.35
    assert ev("abs(-3)") == 3


@pytest.mark.parametrize(
    ("x", "expected"),
    [(None, True), ("  ", True), ([], True), ({"detail": ""}, True), (0, False), ("a", False)],
)
def test_empty(x: object, expected: bool) -> None:
    assert ev("empty(x)", x=x) is expected


def test_names_are_collected_for_dependency_tracking() -> None:
    expr = compile_expression("age(birth) >= 18 and sum_of(kids, age) > value and selected(h, 'a')")
    assert expr.names == frozenset({"birth", "kids", "value", "h"})


def test_compile_is_cached() -> None:
    assert compile_expression("a + 1") is compile_expression("a + 1")
    assert isinstance(compile_expression("a + 1"), CompiledExpression)


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("", "expression.syntax"),
        ("1 +", "expression.syntax"),
        ("a\x00", "expression.syntax"),
        ("().__class__", "expression.unsupported"),
        ("x.y", "expression.unsupported"),
        ("__import__('os')", "expression.unknown_function"),
        ("eval('1')", "expression.unknown_function"),
        ("open('/etc/passwd')", "expression.unknown_function"),
        ("(lambda: 1)()", "expression.unsupported"),
        ("lambda: 1", "expression.unsupported"),
        ("[x for x in y]", "expression.unsupported"),
        ("{1: 2}", "expression.unsupported"),
        ("{1}", "expression.unsupported"),
        ("f'{x}'", "expression.unsupported"),
        ("(x := 1)", "expression.unsupported"),
        ("a is None", "expression.unsupported"),
        ("~1", "expression.unsupported"),
        ("1 << 2", "expression.unsupported"),
        ("xs[1:2]", "expression.unsupported"),
        ("len(*xs)", "expression.unsupported"),
        ("round(x, ndigits=2)", "expression.unsupported"),
        ("_secret", "expression.unsupported"),
        ("1j", "expression.unsupported"),
        ("b'x'", "expression.unsupported"),
        ("...", "expression.unsupported"),
        ("len()", "expression.arity"),
        ("today(1)", "expression.arity"),
        ("sum_of(kids, 1)", "expression.unsupported"),
        ("x" * (MAX_SOURCE_LENGTH + 1), "expression.too_long"),
        ("+".join(["1"] * (MAX_NODES)), "expression.too_complex"),
        ("-" * 300 + "1", "expression.too_complex"),
        ("(" * 250 + "1" + ")" * 250, "expression.syntax"),
    ],
)
def test_hostile_or_broken_sources_fail_at_compile_time(source: str, key: str) -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression(source)
    assert info.value.key == key


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("'a' * 10 ** 9", "expression.too_large"),
        ("[1] * 10 ** 6", "expression.too_large"),
        ("9 ** 9 ** 9", "expression.too_large"),
        ("2 ** 1000", "expression.too_large"),
        ("10 ** 50 * 10 ** 50", "expression.too_large"),
        ("s + s", "expression.too_large"),
        ("1 / 0", "expression.division_by_zero"),
        ("1 % 0", "expression.division_by_zero"),
        ("'%s' % 1", "expression.type"),
        ("'a' + 1", "expression.type"),
        ("'a' < 1", "expression.type"),
        ("1 in 2", "expression.type"),
        ("len(1)", "expression.type"),
        ("date('31/12/2020')", "expression.bad_date"),
        ("int('abc')", "expression.bad_number"),
        ("float('nan')", "expression.bad_number"),
        ("int(1e308 * 10)", "expression.bad_number"),
        ("int('9' * 100)", "expression.too_large"),
        ("1e300 ** 2", "expression.too_large"),
        ("0 ** -1", "expression.division_by_zero"),
        ("missing + 1", "expression.unknown_name"),
        ("xs['a']", "expression.type"),
        ("n[0]", "expression.type"),
        ("min(1, 'a')", "expression.type"),
    ],
)
def test_runaway_or_ill_typed_work_fails_at_evaluate_time(source: str, key: str) -> None:
    expr = compile_expression(source)
    with pytest.raises(ExpressionError) as info:
        expr.evaluate({"s": "x" * 6000, "xs": [1], "n": 5}, today=TODAY)
    assert info.value.key == key


def test_errors_carry_only_safe_params() -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression("__import__('os')")
    assert all(isinstance(v, str | int | float | bool) for v in info.value.params.values())
