"""The one composition root: settings in, wired services out.

Only this module imports concrete adapters from ``drivers`` (and later ``sync``), always lazily
inside the function that needs them, so start-up never pays for OpenCV, escpos or pyscard
unless that device is configured.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from config.settings import Settings
from kiosk.diagnostics import (
    Check,
    CheckResult,
    Verdict,
    check_cjk_font,
    check_qt_platforms,
)


def data_dir(settings: Settings) -> Path:
    return settings.paths.resolved_data_dir()


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
    ]
    return checks
