"""Prefill from an ``Identity``: what the card fills, and what it must leave alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.forms.engine import FormEngine
from kiosk.forms.prefill import initial_values, prefill
from kiosk.forms.schema import FormDefinition
from kiosk.identity.model import DocumentType, Identity, IdentitySource, Sex

LABEL = {"zh": "x", "en": "x"}
IDENTITY = Identity(
    source=IdentitySource.SIMULATED,
    document_type=DocumentType.RESIDENT_ID,
    id_number="11010519491231002X",
    name="张秀英",
    sex=Sex.FEMALE,
    nation_code="01",
    nation="汉",
    birth_date=dt.date(1949, 12, 31),
    address="北京市西城区某街道1号",
)


def form(*fields: dict[str, Any], choice_lists: dict[str, Any] | None = None) -> FormDefinition:
    return FormDefinition.model_validate(
        {
            "id": "prefill",
            "version": 1,
            "title": LABEL,
            "pages": [{"id": "p", "title": LABEL, "fields": list(fields)}],
            "choice_lists": choice_lists or {},
        }
    )


def fld(name: str, type_: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, "label": LABEL, **extra}


def choices(*values: str) -> list[dict[str, Any]]:
    return [{"value": v, "label": LABEL} for v in values]


FULL = form(
    fld("name", "text", prefill="name"),
    fld("sex", "select_one", choices="sex", prefill="sex"),
    fld("nation", "text", prefill="nation"),
    fld("birth", "date", prefill="birth_date"),
    fld("home", "address", prefill="address"),
    fld("id_no", "id_number", prefill="id_number"),
    fld("phone", "phone", required=True),
    choice_lists={"sex": choices("1", "2")},
)


def test_prefill_fills_bound_fields_and_marks_them() -> None:
    result = prefill(FULL, IDENTITY)
    assert result.values == {
        "name": "张秀英",
        "sex": "2",
        "nation": "汉",
        "birth": "1949-12-31",
        "home": {
            "province": "北京市",
            "city": "北京市",
            "district": "西城区",
            "street": "某街道",
            "detail": "1号",
        },
        "id_no": "11010519491231002X",
    }
    assert result.prefilled == {"name", "sex", "nation", "birth", "home", "id_no"}


def test_prefilled_values_pass_validation() -> None:
    values = dict(prefill(FULL, IDENTITY).values, phone="13812345678")
    engine = FormEngine(FULL, clock=lambda: dt.date(2026, 6, 15))
    assert engine.validate(values) == []


def test_nation_choice_by_code_or_name() -> None:
    by_code = form(
        fld("n", "select_one", choices="nations", prefill="nation"),
        choice_lists={"nations": choices("01", "02")},
    )
    by_name = form(
        fld("n", "select_one", choices="nations", prefill="nation"),
        choice_lists={"nations": choices("汉", "回")},
    )
    assert prefill(by_code, IDENTITY).values == {"n": "01"}
    assert prefill(by_name, IDENTITY).values == {"n": "汉"}


def test_values_the_field_would_reject_are_not_prefilled() -> None:
    f = form(
        fld("sex", "select_one", choices="sex", prefill="sex"),
        fld("sex_text", "text", prefill="sex"),
        choice_lists={"sex": choices("M", "F")},
    )
    assert prefill(f, IDENTITY).values == {}
    assert prefill(f, IDENTITY).prefilled == frozenset()


def test_missing_card_data_leaves_fields_empty() -> None:
    bare = Identity(
        source=IdentitySource.MANUAL,
        document_type=DocumentType.RESIDENT_ID,
        id_number="440524188001010014",
    )
    result = prefill(FULL, bare)
    assert result.values == {"id_no": "440524188001010014"}
    assert result.prefilled == {"id_no"}


def test_address_into_a_text_field_and_fields_inside_plain_groups() -> None:
    f = form(fld("g", "group", fields=[fld("addr", "text", prefill="address")]))
    assert prefill(f, IDENTITY).values == {"addr": "北京市西城区某街道1号"}


def test_repeat_rows_are_never_prefilled() -> None:
    f = form(fld("people", "group", repeat=True, fields=[fld("who", "text", prefill="name")]))
    assert prefill(f, IDENTITY).values == {}


def test_initial_values_are_defaults_overlaid_with_the_card() -> None:
    f = form(
        fld("name", "text", prefill="name", default="?"),
        fld("copies", "number", default=1),
        fld("twice", "number", default=5, calculate="copies * 2"),
    )
    assert initial_values(f).values == {"name": "?", "copies": 1}
    start = initial_values(f, IDENTITY)
    assert start.values == {"name": "张秀英", "copies": 1}
    assert start.prefilled == {"name"}
