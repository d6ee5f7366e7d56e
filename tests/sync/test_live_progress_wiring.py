"""``build_services`` wires the journey service's live progress lookup to the platform client
when the terminal is enrolled (and to nothing when it is not)."""

from __future__ import annotations

from pathlib import Path

from config.settings import Settings, load_settings
from kiosk import bootstrap
from tests.sync.conftest import Kiosk
from tests.sync.support import STATION, TERMINAL, finalize


def _settings(data_dir: Path) -> Settings:
    return load_settings(
        environ={
            "KIOSK_PATHS__DATA_DIR": str(data_dir),
            "KIOSK_TERMINAL__ID": TERMINAL,
            "KIOSK_TERMINAL__STATION_CODE": STATION,
        }
    )


def test_enrolled_container_answers_progress_from_the_platform(kiosk: Kiosk) -> None:
    (key,) = finalize(kiosk.store)
    kiosk.engine().run_pass()  # the submission reaches the platform
    tracking = kiosk.store.outbox.entries()[0].label
    # Staff accept it; the kiosk's sync has not pulled that change (no second pass).
    kiosk.central.change_status(key, "accepted", note_zh="已受理", note_en="Accepted")
    before = kiosk.store.status.get(tracking)
    assert before is None or before.status == "received"
    services = bootstrap.build_services(_settings(kiosk.data_dir), store=kiosk.store)
    try:
        progress = services.journey.progress(tracking)
        assert progress is not None and progress.status == "accepted"
        assert [t["status"] for t in progress.timeline][-1] == "accepted"
        cached = kiosk.store.status.get(tracking)  # the live answer is cached for offline use
        assert cached is not None and cached.status == "accepted"
    finally:
        services.close()  # closes the lookup's HTTP client (no ResourceWarning)
        assert not services.closers


def test_not_enrolled_means_no_live_lookup(tmp_path: Path) -> None:
    assert bootstrap.live_case_lookup(_settings(tmp_path)) == (None, None)
