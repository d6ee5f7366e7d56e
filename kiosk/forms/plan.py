"""Compile a :class:`FormDefinition` once into an evaluation plan.

Why a plan: a form is validated after every keystroke, so everything that depends only on the
definition is done here, once, when the form is opened: expressions are compiled, every name
they use is checked against the fields visible from where the expression sits, and the order
in which relevance and calculations must run is fixed by a topological sort. Then one pass over
the plan gives exact results (a field's relevance never sees a stale value of a field computed
later), and a catalogue with a typo or a cycle fails when it is loaded, not in front of a
resident.

Scopes: the top level sees every value-bearing field outside repeat groups (fields of plain
groups are stored flat); a repeat group row sees its own fields plus everything the enclosing
scope sees, and ``value`` (the field's own value) is visible everywhere but on pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.errors import ExpressionError, ValidationError
from kiosk.forms.expressions import CompiledExpression, compile_expression
from kiosk.forms.schema import FieldType, FormDefinition, FormField, FormPage
from kiosk.forms.validation import parse_date_limit

RESERVED_NAMES = frozenset({"value"})


@dataclass(slots=True, eq=False)
class FieldPlan:
    field: FormField
    page_id: str
    parent: FieldPlan | None  # enclosing group inside the same scope (plain or repeat)
    choices: frozenset[str]
    relevant: CompiledExpression | None = None
    required_if: CompiledExpression | None = None
    constraint: CompiledExpression | None = None
    calculate: CompiledExpression | None = None
    rows: ScopePlan | None = None  # repeat groups: the plan of one row

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def holds_value(self) -> bool:
        return self.field.type is not FieldType.NOTE and (
            self.field.type is not FieldType.GROUP or self.field.repeat
        )


@dataclass(slots=True, eq=False)
class PagePlan:
    page: FormPage
    relevant: CompiledExpression | None


@dataclass(slots=True, eq=False)
class ScopePlan:
    fields: list[FieldPlan] = field(default_factory=list)  # document order
    order: list[FieldPlan | PagePlan] = field(default_factory=list)  # evaluation order
    value_names: list[str] = field(default_factory=list)


def _compile(source: str | None, where: str, attribute: str) -> CompiledExpression | None:
    if source is None:
        return None
    try:
        return compile_expression(source)
    except ExpressionError as err:
        raise ExpressionError(
            err.key, detail=err.detail, field=where, attribute=attribute, **err.params
        ) from err


def _expressions(item: FieldPlan | PagePlan) -> list[tuple[str, CompiledExpression]]:
    if isinstance(item, PagePlan):
        return [("relevant", item.relevant)] if item.relevant else []
    pairs = [
        ("relevant", item.relevant),
        ("required_if", item.required_if),
        ("constraint", item.constraint),
        ("calculate", item.calculate),
    ]
    return [(a, e) for a, e in pairs if e is not None]


class _Builder:
    def __init__(self, form: FormDefinition, today: dt.date) -> None:
        self.form = form
        self.today = today

    def field_plan(self, f: FormField, page_id: str, parent: FieldPlan | None) -> FieldPlan:
        if f.name in RESERVED_NAMES:
            raise ExpressionError("form.expression.reserved_name", field=f.name)
        parse_date_limit(f, f.min_date, self.today)  # a bad limit fails at load time
        parse_date_limit(f, f.max_date, self.today)
        if f.calculate is not None and f.type in (FieldType.GROUP, FieldType.NOTE):
            raise ValidationError("form.schema.calculate_without_value", field=f.name)
        choices = frozenset(c.value for c in self.form.choice_lists.get(f.choices or "", ()))
        return FieldPlan(
            field=f,
            page_id=page_id,
            parent=parent,
            choices=choices,
            relevant=_compile(f.relevant, f.name, "relevant"),
            required_if=_compile(f.required_if, f.name, "required_if"),
            constraint=_compile(f.constraint, f.name, "constraint"),
            calculate=_compile(f.calculate, f.name, "calculate"),
        )

    def scope(
        self,
        fields: tuple[FormField, ...] | list[tuple[FormPage, FormField]],
        outer_names: frozenset[str],
        pages: list[PagePlan],
    ) -> ScopePlan:
        scope = ScopePlan()

        def walk(items: tuple[FormField, ...], page_id: str, parent: FieldPlan | None) -> None:
            for f in items:
                plan = self.field_plan(f, page_id, parent)
                scope.fields.append(plan)
                if plan.holds_value:
                    scope.value_names.append(f.name)
                if f.type is FieldType.GROUP and not f.repeat:
                    walk(f.fields, page_id, plan)

        if isinstance(fields, tuple):
            walk(fields, "", None)
        else:
            for page, f in fields:
                walk((f,), page.id, None)
        visible = outer_names | frozenset(scope.value_names)
        for plan in scope.fields:
            if plan.field.type is FieldType.GROUP and plan.field.repeat:
                plan.rows = self.scope(plan.field.fields, visible, [])
        self._check_names(scope, pages, visible)
        scope.order = _topological(scope, pages)
        return scope

    def _check_names(
        self, scope: ScopePlan, pages: list[PagePlan], visible: frozenset[str]
    ) -> None:
        items: list[FieldPlan | PagePlan] = [*pages, *scope.fields]
        for item in items:
            allowed = visible if isinstance(item, PagePlan) else visible | RESERVED_NAMES
            where = item.page.id if isinstance(item, PagePlan) else item.name
            for attribute, expr in _expressions(item):
                unknown = sorted(expr.names - allowed)
                if unknown:
                    raise ExpressionError(
                        "form.expression.unknown_name",
                        field=where,
                        attribute=attribute,
                        name=unknown[0],
                    )


def _outer_uses(plan: FieldPlan) -> set[str]:
    """Names a repeat group's rows read for relevance/calculation: the group depends on them."""
    used: set[str] = set()
    if plan.rows is None:
        return used
    local = set(plan.rows.value_names)
    for child in plan.rows.fields:
        for expr in (child.relevant, child.calculate):
            if expr is not None:
                used |= expr.names - local
        used |= _outer_uses(child) - local
    return used


