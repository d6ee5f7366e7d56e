"""The outbox sender: delivers queued submissions, ratings and complaints, oldest first, once.

One row at a time, on the sync thread's own store connection::

    mark_sending → (asked the platform first if an earlier attempt may have arrived)
                 → upload missing attachments → PUT → mark_acknowledged

What a failure does to the row (see :mod:`kiosk.ports.platform` for the error classes):

- transient (unreachable, timeout, reset, 5xx, 429/503, captive portal): back to ``queued``
  with the next try stored in the row (backoff with jitter, or the capped ``Retry-After``), no
  retry limit; the *pass stops* there, because the next row would fail the same way;
- 409 → quarantined and alerted; 422 → quarantined with the platform's reasons; 413 →
  quarantined; a local attachment that is gone or damaged → quarantined;
- 422 whose every detail is ``attachment_missing`` (the platform's retention sweep dropped a
  file between our upload check and the PUT): not the case's fault, so back to ``queued`` with
  the normal backoff and key ``error.platform.attachment_missing.<n>``; the next attempt uploads
  the files again. After :data:`MAX_ATTACHMENT_ROUNDS` such rounds in a row the row is
  quarantined (``error.platform.attachment_missing``): the platform keeps losing the files;
- 401/403 → the row goes back exactly as due as it was and the whole outbox pauses: the caller
  stops sending until the credentials change or an operator resumes.

Exactly once rests on three facts: the idempotency key is created at finalize and reused on
every attempt; the body is rebuilt deterministically from the stored row (byte-identical
replays); and after any attempt that may have arrived (a timeout, a reset, a crash while
``sending``) the next attempt first asks ``GET /v1/submissions/{id}``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from kiosk.errors import NotFoundError, PlatformError, PlatformUnauthorizedError, StoreError
from kiosk.ports.platform import (
    PlatformClient,
    PlatformConflictError,
    PlatformInvalidError,
    PlatformTooLargeError,
    PlatformTransientError,
)
from kiosk.store import Complaint, OutboxItem, QueueState, Rating, Store
from kiosk.store.audit import safe_object_id
from kiosk.store.base import from_text
from sync.backoff import BackoffPolicy, clock_went_back
from sync.errors import PlatformAttachmentsMissingError

log = logging.getLogger(__name__)

_ID_NAMESPACE = uuid.UUID("6f1c3f8e-4a5b-5d2e-9c7a-2b9e0f4d8a11")
ATTACHMENT_MISSING_KEY = "error.platform.attachment_missing"
MAX_ATTACHMENT_ROUNDS = 5
"""Consecutive ``422 attachment_missing`` answers (each after a fresh upload) before the row
is quarantined; the count lives in the row's ``last_error`` (``…attachment_missing.<n>``)."""
T_co = TypeVar("T_co", covariant=True)


class _Queue(Protocol[T_co]):
    def next_due(self, now: datetime) -> T_co | None: ...
    def mark_sending(self, row_id: int) -> None: ...
    def mark_acknowledged(self, row_id: int, remote_id: str) -> None: ...
    def schedule_retry(self, row_id: int, next_try_at: datetime, error_key: str) -> None: ...
    def quarantine(self, row_id: int, reason: str) -> None: ...
    def retry_now(self, row_id: int) -> None: ...
    def entries(self, states: Any = None) -> list[QueueState]: ...


