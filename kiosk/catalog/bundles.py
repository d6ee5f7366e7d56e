"""一件事 bundles: one merged form and one de-duplicated material list for several matters.

A resident doing 出生一件事 should type their name once and hand over their ID card once, even
though four departments each have a form and a material list. Merging rules:

* Pages come from the member matters' forms in bundle order. Pages sharing an id (every form's
  applicant page) become one page; a page left empty by merging is dropped; pages holding a
  signature move to the end, because a signature confirms everything before it.
* A field ``name`` is one piece of information everywhere in the catalogue, so it appears once:
  the first occurrence wins its label, hint, calculation and position. Later same-named fields
  add choices (lists are unioned) and, for groups, extra child fields, and no member's rule is
  lost: ``required``/``required_if`` and ``relevant`` widen (asked when any member asks),
  ``constraint`` expressions all apply, numeric, length and repeat limits take the tightest
  bound. Limits that leave no acceptable value reject the catalogue.
* Same-named fields must agree on type and on being inside the same group; otherwise the
  catalogue is rejected, because one answer cannot serve two meanings.
* Materials are de-duplicated by code keeping the strictest necessity, where strictness is the
  ``rank`` of the necessity enum item (data, not code).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from kiosk.catalog.models import Bundle, Catalog, EnumName, Material, Matter
from kiosk.errors import CatalogError
from kiosk.forms.schema import Choice, FieldType, FormDefinition, FormField, FormPage
from kiosk.i18n import LocalText


def _has_signature(page: FormPage) -> bool:
    def walk(fields: tuple[FormField, ...]) -> bool:
        return any(f.type is FieldType.SIGNATURE or walk(f.fields) for f in fields)

    return walk(page.fields)


class BundleMaterial(BaseModel):
    """A material needed once for the whole bundle, and which member matters need it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    material: Material
    matter_codes: tuple[str, ...]


