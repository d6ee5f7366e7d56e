"""HttpPlatformClient against the REAL central platform over loopback HTTP (contract tests)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
import requests

from kiosk.errors import PlatformUnauthorizedError
from kiosk.ports.platform import (
    PlatformConflictError,
    PlatformInvalidError,
    PlatformNotApiError,
    PlatformTransientError,
)
from sync.client import HttpPlatformClient, new_session, parse_retry_after
from tests.central_server import CentralServer
from tests.sync.conftest import TERMINAL, Kiosk, jpeg_like, sha256
from tests.sync.proxy import CuttingProxy

BODY = {
    "tracking_number": "LX01-261127-0001-5",
    "station_code": "LX01",
    "terminal_id": TERMINAL,
    "matter_code": "370102-SB-001",
    "finalized_at": "2026-11-27T08:00:00+00:00",
    "data": {"applicant": "测试"},
}
SUB_ID = "7d4a6f0e-8f3b-4c1e-9a55-0c1d2e3f4a5b"


def test_no_hidden_retries_and_timeouts_on_every_call(kiosk: Kiosk) -> None:
    client = kiosk.client()
    adapter = client._session.get_adapter("https://example.org/")
    assert adapter.max_retries.total == 0  # type: ignore[attr-defined]
    assert client._session.get_adapter("http://x/").max_retries.total == 0  # type: ignore[attr-defined]


def test_enroll_with_single_use_code(central: CentralServer) -> None:
    code = central.create_enrollment_code()
    with HttpPlatformClient(central.base_url, new_session()) as client:
        got = client.enroll(code, "JN-LX-0009", "0.1.0")
        assert got.terminal_id == "JN-LX-0009"
        assert got.token and got.resident_key_salt
        assert got.token not in repr(got)
        with pytest.raises(PlatformUnauthorizedError) as refused:
            client.enroll(code, "JN-LX-0010", "0.1.0")
    assert refused.value.key == "error.platform.enrollment_refused"


def test_catalog_etag_round_trip(kiosk: Kiosk) -> None:
    client = kiosk.client()
    first = client.fetch_catalog(None)
    assert first.content is not None and first.etag
    assert b"catalog_version" in first.content
    again = client.fetch_catalog(first.etag)
    assert again.not_modified and again.etag == first.etag


def test_upload_chunked_then_already_there(kiosk: Kiosk) -> None:
    client = kiosk.client(chunk_bytes=256 * 1024)
    data = jpeg_like(600_000, 1)  # three 256 KiB chunks
    first = client.upload_attachment(sha256(data), data, "image/jpeg")
    assert (first.sent_bytes, first.resumed_from) == (600_000, 0)
    again = client.upload_attachment(sha256(data), data, "image/jpeg")
    assert again.sent_bytes == 0


def test_connection_reset_mid_upload_resumes_from_upload_offset(kiosk: Kiosk) -> None:
    data = jpeg_like(700_000, 2)
    digest = sha256(data)
    port = int(kiosk.base_url.rsplit(":", 1)[1])
    with CuttingProxy(port) as proxy:
        client = kiosk.client(url=proxy.url, chunk_bytes=256 * 1024)
        # HEAD (~250 bytes) + chunk 1 (256 KiB + headers) pass; chunk 2 is cut halfway.
        proxy.cut_after(256 * 1024 + 150_000)
        with pytest.raises(PlatformTransientError) as cut:
            client.upload_attachment(digest, data, "image/jpeg")
        assert cut.value.maybe_delivered
        assert proxy.cuts == 1
        resumed = client.upload_attachment(digest, data, "image/jpeg")
    assert resumed.resumed_from == 256 * 1024
    assert resumed.sent_bytes == len(data) - 256 * 1024
    head = requests.head(
        f"{kiosk.base_url}/v1/attachments/{digest}",
        headers={"Authorization": f"Bearer {kiosk.token}"},
        timeout=(2, 5),
    )
    assert head.status_code == 200 and head.headers["Upload-Complete"] == "?1"
    assert int(head.headers["Content-Length"]) == len(data)


def test_hash_mismatch_is_invalid(kiosk: Kiosk) -> None:
    data = jpeg_like(5000, 3)
    with pytest.raises(PlatformInvalidError) as bad:
        kiosk.client().upload_attachment(sha256(b"other bytes"), data, "image/jpeg")
    assert bad.value.code == "hash_mismatch"


def test_submission_put_replay_conflict_and_get(kiosk: Kiosk) -> None:
    client = kiosk.client()
    assert client.get_submission(SUB_ID) is None
    created = client.put_submission(SUB_ID, BODY)
    assert created.created and created.tracking_number == BODY["tracking_number"]
    replay = client.put_submission(SUB_ID, dict(reversed(list(BODY.items()))))
    assert not replay.created and replay.id == created.id
    known = client.get_submission(SUB_ID)
    assert known is not None and known.id == created.id
    with pytest.raises(PlatformConflictError):
        client.put_submission(SUB_ID, {**BODY, "data": {"applicant": "someone else"}})


def test_422_carries_reasons(kiosk: Kiosk) -> None:
    with pytest.raises(PlatformInvalidError) as bad:
        kiosk.client().put_submission(SUB_ID, {**BODY, "matter_code": "NO-SUCH-MATTER"})
    assert bad.value.code == "validation_failed"
    assert bad.value.reasons


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_passed_on(kiosk: Kiosk, status: int) -> None:
    kiosk.central.faults.fail("/v1/submissions/*", status, retry_after=7)
    with pytest.raises(PlatformTransientError) as busy:
        kiosk.client().put_submission(SUB_ID, BODY)
    assert busy.value.retry_after == 7.0
    assert not busy.value.maybe_delivered


def test_500_may_have_been_delivered(kiosk: Kiosk) -> None:
    kiosk.central.faults.fail("/v1/submissions/*", 500)
    with pytest.raises(PlatformTransientError) as err:
        kiosk.client().put_submission(SUB_ID, BODY)
    assert err.value.key == "error.platform.server" and err.value.maybe_delivered


def test_captive_portal_200_html_is_never_success(kiosk: Kiosk) -> None:
    kiosk.central.faults.captive_portal("/v1/*", times=3)
    client = kiosk.client()
    with pytest.raises(PlatformNotApiError):
        client.put_submission(SUB_ID, BODY)
    with pytest.raises(PlatformNotApiError):
        client.get_submission(SUB_ID)
    with pytest.raises(PlatformNotApiError):
        client.heartbeat({"terminal_id": TERMINAL, "at": "2026-11-27T08:00:00+00:00"})
    assert kiosk.central.submission_count() == 0


def test_dropped_response_after_commit(kiosk: Kiosk) -> None:
    kiosk.central.faults.drop_after_commit("/v1/submissions/*", method="PUT")
    client = kiosk.client()
    with pytest.raises(PlatformTransientError) as dropped:
        client.put_submission(SUB_ID, BODY)
    assert dropped.value.maybe_delivered
    assert client.get_submission(SUB_ID) is not None


def test_read_timeout_after_commit(kiosk: Kiosk) -> None:
    kiosk.read_timeout_s = 0.3
    kiosk.central.faults.delay("/v1/submissions/*", seconds=5, method="PUT")
    with pytest.raises(PlatformTransientError) as slow:
        kiosk.client().put_submission(SUB_ID, BODY)
    assert slow.value.key == "error.platform.timeout" and slow.value.maybe_delivered
    kiosk.central.faults.clear()
    assert kiosk.central.submission(SUB_ID) is not None


def test_server_down_is_not_delivered() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: refused
        with (
            HttpPlatformClient(
                f"http://127.0.0.1:{port}", new_session(), token=lambda: "t", connect_timeout_s=1
            ) as client,
            pytest.raises(PlatformTransientError) as down,
        ):
            client.put_submission(SUB_ID, BODY)
    assert down.value.key == "error.platform.unreachable"
    assert not down.value.maybe_delivered


def test_unknown_token_401_and_revoked_403(kiosk: Kiosk) -> None:
    with pytest.raises(PlatformUnauthorizedError) as unknown:
        kiosk.client(token="not-a-token").changes(0)
    assert unknown.value.key == "error.platform.unauthorized"
    kiosk.central.revoke(TERMINAL)
    with pytest.raises(PlatformUnauthorizedError) as revoked:
        kiosk.client().changes(0)
    assert revoked.value.key == "error.platform.revoked"


def test_not_enrolled_never_calls_out(kiosk: Kiosk) -> None:
    before = len(kiosk.central.faults.seen)
    with (
        HttpPlatformClient(kiosk.base_url, new_session()) as client,
        pytest.raises(PlatformUnauthorizedError),
    ):
        client.changes(0)
    assert len(kiosk.central.faults.seen) == before


NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("7", 7.0),
        (" 2.5 ", 2.5),
        ("-3", 0.0),
        ("86400", 300.0),
        ("Fri, 27 Nov 2026 08:01:00 GMT", 60.0),
        ("Fri, 27 Nov 2026 07:00:00 GMT", 0.0),
        ("Sat, 28 Nov 2026 08:00:00 GMT", 300.0),
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW, 300.0) == expected
