"""Resident keys across the salt switch at enrollment: saved drafts, cases and cached
progress keyed with the kiosk's own salt are found again under the platform's salt."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings, load_settings
from kiosk import bootstrap
from kiosk.identity import IdentitySource, identity_from_fields
from kiosk.identity.model import Identity
from kiosk.services.catalog import CatalogService
from kiosk.services.container import (
    MAX_REMEMBERED_SALTS,
    SALT_FILE,
    USED_SALTS_FILE,
    load_or_create_salt,
    remember_salt,
)
from kiosk.services.journey import JourneyService
from kiosk.store import Store, resident_key
from tests.core.store_support import FakeClock, new_draft

LOCAL_SALT = b"local-kiosk-salt-0123456789"
PLATFORM_SALT = b"platform-city-salt-0123456789"
ID_NUMBER = "370102198503121233"
EMPLOYMENT = "370102-JY-002"


class _UnusedPrinter:
    def __getattr__(self, name: str) -> object:
        raise AssertionError("the printer is not used here")


def _resident() -> Identity:
    return identity_from_fields(
        IdentitySource.ID_CARD, ID_NUMBER, name="张伟明", sex="1", nation_code="01",
        birth="19850312", address="山东省济南市历下区泉城路188号",
    )  # fmt: skip


def _service(store: Store, clock: FakeClock, salt: bytes, **kw: object) -> JourneyService:
    return JourneyService(
        store,
        CatalogService.from_store(store),
        _UnusedPrinter(),  # type: ignore[arg-type]
        Settings(),
        clock,
        salt,
        **kw,  # type: ignore[arg-type]
    )


def test_rekey_moves_drafts_cases_and_cached_progress_in_one_go(store: Store) -> None:
    old, new = resident_key(ID_NUMBER, LOCAL_SALT), resident_key(ID_NUMBER, PLATFORM_SALT)
    saved = new_draft(store)
    store.drafts.save_for_later(saved, old)
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M9", resident_key=old)
    case = store.submissions.finalize(draft.id)
    store.status.upsert(case.tracking_number, "accepted", [])
    other = resident_key("11010519491231002X", LOCAL_SALT)
    store.drafts.save_for_later(new_draft(store), other)

    assert store.residents.rekey([old], new) == 3
    assert [d.id for d in store.drafts.saved_for(new)] == [saved]
    assert [s.tracking_number for s in store.submissions.for_resident(new)] == [
        case.tracking_number
    ]
    assert [c.tracking_number for c in store.status.for_resident(new)] == [case.tracking_number]
    assert store.drafts.saved_for(old) == []
    assert len(store.drafts.saved_for(other)) == 1  # someone else's rows are untouched
    assert store.audit.events(kind="resident.rekeyed")[0].object_ids == ("3",)
    assert store.residents.rekey([old], new) == 0  # nothing left: no write, no event
    assert len(store.audit.events(kind="resident.rekeyed")) == 1


def test_drafts_saved_before_enrollment_are_found_after_it(store: Store, clock: FakeClock) -> None:
    before = _service(store, clock, LOCAL_SALT)
    handle = before.start(_resident(), EMPLOYMENT, "zh_CN")
    before.save_for_later(handle.draft_id, _resident())

    after = _service(store, clock, PLATFORM_SALT, former_salts=[LOCAL_SALT])
    assert [d.draft_id for d in after.saved_drafts_for(_resident())] == [handle.draft_id]
    key = resident_key(ID_NUMBER, PLATFORM_SALT)
    assert store.drafts.get(handle.draft_id).resident_key == key
    # Without the former salt the platform key alone finds them too, now that they moved.
    assert [d.draft_id for d in _service(store, clock, PLATFORM_SALT).resume_saved(key)] == [
        handle.draft_id
    ]


def test_without_former_salts_nothing_is_moved(store: Store, clock: FakeClock) -> None:
    before = _service(store, clock, LOCAL_SALT)
    handle = before.start(_resident(), EMPLOYMENT, "zh_CN")
    before.save_for_later(handle.draft_id, _resident())
    assert _service(store, clock, PLATFORM_SALT).saved_drafts_for(_resident()) == []
    assert store.drafts.get(handle.draft_id).resident_key == resident_key(ID_NUMBER, LOCAL_SALT)


def test_former_salt_is_the_local_file_once_the_platform_salt_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    local = bootstrap.resident_salt(settings)  # not enrolled: the kiosk's own salt file
    assert local == load_or_create_salt(tmp_path)
    assert bootstrap.former_resident_salts(settings, local) == ()
    monkeypatch.setattr(bootstrap, "platform_resident_salt", lambda s: PLATFORM_SALT)
    current = bootstrap.resident_salt(settings)
    assert current == PLATFORM_SALT
    assert bootstrap.former_resident_salts(settings, current) == (local,)


def test_no_local_salt_is_created_just_to_compare(tmp_path: Path) -> None:
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    assert bootstrap.former_resident_salts(settings, PLATFORM_SALT) == ()  # enrolled at once
    assert not (tmp_path / SALT_FILE).exists()


def test_every_salt_used_before_stays_a_former_salt(tmp_path: Path) -> None:
    """A new city salt at re-enrollment, or back to the local one without credentials: the
    salts used before are remembered (newest first, a short list, owner-only)."""
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    city_1, city_2 = PLATFORM_SALT, b"second-city-salt-0123456789"
    assert bootstrap.former_resident_salts(settings, city_1) == ()
    assert bootstrap.former_resident_salts(settings, city_1) == ()  # same salt: nothing new
    assert bootstrap.former_resident_salts(settings, city_2) == (city_1,)
    local = load_or_create_salt(tmp_path)  # credentials removed
    assert bootstrap.former_resident_salts(settings, local) == (city_2, city_1)
    assert bootstrap.former_resident_salts(settings, city_1) == (local, city_2)
    assert (tmp_path / USED_SALTS_FILE).stat().st_mode & 0o777 == 0o600
    for n in range(MAX_REMEMBERED_SALTS + 3):
        remember_salt(tmp_path, f"rotated-salt-{n:04}-0123456789".encode())
    assert len(remember_salt(tmp_path, city_2)) == MAX_REMEMBERED_SALTS - 1
    (tmp_path / USED_SALTS_FILE).write_text("not hex\n00ff\n" + city_1.hex() + "\n")
    assert remember_salt(tmp_path, city_2) == (city_1,)  # damaged lines are skipped


def test_a_draft_saved_before_re_enrollment_is_found_after_it(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path / "salts")})
    city_1, city_2 = PLATFORM_SALT, b"second-city-salt-0123456789"
    before = _service(
        store, clock, city_1, former_salts=bootstrap.former_resident_salts(settings, city_1)
    )
    handle = before.start(_resident(), EMPLOYMENT, "zh_CN")
    before.save_for_later(handle.draft_id, _resident())

    after = _service(
        store, clock, city_2, former_salts=bootstrap.former_resident_salts(settings, city_2)
    )
    assert [d.draft_id for d in after.saved_drafts_for(_resident())] == [handle.draft_id]
    assert store.drafts.get(handle.draft_id).resident_key == resident_key(ID_NUMBER, city_2)


def test_identification_still_works_when_the_re_key_cannot_be_written(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk during the move must not stop a resident from being identified (e.g. a
    progress query): the rows stay under the former key and move next time."""
    from kiosk.errors import StorageFullError

    before = _service(store, clock, LOCAL_SALT)
    handle = before.start(_resident(), EMPLOYMENT, "zh_CN")
    before.save_for_later(handle.draft_id, _resident())

    def disk_full(*_args: object) -> int:
        raise StorageFullError(detail="test")

    after = _service(store, clock, PLATFORM_SALT, former_salts=[LOCAL_SALT])
    monkeypatch.setattr(store.residents, "rekey", disk_full)
    assert after.resident_key(_resident()) == resident_key(ID_NUMBER, PLATFORM_SALT)
    assert store.drafts.get(handle.draft_id).resident_key == resident_key(ID_NUMBER, LOCAL_SALT)
    monkeypatch.undo()  # space again: the next identification moves them
    assert [d.draft_id for d in after.saved_drafts_for(_resident())] == [handle.draft_id]
