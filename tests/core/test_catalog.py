"""The sample catalogue and the validation gate: every broken variant is refused with a path."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.catalog import (
    Catalog,
    EnumName,
    Flag,
    format_path,
    load_catalog,
    sample_catalog_path,
    validate_catalog,
)
from kiosk.errors import CatalogError

Raw = dict[str, Any]


@pytest.fixture(scope="module")
def raw_sample() -> Raw:
    data: Raw = json.loads(sample_catalog_path().read_bytes())
    return data


@pytest.fixture(scope="module")
def sample(raw_sample: Raw) -> Catalog:
    return load_catalog(sample_catalog_path())


def _index(raw: Raw, code: str) -> int:
    return next(i for i, m in enumerate(raw["matters"]) if m["code"] == code)


def _form_of(raw: Raw, code: str) -> Raw:
    matter = raw["matters"][_index(raw, code)]
    form: Raw = next(f for f in raw["forms"] if f["id"] == matter["form_id"])
    return form


def _rejected(raw: Raw, mutate: Callable[[Raw], None]) -> CatalogError:
    broken = copy.deepcopy(raw)
    mutate(broken)
    with pytest.raises(CatalogError) as info:
        validate_catalog(broken)
    return info.value


# ------------------------------------------------------------------------- the sample itself


def test_sample_is_marked_as_sample(sample: Catalog) -> None:
    assert sample.sample is True
    assert sample.notice is not None
    assert "sample" in sample.notice.en.lower()
    assert sample.region_code.startswith("3701")


def test_sample_has_enough_content(sample: Catalog) -> None:
    assert len(sample.matters) >= 30
    assert len({m.category for m in sample.matters}) >= 8
    assert len(sample.bundles) >= 3
    assert {b.code for b in sample.bundles} >= {"birth", "retirement", "death"}


def test_every_matter_has_a_bilingual_form_ending_in_a_signature(sample: Catalog) -> None:
    for matter in sample.matters:
        form = sample.form_for(matter)
        assert form is not None, matter.code
        for item in [form.title, *(p.title for p in form.pages)]:
            assert item.zh and item.en
        for fld in form.iter_fields():
            assert fld.label.zh and fld.label.en and fld.label.zh != fld.label.en
        last_page = form.pages[-1]
        assert last_page.fields[-1].type.value == "signature", matter.code
        assert form.pages[0].fields[0].prefill is not None


def test_sample_forms_use_rules_groups_and_calculations(sample: Catalog) -> None:
    fields = [f for form in sample.forms for f in form.iter_fields()]
    assert any(f.relevant for f in fields)
    assert any(f.constraint for f in fields)
    assert any(f.calculate for f in fields)
    assert any(f.repeat and f.max_repeat for f in fields)
    assert any(f.type.value == "yes_no" for f in fields)
    assert any(f.type.value == "note" for f in fields)


def test_sample_behaviour_comes_from_enum_flags(sample: Catalog) -> None:
    spot = [
        m for m in sample.matters if sample.has_flag(EnumName.MATTER_KIND, m.kind, Flag.ON_THE_SPOT)
    ]
    assert spot, "the sample should contain on-the-spot matters"
    assert all(m.promised_limit_days == 0 for m in spot)
    necessities = {mat.necessity for m in sample.matters for mat in m.materials}
    flags = {
        f for code in necessities for f in (sample.enum_item("necessity", code) or _no()).flags
    }
    assert {Flag.DEFERRABLE.value, Flag.COMMITMENT.value} <= flags
    assert any(not m.fee.free for m in sample.matters)


def _no() -> Any:
    raise AssertionError("unknown necessity code")


def test_catalog_round_trips_through_json(sample: Catalog) -> None:
    again = validate_catalog(sample.model_dump_json().encode())
    assert again == sample
    assert again.catalog_version == sample.catalog_version


def test_format_path() -> None:
    assert format_path(("matters", 3, "materials", 1, "necessity")) == (
        "matters[3].materials[1].necessity"
    )
    assert format_path(()) == "$"


# ------------------------------------------------------------------------- broken variants


def test_unknown_enum_code_is_rejected(raw_sample: Raw) -> None:
    def mutate(raw: Raw) -> None:
        raw["matters"][3]["materials"][1]["necessity"] = "no_such_necessity"

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == "matters[3].materials[1].necessity"
    assert "no_such_necessity" in str(err.params["reason"])


def test_unknown_category_is_rejected(raw_sample: Raw) -> None:
    err = _rejected(raw_sample, lambda raw: raw["matters"][0].update(category="astrology"))
    assert err.params["path"] == "matters[0].category"


def test_missing_enumeration_is_rejected(raw_sample: Raw) -> None:
    err = _rejected(raw_sample, lambda raw: raw["enums"].pop("necessity"))
    assert err.params["path"] == "enums.necessity"


def test_missing_form_is_rejected(raw_sample: Raw) -> None:
    err = _rejected(raw_sample, lambda raw: raw["matters"][2].update(form_version=99))
    assert err.params["path"] == "matters[2].form_id"


def test_duplicate_matter_code_is_rejected(raw_sample: Raw) -> None:
    def mutate(raw: Raw) -> None:
        raw["matters"][5]["code"] = raw["matters"][4]["code"]

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == "matters[5].code"


def test_duplicate_material_code_is_rejected(raw_sample: Raw) -> None:
    def mutate(raw: Raw) -> None:
        materials = raw["matters"][0]["materials"]
        materials[1]["code"] = materials[0]["code"]

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == "matters[0].materials[1].code"


def test_bad_expression_is_rejected(raw_sample: Raw) -> None:
    def mutate(raw: Raw) -> None:
        raw["forms"][2]["pages"][1]["fields"][0]["relevant"] = "age(applicant_birth_date >"

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == "forms[2].pages[1].fields[0].relevant"


def test_expression_naming_an_unknown_field_is_rejected(raw_sample: Raw) -> None:
    def mutate(raw: Raw) -> None:
        raw["forms"][0]["pages"][1]["fields"][0]["constraint"] = "value > applicant_agee"

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == "forms[0].pages[1].fields[0].constraint"
    assert "applicant_agee" in str(err.params["reason"])


def test_bundle_with_unknown_matter_is_rejected(raw_sample: Raw) -> None:
    def mutate(raw: Raw) -> None:
        raw["bundles"][1]["matter_codes"][1] = "370102-XX-999"

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == "bundles[1].matter_codes[1]"


def test_promised_beyond_legal_limit_is_rejected(raw_sample: Raw) -> None:
    i = _index(raw_sample, "370102-MZ-001")

    def mutate(raw: Raw) -> None:
        raw["matters"][i]["promised_limit_days"] = raw["matters"][i]["legal_limit_days"] + 1

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == f"matters[{i}].promised_limit_days"


def test_on_the_spot_matter_with_promised_days_is_rejected(raw_sample: Raw) -> None:
    i = _index(raw_sample, "370102-JY-001")
    err = _rejected(raw_sample, lambda raw: raw["matters"][i].update(promised_limit_days=1))
    assert err.params["path"] == f"matters[{i}].promised_limit_days"


def test_deferrable_material_without_deadline_is_rejected(raw_sample: Raw) -> None:
    i = _index(raw_sample, "370102-MZ-001")
    err = _rejected(raw_sample, lambda raw: raw["matters"][i].pop("supplement_days"))
    assert err.params["path"] == f"matters[{i}].supplement_days"


def test_commitment_material_without_promise_text_is_rejected(raw_sample: Raw) -> None:
    i = _index(raw_sample, "370102-MZ-001")
    err = _rejected(raw_sample, lambda raw: raw["matters"][i].pop("commitment_text"))
    assert err.params["path"] == f"matters[{i}].commitment_text"


def test_field_type_conflict_inside_a_bundle_is_rejected(raw_sample: Raw) -> None:
    birth = next(i for i, b in enumerate(raw_sample["bundles"]) if b["code"] == "birth")
    second = raw_sample["bundles"][birth]["matter_codes"][1]

    def mutate(raw: Raw) -> None:
        phone = next(f for f in _form_of(raw, second)["pages"][0]["fields"] if f["name"] == "phone")
        phone["type"] = "text"

    err = _rejected(raw_sample, mutate)
    assert err.params["path"] == f"bundles[{birth}].matter_codes[1]"
    assert "phone" in str(err.params["reason"])


def test_structural_error_names_the_field(raw_sample: Raw) -> None:
    err = _rejected(raw_sample, lambda raw: raw["matters"][7].update(legal_limit_days=-1))
    assert err.params["path"] == "matters[7].legal_limit_days"


def test_charged_matter_needs_a_legal_basis(raw_sample: Raw) -> None:
    err = _rejected(
        raw_sample, lambda raw: raw["matters"][0].update(fee={"free": False, "amount_fen": 500})
    )
    assert str(err.params["path"]).startswith("matters[0].fee")


@pytest.mark.parametrize(
    "payload", [b"{not json", b"[]", "\udcff".encode("utf-8", "surrogatepass")]
)
def test_non_catalogue_payload_is_rejected(payload: bytes) -> None:
    with pytest.raises(CatalogError) as info:
        validate_catalog(payload)
    assert info.value.params["path"] == "$"


def test_missing_file_is_a_catalog_error(tmp_path: Any) -> None:
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path / "absent.json")
    assert info.value.params["path"] == "$"


def test_sample_forms_evaluate_without_expression_errors(sample: Catalog) -> None:
    """Compiling is not enough: every rule must also run on empty and on typical answers."""
    import datetime as dt

    from kiosk.catalog import merge_bundle
    from kiosk.forms.engine import FormEngine

    answers: dict[str, object] = {
        "applicant_birth_date": "1949-12-31",
        "applicant_sex": "2",
        "applicant_monthly_income": 500,
        "family_members": [{"member_name": "李四", "member_monthly_income": 300}],
        "subsidy_types": ["nursing"],
        "disability_level": "3",
    }
    forms = [*sample.forms, *(merge_bundle(sample, b).form for b in sample.bundles)]
    for form in forms:
        engine = FormEngine(form, clock=lambda: dt.date(2024, 6, 1))
        for values in ({}, answers):
            assert engine.evaluate(values).expression_errors == (), form.id
    dibao = sample.form("f.370102-MZ-001", 1)
    assert dibao is not None
    state = FormEngine(dibao, clock=lambda: dt.date(2024, 6, 1)).evaluate(answers)
    assert state.value("per_capita_income") == 400
    subsidy = sample.form("f.370102-CJ-002", 1)
    assert subsidy is not None
    issues = FormEngine(subsidy, clock=lambda: dt.date(2024, 6, 1)).validate(answers)
    assert any(i.path == "subsidy_types" for i in issues)


def _add_fields(raw: Raw, *fields: Raw) -> None:
    raw["forms"][0]["pages"][0]["fields"].extend(fields)


_L = {"zh": "字段", "en": "field"}


@pytest.mark.parametrize(
    ("fields", "where", "why"),
    [
        (
            [
                {"name": "zz_a", "type": "number", "label": _L, "calculate": "zz_b + 1"},
                {"name": "zz_b", "type": "number", "label": _L, "calculate": "zz_a + 1"},
            ],
            "",
            "cycle",
        ),
        ([{"name": "value", "type": "number", "label": _L}], "", "reserved"),
        ([{"name": "zz_d", "type": "date", "label": _L, "min_date": "2020-13-01"}], "", "date"),
        (
            [
                {
                    "name": "zz_rows",
                    "type": "group",
                    "repeat": True,
                    "label": _L,
                    "fields": [{"name": "zz_in", "type": "text", "label": _L}],
                },
                {"name": "zz_out", "type": "text", "label": _L, "relevant": "zz_in == 'x'"},
            ],
            "relevant",
            "zz_in",
        ),
    ],
)
def test_forms_the_engine_would_refuse_are_refused_at_load(
    raw_sample: Raw, fields: list[Raw], where: str, why: str
) -> None:
    """A catalogue that passes the gate must open at the kiosk: the engine's plan runs here."""
    err = _rejected(raw_sample, lambda raw: _add_fields(raw, *fields))
    path = str(err.params["path"])
    assert path.startswith("forms[0].pages[0].fields[")
    assert path.endswith(f".{where}") if where else path.endswith("]")
    assert why in str(err.params["reason"])
