"""Ratings, complaints and heartbeats (both backends)."""

from __future__ import annotations

from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, assert_error, rating_body, upload
from tests.central_server import CentralServer


def test_rating_idempotent_and_one_per_case(terminal: Client) -> None:
    body = rating_body("LX01-20261127-0001-1", level=4)
    first = terminal.http.put(terminal.url("/v1/ratings/r-1"), json=body, timeout=TIMEOUT)
    assert first.status_code == 201, first.text
    replay = terminal.http.put(terminal.url("/v1/ratings/r-1"), json=body, timeout=TIMEOUT)
    assert replay.status_code == 200 and replay.json() == first.json()
    second = terminal.http.put(terminal.url("/v1/ratings/r-2"), json=body, timeout=TIMEOUT)
    assert_error(second, 409, "conflict")
    changed = terminal.http.put(
        terminal.url("/v1/ratings/r-1"), timeout=TIMEOUT, json={**body, "level": 1}
    )
    assert_error(changed, 409, "conflict")
    out_of_range = terminal.http.put(
        terminal.url("/v1/ratings/r-3"), timeout=TIMEOUT, json=rating_body("LX01-X", level=6)
    )
    assert_error(out_of_range, 422, "validation_failed")


def test_complaint_idempotent_and_photo_must_exist(terminal: Client) -> None:
    body = {
        "text": "窗口排队太久",
        "matter_code": None,
        "tracking_number": None,
        "photo_sha256": "a" * 64,
        "anonymous": True,
        "contact": None,
        "created_at": "2026-11-27T09:00:00+08:00",
    }
    missing = terminal.http.put(terminal.url("/v1/complaints/c-1"), json=body, timeout=TIMEOUT)
    error = assert_error(missing, 422, "validation_failed")
    assert error["details"][0]["code"] == "attachment_missing"
    photo = upload(terminal.http, terminal.base, b"\x89PNG photo", "image/png")
    body["photo_sha256"] = photo["sha256"]
    created = terminal.http.put(terminal.url("/v1/complaints/c-1"), json=body, timeout=TIMEOUT)
    assert created.status_code == 201
    assert (
        terminal.http.put(
            terminal.url("/v1/complaints/c-1"), json=body, timeout=TIMEOUT
        ).status_code
        == 200
    )
    other = terminal.http.put(
        terminal.url("/v1/complaints/c-1"), timeout=TIMEOUT, json={**body, "text": "另一条"}
    )
    assert_error(other, 409, "conflict")


def test_heartbeat_stores_latest_state(terminal: Client, central: CentralServer) -> None:
    beat = {
        "terminal_id": terminal.terminal_id,
        "at": "2026-11-27T08:00:00+00:00",
        "app_version": "0.1.0",
        "catalog_version": "2026.11-sample",
        "catalog_problem": None,
        "devices": {"printer": {"state": "paper_low", "message_key": "printer.paper_low"}},
        "outbox": {"depth": 3, "oldest_age_s": 12.5, "quarantined": 0},
        "last_sync_at": None,
        "free_disk_mb": 1024,
    }
    r = terminal.http.post(terminal.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT)
    assert r.status_code == 204 and r.content == b"" and r.headers["X-Kiosk-Api"] == "1"
    later = {**beat, "outbox": {"depth": 0, "oldest_age_s": None, "quarantined": 0}}
    assert (
        terminal.http.post(terminal.url("/v1/heartbeat"), json=later, timeout=TIMEOUT).status_code
        == 204
    )
    stored = central.heartbeat(terminal.terminal_id)
    assert stored is not None and stored["outbox"] == later["outbox"]
    spoof = terminal.http.post(
        terminal.url("/v1/heartbeat"),
        timeout=TIMEOUT,
        json={**beat, "terminal_id": "JN-SOMEONE-ELSE"},
    )
    assert_error(spoof, 422, "validation_failed")
    nan = terminal.http.post(
        terminal.url("/v1/heartbeat"),
        timeout=TIMEOUT,
        data=b'{"terminal_id": "JN-LX-0001", "at": "2026-11-27T08:00:00Z",'
        b' "free_disk_mb": NaN, "x": "\\u0000"}',
        headers={"Content-Type": "application/json"},
    )
    assert_error(nan, 422, "validation_failed")
