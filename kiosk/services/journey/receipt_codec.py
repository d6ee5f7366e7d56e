"""Stored form of a :class:`~kiosk.receipts.ReceiptContent` (the ``receipts.content`` JSON), so a
receipt that could not be printed (paper out) prints later exactly as it was rendered."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from kiosk.receipts import Delivery, ReceiptContent

RECEIPT_FORMAT = 1


def receipt_to_json(content: ReceiptContent) -> dict[str, Any]:
    return {
        "format": RECEIPT_FORMAT,
        "station_name": content.station_name,
        "printed_at": content.printed_at.isoformat(),
        "matter_name_zh": content.matter_name_zh,
        "matter_name_en": content.matter_name_en,
        "tracking_number": content.tracking_number,
        "applicant_name_masked": content.applicant_name_masked,
        "id_number_masked": content.id_number_masked,
        "time_limit_days": content.time_limit_days,
        "delivery": content.delivery.value,
        "language": content.language,
        "materials_received": list(content.materials_received),
        "materials_to_supplement": list(content.materials_to_supplement),
        "supplement_deadline": (
            None if content.supplement_deadline is None else content.supplement_deadline.isoformat()
        ),
        "next_steps": list(content.next_steps),
        "hotline": content.hotline,
    }


def receipt_from_json(raw: Mapping[str, Any]) -> ReceiptContent:
    deadline = raw.get("supplement_deadline")
    return ReceiptContent(
        station_name=raw["station_name"],
        printed_at=datetime.fromisoformat(raw["printed_at"]),
        matter_name_zh=raw["matter_name_zh"],
        matter_name_en=raw.get("matter_name_en"),
        tracking_number=raw["tracking_number"],
        applicant_name_masked=raw["applicant_name_masked"],
        id_number_masked=raw["id_number_masked"],
        time_limit_days=int(raw["time_limit_days"]),
        delivery=Delivery(raw["delivery"]),
        language=raw.get("language", "zh_CN"),
        materials_received=tuple(raw.get("materials_received", ())),
        materials_to_supplement=tuple(raw.get("materials_to_supplement", ())),
        supplement_deadline=None if deadline is None else date.fromisoformat(deadline),
        next_steps=tuple(raw.get("next_steps", ())),
        hotline=raw.get("hotline", "12345"),
    )
