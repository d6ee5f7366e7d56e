"""How the result reaches the resident: pickup at the window or (free) mail.

The choice lives in the draft's :class:`JourneyMeta`; forms that ask for it carry the
sample-catalogue fields below, which are kept in step so the form and the journey never
disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kiosk.errors import ValidationError
from kiosk.forms.schema import FieldType
from kiosk.forms.validation import ADDRESS_PARTS
from kiosk.receipts import Delivery
from kiosk.services.catalog import CatalogService
from kiosk.services.journey.context import load_draft, meta_from_values, put_draft
from kiosk.store import Store

DELIVERY_FIELD = "delivery_method"
MAIL_ADDRESS_FIELD = "mail_address"


def set_delivery(
    store: Store,
    catalog: CatalogService,
    draft_id: str,
    method: Delivery | str,
    address: Mapping[str, str] | str | None = None,
) -> None:
    """See :meth:`JourneyService.set_delivery`."""
    try:
        chosen = Delivery(method)
    except ValueError:
        raise ValidationError("error.journey.delivery.unknown") from None
    draft, ctx, _ = load_draft(catalog, store, draft_id)
    if chosen not in ctx.delivery_options:
        raise ValidationError("error.journey.delivery.not_offered", method=chosen.value)
    fields = {f.name: f for f in ctx.form.iter_fields()}
    updates: dict[str, Any] = {}
    delivery_field = fields.get(DELIVERY_FIELD)
    if delivery_field is not None and delivery_field.type is FieldType.SELECT_ONE:
        updates[DELIVERY_FIELD] = chosen.value
    if chosen is Delivery.MAIL:
        mail_field = fields.get(MAIL_ADDRESS_FIELD)
        if address is not None:
            parsed = parse_address(address)
            if mail_field is not None and mail_field.type is FieldType.ADDRESS:
                updates[MAIL_ADDRESS_FIELD] = parsed
            elif mail_field is not None:
                updates[MAIL_ADDRESS_FIELD] = parsed["detail"]
        elif mail_field is None:  # nowhere to ask for it later: the form has no field
            raise ValidationError("error.journey.delivery.address_required")
    with store.write():
        draft = store.drafts.get(draft_id)
        meta = meta_from_values(draft.values)
        put_draft(store, draft, dataclasses.replace(meta, delivery=chosen), updates)


def parse_address(address: Mapping[str, str] | str) -> dict[str, str]:
    if isinstance(address, str):
        parsed = {"detail": address.strip()}
    else:
        parsed = {k: str(v).strip() for k, v in address.items() if k in ADDRESS_PARTS}
    if not parsed.get("detail"):
        raise ValidationError("error.journey.delivery.address_required")
    return {part: parsed.get(part, "") for part in ADDRESS_PARTS}
