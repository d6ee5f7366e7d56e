"""What a printed receipt or queue ticket says — the words, not the pixels.

A receipt is the resident's only proof that the kiosk accepted a matter (一窗办: results come out
of one place), so its content is decided here, in the Qt-free core, where it can be tested
without a printer: which fields appear, in which order, with which labels, in which language.
Drivers turn the resulting :class:`ReceiptLine` list into pixels; they never choose wording.

Labels live in a small table in this module instead of the Qt translation catalogue because
receipts are printed (no Qt involved) and must read the same on every terminal. Chinese always
appears — window staff read the receipt too — and English labels are added when the resident's
session language was English.

Personal data: the receipt only ever carries *masked* name and ID number. The builder masks them,
and the content itself refuses a full 18-character ID number, so no caller mistake can put one
on paper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.errors import ValidationError
from kiosk.i18n import LocalText
from kiosk.identity.masking import mask_id_number, mask_name

DEFAULT_HOTLINE = "12345"


class Delivery(StrEnum):
    """How the result reaches the resident (自取 or 邮寄, free two-way express in Jinan)."""

    PICKUP = "pickup"
    MAIL = "mail"


class LineStyle(StrEnum):
    """Visual role of a line; the renderer maps each role to a font size and alignment."""

    TITLE = "title"  # station name, centred
    HEADING = "heading"  # document kind, centred
    FIELD = "field"  # label + value
    BIG = "big"  # tracking / ticket number, large and centred
    QR = "qr"  # the text is the tracking number the QR code must carry
    TEXT = "text"  # free text (wrapped)
    BULLET = "bullet"  # list item (wrapped, hanging indent)
    SMALL = "small"  # footer notes, centred
    RULE = "rule"  # horizontal separator


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    style: LineStyle
    text: str = ""
    label: str = ""


# Label table: key -> (zh, en). Printed text, so it stays out of the Qt catalogue.
LABELS: dict[str, tuple[str, str]] = {
    "receipt.heading": ("受理回执", "Acceptance Receipt"),
    "matter": ("办理事项", "Matter"),
    "tracking": ("受理编号", "Tracking No."),
    "qr_hint": ("扫码查询办理进度", "Scan to check progress"),
    "applicant": ("申请人", "Applicant"),
    "id_number": ("证件号码", "ID No."),
    "printed_at": ("受理时间", "Accepted at"),
    "received": ("已收材料", "Materials received"),
    "supplement": ("需补交材料", "Materials to supplement"),
    "deadline": ("补交截止日期", "Supplement by"),
    "time_limit": ("承诺时限", "Promised time limit"),
    "on_the_spot": ("当场办结", "Completed on the spot"),
    "working_days": ("{n}个工作日", "{n} working days"),
    "delivery": ("取件方式", "Result delivery"),
    "delivery.pickup": ("窗口自取", "Pick up at the service window"),
    "delivery.mail": ("邮寄送达（免费）", "Mail delivery (free of charge)"),
    "next_steps": ("后续事项", "Next steps"),
    "none": ("无", "None"),
    "hotline": ("咨询投诉电话", "Hotline"),
    "keep": ("请妥善保管本回执", "Please keep this receipt"),
    "ticket.heading": ("排队取号", "Queue Ticket"),
    "ticket.business": ("办理业务", "Service"),
    "ticket.waiting": ("前面等待 {n} 人", "{n} people ahead of you"),
    "ticket.issued_at": ("取号时间", "Issued at"),
    "ticket.hint": ("请留意叫号，过号需重新取号", "Please listen for your number"),
}

_FULL_ID_NUMBER = re.compile(r"^\d{17}[\dXx]$")


def is_english(language: str) -> bool:
    return language.lower().startswith("en")


def label(key: str, language: str, **params: object) -> str:
    """Chinese label, followed by the English one when the session language is English."""
    zh, en = LABELS[key]
    zh, en = zh.format(**params), en.format(**params)
    return f"{zh} {en}" if is_english(language) else zh


def local(text: LocalText | str, language: str) -> str:
    """Data text for the receipt: Chinese, plus English in brackets for English sessions
    (ASCII brackets: the content inside is English)."""
    if isinstance(text, str):
        return text
    if is_english(language) and text.en != text.zh:
        return f"{text.zh} ({text.en})"
    return text.zh


def format_datetime(moment: datetime) -> str:
    # Numeric form reads the same in both languages and fits 58 mm paper.
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class ReceiptContent:
    """Everything printed on an acceptance receipt (受理回执).

    ``time_limit_days`` 0 means an on-the-spot matter (即办件). Applicant name and ID number are
    already masked (张* / 370102********1234).
    """

    station_name: str
    printed_at: datetime
    matter_name_zh: str
    tracking_number: str
    applicant_name_masked: str
    id_number_masked: str
    time_limit_days: int
    delivery: Delivery
    language: str = "zh_CN"
    matter_name_en: str | None = None
    materials_received: tuple[str, ...] = ()
    materials_to_supplement: tuple[str, ...] = ()
    supplement_deadline: date | None = None
    next_steps: tuple[str, ...] = ()
    hotline: str = DEFAULT_HOTLINE

    def __post_init__(self) -> None:
        if not self.tracking_number.strip():
            raise ValidationError("error.receipt.no_tracking_number")
        if _FULL_ID_NUMBER.match(self.id_number_masked.strip()):
            # Never print a full ID number: the receipt leaves the station with the resident.
            raise ValidationError("error.receipt.unmasked_id_number")
        if self.time_limit_days < 0:
            raise ValidationError("error.receipt.time_limit", days=self.time_limit_days)
        if self.materials_to_supplement and self.supplement_deadline is None:
            raise ValidationError("error.receipt.supplement_without_deadline")

    def lines(self) -> list[ReceiptLine]:
        """The receipt, top to bottom, with labels in the receipt's language."""
        lang = self.language
        matter = self.matter_name_zh
        if is_english(lang) and self.matter_name_en:
            matter = f"{matter}\n{self.matter_name_en}"
        if self.time_limit_days == 0:
            limit = label("on_the_spot", lang)
        else:
            limit = label("working_days", lang, n=self.time_limit_days)
        out = [
            ReceiptLine(LineStyle.TITLE, self.station_name),
            ReceiptLine(LineStyle.HEADING, label("receipt.heading", lang)),
            ReceiptLine(LineStyle.RULE),
            ReceiptLine(LineStyle.FIELD, matter, label("matter", lang)),
            ReceiptLine(LineStyle.TEXT, label("tracking", lang)),
            ReceiptLine(LineStyle.BIG, self.tracking_number),
            ReceiptLine(LineStyle.QR, self.tracking_number),
            ReceiptLine(LineStyle.SMALL, label("qr_hint", lang)),
            ReceiptLine(LineStyle.RULE),
            ReceiptLine(LineStyle.FIELD, self.applicant_name_masked, label("applicant", lang)),
            ReceiptLine(LineStyle.FIELD, self.id_number_masked, label("id_number", lang)),
            ReceiptLine(
                LineStyle.FIELD, format_datetime(self.printed_at), label("printed_at", lang)
            ),
            ReceiptLine(LineStyle.FIELD, limit, label("time_limit", lang)),
            ReceiptLine(
                LineStyle.FIELD,
                label(f"delivery.{self.delivery.value}", lang),
                label("delivery", lang),
            ),
            ReceiptLine(LineStyle.TEXT, label("received", lang)),
        ]
        out += _bullets(self.materials_received, lang)
        if self.materials_to_supplement:
            out.append(ReceiptLine(LineStyle.TEXT, label("supplement", lang)))
            out += _bullets(self.materials_to_supplement, lang)
            assert self.supplement_deadline is not None  # checked in __post_init__
            out.append(
                ReceiptLine(
                    LineStyle.FIELD,
                    self.supplement_deadline.isoformat(),
                    label("deadline", lang),
                )
            )
        if self.next_steps:
            out.append(ReceiptLine(LineStyle.TEXT, label("next_steps", lang)))
            out += [
                ReceiptLine(LineStyle.BULLET, step, f"{i}.")
                for i, step in enumerate(self.next_steps, start=1)
            ]
        out += [
            ReceiptLine(LineStyle.RULE),
            ReceiptLine(LineStyle.FIELD, self.hotline, label("hotline", lang)),
            ReceiptLine(LineStyle.SMALL, label("keep", lang)),
        ]
        return out


