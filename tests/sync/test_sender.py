"""The outbox sender and the engine against the REAL central over HTTP, with fault injection.

The wall and monotonic clocks are fake (see ``Clocks``): backoff is checked by reading the
stored schedule and moving the clock, never by waiting.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
import requests

from kiosk.ports.platform import SubmissionAck
from kiosk.store import RetentionPolicy
from sync.client import HttpPlatformClient
from sync.files import SyncMemo
from sync.sender import MAX_ATTACHMENT_ROUNDS
from tests.sync.conftest import MATTER, TERMINAL, Kiosk, finalize, puts


def _outbox(kiosk: Kiosk) -> dict[str, int]:
    return kiosk.store.outbox.counts()


def _head(kiosk: Kiosk, digest: str) -> requests.Response:
    return requests.head(
        f"{kiosk.base_url}/v1/attachments/{digest}",
        headers={"Authorization": f"Bearer {kiosk.token}"},
        timeout=(2, 5),
    )


def test_delivers_oldest_first_with_byte_identical_attachments(kiosk: Kiosk) -> None:
    keys = finalize(kiosk.store, 3, attachments=2, size=300_000)
    report = kiosk.engine().run_pass()
    assert report.send.acknowledged == 3 and report.problem is None
    assert _outbox(kiosk)["acknowledged"] == 3
    order = [p.rsplit("/", 1)[1] for _, p in puts(kiosk.central)]
    assert order == keys  # oldest first, each once
    for key in keys:
        stored = kiosk.central.submission(key)
        assert stored is not None
        local = kiosk.store.attachments.refs_for_submission(key)
        assert [m["sha256"] for m in stored["materials"]] == [r.sha256 for r in local]
        for ref in local:
            head = _head(kiosk, ref.sha256)  # complete only after the platform verified sha256
            assert head.headers["Upload-Complete"] == "?1"
            assert int(head.headers["Content-Length"]) == ref.size
    assert kiosk.central.submission_count() == 3


def test_dropped_response_asks_before_resending(kiosk: Kiosk) -> None:
    (key,) = finalize(kiosk.store)
    kiosk.central.faults.drop_after_commit("/v1/submissions/*", method="PUT")
    engine = kiosk.engine()
    first = engine.run_pass()
    assert first.send.retried == 1 and first.problem == "error.platform.connection_lost"
    entry = kiosk.store.outbox.entries()[0]
    assert entry.state == "queued" and entry.next_try_at > kiosk.clocks.now()
    kiosk.clocks.advance((entry.next_try_at - kiosk.clocks.now()).total_seconds() + 1)
    second = engine.run_pass()
    assert second.send.already_there == 1
    seen = [s for s in kiosk.central.faults.seen if s[1] == f"/v1/submissions/{key}"]
    assert seen == [("PUT", f"/v1/submissions/{key}"), ("GET", f"/v1/submissions/{key}")]
    assert kiosk.central.submission_count() == 1
    assert _outbox(kiosk)["acknowledged"] == 1


def test_read_timeout_then_acknowledged_once(kiosk: Kiosk) -> None:
    kiosk.read_timeout_s = 0.3
    finalize(kiosk.store)
    kiosk.central.faults.delay("/v1/submissions/*", seconds=5, method="PUT")
    engine = kiosk.engine()
    assert engine.run_pass().problem == "error.platform.timeout"
    kiosk.central.faults.clear()
    kiosk.clocks.advance(3600)
    assert engine.run_pass().send.already_there == 1
    assert len(puts(kiosk.central)) == 1 and kiosk.central.submission_count() == 1


def test_500_backs_off_exponentially_with_jitter_no_limit(kiosk: Kiosk) -> None:
    finalize(kiosk.store)
    kiosk.central.faults.fail("/v1/submissions/*", 500, method="PUT", times=6)
    engine = kiosk.engine()
    delays = []
    for _ in range(6):
        report = engine.run_pass()
        assert report.send.retried == 1
        entry = kiosk.store.outbox.entries()[0]
        assert entry.state == "queued" and entry.last_error == "error.platform.server"
        delay = (entry.next_try_at - kiosk.clocks.now()).total_seconds()
        delays.append(delay)
        # Nothing happens before the stored time, even when the pass runs again.
        kiosk.clocks.advance(delay / 2)
        assert engine.run_pass().send.retried == 0
        kiosk.clocks.advance(delay / 2 + 1)
    for n, delay in enumerate(delays):
        ceiling = min(1800.0, 5.0 * 2**n)
        assert ceiling / 2 <= delay <= ceiling
    assert engine.run_pass().send.acknowledged == 1


def test_503_and_429_wait_retry_after(kiosk: Kiosk) -> None:
    finalize(kiosk.store)
    engine = kiosk.engine()
    for status, wait in ((503, 40), (429, 9000)):
        kiosk.central.faults.fail("/v1/submissions/*", status, method="PUT", retry_after=wait)
        report = engine.run_pass()
        entry = kiosk.store.outbox.entries()[0]
        delay = (entry.next_try_at - kiosk.clocks.now()).total_seconds()
        expected = min(wait, 300)  # capped
        assert expected <= delay <= expected * 1.1, (status, delay)
        assert report.problem in ("error.platform.unavailable", "error.platform.rate_limited")
        kiosk.clocks.advance(delay + 1)
    assert engine.run_pass().send.acknowledged == 1


def test_401_after_revocation_pauses_everything_until_reenrolled(kiosk: Kiosk) -> None:
    finalize(kiosk.store, 3)
    kiosk.store.ratings.add("LX01-261127-0001-5", MATTER, 5, indicators={"efficiency": 5})
    kiosk.central.revoke(TERMINAL)
    engine = kiosk.engine()
    report = engine.run_pass()
    assert report.paused and report.problem == "error.platform.revoked"
    state = engine.state()
    assert state.paused_unauthorized and state.problem == "error.platform.revoked"
    assert _outbox(kiosk) == {"queued": 3, "sending": 0, "acknowledged": 0, "quarantined": 0}
    assert all(e.next_try_at <= kiosk.clocks.now() for e in kiosk.store.outbox.entries())
    seen = len(kiosk.central.faults.seen)
    for _ in range(3):  # paused: not a single request, whatever the clock says
        kiosk.clocks.advance(3600)
        assert engine.run_pass().paused
    assert len(kiosk.central.faults.seen) == seen
    assert SyncMemo.load(kiosk.data_dir).auth_problem == "error.platform.revoked"
    kiosk.enroll_again()  # new credentials lift the pause
    resumed = engine.run_pass()
    assert resumed.send.delivered == 4 and not resumed.paused
    assert _outbox(kiosk)["acknowledged"] == 3
    assert not engine.state().paused_unauthorized


def test_operator_resume_lifts_pause(kiosk: Kiosk) -> None:
    finalize(kiosk.store)
    good = kiosk.token
    kiosk.central.revoke(TERMINAL)
    engine = kiosk.engine()
    assert engine.run_pass().paused
    # The operator fixes it centrally (here: a fresh token written under the same one).
    kiosk.token = kiosk.central.enroll(TERMINAL)
    assert good != kiosk.token
    engine.resume()
    assert not engine.paused()


def test_409_quarantines_and_alerts(kiosk: Kiosk) -> None:
    (key,) = finalize(kiosk.store, attachments=0)
    engine = kiosk.engine()
    item = kiosk.store.outbox.next_due(kiosk.clocks.now())
    assert item is not None
    body = engine.sender.submission_body(item)
    kiosk.client().put_submission(key, {**body, "data": {"applicant": "someone else"}})
    report = engine.run_pass()
    assert report.send.quarantined == 1 and report.send.conflicts == 1
    entry = kiosk.store.outbox.entries()[0]
    assert (entry.state, entry.quarantine_reason) == ("quarantined", "error.platform.conflict")
    assert kiosk.store.audit.events(kind="sync.conflict_alert")
    assert engine.state().conflicts == 1 and engine.state().quarantined == 1


def test_422_quarantines_with_reasons(kiosk: Kiosk) -> None:
    finalize(kiosk.store, matter="NO-SUCH-MATTER")
    finalize(kiosk.store, seed=1)
    report = kiosk.engine().run_pass()
    assert report.send.quarantined == 1 and report.send.acknowledged == 1
    assert report.send.reasons  # the platform's details, for the technician's log
    bad = kiosk.store.outbox.entries(["quarantined"])[0]
    assert bad.quarantine_reason == "error.platform.invalid.validation_failed"


def _platform_drops_attachments(kiosk: Kiosk, key: str) -> None:
    """What the platform's retention sweep does to a file nobody confirmed for 8 days."""
    from sqlalchemy import delete, update

    from central.models import Attachment, Meta
    from central.services.retention import WATERMARK_KEY, RetentionPolicy, sweep
    from central.util import utcnow

    store = kiosk.central.app.state.attachments
    digests = [ref.sha256 for ref in kiosk.store.attachments.refs_for_submission(key)]
    stamp = (utcnow() - timedelta(days=8)).timestamp()
    with kiosk.central.db.transaction() as session:
        session.execute(
            update(Attachment)
            .where(Attachment.sha256.in_(digests))
            .values(completed_at=utcnow() - timedelta(days=8))
        )
        # As if no sweep had run since (the start-up sweep already looked that far back).
        session.execute(delete(Meta).where(Meta.key == WATERMARK_KEY))
    for digest in digests:
        os.utime(store.final_path(digest), (stamp, stamp))
    report = sweep(kiosk.central.db, store, RetentionPolicy(), now=utcnow())
    assert report.unreferenced_uploads == len(digests)
    for digest in digests:
        assert _head(kiosk, digest).status_code == 404


