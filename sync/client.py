"""``HttpPlatformClient``: the terminal API v1 (docs/api/terminal-api.md) over ``requests``.

This is the seam where HTTP becomes kiosk errors. Hazards handled here, each on purpose:

- Every call passes ``timeout=(connect, read)``; requests has no default and would hang forever.
- urllib3's own retries are switched off (adapters mounted with ``max_retries=0``): the retry
  schedule lives in the outbox rows, and hidden retries would turn a read timeout into a vague
  ``ConnectionError`` and re-send a body without the sender knowing.
- Redirects are not followed and a response only counts when it carries ``X-Kiosk-Api: 1``
  (and JSON where JSON is expected): a captive portal answering ``200`` with HTML, or a proxy's
  error page, becomes :class:`PlatformNotApiError`, never a success.
- ``Retry-After`` (seconds or an HTTP date) is honoured but capped, so a hostile or confused
  server cannot park the outbox for hours.
- Failures say whether the request may have reached the server (``maybe_delivered``) so the
  sender asks ``GET /v1/submissions/{id}`` before sending again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from kiosk.errors import PlatformError, PlatformUnauthorizedError
from kiosk.ports.platform import (
    AttachmentUpload,
    CaseProgress,
    CatalogFetch,
    Changes,
    Enrollment,
    PlatformConflictError,
    PlatformInvalidError,
    PlatformNotApiError,
    PlatformTooLargeError,
    PlatformTransientError,
    StatusChange,
    SubmissionAck,
)
from sync.errors import ATTACHMENT_MISSING, PlatformAttachmentsMissingError

API_HEADER = "X-Kiosk-Api"
API_VERSION = "1"
# One request for a typical document photo (0.3-0.8 MB); resume granularity stays small
# against the 10 MiB attachment limit. (256 KiB doubled the requests per photo: bench_sync.)
DEFAULT_CHUNK_BYTES = 1024 * 1024
DEFAULT_RETRY_AFTER_CAP_S = 300.0
_MAX_OFFSET_CONFLICTS = 3
_MAX_REASONS = 20

TokenProvider = Callable[[], str | None]


def new_session(*, user_agent: str = "quancheng-kiosk") -> requests.Session:
    """A session with urllib3 retries off for both schemes (callers may inject their own)."""
    session = requests.Session()
    harden(session)
    session.headers["User-Agent"] = user_agent
    return session


def harden(session: requests.Session) -> None:
    """Mount retry-less adapters: one call is one attempt, the outbox owns the schedule."""
    session.mount("http://", HTTPAdapter(max_retries=0))
    session.mount("https://", HTTPAdapter(max_retries=0))


def parse_retry_after(
    value: str | None, now: datetime, cap_s: float = DEFAULT_RETRY_AFTER_CAP_S
) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), capped."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, min(seconds, cap_s))


class HttpPlatformClient:
    """Implements :class:`kiosk.ports.platform.PlatformClient` over an injected session.

    ``verify`` is True (system CAs), a CA bundle path, or False (development only). ``token``
    is asked for on every call, so re-enrolling takes effect without rebuilding the client.
    """

    def __init__(
        self,
        base_url: str,
        session: requests.Session,
        *,
        token: TokenProvider = lambda: None,
        connect_timeout_s: float = 3.05,
        read_timeout_s: float = 15.0,
        verify: bool | str = True,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
        retry_after_cap_s: float = DEFAULT_RETRY_AFTER_CAP_S,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        if chunk_bytes <= 0:
            raise ValueError("chunk_bytes must be positive")
        self.base_url = base_url.rstrip("/")
        self._session = session
        harden(session)
        self._token = token
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._verify = verify
        self._chunk = chunk_bytes
        self._retry_cap = retry_after_cap_s
        self._clock = clock

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpPlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- enrollment and catalogue ----------------------------------------------------------
    def enroll(self, code: str, terminal_id: str, app_version: str) -> Enrollment:
        body = {"code": code, "terminal_id": terminal_id, "app_version": app_version}
        resp = self._call("POST", "/v1/enroll", auth=False, json_body=body)
        if resp.status_code == 403:
            raise PlatformUnauthorizedError("error.platform.enrollment_refused")
        data = self._json(self._ok(resp, (201, 200)))
        try:
            return Enrollment(
                terminal_id=str(data["terminal_id"]),
                station=str(data.get("station", "")),
                token=str(data["token"]),
                resident_key_salt=str(data["resident_key_salt"]),
            )
        except (KeyError, TypeError) as err:
            raise _bad_shape("enroll") from err

    def fetch_catalog(self, etag: str | None) -> CatalogFetch:
        headers = {"If-None-Match": etag} if etag else {}
        resp = self._call("GET", "/v1/catalog", headers=headers)
        if resp.status_code == 304:
            return CatalogFetch(None, etag)
        self._ok(resp, (200,))
        self._require_json(resp)
        return CatalogFetch(resp.content, resp.headers.get("ETag"))

    # -- attachments -----------------------------------------------------------------------
    def upload_attachment(self, sha256: str, data: bytes, media_type: str) -> AttachmentUpload:
        path = f"/v1/attachments/{sha256}"
        total = len(data)
        offset = self._held_offset(path, total)
        if offset is None:
            return AttachmentUpload(sha256, 0, total)
        resumed_from = offset
        sent = 0
        conflicts = 0
        while True:
            end = min(offset + self._chunk, total)
            headers = {"Content-Type": media_type}
            if offset > 0 or end < total:
                headers["Content-Range"] = f"bytes {offset}-{end - 1}/{total}"
            resp = self._call("PUT", path, headers=headers, data=data[offset:end])
            if resp.status_code == 409 and _offset_header(resp) is not None:
                # The platform holds a different amount than we thought: continue from there.
                conflicts += 1
                if conflicts > _MAX_OFFSET_CONFLICTS:
                    raise PlatformTransientError("error.platform.upload_offset", status=409)
                held = _offset_header(resp)
                assert held is not None
                if held >= total:
                    again = self._held_offset(path, total)
                    if again is None:
                        return AttachmentUpload(sha256, sent, resumed_from)
                    held = again
                offset = held
                continue
            self._ok(resp, (200, 201, 202, 204))
            sent += end - offset
            if end >= total:
                return AttachmentUpload(sha256, sent, resumed_from)
            held = _offset_header(resp)
            offset = end if held is None else held

    def _held_offset(self, path: str, total: int) -> int | None:
        """How much the platform holds: None = complete, else the byte offset to send from."""
        resp = self._call("HEAD", path)
        if resp.status_code == 404:
            return 0
        self._ok(resp, (200,))
        if resp.headers.get("Upload-Complete", "").strip() == "?0":
            held = _offset_header(resp) or 0
            return held if 0 <= held < total else 0
        return None

    # -- submissions -----------------------------------------------------------------------
    def put_submission(self, submission_id: str, body: Mapping[str, Any]) -> SubmissionAck:
        resp = self._call("PUT", f"/v1/submissions/{submission_id}", json_body=body)
        data = self._json(self._ok(resp, (200, 201)))
        return _ack(data, submission_id, created=resp.status_code == 201)

    def get_submission(self, submission_id: str) -> SubmissionAck | None:
        resp = self._call("GET", f"/v1/submissions/{submission_id}")
        if resp.status_code == 404:
            return None
        return _ack(self._json(self._ok(resp, (200,))), submission_id, created=False)

    def changes(self, cursor: int, limit: int = 200) -> Changes:
        resp = self._call(
            "GET", "/v1/submissions/changes", params={"cursor": cursor, "limit": limit}
        )
        data = self._json(self._ok(resp, (200,)))
        try:
            items = tuple(
                StatusChange(
                    cursor=int(c["cursor"]),
                    submission_id=str(c["submission_id"]),
                    tracking_number=str(c["tracking_number"]),
                    status=str(c["status"]),
                    at=str(c["at"]),
                    note=c.get("note"),
                )
                for c in data["changes"]
            )
            return Changes(items, int(data["next_cursor"]))
        except (KeyError, TypeError, ValueError) as err:
            raise _bad_shape("changes") from err

    def cases(
        self, *, tracking_number: str | None = None, resident_key: str | None = None
    ) -> list[CaseProgress]:
        if (tracking_number is None) == (resident_key is None):
            raise ValueError("give exactly one of tracking_number and resident_key")
        params = (
            {"tracking_number": tracking_number}
            if tracking_number is not None
            else {"resident_key": resident_key}
        )
        data = self._json(self._ok(self._call("GET", "/v1/cases", params=params), (200,)))
        try:
            return [
                CaseProgress(
                    tracking_number=str(c["tracking_number"]),
                    matter_code=c.get("matter_code"),
                    status=str(c["status"]),
                    timeline=tuple(c.get("timeline") or ()),
                )
                for c in data["cases"]
            ]
        except (KeyError, TypeError) as err:
            raise _bad_shape("cases") from err

    # -- feedback and health ---------------------------------------------------------------
    def put_rating(self, rating_id: str, body: Mapping[str, Any]) -> str:
        resp = self._call("PUT", f"/v1/ratings/{rating_id}", json_body=body)
        return str(self._json(self._ok(resp, (200, 201))).get("id") or rating_id)

    def put_complaint(self, complaint_id: str, body: Mapping[str, Any]) -> str:
        resp = self._call("PUT", f"/v1/complaints/{complaint_id}", json_body=body)
        return str(self._json(self._ok(resp, (200, 201))).get("id") or complaint_id)

    def heartbeat(self, body: Mapping[str, Any]) -> None:
        self._ok(self._call("POST", "/v1/heartbeat", json_body=body), (200, 202, 204))

    # -- the seam ----------------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: Mapping[str, str] | None = None,
        json_body: Mapping[str, Any] | None = None,
        data: bytes | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> requests.Response:
        """One attempt. Returns any API response (checked header); raises on everything else."""
        sent = dict(headers or {})
        if auth:
            token = self._token()
            if not token:
                raise PlatformUnauthorizedError("error.platform.not_enrolled")
            sent["Authorization"] = f"Bearer {token}"
        if json_body is not None:
            data = canonical_json(json_body)
            sent["Content-Type"] = "application/json"
        try:
            resp = self._session.request(
                method,
                self.base_url + path,
                headers=sent,
                data=data,
                params=params,
                timeout=self._timeout,
                verify=self._verify,
                allow_redirects=False,
            )
        except requests.exceptions.ConnectTimeout as err:
            raise PlatformTransientError("error.platform.timeout", detail="connect") from err
        except requests.exceptions.ReadTimeout as err:
            raise PlatformTransientError(
                "error.platform.timeout", maybe_delivered=True, detail="read"
            ) from err
        except requests.exceptions.SSLError as err:
            raise PlatformTransientError("error.platform.tls", detail="tls") from err
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as err:
            raise _connection_error(err) from err
        except OSError as err:  # e.g. an unreadable CA bundle path
            raise PlatformTransientError("error.platform.tls", detail=type(err).__name__) from err
        if resp.headers.get(API_HEADER) != API_VERSION:
            raise PlatformNotApiError(status=resp.status_code, detail=f"HTTP {resp.status_code}")
        return resp

    def _ok(self, resp: requests.Response, expected: tuple[int, ...]) -> requests.Response:
        """Return ``resp`` when its status is one of ``expected``; else raise what it means."""
        status = resp.status_code
        if status in expected:
            return resp
        code, reasons = _error_body(resp)
        if status == 401:
            raise PlatformUnauthorizedError("error.platform.unauthorized")
        if status == 403:
            raise PlatformUnauthorizedError("error.platform.revoked")
        if status == 409:
            raise PlatformConflictError(detail=code)
        if status == 413:
            raise PlatformTooLargeError(detail=code)
        if status == 422:
            if _all_attachments_missing(resp):
                raise PlatformAttachmentsMissingError(code or "validation_failed", reasons)
            raise PlatformInvalidError(code or "validation_failed", reasons)
        if status in (429, 503):
            wait = parse_retry_after(
                resp.headers.get("Retry-After"), self._clock(), self._retry_cap
            )
            key = "error.platform.rate_limited" if status == 429 else "error.platform.unavailable"
            raise PlatformTransientError(key, retry_after=wait, status=status, detail=code)
        if status >= 500:
            # The server may have committed before failing to answer well.
            raise PlatformTransientError(
                "error.platform.server", maybe_delivered=True, status=status, detail=code
            )
        raise PlatformError("error.platform.unexpected_status", status=status, detail=code)

    def _require_json(self, resp: requests.Response) -> None:
        media = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media != "application/json":
            raise PlatformNotApiError(status=resp.status_code, detail=f"content-type {media}")

    def _json(self, resp: requests.Response) -> dict[str, Any]:
        self._require_json(resp)
        try:
            data = resp.json()
        except ValueError as err:
            raise _bad_shape("json") from err
        if not isinstance(data, dict):
            raise _bad_shape("json")
        return data


def canonical_json(body: Mapping[str, Any]) -> bytes:
    """The exact bytes we send: stable, so every replay of one id is byte-identical."""
    return json.dumps(
        body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _ack(data: Mapping[str, Any], submission_id: str, *, created: bool) -> SubmissionAck:
    try:
        return SubmissionAck(
            id=str(data.get("id") or submission_id),
            tracking_number=str(data.get("tracking_number", "")),
            status=str(data.get("status", "received")),
            received_at=str(data.get("received_at", "")),
            created=created,
        )
    except (TypeError, AttributeError) as err:
        raise _bad_shape("submission") from err


def _offset_header(resp: requests.Response) -> int | None:
    try:
        return int(resp.headers["Upload-Offset"])
    except (KeyError, ValueError):
        return None


def _all_attachments_missing(resp: requests.Response) -> bool:
    """True for a 422 whose details are all ``attachment_missing`` (and there is one)."""
    try:
        details = (resp.json().get("error") or {}).get("details")
    except (ValueError, AttributeError, TypeError):
        return False
    return (
        isinstance(details, list)
        and bool(details)
        and all(isinstance(d, dict) and d.get("code") == ATTACHMENT_MISSING for d in details)
    )


def _error_body(resp: requests.Response) -> tuple[str, tuple[str, ...]]:
    """The platform's error code and details, as short strings; tolerant of any body."""
    try:
        error = resp.json().get("error") or {}
        code = str(error.get("code") or "")
        details = error.get("details") or []
    except (ValueError, AttributeError, TypeError):
        return "", ()
    if not isinstance(details, list):
        details = [details]
    reasons = []
    for item in details[:_MAX_REASONS]:
        if isinstance(item, dict) and "loc" in item:
            text = f"{item.get('loc')}: {item.get('code') or item.get('message')}"
        else:
            text = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
        reasons.append(text[:300])
    return code, tuple(reasons)


def _bad_shape(what: str) -> PlatformTransientError:
    """An API response we cannot read: treat as transient (a deploy in progress, a bug)."""
    return PlatformTransientError("error.platform.bad_response", detail=what)


def _connection_error(err: BaseException) -> PlatformTransientError:
    """Refused/unresolvable means nothing was sent; anything later may have been delivered."""
    chain: list[BaseException] = []
    seen: BaseException | None = err
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        nxt = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        if nxt is None and isinstance(seen, urllib3.exceptions.MaxRetryError):
            nxt = seen.reason
        seen = nxt or seen.__cause__ or seen.__context__
    kinds = tuple(type(e) for e in chain)
    if any(issubclass(k, urllib3.exceptions.ReadTimeoutError) for k in kinds):
        return PlatformTransientError("error.platform.timeout", maybe_delivered=True, detail="read")
    if any(issubclass(k, urllib3.exceptions.NewConnectionError) for k in kinds) or any(
        issubclass(k, urllib3.exceptions.ConnectTimeoutError) for k in kinds
    ):
        return PlatformTransientError("error.platform.unreachable", detail="connect")
    return PlatformTransientError(
        "error.platform.connection_lost", maybe_delivered=True, detail=type(err).__name__
    )
