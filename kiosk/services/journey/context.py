"""What a draft is about, resolved from the catalogue: matter(s), form, materials, rules.

Also the small codec for :class:`JourneyMeta`, the journey state stored inside the draft's
value map under :data:`META_KEY`. That key can never collide with a form field: field names
must start with a letter (``kiosk.forms.schema.NAME_PATTERN``), and the forms engine only
reads the names its form declares, so the entry is invisible to evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.catalog.models import Catalog, EnumName, Flag, Material, Matter
from kiosk.errors import NotFoundError
from kiosk.forms.schema import FormDefinition
from kiosk.i18n import LocalText
from kiosk.receipts import Delivery
from kiosk.services.catalog import CatalogService
from kiosk.services.journey.calendar import WorkingCalendar, add_working_days
from kiosk.services.journey.models import JourneyMeta, MaterialChoice, MaterialInfo
from kiosk.store import Draft, Store

META_KEY = "__journey__"

# Capture-method codes (EnumName.CAPTURE_METHOD) the kiosk knows how to offer.
CAPTURE_CAMERA = "camera"
CAPTURE_E_CERTIFICATE = "e_certificate"
CAPTURE_WINDOW = "window"


@dataclass(frozen=True, slots=True)
class JourneyContext:
    """A matter or a bundle, flattened into what the journey needs."""

    matter_code: str | None
    bundle_code: str | None
    title: LocalText
    form: FormDefinition
    matters: tuple[Matter, ...]
    materials: tuple[tuple[Material, tuple[str, ...]], ...]  # material, matters needing it

    @property
    def rating_code(self) -> str:
        """The code a rating keys on: the matter, or the bundle for 一件事."""
        code = self.matter_code or self.bundle_code
        assert code is not None
        return code

    def material(self, code: str) -> tuple[Material, tuple[str, ...]]:
        for mat, codes in self.materials:
            if mat.code == code:
                return mat, codes
        raise NotFoundError("error.journey.material.unknown")

    @property
    def delivery_options(self) -> tuple[Delivery, ...]:
        """Union over the matters, in a stable order; empty when nothing is issued."""
        offered = {opt for m in self.matters for opt in m.delivery_options}
        return tuple(d for d in Delivery if d.value in offered)

    @property
    def time_limit_days(self) -> int:
        return max(m.promised_limit_days for m in self.matters)

    def on_the_spot(self, catalog: Catalog) -> bool:
        return all(
            catalog.has_flag(EnumName.MATTER_KIND, m.kind, Flag.ON_THE_SPOT) for m in self.matters
        )


def resolve(catalog: CatalogService, code: str) -> JourneyContext:
    """A matter code or a bundle code (bundle codes are looked up when no matter matches)."""
    if catalog.catalog.matter(code) is not None:
        matter = catalog.matter(code)
        return JourneyContext(
            matter_code=matter.code,
            bundle_code=None,
            title=matter.name,
            form=catalog.form_for_matter(code),
            matters=(matter,),
            materials=tuple((mat, (matter.code,)) for mat in matter.materials),
        )
    if catalog.catalog.bundle(code) is None:
        raise NotFoundError("error.catalog.matter_not_found")
    merged = catalog.merged_bundle(code)
    return JourneyContext(
        matter_code=None,
        bundle_code=merged.bundle.code,
        title=merged.bundle.name,
        form=merged.form,
        matters=merged.matters,
        materials=tuple((bm.material, bm.matter_codes) for bm in merged.materials),
    )


def allowed_choices(catalog: Catalog, material: Material) -> tuple[MaterialChoice, ...]:
    """Ways the catalogue lets the resident provide ``material`` (order = screen order)."""
    flags = catalog.enum_item(EnumName.NECESSITY, material.necessity)
    out: list[MaterialChoice] = []
    if CAPTURE_E_CERTIFICATE in material.capture_methods:
        out.append(MaterialChoice.E_CERTIFICATE)
    if CAPTURE_CAMERA in material.capture_methods:
        out.append(MaterialChoice.CAPTURED)
    if CAPTURE_WINDOW in material.capture_methods:
        out.append(MaterialChoice.WINDOW)
    if flags is not None and flags.has(Flag.DEFERRABLE):
        out.append(MaterialChoice.DEFERRED)
    if flags is not None and flags.has(Flag.COMMITMENT):
        out.append(MaterialChoice.COMMITMENT)
    if flags is not None and flags.has(Flag.OPTIONAL):
        out.append(MaterialChoice.OMITTED)
    return tuple(out)


def material_infos(
    catalog: Catalog, ctx: JourneyContext, today: date, calendar: WorkingCalendar
) -> tuple[MaterialInfo, ...]:
    by_code = {m.code: m for m in ctx.matters}
    out: list[MaterialInfo] = []
    for mat, codes in ctx.materials:
        item = catalog.enum_item(EnumName.NECESSITY, mat.necessity)
        deferrable = item is not None and item.has(Flag.DEFERRABLE)
        commitment = item is not None and item.has(Flag.COMMITMENT)
        optional = item is not None and item.has(Flag.OPTIONAL)
        needing = [by_code[c] for c in codes if c in by_code]
        deadline = None
        if deferrable:
            days = [m.supplement_days for m in needing if m.supplement_days is not None]
            if days:  # the strictest (earliest) deadline of the matters needing it
                deadline = add_working_days(today, min(days), calendar)
        promise = None
        if commitment:
            promise = next((m.commitment_text for m in needing if m.commitment_text), None)
        allowed = allowed_choices(catalog, mat)
        # 简化办: fetch what the e-certificate library already holds instead of asking for it.
        default = MaterialChoice.E_CERTIFICATE if MaterialChoice.E_CERTIFICATE in allowed else None
        out.append(
            MaterialInfo(
                code=mat.code,
                name=mat.name,
                necessity=mat.necessity,
                necessity_label=item.label if item else None,
                required=not optional,
                deferrable=deferrable,
                commitment=commitment,
                capture_methods=tuple(mat.capture_methods),
                allowed_choices=allowed,
                default_choice=default,
                copies=mat.copies,
                note=mat.note,
                supplement_deadline=deadline,
                commitment_text=promise,
                matter_codes=codes,
            )
        )
    return tuple(out)


# -- JourneyMeta codec -------------------------------------------------------------------------
def meta_to_json(meta: JourneyMeta) -> dict[str, Any]:
    return {
        "v": 1,
        "language": meta.language,
        "prefilled": sorted(meta.prefilled),
        "choices": {k: v.value for k, v in meta.choices.items()},
        "delivery": None if meta.delivery is None else meta.delivery.value,
        "signature": meta.signature,
    }


def meta_from_values(values: Mapping[str, Any]) -> JourneyMeta:
    raw = values.get(META_KEY)
    if not isinstance(raw, dict):
        return JourneyMeta()
    choices: dict[str, MaterialChoice] = {}
    for code, choice in (raw.get("choices") or {}).items():
        try:
            choices[str(code)] = MaterialChoice(choice)
        except ValueError:
            continue  # a choice from a newer release: ask again rather than guess
    delivery = raw.get("delivery")
    return JourneyMeta(
        language=str(raw.get("language") or "zh_CN"),
        prefilled=frozenset(str(p) for p in raw.get("prefilled") or ()),
        choices=choices,
        delivery=Delivery(delivery) if delivery in {d.value for d in Delivery} else None,
        signature=raw.get("signature") if isinstance(raw.get("signature"), str) else None,
    )


def form_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The draft's values without the journey entry."""
    return {k: v for k, v in values.items() if k != META_KEY}


# -- drafts as the journey sees them ------------------------------------------------------------
def draft_context(catalog: CatalogService, draft: Draft) -> JourneyContext:
    """The draft's matter/bundle; ``error.journey.form_outdated`` when the catalogue no longer
    serves the form version it was started with."""
    code = draft.matter_code or draft.bundle_code
    assert code is not None  # the schema guarantees exactly one
    ctx = resolve(catalog, code)
    if (ctx.form.id, ctx.form.version) != (draft.form_id, draft.form_version):
        # The catalogue changed since the draft began; its questions are no longer served.
        raise NotFoundError("error.journey.form_outdated")
    return ctx


def load_draft(
    catalog: CatalogService, store: Store, draft_id: str
) -> tuple[Draft, JourneyContext, JourneyMeta]:
    draft = store.drafts.get(draft_id)
    return draft, draft_context(catalog, draft), meta_from_values(draft.values)


def put_draft(
    store: Store, draft: Draft, meta: JourneyMeta, updates: Mapping[str, Any] | None = None
) -> None:
    """Rewrite values + meta; call inside ``store.write()`` with ``draft`` read there."""
    values = {**form_values(draft.values), **(updates or {}), META_KEY: meta_to_json(meta)}
    store.drafts.replace_values(draft.id, values)