def _dropping_client(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch, key: str, times: int
) -> HttpPlatformClient:
    """A real client; the platform drops the case's files right before its first ``times``
    submission PUTs (after the sender checked or uploaded them)."""
    client = kiosk.client()
    put_submission = client.put_submission
    dropped: list[str] = []

    def put(submission_id: str, body: Mapping[str, Any]) -> SubmissionAck:
        if len(dropped) < times:
            _platform_drops_attachments(kiosk, key)
            dropped.append(submission_id)
        return put_submission(submission_id, body)

    monkeypatch.setattr(client, "put_submission", put)
    return client


def test_422_attachment_missing_uploads_again_and_delivers(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    (key,) = finalize(kiosk.store, attachments=2)
    engine = kiosk.engine(client=_dropping_client(kiosk, monkeypatch, key, times=1))
    first = engine.run_pass()
    assert first.send.quarantined == 0 and first.send.retried == 1
    entry = kiosk.store.outbox.entries()[0]
    assert entry.state == "queued" and entry.last_error == "error.platform.attachment_missing.1"
    assert entry.next_try_at > kiosk.clocks.now()  # the normal backoff, not a hot loop
    assert engine.run_pass().send.acknowledged == 0  # not due yet
    kiosk.clocks.advance((entry.next_try_at - kiosk.clocks.now()).total_seconds() + 1)
    second = engine.run_pass()
    assert second.send.acknowledged == 1 and second.send.quarantined == 0
    assert _outbox(kiosk)["acknowledged"] == 1
    stored = kiosk.central.submission(key)
    assert stored is not None
    for ref in kiosk.store.attachments.refs_for_submission(key):
        assert _head(kiosk, ref.sha256).headers["Upload-Complete"] == "?1"  # uploaded again
    assert len(puts(kiosk.central)) == 2


def test_422_attachment_missing_again_and_again_quarantines(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    (key,) = finalize(kiosk.store, attachments=1)
    engine = kiosk.engine(client=_dropping_client(kiosk, monkeypatch, key, times=100))
    for round_ in range(1, MAX_ATTACHMENT_ROUNDS):
        report = engine.run_pass()
        assert report.send.retried == 1 and report.send.quarantined == 0
        entry = kiosk.store.outbox.entries()[0]
        assert entry.last_error == f"error.platform.attachment_missing.{round_}"
        kiosk.clocks.advance((entry.next_try_at - kiosk.clocks.now()).total_seconds() + 1)
    last = engine.run_pass()
    assert last.send.quarantined == 1 and last.send.reasons
    entry = kiosk.store.outbox.entries()[0]
    assert (entry.state, entry.quarantine_reason) == (
        "quarantined",
        "error.platform.attachment_missing",
    )
    assert len(puts(kiosk.central)) == MAX_ATTACHMENT_ROUNDS


def test_422_with_other_reasons_beside_attachment_missing_quarantines(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    (key,) = finalize(kiosk.store, matter="NO-SUCH-MATTER", attachments=1)
    engine = kiosk.engine(client=_dropping_client(kiosk, monkeypatch, key, times=1))
    report = engine.run_pass()
    assert report.send.quarantined == 1 and report.send.retried == 0
    entry = kiosk.store.outbox.entries()[0]
    assert entry.quarantine_reason == "error.platform.invalid.validation_failed"


def test_413_quarantines(kiosk: Kiosk) -> None:
    finalize(kiosk.store, values={"essay": "长" * 400_000})  # > 1 MiB of UTF-8
    report = kiosk.engine().run_pass()
    assert report.send.quarantined == 1
    assert kiosk.store.outbox.entries()[0].quarantine_reason == "error.platform.too_large"


def test_captive_portal_is_retried_not_acknowledged(kiosk: Kiosk) -> None:
    finalize(kiosk.store)
    kiosk.central.faults.captive_portal("/v1/*", times=50)
    report = kiosk.engine().run_pass()
    assert report.problem == "error.platform.not_api"
    assert _outbox(kiosk)["queued"] == 1 and kiosk.central.submission_count() == 0


def test_server_down_stops_the_pass_at_the_first_row(kiosk: Kiosk) -> None:
    finalize(kiosk.store, 5)
    engine = kiosk.engine(url="http://127.0.0.1:9")  # discard port: refused
    report = engine.run_pass()
    assert report.problem == "error.platform.unreachable"
    assert report.send.retried == 1  # not five: no storm against a dead platform
    attempts = [e.attempts for e in kiosk.store.outbox.entries()]
    assert attempts == [1, 0, 0, 0, 0]
    # The next pass right away touches nothing (platform-down backoff on the monotonic clock).
    assert engine.run_pass().skipped_offline


def test_clock_jump_forward_costs_one_attempt_per_row(kiosk: Kiosk) -> None:
    finalize(kiosk.store, 2)
    kiosk.central.faults.fail("/v1/submissions/*", 500, method="PUT", times=100)
    engine = kiosk.engine()
    engine.run_pass()
    kiosk.clocks.jump_wall(30 * 24 * 3600)  # a month ahead: everything due at once
    kiosk.clocks.mono += 3600  # past the platform-down backoff
    report = engine.run_pass()
    assert report.send.retried == 1  # stops at the first failure
    assert len(puts(kiosk.central)) == 2
    entry = kiosk.store.outbox.entries()[0]
    assert entry.next_try_at - kiosk.clocks.now() <= timedelta(seconds=301)


def test_clock_jump_back_does_not_wait_forever(kiosk: Kiosk) -> None:
    finalize(kiosk.store)
    kiosk.central.faults.fail("/v1/submissions/*", 500, method="PUT")
    engine = kiosk.engine()
    engine.run_pass()
    kiosk.clocks.jump_wall(-365 * 24 * 3600)  # RTC battery: a year back
    kiosk.clocks.mono += 3600
    report = engine.run_pass()
    assert report.send.pulled_in == 1
    assert report.send.acknowledged == 1
    # And the service never sleeps longer than the longest backoff.
    assert engine.seconds_until_next() <= 60


def test_ratings_and_complaints_are_delivered_once(kiosk: Kiosk) -> None:
    finalize(kiosk.store)
    tn = kiosk.store.outbox.entries()[0].label
    kiosk.store.ratings.add(tn, MATTER, 4, indicators={"efficiency": 4, "attitude": 5})
    kiosk.store.complaints.add("屏幕太暗", matter_code=MATTER, photo=b"\xff\xd8photo\xff\xd9")
    kiosk.central.faults.drop_after_commit("/v1/ratings/*", method="PUT")
    engine = kiosk.engine()
    engine.run_pass()
    kiosk.clocks.advance(3600)
    report = engine.run_pass()
    assert report.problem is None
    assert kiosk.store.ratings.counts()["acknowledged"] == 1
    assert kiosk.store.complaints.counts()["acknowledged"] == 1
    assert len(puts(kiosk.central, "/v1/ratings/")) == 2  # the replay was a 200, not a second
    with kiosk.central.db.transaction() as session:
        from sqlalchemy import func, select

        from central.models import Complaint, Rating

        assert session.scalar(select(func.count()).select_from(Rating)) == 1
        assert session.scalar(select(func.count()).select_from(Complaint)) == 1


def test_status_changes_pulled_with_persisted_cursor(kiosk: Kiosk) -> None:
    (key,) = finalize(kiosk.store)
    engine = kiosk.engine()
    engine.run_pass()
    tn = kiosk.store.outbox.entries()[0].label
    kiosk.central.change_status(key, "accepted", note_zh="已受理", note_en="Accepted")
    kiosk.clocks.advance(61)
    assert engine.run_pass().changes_applied == 1
    status = kiosk.store.status.get(tn)
    assert status is not None and status.status == "accepted"
    assert status.matter_code == MATTER
    cursor = SyncMemo.load(kiosk.data_dir).cursor
    assert cursor >= 2
    # A fresh engine (restart) continues from the saved cursor: nothing applied twice.
    kiosk.central.change_status(key, "approved")
    fresh = kiosk.engine()
    assert fresh.run_pass().changes_applied == 1
    status = kiosk.store.status.get(tn)
    assert status is not None and status.status == "approved"
    assert [t["status"] for t in status.timeline] == ["received", "accepted", "approved"]


def test_broken_catalogue_is_refused_and_reported(kiosk: Kiosk) -> None:
    engine = kiosk.engine()
    engine.run_pass()
    good = kiosk.store.catalog.active()
    assert good is not None
    broken = json.loads(good[1])
    broken["catalog_version"] = "2099.01-broken"
    broken["matters"][0]["form_id"] = "no-such-form"
    kiosk.central.publish_catalog(broken)
    kiosk.clocks.advance(16 * 60)
    report = engine.run_pass()
    assert report.catalog_installed is None
    assert kiosk.store.catalog.active() == good  # the old one keeps serving
    state = engine.state()
    assert state.catalog_problem is not None and state.catalog_version == good[0]
    beat = kiosk.central.heartbeat(TERMINAL)
    assert beat is not None and beat["catalog_problem"] == state.catalog_problem
    # Not downloaded again and again: the refused ETag is remembered (304).
    kiosk.clocks.advance(16 * 60)
    engine.run_pass()
    assert engine.state().catalog_problem == state.catalog_problem
    fixed = json.loads(good[1])
    fixed["catalog_version"] = "2099.02-fixed"
    kiosk.central.publish_catalog(fixed)
    kiosk.clocks.advance(16 * 60)
    assert engine.run_pass().catalog_installed == "2099.02-fixed"
    assert engine.state().catalog_problem is None


def test_heartbeat_reports_health(kiosk: Kiosk) -> None:
    finalize(kiosk.store, 2)
    kiosk.central.faults.fail("/v1/submissions/*", 500, method="PUT")

    def devices() -> dict[str, dict[str, str]]:
        return {"printer": {"state": "no_media", "message_key": "device.printer.paper_out"}}

    engine = kiosk.engine(devices=devices)
    engine.run_pass()  # fails on the first row: no heartbeat this pass
    kiosk.clocks.advance(3600)
    engine.run_pass()
    beat = kiosk.central.heartbeat(TERMINAL)
    assert beat is not None
    assert beat["devices"]["printer"]["state"] == "no_media"
    assert beat["app_version"] == "0.1.0-test"
    assert beat["catalog_version"] is not None
    assert beat["outbox"]["depth"] == 0 and beat["last_sync_at"] is not None
    assert beat["free_disk_mb"] > 0
    sent = [s for s in kiosk.central.faults.seen if s[1] == "/v1/heartbeat"]
    kiosk.clocks.advance(30)
    engine.run_pass()  # within the minute: no second heartbeat
    assert [s for s in kiosk.central.faults.seen if s[1] == "/v1/heartbeat"] == sent


def test_acknowledged_data_purged_after_retention_once_a_day(kiosk: Kiosk) -> None:
    (key,) = finalize(kiosk.store)
    engine = kiosk.engine(retention_days=30)
    assert engine.run_pass().purged == 0
    assert kiosk.store.submissions.get(key).payload is not None
    kiosk.clocks.advance(29 * 24 * 3600)
    assert engine.run_pass().purged == 0
    kiosk.clocks.advance(2 * 24 * 3600)
    assert engine.run_pass().purged == 1
    purged = kiosk.store.submissions.get(key)
    assert purged.payload is None and purged.purged_at is not None
    assert kiosk.store.attachments.refs_for_submission(key) == []
    finalize(kiosk.store, seed=5)
    engine.run_pass()
    kiosk.clocks.jump_wall(40 * 24 * 3600)  # wall only: the daily timer has not elapsed
    assert engine.run_pass().purged == 0
    kiosk.clocks.mono += 24 * 3600
    assert engine.run_pass().purged == 1


def test_daily_housekeeping_applies_the_whole_retention_policy(kiosk: Kiosk) -> None:
    (key,) = finalize(kiosk.store)
    kiosk.store.status.upsert("LX09-261127-0001-0", "mailed", [])
    kiosk.store.audit.append("test.old", "1")
    policy = RetentionPolicy(acknowledged_days=30, audit_days=40, finished_status_days=35)
    engine = kiosk.engine(retention=policy)
    engine.run_pass()  # delivers the case; the first purge finds nothing old enough
    assert kiosk.store.submissions.get(key).delivery_state == "acknowledged"
    kiosk.clocks.advance(41 * 24 * 3600)
    assert engine.run_pass().purged == 1
    assert kiosk.store.submissions.get(key).payload is None
    assert kiosk.store.status.get("LX09-261127-0001-0") is None
    assert kiosk.store.audit.events(kind="test.old") == []
    assert kiosk.store.audit.events(kind="audit.purged")
