"""Work the controller sends to the background worker (each function runs on the worker
thread with that thread's own store connection).

These are thin calls into ``kiosk`` (store, receipts, printer port); they hold no rules of their
own. When the journey service (``kiosk.services.journey``) is wired into the container, the
controller can route the same steps through it instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.errors import KioskError, NotFoundError, PrinterError
from kiosk.ports.camera import Camera, CapturedDocument, DocumentScanner, FrameAnalysis
from kiosk.ports.printer import ReceiptPrinter
from kiosk.receipts import ReceiptContent
from kiosk.store import CaseStatus, Store, Submission

THUMB_SIZE = 160


def start_draft(
    store: Store,
    *,
    form_id: str,
    form_version: int,
    matter_code: str | None,
    bundle_code: str | None,
    values: Mapping[str, Any],
) -> str:
    draft = store.drafts.create(
        form_id=form_id,
        form_version=form_version,
        matter_code=matter_code,
        bundle_code=bundle_code,
        values=dict(values),
    )
    return draft.id


def autosave(store: Store, draft_id: str, path: tuple[str | int, ...], value: object) -> None:
    store.drafts.autosave(draft_id, path, value)


def replace_values(store: Store, draft_id: str, values: Mapping[str, Any]) -> None:
    store.drafts.replace_values(draft_id, values)


def save_for_later(store: Store, draft_id: str, resident_key: str) -> None:
    store.drafts.save_for_later(draft_id, resident_key)


def attach(store: Store, draft_id: str, slot: str, data: bytes, media_type: str) -> str:
    return store.attachments.attach_to_draft(draft_id, slot, data, media_type=media_type).sha256


def detach_slot(store: Store, draft_id: str, slot: str) -> None:
    for ref in store.attachments.refs_for_draft(draft_id):
        if ref.slot == slot:
            store.attachments.detach_from_draft(draft_id, slot, ref.sha256)


def finalize(
    store: Store, draft_id: str, values: Mapping[str, Any], receipt: ReceiptContent
) -> Submission:
    """Commit the case, then store its receipt (so it can be re-printed later)."""
    submission = store.submissions.finalize(draft_id, values=values)
    content = dataclasses.replace(receipt, tracking_number=submission.tracking_number)
    store.receipts.save(submission.tracking_number, receipt_json(content))
    return submission


def print_receipt(store: Store, printer: ReceiptPrinter, content: ReceiptContent) -> str | None:
    """Print; returns None on success or the error key (paper out, offline …)."""
    try:
        printer.print_receipt(content)
    except PrinterError as err:
        store.receipts.record_print(content.tracking_number, printed=False)
        return err.key
    store.receipts.record_print(content.tracking_number, printed=True)
    return None


def rate(
    store: Store,
    tracking_number: str,
    matter_code: str,
    level: int,
    reasons: tuple[str, ...],
    anonymous: bool,
) -> int:
    return store.ratings.add(
        tracking_number,
        matter_code,
        level,
        indicators={"overall": level},
        reasons=reasons if level <= 3 else (),
        anonymous=anonymous,
    )


def check_case_exists(store: Store, tracking_number: str) -> str:
    """The matter code of a case known to this kiosk (for rating from home)."""
    cached = store.status.get(tracking_number)
    if cached is not None and cached.matter_code:
        return cached.matter_code
    submission = store.submissions.by_tracking_number(tracking_number)
    return submission.matter_code or submission.bundle_code or ""


@dataclass(frozen=True, slots=True)
class CaseResult:
    tracking_number: str
    matter_code: str
    status: str
    timeline: tuple[tuple[str, str], ...]


def _from_cache(case: CaseStatus) -> CaseResult:
    timeline = tuple(
        (
            str(entry.get("at") or entry.get("time") or "")[:16].replace("T", " "),
            str(entry.get("status") or entry.get("code") or ""),
        )
        for entry in case.timeline
    )
    return CaseResult(case.tracking_number, case.matter_code or "", case.status, timeline)


def _from_submission(sub: Submission) -> CaseResult:
    at = sub.finalized_at.astimezone().strftime("%Y-%m-%d %H:%M")
    sent = sub.delivery_state == "acknowledged"
    status = "sent" if sent else "queued"
    timeline = (("", status), (at, "received"))
    return CaseResult(
        sub.tracking_number, sub.matter_code or sub.bundle_code or "", status, timeline
    )


def query_by_number(store: Store, tracking_number: str) -> list[CaseResult]:
    cached = store.status.get(tracking_number)
    if cached is not None:
        return [_from_cache(cached)]
    try:
        return [_from_submission(store.submissions.by_tracking_number(tracking_number))]
    except NotFoundError:
        return []


def query_by_resident(store: Store, resident_key: str) -> list[CaseResult]:
    out = [_from_cache(c) for c in store.status.for_resident(resident_key)]
    known = {c.tracking_number for c in out}
    out += [
        _from_submission(s)
        for s in store.submissions.for_resident(resident_key)
        if s.tracking_number not in known
    ]
    return out


# -- camera -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FrameResult:
    frame: Any  # the BGR frame (numpy) for the preview widget
    analysis: FrameAnalysis
    captured_sha: str | None = None
    thumbnail: QImage | None = None


def _qimage(frame: Any) -> QImage:
    h, w = frame.shape[:2]
    return QImage(frame.data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()


def open_camera(store: Store, camera: Camera) -> None:
    camera.open()


def close_camera(store: Store, camera: Camera) -> None:
    camera.close()


def read_frame(
    store: Store,
    camera: Camera,
    scanner: DocumentScanner,
    draft_id: str,
    slot: str,
    force: bool,
) -> FrameResult:
    """One preview frame; captures (and stores) the page when steady or when ``force``."""
    frame = camera.read()
    captured: CapturedDocument | None
    feed = getattr(scanner, "feed", None)
    if force:
        analysis = scanner.analyze(frame)
        captured = scanner.capture(frame, analysis)
    elif feed is not None:
        analysis, captured = feed(frame)
    else:
        analysis, captured = scanner.analyze(frame), None
    if captured is None:
        return FrameResult(frame, analysis)
    sha = attach(store, draft_id, slot, captured.image.data, captured.image.media_type)
    thumb = _qimage(captured.page).scaled(
        THUMB_SIZE, THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio
    )
    return FrameResult(frame, analysis, sha, thumb)


def receipt_json(content: ReceiptContent) -> dict[str, Any]:
    raw = dataclasses.asdict(content)
    for key, value in raw.items():
        if isinstance(value, date):
            raw[key] = value.isoformat()
        elif isinstance(value, tuple):
            raw[key] = list(value)
    raw["delivery"] = content.delivery.value
    return raw


__all__ = ["KioskError"]
