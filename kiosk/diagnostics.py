"""Doctor checks: small functions returning a verdict each (used by ``kiosk doctor``).

Checks are cheap and side-effect free (no printing, no card commands): they answer "would this
terminal work right now?" for a technician standing in front of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    verdict: Verdict
    detail: str
    required: bool = True


Check = Callable[[], CheckResult]

REQUIRED_QT_PLATFORMS = ("offscreen", "vnc", "xcb")


def check_qt_platforms() -> CheckResult:
    """The Qt platform plugins ship inside the PySide6 wheel; find them without importing Qt."""
    import importlib.util  # here, not at import: ``kiosk run`` loads this before its first paint

    name = "Qt platform plugins"
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return CheckResult(name, Verdict.FAIL, "PySide6 is not installed")
    plugin_dir = Path(spec.origin).parent / "Qt" / "plugins" / "platforms"
    present = {p.name for p in plugin_dir.glob("libq*.so")}
    missing = [p for p in REQUIRED_QT_PLATFORMS if f"libq{p}.so" not in present]
    if missing:
        return CheckResult(name, Verdict.FAIL, f"missing: {', '.join(missing)}")
    return CheckResult(name, Verdict.OK, ", ".join(REQUIRED_QT_PLATFORMS))


def check_cjk_font(
    run: Callable[[list[str]], str] | None = None,
) -> CheckResult:
    """Without a CJK font every Chinese character is an empty box, on screen and on receipts."""
    import shutil
    import subprocess

    name = "CJK font"

    def _run(cmd: list[str]) -> str:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False).stdout

    runner = run or _run
    if run is None and shutil.which("fc-list") is None:
        return CheckResult(name, Verdict.FAIL, "fontconfig (fc-list) not installed")
    families = [line for line in runner(["fc-list", ":lang=zh", "family"]).splitlines() if line]
    if not families:
        return CheckResult(
            name, Verdict.FAIL, "no font covers Chinese: apt install fonts-wqy-microhei"
        )
    return CheckResult(name, Verdict.OK, families[0].split(",")[0])


def run_checks(checks: Iterable[Check]) -> list[CheckResult]:
    results = []
    for check in checks:
        try:
            results.append(check())
        except Exception as err:  # a broken check must not hide the others
            name = getattr(check, "check_name", getattr(check, "__name__", "check"))
            results.append(CheckResult(name, Verdict.FAIL, f"check crashed: {type(err).__name__}"))
    return results


def overall_ok(results: Iterable[CheckResult]) -> bool:
    return all(r.verdict is not Verdict.FAIL for r in results if r.required)
