"""The review page (核对信息): every answer, material and choice on one page, masked for a
public screen, each section with the place its "edit" link goes back to.

What is masked (``docs/journey-service.md``, "Masking on the review page"): every ID number
and phone number; every person's name — the applicant's own name from the card (as the
greeting and the receipt show it), names of other people on the form (a ``text`` field
labelled …姓名 / …联系人) and every free-text answer inside a repeat-group row (rows describe
other people: family members, co-applicants).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from kiosk.forms.engine import FormState
from kiosk.forms.schema import FieldType, FormDefinition, FormField, PrefillSource
from kiosk.forms.validation import ADDRESS_PARTS
from kiosk.i18n import LocalText
from kiosk.identity.masking import mask_id_number, mask_name, mask_phone
from kiosk.receipts import Delivery
from kiosk.services.journey.context import JourneyContext
from kiosk.services.journey.models import (
    EditKind,
    EditTarget,
    JourneyMeta,
    MaterialChoice,
    MaterialStatus,
    ReviewModel,
    ReviewRow,
    ReviewSection,
)

_YES = LocalText(zh="是", en="Yes")
_NO = LocalText(zh="否", en="No")
_SIGNED = LocalText(zh="已签名", en="Signed")
_MATERIALS = LocalText(zh="申请材料", en="Documents")
_DELIVERY = LocalText(zh="结果领取方式", en="How you receive the result")
_SIGNATURE = LocalText(zh="签名", en="Signature")
_DELIVERY_LABELS = {
    Delivery.PICKUP: LocalText(zh="窗口自取", en="Pick up at the service window"),
    Delivery.MAIL: LocalText(zh="邮寄送达（免费）", en="Free delivery by post"),
}


# A ``text`` field whose Chinese label contains one of these holds a person's name.
PERSON_NAME_WORDS = ("姓名", "联系人")


def format_number(value: float) -> str:
    """A number as a resident reads it: 800 (not 800.0), 266.67, 0.3 (not 0.30000000000000004).

    Calculations yield floats (``/``, ``round(x, 2)``), typed answers ints or floats; the
    form schema has no money or unit type, so amounts show their own decimals, at most ten.
    """
    if isinstance(value, bool) or not math.isfinite(value):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: str) -> LocalText | None:
    """An ISO date as a resident reads it: 1985年3月12日 / 12 March 1985 (None if not ISO)."""
    try:
        d = date.fromisoformat(value)
    except ValueError:
        return None
    return LocalText(
        zh=f"{d.year}年{d.month}月{d.day}日", en=f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    )


def is_person_name(f: FormField, in_row: bool) -> bool:
    """Whether a field's answer is masked like a name (see the module docstring)."""
    if f.prefill is PrefillSource.NAME:
        return True
    if f.type is not FieldType.TEXT:
        return False
    return in_row or any(word in f.label.zh for word in PERSON_NAME_WORDS)


def _text(value: str) -> LocalText | None:
    value = value.strip()
    return LocalText(zh=value, en=value) if value else None


def _display(
    form: FormDefinition, f: FormField, value: object, in_row: bool = False
) -> tuple[LocalText | None, bool]:
    """(what to show, whether it was masked). Masking follows the public-display rules;
    ``in_row``: the field belongs to a repeat-group row (another person)."""
    if value is None or value == "" or value == []:
        return None, False
    if f.type is FieldType.ID_NUMBER or f.prefill is PrefillSource.ID_NUMBER:
        return _text(mask_id_number(str(value))), True
    if f.type is FieldType.PHONE:
        return _text(mask_phone(str(value))), True
    if is_person_name(f, in_row) and isinstance(value, str):
        return _text(mask_name(value)), True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _text(format_number(value)), False
    if f.type is FieldType.YES_NO:
        return (_YES if value is True else _NO), False
    if f.type is FieldType.DATE and isinstance(value, str):
        if in_row and "出生" in f.label.zh and len(value) >= 4:  # another person's birthday
            year = value[:4]
            return LocalText(zh=f"{year}年**月**日", en=f"** ** {year}"), True
        return (format_date(value) or _text(value)), False
    if f.type is FieldType.SIGNATURE:
        return _SIGNED, False
    if f.type is FieldType.ATTACHMENT and isinstance(value, list):
        n = len(value)
        return LocalText(zh=f"{n} 个文件", en=f"{n} file(s)"), False
    choices = {c.value: c.label for c in form.choice_lists.get(f.choices or "", ())}
    if f.type is FieldType.SELECT_ONE:
        return choices.get(str(value)) or _text(str(value)), False
    if f.type is FieldType.SELECT_MULTIPLE and isinstance(value, list):
        labels = [choices.get(str(v)) or LocalText(zh=str(v), en=str(v)) for v in value]
        return LocalText(
            zh="、".join(x.zh for x in labels), en=", ".join(x.en for x in labels)
        ), False
    if f.type is FieldType.ADDRESS and isinstance(value, dict):
        return _text("".join(str(value.get(p) or "") for p in ADDRESS_PARTS)), False
    return _text(str(value)), False


