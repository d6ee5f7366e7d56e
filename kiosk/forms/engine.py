"""The forms engine: relevance (skip logic), calculations, validation and the final data.

One :meth:`FormEngine.evaluate` call runs the compiled plan (:mod:`kiosk.forms.plan`) once over
the current values and returns a :class:`FormState` that the form screen renders from: which
pages and fields are shown, the calculated values, the issues per page and for the whole form,
and the data that will be submitted.

Rules that matter to residents and staff:

* a hidden (irrelevant) field is not validated, counts as empty in every expression, and its
  value never reaches the submitted data, even if the resident typed it before hiding it;
* a broken expression must not lock a resident out (the window has no veto): a ``relevant``
  that fails shows the field, a ``required_if`` that fails does not require it, a
  ``calculate`` that fails gives an empty value. A ``constraint`` that fails is reported like a
  broken constraint, because nobody can say the value is acceptable. Every such failure is
  recorded in :attr:`FormState.expression_errors` (keys only, no values) for the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kiosk.errors import ExpressionError
from kiosk.forms.expr_ops import is_empty
from kiosk.forms.expressions import CompiledExpression
from kiosk.forms.plan import FieldPlan, PagePlan, ScopePlan, build_plan
from kiosk.forms.schema import FormDefinition
from kiosk.forms.validation import Issue, IssueParam, check_value, normalize

Clock = Callable[[], dt.date]


@dataclass(frozen=True, slots=True)
class ExpressionFailure:
    """An expression that failed at run time: where, which attribute, the error key."""

    path: str
    attribute: str
    key: str


def _to_data(value: object) -> object:
    """Calculated values join JSON-like form data: dates become ISO text, tuples lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass(slots=True)
class _Run:
    """Mutable bookkeeping of one evaluation; frozen into a :class:`FormState` at the end."""

    today: dt.date
    relevant: dict[str, bool] = field(default_factory=dict)
    page_relevant: dict[str, bool] = field(default_factory=dict)
    calculated: dict[str, object] = field(default_factory=dict)
    failures: list[ExpressionFailure] = field(default_factory=list)
    issues: list[tuple[str, Issue]] = field(default_factory=list)  # (page id, issue)

    def evaluate(
        self, expr: CompiledExpression, ns: Mapping[str, object], path: str, attribute: str
    ) -> tuple[bool, object]:
        try:
            return True, expr.evaluate(ns, today=self.today)
        except ExpressionError as err:
            self.failures.append(ExpressionFailure(path, attribute, err.key))
            return False, None


