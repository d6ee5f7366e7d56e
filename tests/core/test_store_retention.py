"""Retention: the audit log, the status cache, acknowledged cases and feedback, saved drafts."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from kiosk.errors import StoreError
from kiosk.store import RetentionPolicy, Store, purge_expired, resident_key
from tests.core.store_support import SALT, FakeClock, new_draft

DAY = timedelta(days=1)
KEY = resident_key("370102199001011234", SALT)


def _submit_with_photo(store: Store, photo: bytes) -> tuple[str, str]:
    """A finalized case with one photographed page; returns (idempotency key, sha256)."""
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M9", resident_key=KEY)
    store.drafts.autosave(draft.id, "name", "张三")
    ref = store.attachments.attach_to_draft(draft.id, "p", photo, media_type="image/jpeg")
    return store.submissions.finalize(draft.id).idempotency_key, ref.sha256


def _outbox_id(store: Store, key: str) -> int:
    row = store.db.execute("SELECT id FROM outbox WHERE submission_id = ?", [key]).fetchone()
    return int(row[0])


# -- audit log ---------------------------------------------------------------------------------


def test_audit_purge_deletes_only_events_older_than_the_cutoff(
    store: Store, clock: FakeClock
) -> None:
    store.audit.append("test.old", "1")
    clock.advance(days=100)
    store.audit.append("test.young", "2")
    assert store.audit.purge_before(clock.now - 50 * DAY) == 1
    kinds = [e.kind for e in store.audit.events()]
    assert kinds == ["audit.purged", "test.young"]
    assert store.audit.events(kind="audit.purged")[0].object_ids == ("1",)
    assert store.audit.purge_before(clock.now - 50 * DAY) == 0  # nothing left that old


def test_audit_log_stays_append_only_outside_the_purge(store: Store, clock: FakeClock) -> None:
    store.audit.append("test.old", "1")
    clock.advance(days=400)
    store.audit.purge_before(clock.now - 500 * DAY)  # opens and closes the gate
    assert store.db.execute("SELECT count(*) FROM audit_retention_gate").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE audit_log SET kind = 'x'")
    # Even an open gate only lets rows older than its cutoff go.
    with pytest.raises(StoreError) as caught, store.write() as db:
        db.execute("INSERT INTO audit_retention_gate (id, cutoff) VALUES (1, ?)", ["2000"])
        db.execute("DELETE FROM audit_log")
    assert "append-only" in str(caught.value.__cause__)
    assert store.db.execute("SELECT count(*) FROM audit_retention_gate").fetchone()[0] == 0
    assert [e.kind for e in store.audit.events()] == ["test.old"]


# -- status cache ------------------------------------------------------------------------------


def test_status_purge_drops_finished_cases_and_keeps_a_minimal_entry_for_our_own(
    store: Store, clock: FakeClock
) -> None:
    own, _ = _submit_with_photo(store, b"jpeg-own")
    own_number = store.submissions.get(own).tracking_number
    note = [{"status": "rejected", "at": "2025-03-14T08:00:00+00:00", "note": {"zh": "李四"}}]
    store.status.upsert(own_number, "rejected", note, resident_key=KEY)
    store.status.upsert("LX09-250314-0001-0", "mailed", note, resident_key=KEY)
    store.status.upsert("LX09-250314-0002-0", "accepted", note, resident_key=KEY)  # open case
    clock.advance(days=91)
    store.status.upsert("LX09-250314-0003-0", "result_ready", note, resident_key=KEY)  # recent

    assert store.status.purge_finished_before(clock.now - 90 * DAY) == 2
    assert store.status.get("LX09-250314-0001-0") is None
    kept = store.status.get(own_number)
    assert kept is not None and kept.status == "rejected"
    assert kept.timeline == [] and kept.resident_key is None
    assert store.status.get("LX09-250314-0002-0") is not None
    recent = store.status.get("LX09-250314-0003-0")
    assert recent is not None and recent.timeline == note
    assert store.audit.events(kind="status_cache.purged")[0].object_ids == ("1", "1")
    assert store.status.purge_finished_before(clock.now - 90 * DAY) == 0  # idempotent


# -- acknowledged cases and feedback vs. unsynchronised ones -----------------------------------


def test_unsynchronised_cases_and_feedback_survive_any_retention(
    store: Store, clock: FakeClock
) -> None:
    acked, acked_photo = _submit_with_photo(store, b"jpeg-acked")
    queued, queued_photo = _submit_with_photo(store, b"jpeg-queued")
    sending, sending_photo = _submit_with_photo(store, b"jpeg-sending")
    stuck, stuck_photo = _submit_with_photo(store, b"jpeg-quarantined")
    store.outbox.mark_sending(_outbox_id(store, acked))
    store.outbox.mark_acknowledged(_outbox_id(store, acked), "remote-1")
    store.outbox.mark_sending(_outbox_id(store, sending))
    store.outbox.quarantine(_outbox_id(store, stuck), "error.platform.rejected")
    sent_complaint = store.complaints.add("扶梯坏了", photo=b"jpeg-c1")
    open_complaint = store.complaints.add("没有纸", photo=b"jpeg-c2")
    store.complaints.mark_sending(sent_complaint)
    store.complaints.mark_acknowledged(sent_complaint, "remote-c1")
    rating = store.ratings.add(
        "LX03-250314-0001-0",
        "M9",
        2,
        indicators={},
        comment="王五",
        anonymous=False,
        contact="13800000000",
    )
    store.ratings.mark_sending(rating)
    store.ratings.mark_acknowledged(rating, "remote-r1")
    unsent_rating = store.ratings.add("LX03-250314-0002-1", "M9", 1, indicators={}, comment="慢")

    clock.advance(days=3650)  # ten years later: retention is long over for everything
    report = purge_expired(store, RetentionPolicy(), clock.now)

    assert (report.submissions, report.complaints, report.ratings) == (1, 1, 1)
    assert store.submissions.get(acked).payload is None
    assert not store.attachments.path_for(acked_photo).exists()
    for key, photo in ((queued, queued_photo), (sending, sending_photo), (stuck, stuck_photo)):
        survivor = store.submissions.get(key)
        assert survivor.payload is not None and survivor.purged_at is None
        assert [r.sha256 for r in store.attachments.refs_for_submission(key)] == [photo]
        assert store.attachments.read(photo).startswith(b"jpeg-")
    assert store.submissions.get(sending).delivery_state == "sending"
    assert store.complaints.counts()["acknowledged"] == 0
    kept = store.complaints.get(open_complaint)
    assert kept.body == "没有纸" and store.attachments.read(kept.photos[0].sha256) == b"jpeg-c2"
    acked_rating = store.ratings.for_case("LX03-250314-0001-0")
    assert acked_rating is not None and acked_rating.level == 2
    assert acked_rating.comment is None and acked_rating.contact is None
    unsent = store.ratings.for_case("LX03-250314-0002-1")
    assert unsent is not None and unsent.id == unsent_rating and unsent.comment == "慢"
    dump = "\n".join(store.db.conn.iterdump())
    assert "扶梯坏了" not in dump and "王五" not in dump and "13800000000" not in dump


def test_purge_expired_applies_each_period(store: Store, clock: FakeClock) -> None:
    saved = new_draft(store)
    store.drafts.save_for_later(saved, KEY)
    store.status.upsert("LX09-250314-0001-0", "mailed", [])
    store.audit.append("test.old", "1")
    policy = RetentionPolicy(
        acknowledged_days=30, saved_drafts_days=10, audit_days=40, finished_status_days=20
    )
    clock.advance(days=9)
    assert purge_expired(store, policy, clock.now).total == 0
    clock.advance(days=2)
    assert purge_expired(store, policy, clock.now).saved_drafts == 1
    clock.advance(days=10)
    assert purge_expired(store, policy, clock.now).statuses == 1
    clock.advance(days=20)
    report = purge_expired(store, policy, clock.now)
    assert report.audit_events == 1 and report.total == 1
    assert [e.kind for e in store.audit.events(kind="test.old")] == []
    # The purges' own events are younger than the cutoff: the log says what retention did.
    assert store.audit.events(kind="drafts.deleted") and store.audit.events(kind="audit.purged")


def test_retention_periods_must_not_be_negative() -> None:
    with pytest.raises(ValueError):
        RetentionPolicy(audit_days=-1)


def test_start_up_retention_takes_its_periods_from_the_settings(
    store: Store, clock: FakeClock
) -> None:
    from config.settings import load_settings
    from kiosk import bootstrap

    settings = load_settings(
        environ={
            "KIOSK_STORAGE__RETENTION_DAYS": "1",  # acknowledged data only: not the draft
            "KIOSK_STORAGE__SAVED_DRAFT_RETENTION_DAYS": "5",
            "KIOSK_STORAGE__AUDIT_RETENTION_DAYS": "7",
            "KIOSK_STORAGE__STATUS_CACHE_RETENTION_DAYS": "6",
        }
    )
    saved = new_draft(store)
    store.drafts.save_for_later(saved, KEY)
    store.status.upsert("LX09-250314-0001-0", "rejected", [])
    store.audit.append("test.old", "1")
    clock.advance(days=6, hours=1)
    report = bootstrap.purge_expired_data(settings, store, clock.now)
    assert (report.saved_drafts, report.statuses, report.audit_events) == (1, 1, 0)
    clock.advance(days=1)
    assert bootstrap.purge_expired_data(settings, store, clock.now).audit_events == 1
