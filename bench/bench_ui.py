"""Touch UI benchmarks (offscreen).

* ``cold_start_ms`` / ``cold_start_ratio``: process start → home screen painted, as a child
  process, against a bare PySide6 window of the same size measured in the same run (median of
  several launches each, so both see the same disk cache and CPU).
* ``screen_transition_p95_ms``: switch the stack to another screen and paint it synchronously.
* ``rss_growth_1000_journeys_mb``: RSS after 1,000 simulated journeys through the controller
  (card → choose → form → materials → sign → submit → print → rate → wipe) minus RSS after the
  first 50.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.util import p95, result

ROOT = Path(__file__).resolve().parent.parent
LAUNCHES = 5
TRANSITIONS = 300
JOURNEYS = int(__import__("os").environ.get("BENCH_UI_JOURNEYS", "1000"))
WARMUP_JOURNEYS = 50
JOURNEY_MATTER = "370102-YL-002"  # 老年人优待证办理: a short form

_BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    def paintEvent(self, e):
        print("painted", flush=True)
        QApplication.instance().exit(0)
app = QApplication(sys.argv[:1])
w = W(); w.resize(1080, 1920); w.show()
app.exec()
"""

_OURS = """
import sys
from PySide6.QtWidgets import QApplication
from ui.screens.home import HomeScreen
original = HomeScreen.paintEvent
def painted(self, event):
    original(self, event)
    print("painted", flush=True)
    QApplication.instance().exit(0)
HomeScreen.paintEvent = painted
from config.shell import shell_values
from kiosk import bootstrap
environ = {"KIOSK_PATHS__DATA_DIR": sys.argv[1]}
opened = []
def open_services():  # after the first paint: validate the settings, then open the services
    from config.settings import load_settings
    opened.append(bootstrap.build_services(load_settings(environ=environ)))
    return opened[-1]
try:
    bootstrap.launch_ui(shell_values(environ=environ), open_services)  # what ``kiosk run`` does
finally:
    for services in opened:
        services.close()
"""


def _launch(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_IM_MODULE="")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = (time.perf_counter() - t0) * 1000
    proc.wait(timeout=60)
    if "painted" not in line:
        raise RuntimeError("child did not paint")
    return elapsed


def cold_start() -> tuple[float, float]:
    bare, ours = [], []
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        _launch(_OURS, tmp)  # warm-up: the first start of a fresh interpreter/disk cache
        for _ in range(LAUNCHES):
            bare.append(_launch(_BARE))
            ours.append(_launch(_OURS, tmp))
    return statistics.median(ours), statistics.median(bare)


def _build(tmp: str) -> tuple[Any, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_IM_MODULE", "")
    from config.settings import load_settings
    from kiosk.bootstrap import build_services
    from ui.app import build_ui

    services = build_services(load_settings(environ={"KIOSK_PATHS__DATA_DIR": tmp}))
    services.camera_factory = None  # journeys hand papers in at the window
    ui = build_ui(services)
    ui.window.resize(1080, 1920)
    ui.window.show()
    return ui, services


def _wait(condition: Any) -> None:
    """Pump events like the running application would (including deferred deletes, which
    ``processEvents`` alone never runs outside ``exec()``)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop

    deadline = time.monotonic() + 30
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if condition():
            return
        if time.monotonic() > deadline:
            raise TimeoutError("UI did not settle")


def transitions(ui: Any) -> list[float]:
    c = ui.controller
    screens = [c.home, c.identify, c.choose, c.progress, c.rate, c.done, c.guide]
    c.open_guide(JOURNEY_MATTER, False)
    samples = []
    for i in range(TRANSITIONS):
        screen = screens[i % len(screens)]
        t0 = time.perf_counter()
        c.show(screen)
        ui.window.grab()  # renders the whole window now (stack switch + paint)
        samples.append((time.perf_counter() - t0) * 1000)
    c.show(c.home)
    return samples


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def one_journey(ui: Any, services: Any) -> None:
    from ui import demo

    c = ui.controller
    demo.identify_by_card(ui, _wait)
    c.open_guide(JOURNEY_MATTER, False)
    c.guide.start_button.click()
    _wait(demo.on(ui, "form"))
    demo.complete_form(ui, _wait)
    c.flow.materials_done()
    _wait(demo.on(ui, "signature"))
    demo.sign(ui, _wait)
    c.flow.review_screen.submit_button.click()
    _wait(demo.on(ui, "done"))
    _wait(lambda: c.done.state.print_state.value != "printing")
    c.done.rate_button.click()
    _wait(lambda: c.rate.state is not None and c.rate.state.scheme is not None)
    assert c.rate.widget is not None
    c.rate.widget.levelButton(5).click()
    c.rate.widget.submitButton().click()
    _wait(lambda: c.rate.thanks.isVisible())
    c.finish_rating()
    _wait(lambda: not ui.worker.busy)


def run() -> dict[str, Any]:
    ours_ms, bare_ms = cold_start()
    import gc

    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        ui, services = _build(tmp)
        try:
            samples = transitions(ui)
            for _ in range(WARMUP_JOURNEYS):
                one_journey(ui, services)
            gc.collect()
            base = _rss_mb()
            t0 = time.perf_counter()
            for _ in range(JOURNEYS - WARMUP_JOURNEYS):
                one_journey(ui, services)
            gc.collect()
            growth = _rss_mb() - base
            per_journey = (time.perf_counter() - t0) * 1000 / (JOURNEYS - WARMUP_JOURNEYS)
        finally:
            ui.close()
            services.close()
    print(
        f"   cold start {ours_ms:.0f} ms (bare window {bare_ms:.0f} ms); "
        f"{per_journey:.0f} ms per simulated journey"
    )
    return {
        "cold_start_ms": result(ours_ms, "ms", None),
        "cold_start_ratio": result(ours_ms / bare_ms, "x", 2.0),
        "screen_transition_p95_ms": result(p95(samples), "ms", 33.0),
        "rss_growth_1000_journeys_mb": result(growth, "MB", 10.0),
    }