def _bullets(items: Sequence[str], language: str) -> list[ReceiptLine]:
    if not items:
        return [ReceiptLine(LineStyle.BULLET, label("none", language), "·")]
    return [ReceiptLine(LineStyle.BULLET, item, "·") for item in items]


@dataclass(frozen=True, slots=True)
class QueueTicket:
    """A queue number (取号) printed with business, waiting count and time (hall practice)."""

    ticket_number: str
    business_name: str
    waiting_count: int
    issued_at: datetime
    station_name: str = ""
    language: str = "zh_CN"

    def __post_init__(self) -> None:
        if not self.ticket_number.strip():
            raise ValidationError("error.ticket.no_number")
        if self.waiting_count < 0:
            raise ValidationError("error.ticket.waiting_count", count=self.waiting_count)

    def lines(self) -> list[ReceiptLine]:
        lang = self.language
        out = [ReceiptLine(LineStyle.TITLE, self.station_name)] if self.station_name else []
        out += [
            ReceiptLine(LineStyle.HEADING, label("ticket.heading", lang)),
            ReceiptLine(LineStyle.BIG, self.ticket_number),
            ReceiptLine(LineStyle.FIELD, self.business_name, label("ticket.business", lang)),
            ReceiptLine(LineStyle.TEXT, label("ticket.waiting", lang, n=self.waiting_count)),
            ReceiptLine(
                LineStyle.FIELD, format_datetime(self.issued_at), label("ticket.issued_at", lang)
            ),
            ReceiptLine(LineStyle.RULE),
            ReceiptLine(LineStyle.SMALL, label("ticket.hint", lang)),
        ]
        return out