def _rows(
    form: FormDefinition,
    fields: Sequence[FormField],
    values: Mapping[str, object],
    state: FormState,
    prefix: str,
    prefilled: frozenset[str],
    issues: Mapping[str, str],
) -> list[ReviewRow]:
    out: list[ReviewRow] = []
    for f in fields:
        path = prefix + f.name
        if f.type is FieldType.NOTE or not state.is_relevant(path):
            continue
        if f.type is FieldType.GROUP and not f.repeat:
            out += _rows(form, f.fields, values, state, prefix, prefilled, issues)
            continue
        value = values.get(f.name)
        if f.type is FieldType.GROUP:
            rows = value if isinstance(value, list) else []
            for i, row in enumerate(rows):
                if isinstance(row, dict):
                    out += _rows(form, f.fields, row, state, f"{path}[{i}].", prefilled, issues)
            if path in issues:
                out.append(ReviewRow(path, f.label, None, issue_key=issues[path]))
            continue
        shown, masked = _display(form, f, value, in_row=bool(prefix))
        out.append(
            ReviewRow(
                path=path,
                label=f.label,
                display=shown,
                masked=masked,
                prefilled=not prefix and f.name in prefilled,
                issue_key=issues.get(path),
            )
        )
    return out


def build_review(
    *,
    draft_id: str,
    ctx: JourneyContext,
    state: FormState,
    effective: Mapping[str, object],
    meta: JourneyMeta,
    materials: tuple[MaterialStatus, ...],
    supplement_deadline: date | None,
) -> ReviewModel:
    """``effective`` holds the values as the engine sees them (calculated ones included)."""
    issues = {issue.path: issue.key for issue in state.issues}
    sections: list[ReviewSection] = []
    visible = set(state.visible_pages)
    for page in ctx.form.pages:
        if page.id not in visible:
            continue
        rows = _rows(ctx.form, page.fields, effective, state, "", meta.prefilled, issues)
        if rows:
            sections.append(
                ReviewSection(page.title, EditTarget(EditKind.FORM_PAGE, page.id), tuple(rows))
            )
    if materials:
        sections.append(
            ReviewSection(
                _MATERIALS,
                EditTarget(EditKind.MATERIALS),
                tuple(_material_row(m) for m in materials),
            )
        )
    options = ctx.delivery_options
    if options:
        shown = None if meta.delivery is None else _DELIVERY_LABELS[meta.delivery]
        row = ReviewRow("delivery", _DELIVERY, shown)
        sections.append(ReviewSection(_DELIVERY, EditTarget(EditKind.DELIVERY), (row,)))
    signed = meta.signature is not None
    sig_row = ReviewRow("signature", _SIGNATURE, _SIGNED if signed else None)
    sections.append(ReviewSection(_SIGNATURE, EditTarget(EditKind.SIGNATURE), (sig_row,)))
    return ReviewModel(
        draft_id=draft_id,
        title=ctx.title,
        sections=tuple(sections),
        materials=materials,
        delivery=meta.delivery,
        delivery_options=options,
        signed=signed,
        issues=state.issues,
        unresolved_materials=tuple(m.info.code for m in materials if not m.resolved),
        supplement_deadline=supplement_deadline,
        language=meta.language,
    )


_CHOICE_TEXT: dict[MaterialChoice, LocalText] = {
    MaterialChoice.CAPTURED: LocalText(zh="已拍照 {n} 页", en="{n} page(s) photographed"),
    MaterialChoice.E_CERTIFICATE: LocalText(zh="调取电子证照", en="Fetched as e-certificate"),
    MaterialChoice.WINDOW: LocalText(zh="到窗口提交纸质材料", en="Hand in on paper at the window"),
    MaterialChoice.DEFERRED: LocalText(zh="容缺后补", en="To be supplied later"),
    MaterialChoice.COMMITMENT: LocalText(zh="告知承诺", en="Replaced by your signed promise"),
    MaterialChoice.OMITTED: LocalText(zh="不提供", en="Not provided"),
}


def choice_text(choice: MaterialChoice, pages: int = 0) -> LocalText:
    text = _CHOICE_TEXT[choice]
    return LocalText(zh=text.zh.format(n=pages), en=text.en.format(n=pages))


def _material_row(m: MaterialStatus) -> ReviewRow:
    shown = None if m.choice is None else choice_text(m.choice, len(m.pages))
    issue = None if m.resolved else "journey.material.unresolved"
    return ReviewRow(f"materials.{m.info.code}", m.info.name, shown, issue_key=issue)
