"""Start the touch UI: environment, application, translators, theme, window; then teardown.

Order matters and is tested: ``QT_IM_MODULE`` must be set before the ``QApplication`` exists
(else Qt Virtual Keyboard silently never appears), translators before the first widget, and at
the end the controller, worker and window are deleted explicitly before the application
returns (live widgets at interpreter exit have crashed PySide6 before, see STACK.md).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the container pulls in the store (sqlite_utils, numpy): after the paint
    from config.settings import Settings  # pydantic: after the paint too (see run)
    from config.shell import ShellValues
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
    """Everything :func:`build_ui` made, for ``run`` and for tests/benchmarks.

    :func:`build_shell` fills in the application, the window and the home screen;
    :func:`finish_ui` the rest (``controller`` is None until then).
    """

    app: Any
    window: Any
    controller: Any
    worker: Any
    bridge: Any
    languages: Any
    speech: Any = None
    sync_watch: Any = None
    home: Any = None
    elder: bool = False

    def close(self) -> None:
        """Teardown in a safe order: controller and devices, worker, window, speech."""
        if self.sync_watch is not None:
            self.sync_watch.stop()
        if self.controller is not None:
            self.controller.stop()
        if self.worker is not None:
            self.worker.stop()
        if self.bridge is not None:  # drop card events it queued before the reader stopped
            self.bridge.deleteLater()
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


def window_size(settings: Settings | ShellValues) -> tuple[int, int]:
    return LANDSCAPE if settings.terminal.orientation == "landscape" else PORTRAIT


def _local_now() -> datetime:
    from kiosk.clock import china_now  # light: no store imports before the first frame

    return china_now()


def build_shell(
    settings: Settings | ShellValues,
    *,
    language: str | None = None,
    elder: bool | None = None,
    clock: Callable[[], datetime] = _local_now,
    monotonic: Callable[[], float] = time.monotonic,
) -> KioskUi:
    """What the first frame needs, from the settings alone: the application (translators,
    theme), the window with its header and the real home screen, rendered and current.

    ``settings`` may be the unvalidated :func:`config.shell.shell_values` (all it reads is
    ``settings.terminal``'s station names, language, orientation, elder mode and PIN).

    No services, store, catalogue or controller yet: :func:`finish_ui` adds them (``run``
    does that after the home screen's first paint)."""
    prepare_environment()
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui import input_privacy

    terminal = settings.terminal
    existing = QApplication.instance()
    if existing is None:
        # Qt Virtual Keyboard copies its first language (Pinyin for zh_CN) from the default
        # locale as it is when the application is created; the system locale (LANG=C on many
        # kiosks) would give English only. Later switches: input_privacy.follow_language.
        QLocale.setDefault(QLocale(language or terminal.default_language))
        input_privacy.forget_keyboard_history()  # before the keyboard loads its dictionary
        app = QApplication(sys.argv[:1])
    else:
        assert isinstance(existing, QApplication), "widgets need a QApplication"
        app = existing
    from ui import theme
    from ui.i18n import LanguageManager
    from ui.main_window import HeaderState, KioskWindow
    from ui.screens.home import HomeScreen, HomeState

    languages = LanguageManager(language or terminal.default_language)
    languages.languageChanged.connect(input_privacy.follow_language)  # the keyboard too
    elder_on = terminal.elder_mode_default if elder is None else elder
    if theme.cjk_family() is None:
        log.error("no CJK font installed: Chinese text will show as empty boxes")
    theme.apply(app, elder_on)
    window = KioskWindow(terminal.technician_pin, monotonic, overlays=False)
    window.resize(*window_size(settings))
    home = HomeScreen()
    window.add_screen(home, touch_scrolling=False)  # the controller adds the gesture later
    home.render(HomeState(elder=elder_on, portrait=terminal.orientation == "portrait"))
    window.render_header(  # what the controller's refresh_header shows before any sync
        HeaderState(
            station_zh=terminal.station_name,
            station_en=terminal.station_name_en,
            now=clock(),
            online=None,
            language=languages.language,
            elder=elder_on,
        )
    )
    window.show_screen(home)
    return KioskUi(app, window, None, None, None, languages, home=home, elder=elder_on)


def finish_ui(
    ui: KioskUi,
    services: KioskServices,
    *,
    speech_engine: str | None = None,
    start: bool = True,
) -> KioskUi:
    """The rest of the UI on top of :func:`build_shell`: overlays, worker, card bridge,
    speech, the journey controller (every other screen) and the sync indicator."""
    from ui import input_privacy, theme
    from ui.controllers.journey_controller import JourneyController
    from ui.device_bridge import CardReaderBridge
    from ui.worker import BackgroundWorker

    terminal = services.settings.terminal
    app, window = ui.app, ui.window
    # Every text field: no learning from residents' typing. Installed after the first frame
    # (an application-wide Python filter sees every event; the home screen has no text
    # field): fields shown before it still get the hint on their next Show/FocusIn.
    input_privacy.install(app)
    window.set_clock(services.monotonic)
    window.build_overlays()
    ui.worker = BackgroundWorker(
        services.store.new_connection, on_close=services.release_thread_store
    )
    ui.bridge = CardReaderBridge(services.card_reader)
    if speech_engine is None and terminal.voice_guidance:
        speech_engine = terminal.voice_engine
    if speech_engine is not None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        ui.speech = QTextToSpeech(speech_engine)
    controller = JourneyController(
        services,
        window,
        ui.worker,
        ui.bridge,
        ui.languages,
        elder=ui.elder,
        speech=ui.speech,
        home=ui.home,
    )
    controller.on_elder_changed = lambda on: theme.apply(app, on)
    ui.controller = controller
    ui.sync_watch = _watch_sync(services, controller.refresh_header, window)
    if start:
        controller.start()
        ui.sync_watch.start()
    return ui


def build_ui(
    services: KioskServices,
    *,
    language: str | None = None,
    elder: bool | None = None,
    speech_engine: str | None = None,
    start: bool = True,
) -> KioskUi:
    """Create (or reuse) the application and build the whole UI at once (tests, benchmarks,
    screenshots); ``run`` builds the same in two steps around the first paint."""
    ui = build_shell(
        services.settings,
        language=language,
        elder=elder,
        clock=services.clock,
        monotonic=services.monotonic,
    )
    return finish_ui(ui, services, speech_engine=speech_engine, start=start)


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


_Step = Callable[[], None]


class _AfterFirstPaint:
    """Calls ``then`` from the event loop once ``widget`` has painted for the first time."""

    def __init__(self, widget: Any, then: Callable[[], None]) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        paint = QEvent.Type.Paint

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:
                if event.type() == paint:
                    widget.removeEventFilter(self)
                    QTimer.singleShot(0, then)  # runs once this paint has been flushed
                return False

        self._filter = Filter(widget)
        widget.installEventFilter(self._filter)


class _QuitOnSignals:
    """SIGTERM / SIGINT / SIGHUP (a supervisor stopping the kiosk, Ctrl+C) quit the event loop,
    so ``run`` returns through the normal teardown: the sync thread stops, every SQLite
    connection closes (the WAL is checkpointed), the local platform child is stopped.

    Python runs signal handlers only when the interpreter gets control, which it does not while
    Qt's event loop waits; ``signal.set_wakeup_fd`` writes to a socket a ``QSocketNotifier``
    watches, so the loop wakes up and the handler runs at once."""

    SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")

    def __init__(self, app: Any) -> None:
        import signal
        import socket

        from PySide6.QtCore import QSocketNotifier

        self._signal = signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, app)
        self._notifier.activated.connect(self._drain)
        self._previous: dict[int, Any] = {}
        for name in self.SIGNALS:
            number = getattr(signal, name)
            self._previous[number] = signal.signal(number, self._quit(app))

    def _quit(self, app: Any) -> Callable[[int, Any], None]:
        def handler(number: int, _frame: Any) -> None:
            log.info("stopping on signal %s", self._signal.Signals(number).name)
            # exit(), not quit(): Qt 6's quit() first asks every window to close, and the
            # kiosk window refuses (no way out for a resident), so quit() would be ignored.
            app.exit(0)

        return handler

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(512)

    def restore(self) -> None:
        for number, previous in self._previous.items():
            self._signal.signal(number, previous)
        self._signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._reader.close()
        self._writer.close()


def run(
    settings: Settings | ShellValues,
    open_services: Callable[[], KioskServices],
    *,
    speech_engine: str | None = None,
) -> int:
    """The kiosk's main loop; returns when a technician leaves through the PIN.

    Start-up in two steps: the window with the real home screen (from the settings alone) is
    shown and painted first; then, from the event loop, ``open_services()`` (store, devices,
    catalogue loader) and :func:`finish_ui` (every other screen, the controller, the worker).
    An exception there stops the loop and is raised from here. Given the raw
    :func:`config.shell.shell_values`, ``open_services`` is also where the full settings are
    validated (``load_settings``): an invalid file stops start-up with its ``SettingsError``
    right after the first frame.
    """
    t0 = time.perf_counter()
    ui = build_shell(settings)
    from PySide6.QtCore import Qt, QTimer

    ui.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    ui.window.technicianExit.connect(ui.app.quit)
    failed: list[BaseException] = []
    services: list[KioskServices] = []

    def step(work: _Step, then: _Step | None = None) -> _Step:
        def go() -> None:
            try:
                work()
            except BaseException as err:  # re-raised once the loop has returned
                failed.append(err)
                ui.app.exit(1)
                return
            if then is not None:
                QTimer.singleShot(0, then)

        return go

    def opened() -> None:
        services.append(open_services())
        log.info("services ready at %.0f ms", (time.perf_counter() - t0) * 1000)

    def finished() -> None:
        finish_ui(ui, services[0], speech_engine=speech_engine)
        log.info("kiosk UI complete at %.0f ms", (time.perf_counter() - t0) * 1000)

    def painted() -> None:
        log.info("home screen painted at %.0f ms", (time.perf_counter() - t0) * 1000)
        step(opened, step(finished))()

    first_paint = _AfterFirstPaint(ui.home, painted)
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "vnc")):
        ui.window.show()
    else:
        ui.window.showFullScreen()
    stop_signals = _QuitOnSignals(ui.app)
    try:
        code = int(ui.app.exec())
    finally:
        stop_signals.restore()
        del first_paint
        ui.close()
    if failed:
        raise failed[0]
    return code