def build_receipt(
    *,
    station_name: str,
    printed_at: datetime,
    matter_name: LocalText | str,
    tracking_number: str,
    applicant_name: str,
    id_number: str,
    time_limit_days: int,
    delivery: Delivery | str,
    language: str = "zh_CN",
    materials_received: Sequence[LocalText | str] = (),
    materials_to_supplement: Sequence[LocalText | str] = (),
    supplement_deadline: date | None = None,
    next_steps: Sequence[LocalText | str] = (),
    hotline: str = DEFAULT_HOTLINE,
) -> ReceiptContent:
    """Build a receipt from plain inputs (catalogue texts may be :class:`LocalText`).

    The applicant's name and ID number are masked here with :mod:`kiosk.identity.masking`
    (idempotent, so already-masked values pass through unchanged): a caller cannot forget it.
    """
    if isinstance(matter_name, LocalText):
        zh, en = matter_name.zh, (matter_name.en if is_english(language) else None)
    else:
        zh, en = matter_name, None
    return ReceiptContent(
        station_name=station_name,
        printed_at=printed_at,
        matter_name_zh=zh,
        matter_name_en=en,
        tracking_number=tracking_number.strip(),
        applicant_name_masked=mask_name(applicant_name),
        id_number_masked=mask_id_number(id_number),
        time_limit_days=time_limit_days,
        delivery=Delivery(delivery),
        language=language,
        materials_received=tuple(local(m, language) for m in materials_received),
        materials_to_supplement=tuple(local(m, language) for m in materials_to_supplement),
        supplement_deadline=supplement_deadline,
        next_steps=tuple(local(s, language) for s in next_steps),
        hotline=hotline,
    )
