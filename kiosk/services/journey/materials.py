"""Materials and the signature: the files a draft carries, and how each material is provided.

Photographed pages and the signature are content-addressed attachments referenced by the draft
(``store.attachments``); the resident's choice per material lives in the draft's
:class:`JourneyMeta`. Called by :class:`kiosk.services.journey.service.JourneyService` on the
calling thread's store; every change is one short transaction.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from kiosk.errors import ValidationError
from kiosk.forms.schema import FieldType, FormDefinition, FormField
from kiosk.services.catalog import CatalogService
from kiosk.services.journey.calendar import WorkingCalendar
from kiosk.services.journey.context import (
    JourneyContext,
    load_draft,
    material_infos,
    meta_from_values,
    put_draft,
)
from kiosk.services.journey.models import (
    JourneyMeta,
    MaterialChoice,
    MaterialChoiceError,
    MaterialPage,
    MaterialStatus,
)
from kiosk.store import Draft, Store

SIGNATURE_SLOT = "signature"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def add_page(
    store: Store, catalog: CatalogService, draft_id: str, material_code: str, jpeg: bytes
) -> MaterialPage:
    """Store one photographed page (content-addressed; the same bytes twice is one page)."""
    if not jpeg.startswith(JPEG_MAGIC):
        raise ValidationError("error.journey.material.not_jpeg")
    draft, ctx, _ = load_draft(catalog, store, draft_id)
    material, _codes = ctx.material(material_code)
    if "camera" not in material.capture_methods:
        raise MaterialChoiceError(material=material_code, choice=MaterialChoice.CAPTURED.value)
    prepared = store.attachments.prepare(jpeg, media_type="image/jpeg")
    with store.write():
        draft = store.drafts.get(draft_id)
        existing = pages(store, draft_id, material_code)
        for page in existing:
            if page.sha256 == prepared.sha256:
                return page
        ref = store.attachments.link(prepared, "draft_id", draft_id, material_code)
        meta = meta_from_values(draft.values)
        choices = {**meta.choices, material_code: MaterialChoice.CAPTURED}
        put_draft(store, draft, dataclasses.replace(meta, choices=choices))
    return MaterialPage(ref.sha256, ref.size, len(existing) + 1)


def remove_page(store: Store, draft_id: str, material_code: str, sha256: str) -> bool:
    with store.write():
        draft = store.drafts.get(draft_id)
        removed = store.attachments.detach_from_draft(draft_id, material_code, sha256)
        meta = meta_from_values(draft.values)
        if meta.choices.get(material_code) is MaterialChoice.CAPTURED and not pages(
            store, draft_id, material_code
        ):
            choices = {k: v for k, v in meta.choices.items() if k != material_code}
            put_draft(store, draft, dataclasses.replace(meta, choices=choices))
    return removed


def pages(store: Store, draft_id: str, material_code: str) -> list[MaterialPage]:
    refs = [r for r in store.attachments.refs_for_draft(draft_id) if r.slot == material_code]
    return [MaterialPage(r.sha256, r.size, i) for i, r in enumerate(refs, start=1)]


def set_choice(
    store: Store,
    catalog: CatalogService,
    today: date,
    calendar: WorkingCalendar,
    draft_id: str,
    material_code: str,
    choice: MaterialChoice | str,
) -> None:
    """See :meth:`JourneyService.set_material_choice`."""
    try:
        chosen = MaterialChoice(choice)
    except ValueError:
        raise MaterialChoiceError(material=material_code, choice=str(choice)[:32]) from None
    draft, ctx, _ = load_draft(catalog, store, draft_id)
    ctx.material(material_code)  # NotFoundError for a code this matter does not know
    infos = material_infos(catalog.catalog, ctx, today, calendar)
    info = next(m for m in infos if m.code == material_code)
    if chosen not in info.allowed_choices:
        raise MaterialChoiceError(material=material_code, choice=chosen.value)
    with store.write():
        draft = store.drafts.get(draft_id)
        if chosen is not MaterialChoice.CAPTURED:
            for page in pages(store, draft_id, material_code):
                store.attachments.detach_from_draft(draft_id, material_code, page.sha256)
        meta = meta_from_values(draft.values)
        choices = {**meta.choices, material_code: chosen}
        put_draft(store, draft, dataclasses.replace(meta, choices=choices))


def statuses(
    store: Store,
    catalog: CatalogService,
    today: date,
    calendar: WorkingCalendar,
    draft: Draft,
    ctx: JourneyContext,
    meta: JourneyMeta,
) -> tuple[MaterialStatus, ...]:
    refs = store.attachments.refs_for_draft(draft.id)
    out: list[MaterialStatus] = []
    for info in material_infos(catalog.catalog, ctx, today, calendar):
        found = [r for r in refs if r.slot == info.code]
        out.append(
            MaterialStatus(
                info,
                meta.choices.get(info.code),
                tuple(MaterialPage(r.sha256, r.size, i) for i, r in enumerate(found, 1)),
            )
        )
    return tuple(out)


# -- the signature -------------------------------------------------------------------------------


def set_signature(store: Store, catalog: CatalogService, draft_id: str, png: bytes) -> str:
    """Store the signature image and put its sha256 into the form's signature fields."""
    if not png.startswith(PNG_MAGIC):
        raise ValidationError("error.journey.signature.not_png")
    draft, ctx, _ = load_draft(catalog, store, draft_id)
    prepared = store.attachments.prepare(png, media_type="image/png")
    with store.write():
        draft = store.drafts.get(draft_id)
        meta = meta_from_values(draft.values)
        old = meta.signature
        if old != prepared.sha256:
            store.attachments.link(prepared, "draft_id", draft_id, SIGNATURE_SLOT)
        updates = {f.name: prepared.sha256 for f in signature_fields(ctx.form)}
        put_draft(store, draft, dataclasses.replace(meta, signature=prepared.sha256), updates)
    if old is not None and old != prepared.sha256:
        store.attachments.detach_from_draft(draft_id, SIGNATURE_SLOT, old)
    return prepared.sha256


def clear_signature(store: Store, catalog: CatalogService, draft_id: str) -> None:
    draft, ctx, _ = load_draft(catalog, store, draft_id)
    with store.write():
        draft = store.drafts.get(draft_id)
        meta = meta_from_values(draft.values)
        updates = {f.name: None for f in signature_fields(ctx.form)}
        put_draft(store, draft, dataclasses.replace(meta, signature=None), updates)
        if meta.signature is not None:
            store.attachments.detach_from_draft(draft_id, SIGNATURE_SLOT, meta.signature)


def signature_fields(form: FormDefinition) -> list[FormField]:
    """Top-level signature fields (plain groups are stored flat; repeat rows are not ours)."""
    return [f for f in form.iter_fields(into_repeats=False) if f.type is FieldType.SIGNATURE]
