"""Versioned form schema (``schema_version`` 1). Documented in ``docs/forms-schema.md``.

A form is a list of pages; a page is a list of fields. Field values are addressed by ``name``
(an identifier unique in the whole form, including inside groups). Expressions (``relevant``,
``required_if``, ``constraint``, ``calculate``) are strings in the small, safe expression
language of :mod:`kiosk.forms.expressions`: they see the other fields by name and the field's own
value as ``value``; they never reach attributes, imports or unbounded work.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.i18n import LocalText

FORM_SCHEMA_VERSION: Literal[1] = 1
NAME_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"  # ISO "YYYY-MM-DD"
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    ID_NUMBER = "id_number"  # GB 11643 (or permit / foreigner card number)
    PHONE = "phone"  # mainland mobile (11 digits) or landline
    ADDRESS = "address"  # {province, city, district, street, detail}
    YES_NO = "yes_no"
    SIGNATURE = "signature"  # reference to a stored signature image (sha256)
    ATTACHMENT = "attachment"  # list of stored file references (sha256)
    NOTE = "note"  # read-only text shown to the resident, holds no value
    GROUP = "group"  # nested fields; ``repeat`` makes it a repeat group


class PrefillSource(StrEnum):
    """What an ``Identity`` can prefill."""

    NAME = "name"
    SEX = "sex"
    NATION = "nation"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    ID_NUMBER = "id_number"


class Choice(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str = Field(min_length=1, max_length=64)
    label: LocalText


class FormField(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=NAME_PATTERN)
    type: FieldType
    label: LocalText
    hint: LocalText | None = None
    required: bool = False
    required_if: str | None = None  # expression; required when true
    relevant: str | None = None  # expression; hidden and not validated when false
    constraint: str | None = None  # expression over ``value`` and other fields
    constraint_message: LocalText | None = None
    calculate: str | None = None  # expression; the value is computed, not typed
    readonly: bool = False
    default: str | int | float | bool | None = None
    prefill: PrefillSource | None = None
    choices: str | None = None  # key into ``FormDefinition.choice_lists``
    min_value: float | None = None  # number
    max_value: float | None = None
    min_length: int | None = Field(default=None, ge=0)  # text
    max_length: int | None = Field(default=None, ge=1)
    min_date: str | None = None  # date: ISO date or "today"
    max_date: str | None = None
    max_files: int | None = Field(default=None, ge=1)  # attachment
    # group only
    fields: tuple[FormField, ...] = ()
    repeat: bool = False
    min_repeat: int = Field(default=0, ge=0)
    max_repeat: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _shape(self) -> FormField:
        if self.type in (FieldType.SELECT_ONE, FieldType.SELECT_MULTIPLE) and not self.choices:
            raise ValueError(f"field {self.name!r}: choice fields need 'choices'")
        if self.type is FieldType.GROUP and not self.fields:
            raise ValueError(f"field {self.name!r}: a group needs 'fields'")
        if self.type is not FieldType.GROUP and (self.fields or self.repeat):
            raise ValueError(f"field {self.name!r}: only groups have 'fields' or 'repeat'")
        if self.max_repeat is not None and self.max_repeat < self.min_repeat:
            raise ValueError(f"field {self.name!r}: max_repeat < min_repeat")
        return self


class FormPage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=NAME_PATTERN)
    title: LocalText
    relevant: str | None = None
    fields: tuple[FormField, ...] = Field(min_length=1)


class FormDefinition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = FORM_SCHEMA_VERSION
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    version: int = Field(ge=1)
    title: LocalText
    pages: tuple[FormPage, ...] = Field(min_length=1)
    choice_lists: dict[str, tuple[Choice, ...]] = Field(default_factory=dict)

    def iter_fields(self, *, into_repeats: bool = True) -> list[FormField]:
        """Every field of the form, depth first, groups before their children.

        ``into_repeats=False``: the fields stored at the top level of the values -- children of
        plain groups (stored flat) but not the fields inside repeat-group rows."""
        out: list[FormField] = []

        def walk(fields: tuple[FormField, ...]) -> None:
            for f in fields:
                out.append(f)
                if into_repeats or not f.repeat:
                    walk(f.fields)

        for page in self.pages:
            walk(page.fields)
        return out

    @model_validator(mode="after")
    def _names_unique_and_choices_known(self) -> FormDefinition:
        seen: set[str] = set()
        for f in self.iter_fields():
            if f.name in seen:
                raise ValueError(f"duplicate field name {f.name!r}")
            seen.add(f.name)
            if f.choices and f.choices not in self.choice_lists:
                raise ValueError(f"field {f.name!r}: unknown choice list {f.choices!r}")
        return self
