"""The one gate a catalogue passes before a terminal may use it.

A catalogue arrives from the central platform or the shipped sample. A broken one must never
replace a working one half-way, so validation is complete and happens first; the store swaps
catalogues atomically afterwards. Each failure names the offending entry with a *path* such as
``matters[3].materials[1].necessity`` so that the catalogue's author can fix it quickly; the path
and reason are safe to log (catalogue data is public, never personal).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pydantic

from kiosk.catalog.bundles import merge_bundle
from kiosk.catalog.models import Catalog, EnumName, Flag, Matter
from kiosk.errors import CatalogError, ExpressionError, KioskError
from kiosk.forms.schema import FormDefinition, FormField

_EXPRESSION_ATTRS = ("relevant", "required_if", "constraint", "calculate")
# Building a plan resolves the date limit "today" but compares nothing: any day will do.
_ANY_DAY = dt.date(2000, 1, 1)


def validate_catalog(raw: Mapping[str, Any] | bytes | str) -> Catalog:
    """Parse and fully validate a catalogue; a :class:`CatalogError` names ``path`` and ``reason``.

    Accepts raw JSON (bytes or text, as downloaded) or an already decoded mapping.
    """
    data: Any = raw
    if isinstance(raw, bytes | str):
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise CatalogError(path="$", reason="not valid JSON", detail=str(err)) from err
    if not isinstance(data, Mapping):
        raise CatalogError(path="$", reason="a catalogue is a JSON object")
    try:
        catalog = Catalog.model_validate(data)
    except pydantic.ValidationError as err:
        first = err.errors()[0]
        raise CatalogError(
            path=format_path(first["loc"]), reason=first["msg"], detail=str(err)
        ) from err
    check_catalog(catalog)
    return catalog


def check_catalog(catalog: Catalog) -> None:
    """Cross-reference checks that need the whole catalogue; raise on the first problem."""
    _check_enums(catalog)
    _check_forms(catalog)
    _check_matters(catalog)
    _check_bundles(catalog)


def format_path(loc: Iterable[int | str]) -> str:
    """``("matters", 3, "kind")`` -> ``matters[3].kind``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def _fail(path: str, reason: str) -> CatalogError:
    return CatalogError(path=path, reason=reason, detail=f"{path}: {reason}")


def _unique(codes: Iterable[str], path: str, what: str, attr: str = "") -> None:
    """Reject the second occurrence; ``attr`` names the attribute (``.code``) in the path."""
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if code in seen:
            raise _fail(f"{path}[{i}]{attr}", f"duplicate {what} {code!r}")
        seen.add(code)


def _check_enums(catalog: Catalog) -> None:
    for required in EnumName:
        if not catalog.enums.get(required):
            raise _fail(f"enums.{required.value}", "missing enumeration")
    for name, items in catalog.enums.items():
        _unique((item.code for item in items), f"enums.{name}", "code", ".code")


def _check_code(catalog: Catalog, name: EnumName, code: str, path: str) -> None:
    if catalog.enum_item(name, code) is None:
        raise _fail(path, f"unknown {name.value} code {code!r}")


def _check_matters(catalog: Catalog) -> None:
    _unique((m.code for m in catalog.matters), "matters", "matter code", ".code")
    _unique(
        (m.implementation_code for m in catalog.matters),
        "matters",
        "implementation code",
        ".implementation_code",
    )
    for i, matter in enumerate(catalog.matters):
        _check_matter(catalog, matter, f"matters[{i}]")


def _check_matter(catalog: Catalog, m: Matter, at: str) -> None:
    single = (
        (EnumName.DEPARTMENT, m.department, "department"),
        (EnumName.LEVEL, m.level, "level"),
        (EnumName.CATEGORY, m.category, "category"),
        (EnumName.AUDIENCE, m.audience, "audience"),
        (EnumName.MATTER_KIND, m.kind, "kind"),
        (EnumName.RESULT_TYPE, m.result_type, "result_type"),
    )
    for name, code, attr in single:
        _check_code(catalog, name, code, f"{at}.{attr}")
    for j, code in enumerate(m.handling_forms):
        _check_code(catalog, EnumName.HANDLING_FORM, code, f"{at}.handling_forms[{j}]")
    _unique(m.handling_forms, f"{at}.handling_forms", "handling form")
    for j, code in enumerate(m.delivery_options):
        _check_code(catalog, EnumName.DELIVERY, code, f"{at}.delivery_options[{j}]")
    _unique(m.delivery_options, f"{at}.delivery_options", "delivery option")
    if not m.delivery_options and not catalog.has_flag(
        EnumName.RESULT_TYPE, m.result_type, Flag.NO_RESULT
    ):
        raise _fail(f"{at}.delivery_options", "a matter with a result needs a delivery option")

    if m.promised_limit_days > m.legal_limit_days:
        raise _fail(f"{at}.promised_limit_days", "promised limit exceeds the legal limit")
    on_the_spot = catalog.has_flag(EnumName.MATTER_KIND, m.kind, Flag.ON_THE_SPOT)
    if on_the_spot and m.promised_limit_days != 0:
        raise _fail(f"{at}.promised_limit_days", "an on-the-spot matter promises 0 days")
    if not on_the_spot and m.promised_limit_days == 0:
        raise _fail(f"{at}.promised_limit_days", "a promised matter needs at least 1 day")

    if catalog.form(m.form_id, m.form_version) is None:
        raise _fail(f"{at}.form_id", f"no form {m.form_id!r} version {m.form_version}")

    _unique((mat.code for mat in m.materials), f"{at}.materials", "material code", ".code")
    for j, mat in enumerate(m.materials):
        mp = f"{at}.materials[{j}]"
        _check_code(catalog, EnumName.MATERIAL_TYPE, mat.type, f"{mp}.type")
        _check_code(catalog, EnumName.MATERIAL_FORM, mat.form, f"{mp}.form")
        _check_code(catalog, EnumName.NECESSITY, mat.necessity, f"{mp}.necessity")
        for k, code in enumerate(mat.capture_methods):
            _check_code(catalog, EnumName.CAPTURE_METHOD, code, f"{mp}.capture_methods[{k}]")
        if catalog.has_flag(EnumName.NECESSITY, mat.necessity, Flag.DEFERRABLE) and (
            m.supplement_days is None
        ):
            raise _fail(f"{at}.supplement_days", "deferrable materials need a deadline")
        if catalog.has_flag(EnumName.NECESSITY, mat.necessity, Flag.COMMITMENT) and (
            m.commitment_text is None
        ):
            raise _fail(f"{at}.commitment_text", "commitment materials need a promise text")