class _LocalDataError(Exception):
    """Our own copy is unusable (attachment file gone or damaged): quarantine, don't retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class SendReport:
    """What one pass did; ``problem`` is the message key of the failure that stopped it."""

    acknowledged: int = 0
    already_there: int = 0  # acknowledged by asking (an earlier attempt had arrived)
    retried: int = 0
    quarantined: int = 0
    conflicts: int = 0
    pulled_in: int = 0  # rows rescheduled because the clock went backwards
    paused: bool = False
    stopped_transient: bool = False
    problem: str | None = None
    retry_after: float | None = None
    retry_in_s: float | None = None  # the delay given to the row that stopped the pass
    reasons: list[str] = field(default_factory=list)

    @property
    def delivered(self) -> int:
        return self.acknowledged + self.already_there


class OutboxSender:
    """Sends every due row of the three queues; see the module docstring for the policy.

    ``clock`` is the wall clock (UTC, aware) used for the rows' schedule; ``should_stop`` is
    polled between rows so :meth:`SyncService.stop` never waits for a whole drain.
    """

    def __init__(
        self,
        store: Store,
        client: PlatformClient,
        *,
        terminal_id: str,
        clock: Callable[[], datetime],
        policy: BackoffPolicy | None = None,
        catalog_version: Callable[[], str | None] = lambda: None,
        resident_key_salt: str | None = None,
    ) -> None:
        """``resident_key_salt``: :func:`kiosk.store.salt_id` of the platform's resident-key
        salt (from enrollment). A case's key made with any other salt (queued before the
        kiosk enrolled or before the city changed its salt) goes out as null: no other kiosk
        could compute it, so it must not be stored on the platform as if it could."""
        self._resident_key_salt = resident_key_salt
        self._store = store
        self._client = client
        self._terminal_id = terminal_id
        self._clock = clock
        self._policy = policy or BackoffPolicy()
        self._catalog_version = catalog_version

    def send_due(self, should_stop: Callable[[], bool] = lambda: False) -> SendReport:
        report = SendReport()
        store = self._store
        queues: list[tuple[_Queue[Any], Callable[[Any, SendReport], None]]] = [
            (store.outbox, self._deliver_submission),
            (store.ratings, self._deliver_rating),
            (store.complaints, self._deliver_complaint),
        ]
        for queue, _ in queues:
            report.pulled_in += self._pull_in_future_rows(queue)
        for queue, deliver in queues:
            while not should_stop():
                item = queue.next_due(self._clock())
                if item is None:
                    break
                self._attempt(queue, item, deliver, report)
                if report.paused or report.stopped_transient:
                    return report
        return report

    # -- one row -----------------------------------------------------------------------------
    def _attempt(
        self,
        queue: _Queue[Any],
        item: Any,
        deliver: Callable[[Any, SendReport], None],
        report: SendReport,
    ) -> None:
        delivery: QueueState = item.delivery
        row_id = delivery.id
        queue.mark_sending(row_id)
        try:
            deliver(item, report)
        except PlatformUnauthorizedError as err:
            # Not this row's fault: put it back as due as it was, and pause everything.
            queue.schedule_retry(row_id, min(delivery.next_try_at, self._clock()), err.key)
            report.paused = True
            report.problem = err.key
        except PlatformTransientError as err:
            attempts = delivery.attempts + 1
            when = self._policy.next_try_at(self._clock(), attempts, err.retry_after)
            queue.schedule_retry(row_id, when, err.key)
            report.retried += 1
            report.stopped_transient = True
            report.problem = err.key
            report.retry_after = err.retry_after
            report.retry_in_s = (when - self._clock()).total_seconds()
            log.info("%s: retry in %s (%s)", delivery.label, when - self._clock(), err.key)
        except PlatformConflictError as err:
            self._quarantine(queue, row_id, err.key, report)
            report.conflicts += 1
            # An alert: the platform holds different content under our idempotency key.
            self._store.audit.append("sync.conflict_alert", safe_object_id(delivery.label))
            log.error("%s: conflict, quarantined", delivery.label)
        except PlatformAttachmentsMissingError as err:
            rounds = _attachment_rounds(delivery.last_error) + 1
            if rounds >= MAX_ATTACHMENT_ROUNDS:
                self._quarantine(queue, row_id, ATTACHMENT_MISSING_KEY, report)
                report.reasons.extend(err.reasons)
                log.error(
                    "%s: the platform lost its attachments %d times in a row, quarantined: %s",
                    delivery.label,
                    rounds,
                    "; ".join(err.reasons),
                )
                return
            # The platform dropped a file after we checked it (retention): upload it again on
            # the next attempt. Only this row is affected, so the pass goes on.
            when = self._policy.next_try_at(self._clock(), delivery.attempts + 1)
            queue.schedule_retry(row_id, when, f"{ATTACHMENT_MISSING_KEY}.{rounds}")
            report.retried += 1
            report.problem = ATTACHMENT_MISSING_KEY
            log.warning(
                "%s: platform lost attachment(s), upload again in %s (round %d): %s",
                delivery.label,
                when - self._clock(),
                rounds,
                "; ".join(err.reasons),
            )
        except PlatformInvalidError as err:
            reason = _invalid_reason(err)
            self._quarantine(queue, row_id, reason, report)
            report.reasons.extend(err.reasons)
            log.error("%s: refused %s: %s", delivery.label, err.code, "; ".join(err.reasons))
        except PlatformTooLargeError as err:
            self._quarantine(queue, row_id, err.key, report)
        except _LocalDataError as err:
            self._quarantine(queue, row_id, err.reason, report)
        except PlatformError as err:
            # An answer we do not understand (e.g. 400, 404 on a PUT): a bug on one side.
            # Keep retrying slowly rather than lose the case; the technician sees the key.
            when = self._policy.next_try_at(self._clock(), delivery.attempts + 1)
            queue.schedule_retry(row_id, when, err.key)
            report.retried += 1
            report.stopped_transient = True
            report.problem = err.key
            report.retry_in_s = (when - self._clock()).total_seconds()
        except BaseException:
            # A store failure or a bug: leave no row in ``sending`` behind us if we can help it.
            # (if even that fails, start-up recovery resets ``sending`` rows)
            with contextlib.suppress(StoreError, NotFoundError):
                queue.schedule_retry(
                    row_id,
                    self._policy.next_try_at(self._clock(), delivery.attempts + 1),
                    "error.sync.internal",
                )
            raise

    def _quarantine(self, queue: _Queue[Any], row_id: int, reason: str, report: SendReport) -> None:
        queue.quarantine(row_id, reason)
        report.quarantined += 1
        report.problem = reason

    # -- the three kinds of rows -------------------------------------------------------------
    def _deliver_submission(self, item: OutboxItem, report: SendReport) -> None:
        key = item.idempotency_key
        if item.delivery.attempts > 0:
            # An earlier attempt may have arrived (timeout, reset, crash while sending).
            known = self._client.get_submission(key)
            if known is not None:
                self._store.outbox.mark_acknowledged(item.delivery.id, known.id)
                report.already_there += 1
                return
        if item.payload is None:
            raise _LocalDataError("error.outbox.payload_purged")
        for ref in item.attachments:
            self._upload(ref.sha256, ref.media_type)
        ack = self._client.put_submission(key, self.submission_body(item))
        self._store.outbox.mark_acknowledged(item.delivery.id, ack.id)
        if ack.created:
            report.acknowledged += 1
        else:
            report.already_there += 1

    def _deliver_rating(self, rating: Rating, report: SendReport) -> None:
        remote = self._client.put_rating(self.rating_id(rating), rating_body(rating))
        self._store.ratings.mark_acknowledged(rating.id, remote)
        report.acknowledged += 1

    def _deliver_complaint(self, complaint: Complaint, report: SendReport) -> None:
        for photo in complaint.photos:
            self._upload(photo.sha256, photo.media_type)
        remote = self._client.put_complaint(self.complaint_id(complaint), complaint_body(complaint))
        self._store.complaints.mark_acknowledged(complaint.id, remote)
        report.acknowledged += 1

    def _upload(self, sha256: str, media_type: str) -> None:
        try:
            data = self._store.attachments.read(sha256)
        except NotFoundError as err:
            raise _LocalDataError("error.outbox.attachment_missing") from err
        if hashlib.sha256(data).hexdigest() != sha256:
            raise _LocalDataError("error.outbox.attachment_damaged")
        self._client.upload_attachment(sha256, data, media_type)

    # -- wire bodies -------------------------------------------------------------------------
    def submission_body(self, item: OutboxItem) -> dict[str, Any]:
        """The contract's submission body, a pure function of the stored payload.

        Fields the payload does not carry get fixed defaults (never "whatever is current"),
        so a replay of the same id is byte-identical and never a false 409. The one field
        read beside the payload is the case's ``resident_key`` column: it changes only when the
        resident is re-keyed to a new salt, and a retry after an attempt that may have
        arrived asks the platform first, so that never turns into a false 409 either.
        """
        p: Mapping[str, Any] = item.payload or {}
        return {
            "tracking_number": item.tracking_number,
            "station_code": p.get("station_code") or self._store.settings.station_code,
            "terminal_id": p.get("terminal_id") or self._terminal_id,
            "matter_code": p.get("matter_code"),
            "bundle_code": p.get("bundle_code"),
            "form_id": p.get("form_id"),
            "form_version": p.get("form_version"),
            "catalog_version": p.get("catalog_version"),
            "finalized_at": _iso(p.get("finalized_at")),
            "language": p.get("language") or "zh_CN",
            # The salted key the case is stored under (never the raw ID number): a progress
            # query by card at any kiosk with the same city salt finds the case on the platform.
            "resident_key": self._platform_key(item),
            "data": p.get("values", p.get("data", {})),
            "materials": list(p.get("materials", [])),
            "deferred_materials": list(p.get("deferred_materials", [])),
            "delivery": p.get("delivery") or "pickup",
            "assisted_by": p.get("assisted_by"),
        }

    def _platform_key(self, item: OutboxItem) -> str | None:
        """The case's key if it was made with the platform's salt, else None."""
        known = item.resident_key_salt is not None
        if known and item.resident_key_salt == self._resident_key_salt:
            return item.resident_key
        return None

    def rating_id(self, rating: Rating) -> str:
        """Stable across attempts and restarts; one rating per case per channel anyway."""
        name = f"rating:{self._terminal_id}:{rating.tracking_number}:{rating.channel}"
        return str(uuid.uuid5(_ID_NAMESPACE, name))

    def complaint_id(self, complaint: Complaint) -> str:
        created = complaint.created_at.isoformat()
        name = f"complaint:{self._terminal_id}:{complaint.id}:{created}"
        return str(uuid.uuid5(_ID_NAMESPACE, name))

    # -- clocks ------------------------------------------------------------------------------
    def _pull_in_future_rows(self, queue: _Queue[Any]) -> int:
        """Rows scheduled further ahead than we ever schedule: the clock went back. Due now."""
        now = self._clock()
        pulled = 0
        for entry in queue.entries(["queued"]):
            if clock_went_back(entry.next_try_at, now, self._policy):
                queue.retry_now(entry.id)
                pulled += 1
        if pulled:
            log.warning("clock went backwards: %d row(s) rescheduled", pulled)
        return pulled


def rating_body(rating: Rating) -> dict[str, Any]:
    return {
        "tracking_number": rating.tracking_number,
        "matter_code": rating.matter_code,
        "level": rating.level,
        "indicators": dict(rating.indicators),
        "reasons": list(rating.reasons),
        "comment": rating.comment,
        "anonymous": rating.anonymous,
        "contact": rating.contact,
        "rated_at": rating.created_at.isoformat(),
    }


def complaint_body(complaint: Complaint) -> dict[str, Any]:
    return {
        "text": complaint.body,
        "matter_code": complaint.matter_code,
        "tracking_number": complaint.tracking_number,
        "photo_sha256": complaint.photos[0].sha256 if complaint.photos else None,
        "anonymous": complaint.anonymous,
        "contact": complaint.contact,
        "created_at": complaint.created_at.isoformat(),
    }


def _iso(stored: object) -> object:
    """Store timestamps (``…000000Z``) as ISO 8601 with offset, as the contract shows."""
    if isinstance(stored, str):
        try:
            return from_text(stored).isoformat()
        except ValueError:
            return stored
    return stored


def _attachment_rounds(last_error: str | None) -> int:
    """How many ``attachment_missing`` rounds in a row the row's last error records."""
    prefix = ATTACHMENT_MISSING_KEY + "."
    if last_error is None or not last_error.startswith(prefix):
        return 0
    suffix = last_error[len(prefix) :]
    return int(suffix) if suffix.isdigit() else 0


def _invalid_reason(err: PlatformInvalidError) -> str:
    code = "".join(c if c.isalnum() or c == "_" else "_" for c in err.code.lower())[:40]
    if code and code[0].isalpha():
        return f"error.platform.invalid.{code}"
    return "error.platform.invalid"
