"""Prefill a form from the resident's card (简化办: never ask for what the card already says).

Only top-level fields (and fields of plain groups, which are stored flat) are prefilled; rows
of repeat groups describe other people. A value is only offered when it fits the field: a sex
code that is not in the field's choice list, or an empty card value, leaves the field alone, so
the resident is never shown an answer the form would then reject. The result names the
prefilled fields so the screen can mark them "from your card".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.forms.schema import FieldType, FormDefinition, FormField, PrefillSource
from kiosk.identity.address import split_address
from kiosk.identity.model import Identity


@dataclass(frozen=True, slots=True)
class Prefill:
    """Values to start the form with, and which of them came from the card."""

    values: dict[str, object] = field(default_factory=dict, repr=False)  # personal data
    prefilled: frozenset[str] = frozenset()


def _choice_values(form: FormDefinition, f: FormField) -> frozenset[str]:
    return frozenset(c.value for c in form.choice_lists.get(f.choices or "", ()))


def _pick(form: FormDefinition, f: FormField, *candidates: str) -> str | None:
    """The first non-empty candidate the field accepts (any text, or a known choice)."""
    choices = _choice_values(form, f) if f.type is FieldType.SELECT_ONE else None
    for candidate in candidates:
        if candidate and (choices is None or candidate in choices):
            return candidate
    return None


def _value_for(form: FormDefinition, f: FormField, identity: Identity) -> object:
    match f.prefill:
        case PrefillSource.NAME:
            return _pick(form, f, identity.name.strip())
        case PrefillSource.SEX:
            return _pick(form, f, identity.sex.value) if f.type is FieldType.SELECT_ONE else None
        case PrefillSource.NATION:
            if f.type is FieldType.SELECT_ONE:  # choice lists may key on code or on name
                return _pick(form, f, identity.nation_code, identity.nation)
            return _pick(form, f, identity.nation)
        case PrefillSource.BIRTH_DATE:
            if identity.birth_date is None:
                return None
            return identity.birth_date.isoformat()
        case PrefillSource.ADDRESS:
            address = identity.address.strip()
            if not address:
                return None
            if f.type is FieldType.ADDRESS:  # the card holds one text: split into the parts
                return split_address(address)
            return address
        case PrefillSource.ID_NUMBER:
            return _pick(form, f, identity.id_number.strip())
        case _:
            return None


def prefill(form: FormDefinition, identity: Identity) -> Prefill:
    """Values for the fields bound with ``prefill`` that this identity can fill."""
    values: dict[str, object] = {}
    for f in form.iter_fields(into_repeats=False):
        if f.prefill is None:
            continue
        value = _value_for(form, f, identity)
        if value is not None:
            values[f.name] = value
    return Prefill(values, frozenset(values))


def initial_values(form: FormDefinition, identity: Identity | None = None) -> Prefill:
    """Defaults of every top-level field, overlaid with what the card provides."""
    values: dict[str, object] = {
        f.name: f.default
        for f in form.iter_fields(into_repeats=False)
        if f.default is not None and f.calculate is None
    }
    if identity is None:
        return Prefill(values, frozenset())
    filled = prefill(form, identity)
    values.update(filled.values)
    return Prefill(values, filled.prefilled)
