"""Platform port: what the kiosk needs from the central platform (terminal API v1).

The adapter (``sync.client.HttpPlatformClient``) implements ``docs/api/terminal-api.md``; the
core and the sender only see this protocol, its result types and the error classes below, so
the retry policy can be tested without HTTP and no ``requests`` type leaks past the seam.

Error classes map onto what the sender must do with a row, not onto HTTP status codes:

========================================  ====================================================
error                                     the sender
========================================  ====================================================
:class:`PlatformTransientError`           retries later (backoff, or ``retry_after`` if given)
:class:`PlatformNotApiError` (transient)  same: a captive portal or proxy answered, not the API
:class:`PlatformUnauthorizedError`        pauses the whole queue until credentials change
:class:`PlatformConflictError`            quarantines and alerts (same id, other content)
:class:`PlatformInvalidError`             quarantines with the platform's reasons (422)
:class:`PlatformTooLargeError`            quarantines (413)
========================================  ====================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.errors import PlatformError, PlatformUnauthorizedError

__all__ = [
    "AttachmentUpload",
    "CaseProgress",
    "CatalogFetch",
    "Changes",
    "Enrollment",
    "PlatformClient",
    "PlatformConflictError",
    "PlatformError",
    "PlatformInvalidError",
    "PlatformNotApiError",
    "PlatformTooLargeError",
    "PlatformTransientError",
    "PlatformUnauthorizedError",
    "StatusChange",
    "SubmissionAck",
]


# -- errors --------------------------------------------------------------------------------
class PlatformTransientError(PlatformError):
    """Try again later: unreachable, timeout, reset, 5xx, 429/503.

    ``retry_after`` (seconds, already capped by the adapter) is the server's own wish, when it
    said one. ``maybe_delivered`` is True when the request may have reached the server before
    the failure (read timeout, reset after sending): the next attempt must ask before resending.
    """

    default_key = "error.platform.unreachable"

    def __init__(
        self,
        key: str | None = None,
        /,
        *,
        retry_after: float | None = None,
        maybe_delivered: bool = False,
        detail: str = "",
        status: int | None = None,
    ) -> None:
        super().__init__(key, detail=detail, status=status)
        self.retry_after = retry_after
        self.maybe_delivered = maybe_delivered


class PlatformNotApiError(PlatformTransientError):
    """Something answered that is not the terminal API (captive portal, proxy error page)."""

    default_key = "error.platform.not_api"


class PlatformConflictError(PlatformError):
    """Same id, different content: the platform keeps its version, a human must look."""

    default_key = "error.platform.conflict"


class PlatformInvalidError(PlatformError):
    """422: permanently refused. ``code`` is the platform's error code, ``reasons`` its details
    (English, technical; for the log and the technician screen, never for a resident)."""

    default_key = "error.platform.invalid"

    def __init__(self, code: str, reasons: Sequence[str] = (), *, detail: str = "") -> None:
        super().__init__(detail=detail or code, code=code)
        self.code = code
        self.reasons = tuple(reasons)


class PlatformTooLargeError(PlatformError):
    default_key = "error.platform.too_large"


# -- results -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Enrollment:
    """What ``POST /v1/enroll`` hands out once. ``token`` is a secret: never log it."""

    terminal_id: str
    station: str
    token: str = field(repr=False)
    resident_key_salt: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class CatalogFetch:
    """``content`` is None when the platform said 304 (our ``etag`` is current)."""

    content: bytes | None
    etag: str | None

    @property
    def not_modified(self) -> bool:
        return self.content is None


@dataclass(frozen=True, slots=True)
class AttachmentUpload:
    """How an upload went: ``sent_bytes`` is 0 when the platform already had the file."""

    sha256: str
    sent_bytes: int
    resumed_from: int


@dataclass(frozen=True, slots=True)
class SubmissionAck:
    id: str
    tracking_number: str
    status: str
    received_at: str
    created: bool  # False: the platform already had it (identical replay or GET)


@dataclass(frozen=True, slots=True)
class StatusChange:
    cursor: int
    submission_id: str
    tracking_number: str
    status: str
    at: str
    note: Mapping[str, str] | None


@dataclass(frozen=True, slots=True)
class Changes:
    changes: tuple[StatusChange, ...]
    next_cursor: int


@dataclass(frozen=True, slots=True)
class CaseProgress:
    tracking_number: str
    matter_code: str | None
    status: str
    timeline: tuple[Mapping[str, Any], ...]


# -- the port ------------------------------------------------------------------------------
class PlatformClient(Protocol):
    """Blocking calls to the platform; run them on the sync thread, never the GUI thread.

    Every method raises only :class:`~kiosk.errors.PlatformError` subclasses.
    """

    def enroll(self, code: str, terminal_id: str, app_version: str) -> Enrollment: ...

    def fetch_catalog(self, etag: str | None) -> CatalogFetch: ...

    def upload_attachment(self, sha256: str, data: bytes, media_type: str) -> AttachmentUpload:
        """HEAD, then PUT the missing part in chunks; returns when the platform has it all."""
        ...

    def put_submission(self, submission_id: str, body: Mapping[str, Any]) -> SubmissionAck: ...

    def get_submission(self, submission_id: str) -> SubmissionAck | None:
        """The platform's record of one submission, or None when it never got it."""
        ...

    def changes(self, cursor: int, limit: int = 200) -> Changes: ...

    def cases(
        self, *, tracking_number: str | None = None, resident_key: str | None = None
    ) -> list[CaseProgress]: ...

    def put_rating(self, rating_id: str, body: Mapping[str, Any]) -> str:
        """Returns the platform's id for the rating."""
        ...

    def put_complaint(self, complaint_id: str, body: Mapping[str, Any]) -> str: ...

    def heartbeat(self, body: Mapping[str, Any]) -> None: ...

    def close(self) -> None:
        """Release connections (idempotent)."""
        ...
