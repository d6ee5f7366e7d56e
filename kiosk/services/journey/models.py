"""Value objects the journey service hands to the UI (frozen, Qt-free, safe to pass between
threads) and the errors it raises on purpose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from kiosk.errors import ValidationError
from kiosk.forms.schema import FormDefinition
from kiosk.forms.validation import Issue
from kiosk.i18n import LocalText
from kiosk.receipts import Delivery, ReceiptContent


class MaterialChoice(StrEnum):
    """How the resident provides one material. Which ones are offered is catalogue data:
    see :func:`kiosk.services.journey.context.allowed_choices`."""

    CAPTURED = "captured"  # photographed at the kiosk (needs capture method ``camera``)
    E_CERTIFICATE = "e_certificate"  # fetched from the e-certificate library (电子证照)
    WINDOW = "window"  # paper handed in at the service window (capture method ``window``)
    DEFERRED = "deferred"  # 容缺后补: supplied later, before the supplement deadline
    COMMITMENT = "commitment"  # 告知承诺: replaced by the signed promise (commitment text)
    OMITTED = "omitted"  # 非必要: the resident does not provide it


class EditKind(StrEnum):
    FORM_PAGE = "form_page"
    MATERIALS = "materials"
    DELIVERY = "delivery"
    SIGNATURE = "signature"


# -- errors ----------------------------------------------------------------------------------
class FormInvalidError(ValidationError):
    """Submit refused because the form has issues; ``issues`` say where (keys, no values)."""

    default_key = "error.journey.form_invalid"

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        super().__init__(count=len(issues))
        self.issues = issues


class MaterialChoiceError(ValidationError):
    """The catalogue does not offer this way of providing the material (route elsewhere)."""

    default_key = "error.journey.material.choice_not_allowed"


class RatingDuplicateError(ValidationError):
    """This case was already rated on this channel (一次一评)."""

    default_key = "error.rating.duplicate"


# -- start / resume --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MaterialInfo:
    """One material of the matter (or de-duplicated across a bundle) with what is allowed."""

    code: str
    name: LocalText
    necessity: str
    necessity_label: LocalText | None
    required: bool  # False for 非必要 (optional)
    deferrable: bool  # 容缺后补
    commitment: bool  # 告知承诺
    capture_methods: tuple[str, ...]
    allowed_choices: tuple[MaterialChoice, ...]
    default_choice: MaterialChoice | None
    copies: int
    note: LocalText | None
    supplement_deadline: date | None  # only for deferrable materials
    commitment_text: LocalText | None  # only for commitment materials
    matter_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DraftHandle:
    """Everything the form, materials and signature screens need to start (or resume)."""

    draft_id: str
    matter_code: str | None
    bundle_code: str | None
    title: LocalText
    form: FormDefinition
    values: dict[str, Any]
    prefilled: frozenset[str]
    materials: tuple[MaterialInfo, ...]
    choices: Mapping[str, MaterialChoice]
    delivery_options: tuple[Delivery, ...]
    on_the_spot: bool
    time_limit_days: int
    supplement_deadline: date | None  # earliest deadline among deferrable materials
    commitment_texts: tuple[LocalText, ...]
    language: str
    page: int
    saved_for_later: bool


@dataclass(frozen=True, slots=True)
class SavedDraft:
    """A draft the resident saved for later (for the "continue where you left off" list)."""

    draft_id: str
    matter_code: str | None
    bundle_code: str | None
    title: LocalText
    page: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MaterialPage:
    sha256: str
    size: int
    page_number: int  # 1-based, in capture order


# -- review ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EditTarget:
    """Where an "edit" link on the review page goes."""

    kind: EditKind
    page_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One answer as shown on the review page; ``display`` is already masked when ``masked``."""

    path: str
    label: LocalText
    display: LocalText | None  # None = left empty
    masked: bool = False
    prefilled: bool = False
    issue_key: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewSection:
    title: LocalText
    target: EditTarget
    rows: tuple[ReviewRow, ...]


@dataclass(frozen=True, slots=True)
class MaterialStatus:
    info: MaterialInfo
    choice: MaterialChoice | None
    pages: tuple[MaterialPage, ...]

    @property
    def resolved(self) -> bool:
        """Provided, promised, deferred, or (optional) consciously skipped."""
        if self.choice is None:
            return not self.info.required
        if self.choice is MaterialChoice.CAPTURED:
            return bool(self.pages)
        return True


@dataclass(frozen=True, slots=True)
class ReviewModel:
    """The whole application on one page. ``ready`` is False while anything needs attention,
    but submitting is still allowed when only materials are open: they are routed to the window
    (the window has no veto)."""

    draft_id: str
    title: LocalText
    sections: tuple[ReviewSection, ...]
    materials: tuple[MaterialStatus, ...]
    delivery: Delivery | None
    delivery_options: tuple[Delivery, ...]
    signed: bool
    issues: tuple[Issue, ...]
    unresolved_materials: tuple[str, ...]
    supplement_deadline: date | None
    language: str

    @property
    def form_valid(self) -> bool:
        return not self.issues

    @property
    def ready(self) -> bool:
        return self.form_valid and not self.unresolved_materials


# -- submit / print --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PrintOutcome:
    printed: bool
    reason_key: str | None = None  # "error.printer.paper_out", "error.printer.offline", ...


@dataclass(frozen=True, slots=True)
class SubmitResult:
    """The case exists once this is returned, whatever ``printed`` says."""

    tracking_number: str
    submission_id: str
    receipt: ReceiptContent | None  # None only if even storing the receipt failed
    printed: bool
    print_reason_key: str | None
    deferred_materials: tuple[tuple[str, date], ...]  # (material code, deadline)
    window_materials: tuple[str, ...]  # handed in or routed to the window
    supplement_deadline: date | None
    repeated: bool = False  # a double tap: the first submission's result, nothing new done


@dataclass(frozen=True, slots=True)
class RatingResult:
    rating_id: int
    follow_up_by: date | None  # bad ratings are followed up by this date (working days)


@dataclass(frozen=True, slots=True)
class Progress:
    """One case for the progress query; ``source`` "cache" (from the platform via sync) or
    "local" (submitted here, no news from the platform yet)."""

    tracking_number: str
    matter_code: str | None
    bundle_code: str | None
    status: str
    timeline: tuple[Mapping[str, Any], ...]
    updated_at: datetime
    source: str


@dataclass(frozen=True, slots=True)
class JourneyMeta:
    """Journey state kept inside the draft (so it survives crashes and save-for-later)."""

    language: str = "zh_CN"
    prefilled: frozenset[str] = frozenset()
    choices: Mapping[str, MaterialChoice] = field(default_factory=dict)
    delivery: Delivery | None = None
    signature: str | None = None
