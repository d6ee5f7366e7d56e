"""The small, safe expression language of form definitions (``relevant``, ``required_if``,
``constraint``, ``calculate``). Grammar, functions and limits: ``docs/forms-schema.md``.

Why an own AST whitelist instead of simpleeval: form catalogues arrive over the network, so an
expression is untrusted input. simpleeval 1.0.8 is a fine library but it is a *blacklist around
Python*: attribute access and method calls work (``"abc".upper()`` evaluates; only ``_``/
``func_`` prefixes and a list of methods are refused), Python's own ``ZeroDivisionError`` and
``TypeError`` escape to the caller, and its limits (``MAX_STRING_LENGTH``, ``MAX_POWER``) are
module globals shared by the whole process. Here the parse tree from :func:`ast.parse` is
checked against a short whitelist *before* anything runs, then compiled once into a tree of
closures:

* nothing outside the whitelist can ever execute (no attributes, imports, lambdas,
  comprehensions, f-strings, walrus, starred arguments, keyword arguments);
* the work is bounded by construction: the language has no loops, node count and source length are
  capped, and every intermediate value is size-checked (``"a" * 10**9`` and ``9**9**9`` are
  refused *before* they are computed);
* every failure, at compile or at evaluate time, is an :class:`~kiosk.errors.ExpressionError`
  carrying a message key, so a broken catalogue can never crash a screen;
* evaluation does no parsing or node-type dispatch any more (a full 60-field validation
  measures ~0.25 ms p95 in ``bench/bench_forms.py``, budget 5 ms);
* the identifiers referenced are collected (``CompiledExpression.names``) for dependency
  ordering in the forms engine.

Semantics are Python's with a few form-friendly rules: *empty* (``None``) propagates through
arithmetic, ordering comparisons with an empty operand are false, and a ``date`` compared with
an ISO string compares as dates.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.errors import ExpressionError
from kiosk.forms.expr_functions import FUNCTIONS
from kiosk.forms.expr_ops import (
    BINARY,
    COMPARE,
    MAX_INT_BITS,
    MAX_LIST_LENGTH,
    MAX_NODES,
    MAX_POWER_EXPONENT,
    MAX_SOURCE_LENGTH,
    MAX_STRING_LENGTH,
    checked,
    fail,
    neg,
    pos,
    subscript,
)

Names = Mapping[str, object]


@dataclass(slots=True)
class _Context:
    names: Names
    today: dt.date


Node = Callable[[_Context], object]


# ------------------------------------------------------------------------------ compiler


@dataclass(frozen=True, slots=True)
class CompiledExpression:
    """A checked, compiled expression. Immutable and shared through the compile cache."""

    source: str
    names: frozenset[str]
    _root: Node = field(repr=False, compare=False)

    def evaluate(self, names: Names, *, today: dt.date | None = None) -> object:
        """Evaluate against ``names`` (field values, ``value``); ``today`` pins the clock.

        Only :class:`ExpressionError` ever leaves this method: Python's own exceptions are
        translated here, at the seam, with the cause kept for the log.
        """
        ctx = _Context(names, today if today is not None else dt.date.today())
        try:
            return checked(self._root(ctx))
        except ExpressionError:
            raise
        except RecursionError as err:  # pragma: no cover - bounded by MAX_NODES
            raise fail("too_complex", "recursion") from err
        except Exception as err:  # every other failure is the catalogue's or the input's
            raise fail("failed", type(err).__name__) from err


class _Compiler:
    """Whitelist check and compilation in one walk: a node type without a handler is refused."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self._handlers: dict[type[ast.AST], Callable[[Any], Node]] = {
            ast.Expression: self._expression,
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.List: self._sequence,
            ast.Tuple: self._sequence,
            ast.BinOp: self._binop,
            ast.UnaryOp: self._unaryop,
            ast.BoolOp: self._boolop,
            ast.Compare: self._compare,
            ast.IfExp: self._ifexp,
            ast.Subscript: self._subscript,
            ast.Call: self._call,
        }

    def compile(self, node: ast.AST) -> Node:
        handler = self._handlers.get(type(node))
        if handler is None:
            raise fail("unsupported", type(node).__name__, construct=type(node).__name__)
        return handler(node)

    def _expression(self, node: ast.Expression) -> Node:
        return self.compile(node.body)

    def _constant(self, node: ast.Constant) -> Node:
        value = node.value
        if value is not None and not isinstance(value, bool | int | float | str):
            raise fail("unsupported", "literal", construct=type(value).__name__)
        if isinstance(value, float) and not math.isfinite(value):
            raise fail("unsupported", "non-finite literal", construct="float")
        checked(value)
        return lambda ctx: value

    def _name(self, node: ast.Name) -> Node:
        name = node.id
        if name.startswith("_"):
            raise fail("unsupported", "private name", construct="name")
        self.names.add(name)

        def lookup(ctx: _Context) -> object:
            try:
                return ctx.names[name]
            except KeyError:
                raise fail("unknown_name", name) from None

        return lookup

    def _sequence(self, node: ast.List | ast.Tuple) -> Node:
        items = [self.compile(e) for e in node.elts]
        return lambda ctx: [item(ctx) for item in items]

    def _binop(self, node: ast.BinOp) -> Node:
        op = BINARY.get(type(node.op))
        if op is None:
            raise fail("unsupported", "operator", construct=type(node.op).__name__)
        left, right = self.compile(node.left), self.compile(node.right)
        return lambda ctx: checked(op(left(ctx), right(ctx)))

    def _unaryop(self, node: ast.UnaryOp) -> Node:
        operand = self.compile(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda ctx: not operand(ctx)
        if isinstance(node.op, ast.USub):
            return lambda ctx: neg(operand(ctx))
        if isinstance(node.op, ast.UAdd):
            return lambda ctx: pos(operand(ctx))
        raise fail("unsupported", "operator", construct=type(node.op).__name__)

    def _boolop(self, node: ast.BoolOp) -> Node:
        parts = [self.compile(v) for v in node.values]
        if isinstance(node.op, ast.And):

            def all_of(ctx: _Context) -> object:
                result: object = True
                for part in parts:
                    result = part(ctx)
                    if not result:
                        return result
                return result

            return all_of

        def any_of(ctx: _Context) -> object:
            result: object = False
            for part in parts:
                result = part(ctx)
                if result:
                    return result
            return result

        return any_of

    def _compare(self, node: ast.Compare) -> Node:
        left = self.compile(node.left)
        ops: list[Callable[[object, object], bool]] = []
        for op in node.ops:
            fn = COMPARE.get(type(op))
            if fn is None:  # ``is`` / ``is not``: identity has no meaning for form data
                raise fail("unsupported", "operator", construct=type(op).__name__)
            ops.append(fn)
        rights = [self.compile(c) for c in node.comparators]

        def compare(ctx: _Context) -> bool:
            a = left(ctx)
            for fn, right in zip(ops, rights, strict=True):
                b = right(ctx)
                if not fn(a, b):
                    return False
                a = b
            return True

        return compare

    def _ifexp(self, node: ast.IfExp) -> Node:
        test, body, orelse = (
            self.compile(node.test),
            self.compile(node.body),
            self.compile(node.orelse),
        )
        return lambda ctx: body(ctx) if test(ctx) else orelse(ctx)

    def _subscript(self, node: ast.Subscript) -> Node:
        if isinstance(node.slice, ast.Slice):
            raise fail("unsupported", "slice", construct="Slice")
        container, index = self.compile(node.value), self.compile(node.slice)
        return lambda ctx: subscript(container(ctx), index(ctx))

    def _call(self, node: ast.Call) -> Node:
        if not isinstance(node.func, ast.Name):
            raise fail("unsupported", "call of a non-name", construct="Call")
        spec = FUNCTIONS.get(node.func.id)
        if spec is None:
            raise fail("unknown_function", node.func.id, function=node.func.id[:48])
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise fail("unsupported", "keyword or starred argument", construct="Call")
        n = len(node.args)
        if n < spec.min_args or (spec.max_args is not None and n > spec.max_args):
            raise fail("arity", node.func.id, function=node.func.id)
        args: list[Node] = []
        for position, arg in enumerate(node.args):
            if position in spec.field_name_args:
                args.append(self._field_name_arg(arg))
            else:
                args.append(self.compile(arg))
        impl = spec.impl
        return lambda ctx: checked(impl(ctx.today, *[a(ctx) for a in args]))

    def _field_name_arg(self, node: ast.expr) -> Node:
        """``sum_of(rows, age)``: the field inside a row, named bare or as a text literal."""
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
        else:
            raise fail("unsupported", "field name argument", construct="argument")
        return lambda ctx: name


def _parse(source: str) -> ast.Expression:
    if not isinstance(source, str):
        raise fail("syntax", "not a string")
    if len(source) > MAX_SOURCE_LENGTH:
        raise fail("too_long", max=MAX_SOURCE_LENGTH)
    if not source.strip():
        raise fail("syntax", "empty")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as err:
        raise fail("syntax", f"column {err.offset}") from None
    except (ValueError, RecursionError, MemoryError) as err:  # NUL bytes, parser limits
        raise fail("syntax", type(err).__name__) from None
    for count, _ in enumerate(ast.walk(tree), start=1):
        if count > MAX_NODES:
            raise fail("too_complex", max=MAX_NODES)
    return tree


@functools.lru_cache(maxsize=2048)
def compile_expression(source: str) -> CompiledExpression:
    """Parse, check against the whitelist and compile ``source``; cached per source text.

    Raises :class:`ExpressionError` (key ``expression.*``) for syntax errors, constructs
    outside the language, unknown functions, wrong argument counts and oversize expressions.
    """
    tree = _parse(source)
    compiler = _Compiler()
    try:
        root = compiler.compile(tree)
    except RecursionError as err:  # pragma: no cover - bounded by MAX_NODES
        raise fail("too_complex", "recursion") from err
    return CompiledExpression(source, frozenset(compiler.names), root)


__all__ = [
    "MAX_INT_BITS",
    "MAX_LIST_LENGTH",
    "MAX_NODES",
    "MAX_POWER_EXPONENT",
    "MAX_SOURCE_LENGTH",
    "MAX_STRING_LENGTH",
    "CompiledExpression",
    "compile_expression",
]
