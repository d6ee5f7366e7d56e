"""The one composition root: settings in, wired services out.

Only this module imports concrete adapters from ``drivers`` (and later ``sync``), always lazily
inside the function that needs them, so start-up never pays for OpenCV, escpos or pyscard
unless that device is configured.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from config.settings import Settings
from kiosk.diagnostics import (
    Check,
    CheckResult,
    Verdict,
    check_cjk_font,
    check_qt_platforms,
)
from kiosk.errors import KioskError
from kiosk.store import Store, open_database


def data_dir(settings: Settings) -> Path:
    return settings.paths.resolved_data_dir()


def utc_now() -> datetime:
    """The production clock; tests inject their own."""
    return datetime.now(UTC)


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """Open (create, migrate, recover) the offline store in the configured data directory."""
    return open_database(
        data_dir(settings),
        clock=utc_now,
        station_code=settings.terminal.station_code,
        max_attachment_bytes=settings.storage.attachment_max_bytes,
        read_only=read_only,
    )


def check_database(settings: Settings) -> CheckResult:
    name = "database integrity"
    path = data_dir(settings)
    try:
        with open_store(settings) as store:
            ok = store.integrity_check()
            counts = store.outbox.counts()
    except KioskError as err:
        return CheckResult(name, Verdict.FAIL, err.key)
    if not ok:
        return CheckResult(name, Verdict.FAIL, f"integrity_check failed for {path}")
    depth = counts.get("queued", 0) + counts.get("sending", 0)
    stuck = counts.get("quarantined", 0)
    verdict = Verdict.WARN if stuck else Verdict.OK
    return CheckResult(name, verdict, f"ok; outbox {depth} waiting, {stuck} quarantined")


def check_data_dir(path: Path) -> CheckResult:
    """The data directory must exist (or be creatable) and accept a synced write."""
    name = "data directory writable"
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=path, prefix=".doctor-")
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
            Path(probe).unlink()
    except OSError as err:
        return CheckResult(name, Verdict.FAIL, f"{path}: {err.strerror or type(err).__name__}")
    free = _free_mb(path)
    verdict = Verdict.OK if free >= 500 else Verdict.WARN
    return CheckResult(name, verdict, f"{path} ({free} MB free)")


def _free_mb(path: Path) -> int:
    st = os.statvfs(path)
    return int(st.f_bavail * st.f_frsize // (1024 * 1024))


def doctor_checks(settings: Settings) -> list[Check]:
    d = data_dir(settings)
    checks: list[Callable[[], CheckResult]] = [
        check_qt_platforms,
        check_cjk_font,
        lambda: check_data_dir(d),
        lambda: check_database(settings),
    ]
    return checks
