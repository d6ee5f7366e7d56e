"""The resident journey service (Qt-free): see :mod:`kiosk.services.journey.service` and
``docs/journey-service.md``."""

from kiosk.services.journey.calendar import WeekendCalendar, WorkingCalendar, add_working_days
from kiosk.services.journey.context import META_KEY, allowed_choices
from kiosk.services.journey.models import (
    DraftHandle,
    EditKind,
    EditTarget,
    FormInvalidError,
    MaterialChoice,
    MaterialChoiceError,
    MaterialInfo,
    MaterialPage,
    MaterialStatus,
    PrintOutcome,
    Progress,
    RatingDuplicateError,
    RatingResult,
    ReviewModel,
    ReviewRow,
    ReviewSection,
    SavedDraft,
    SubmitResult,
)
from kiosk.services.journey.ratings import RatingScheme, check_rating, load_rating_scheme
from kiosk.services.journey.receipt_codec import receipt_from_json, receipt_to_json
from kiosk.services.journey.service import CaseLookup, JourneyService
from kiosk.services.journey.stores import PerThreadStores, StoreDraftDisposer, StoreSource

__all__ = [
    "META_KEY",
    "CaseLookup",
    "DraftHandle",
    "EditKind",
    "EditTarget",
    "FormInvalidError",
    "JourneyService",
    "MaterialChoice",
    "MaterialChoiceError",
    "MaterialInfo",
    "MaterialPage",
    "MaterialStatus",
    "PerThreadStores",
    "PrintOutcome",
    "Progress",
    "RatingDuplicateError",
    "RatingResult",
    "RatingScheme",
    "ReviewModel",
    "ReviewRow",
    "ReviewSection",
    "SavedDraft",
    "StoreDraftDisposer",
    "StoreSource",
    "SubmitResult",
    "WeekendCalendar",
    "WorkingCalendar",
    "add_working_days",
    "allowed_choices",
    "check_rating",
    "load_rating_scheme",
    "receipt_from_json",
    "receipt_to_json",
]
