"""Bundle merging: one question per field name, one entry per material, strictest necessity."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest

from kiosk.catalog import (
    Catalog,
    EnumName,
    bundle_form_id,
    merge_bundle,
    sample_catalog_path,
    validate_catalog,
)
from kiosk.errors import CatalogError
from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FieldType

Raw = dict[str, Any]


def _t(text: str) -> Raw:
    return {"zh": f"{text}（中）", "en": text}


def _field(name: str, type_: str = "text", **kw: Any) -> Raw:
    return {"name": name, "type": type_, "label": _t(name), **kw}


def _choices(*values: str) -> list[Raw]:
    return [{"value": v, "label": _t(v)} for v in values]


def _material(code: str, necessity: str, copies: int = 1) -> Raw:
    return {
        "code": code,
        "name": _t(code),
        "type": "certificate",
        "form": "either",
        "copies": copies,
        "necessity": necessity,
        "capture_methods": ["camera"],
    }


def _matter(code: str, form_id: str, materials: list[Raw]) -> Raw:
    return {
        "code": code,
        "implementation_code": f"impl-{code}",
        "name": _t(code),
        "department": "street_center",
        "level": "street",
        "category": "civil_assistance",
        "audience": "person",
        "kind": "on_the_spot",
        "legal_limit_days": 1,
        "promised_limit_days": 0,
        "handling_forms": ["window"],
        "visits_required": 0,
        "result_type": "none",
        "materials": materials,
        "form_id": form_id,
        "form_version": 1,
        "supplement_days": 10,
        "commitment_text": _t("I promise"),
    }


def _form(form_id: str, pages: list[Raw], lists: dict[str, list[Raw]]) -> Raw:
    return {
        "id": form_id,
        "version": 1,
        "title": _t(form_id),
        "pages": pages,
        "choice_lists": lists,
    }


def _sign_page() -> Raw:
    return {"id": "declaration", "title": _t("sign"), "fields": [_field("signature", "signature")]}


@pytest.fixture
def mini() -> Raw:
    """Two matters whose forms overlap, built on the sample's enumerations (codes are data)."""
    enums = json.loads(sample_catalog_path().read_bytes())["enums"]
    form_a = _form(
        "fa",
        [
            {
                "id": "applicant",
                "title": _t("applicant"),
                "fields": [
                    _field("applicant_name"),
                    _field("relation", "select_one", choices="rel"),
                ],
            },
            {
                "id": "family",
                "title": _t("family"),
                "fields": [
                    _field(
                        "members",
                        "group",
                        repeat=True,
                        max_repeat=5,
                        fields=[_field("member_name")],
                    ),
                ],
            },
            _sign_page(),
        ],
        {"rel": _choices("spouse", "child")},
    )
    form_b = _form(
        "fb",
        [
            {
                "id": "applicant",
                "title": _t("applicant B"),
                "fields": [
                    _field("applicant_name"),
                    _field("phone", "phone"),
                    _field("relation", "select_one", choices="rel"),
                ],
            },
            {
                "id": "family",
                "title": _t("family B"),
                "fields": [
                    _field(
                        "members",
                        "group",
                        repeat=True,
                        fields=[
                            _field("member_name"),
                            _field("member_income", "number"),
                        ],
                    ),
                ],
            },
            {
                "id": "only_b",
                "title": _t("only B"),
                "fields": [
                    _field("kind", "select_one", choices="kinds"),
                    _field("extra", relevant="kind == 'x'"),
                ],
            },
            _sign_page(),
        ],
        {"rel": _choices("child", "parent"), "kinds": _choices("x", "y")},
    )
    return {
        "catalog_version": "t-1",
        "generated_at": "2024-01-01T00:00:00+08:00",
        "sample": True,
        "region_code": "370102",
        "enums": enums,
        "matters": [
            _matter(
                "A",
                "fa",
                [
                    _material("id_card", "optional"),
                    _material("income", "commitment", copies=1),
                ],
            ),
            _matter(
                "B",
                "fb",
                [
                    _material("id_card", "required"),
                    _material("income", "deferrable", copies=2),
                    _material("photo", "optional"),
                ],
            ),
        ],
        "bundles": [
            {
                "code": "ab",
                "name": _t("A and B"),
                "description": _t("both"),
                "theme": "theme_birth",
                "matter_codes": ["A", "B"],
            }
        ],
        "forms": [form_a, form_b],
    }


def test_mini_catalogue_is_valid(mini: Raw) -> None:
    assert isinstance(validate_catalog(mini), Catalog)


def test_fields_with_the_same_name_appear_once(mini: Raw) -> None:
    catalog = validate_catalog(mini)
    merged = merge_bundle(catalog, catalog.bundles[0]).form
    names = [f.name for f in merged.iter_fields()]
    assert len(names) == len(set(names))
    assert names.count("applicant_name") == 1
    assert {"phone", "member_income", "kind", "extra"} <= set(names)
    assert merged.id == bundle_form_id(catalog.bundles[0]) == "bundle.ab"


def test_pages_merge_by_id_and_signature_goes_last(mini: Raw) -> None:
    catalog = validate_catalog(mini)
    merged = merge_bundle(catalog, catalog.bundles[0]).form
    assert [p.id for p in merged.pages] == ["applicant", "family", "only_b", "declaration"]
    applicant = merged.pages[0]
    assert applicant.title.en == "applicant"  # first occurrence wins
    assert [f.name for f in applicant.fields] == ["applicant_name", "relation", "phone"]
    members = merged.pages[1].fields[0]
    assert members.max_repeat == 5  # first occurrence's rules
    assert [c.name for c in members.fields] == ["member_name", "member_income"]
    assert merged.pages[-1].fields[-1].type is FieldType.SIGNATURE


