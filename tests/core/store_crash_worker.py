"""Child process for the crash-safety test: works the store in a loop until SIGKILLed.

Protocol on stdout (one line each, flushed):
  ``ready``                         after open_database returned (migrated and recovered)
  ``F <idempotency_key> <n_files>``  only AFTER finalize returned, i.e. after the commit

Run: ``python -m tests.core.store_crash_worker <data_dir> <seed>``.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.store import open_database

FIELDS = ("name", "phone", "address", "reason", "count")
SHARED_PHOTO = b"\xff\xd8shared-photo" * 64  # the same bytes in many cases: dedup and GC


def _now() -> datetime:
    return datetime.now(UTC)


def expected_values(n: int) -> dict[str, object]:
    return {
        "name": f"居民{n}",
        "phone": f"138{n:08d}",
        "address": f"历下区泉城路{n}号",
        "reason": "x" * (n % 50),
        "count": n,
    }


def main(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    store = open_database(data_dir, clock=_now, station_code="CRASH1")
    print("ready", flush=True)
    n = seed * 1_000_000
    while True:
        n += 1
        draft = store.drafts.create(form_id="crash_form", form_version=1, matter_code="M001")
        for name, value in expected_values(n).items():
            store.drafts.autosave(draft.id, name, value)
        own = rng.randbytes(rng.randrange(1_000, 40_000))
        store.attachments.attach_to_draft(draft.id, "own", own, media_type="image/jpeg")
        store.attachments.attach_to_draft(draft.id, "shared", SHARED_PHOTO, media_type="image/jpeg")
        if rng.random() < 0.2:
            store.drafts.delete_unsaved()  # an idle wipe of an abandoned draft instead
            continue
        submission = store.submissions.finalize(draft.id)
        print(f"F {submission.idempotency_key} 2", flush=True)

        item = store.outbox.next_due(_now())
        if item is None:
            continue
        store.outbox.mark_sending(item.id)
        roll = rng.random()
        if roll < 0.5:
            store.outbox.mark_acknowledged(item.id, f"remote-{item.id}")
        elif roll < 0.7:
            store.outbox.schedule_retry(item.id, _now(), "error.platform.timeout")
        # else: stays "sending" until the next start-up recovers it
        if rng.random() < 0.1:
            store.outbox.purge_acknowledged(_now() + timedelta(seconds=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
