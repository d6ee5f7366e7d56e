"""Start-up wiring: the journey service in the container, the resident-key salt."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from config.settings import load_settings
from kiosk import bootstrap
from kiosk.errors import NotFoundError
from kiosk.services.container import load_or_create_salt
from kiosk.services.journey import JourneyService


def test_journey_service_is_built_by_the_catalogue_job_on_the_worker(make_kiosk: Any) -> None:
    k = make_kiosk()
    services = k.services
    k.wait(lambda: services._journey is not None)  # the controller's catalogue job ran
    assert isinstance(services.journey, JourneyService)
    seen: list[tuple[str, int, bool]] = []

    def job(store: Any) -> tuple[str, int, bool]:
        handle = services.journey.start(None, "370102-YL-002", "zh_CN")
        # the journey's calls on the worker use the worker's own connection
        same = store.drafts.get(handle.draft_id).id == handle.draft_id
        return handle.draft_id, threading.get_ident(), same

    k.ui.worker.submit(job, seen.append)
    k.wait(lambda: bool(seen))
    draft_id, thread, same = seen[0]
    assert thread != threading.get_ident() and same
    # evaluate and wipe may run on the GUI thread: it gets a connection of its own, closed
    # with the container (no ResourceWarning: warnings are errors)
    services.journey.wipe()
    with pytest.raises(NotFoundError):
        services.store.drafts.get(draft_id)


def test_salt_prefers_the_platform_salt_from_enrollment(tmp_path: Path, monkeypatch: Any) -> None:
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    local = bootstrap.resident_salt(settings)
    assert local == load_or_create_salt(tmp_path) and len(local) == 32
    monkeypatch.setattr(bootstrap, "platform_resident_salt", lambda s: b"c" * 32)
    assert bootstrap.resident_salt(settings) == b"c" * 32
    monkeypatch.setattr(bootstrap, "platform_resident_salt", lambda s: b"short")
    assert bootstrap.resident_salt(settings) == local


def test_journey_before_the_catalogue_job_loads_on_the_gui_thread(tmp_path: Path) -> None:
    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    services = bootstrap.build_services(settings)
    try:
        journey = services.journey
        handle = journey.start(None, "370102-YL-002", "en")
        assert services.store.drafts.get(handle.draft_id).id == handle.draft_id
        assert services.journey is journey
    finally:
        services.close()


def test_header_indicator_shows_pending_then_delivered(make_kiosk: Any) -> None:
    from kiosk.services.container import SyncSnapshot

    k = make_kiosk(language="en")
    network = k.ui.window.network
    assert not network.isVisibleTo(k.ui.window)  # no sync information yet: hidden
    snapshot: list[SyncSnapshot | None] = [SyncSnapshot(online=False, pending=2)]
    k.services.sync_state = lambda: snapshot[0]
    k.wait(lambda: "2 waiting to send" in network.text())
    assert network.isVisibleTo(k.ui.window)
    assert network.text().startswith("⚠") and "Offline" in network.text()  # icon + words
    snapshot[0] = SyncSnapshot(online=True, pending=1)
    k.wait(lambda: "Online" in network.text() and "1 waiting to send" in network.text())
    snapshot[0] = SyncSnapshot(online=True, pending=0)
    k.wait(lambda: "waiting" not in network.text())
    assert "Online" in network.text()


def test_saved_drafts_past_retention_are_deleted_at_start_up(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.store import open_database

    settings = load_settings(
        environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path), "KIOSK_STORAGE__RETENTION_DAYS": "30"}
    )
    now = datetime.now(UTC)
    ids = {}
    for name, age_days, saved in [("old", 31, True), ("recent", 29, True), ("unsaved", 31, False)]:
        moment = now - timedelta(days=age_days)
        with open_database(
            tmp_path, clock=lambda m=moment: m, station_code=settings.terminal.station_code
        ) as store:
            draft = store.drafts.create(
                form_id="f.x", form_version=1, matter_code="370102-YL-002", values={}
            )
            if saved:
                store.drafts.save_for_later(draft.id, "resident-key")
            ids[name] = draft.id
    services = bootstrap.build_services(settings)
    try:
        with pytest.raises(NotFoundError):
            services.store.drafts.get(ids["old"])
        assert services.store.drafts.get(ids["recent"]).saved_for_later
        services.store.drafts.get(ids["unsaved"])  # the idle wipe's business, not retention's
    finally:
        services.close()


def test_voice_guidance_setting_starts_the_configured_engine(make_kiosk: Any) -> None:
    silent = make_kiosk()
    assert silent.ui.speech is None
    k = make_kiosk(KIOSK_TERMINAL__VOICE_GUIDANCE="true", KIOSK_TERMINAL__VOICE_ENGINE="mock")
    assert k.ui.speech is not None and k.ui.speech.engine() == "mock"
    spoken: list[str] = []
    k.c.spoken.connect(spoken.append)
    k.tap_handle_matter()
    assert spoken and "读卡区" in spoken[-1]
