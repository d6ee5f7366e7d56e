"""From a valid draft to the receipt: what was provided, what is routed, what is printed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.forms.schema import FormDefinition, PrefillSource
from kiosk.i18n import LocalText
from kiosk.identity.model import Identity
from kiosk.receipts import Delivery, ReceiptContent, build_receipt
from kiosk.services.journey.context import JourneyContext
from kiosk.services.journey.models import JourneyMeta, MaterialChoice, MaterialStatus
from kiosk.services.journey.review import choice_text

SUBMISSION_META_VERSION = 1


@dataclass(frozen=True, slots=True)
class MaterialPlan:
    """Where every material goes, decided once at submit time."""

    received: tuple[LocalText, ...]
    deferred: tuple[tuple[MaterialStatus, date], ...]
    window: tuple[MaterialStatus, ...]  # chosen "window" or unresolved: the window follows up
    commitments: tuple[MaterialStatus, ...]

    @property
    def supplement_deadline(self) -> date | None:
        return min((d for _, d in self.deferred), default=None)


def plan_materials(materials: tuple[MaterialStatus, ...], today: date) -> MaterialPlan:
    received: list[LocalText] = []
    deferred: list[tuple[MaterialStatus, date]] = []
    window: list[MaterialStatus] = []
    commitments: list[MaterialStatus] = []
    for m in materials:
        name = m.info.name
        choice = m.choice
        if choice is MaterialChoice.CAPTURED and m.pages:
            extra = choice_text(choice, len(m.pages))
            received.append(LocalText(zh=f"{name.zh}（{extra.zh}）", en=f"{name.en} ({extra.en})"))
        elif choice is MaterialChoice.E_CERTIFICATE or choice is MaterialChoice.COMMITMENT:
            extra = choice_text(choice)
            received.append(LocalText(zh=f"{name.zh}（{extra.zh}）", en=f"{name.en} ({extra.en})"))
            if choice is MaterialChoice.COMMITMENT:
                commitments.append(m)
        elif choice is MaterialChoice.DEFERRED:
            # A deferrable material always has a deadline (catalogue rule); today is the floor.
            deferred.append((m, m.info.supplement_deadline or today))
        elif choice is MaterialChoice.WINDOW or not m.resolved:
            window.append(m)
    return MaterialPlan(tuple(received), tuple(deferred), tuple(window), tuple(commitments))


def submission_meta(
    meta: JourneyMeta, plan: MaterialPlan, catalog_version: str, delivery: Delivery
) -> dict[str, Any]:
    """What the sync sender needs beyond the form data (language, delivery, deferred list)."""
    return {
        "v": SUBMISSION_META_VERSION,
        "catalog_version": catalog_version,
        "language": meta.language,
        "delivery": delivery.value,
        "material_choices": {k: v.value for k, v in meta.choices.items()},
        "deferred_materials": [
            {"code": m.info.code, "deadline": d.isoformat()} for m, d in plan.deferred
        ],
        "window_materials": [m.info.code for m in plan.window],
        "commitments": [m.info.code for m in plan.commitments],
        "signature": meta.signature,
    }


def _applicant(
    form: FormDefinition, data: Mapping[str, object], identity: Identity | None
) -> tuple[str, str]:
    """Name and ID number for the receipt: the card, else the form's card-bound fields."""
    if identity is not None:
        return identity.name, identity.id_number
    name = number = ""
    for f in form.iter_fields():
        value = data.get(f.name)
        if not isinstance(value, str):
            continue
        if f.prefill is PrefillSource.NAME and not name:
            name = value
        elif f.prefill is PrefillSource.ID_NUMBER and not number:
            number = value
    return name, number


def _next_steps(plan: MaterialPlan, delivery: Delivery) -> list[LocalText]:
    steps: list[LocalText] = []
    if plan.window:
        zh = "、".join(m.info.name.zh for m in plan.window)
        en = "; ".join(m.info.name.en for m in plan.window)
        steps.append(
            LocalText(
                zh=f"请携带以下纸质材料到服务窗口：{zh}",
                en=f"Please bring these papers to the service window: {en}",
            )
        )
    if plan.deferred:
        steps.append(
            LocalText(
                zh="容缺材料请在补交截止日期前提交，逾期将影响办理",
                en="Supply the missing documents before the deadline to avoid delays",
            )
        )
    if delivery is Delivery.MAIL:
        steps.append(
            LocalText(
                zh="办理结果将免费邮寄到您填写的地址",
                en="The result will be posted to you free of charge",
            )
        )
    steps.append(
        LocalText(
            zh="凭受理编号可在自助终端或拨打热线查询办理进度",
            en="Check progress at any kiosk or the hotline with your tracking number",
        )
    )
    return steps


def make_receipt(
    *,
    ctx: JourneyContext,
    data: Mapping[str, object],
    identity: Identity | None,
    plan: MaterialPlan,
    delivery: Delivery,
    tracking_number: str,
    station_name: str,
    hotline: str,
    printed_at: datetime,
    language: str,
) -> ReceiptContent:
    name, number = _applicant(ctx.form, data, identity)
    return build_receipt(
        station_name=station_name,
        printed_at=printed_at,
        matter_name=ctx.title,
        tracking_number=tracking_number,
        applicant_name=name,
        id_number=number,
        time_limit_days=ctx.time_limit_days,
        delivery=delivery,
        language=language,
        materials_received=plan.received,
        materials_to_supplement=[m.info.name for m, _ in plan.deferred],
        supplement_deadline=plan.supplement_deadline,
        next_steps=_next_steps(plan, delivery),
        hotline=hotline,
    )
