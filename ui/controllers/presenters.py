"""Turn catalogue and form data into the plain view states the screens render.

Pure functions of their inputs (plus Qt's translator for a few words), so the controller stays
about flow and the screens stay dumb.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk.catalog import Catalog, Matter
from kiosk.catalog.models import EnumName, Flag, Material
from kiosk.forms.engine import FormState
from kiosk.forms.schema import FieldType, FormDefinition, FormField
from kiosk.i18n import LocalText
from kiosk.identity import mask_id_number, mask_phone
from ui.screens.guide import GuideMaterial, GuideState
from ui.screens.materials import (
    CAPTURED,
    COMMITMENT,
    DEFERRED,
    E_CERTIFICATE,
    OMITTED,
    WINDOW,
)
from ui.screens.review import ReviewSectionView

_UNKNOWN = LocalText(zh="其他", en="Other")


def necessity_kind(catalog: Catalog, code: str) -> str:
    if catalog.has_flag(EnumName.NECESSITY, code, Flag.COMMITMENT):
        return "commitment"
    if catalog.has_flag(EnumName.NECESSITY, code, Flag.DEFERRABLE):
        return "deferrable"
    if catalog.has_flag(EnumName.NECESSITY, code, Flag.OPTIONAL):
        return "optional"
    return "required"


@dataclass(frozen=True, slots=True)
class MaterialSpec:
    """One material the resident is asked for, with the ways the catalogue allows."""

    material: Material
    kind: str  # required | deferrable | commitment | optional
    label: LocalText
    allowed: tuple[str, ...]
    supplement_days: int | None
    commitment_text: LocalText | None


def material_specs(
    catalog: Catalog, matters: tuple[Matter, ...], materials: tuple[Material, ...], camera: bool
) -> list[MaterialSpec]:
    """Allowed choices: camera when the method exists and the camera works; the window for
    paper materials or whenever the camera is missing (the window has no veto)."""
    supplement = next((m.supplement_days for m in matters if m.supplement_days), None)
    commitment = next((m.commitment_text for m in matters if m.commitment_text), None)
    out = []
    for mat in materials:
        kind = necessity_kind(catalog, mat.necessity)
        methods = set(mat.capture_methods)
        allowed: list[str] = []
        if "camera" in methods and camera:
            allowed.append(CAPTURED)
        if "e_certificate" in methods:
            allowed.append(E_CERTIFICATE)
        if "window" in methods or mat.form in ("paper", "either") or not camera:
            allowed.append(WINDOW)
        if kind == "deferrable":
            allowed.append(DEFERRED)
        if kind == "commitment":
            allowed.append(COMMITMENT)
        if kind == "optional":
            allowed.append(OMITTED)
        label = catalog.label(EnumName.NECESSITY, mat.necessity) or _UNKNOWN
        out.append(
            MaterialSpec(
                mat,
                kind,
                label,
                tuple(dict.fromkeys(allowed)),
                supplement,
                commitment if kind == "commitment" else None,
            )
        )
    return out


def guide_state(
    catalog: Catalog,
    code: str,
    title: LocalText,
    matters: tuple[Matter, ...],
    specs: list[MaterialSpec],
    is_bundle: bool,
) -> GuideState:
    first = matters[0]
    on_spot = all(catalog.has_flag(EnumName.MATTER_KIND, m.kind, Flag.ON_THE_SPOT) for m in matters)
    fee = sum(m.fee.amount_fen for m in matters)
    delivery: list[LocalText] = []
    for m in matters:
        for d in m.delivery_options:
            label = catalog.label(EnumName.DELIVERY, d)
            if label is not None and label not in delivery:
                delivery.append(label)
    conditions: list[LocalText] = []
    for m in matters:
        conditions += [c for c in m.conditions if c not in conditions]
    return GuideState(
        code=code,
        is_bundle=is_bundle,
        title=title,
        department=None if is_bundle else catalog.label(EnumName.DEPARTMENT, first.department),
        conditions=tuple(conditions),
        materials=tuple(
            GuideMaterial(s.material.name, s.kind, s.label, s.material.copies) for s in specs
        ),
        on_the_spot=on_spot,
        time_limit_days=max(m.promised_limit_days for m in matters),
        free=fee == 0,
        fee_yuan=f"{fee / 100:.2f}",
        delivery=tuple(delivery),
        visits=max(m.visits_required for m in matters),
        member_matters=tuple(m.name for m in matters) if is_bundle else (),
        supplement_days=next((m.supplement_days for m in matters if m.supplement_days), None),
    )


# -- review -------------------------------------------------------------------------------


def _display(form: FormDefinition, f: FormField, value: object, lang: str) -> str:
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("Presenters", "(not filled in)")
    t = f.type
    if t is FieldType.ID_NUMBER:
        return mask_id_number(str(value))
    if t is FieldType.PHONE:
        return mask_phone(str(value))
    if t is FieldType.YES_NO:
        return (
            QCoreApplication.translate("Presenters", "Yes")
            if value
            else QCoreApplication.translate("Presenters", "No")
        )
    if t in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE):
        labels = {c.value: c.label.get(lang) for c in form.choice_lists.get(f.choices or "", ())}
        chosen = value if isinstance(value, list) else [value]
        return "、".join(labels.get(str(v), str(v)) for v in chosen)
    if t is FieldType.ADDRESS and isinstance(value, dict):
        return "".join(
            str(value.get(p) or "") for p in ("province", "city", "district", "street")
        ) + (str(value.get("detail") or ""))
    if t is FieldType.SIGNATURE:
        return QCoreApplication.translate("Presenters", "Signed")
    return str(value)


def review_sections(
    form: FormDefinition, engine: FormState, values: Mapping[str, Any], lang: str
) -> list[ReviewSectionView]:
    sections = []
    for page in form.pages:
        if page.id not in engine.visible_pages:
            continue
        rows: list[tuple[str, str]] = []

        def walk(
            fields: tuple[FormField, ...],
            source: Mapping[str, Any],
            prefix: str,
            rows: list[tuple[str, str]] = rows,
        ) -> None:
            for f in fields:
                path = prefix + f.name
                if not engine.is_relevant(path) or f.type in (FieldType.NOTE,):
                    continue
                if f.type is FieldType.GROUP and f.repeat:
                    items = source.get(f.name) or []
                    for i, row in enumerate(items if isinstance(items, list) else []):
                        parts = [
                            _display(form, sub, row.get(sub.name), lang)
                            for sub in f.fields
                            if sub.type is not FieldType.NOTE
                        ]
                        rows.append((f"{f.label.get(lang)} {i + 1}", "，".join(parts)))
                elif f.type is FieldType.GROUP:
                    walk(f.fields, source, prefix, rows)
                else:
                    rows.append((f.label.get(lang), _display(form, f, source.get(f.name), lang)))

        walk(page.fields, values, "", rows)
        sections.append(ReviewSectionView(page.title.get(lang), f"page:{page.id}", tuple(rows)))
    return sections