def _topological(scope: ScopePlan, pages: list[PagePlan]) -> list[FieldPlan | PagePlan]:
    """Kahn's algorithm, ties broken by document order so simple forms run top to bottom."""
    items: list[FieldPlan | PagePlan] = [*pages, *scope.fields]
    by_name = {p.name: p for p in scope.fields if p.holds_value}
    page_of = {p.page.id: p for p in pages}
    deps: dict[int, set[int]] = {}
    index = {id(item): i for i, item in enumerate(items)}
    for i, item in enumerate(items):
        need: set[int] = set()
        names: set[str] = set()
        if isinstance(item, PagePlan):
            names |= item.relevant.names if item.relevant else set()
        else:
            for expr in (item.relevant, item.calculate):
                if expr is not None:
                    names |= expr.names
            names |= _outer_uses(item)
            if item.parent is not None:
                need.add(index[id(item.parent)])
            elif item.page_id in page_of:
                need.add(index[id(page_of[item.page_id])])
        for name in names - RESERVED_NAMES:
            target = by_name.get(name)
            if target is not None and target is not item:
                need.add(index[id(target)])
        deps[i] = need
    done: list[FieldPlan | PagePlan] = []
    placed: set[int] = set()
    while len(done) < len(items):
        ready = [i for i in range(len(items)) if i not in placed and deps[i] <= placed]
        if not ready:
            stuck = next(items[i] for i in range(len(items)) if i not in placed)
            where = stuck.page.id if isinstance(stuck, PagePlan) else stuck.name
            raise ExpressionError("form.expression.cycle", field=where)
        placed.add(ready[0])
        done.append(items[ready[0]])
    return done


def build_plan(form: FormDefinition, today: dt.date) -> tuple[ScopePlan, list[PagePlan]]:
    """The top-level scope plan (pages included in its order) and the page plans."""
    pages = [PagePlan(p, _compile(p.relevant, p.id, "relevant")) for p in form.pages]
    top = [(page, f) for page in form.pages for f in page.fields]
    builder = _Builder(form, today)
    return builder.scope(top, frozenset(), pages), pages
