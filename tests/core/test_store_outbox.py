"""Finalize (one transaction), the outbox lifecycle, start-up recovery and purge."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.errors import NotFoundError, StoreError
from kiosk.store import Store, is_valid_tracking_number, resident_key, salt_id
from tests.core.store_support import SALT, FakeClock, new_draft, open_store


def _count(store: Store, table: str) -> int:
    return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_finalize_writes_submission_refs_outbox_and_deletes_draft(store: Store) -> None:
    draft_id = new_draft(store, name="张三", phone="13800000000")
    photo = store.attachments.attach_to_draft(
        draft_id, "household_book", b"jpeg-1", media_type="image/jpeg"
    )
    sub = store.submissions.finalize(draft_id, values={"name": "张三", "phone": "13800000000"})

    assert uuid.UUID(sub.idempotency_key).version == 4
    assert is_valid_tracking_number(sub.tracking_number)
    assert sub.tracking_number.startswith("LX03-250314-0001-")
    assert sub.delivery_state == "queued"
    assert sub.payload is not None
    assert sub.payload["values"] == {"name": "张三", "phone": "13800000000"}
    assert sub.payload["matter_code"] == "M001" and sub.payload["form_version"] == 3
    assert sub.payload["tracking_number"] == sub.tracking_number
    assert [m["sha256"] for m in sub.payload["materials"]] == [photo.sha256]
    assert store.attachments.refs_for_submission(sub.idempotency_key) == [photo]
    with pytest.raises(NotFoundError):
        store.drafts.get(draft_id)
    assert store.attachments.read(photo.sha256) == b"jpeg-1"
    kinds = [e.kind for e in store.audit.events()]
    assert kinds[0] == "submission.finalized"


def test_finalize_twice_keeps_the_first_case(store: Store) -> None:
    draft_id = new_draft(store, name="a")
    first = store.submissions.finalize(draft_id)
    with pytest.raises(NotFoundError):
        store.submissions.finalize(draft_id)
    assert _count(store, "submissions") == 1
    assert store.submissions.get(first.idempotency_key).tracking_number == first.tracking_number


def test_finalize_is_all_or_nothing(store: Store) -> None:
    """A failure inside the transaction (here: the outbox insert) leaves the draft as it was."""
    draft_id = new_draft(store, name="a")
    store.attachments.attach_to_draft(draft_id, "photo", b"jpeg", media_type="image/jpeg")
    store.db.execute(
        "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
        "BEGIN SELECT RAISE(ABORT, 'injected'); END"
    )
    with pytest.raises(StoreError):
        store.submissions.finalize(draft_id)
    assert _count(store, "submissions") == 0
    assert _count(store, "outbox") == 0
    assert store.drafts.get(draft_id).values == {"name": "a"}
    assert len(store.attachments.refs_for_draft(draft_id)) == 1
    store.db.execute("DROP TRIGGER fail_outbox")
    assert store.submissions.finalize(draft_id).delivery_state == "queued"


def test_tracking_numbers_count_per_local_day(store: Store, clock: FakeClock) -> None:
    numbers = [store.submissions.finalize(new_draft(store)).tracking_number for _ in range(3)]
    assert [n.split("-")[2] for n in numbers] == ["0001", "0002", "0003"]
    clock.advance(hours=16)  # 08:00Z + 16 h = 00:00 next day in Beijing
    nxt = store.submissions.finalize(new_draft(store)).tracking_number
    assert nxt.split("-")[1:3] == ["250315", "0001"]


def test_tracking_numbers_stay_unique_when_sequences_are_lost(store: Store) -> None:
    first = store.submissions.finalize(new_draft(store)).tracking_number
    store.db.execute("DELETE FROM tracking_sequences")  # e.g. a clock that went wrong and back
    second = store.submissions.finalize(new_draft(store)).tracking_number
    assert first != second and second.split("-")[2] == "0002"


def test_outbox_lifecycle_and_retry_schedule(store: Store, clock: FakeClock) -> None:
    a = store.submissions.finalize(new_draft(store))
    clock.advance(seconds=1)
    b = store.submissions.finalize(new_draft(store))
    item = store.outbox.next_due(clock.now)
    assert item is not None and item.idempotency_key == a.idempotency_key  # oldest first
    assert item.payload is not None and item.payload["tracking_number"] == a.tracking_number

    store.outbox.mark_sending(item.id)
    retry_at = clock.now + timedelta(minutes=5)
    store.outbox.schedule_retry(item.id, retry_at, "error.platform.timeout")
    due = store.outbox.next_due(clock.now)
    assert due is not None and due.idempotency_key == b.idempotency_key
    store.outbox.mark_sending(due.id)
    store.outbox.mark_acknowledged(due.id, "remote-77")
    assert store.outbox.next_due(clock.now) is None  # a is waiting for its retry time

    again = store.outbox.next_due(retry_at)
    assert again is not None and again.id == item.id
    assert again.delivery.attempts == 1 and again.delivery.last_error == "error.platform.timeout"
    assert again.idempotency_key == a.idempotency_key  # never changes between attempts
    store.outbox.mark_sending(again.id)
    store.outbox.mark_acknowledged(again.id, "remote-78")
    states = {e.label: (e.state, e.attempts, e.remote_id) for e in store.outbox.entries()}
    assert states == {
        a.tracking_number: ("acknowledged", 2, "remote-78"),
        b.tracking_number: ("acknowledged", 1, "remote-77"),
    }
    assert store.outbox.counts()["acknowledged"] == 2


def test_invalid_transitions_are_refused(store: Store) -> None:
    sub = store.submissions.finalize(new_draft(store))
    item = store.outbox.next_due(store.now())
    assert item is not None
    with pytest.raises(StoreError) as info:
        store.outbox.mark_acknowledged(item.id, "r")  # not sending yet
    assert info.value.key == "error.outbox.invalid_transition"
    with pytest.raises(NotFoundError):
        store.outbox.mark_sending(999)
    with pytest.raises(ValueError):
        store.outbox.schedule_retry(item.id, store.now(), "Connection refused for 张三")
    assert store.submissions.get(sub.idempotency_key).delivery_state == "queued"


def test_quarantine_and_retry_now(store: Store, clock: FakeClock) -> None:
    store.submissions.finalize(new_draft(store))
    item = store.outbox.next_due(clock.now)
    assert item is not None
    store.outbox.mark_sending(item.id)
    store.outbox.schedule_retry(item.id, clock.now, "error.platform.attachment_missing.5")
    store.outbox.mark_sending(item.id)
    store.outbox.quarantine(item.id, "error.platform.rejected")
    assert store.outbox.next_due(clock.now + timedelta(days=365)) is None
    [entry] = store.outbox.entries(["quarantined"])
    assert entry.quarantine_reason == "error.platform.rejected"
    clock.advance(hours=1)
    store.outbox.retry_now(item.id)
    due = store.outbox.next_due(clock.now)
    assert due is not None and due.id == item.id and due.delivery.quarantine_reason is None
    assert due.delivery.last_error is None  # a fresh start: bounded retries count again


def test_reopen_resets_rows_stuck_in_sending(data_dir: Path, clock: FakeClock) -> None:
    with open_store(data_dir, clock) as store:
        store.submissions.finalize(new_draft(store))
        item = store.outbox.next_due(clock.now)
        assert item is not None
        store.outbox.mark_sending(item.id)
        rating = store.ratings.add("T-1", "M001", 5, indicators={"overall": 5})
        store.ratings.mark_sending(rating)
        # Another thread's connection must NOT recover: the sender may be mid-request.
        with store.new_connection() as other:
            assert other.outbox.counts()["sending"] == 1
    clock.advance(minutes=1)
    with open_store(data_dir, clock) as store:  # the "crash" restart
        assert store.outbox.counts()["sending"] == 0
        due = store.outbox.next_due(clock.now)
        assert due is not None and due.id == item.id and due.delivery.attempts == 1
        assert store.ratings.counts()["queued"] == 1
        assert store.audit.events(kind="store.recovered_sending")[0].object_ids == ("2",)


def test_purge_keeps_minimal_receipt_record(store: Store, clock: FakeClock) -> None:
    key = resident_key("370102199001011234", SALT)
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M9", resident_key=key)
    store.drafts.autosave(draft.id, "name", "张三")
    photo = store.attachments.attach_to_draft(draft.id, "p", b"jpeg-x", media_type="image/jpeg")
    old = store.submissions.finalize(draft.id)
    store.receipts.save(old.tracking_number, {"name": "张三", "tracking": old.tracking_number})
    young = store.submissions.finalize(new_draft(store, name="李四"))
    for sub in (old, young):
        item = store.outbox.next_due(clock.now)
        assert item is not None
        store.outbox.mark_sending(item.id)
        store.outbox.mark_acknowledged(item.id, f"r-{sub.tracking_number}")
        clock.advance(days=10)

    assert store.outbox.purge_acknowledged(clock.now - timedelta(days=15)) == 1
    purged = store.submissions.get(old.idempotency_key)
    assert purged.payload is None and purged.purged_at == clock.now
    assert (purged.tracking_number, purged.matter_code) == (old.tracking_number, "M9")
    assert purged.delivery_state == "acknowledged"
    assert store.attachments.refs_for_submission(old.idempotency_key) == []
    assert not store.attachments.path_for(photo.sha256).exists()
    receipt = store.receipts.get(old.tracking_number)
    assert receipt is not None and receipt.content is None
    dump = "\n".join(store.db.conn.iterdump())
    assert "张三" not in dump and key not in dump
    assert store.submissions.get(young.idempotency_key).payload is not None
    assert store.outbox.purge_acknowledged(clock.now - timedelta(days=15)) == 0


def test_audit_log_refuses_update_and_delete(store: Store) -> None:
    store.submissions.finalize(new_draft(store))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE audit_log SET kind = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit_log")
    with pytest.raises(ValueError):
        store.audit.append("submission.viewed", "张三")
    events = store.audit.events()
    assert events and all("张" not in "".join(e.object_ids) for e in events)


def test_the_outbox_item_carries_the_cases_resident_key(store: Store, clock: FakeClock) -> None:
    """The sender sends the key the case is stored under: the draft's, else the submitting
    resident's (a draft started without the card), and the current one after a re-key."""
    carded = resident_key("370102199001011234", SALT)
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M9", resident_key=carded)
    store.submissions.finalize(draft.id, resident_key="ignored: the draft has its own")
    late = resident_key("370102198503121233", SALT)
    store.submissions.finalize(new_draft(store, name="李四"), resident_key=late)
    store.submissions.finalize(new_draft(store, name="王五"))  # no card at all

    keys = []
    while (item := store.outbox.next_due(clock.now)) is not None:
        keys.append(item.resident_key)
        assert "resident_key" not in repr(item)
        store.outbox.mark_sending(item.id)
        store.outbox.quarantine(item.id, "error.test")
    assert keys == [carded, late, None]

    moved = resident_key("370102199001011234", b"another-salt-0123456789")
    assert store.residents.rekey([carded], moved) == 1
    (first, *_) = store.outbox.entries()
    assert store.outbox.get(first.id).resident_key == moved


def test_the_outbox_item_names_the_salt_of_its_resident_key(store: Store) -> None:
    """Which salt made a case's key travels with it (and follows a re-key), so the sender can
    hold back a key from a salt the platform does not use."""
    old_salt, new_salt = b"kiosk-local-salt-0123456789", b"platform-city-salt-0123456789"
    old = resident_key("370102199001011234", old_salt)
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M9", resident_key=old)
    store.submissions.finalize(draft.id, key_salt=salt_id(old_salt))
    store.submissions.finalize(new_draft(store, name="王五"), key_salt=salt_id(old_salt))
    first, second = (store.outbox.get(e.id) for e in store.outbox.entries())
    assert (first.resident_key_salt, second.resident_key_salt) == (salt_id(old_salt), None)
    new = resident_key("370102199001011234", new_salt)
    assert store.residents.rekey([old], new, salt_id(new_salt)) == 1
    moved = store.outbox.get(first.id)
    assert (moved.resident_key, moved.resident_key_salt) == (new, salt_id(new_salt))
    assert salt_id(old_salt) != salt_id(new_salt) and len(salt_id(new_salt)) == 16
