"""What a receipt says (kiosk.receipts): labels, language, masking guard, order of fields."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from kiosk.errors import ValidationError
from kiosk.i18n import LocalText
from kiosk.receipts import (
    Delivery,
    LineStyle,
    QueueTicket,
    ReceiptContent,
    build_receipt,
    label,
)

NOW = datetime(2024, 5, 6, 14, 30)


def make(**overrides: object) -> ReceiptContent:
    args: dict[str, object] = {
        "station_name": "泉城路街道便民服务站",
        "printed_at": NOW,
        "matter_name": LocalText(zh="居民参保登记", en="Insurance enrolment"),
        "tracking_number": " JN2024050600123 ",
        "applicant_name": "张*",
        "id_number": "370102********123X",
        "time_limit_days": 3,
        "delivery": "pickup",
    }
    args.update(overrides)
    return build_receipt(**args)  # type: ignore[arg-type]


def texts(content: ReceiptContent | QueueTicket) -> str:
    return "\n".join(f"{line.label}|{line.text}" for line in content.lines())


def test_chinese_receipt_has_no_english_labels() -> None:
    content = make()
    assert content.matter_name_en is None
    body = texts(content)
    assert "受理编号" in body and "Tracking" not in body
    assert "3个工作日" in body and "窗口自取" in body
    assert "Insurance" not in body


def test_english_receipt_keeps_chinese_and_adds_english() -> None:
    content = make(
        language="en",
        materials_received=[LocalText(zh="居民身份证", en="Resident ID card")],
        delivery=Delivery.MAIL,
    )
    body = texts(content)
    assert content.matter_name_en == "Insurance enrolment"
    assert "受理编号 Tracking No." in body
    assert "居民身份证 (Resident ID card)" in body
    assert "邮寄送达（免费） Mail delivery (free of charge)" in body


def test_tracking_number_is_big_and_in_the_qr_line() -> None:
    lines = make().lines()
    assert [line.text for line in lines if line.style is LineStyle.BIG] == ["JN2024050600123"]
    assert [line.text for line in lines if line.style is LineStyle.QR] == ["JN2024050600123"]


def test_on_the_spot_and_supplement_deadline() -> None:
    content = make(
        time_limit_days=0,
        materials_to_supplement=["户口簿"],
        supplement_deadline=date(2024, 5, 20),
        next_steps=["补交材料"],
    )
    body = texts(content)
    assert "当场办结" in body
    assert "补交截止日期|2024-05-20" in body
    assert "1.|补交材料" in body
    assert "需补交材料" in body


def test_no_supplement_section_when_nothing_is_missing() -> None:
    assert "需补交材料" not in texts(make())
    assert "|无" in texts(make())  # "materials received: none" is explicit, not blank


def test_builder_masks_name_and_id_number() -> None:
    content = make(applicant_name="李晓敏", id_number="11010519491231002X")
    assert content.applicant_name_masked == "李*敏"
    assert content.id_number_masked == "110105********002X"
    body = texts(content)
    assert "11010519491231002X" not in body and "晓" not in body
    assert make().id_number_masked == "370102********123X"  # already masked: unchanged


def test_content_refuses_a_full_id_number() -> None:
    masked = make()
    with pytest.raises(ValidationError) as info:
        dataclasses.replace(masked, id_number_masked="11010519491231002X")
    assert info.value.key == "error.receipt.unmasked_id_number"


def test_supplement_needs_a_deadline_and_tracking_number_is_required() -> None:
    with pytest.raises(ValidationError):
        make(materials_to_supplement=["户口簿"])
    with pytest.raises(ValidationError):
        make(tracking_number="  ")


def test_queue_ticket_lines() -> None:
    ticket = QueueTicket("A012", "社保业务", 5, NOW, station_name="泉城路站", language="en")
    body = texts(ticket)
    assert "前面等待 5 人 5 people ahead of you" in body
    assert "|A012" in body
    with pytest.raises(ValidationError):
        QueueTicket("A1", "社保", -1, NOW)


def test_label_table_is_complete_for_both_languages() -> None:
    assert label("tracking", "zh_CN") == "受理编号"
    assert label("working_days", "en_US", n=2) == "2个工作日 2 working days"
