"""Start the touch UI: environment, application, translators, theme, window; then teardown.

Order matters and is tested: ``QT_IM_MODULE`` must be set before the ``QApplication`` exists
(else Qt Virtual Keyboard silently never appears), translators before the first widget, and at
the end the controller, worker and window are deleted explicitly before the application
returns (live widgets at interpreter exit have crashed PySide6 before, see STACK.md).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

from kiosk.services.container import KioskServices

log = logging.getLogger(__name__)

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def prepare_environment(environ: dict[str, str] | Any = os.environ) -> None:
    """Environment Qt reads once, at application construction."""
    environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    environ.setdefault("QT_VIRTUALKEYBOARD_STYLE", "default")


@dataclass
class KioskUi:
    """Everything :func:`build_ui` made, for ``run`` and for tests/benchmarks."""

    app: Any
    window: Any
    controller: Any
    worker: Any
    bridge: Any
    languages: Any
    speech: Any = None
    sync_watch: Any = None

    def close(self) -> None:
        """Teardown in a safe order: controller and devices, worker, window, speech."""
        if self.sync_watch is not None:
            self.sync_watch.stop()
        self.controller.stop()
        self.worker.stop()
        self.window.allow_close()
        self.window.close()
        self.window.deleteLater()
        if self.speech is not None:
            self.speech.stop()
            self.speech.deleteLater()
            self.speech = None
        self.languages.shutdown()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def window_size(services: KioskServices) -> tuple[int, int]:
    return LANDSCAPE if services.settings.terminal.orientation == "landscape" else PORTRAIT


def build_ui(
    services: KioskServices,
    *,
    language: str | None = None,
    elder: bool | None = None,
    speech_engine: str | None = None,
    start: bool = True,
) -> KioskUi:
    """Create (or reuse) the application and build the window, controller and helpers."""
    prepare_environment()
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is None:
        app = QApplication(sys.argv[:1])
    else:
        assert isinstance(existing, QApplication), "widgets need a QApplication"
        app = existing
    from ui import theme
    from ui.controllers.journey_controller import JourneyController
    from ui.device_bridge import CardReaderBridge
    from ui.i18n import LanguageManager
    from ui.main_window import KioskWindow
    from ui.worker import BackgroundWorker

    terminal = services.settings.terminal
    languages = LanguageManager(language or terminal.default_language)
    elder_on = terminal.elder_mode_default if elder is None else elder
    if theme.cjk_family() is None:
        log.error("no CJK font installed: Chinese text will show as empty boxes")
    theme.apply(app, elder_on)
    worker = BackgroundWorker(services.store.new_connection, on_close=services.release_thread_store)
    bridge = CardReaderBridge(services.card_reader)
    window = KioskWindow(terminal.technician_pin, services.monotonic)
    window.resize(*window_size(services))
    speech = None
    if speech_engine is None and terminal.voice_guidance:
        speech_engine = terminal.voice_engine
    if speech_engine is not None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        speech = QTextToSpeech(speech_engine)
    controller = JourneyController(
        services, window, worker, bridge, languages, elder=elder_on, speech=speech
    )
    controller.on_elder_changed = lambda on: theme.apply(app, on)
    ui = KioskUi(app, window, controller, worker, bridge, languages, speech)
    ui.sync_watch = _watch_sync(services, controller.refresh_header, window)
    if start:
        controller.start()
        ui.sync_watch.start()
    return ui


SYNC_POLL_MS = 1000


def _watch_sync(services: KioskServices, refresh: Any, parent: Any) -> Any:
    """Poll the sync thread's snapshot on the GUI thread; re-render the header on a change.

    ``SyncService`` listeners run on the sync thread, so rather than marshalling them the GUI
    polls its thread-safe ``state()`` (a lock and a small object) once a second.
    """
    from PySide6.QtCore import QTimer

    timer = QTimer(parent)
    timer.setInterval(SYNC_POLL_MS)
    last: list[object] = [services.sync_snapshot()]

    def poll() -> None:
        snap = services.sync_snapshot()
        if snap != last[0]:
            last[0] = snap
            refresh()

    timer.timeout.connect(poll)
    return timer


def run(services: KioskServices) -> int:
    """The kiosk's main loop; returns when a technician leaves through the PIN."""
    t0 = time.perf_counter()
    ui = build_ui(services)
    from PySide6.QtCore import Qt

    ui.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    ui.window.technicianExit.connect(ui.app.quit)
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "vnc")):
        ui.window.show()
    else:
        ui.window.showFullScreen()
    log.info("kiosk UI up in %.0f ms", (time.perf_counter() - t0) * 1000)
    try:
        code = int(ui.app.exec())
    finally:
        ui.close()
    return code
