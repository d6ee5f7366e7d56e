"""Objects that carry a resident's data must not print it: a ``repr`` ends up in logs and
tracebacks (``log.info("%s", item)``, pytest's assertion rewriting, an exception's args)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.forms.prefill import Prefill
from kiosk.identity import parse_id_number
from kiosk.store import Store
from tests.core.store_support import open_store

NUMBER = "11010519491231002X"
NAME = "张三丰"
PHONE = "13812345678"
ADDRESS = "泉城路1号"
TODAY = dt.date(2025, 6, 1)


def _assert_clean(obj: object) -> None:
    text = repr(obj) + str(obj)
    for secret in (NUMBER, NAME, PHONE, ADDRESS, "1949-12-31"):
        assert secret not in text, f"{type(obj).__name__} shows {secret!r}"


def test_parsed_id_number_is_not_shown() -> None:
    _assert_clean(parse_id_number(NUMBER, today=TODAY))


def test_prefill_values_are_not_shown() -> None:
    _assert_clean(Prefill({"name": NAME, "id": NUMBER}, frozenset({"name", "id"})))


def _store_with_a_case(tmp_path: Path) -> tuple[Store, str]:
    store = open_store(tmp_path)
    draft = store.drafts.create(
        form_id="f1",
        form_version=1,
        matter_code="M001",
        values={"name": NAME, "id_number": NUMBER, "address": ADDRESS},
        resident_key="k" * 64,
    )
    return store, draft.id


def test_store_records_do_not_show_personal_data(tmp_path: Path) -> None:
    store, draft_id = _store_with_a_case(tmp_path)
    with store:
        _assert_clean(store.drafts.get(draft_id))
        submission = store.submissions.finalize(draft_id)
        _assert_clean(submission)
        item = store.outbox.next_due(store.now())
        assert item is not None
        _assert_clean(item)
        store.receipts.save(submission.tracking_number, {"name": NAME, "phone": PHONE})
        _assert_clean(store.receipts.get(submission.tracking_number))
        rating_id = store.ratings.add(
            submission.tracking_number,
            "M001",
            2,
            indicators={"efficiency": 2},
            comment=f"{NAME} {PHONE}",
            anonymous=False,
            contact=PHONE,
        )
        rating = store.ratings.for_case(submission.tracking_number)
        assert rating is not None and rating.id == rating_id
        _assert_clean(rating)
        complaint_id = store.complaints.add(f"{NAME} at {ADDRESS}", anonymous=False, contact=PHONE)
        _assert_clean(store.complaints.get(complaint_id))
