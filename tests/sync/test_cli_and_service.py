"""``kiosk enroll`` / ``kiosk sync once`` / doctor, and the background SyncService thread."""

from __future__ import annotations

import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config.settings import load_settings
from kiosk import bootstrap
from kiosk.cli import main
from kiosk.diagnostics import Verdict
from kiosk.store import open_database
from sync.engine import SyncState
from sync.files import load_credentials
from tests.central_server import CentralServer
from tests.sync.conftest import STATION, TERMINAL, Kiosk, finalize


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        f'[paths]\ndata_dir = "{data}"\n[terminal]\nstation_code = "{STATION}"\n'
        f'id = "{TERMINAL}"\n[platform]\nconnect_timeout_s = 1.0\nread_timeout_s = 5.0\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KIOSK_CONFIG", str(cfg))
    return data


def _doctor_platform() -> tuple[Verdict, str]:
    settings = load_settings()
    result = bootstrap.check_platform(settings)
    return result.verdict, result.detail


def test_enroll_sync_once_and_doctor(
    site: Path, central: CentralServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _doctor_platform()[0] is Verdict.WARN  # not enrolled yet: works offline
    code = central.create_enrollment_code(terminal_id=TERMINAL)
    assert main(["enroll", central.base_url, code]) == 0
    path = site / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    credentials = load_credentials(site)
    assert credentials is not None and credentials.terminal_id == TERMINAL
    assert credentials.token not in capsys.readouterr().out
    assert bootstrap.platform_resident_salt(load_settings())
    assert _doctor_platform()[0] is Verdict.OK

    with open_database(site, clock=lambda: datetime.now(UTC), station_code=STATION) as store:
        finalize(store, 2)
    assert main(["sync", "once"]) == 0
    out = capsys.readouterr().out
    assert "sent 2" in out and "heartbeat sent" in out
    assert central.submission_count() == 2

    central.revoke(TERMINAL)
    verdict, detail = _doctor_platform()
    assert verdict is Verdict.FAIL and "terminal not authorised" in detail
    assert main(["sync", "once"]) == 2
    assert "not authorised" in capsys.readouterr().out
    checks = [c() for c in bootstrap.doctor_checks(load_settings())]
    assert any(c.name == "central platform" and c.verdict is Verdict.FAIL for c in checks)

    assert main(["enroll", central.base_url, "used-or-unknown-code"]) == 1


def test_doctor_unreachable_is_a_warning(site: Path, central: CentralServer) -> None:
    code = central.create_enrollment_code(terminal_id=TERMINAL)
    assert main(["enroll", central.base_url, code]) == 0
    settings = load_settings()
    result = bootstrap.check_platform(
        settings.model_copy(
            update={"platform": settings.platform.model_copy(update={"url": "http://127.0.0.1:9"})}
        )
    )
    assert result.verdict is Verdict.WARN and "unreachable" in result.detail


def test_service_thread_kick_state_listener_and_clean_stop(kiosk: Kiosk) -> None:
    from sync.service import SyncService

    states: list[SyncState] = []
    delivered = threading.Event()

    def listener(state: SyncState) -> None:
        states.append(state)
        if state.queue_depth == 0 and state.last_success_at is not None:
            delivered.set()

    threads: list[str] = []

    def open_store():  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return kiosk.store.new_connection()

    service = SyncService(open_store, lambda store: _engine_for(kiosk, store))
    service.add_listener(listener)
    service.start()
    try:
        assert service.wait_for_passes(1, 30)
        finalize(kiosk.store, 2)
        delivered.clear()
        service.kick()
        assert delivered.wait(30)
        assert kiosk.central.submission_count() == 2
        snapshot = service.state()
        assert snapshot.running and snapshot.queue_depth == 0 and snapshot.enrolled
        assert not snapshot.paused_unauthorized
    finally:
        service.stop(30)
    assert threads == ["kiosk-sync"]  # its own connection, opened on its own thread
    assert not service.state().running
    assert states


def _engine_for(kiosk: Kiosk, store):  # type: ignore[no-untyped-def]
    import time

    from sync.engine import SyncEngine

    return SyncEngine(
        store,
        kiosk.client(),
        data_dir=kiosk.data_dir,
        terminal_id=TERMINAL,
        app_version="test",
        clock=lambda: datetime.now(UTC),
        monotonic=time.monotonic,
    )


def test_service_survives_unauthorised_and_resumes(kiosk: Kiosk) -> None:
    from sync.service import SyncService

    kiosk.central.revoke(TERMINAL)
    finalize(kiosk.store)
    service = SyncService(kiosk.store.new_connection, lambda s: _engine_for(kiosk, s))
    service.start()
    try:
        assert service.wait_for_passes(1, 30)
        assert service.state().paused_unauthorized
        kiosk.enroll_again()
        service.resume()
        # A pass that was already running when resume() came in may finish first, still
        # paused: wait pass by pass (no sleeps) until the resumed pass has delivered.
        for _ in range(10):
            target = service.passes + 1  # read before checking, so no pass slips between
            if kiosk.central.submission_count() == 1:
                break
            assert service.wait_for_passes(target, 30)
        assert not service.state().paused_unauthorized
        assert kiosk.central.submission_count() == 1
    finally:
        service.stop(30)


def test_local_platform_child_enrolls_once_and_reuses_the_token(tmp_path: Path) -> None:
    from sync.client import HttpPlatformClient, new_session
    from sync.local_platform import ensure_enrolled, start_local_platform

    kiosk_dir = tmp_path / "kiosk"
    tokens = []
    for _ in range(2):  # second start: new port, same central data, same token
        platform = start_local_platform(tmp_path / "central", station="test station")
        try:
            with HttpPlatformClient(
                platform.url, new_session(), token=lambda: _token(kiosk_dir)
            ) as client:
                ensure_enrolled(platform, client, kiosk_dir, TERMINAL, "t", datetime.now(UTC))
                assert client.fetch_catalog(None).content is not None  # sample published
            credentials = load_credentials(kiosk_dir)
            assert credentials is not None and credentials.platform_url == platform.url
            tokens.append(credentials.token)
        finally:
            platform.stop()
        assert platform.process.poll() is not None
    assert tokens[0] == tokens[1]


def _token(data_dir: Path) -> str | None:
    credentials = load_credentials(data_dir)
    return None if credentials is None else credentials.token


def test_bootstrap_builds_a_working_sync_service(site: Path, central: CentralServer) -> None:
    code = central.create_enrollment_code(terminal_id=TERMINAL)
    settings = load_settings()
    bootstrap.enroll(settings, central.base_url, code)
    with bootstrap.open_store(settings) as store:
        finalize(store, 1)
        service = bootstrap.build_sync_service(
            settings, store, devices=lambda: {"printer": {"state": "ready"}}
        )
        service.start()
        try:
            assert service.wait_for_passes(1, 30)
            assert service.state().queue_depth == 0
        finally:
            service.stop(30)
    assert central.submission_count() == 1
    beat = central.heartbeat(TERMINAL)
    assert beat is not None and beat["devices"]["printer"]["state"] == "ready"
