"""A case submitted at one kiosk is found by card at another, through the platform; a draft
saved for later is found again after the kiosk changes salt (re-enrollment, no credentials).

Both kiosks enroll over HTTP with the real central app (so both hold its city-wide salt); kiosk
A submits with the card, its sync delivers the case with the salted resident key, and kiosk B
(an empty store of its own) asks the platform by card and finds it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from central.models import Submission as CentralSubmission
from config.settings import Settings, load_settings
from kiosk import bootstrap
from kiosk.services.container import USED_SALTS_FILE
from kiosk.store import resident_key
from sync.files import CREDENTIALS_FILE, Credentials, load_credentials
from tests.central_server import CentralServer, running_central_server
from tests.sync.support import STATION
from tests.ui.test_journey_service_support import EMPLOYMENT, resident, submitted_case


def _settings(data_dir: Path, terminal_id: str) -> Settings:
    return load_settings(
        environ={
            "KIOSK_PATHS__DATA_DIR": str(data_dir),
            "KIOSK_TERMINAL__ID": terminal_id,
            "KIOSK_TERMINAL__STATION_CODE": STATION,
        }
    )


def _enrolled(central: CentralServer, data_dir: Path, terminal_id: str) -> Settings:
    settings = _settings(data_dir, terminal_id)
    code = central.create_enrollment_code(terminal_id=terminal_id)
    bootstrap.enroll(settings, central.base_url, code)
    return settings


def test_case_submitted_at_one_kiosk_is_found_by_card_at_another(
    tmp_path: Path, central: CentralServer
) -> None:
    kiosk_a = _enrolled(central, tmp_path / "a", "JN-LX-0001")
    kiosk_b = _enrolled(central, tmp_path / "b", "JN-LX-0002")
    credentials = load_credentials(tmp_path / "a")
    assert credentials is not None
    card_key = resident_key(resident().id_number, bytes.fromhex(credentials.resident_key_salt))

    services = bootstrap.build_services(kiosk_a)
    try:
        tracking = submitted_case(services.journey)
    finally:
        services.close()
    outcome = bootstrap.sync_once(kiosk_a)
    assert outcome["report"]["send"]["acknowledged"] == 1  # type: ignore[index]

    with central.db.read() as session:
        (case,) = session.scalars(select(CentralSubmission)).all()
        assert (case.tracking_number, case.resident_key) == (tracking, card_key)
        assert resident().id_number not in case.resident_key

    services = bootstrap.build_services(kiosk_b)
    try:
        assert services.store.submissions.for_resident(card_key) == []  # nothing local at B
        found = services.journey.progress_for(resident())
        assert [(p.tracking_number, p.status) for p in found] == [(tracking, "received")]
    finally:
        services.close()


def test_re_enrollment_with_another_city_salt_keeps_a_saved_draft_findable(
    tmp_path: Path, central: CentralServer
) -> None:
    """Enrolled with one platform, a draft saved for later; enrolled again with another
    platform (another city salt), then the credentials removed (the kiosk's own salt): the
    resident finds the draft each time."""
    settings = _enrolled(central, tmp_path / "kiosk", "JN-LX-0001")

    def saved_drafts() -> list[str]:
        services = bootstrap.build_services(settings)
        try:
            return [d.draft_id for d in services.journey.saved_drafts_for(resident())]
        finally:
            services.close()

    services = bootstrap.build_services(settings)
    try:
        handle = services.journey.start(resident(), EMPLOYMENT, "zh_CN")
        services.journey.save_for_later(handle.draft_id, resident())
    finally:
        services.close()
    first_salt = (load_credentials(tmp_path / "kiosk") or _missing()).resident_key_salt

    with running_central_server(tmp_path / "other-city") as other:
        bootstrap.enroll(settings, other.base_url, other.create_enrollment_code())
    second_salt = (load_credentials(tmp_path / "kiosk") or _missing()).resident_key_salt
    assert second_salt != first_salt
    assert saved_drafts() == [handle.draft_id]

    (tmp_path / "kiosk" / CREDENTIALS_FILE).unlink()
    assert saved_drafts() == [handle.draft_id]
    salts = tmp_path / "kiosk" / USED_SALTS_FILE
    assert salts.stat().st_mode & 0o777 == 0o600
    assert salts.read_text().split()[:2] == [first_salt, second_salt]


def _missing() -> Credentials:
    raise AssertionError("not enrolled")


def test_a_key_from_a_salt_before_enrollment_never_reaches_the_platform(
    tmp_path: Path, central: CentralServer
) -> None:
    """A case queued under the kiosk's local salt (finalized before it enrolled, the resident
    not seen again since) goes out with resident_key null: no other kiosk could compute that
    key. (A re-key at the next identification names the platform salt: test_store_outbox.)"""
    from kiosk.store import salt_id

    settings = _enrolled(central, tmp_path / "a", "JN-LX-0001")
    local_salt = b"kiosk-local-salt-before-enrollment"
    old_key = resident_key(resident().id_number, local_salt)
    services = bootstrap.build_services(settings)
    try:
        store = services.store
        draft = store.drafts.create(
            form_id="f", form_version=1, matter_code=EMPLOYMENT, resident_key=old_key
        )
        early = store.submissions.finalize(draft.id, key_salt=salt_id(local_salt))
    finally:
        services.close()
    outcome = bootstrap.sync_once(settings)
    assert outcome["report"]["send"]["acknowledged"] == 1  # type: ignore[index]
    with central.db.read() as session:
        (case,) = session.scalars(select(CentralSubmission)).all()
        assert case.tracking_number == early.tracking_number
        assert case.resident_key is None
