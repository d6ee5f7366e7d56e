"""Offline store: opening, connections, catalogue cache, drafts, identifiers."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import CatalogError, IdentityError, NotFoundError, StoreError
from kiosk.store import (
    Store,
    is_valid_tracking_number,
    make_tracking_number,
    open_database,
    resident_key,
)
from kiosk.store.base import to_text
from kiosk.store.migrations import migrations
from tests.core.store_support import SALT, FakeClock, new_draft, open_store

# -- opening -----------------------------------------------------------------------------


def test_open_creates_dir_enables_wal_and_foreign_keys(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "data"
    with open_store(target) as store:
        assert (target / "kiosk.db").is_file()
        assert (target / "attachments").is_dir()
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert store.integrity_check()


def test_every_connection_has_a_bounded_page_cache(data_dir: Path) -> None:
    """Memory stays flat as the history grows: 512 KiB of page cache per connection, also on
    the extra connections the worker and sync threads open."""
    with open_store(data_dir) as store:
        other = store.new_connection()
        try:
            for s in (store, other):
                assert s.db.execute("PRAGMA cache_size").fetchone()[0] == -512
        finally:
            other.close()


def test_migrations_are_recorded_and_not_reapplied(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        applied = [m.name for m in migrations.applied(store.db)]
        assert applied == [
            "0001_initial",
            "0002_submission_draft_id",
            "0003_audit_retention",
            "0004_resident_key_salt",
        ]
    with open_store(data_dir) as store:  # second start: nothing pending, no error
        assert migrations.pending(store.db) == []
        assert [m.name for m in migrations.applied(store.db)] == applied


def test_bad_arguments_are_refused(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="station_code"):
        open_database(data_dir, clock=FakeClock(), station_code="lx 03")
    with pytest.raises(ValueError, match="aware"):
        to_text(datetime(2025, 1, 1))  # naive: its zone would be a guess


def test_corrupt_database_raises_store_corrupt(data_dir: Path) -> None:
    (data_dir / "kiosk.db").write_bytes(b"this is not a database" * 500)
    with pytest.raises(StoreError) as info:
        open_store(data_dir)
    assert info.value.key == "error.store.corrupt"
    assert info.value.__cause__ is not None


def test_each_thread_opens_its_own_connection(store: Store) -> None:
    draft_id = new_draft(store, name="张三")
    seen: list[object] = []
    crossing: list[BaseException] = []

    def worker() -> None:
        try:
            store.drafts.get(draft_id)  # the GUI thread's connection must not be used here
        except Exception as err:  # sqlite3.ProgrammingError: wrong thread
            crossing.append(err)
        with store.new_connection() as own:
            own.drafts.autosave(draft_id, "phone", "13800000000")
            seen.append(own.drafts.get(draft_id).values)

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert len(crossing) == 1 and "thread" in str(crossing[0])
    assert seen == [{"name": "张三", "phone": "13800000000"}]
    # WAL: the other connection's commit is visible here at once.
    assert store.drafts.get(draft_id).values["phone"] == "13800000000"


# -- catalogue cache ------------------------------------------------------------------------


def test_catalog_install_validates_before_writing(store: Store) -> None:
    store.catalog.install("v1", b'{"matters": []}', lambda b: None)

    def refuse(content: bytes) -> None:
        raise CatalogError("error.catalog.invalid")

    with pytest.raises(CatalogError):
        store.catalog.install("v2", b"broken", refuse)
    assert store.catalog.active() == ("v1", b'{"matters": []}')
    assert [v.version for v in store.catalog.versions()] == ["v1"]


def test_catalog_keeps_previous_version_only(store: Store, clock: FakeClock) -> None:
    for n in range(1, 4):
        clock.advance(minutes=1)
        store.catalog.install(f"v{n}", f"content {n}".encode(), lambda b: None)
    assert store.catalog.active() == ("v3", b"content 3")
    versions = {v.version: v.active for v in store.catalog.versions()}
    assert versions == {"v3": True, "v2": False}
    store.catalog.activate("v2")
    assert store.catalog.active() == ("v2", b"content 2")
    with pytest.raises(NotFoundError):
        store.catalog.activate("v1")


def test_catalog_empty_store_has_no_active_version(store: Store) -> None:
    assert store.catalog.active() is None


# -- drafts --------------------------------------------------------------------------------


def test_autosave_updates_one_field_and_nested_paths(store: Store, clock: FakeClock) -> None:
    draft = store.drafts.create(
        form_id="f", form_version=7, bundle_code="birth", values={"name": "王五", "age": 3}
    )
    clock.advance(seconds=5)
    store.drafts.autosave(draft.id, "age", 4)
    store.drafts.autosave(draft.id, "members.0.name", "赵六")
    store.drafts.autosave(draft.id, ("members", 1, "name"), "钱七")
    store.drafts.autosave(draft.id, "agree", True)
    got = store.drafts.get(draft.id)
    assert got.values == {
        "name": "王五",
        "age": 4,
        "members": [{"name": "赵六"}, {"name": "钱七"}],
        "agree": True,
    }
    assert got.form_version == 7 and got.bundle_code == "birth" and got.matter_code is None
    assert got.updated_at > got.created_at


@pytest.mark.parametrize("path", ["", "Name", "a..b", 'x"]', "$.x", "a.-1"])
def test_autosave_rejects_unsafe_paths(store: Store, path: str) -> None:
    draft_id = new_draft(store)
    with pytest.raises(ValueError):
        store.drafts.autosave(draft_id, path, 1)


def test_autosave_unknown_draft_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.drafts.autosave("nope", "name", "x")


def test_unsaved_drafts_are_wiped_saved_ones_kept(store: Store) -> None:
    key = resident_key("370102199001011234", SALT)
    kept = new_draft(store, name="a")
    store.drafts.save_for_later(kept, key)
    wiped = new_draft(store, name="b")
    store.attachments.attach_to_draft(wiped, "photo", b"jpeg-b", media_type="image/jpeg")
    assert store.drafts.delete_unsaved() == 1
    with pytest.raises(NotFoundError):
        store.drafts.get(wiped)
    assert [d.id for d in store.drafts.saved_for(key)] == [kept]
    assert store.drafts.saved_for(resident_key("370102199001015678", SALT)) == []
    assert list((store.settings.attachments_dir).glob("*/*")) == []  # file went with its draft


def test_resident_key_is_the_same_for_any_spelling_of_the_number() -> None:
    """Full-width keypad input (IME) and a lower-case x must find the same saved drafts."""
    key = resident_key("11010519491231002X", SALT)
    assert (
        resident_key(
            "\uff11\uff11\uff10\uff11\uff10\uff15\uff11\uff19\uff14\uff19"
            "\uff11\uff12\uff13\uff11\uff10\uff10\uff12\uff58",
            SALT,
        )
        == key
    )
    assert resident_key(" 11010519491231002x\x00", SALT) == key
    with pytest.raises(IdentityError) as caught:
        resident_key("张三", SALT)
    assert "张三" not in str(caught.value)


def test_saved_for_later_requires_a_resident_key(store: Store) -> None:
    draft_id = new_draft(store)
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE drafts SET saved_for_later = 1 WHERE id = ?", [draft_id])
    assert store.drafts.get(draft_id).saved_for_later is False


def test_delete_draft_and_retention(store: Store, clock: FakeClock) -> None:
    key = resident_key("370102199001011234", SALT)
    old = new_draft(store)
    store.drafts.save_for_later(old, key)
    clock.advance(days=40)
    fresh = new_draft(store)
    store.drafts.save_for_later(fresh, key)
    assert store.drafts.delete_saved_before(clock.now.replace(day=1)) == 1
    assert [d.id for d in store.drafts.saved_for(key)] == [fresh]
    assert store.drafts.delete(fresh) is True
    assert store.drafts.delete(fresh) is False


def test_deleting_one_draft_is_audited_by_id_only(store: Store) -> None:
    key = resident_key("370102199001011234", SALT)
    draft_id = new_draft(store, name="张三")
    store.drafts.save_for_later(draft_id, key)
    store.attachments.attach_to_draft(draft_id, "p", b"jpeg-x", media_type="image/jpeg")
    assert store.drafts.delete(draft_id) is True
    events = store.audit.events(kind="draft.deleted")
    assert [e.object_ids for e in events] == [(draft_id,)]
    assert store.drafts.delete(draft_id) is False  # nothing deleted: nothing audited
    assert len(store.audit.events(kind="draft.deleted")) == 1
    rows = "\n".join(str(tuple(r)) for r in store.db.execute("SELECT * FROM audit_log"))
    assert "张三" not in rows and key not in rows and "370102199001011234" not in rows


# -- identifiers ------------------------------------------------------------------------------


def test_resident_key_is_salted_and_normalised() -> None:
    a = resident_key("37010219900101123x", SALT)
    assert a == resident_key(" 37010219900101123X ", SALT)
    assert a != resident_key("37010219900101123X", SALT[::-1])
    assert "370102" not in a and len(a) == 64
    with pytest.raises(ValueError):
        resident_key("370102199001011234", b"short")


def test_tracking_number_shape_and_check_digit() -> None:
    number = make_tracking_number("LX03", date(2025, 3, 14), 7)
    assert number.startswith("LX03-250314-0007-")
    assert is_valid_tracking_number(number)
    assert is_valid_tracking_number(number.lower())
    assert make_tracking_number("LX03", date(2025, 3, 14), 12345).split("-")[2] == "12345"


@given(
    seq=st.integers(min_value=1, max_value=99999),
    pos=st.integers(min_value=0, max_value=30),
    replacement=st.sampled_from("0123456789"),
)
def test_tracking_number_detects_any_single_wrong_digit(
    seq: int, pos: int, replacement: str
) -> None:
    number = make_tracking_number("LX03", date(2025, 3, 14), seq)
    positions = [i for i, ch in enumerate(number) if ch.isdigit()]
    i = positions[pos % len(positions)]
    if number[i] == replacement or not replacement.isdigit():
        return  # same character, or a change the shape check already rejects
    typo = number[:i] + replacement + number[i + 1 :]
    assert not is_valid_tracking_number(typo)


def test_tracking_number_detects_adjacent_swaps() -> None:
    number = make_tracking_number("LX03", date(2025, 3, 14), 4821)
    digits = number.replace("-", "")
    for i in range(len(digits) - 1):
        if digits[i] == digits[i + 1] or not (digits[i] + digits[i + 1]).isdigit():
            continue
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
        text = f"{swapped[:4]}-{swapped[4:10]}-{swapped[10:14]}-{swapped[14:]}"
        assert not is_valid_tracking_number(text), text


def test_upgrade_from_the_first_schema_keeps_cases(data_dir: Path) -> None:
    """A database made by 0001 alone gains ``draft_id`` at the next start; old cases stay."""
    from sqlite_utils import Database, Migrations

    from kiosk.store.migrations import initial

    first_release = Migrations("kiosk.store")  # the same set as shipped, before 0002
    first_release(name="0001_initial")(initial)
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(data_dir / "kiosk.db")
    first_release.apply(db)
    db.execute(
        "INSERT INTO submissions (id, tracking_number, matter_code, form_id, form_version, "
        "payload, finalized_at) VALUES ('k1', 'LX01-250101-0001-0', 'M1', 'f', 1, '{}', "
        "'2025-01-01T00:00:00+00:00')"
    )
    db.conn.commit()
    db.close()
    with open_store(data_dir) as store:
        row = store.db.execute("SELECT id, draft_id FROM submissions").fetchall()
        assert row == [("k1", None)]
        assert store.submissions.by_draft("anything") is None