def _check_forms(catalog: Catalog) -> None:
    _unique((f"{f.id}@{f.version}" for f in catalog.forms), "forms", "form id and version", ".id")
    for i, form in enumerate(catalog.forms):
        known = {f.name for f in form.iter_fields()} | {"value"}
        for path, source in iter_expressions(form, f"forms[{i}]"):
            _check_expression(source, path, known)
        check_form_plan(form, f"forms[{i}]")


# Why the engine refuses a form, as a reason for the catalogue's author.
_PLAN_REASONS = {
    "form.expression.cycle": "calculations or relevance depend on each other in a cycle",
    "form.expression.reserved_name": "'value' is reserved for a field's own value (reserved)",
    "form.expression.unknown_name": "expression names field {name!r}, not visible here "
    "(it sits inside a repeat group)",
    "form.schema.date_limit": "date limit must be an ISO date (YYYY-MM-DD) or 'today'",
    "form.schema.calculate_without_value": "groups and notes hold no value to calculate",
}


def check_form_plan(form: FormDefinition, at: str) -> None:
    """Build the forms engine's evaluation plan, so every form the gate lets through opens.

    The plan checks what a per-expression look cannot: dependency cycles, names used outside
    the repeat group they live in, the reserved name ``value`` and date limits.
    """
    from kiosk.forms.plan import build_plan  # see _check_expression for why it is local

    try:
        build_plan(form, _ANY_DAY)
    except KioskError as err:
        where = str(err.params.get("field", ""))
        path = _form_paths(form, at).get(where, at)
        attribute = err.params.get("attribute")
        if attribute:
            path = f"{path}.{attribute}"
        reason = _PLAN_REASONS.get(err.key, err.key).format(name=err.params.get("name", ""))
        raise CatalogError(path=path, reason=reason, detail=f"{path}: {err.key}") from err


def _form_paths(form: FormDefinition, at: str) -> dict[str, str]:
    """Catalogue path of every page id and field name of a form (names are unique in it)."""
    paths: dict[str, str] = {}

    def walk(fields: tuple[FormField, ...], prefix: str) -> None:
        for k, field in enumerate(fields):
            paths[field.name] = f"{prefix}.fields[{k}]"
            walk(field.fields, paths[field.name])

    for j, page in enumerate(form.pages):
        paths.setdefault(page.id, f"{at}.pages[{j}]")
        walk(page.fields, f"{at}.pages[{j}]")
    return paths


def iter_expressions(form: FormDefinition, at: str) -> Iterator[tuple[str, str]]:
    """Every expression in a form with its catalogue path, pages and nested groups included."""

    def walk(fields: tuple[FormField, ...], prefix: str) -> Iterator[tuple[str, str]]:
        for k, field in enumerate(fields):
            fp = f"{prefix}.fields[{k}]"
            for attr in _EXPRESSION_ATTRS:
                source = getattr(field, attr)
                if source is not None:
                    yield f"{fp}.{attr}", source
            yield from walk(field.fields, fp)

    for j, page in enumerate(form.pages):
        pp = f"{at}.pages[{j}]"
        if page.relevant is not None:
            yield f"{pp}.relevant", page.relevant
        yield from walk(page.fields, pp)


def _check_expression(source: str, path: str, known: set[str]) -> None:
    """The expression compiles and names only fields of its own form (typos fail here, not at
    the kiosk in front of a resident)."""
    # Imported here: the expression engine is a sibling feature and the catalogue models must
    # stay importable (e.g. by search) without it.
    from kiosk.forms.expressions import compile_expression

    try:
        compiled = compile_expression(source)
    except ExpressionError as err:
        raise CatalogError(
            path=path, reason="expression does not compile", detail=f"{path}: {err}"
        ) from err
    unknown = sorted(set(compiled.names) - known)
    if unknown:
        raise _fail(path, f"expression names unknown field {unknown[0]!r}")


def _check_bundles(catalog: Catalog) -> None:
    _unique((b.code for b in catalog.bundles), "bundles", "bundle code", ".code")
    matter_codes = {m.code for m in catalog.matters}
    for i, bundle in enumerate(catalog.bundles):
        at = f"bundles[{i}]"
        _check_code(catalog, EnumName.CATEGORY, bundle.theme, f"{at}.theme")
        _unique(bundle.matter_codes, f"{at}.matter_codes", "matter")
        for j, code in enumerate(bundle.matter_codes):
            if code not in matter_codes:
                raise _fail(f"{at}.matter_codes[{j}]", f"unknown matter {code!r}")
        check_form_plan(merge_bundle(catalog, bundle, path=at).form, at)
