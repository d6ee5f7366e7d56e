"""Fault-injection switches the kiosk's sync tests rely on (backend-independent: SQLite)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests

from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, assert_error, submission_body
from tests.central_server import CentralServer, running_central_server


def test_status_faults_fire_n_times_with_retry_after(
    central_sqlite: CentralServer, kiosk: Client
) -> None:
    central_sqlite.faults.unavailable("/v1/catalog", retry_after=7, times=2)
    for _ in range(2):
        r = kiosk.http.get(kiosk.url("/v1/catalog"), timeout=TIMEOUT)
        assert_error(r, 503, "unavailable")
        assert r.headers["Retry-After"] == "7"
    assert kiosk.http.get(kiosk.url("/v1/catalog"), timeout=TIMEOUT).status_code == 200
    central_sqlite.faults.rate_limited("/v1/*", retry_after=2)
    limited = kiosk.http.get(kiosk.url("/v1/catalog"), timeout=TIMEOUT)
    assert_error(limited, 429, "rate_limited")
    assert limited.headers["Retry-After"] == "2"
    central_sqlite.faults.fail("/v1/submissions/*", method="PUT")
    sid = str(uuid.uuid4())
    failed = kiosk.http.put(
        kiosk.url(f"/v1/submissions/{sid}"),
        timeout=TIMEOUT,
        json=submission_body(kiosk.terminal_id),
    )
    assert_error(failed, 500)
    assert central_sqlite.submission(sid) is None  # answered without running the app
    assert ("PUT", f"/v1/submissions/{sid}", "status") in central_sqlite.faults.fired


def test_drop_after_commit_is_the_classic_duplicate(
    central_sqlite: CentralServer, kiosk: Client
) -> None:
    central_sqlite.faults.drop_after_commit("/v1/submissions/*", method="PUT")
    sid = str(uuid.uuid4())
    body = submission_body(kiosk.terminal_id)
    with pytest.raises(requests.ConnectionError):
        kiosk.http.put(kiosk.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT)
    assert central_sqlite.submission(sid) is not None  # committed before the drop
    retry = kiosk.http.put(kiosk.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT)
    assert retry.status_code == 200  # the retry is recognised as a replay
    assert central_sqlite.submission_count() == 1


def test_drop_before_stores_nothing(central_sqlite: CentralServer, kiosk: Client) -> None:
    central_sqlite.faults.drop_before("/v1/submissions/*")
    sid = str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        kiosk.http.put(
            kiosk.url(f"/v1/submissions/{sid}"),
            timeout=TIMEOUT,
            json=submission_body(kiosk.terminal_id),
        )
    assert central_sqlite.submission(sid) is None


def test_captive_portal_answers_html_without_api_header(
    central_sqlite: CentralServer, kiosk: Client
) -> None:
    central_sqlite.faults.captive_portal()
    r = kiosk.http.get(kiosk.url("/v1/catalog"), timeout=TIMEOUT)
    assert r.status_code == 200 and "X-Kiosk-Api" not in r.headers
    assert r.headers["Content-Type"].startswith("text/html")


def test_delay_causes_read_timeout_after_commit(
    central_sqlite: CentralServer, kiosk: Client
) -> None:
    central_sqlite.faults.delay("/v1/submissions/*", seconds=30, method="PUT")
    sid = str(uuid.uuid4())
    with pytest.raises(requests.ReadTimeout):
        kiosk.http.put(
            kiosk.url(f"/v1/submissions/{sid}"),
            timeout=(5, 0.5),
            json=submission_body(kiosk.terminal_id),
        )
    central_sqlite.faults.clear()  # releases the held response so the server stops promptly
    assert central_sqlite.submission(sid) is not None


def test_switches_over_http_and_seen_requests(central_sqlite: CentralServer, kiosk: Client) -> None:
    base = central_sqlite.base_url
    r = kiosk.http.post(
        base + "/_testing/faults",
        timeout=TIMEOUT,
        json={"kind": "status", "path": "/v1/heartbeat", "status": 503, "retry_after": 1},
    )
    assert r.status_code == 201
    armed = kiosk.http.get(base + "/_testing/faults", timeout=TIMEOUT).json()["armed"]
    assert armed[0]["path"] == "/v1/heartbeat"
    beat = {"terminal_id": kiosk.terminal_id, "at": "2026-11-27T08:00:00Z"}
    assert (
        kiosk.http.post(kiosk.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT).status_code == 503
    )
    assert (
        kiosk.http.post(kiosk.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT).status_code == 204
    )
    assert central_sqlite.faults.seen.count(("POST", "/v1/heartbeat")) == 2
    assert kiosk.http.delete(base + "/_testing/faults", timeout=TIMEOUT).status_code == 200


def test_fault_routes_absent_without_testing(tmp_path: Path) -> None:
    with running_central_server(tmp_path / "prod", testing=False) as server:
        with requests.Session() as http:
            r = http.post(
                server.base_url + "/_testing/faults", json={"kind": "status"}, timeout=TIMEOUT
            )
        assert r.status_code in (404, 405)
        assert server.app.state.faults is None
