"""The resident journey: which screen shows what, the visit's lifetime, idle and the header.

Screens only emit intents. Each step has its own controller (identify, choose/guide, the draft
flow form → materials → signature → review → submit → done, rating, progress); this one owns
what they share: the Qt-free :class:`kiosk.session.Session` (what is allowed when), the window,
the timers, and the one background worker through which every call into
:mod:`kiosk.services.journey` runs (:class:`~ui.controllers.calls.JourneyCalls`). Personal data
lives in the session and the controllers only while a visit lasts: :meth:`_reset_visit` drops it
and re-renders every screen empty on each wipe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.services.container import KioskServices
from kiosk.session import IdleAction, SessionChange, SessionState
from ui.controllers.calls import JourneyCalls
from ui.controllers.choose_controller import ChooseController
from ui.controllers.form_flow import FormFlow
from ui.controllers.identify_controller import IdentifyController
from ui.controllers.progress_controller import ProgressController
from ui.controllers.rate_controller import RateController
from ui.i18n import LanguageManager
from ui.main_window import HeaderState, KioskWindow
from ui.screens.base import Screen
from ui.screens.home import HomeScreen, HomeState
from ui.worker import BackgroundWorker

log = logging.getLogger(__name__)

ATTRACT_AFTER_S = 45.0
_ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}


class JourneyController(QObject):
    screenShown = Signal(str)
    spoken = Signal(str)

    def __init__(
        self,
        services: KioskServices,
        window: KioskWindow,
        worker: BackgroundWorker,
        bridge: Any,
        languages: LanguageManager,
        *,
        elder: bool = False,
        speech: Any = None,
        home: HomeScreen | None = None,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.worker = worker
        self.calls = JourneyCalls(services, worker)
        self.bridge = bridge
        self.languages = languages
        self.elder = elder
        self.speech = speech
        self.session = services.new_session()
        self.session.add_listener(self._session_changed)
        self.on_elder_changed: Callable[[bool], None] | None = None

        self.home = home if home is not None else HomeScreen()  # ui.app paints it first
        window.add_screen(self.home)
        # Screens by their step, for the page objects, the demo walk and the benchmarks.
        self.identification = IdentifyController(self)
        self.identify = self.identification.screen
        self.chooser = ChooseController(self)
        self.choose, self.guide = self.chooser.screen, self.chooser.guide
        self.flow = FormFlow(self)  # form, materials, signature, review and done screens
        self.done = self.flow.submission.done_screen
        self.rating = RateController(self)
        self.rate = self.rating.screen
        self.progress_query = ProgressController(self)
        self.progress = self.progress_query.screen
        self._connect()
        self._reset_visit()
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self.tick)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(30_000)
        self._clock_timer.timeout.connect(self.refresh_header)
        self._last_activity = services.monotonic()
        self.refresh_header()
        self.show(self.home)

    # ------------------------------------------------------------------ wiring

    def _connect(self) -> None:
        w = self.window
        w.languageToggled.connect(self.toggle_language)
        w.elderToggled.connect(self.set_elder)
        w.idle_overlay.continueRequested.connect(self.activity)
        w.idle_overlay.endRequested.connect(self.end_visit)
        w.paused_overlay.continueRequested.connect(self._resume_after_pause)
        w.paused_overlay.endRequested.connect(self.end_visit)
        h = self.home
        h.handleMatterRequested.connect(lambda: self.identification.begin("matter"))
        h.bundlesRequested.connect(lambda: self.identification.begin("bundles"))
        h.progressRequested.connect(self.open_progress)
        h.rateRequested.connect(self.rating.open_from_home)
        h.helpRequested.connect(self.call_for_help)

    @property
    def catalog(self) -> Any:
        return self.services.catalog

    def start(self) -> None:
        """Start timers, the card reader and the activity filter (after the window shows).

        The catalogue job also builds the journey service on the worker (see the container)."""
        services = self.services
        self.worker.submit(lambda store: services.preload_catalog(store), name="catalog")
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._tick_timer.start()
        self._clock_timer.start()
        self.bridge.start()

    def stop(self) -> None:
        self._tick_timer.stop()
        self._clock_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.flow.materials.stop_camera()
        self.progress_query.stop_scan()
        self.bridge.stop()

    # ------------------------------------------------------------------ screens and header

    def show(self, screen: Screen) -> None:
        self.window.show_screen(screen)
        self.screenShown.emit(screen.screen_id)

    def speak(self, text: str) -> None:
        """Voice guidance for key prompts (residents who cannot read)."""
        self.spoken.emit(text)
        if self.speech is not None:
            self.speech.say(text)

    def refresh_header(self) -> None:
        snap = self.services.sync_snapshot()
        t = self.services.settings.terminal
        self.window.render_header(
            HeaderState(
                station_zh=t.station_name,
                station_en=t.station_name_en,
                now=self.services.clock(),
                online=None if snap is None else snap.online,
                pending=0 if snap is None else snap.pending,
                language=self.languages.language,
                elder=self.elder,
            )
        )

    def toggle_language(self) -> None:
        # LanguageChange reaches every widget; screens re-render their last state themselves.
        self.languages.toggle()
        self.refresh_header()

    def set_language(self, language: str) -> None:
        self.languages.set_language(language)
        self.refresh_header()

    def set_elder(self, on: bool) -> None:
        self.elder = on
        if self.on_elder_changed is not None:
            self.on_elder_changed(on)
        self.refresh_header()
        self.home.render(self._home_state(attract=False))
        self.chooser.rerender()
        self.rating.rerender()

    # ------------------------------------------------------------------ idle and activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS:
            self.activity()
        return False

    def activity(self) -> None:
        self._last_activity = self.services.monotonic()
        self.session.touch()
        if self.window.idle_overlay.isVisible():
            self.window.idle_overlay.hide()
        if self.home.state is not None and self.home.state.attract:
            self.home.render(self._home_state(attract=False))

    def _resume_after_pause(self) -> None:
        if self.session.state is SessionState.PAUSED:
            self.session.resume()
        self.window.paused_overlay.hide()

    def tick(self) -> None:
        """Once a second: idle warning countdown, wipe at zero, attract loop when idle."""
        result = self.session.tick()
        overlay = self.window.idle_overlay
        if result.action is IdleAction.WARN:
            overlay.set_seconds(result.remaining_seconds)
            if not overlay.isVisible():
                overlay.open()
                self.speak(overlay.title.text())
        elif overlay.isVisible():
            overlay.hide()
        if (
            self.session.state is SessionState.IDLE
            and self.window.current_screen is self.home
            and self.services.monotonic() - self._last_activity >= ATTRACT_AFTER_S
            and not (self.home.state and self.home.state.attract)
        ):
            self.home.render(self._home_state(attract=True))

    def end_visit(self) -> None:
        self.session.end()

    def _session_changed(self, change: SessionChange) -> None:
        if change.current is SessionState.IDLE and (
            change.previous is not SessionState.IDLE or change.reason in ("end", "idle_timeout")
        ):
            self._reset_visit()
            self._wipe_leftovers(change.reason or "end")
            self.show(self.home)
        if change.current is SessionState.PAUSED:
            self.window.paused_overlay.open()
        elif self.window.paused_overlay.isVisible():
            self.window.paused_overlay.hide()

    def _wipe_leftovers(self, reason: str) -> None:
        """The session's own draft went with its wipe; the service also deletes any other
        unsaved draft (crash leftovers) and forgets remembered submits."""
        self.calls.call(lambda journey: journey.wipe(None, reason), name="wipe")

    def _reset_visit(self) -> None:
        """Forget everything of the last visit and render every screen empty."""
        self.worker.forget()
        w = self.window
        for overlay in (w.idle_overlay, w.paused_overlay, w.consent_overlay, w.help_overlay):
            overlay.hide()
        self.home.render(self._home_state(attract=False))
        self.identification.reset()
        self.chooser.reset()
        self.flow.reset()
        self.flow.submission.clear_done()
        self.progress_query.reset()
        self.rating.reset()

    def _home_state(self, attract: bool) -> HomeState:
        portrait = self.services.settings.terminal.orientation == "portrait"
        return HomeState(attract=attract, elder=self.elder, portrait=portrait)

    def station_code(self) -> str:
        return self.services.settings.terminal.station_code

    # ------------------------------------------------------------------ home

    def call_for_help(self) -> None:
        station = self.station_code()
        self.worker.submit(lambda store: store.audit.append("help.called", station), name="help")
        self.window.help_overlay.open()
        self.speak(self.window.help_overlay.title.text())

    # ------------------------------------------------------------------ steps (shortcuts)

    def manual_identify(self, text: str) -> None:
        self.identification.manual_identify(text)

    def after_identified(self) -> None:
        self.chooser.after_identified()

    def search(self, query: str) -> None:
        self.chooser.search(query)

    def show_category(self, code: str) -> None:
        self.chooser.show_category(code)

    def show_bundles(self) -> None:
        self.chooser.show_bundles()

    def open_guide(self, code: str, is_bundle: bool) -> None:
        self.chooser.open_guide(code, is_bundle)

    def another_matter(self) -> None:
        self.chooser.another_matter()

    def finish_rating(self) -> None:
        self.rating.finish()

    def open_progress(self) -> None:
        self.progress_query.open()

    def query_number(self, text: str) -> None:
        self.progress_query.query_number(text)

    def query_by_card(self) -> None:
        self.progress_query.query_by_card()

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def message(key: str) -> str:
        from ui.messages import message

        return message(key)


__all__ = ["JourneyController"]