class FormEngine:
    """Evaluates one form definition; build it once per opened form, then call often."""

    def __init__(self, form: FormDefinition, *, clock: Clock = dt.date.today) -> None:
        self.form = form
        self._clock = clock
        self._top, self._pages = build_plan(form, clock())

    def evaluate(self, values: Mapping[str, object]) -> FormState:
        """Relevance, calculations and issues for ``values`` (JSON-like, keyed by name)."""
        run = _Run(today=self._clock())
        ns = self._run_scope(self._top, values, {}, "", run, page_ids=True)
        self._validate_scope(self._top, ns, "", run)
        return FormState(self.form, self._top, ns, run)

    def validate(self, values: Mapping[str, object]) -> list[Issue]:
        return list(self.evaluate(values).issues)

    def validate_page(self, values: Mapping[str, object], page_id: str) -> list[Issue]:
        return self.evaluate(values).page_issues(page_id)

    def final_data(self, values: Mapping[str, object]) -> dict[str, object]:
        return self.evaluate(values).final_data()

    # ------------------------------------------------------------------ relevance, calculation

    def _run_scope(
        self,
        scope: ScopePlan,
        raw: Mapping[str, object],
        outer: Mapping[str, object],
        prefix: str,
        run: _Run,
        *,
        page_ids: bool = False,
    ) -> dict[str, object]:
        """Fill the namespace of one scope in dependency order; returns it (outer names too)."""
        ns: dict[str, object] = dict(outer)
        for plan in scope.fields:
            if plan.holds_value:
                ns[plan.name] = normalize(plan.field, raw.get(plan.name))
        for item in scope.order:
            if isinstance(item, PagePlan):
                shown = True
                if item.relevant is not None:
                    ok, result = run.evaluate(item.relevant, ns, item.page.id, "relevant")
                    shown = bool(result) if ok else True
                run.page_relevant[item.page.id] = shown
                continue
            path = prefix + item.name
            if item.parent is not None:
                shown = run.relevant[prefix + item.parent.name]
            elif page_ids:
                shown = run.page_relevant[item.page_id]
            else:
                shown = True
            if shown and item.relevant is not None:
                ok, result = run.evaluate(
                    item.relevant, self._with_value(ns, item), path, "relevant"
                )
                shown = bool(result) if ok else True
            run.relevant[path] = shown
            if not item.holds_value:
                continue
            if not shown:
                ns[item.name] = None
            elif item.calculate is not None:
                ok, result = run.evaluate(
                    item.calculate, self._with_value(ns, item), path, "calculate"
                )
                ns[item.name] = _to_data(result) if ok else None
                run.calculated[path] = ns[item.name]
            elif item.rows is not None:
                ns[item.name] = self._run_rows(item, ns, path, run)
        return ns

    def _run_rows(self, item: FieldPlan, ns: dict[str, object], path: str, run: _Run) -> object:
        raw_rows = ns[item.name]
        if not isinstance(raw_rows, list) or not all(isinstance(r, dict) for r in raw_rows):
            return raw_rows  # wrong shape: reported by validation, seen as-is by expressions
        assert item.rows is not None
        rows: list[dict[str, object]] = []
        for i, raw in enumerate(raw_rows):
            row_ns = self._run_scope(item.rows, raw, ns, f"{path}[{i}].", run)
            rows.append({name: row_ns[name] for name in item.rows.value_names})
        return rows

    @staticmethod
    def _with_value(ns: dict[str, object], item: FieldPlan) -> dict[str, object]:
        ns["value"] = ns.get(item.name)  # "value" is a reserved field name, so never clobbered
        return ns

    # ------------------------------------------------------------------------------ validation

    def _validate_scope(
        self, scope: ScopePlan, ns: dict[str, object], prefix: str, run: _Run, page: str = ""
    ) -> None:
        for item in scope.fields:
            path = prefix + item.name
            if not run.relevant.get(path, False) or not item.holds_value:
                continue
            if item.calculate is not None:
                continue  # computed, not typed: nothing the resident could correct
            page_id = page or item.page_id
            issue = self._field_issue(item, ns, path, run)
            if issue is not None:
                run.issues.append((page_id, issue))
            rows = ns[item.name]
            if item.rows is not None and isinstance(rows, list):
                # Rows are checked even when their count is off: every fix is shown at once.
                for i, row in enumerate(rows):
                    if not isinstance(row, dict):
                        break  # wrong shape, already reported on the group
                    row_ns = {**ns, **row}
                    self._validate_scope(item.rows, row_ns, f"{path}[{i}].", run, page_id)

    def _field_issue(
        self, item: FieldPlan, ns: dict[str, object], path: str, run: _Run
    ) -> Issue | None:
        f = item.field
        value = ns[item.name]
        required = f.required
        if not required and item.required_if is not None:
            ok, result = run.evaluate(
                item.required_if, self._with_value(ns, item), path, "required_if"
            )
            required = ok and bool(result)
        if item.rows is not None:
            return self._rows_issue(item, value, required, path)
        if is_empty(value):
            return Issue(path, "form.required") if required else None
        problem = check_value(f, value, item.choices, run.today)
        if problem is not None:
            return Issue(path, problem[0], problem[1])
        if item.constraint is not None:
            ok, result = run.evaluate(
                item.constraint, self._with_value(ns, item), path, "constraint"
            )
            if not ok or not result:
                params: dict[str, IssueParam] = {}
                if f.constraint_message is not None:
                    params["message"] = f.constraint_message
                return Issue(path, "form.constraint", params)
        return None

    @staticmethod
    def _rows_issue(item: FieldPlan, rows: object, required: bool, path: str) -> Issue | None:
        f = item.field
        if rows is None:
            rows = []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            return Issue(path, "form.value.invalid_type", {"expected": "rows"})
        if not rows and required:
            return Issue(path, "form.required")
        if len(rows) < f.min_repeat:
            return Issue(path, "form.repeat.too_few", {"min": f.min_repeat})
        if f.max_repeat is not None and len(rows) > f.max_repeat:
            return Issue(path, "form.repeat.too_many", {"max": f.max_repeat})
        return None


class FormState:
    """The result of one evaluation: what to show, what is wrong, what will be submitted."""

    def __init__(
        self, form: FormDefinition, top: ScopePlan, ns: dict[str, object], run: _Run
    ) -> None:
        self._form = form
        self._top = top
        self._ns = ns
        self._run = run
        self.issues: tuple[Issue, ...] = tuple(issue for _, issue in run.issues)
        self.expression_errors: tuple[ExpressionFailure, ...] = tuple(run.failures)
        self.calculated: Mapping[str, object] = dict(run.calculated)
        self.page_relevant: Mapping[str, bool] = dict(run.page_relevant)

    @property
    def valid(self) -> bool:
        return not self.issues

    @property
    def visible_pages(self) -> list[str]:
        return [p.id for p in self._form.pages if self.page_relevant.get(p.id, True)]

    def is_relevant(self, path: str) -> bool:
        """Whether the field at ``path`` (``name`` or ``group[i].name``) is shown."""
        return self._run.relevant.get(path, False)

    def value(self, name: str) -> object:
        """The effective top-level value (normalised, calculated, None when hidden)."""
        return self._ns.get(name)

    def page_issues(self, page_id: str) -> list[Issue]:
        return [issue for page, issue in self._run.issues if page == page_id]

    def final_data(self) -> dict[str, object]:
        """Only relevant values plus the calculated ones, ready for the submission."""
        return _collect(self._top, self._ns, "", self._run)


def _collect(
    scope: ScopePlan, ns: Mapping[str, object], prefix: str, run: _Run
) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in scope.fields:
        path = prefix + item.name
        if not item.holds_value or not run.relevant.get(path, False):
            continue
        value = ns.get(item.name)
        if value is None:
            continue
        if item.rows is not None and isinstance(value, list):
            value = [
                _collect(item.rows, {**ns, **row}, f"{path}[{i}].", run)
                for i, row in enumerate(value)
                if isinstance(row, dict)
            ]
        elif isinstance(value, list | dict):
            value = _copy(value)
        out[item.name] = value
    return out


def _copy(value: object) -> object:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value
