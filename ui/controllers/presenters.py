"""Turn catalogue data and the journey service's models into the plain view states the
screens render.

Pure functions of their inputs (plus Qt's translator for a few words), so controllers stay
about flow and screens stay dumb. No rules live here: what a material allows, what is masked
and what is still open all come from :mod:`kiosk.services.journey`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from kiosk.catalog import Catalog, Matter
from kiosk.catalog.models import EnumName, Flag, Material
from kiosk.i18n import LocalText
from kiosk.services.journey import MaterialChoice, MaterialInfo, MaterialStatus, ReviewModel
from ui.screens.guide import GuideMaterial, GuideState
from ui.screens.materials import MaterialRow
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


def info_kind(info: MaterialInfo) -> str:
    """The badge of a material, from the service's necessity flags."""
    if info.commitment:
        return "commitment"
    if info.deferrable:
        return "deferrable"
    return "required" if info.required else "optional"


def guide_state(
    catalog: Catalog,
    code: str,
    title: LocalText,
    matters: tuple[Matter, ...],
    materials: tuple[Material, ...],
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
            GuideMaterial(
                mat.name,
                necessity_kind(catalog, mat.necessity),
                catalog.label(EnumName.NECESSITY, mat.necessity) or _UNKNOWN,
                mat.copies,
            )
            for mat in materials
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


# -- materials ----------------------------------------------------------------------------


def offered_choices(info: MaterialInfo, camera: bool) -> tuple[str, ...]:
    """The service's choices for this material, minus the camera when there is none. Without
    a camera the window is always offered: the service routes anything open there anyway."""
    allowed = [c.value for c in info.allowed_choices]
    if not camera:
        allowed = [c for c in allowed if c != MaterialChoice.CAPTURED.value]
        if MaterialChoice.WINDOW.value not in allowed:
            allowed.append(MaterialChoice.WINDOW.value)
    return tuple(allowed)


def material_rows(
    statuses: Sequence[MaterialStatus],
    choices: Mapping[str, str],
    thumbnails: Mapping[str, QImage],
    camera: bool,
) -> tuple[MaterialRow, ...]:
    """``choices`` are the UI's (the service's plus window fallbacks it cannot store)."""
    rows = []
    for status in statuses:
        info = status.info
        rows.append(
            MaterialRow(
                code=info.code,
                name=info.name,
                necessity=info_kind(info),
                necessity_label=info.necessity_label or _UNKNOWN,
                allowed=offered_choices(info, camera),
                choice=choices.get(info.code),
                pages=len(status.pages),
                thumbnails=tuple(
                    thumbnails[p.sha256] for p in status.pages if p.sha256 in thumbnails
                ),
                deadline=info.supplement_deadline.isoformat() if info.supplement_deadline else "",
                commitment_text=info.commitment_text,
            )
        )
    return tuple(rows)


# -- review -------------------------------------------------------------------------------


def _not_filled() -> str:
    return QCoreApplication.translate("Presenters", "(not filled in)")


def review_sections(
    model: ReviewModel,
    lang: str,
    material_text: Mapping[str, str],
) -> tuple[ReviewSectionView, ...]:
    """The service's review (already masked) in the current language. ``material_text`` is
    the materials screen's status line per material code (same words on both screens)."""
    out = []
    for section in model.sections:
        target = section.target
        key = f"page:{target.page_id}" if target.page_id else target.kind.value
        rows = []
        for row in section.rows:
            if row.path.startswith("materials.") and row.path[10:] in material_text:
                shown = material_text[row.path[10:]]
            else:
                shown = _not_filled() if row.display is None else row.display.get(lang)
            rows.append((row.label.get(lang), shown))
        out.append(ReviewSectionView(section.title.get(lang), key, tuple(rows)))
    return tuple(out)