class MergedBundle(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    bundle: Bundle
    matters: tuple[Matter, ...]
    form: FormDefinition
    materials: tuple[BundleMaterial, ...]


_N = TypeVar("_N", int, float)


def bundle_form_id(bundle: Bundle) -> str:
    return f"bundle.{bundle.code}"


@dataclasses.dataclass
class _Node:
    """A field being merged; mutable until the merged form is frozen."""

    field: FormField
    member: int  # index of the member form it first came from
    scope: str | None  # name of the enclosing group, None at page level
    children: list[_Node] = dataclasses.field(default_factory=list)
    choice_sources: list[tuple[int, str]] = dataclasses.field(default_factory=list)


class _FormMerger:
    def __init__(self, bundle: Bundle, forms: list[FormDefinition], path: str) -> None:
        self.bundle = bundle
        self.forms = forms
        self.path = path
        self.index: dict[str, _Node] = {}
        self.pages: list[tuple[FormPage, list[_Node]]] = []
        self.lists: dict[str, tuple[Choice, ...]] = {}
        self.list_keys: dict[tuple[int, str], str] = {}

    def merge(self) -> FormDefinition:
        # Pages with the same id (e.g. every form's "applicant" page) become one page at the
        # position of the first; later forms only add their new fields to it.
        pages: dict[str, tuple[FormPage, list[_Node]]] = {}
        for member, form in enumerate(self.forms):
            for page in form.pages:
                page_entry = pages.setdefault(page.id, (page, []))
                for f in page.fields:
                    self._add(f, member, None, page_entry[1])
        built = [
            page.model_copy(update={"fields": tuple(self._freeze(node) for node in nodes)})
            for page, nodes in pages.values()
            if nodes
        ]
        # A signature confirms everything above it, so pages that hold one go last.
        built.sort(key=_has_signature)
        return FormDefinition(
            id=bundle_form_id(self.bundle),
            version=self._version(),
            title=self.bundle.name,
            pages=tuple(built),
            choice_lists=self.lists,
        )

    def _add(self, f: FormField, member: int, scope: str | None, out: list[_Node]) -> None:
        known = self.index.get(f.name)
        if known is None:
            node = _Node(field=f, member=member, scope=scope)
            if f.choices:
                node.choice_sources.append((member, f.choices))
            self.index[f.name] = node
            out.append(node)
            for child in f.fields:
                self._add(child, member, f.name, node.children)
            return
        where = f"{self.path}.matter_codes[{member}]"
        if known.field.type is not f.type:
            raise CatalogError(
                path=where,
                reason=f"field {f.name!r} is {f.type.value} here but "
                f"{known.field.type.value} in an earlier form",
            )
        if known.scope != scope:
            raise CatalogError(
                path=where, reason=f"field {f.name!r} sits in a different group in an earlier form"
            )
        if f.choices:
            known.choice_sources.append((member, f.choices))
        known.field = _tightened(known.field, f, where)
        for child in f.fields:
            self._add(child, member, f.name, known.children)

    def _freeze(self, node: _Node) -> FormField:
        update: dict[str, object] = {"fields": tuple(self._freeze(c) for c in node.children)}
        if node.choice_sources:
            update["choices"] = self._choices_for(node)
        return node.field.model_copy(update=update)

    def _resolve_list(self, member: int, key: str) -> str:
        """The merged key of one member form's choice list; renamed only when keys clash."""
        if (member, key) in self.list_keys:
            return self.list_keys[(member, key)]
        content = self.forms[member].choice_lists[key]
        merged_key = key
        n = 1
        while merged_key in self.lists and self.lists[merged_key] != content:
            n += 1
            merged_key = f"{key}__{n}"
        self.lists[merged_key] = content
        self.list_keys[(member, key)] = merged_key
        return merged_key

    def _choices_for(self, node: _Node) -> str:
        keys = list(dict.fromkeys(self._resolve_list(m, k) for m, k in node.choice_sources))
        if len(keys) == 1:
            return keys[0]
        union: dict[str, Choice] = {}
        for key in keys:
            for choice in self.lists[key]:
                union.setdefault(choice.value, choice)
        merged_key = f"{node.field.name}__merged"
        self.lists[merged_key] = tuple(union.values())
        return merged_key

    def _version(self) -> int:
        """Deterministic: changes exactly when the bundle or a member form version changes."""
        parts = [self.bundle.code, *[f"{f.id}@{f.version}" for f in self.forms]]
        digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        return int(digest[:8], 16) % 2_000_000_000 + 1


def _either(a: str | None, b: str | None) -> str | None:
    """Relevance: shown when any member shows it; no expression means always shown."""
    if a is None or b is None:
        return None
    return a if a == b else f"({a}) or ({b})"


def _any_of(a: str | None, b: str | None) -> str | None:
    """``required_if``: required when any member requires it; no expression means never."""
    if a is None or b is None or a == b:
        return a or b
    return f"({a}) or ({b})"


def _all_of(a: str | None, b: str | None) -> str | None:
    if a is None or b is None or a == b:
        return a or b
    return f"({a}) and ({b})"


def _higher(a: _N | None, b: _N | None) -> _N | None:
    return b if a is None else a if b is None else max(a, b)


def _lower(a: _N | None, b: _N | None) -> _N | None:
    return b if a is None else a if b is None else min(a, b)


def _tightened(kept: FormField, later: FormField, where: str) -> FormField:
    """``kept`` with ``later``'s requirements added (see the module docstring)."""
    update: dict[str, object] = {
        "required": kept.required or later.required,
        "required_if": _any_of(kept.required_if, later.required_if),
        "relevant": _either(kept.relevant, later.relevant),
        "constraint": _all_of(kept.constraint, later.constraint),
        "min_value": _higher(kept.min_value, later.min_value),
        "max_value": _lower(kept.max_value, later.max_value),
        "min_length": _higher(kept.min_length, later.min_length),
        "max_length": _lower(kept.max_length, later.max_length),
        "max_files": _lower(kept.max_files, later.max_files),
        "min_repeat": max(kept.min_repeat, later.min_repeat),
        "max_repeat": _lower(kept.max_repeat, later.max_repeat),
    }
    if update["required"]:
        update["required_if"] = None
    if kept.constraint_message is None or later.constraint_message is None:
        update["constraint_message"] = kept.constraint_message or later.constraint_message
    elif (
        kept.constraint != later.constraint and kept.constraint_message != later.constraint_message
    ):
        first, second = kept.constraint_message, later.constraint_message
        update["constraint_message"] = LocalText(
            zh=f"{first.zh}；{second.zh}", en=f"{first.en}; {second.en}"
        )
    bounds = (
        ("min_value", "max_value"),
        ("min_length", "max_length"),
        ("min_repeat", "max_repeat"),
    )
    for low, high in bounds:
        lo, hi = update[low], update[high]
        if isinstance(lo, int | float) and isinstance(hi, int | float) and lo > hi:
            raise CatalogError(
                path=where,
                reason=f"field {kept.name!r}: the forms' {low} and {high} exclude each other",
            )
    return kept.model_copy(update=update)


def merge_bundle(catalog: Catalog, bundle: Bundle, *, path: str = "bundle") -> MergedBundle:
    """The merged form and materials of a bundle; :class:`CatalogError` when they cannot merge."""
    matters: list[Matter] = []
    forms: list[FormDefinition] = []
    for j, code in enumerate(bundle.matter_codes):
        matter = catalog.matter(code)
        form = catalog.form_for(matter) if matter else None
        if matter is None or form is None:
            raise CatalogError(
                path=f"{path}.matter_codes[{j}]", reason=f"matter {code!r} or its form is missing"
            )
        matters.append(matter)
        forms.append(form)
    merged_form = _FormMerger(bundle, forms, path).merge()
    return MergedBundle(
        bundle=bundle,
        matters=tuple(matters),
        form=merged_form,
        materials=_merge_materials(catalog, matters),
    )


def _merge_materials(catalog: Catalog, matters: list[Matter]) -> tuple[BundleMaterial, ...]:
    def rank(necessity: str) -> int:
        item = catalog.enum_item(EnumName.NECESSITY, necessity)
        return item.rank if item else 0

    merged: dict[str, tuple[Material, list[str]]] = {}
    for matter in matters:
        for mat in matter.materials:
            if mat.code not in merged:
                merged[mat.code] = (mat, [matter.code])
                continue
            kept, codes = merged[mat.code]
            codes.append(matter.code)
            update: dict[str, object] = {"copies": max(kept.copies, mat.copies)}
            if rank(mat.necessity) > rank(kept.necessity):
                update["necessity"] = mat.necessity
            merged[mat.code] = (kept.model_copy(update=update), codes)
    return tuple(
        BundleMaterial(material=mat, matter_codes=tuple(codes)) for mat, codes in merged.values()
    )
