"""Receipts, ratings, complaints (with their own send queues) and the status cache."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.errors import StorageFullError, ValidationError
from kiosk.store import Store, resident_key
from kiosk.store.audit import safe_object_id
from tests.core.store_support import SALT, FakeClock, new_draft, open_store


def test_receipt_reprint_history(store: Store, clock: FakeClock) -> None:
    sub = store.submissions.finalize(new_draft(store))
    store.receipts.save(sub.tracking_number, {"matter": "居住证", "tracking": sub.tracking_number})
    store.receipts.record_print(sub.tracking_number, printed=False)  # paper out
    assert [r.tracking_number for r in store.receipts.unprinted()] == [sub.tracking_number]
    clock.advance(minutes=3)
    store.receipts.record_print(sub.tracking_number, printed=True)
    first_print = clock.now
    clock.advance(minutes=3)
    store.receipts.record_print(sub.tracking_number, printed=True)  # resident asks again
    receipt = store.receipts.get(sub.tracking_number)
    assert receipt is not None
    assert receipt.print_attempts == 3 and receipt.printed_at == first_print
    assert receipt.content == {"matter": "居住证", "tracking": sub.tracking_number}
    assert store.receipts.unprinted() == []
    assert store.receipts.get("LX03-000000-0000-0") is None


def test_one_rating_per_case_per_channel(store: Store) -> None:
    rid = store.ratings.add(
        "LX03-250314-0001-5",
        "M001",
        2,
        indicators={"efficiency": 2, "level": 3, "attitude": 1},
        reasons=["slow", "unclear_guidance"],
    )
    with pytest.raises(ValidationError) as info:
        store.ratings.add("LX03-250314-0001-5", "M001", 5, indicators={})
    assert info.value.key == "error.rating.duplicate"
    other_channel = store.ratings.add(
        "LX03-250314-0001-5", "M001", 4, indicators={}, channel="window"
    )
    rating = store.ratings.for_case("LX03-250314-0001-5")
    assert rating is not None and rating.id == rid and other_channel != rid
    assert rating.level == 2 and rating.reasons == ["slow", "unclear_guidance"]
    assert rating.anonymous is True and rating.contact is None
    assert rating.delivery.state == "queued"


def test_rating_contact_only_with_opt_in(store: Store) -> None:
    with pytest.raises(ValueError):
        store.ratings.add("T-1", "M001", 1, indicators={}, contact="13800000000")
    with pytest.raises(ValueError):
        store.ratings.add("T-1", "M001", 6, indicators={})
    rid = store.ratings.add("T-1", "M001", 1, indicators={}, anonymous=False, contact="13800000000")
    rating = store.ratings.for_case("T-1")
    assert rating is not None and rating.id == rid and rating.contact == "13800000000"
    with pytest.raises(sqlite3.IntegrityError):  # the schema enforces it too
        store.db.execute("UPDATE ratings SET anonymous = 1 WHERE id = ?", [rid])


def test_rating_send_queue(store: Store, clock: FakeClock) -> None:
    rid = store.ratings.add("T-9", "M001", 5, indicators={"overall": 5})
    due = store.ratings.next_due(clock.now)
    assert due is not None and due.id == rid
    store.ratings.mark_sending(rid)
    store.ratings.schedule_retry(rid, clock.now + timedelta(seconds=30), "error.platform.down")
    assert store.ratings.next_due(clock.now) is None
    clock.advance(seconds=30)
    store.ratings.mark_sending(rid)
    store.ratings.mark_acknowledged(rid, "remote-r1")
    [entry] = store.ratings.entries()
    assert (entry.state, entry.attempts, entry.label) == ("acknowledged", 2, "T-9")


def test_complaint_with_photo_is_one_unit(store: Store, clock: FakeClock) -> None:
    cid = store.complaints.add(
        "窗口排队太久", matter_code="M001", photo=b"\xff\xd8photo", photo_media_type="image/jpeg"
    )
    complaint = store.complaints.get(cid)
    assert complaint.body == "窗口排队太久" and complaint.anonymous
    [photo] = complaint.photos
    assert store.attachments.read(photo.sha256) == b"\xff\xd8photo"
    due = store.complaints.next_due(clock.now)
    assert due is not None and due.id == cid and due.photos == (photo,)
    store.complaints.mark_sending(cid)
    store.complaints.quarantine(cid, "error.platform.rejected")
    assert store.complaints.counts()["quarantined"] == 1


def test_complaint_photo_on_full_disk_stores_nothing(data_dir: Path) -> None:
    import errno

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_store(data_dir, os_write=full) as store:
        with pytest.raises(StorageFullError):
            store.complaints.add("text", photo=b"photo")
        assert store.complaints.entries() == []  # no complaint queued without its photo


def test_status_cache_upsert_and_lookups(store: Store, clock: FakeClock) -> None:
    key = resident_key("370102199001011234", SALT)
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M7", resident_key=key)
    sub = store.submissions.finalize(draft.id)
    store.status.upsert(sub.tracking_number, "accepted", [{"at": "2025-03-14", "step": "受理"}])
    got = store.status.get(sub.tracking_number)
    assert got is not None
    assert (got.resident_key, got.matter_code, got.status) == (key, "M7", "accepted")

    store.status.upsert("LX01-250301-0003-1", "review", [], resident_key=key, matter_code="M2")
    clock.advance(days=1)
    store.status.upsert(
        sub.tracking_number,
        "done",
        [{"at": "2025-03-14", "step": "受理"}, {"at": "2025-03-15", "step": "办结"}],
    )
    cases = store.status.for_resident(key)
    assert [c.tracking_number for c in cases] == [sub.tracking_number, "LX01-250301-0003-1"]
    assert cases[0].status == "done" and len(cases[0].timeline) == 2
    assert cases[0].resident_key == key  # a later upsert without a key keeps it
    assert store.status.for_resident(resident_key("370102199001015678", SALT)) == []


def test_a_number_typed_as_case_number_never_reaches_the_audit_log(store: Store) -> None:
    """A resident rating from home may type their phone or ID number into the case field."""
    for typed in ("13812345678", "11010519491231002X"):
        store.ratings.add(typed, "M001", 5, indicators={})
        events = store.audit.events(kind="rating.recorded")
        assert typed not in "".join(events[0].object_ids)
    assert safe_object_id("LX03-250314-0007-6") == "LX03-250314-0007-6"
    assert safe_object_id("2025.03.14-1") == "2025.03.14-1"
