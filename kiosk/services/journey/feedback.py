"""好差评 ratings, 找茬 complaints and the offline progress query, over one store connection."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from kiosk.errors import NotFoundError, PlatformError, ValidationError
from kiosk.ports.platform import CaseProgress
from kiosk.services.journey.calendar import WorkingCalendar, add_working_days
from kiosk.services.journey.models import Progress, RatingDuplicateError, RatingResult
from kiosk.services.journey.ratings import RatingScheme, check_rating
from kiosk.store import Store, is_valid_tracking_number
from kiosk.store.status import CaseStatus
from kiosk.store.submissions import Submission

log = logging.getLogger(__name__)

_JPEG_MAGIC = b"\xff\xd8\xff"
_MAX_COMPLAINT_CHARS = 2000
_MAX_COMMENT_CHARS = 500
LOCAL_STATUS = "submitted"  # our own case, no news from the platform yet


def _tracking(text: str, key: str) -> str:
    number = text.strip().upper()
    if not is_valid_tracking_number(number):
        raise ValidationError(key)
    return number


def rate(
    store: Store,
    scheme: RatingScheme,
    calendar: WorkingCalendar,
    today: date,
    tracking_number: str,
    matter_code: str | None,
    level: int,
    indicators: Mapping[str, int],
    reasons: Sequence[str],
    *,
    anonymous: bool,
    contact: str | None,
    comment: str | None,
) -> RatingResult:
    number = _tracking(tracking_number, "error.rating.invalid_tracking_number")
    contact = contact.strip() if contact is not None and contact.strip() else None
    check_rating(scheme, level, indicators, reasons, anonymous=anonymous, contact=contact)
    if comment is not None and len(comment) > _MAX_COMMENT_CHARS:
        raise ValidationError("error.rating.comment_too_long", max=_MAX_COMMENT_CHARS)
    code = matter_code or _matter_of(store, number)
    if code is None:
        raise ValidationError("error.rating.matter_unknown")
    try:
        row_id = store.ratings.add(
            number,
            code,
            level,
            indicators=indicators,
            reasons=reasons,
            comment=(comment or "").strip() or None,
            anonymous=anonymous,
            contact=contact,
            channel=scheme.channel,
        )
    except ValidationError as err:
        if err.key == "error.rating.duplicate":
            raise RatingDuplicateError() from err
        raise
    follow_up = None
    if scheme.needs_follow_up(level):
        follow_up = add_working_days(today, scheme.follow_up_working_days, calendar)
    return RatingResult(row_id, follow_up)


def _matter_of(store: Store, number: str) -> str | None:
    """The matter (or bundle) a case number belongs to, from our records."""
    try:
        sub = store.submissions.by_tracking_number(number)
    except NotFoundError:
        cached = store.status.get(number)
        return None if cached is None else cached.matter_code
    return sub.matter_code or sub.bundle_code


def complain(
    store: Store,
    body: str,
    *,
    tracking_number: str | None,
    matter_code: str | None,
    anonymous: bool,
    contact: str | None,
    photo_jpeg: bytes | None,
) -> int:
    text = body.strip()
    if not text:
        raise ValidationError("error.complaint.empty")
    if len(text) > _MAX_COMPLAINT_CHARS:
        raise ValidationError("error.complaint.too_long", max=_MAX_COMPLAINT_CHARS)
    number = None
    if tracking_number is not None and tracking_number.strip():
        number = _tracking(tracking_number, "error.complaint.invalid_tracking_number")
    contact = contact.strip() if contact is not None and contact.strip() else None
    if contact is not None and anonymous:
        raise ValidationError("error.complaint.contact_needs_real_name")
    if photo_jpeg is not None and not photo_jpeg.startswith(_JPEG_MAGIC):
        raise ValidationError("error.complaint.photo_not_jpeg")
    return store.complaints.add(
        text,
        tracking_number=number,
        matter_code=matter_code,
        anonymous=anonymous,
        contact=contact,
        photo=photo_jpeg,
    )


def _from_cache(case: CaseStatus, bundle_code: str | None = None) -> Progress:
    return Progress(
        tracking_number=case.tracking_number,
        matter_code=case.matter_code,
        bundle_code=bundle_code,
        status=case.status,
        timeline=tuple(case.timeline),
        updated_at=case.updated_at,
        source="cache",
    )


def _from_submission(sub: Submission) -> Progress:
    return Progress(
        tracking_number=sub.tracking_number,
        matter_code=sub.matter_code,
        bundle_code=sub.bundle_code,
        status=LOCAL_STATUS,
        timeline=({"status": LOCAL_STATUS, "at": sub.finalized_at.isoformat()},),
        updated_at=sub.finalized_at,
        source="local",
    )


def normalized_tracking(tracking_number: str) -> str:
    """The canonical form of a typed or scanned tracking number; ValidationError if invalid."""
    return _tracking(tracking_number, "error.progress.invalid_tracking_number")


def progress(store: Store, tracking_number: str) -> Progress | None:
    number = normalized_tracking(tracking_number)
    cached = store.status.get(number)
    if cached is not None:
        return _from_cache(cached)
    try:
        return _from_submission(store.submissions.by_tracking_number(number))
    except NotFoundError:
        return None


def progress_for(store: Store, resident_key: str) -> list[Progress]:
    """The resident's cases: platform news first, then local cases it has not reported yet."""
    cached = [_from_cache(c) for c in store.status.for_resident(resident_key)]
    known = {p.tracking_number for p in cached}
    local = [
        _from_submission(s)
        for s in store.submissions.for_resident(resident_key)
        if s.tracking_number not in known
    ]
    return sorted(cached + local, key=lambda p: p.updated_at, reverse=True)


def recent_codes(store: Store, resident_key: str, limit: int) -> list[tuple[str, str]]:
    """The codes of the resident's ``limit`` most recent distinct matters/bundles, newest first,
    as ``(kind, code)`` with kind ``"matter"`` or ``"bundle"``: what :func:`progress_for`
    lists, reduced to distinct codes, without loading every case (its cost stays flat however
    many cases the resident has)."""
    found: list[tuple[datetime, str, str]] = [
        (at, "matter", code) for code, at in store.status.recent_matters(resident_key, limit)
    ]
    for matter, bundle, at in store.submissions.recent_codes(resident_key, limit):
        if matter:
            found.append((at, "matter", matter))
        elif bundle:
            found.append((at, "bundle", bundle))
    found.sort(key=lambda item: item[0], reverse=True)
    out: dict[str, str] = {}
    for _at, kind, code in found:
        out.setdefault(code, kind)
    return [(kind, code) for code, kind in list(out.items())[:limit]]


class CaseLookup(Protocol):
    """The platform's live case lookup (``PlatformClient.cases``), injected when online."""

    def __call__(
        self, *, tracking_number: str | None = None, resident_key: str | None = None
    ) -> list[CaseProgress]: ...


def refresh_live(
    store: Store,
    live_cases: CaseLookup | None,
    *,
    tracking_number: str | None = None,
    resident_key: str | None = None,
) -> None:
    """Ask the platform (when a lookup is wired and it answers) and cache what it says.

    Offline is normal at a kiosk: any platform failure silently leaves the cache as it is.
    """
    if live_cases is None:
        return
    try:
        cases = live_cases(tracking_number=tracking_number, resident_key=resident_key)
    except PlatformError as err:
        log.info("live progress unavailable (%s); using the local cache", err.key)
        return
    for case in cases:
        timeline = [dict(step) for step in case.timeline]
        store.status.upsert(
            case.tracking_number,
            case.status,
            timeline,
            resident_key=resident_key,
            matter_code=case.matter_code,
        )
