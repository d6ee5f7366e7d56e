"""Every field type: its JSON value shape, limits and message keys with safe parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FormDefinition

TODAY = dt.date(2026, 6, 15)
SHA = "a" * 64
LABEL = {"zh": "x", "en": "x"}
CHOICES = {"colours": [{"value": v, "label": LABEL} for v in ("red", "green", "blue")]}


def check(field: dict[str, Any], value: object) -> tuple[str, dict[str, Any]] | None:
    """The one issue (key, params) that ``value`` gives in a form holding only ``field``."""
    form = FormDefinition.model_validate(
        {
            "id": "types",
            "version": 1,
            "title": LABEL,
            "pages": [
                {"id": "p", "title": LABEL, "fields": [{"name": "f", "label": LABEL, **field}]}
            ],
            "choice_lists": CHOICES,
        }
    )
    issues = FormEngine(form, clock=lambda: TODAY).validate({"f": value})
    assert len(issues) <= 1
    return (issues[0].key, dict(issues[0].params)) if issues else None


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        # text
        ({"type": "text"}, "hello", None),
        ({"type": "text"}, 12, ("form.value.invalid_type", {"expected": "text"})),
        ({"type": "text", "max_length": 3}, "abcd", ("form.text.too_long", {"max": 3})),
        ({"type": "text", "min_length": 3}, "ab", ("form.text.too_short", {"min": 3})),
        ({"type": "text"}, "x" * 2001, ("form.text.too_long", {"max": 2000})),
        ({"type": "text", "required": True}, "   ", ("form.required", {})),
        # number
        ({"type": "number"}, 3.5, None),
        ({"type": "number"}, "12", None),
        ({"type": "number"}, "twelve", ("form.number.invalid", {})),
        ({"type": "number"}, True, ("form.number.invalid", {})),
        ({"type": "number"}, float("nan"), ("form.number.invalid", {})),
        ({"type": "number", "min_value": 1}, 0, ("form.number.too_small", {"min": 1})),
        ({"type": "number", "max_value": 10}, 11, ("form.number.too_large", {"max": 10})),
        # date
        ({"type": "date"}, "2024-02-29", None),
        ({"type": "date"}, "2023-02-29", ("form.date.invalid", {})),
        ({"type": "date"}, "20240229", ("form.date.invalid", {})),
        ({"type": "date"}, 20240229, ("form.date.invalid", {})),
        (
            {"type": "date", "max_date": "today"},
            "2026-06-16",
            ("form.date.too_late", {"max": "2026-06-15"}),
        ),
        (
            {"type": "date", "min_date": "2020-01-01"},
            "2019-12-31",
            ("form.date.too_early", {"min": "2020-01-01"}),
        ),
        # select_one / select_multiple
        ({"type": "select_one", "choices": "colours"}, "red", None),
        ({"type": "select_one", "choices": "colours"}, "pink", ("form.choice.unknown", {})),
        (
            {"type": "select_one", "choices": "colours"},
            ["red"],
            ("form.value.invalid_type", {"expected": "choice"}),
        ),
        ({"type": "select_multiple", "choices": "colours"}, ["red", "blue"], None),
        (
            {"type": "select_multiple", "choices": "colours"},
            ["red", "pink"],
            ("form.choice.unknown", {}),
        ),
        (
            {"type": "select_multiple", "choices": "colours"},
            ["red", "red"],
            ("form.choice.duplicate", {}),
        ),
        (
            {"type": "select_multiple", "choices": "colours", "required": True},
            [],
            ("form.required", {}),
        ),
        # id_number (GB 11643 examples from the standard)
        ({"type": "id_number"}, "11010519491231002X", None),
        ({"type": "id_number"}, "11010519491231002x", None),
        ({"type": "id_number"}, "440524188001010014", None),
        ({"type": "id_number"}, "110105194912310021", ("form.id_number.invalid_checksum", {})),
        ({"type": "id_number"}, "1101051949", ("form.id_number.invalid_format", {})),
        # phone
        ({"type": "phone"}, "13812345678", None),
        ({"type": "phone"}, "+86 138 1234 5678", None),
        ({"type": "phone"}, "0531-88888888", None),
        ({"type": "phone"}, "053188888888", None),
        ({"type": "phone"}, "12812345678", ("form.phone.invalid", {})),
        ({"type": "phone"}, "1381234567", ("form.phone.invalid", {})),
        # address
        (
            {"type": "address"},
            {"province": "山东省", "city": "济南市", "district": "历下区", "detail": "1号"},
            None,
        ),
        ({"type": "address"}, {"detail": "山东省济南市历下区1号"}, None),
        (
            {"type": "address"},
            {"province": "山东省"},
            ("form.address.incomplete", {"missing": "detail"}),
        ),
        (
            {"type": "address"},
            {"city": "济南市", "detail": "1号"},
            ("form.address.incomplete", {"missing": "province"}),
        ),
        (
            {"type": "address"},
            {"detail": "1号", "zip": "250000"},
            ("form.value.invalid_type", {"expected": "address"}),
        ),
        ({"type": "address"}, "济南", ("form.value.invalid_type", {"expected": "address"})),
        ({"type": "address", "required": True}, {"detail": " "}, ("form.required", {})),
        (
            {"type": "address"},
            {"detail": "x" * 201},
            ("form.address.too_long", {"part": "detail", "max": 200}),
        ),
        # yes_no
        ({"type": "yes_no"}, False, None),
        ({"type": "yes_no"}, "yes", ("form.value.invalid_type", {"expected": "yes_no"})),
        ({"type": "yes_no", "required": True}, None, ("form.required", {})),
        # signature / attachment
        ({"type": "signature"}, SHA, None),
        ({"type": "signature"}, "not-a-hash", ("form.signature.invalid", {})),
        ({"type": "signature", "required": True}, "", ("form.required", {})),
        ({"type": "attachment", "max_files": 2}, [SHA, "b" * 64], None),
        (
            {"type": "attachment", "max_files": 1},
            [SHA, SHA],
            ("form.attachment.too_many", {"max": 1}),
        ),
        ({"type": "attachment"}, ["../etc/passwd"], ("form.attachment.invalid", {})),
        ({"type": "attachment", "required": True}, [], ("form.required", {})),
        # note holds no value and is never validated
        ({"type": "note", "required": True}, None, None),
    ],
)
def test_field_types(field: dict[str, Any], value: object, expected: object) -> None:
    assert check(field, value) == expected


def test_issue_params_never_echo_the_value() -> None:
    secret = "110105194912310021"
    result = check({"type": "id_number"}, secret)
    assert result is not None
    assert secret not in repr(result)