def test_choice_lists_of_same_named_fields_are_unioned(mini: Raw) -> None:
    catalog = validate_catalog(mini)
    merged = merge_bundle(catalog, catalog.bundles[0]).form
    relation = next(f for f in merged.iter_fields() if f.name == "relation")
    assert relation.choices is not None
    assert [c.value for c in merged.choice_lists[relation.choices]] == ["spouse", "child", "parent"]
    kind = next(f for f in merged.iter_fields() if f.name == "kind")
    assert kind.choices == "kinds"


def test_materials_deduplicated_keeping_the_strictest_necessity(mini: Raw) -> None:
    catalog = validate_catalog(mini)
    materials = {m.material.code: m for m in merge_bundle(catalog, catalog.bundles[0]).materials}
    assert list(materials) == ["id_card", "income", "photo"]
    assert materials["id_card"].material.necessity == "required"
    assert materials["income"].material.necessity == "deferrable"  # outranks commitment
    assert materials["income"].material.copies == 2
    assert materials["id_card"].matter_codes == ("A", "B")
    assert materials["photo"].matter_codes == ("B",)


def test_strictness_comes_from_enum_rank_not_codes(mini: Raw) -> None:
    ranks = {item["code"]: item for item in mini["enums"][EnumName.NECESSITY]}
    ranks["commitment"]["rank"] = 99  # a province that ranks the signed promise highest
    catalog = validate_catalog(mini)
    materials = {m.material.code: m for m in merge_bundle(catalog, catalog.bundles[0]).materials}
    assert materials["income"].material.necessity == "commitment"


def test_merged_version_is_deterministic_and_tracks_member_forms(mini: Raw) -> None:
    catalog = validate_catalog(mini)
    first = merge_bundle(catalog, catalog.bundles[0]).form.version
    assert (
        merge_bundle(validate_catalog(copy.deepcopy(mini)), catalog.bundles[0]).form.version
        == first
    )
    changed = copy.deepcopy(mini)
    changed["forms"][1]["version"] = 2
    changed["matters"][1]["form_version"] = 2
    recatalog = validate_catalog(changed)
    assert merge_bundle(recatalog, recatalog.bundles[0]).form.version != first


def test_field_type_conflict_is_a_catalogue_error(mini: Raw) -> None:
    mini["forms"][1]["pages"][0]["fields"][1]["type"] = "text"
    mini["forms"][1]["pages"][0]["fields"][1]["name"] = "applicant_name_alias"
    mini["forms"][1]["pages"][0]["fields"][0]["type"] = "number"
    with pytest.raises(CatalogError) as info:
        validate_catalog(mini)
    assert info.value.params["path"] == "bundles[0].matter_codes[1]"
    assert "applicant_name" in str(info.value.params["reason"])


def test_same_name_in_and_outside_a_group_is_a_catalogue_error(mini: Raw) -> None:
    # form A asks one household income; form B asks it per member inside the repeat group
    mini["forms"][0]["pages"][0]["fields"].append(_field("member_income", "number"))
    with pytest.raises(CatalogError) as info:
        validate_catalog(mini)
    assert info.value.params["path"] == "bundles[0].matter_codes[1]"
    assert "group" in str(info.value.params["reason"])


def test_sample_bundles_merge() -> None:
    raw = json.loads(sample_catalog_path().read_bytes())
    catalog = validate_catalog(raw)
    birth = merge_bundle(catalog, next(b for b in catalog.bundles if b.code == "birth"))
    names = [f.name for f in birth.form.iter_fields()]
    assert names.count("baby_name") == 1 and names.count("applicant_signature") == 1
    codes = [m.material.code for m in birth.materials]
    assert len(codes) == len(set(codes))
    by_code = {m.material.code: m.material for m in birth.materials}
    # optional for the card, deferrable for insurance, required for the hukou: required wins
    assert by_code["birth_medical_cert"].necessity == "required"
    assert [m.code for m in birth.matters] == list(birth.bundle.matter_codes)


def test_merged_field_keeps_every_members_rules(mini: Raw) -> None:
    """First occurrence wins the label and position, but no member's requirement is lost:
    required/limits/constraints tighten, and relevance widens (shown when any member asks)."""
    form_a, form_b = mini["forms"]
    form_a["pages"][0]["fields"].append(
        _field("age", "number", constraint="value >= 50", min_value=16, relevant="relation")
    )
    form_b["pages"][0]["fields"].append(
        _field("age", "number", required=True, constraint="value >= 60", max_value=120)
    )
    catalog = validate_catalog(mini)
    merged = merge_bundle(catalog, catalog.bundles[0]).form
    age = next(f for f in merged.iter_fields() if f.name == "age")
    assert age.required is True
    assert (age.min_value, age.max_value) == (16, 120)
    assert age.relevant is None  # form B always asks it
    engine = FormEngine(merged, clock=lambda: dt.date(2024, 6, 1))
    issues = {i.path: i.key for i in engine.validate({"age": 55})}
    assert issues.get("age") == "form.constraint"
    assert "age" not in {i.path for i in engine.validate({"age": 61})}


def test_merged_limits_that_exclude_every_value_are_a_catalogue_error(mini: Raw) -> None:
    mini["forms"][0]["pages"][0]["fields"].append(_field("age", "number", min_value=60))
    mini["forms"][1]["pages"][0]["fields"].append(_field("age", "number", max_value=50))
    with pytest.raises(CatalogError) as info:
        validate_catalog(mini)
    assert info.value.params["path"] == "bundles[0].matter_codes[1]"
    assert "age" in str(info.value.params["reason"])
