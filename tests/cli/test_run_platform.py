"""``kiosk run``'s platform loop against the REAL local central (a child process on loopback):
start and enroll, sync thread with the device heartbeat, kick after a submission, clean stop.

The local platform itself (enrollment, token reuse) is tested in tests/sync; here only the
pieces ``kiosk run`` adds, through the command itself with the UI replaced.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from config.settings import load_settings
from kiosk import bootstrap
from kiosk.cli import main
from kiosk.services.container import KioskServices
from tests.sync.support import finalize


@pytest.fixture
def site_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        f'[paths]\ndata_dir = "{data}"\n[platform]\nurl = ""\nconnect_timeout_s = 1.0\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KIOSK_CONFIG", str(cfg))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return data


def test_run_starts_the_local_central_syncs_after_submit_and_stops_it(
    site_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links: list[bootstrap.PlatformLink] = []
    real_start = bootstrap.start_platform

    def start_platform(settings: Any) -> bootstrap.PlatformLink:
        links.append(real_start(settings))
        return links[-1]

    seen: dict[str, Any] = {}

    def launch_ui(settings: Any, open_services: Callable[[], KioskServices]) -> int:
        services = open_services()  # what the UI does after its first paint
        link = links[0]
        assert link.local is not None and link.sync is not None
        seen["process"], seen["sync"] = link.local.process, link.sync
        # enrolled before the services were built: the journey uses the platform's salt
        assert services.resident_salt == bootstrap.platform_resident_salt(load_settings())
        delivered = threading.Event()

        def listener(state: Any) -> None:
            snap = bootstrap.sync_snapshot(state)
            if snap is not None and snap.online and snap.pending == 0 and seen.get("sent"):
                delivered.set()

        link.sync.add_listener(listener)
        assert link.sync.wait_for_passes(1, 60)
        finalize(services.store, 1)
        seen["pending"] = services.sync_snapshot()
        seen["sent"] = True
        services.on_submitted()  # what the controller calls after each finalized submission
        assert delivered.wait(60)
        seen["delivered"] = services.sync_snapshot()
        return 0

    monkeypatch.setattr(bootstrap, "start_platform", start_platform)
    monkeypatch.setattr(bootstrap, "launch_ui", launch_ui)
    with pytest.raises(SystemExit) as exited:
        main(["run"])
    assert exited.value.code == 0
    assert seen["delivered"].online and seen["delivered"].pending == 0
    assert seen["process"].poll() is not None  # the local central child was stopped
    assert not seen["sync"].state().running  # and the sync thread ended


def test_heartbeat_devices_are_cached_and_never_open_the_camera(tmp_path: Path) -> None:
    from kiosk.devices import HeartbeatDevices
    from kiosk.ports.device import DeviceState
    from kiosk.ports.printer import printer_status

    settings = load_settings(environ={"KIOSK_PATHS__DATA_DIR": str(tmp_path)})
    printer = bootstrap.build_printer(settings)
    calls = 0
    real_status = printer.status

    def counting_status() -> Any:
        nonlocal calls
        calls += 1
        return real_status()

    printer.status = counting_status  # type: ignore[method-assign]
    now = [0.0]
    report = HeartbeatDevices(
        printer, bootstrap.build_card_reader(settings), monotonic=lambda: now[0], ttl_s=50
    )
    first = report()
    assert set(first) == {"printer", "card_reader", "camera"}
    assert first["camera"]["state"] == "unknown"
    report()
    assert calls == 1
    now[0] = 60.0
    report()
    assert calls == 2
    report.record("printer", printer_status(DeviceState.MEDIA_LOW))
    assert report()["printer"] == {"state": "media_low", "message_key": "device.printer.paper_low"}
    assert calls == 2


def test_sync_snapshot_hidden_until_known_then_online_or_offline() -> None:
    from datetime import UTC, datetime

    from sync.engine import SyncState

    assert bootstrap.sync_snapshot(SyncState()) is None
    at = datetime(2026, 1, 1, tzinfo=UTC)
    online = bootstrap.sync_snapshot(SyncState(queue_depth=2, feedback_depth=1, last_success_at=at))
    assert online is not None and online.online and online.pending == 3
    offline = bootstrap.sync_snapshot(SyncState(queue_depth=1, problem="error.platform.offline"))
    assert offline is not None and not offline.online and offline.pending == 1
