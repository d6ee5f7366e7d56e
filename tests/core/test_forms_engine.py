"""Forms engine: skip logic, calculations, repeat groups, constraints, pages, final data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.errors import ExpressionError, ValidationError
from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FormDefinition
from kiosk.i18n import LocalText

TODAY = dt.date(2026, 6, 15)


def label(text: str = "x") -> dict[str, str]:
    return {"zh": text, "en": text}


def fld(name: str, type_: str = "text", **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "label": label(name), **extra}


def make_form(*pages: list[dict[str, Any]], **extra: Any) -> FormDefinition:
    return FormDefinition.model_validate(
        {
            "id": "test.form",
            "version": 1,
            "title": label("form"),
            "pages": [
                {"id": f"p{i}", "title": label(), "fields": fields, **(extra.pop(f"p{i}", {}))}
                for i, fields in enumerate(pages, start=1)
            ],
            "choice_lists": extra.get("choice_lists", {}),
        }
    )


def engine(*pages: list[dict[str, Any]], **extra: Any) -> FormEngine:
    return FormEngine(make_form(*pages, **extra), clock=lambda: TODAY)


def keys(issues: Any) -> dict[str, str]:
    return {i.path: i.key for i in issues}


# ------------------------------------------------------------------------------ relevance


def test_irrelevant_field_is_hidden_not_validated_and_dropped_from_data() -> None:
    e = engine(
        [
            fld("has_job", "yes_no", required=True),
            fld("employer", required=True, relevant="has_job"),
        ]
    )
    hidden = e.evaluate({"has_job": False, "employer": "typed before hiding"})
    assert hidden.is_relevant("employer") is False
    assert hidden.issues == ()
    assert hidden.final_data() == {"has_job": False}

    shown = e.evaluate({"has_job": True})
    assert shown.is_relevant("employer") is True
    assert keys(shown.issues) == {"employer": "form.required"}


def test_hidden_values_count_as_empty_in_later_expressions() -> None:
    e = engine(
        [
            fld("married", "yes_no"),
            fld("spouse_income", "number", relevant="married"),
            fld("income", "number"),
            fld("household", "number", calculate="income + (spouse_income or 0)"),
        ]
    )
    state = e.evaluate({"married": False, "spouse_income": 5000, "income": 3000})
    assert state.value("spouse_income") is None
    assert state.final_data() == {"married": False, "income": 3000, "household": 3000}


def test_relevance_runs_in_dependency_order_not_document_order() -> None:
    # 'extra' is declared before the calculation it depends on.
    e = engine(
        [
            fld("extra", relevant="total > 10"),
            fld("a", "number"),
            fld("total", "number", calculate="a * 2"),
        ]
    )
    assert e.evaluate({"a": 6}).is_relevant("extra") is True
    assert e.evaluate({"a": 5}).is_relevant("extra") is False


def test_page_relevance_hides_every_field_of_the_page() -> None:
    e = engine(
        [fld("needs_help", "yes_no")],
        [fld("helper_name", required=True)],
        p2={"relevant": "needs_help"},
    )
    off = e.evaluate({"needs_help": False})
    assert off.visible_pages == ["p1"]
    assert off.is_relevant("helper_name") is False
    assert off.issues == ()
    on = e.evaluate({"needs_help": True})
    assert on.visible_pages == ["p1", "p2"]
    assert on.page_issues("p2")[0].key == "form.required"
    assert on.page_issues("p1") == []


def test_plain_group_relevance_applies_to_children_stored_flat() -> None:
    e = engine(
        [
            fld("kind", "select_one", choices="kinds"),
            fld(
                "company",
                "group",
                relevant="kind == 'org'",
                fields=[fld("org_name", required=True), fld("org_code")],
            ),
        ],
        choice_lists={
            "kinds": [{"value": "person", "label": label()}, {"value": "org", "label": label()}]
        },
    )
    assert keys(e.validate({"kind": "org"})) == {"org_name": "form.required"}
    assert e.validate({"kind": "person", "org_name": ""}) == []
    assert e.final_data({"kind": "org", "org_name": "ACME", "org_code": "91"}) == {
        "kind": "org",
        "org_name": "ACME",
        "org_code": "91",
    }


# ------------------------------------------------------------------------------ calculations


def test_calculations_chain_and_produce_json_values() -> None:
    e = engine(
        [
            fld("birth", "date"),
            fld("years", "number", calculate="age(birth)"),
            fld("adult", "yes_no", calculate="years >= 18"),
            fld("due", "date", calculate="today() + 30"),
        ]
    )
    state = e.evaluate({"birth": "2000-06-16"})
    assert state.calculated == {"years": 25, "adult": True, "due": "2026-07-15"}
    assert state.final_data() == {
        "birth": "2000-06-16",
        "years": 25,
        "adult": True,
        "due": "2026-07-15",
    }


def test_calculated_value_overrides_what_the_client_sent() -> None:
    e = engine([fld("a", "number"), fld("b", "number", calculate="a + 1")])
    assert e.final_data({"a": 1, "b": 999}) == {"a": 1, "b": 2}


def test_number_text_from_the_keypad_is_a_number_in_expressions() -> None:
    e = engine([fld("n", "number"), fld("double", "number", calculate="n * 2")])
    assert e.final_data({"n": "21"}) == {"n": 21, "double": 42}


def test_failing_calculation_is_empty_and_recorded_without_values() -> None:
    e = engine([fld("a", "number"), fld("b", "number", calculate="10 / a")])
    state = e.evaluate({"a": 0})
    assert state.value("b") is None
    assert [(f.path, f.attribute, f.key) for f in state.expression_errors] == [
        ("b", "calculate", "expression.division_by_zero")
    ]


def test_failing_relevance_shows_the_field_rather_than_hiding_it() -> None:
    e = engine([fld("a"), fld("b", required=True, relevant="a > 3")])
    state = e.evaluate({"a": "text"})
    assert state.is_relevant("b") is True
    assert keys(state.issues) == {"b": "form.required"}


# ------------------------------------------------------------------ required_if / constraint


def test_required_if() -> None:
    e = engine([fld("count", "number"), fld("reason", required_if="count > 3")])
    assert e.validate({"count": 2}) == []
    assert keys(e.validate({"count": 4})) == {"reason": "form.required"}
    assert e.validate({"count": 4, "reason": "big family"}) == []


def test_constraint_with_message_passes_the_catalogue_text_not_the_value() -> None:
    message = {"zh": "必须年满18岁", "en": "Must be 18 or older"}
    e = engine([fld("birth", "date", constraint="age(value) >= 18", constraint_message=message)])
    [issue] = e.validate({"birth": "2010-01-01"})
    assert issue.key == "form.constraint"
    assert issue.params == {"message": LocalText(**message)}
    assert e.validate({"birth": "2000-01-01"}) == []
    assert e.validate({}) == []  # empty optional values are not constrained


def test_constraint_can_read_other_fields() -> None:
    e = engine(
        [
            fld("start", "date"),
            fld("end", "date", constraint="date(value) - date(start) <= 30"),
        ]
    )
    assert e.validate({"start": "2026-01-01", "end": "2026-01-31"}) == []
    [issue] = e.validate({"start": "2026-01-01", "end": "2026-02-01"})
    assert (issue.path, issue.key, dict(issue.params)) == ("end", "form.constraint", {})


def test_broken_constraint_fails_closed() -> None:
    e = engine([fld("a", "number", constraint="value / 0 > 1")])
    assert keys(e.validate({"a": 3})) == {"a": "form.constraint"}


# ------------------------------------------------------------------------------ repeat groups


def household(**extra: Any) -> FormEngine:
    return engine(
        [
            fld(
                "members",
                "group",
                repeat=True,
                min_repeat=1,
                max_repeat=3,
                fields=[
                    fld("name", required=True),
                    fld("age", "number", min_value=0),
                    fld("school", required=True, relevant="age < 18 and cap > age"),
                ],
            ),
            fld("cap", "number", default=16),
            fld("size", "number", calculate="count(members)"),
            fld("total_age", "number", calculate="sum_of(members, age)"),
            fld("note", relevant="size > 2"),
        ],
        **extra,
    )


def test_repeat_min_and_max() -> None:
    e = household()
    assert keys(e.validate({"members": []})) == {"members": "form.repeat.too_few"}
    [issue] = e.validate({"members": [{"name": "a"}] * 4})
    assert (issue.key, dict(issue.params)) == ("form.repeat.too_many", {"max": 3})
    assert e.validate({"members": [{"name": "a"}]}) == []


def test_repeat_rows_validate_with_indexed_paths_and_row_relevance() -> None:
    e = household()
    state = e.evaluate(
        {"cap": 16, "members": [{"name": "a", "age": 40}, {"age": 10}, {"name": "c", "age": -1}]}
    )
    assert keys(state.issues) == {
        "members[1].name": "form.required",
        "members[1].school": "form.required",
        "members[2].age": "form.number.too_small",
        "members[2].school": "form.required",
    }
    assert state.is_relevant("members[0].school") is False
    assert state.is_relevant("members[1].school") is True


def test_repeat_aggregates_and_final_data() -> None:
    e = household()
    values = {
        "cap": 16,
        "members": [
            {"name": "a", "age": 40, "school": "dropped: irrelevant"},
            {"name": "b", "age": 10, "school": "No. 1"},
            {"name": "c", "age": "30"},
        ],
        "note": "n",
    }
    state = e.evaluate(values)
    assert state.value("size") == 3
    assert state.value("total_age") == 80
    assert state.final_data() == {
        "members": [
            {"name": "a", "age": 40},
            {"name": "b", "age": 10, "school": "No. 1"},
            {"name": "c", "age": 30},
        ],
        "cap": 16,
        "size": 3,
        "total_age": 80,
        "note": "n",
    }


def test_repeat_rows_of_the_wrong_shape_are_reported_once() -> None:
    e = household()
    assert keys(e.validate({"members": "not rows"})) == {"members": "form.value.invalid_type"}
    assert keys(e.validate({"members": ["row"]})) == {"members": "form.value.invalid_type"}


def test_required_repeat_group_needs_a_row() -> None:
    e = engine([fld("kids", "group", repeat=True, required=True, fields=[fld("kid")])])
    assert keys(e.validate({})) == {"kids": "form.required"}


# ------------------------------------------------------------------------------ definitions


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ([fld("a", relevant="b > 1")], "form.expression.unknown_name"),
        ([fld("a", relevant="a +")], "expression.syntax"),
        ([fld("a", constraint="().__class__")], "expression.unsupported"),
        ([fld("a", calculate="b"), fld("b", calculate="a")], "form.expression.cycle"),
        ([fld("a", relevant="b"), fld("b", relevant="a")], "form.expression.cycle"),
        ([fld("value")], "form.expression.reserved_name"),
        (
            [fld("g", "group", repeat=True, fields=[fld("inner")]), fld("x", relevant="inner")],
            "form.expression.unknown_name",
        ),
    ],
)
def test_broken_definitions_fail_when_loaded(fields: list[dict[str, Any]], key: str) -> None:
    with pytest.raises(ExpressionError) as info:
        engine(fields)
    assert info.value.key == key
    assert "field" in info.value.params


def test_bad_date_limit_fails_when_loaded() -> None:
    with pytest.raises(ValidationError) as info:
        engine([fld("d", "date", min_date="yesterday")])
    assert info.value.key == "form.schema.date_limit"


def test_page_expressions_cannot_use_value() -> None:
    with pytest.raises(ExpressionError):
        engine([fld("a")], [fld("b")], p2={"relevant": "value"})


def test_values_not_in_the_form_never_reach_the_data() -> None:
    e = engine([fld("a")])
    assert e.final_data({"a": "x", "injected": "y"}) == {"a": "x"}


def test_nested_repeat_groups_and_page_of_row_issues() -> None:
    e = engine(
        [fld("intro", "note")],
        [
            fld(
                "families",
                "group",
                repeat=True,
                fields=[
                    fld("surname", required=True),
                    fld(
                        "kids",
                        "group",
                        repeat=True,
                        max_repeat=2,
                        fields=[fld("kid", required=True), fld("kid_age", "number")],
                    ),
                    fld("kid_years", "number", calculate="sum_of(kids, kid_age)"),
                ],
            ),
            fld("all_families", "number", calculate="count(families)"),
        ],
    )
    values = {
        "families": [
            {"surname": "王", "kids": [{"kid": "a", "kid_age": 3}, {"kid": "b", "kid_age": 4}]},
            {"kids": [{"kid_age": 1}, {"kid": "c"}, {"kid": "d"}]},
        ]
    }
    state = e.evaluate(values)
    assert keys(state.issues) == {
        "families[1].surname": "form.required",
        "families[1].kids": "form.repeat.too_many",
        "families[1].kids[0].kid": "form.required",
    }
    assert state.page_issues("p1") == []
    assert len(state.page_issues("p2")) == 3
    assert state.final_data()["families"] == [
        {
            "surname": "王",
            "kids": [{"kid": "a", "kid_age": 3}, {"kid": "b", "kid_age": 4}],
            "kid_years": 7,
        },
        {"kids": [{"kid_age": 1}, {"kid": "c"}, {"kid": "d"}], "kid_years": 1},
    ]
    assert state.value("all_families") == 2
    fewer = e.evaluate({"families": [{"surname": "李", "kids": [{"kid_age": 1}]}]})
    assert keys(fewer.issues) == {"families[0].kids[0].kid": "form.required"}


def test_state_reports_validity_and_helpers_agree() -> None:
    e = engine([fld("a", required=True)])
    assert e.evaluate({"a": "x"}).valid is True
    assert e.evaluate({}).valid is False
    assert e.validate_page({}, "p1") == e.validate({})
