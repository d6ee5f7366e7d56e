"""The resident journey: which screen shows what, and every call into ``kiosk`` services.

Screens only emit intents; this controller turns them into session transitions (the Qt-free
:class:`kiosk.session.Session` decides what is allowed), into jobs on the one background
worker (drafts, attachments, finalize, print, ratings, queries, camera frames), and into the
next screen's state. Personal data lives in the session and in this controller only while a
visit lasts: :meth:`_reset_visit` drops it and re-renders every screen empty on each wipe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.errors import IdentityError, KioskError, SessionError
from kiosk.forms.engine import FormEngine
from kiosk.forms.prefill import initial_values
from kiosk.forms.schema import FieldType, FormDefinition
from kiosk.i18n import LocalText
from kiosk.identity import Identity, IdentitySource, manual_identity
from kiosk.identity.masking import mask_name
from kiosk.receipts import build_receipt
from kiosk.services.container import KioskServices
from kiosk.session import IdleAction, SessionChange, SessionState
from kiosk.store import is_valid_tracking_number, resident_key
from ui.controllers import jobs
from ui.controllers.form_flow import FormFlow
from ui.controllers.presenters import guide_state, material_specs
from ui.i18n import LanguageManager, current_language
from ui.main_window import HeaderState, KioskWindow
from ui.screens.choose import ChoiceItem, ChooseScreen, ChooseState, ListKind
from ui.screens.done import DoneScreen, DoneState, PrintState
from ui.screens.guide import GuideScreen
from ui.screens.home import HomeScreen, HomeState
from ui.screens.identify import IdentifyScreen, IdentifyStage, IdentifyState
from ui.screens.progress import CaseView, ProgressScreen, ProgressStage, ProgressState
from ui.screens.rate import RateScreen, RateStage, RateState
from ui.worker import BackgroundWorker

log = logging.getLogger(__name__)

ATTRACT_AFTER_S = 45.0
_ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}
_TAKE_CARD_SOURCES = {IdentitySource.ID_CARD, IdentitySource.SIMULATED}


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
    ) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.worker = worker
        self.bridge = bridge
        self.languages = languages
        self.elder = elder
        self.speech = speech
        self.session = services.new_session()
        self.session.add_listener(self._session_changed)
        self.on_elder_changed: Callable[[bool], None] | None = None

        self.home = HomeScreen()
        self.identify = IdentifyScreen()
        self.choose = ChooseScreen()
        self.guide = GuideScreen()
        self.progress = ProgressScreen()
        self.rate = RateScreen()
        self.done = DoneScreen()
        for screen in (self.home, self.identify, self.choose, self.guide):
            window.add_screen(screen)
        self.flow = FormFlow(self)  # form, materials, signature and review screens
        for screen in (self.done, self.rate, self.progress):
            window.add_screen(screen)
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
        w.idle_overlay.continueRequested.connect(self._continue_after_warning)
        w.idle_overlay.endRequested.connect(self.end_visit)
        w.paused_overlay.continueRequested.connect(self._resume_after_pause)
        w.paused_overlay.endRequested.connect(self.end_visit)
        h = self.home
        h.handleMatterRequested.connect(lambda: self._start_identified("matter"))
        h.bundlesRequested.connect(lambda: self._start_identified("bundles"))
        h.progressRequested.connect(self.open_progress)
        h.rateRequested.connect(self.open_rate_from_home)
        h.helpRequested.connect(self.call_for_help)
        i = self.identify
        i.manualRequested.connect(lambda: self._identify_state(IdentifyStage.MANUAL))
        i.manualSubmitted.connect(self.manual_identify)
        i.retryRequested.connect(lambda: self._identify_state(IdentifyStage.WAITING))
        i.continueRequested.connect(self._after_identified)
        i.homeRequested.connect(self.end_visit)
        c = self.choose
        c.searchChanged.connect(self.search)
        c.categoryChosen.connect(self.show_category)
        c.bundlesRequested.connect(self.show_bundles)
        c.matterChosen.connect(lambda code: self.open_guide(code, False))
        c.bundleChosen.connect(lambda code: self.open_guide(code, True))
        c.homeRequested.connect(self.end_visit)
        self.guide.backRequested.connect(lambda: self.show(self.choose))
        self.guide.startRequested.connect(self.flow.start)
        d = self.done
        d.reprintRequested.connect(self.reprint)
        d.rateRequested.connect(self.open_rate_after_submit)
        d.anotherRequested.connect(self.another_matter)
        d.finishRequested.connect(self.end_visit)
        r = self.rate
        r.caseEntered.connect(self.rate_case_entered)
        r.levelChosen.connect(lambda n: self._rate(level=n, error_key=None))
        r.reasonToggled.connect(self._toggle_reason)
        r.anonymousToggled.connect(lambda on: self._rate(anonymous=on))
        r.submitRequested.connect(self.submit_rating)
        r.skipRequested.connect(self.finish_rating)
        p = self.progress
        p.numberEntered.connect(self.query_number)
        p.byCardRequested.connect(self.query_by_card)
        p.homeRequested.connect(self.end_visit)
        p.againRequested.connect(self.open_progress)
        b = self.bridge
        b.identityRead.connect(self.card_read)
        b.readFailed.connect(self.card_failed)
        b.removed.connect(self.card_removed)
        b.inserted.connect(self.card_inserted)
        b.statusChanged.connect(self.reader_status)

    @property
    def catalog(self) -> Any:
        return self.services.catalog

    def start(self) -> None:
        """Start timers, the card reader and the activity filter (after the window shows)."""
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
        self.flow.stop_camera()
        self.bridge.stop()

    # ------------------------------------------------------------------ screens and header

    def show(self, screen: Any) -> None:
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
        self.languages.toggle()
        self.refresh_header()
        self._rerender_data_screens()

    def set_language(self, language: str) -> None:
        self.languages.set_language(language)
        self.refresh_header()
        self._rerender_data_screens()

    def set_elder(self, on: bool) -> None:
        self.elder = on
        if self.on_elder_changed is not None:
            self.on_elder_changed(on)
        self.refresh_header()
        self.home.render(self._home_state(attract=False))
        if self.choose.state is not None:
            self._render_choose(self.choose.state.list_kind, self.choose.state.selected_category)

    def _rerender_data_screens(self) -> None:
        # LanguageChange reaches every widget; screens re-render their last state themselves.
        pass

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

    def _continue_after_warning(self) -> None:
        self.activity()

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
        if (change.current is SessionState.IDLE and change.previous is not SessionState.IDLE) or (
            change.current is SessionState.IDLE and change.reason in ("end", "idle_timeout")
        ):
            self._reset_visit()
            self.show(self.home)
        if change.current is SessionState.PAUSED:
            self.window.paused_overlay.open()
        elif self.window.paused_overlay.isVisible():
            self.window.paused_overlay.hide()

    def _reset_visit(self) -> None:
        """Forget everything of the last visit and render every screen empty."""
        self.worker.forget()
        self._after_identify: str | None = None
        self._recent_items: tuple[ChoiceItem, ...] = ()
        self._waiting_card_for_progress = False
        self._rate_state = RateState(RateStage.LEVEL)
        self._rate_case: tuple[str, str] | None = None
        self._receipt: Any = None
        self._matter_code_for_rating = ""
        self.flow.reset()
        w = self.window
        for overlay in (w.idle_overlay, w.paused_overlay, w.consent_overlay, w.help_overlay):
            overlay.hide()
        self.home.render(self._home_state(attract=False))
        self.identify.render(IdentifyState(reader_offline=self._reader_offline()))
        self.identify.id_field.clear()
        self.choose.render(ChooseState())
        self.guide._state = None
        self.progress.field.clear()
        self.progress.render(ProgressState(station_code=self._station_code()))
        self.rate.case_field.clear()
        self.rate.render(self._rate_state)
        self.done.render(DoneState("", PrintState.PRINTED))

    def _home_state(self, attract: bool) -> HomeState:
        portrait = self.services.settings.terminal.orientation == "portrait"
        return HomeState(attract=attract, elder=self.elder, portrait=portrait)

    def _station_code(self) -> str:
        return self.services.settings.terminal.station_code

    def _reader_offline(self) -> bool:
        try:
            return self.bridge.status().state.value == "offline"
        except KioskError:
            return True

    # ------------------------------------------------------------------ home

    def _start_identified(self, then: str) -> None:
        self._after_identify = then
        if self.session.identity is not None:
            self._after_identified()
            return
        self._identify_state(IdentifyStage.WAITING)
        self.show(self.identify)
        self.speak(self.identify.guidance.plain)

    def call_for_help(self) -> None:
        self.worker.submit(
            lambda store: store.audit.append("help.called", self._station_code()),
            name="help",
        )
        self.window.help_overlay.open()
        self.speak(self.window.help_overlay.title.text())

    # ------------------------------------------------------------------ identify

    def _identify_state(self, stage: IdentifyStage, **kw: Any) -> None:
        self.identify.render(
            IdentifyState(stage=stage, reader_offline=self._reader_offline(), **kw)
        )

    def card_inserted(self) -> None:
        if self.window.current_screen is self.identify:
            self._identify_state(IdentifyStage.READING)

    def card_failed(self, error: KioskError) -> None:
        self.activity()
        if self.window.current_screen in (self.identify, self.home):
            self._identify_state(IdentifyStage.ERROR, error_key=error.key)
            self.show(self.identify)
            self.speak(self.identify.error.plain)

    def reader_status(self, status: Any) -> None:
        if self.window.current_screen is self.identify and self.identify.state is not None:
            stage = self.identify.state.stage
            offline = status.state.value == "offline"
            self.identify.render(
                IdentifyState(
                    stage=stage,
                    reader_offline=offline,
                    error_key="error.card.reader_offline" if offline else None,
                )
            )

    def card_read(self, identity: Identity) -> None:
        self.activity()
        if self._waiting_card_for_progress:
            self._waiting_card_for_progress = False
            self._query_resident(identity.id_number)
            return
        if self.session.state is SessionState.PAUSED:
            try:
                self.session.identify(identity)
            except SessionError as err:
                self.window.paused_overlay.message.set_plain(
                    self.window.paused_overlay.message.plain + "\n" + self._message(err.key)
                )
            return
        if self.session.identity is not None:
            return  # already identified; a second card mid-visit is ignored
        try:
            self.session.identify(identity)
        except SessionError:
            return
        if self._after_identify is None:
            self._after_identify = "matter"
        if identity.source in _TAKE_CARD_SOURCES:
            self.identify.render(
                IdentifyState(stage=IdentifyStage.TAKE_CARD, greeting_name=mask_name(identity.name))
            )
            self.show(self.identify)
            self.speak(self.identify.take_title.plain)
        else:
            self._after_identified()

    def manual_identify(self, text: str) -> None:
        try:
            identity = manual_identity(text.strip().upper())
        except IdentityError as err:
            self._identify_state(IdentifyStage.MANUAL, manual_error_key=err.key)
            return
        self.session.identify(identity)
        self._after_identified()

    def card_removed(self) -> None:
        if (
            self.window.current_screen is self.identify
            and self.identify.state is not None
            and self.identify.state.stage is IdentifyStage.TAKE_CARD
        ):
            self._after_identified()
            return
        self.session.card_removed()

    def _load_recent(self) -> None:
        """Matters this resident handled or saved for later here (by opaque resident key)."""
        key = self.resident_key()
        if key is None:
            return

        def codes(store: Any) -> list[str]:
            found = [d.matter_code or d.bundle_code or "" for d in store.drafts.saved_for(key)]
            found += [
                s.matter_code or s.bundle_code or "" for s in store.submissions.for_resident(key)
            ]
            return list(dict.fromkeys(c for c in found if c))[:3]

        def show(found: list[str]) -> None:
            items = []
            for code in found:
                try:
                    items.append(ChoiceItem("matter", code, self.catalog.matter(code).name, True))
                except KioskError:
                    continue
            self._recent_items = tuple(items)
            state = self.choose.state
            if state is not None and state.list_kind is ListKind.POPULAR and items:
                self._render_choose(ListKind.POPULAR, None)

        self.worker.submit(codes, show, name="recent")

    def _after_identified(self) -> None:
        if self.session.identity is None:
            self._identify_state(IdentifyStage.WAITING)
            return
        self._load_recent()
        then, self._after_identify = self._after_identify or "matter", None
        if self.session.state in (SessionState.IDENTIFIED, SessionState.SUBMITTED):
            self.session.choose_matter()
        if then == "bundles":
            self.show_bundles()
        else:
            self._render_choose(ListKind.POPULAR, None)
        self.show(self.choose)

    # ------------------------------------------------------------------ choose

    def _recent(self) -> tuple[ChoiceItem, ...]:
        # Matters this resident saved for later on this kiosk (looked up by opaque key).
        return self._recent_items

    def _render_choose(
        self,
        kind: ListKind,
        category: str | None,
        items: tuple[ChoiceItem, ...] | None = None,
        query: str = "",
    ) -> None:
        cat = self.catalog.catalog
        categories = tuple(
            (item.code, item.label)
            for item in cat.enums.get("category", [])
            if not item.has("life_event") and any(m.category == item.code for m in cat.matters)
        )
        if items is None:
            if kind is ListKind.BUNDLES:
                items = tuple(ChoiceItem("bundle", b.code, b.name) for b in cat.bundles)
            elif kind is ListKind.CATEGORY:
                items = tuple(
                    ChoiceItem("matter", m.code, m.name)
                    for m in cat.matters
                    if m.category == category
                )
            else:
                items = tuple(ChoiceItem("matter", m.code, m.name) for m in self.catalog.popular())
        limit = 6 if self.elder else None  # simpler screens in elder mode
        self.choose.render(
            ChooseState(
                categories=categories,
                items=items[:limit] if limit and kind is not ListKind.RESULTS else items,
                list_kind=kind,
                selected_category=category,
                query=query,
                elder=self.elder,
                recent=self._recent() if kind is ListKind.POPULAR else (),
            )
        )

    def search(self, query: str) -> None:
        query = query.strip()
        if not query:
            self._render_choose(ListKind.POPULAR, None)
            return
        items: list[ChoiceItem] = []
        for hit in self.catalog.search(query, limit=20):
            if hit.kind == "bundle":
                items.append(ChoiceItem("bundle", hit.key, self.catalog.bundle(hit.key).name))
            else:
                items.append(ChoiceItem("matter", hit.key, self.catalog.matter(hit.key).name))
        self._render_choose(ListKind.RESULTS, None, tuple(items), query)

    def show_category(self, code: str) -> None:
        self._render_choose(ListKind.CATEGORY, code)

    def show_bundles(self) -> None:
        self._render_choose(ListKind.BUNDLES, None)

    def open_guide(self, code: str, is_bundle: bool) -> None:
        cat = self.catalog.catalog
        if is_bundle:
            merged = self.catalog.merged_bundle(code)
            matters = merged.matters
            title: LocalText = merged.bundle.name
            materials = tuple(bm.material for bm in merged.materials)
        else:
            matter = self.catalog.matter(code)
            matters = (matter,)
            title = matter.name
            materials = tuple(matter.materials)
        specs = material_specs(cat, matters, materials, camera=True)
        self.guide.render(guide_state(cat, code, title, matters, specs, is_bundle))
        self.show(self.guide)

    # ------------------------------------------------------------------ done / receipt

    def show_done(
        self, tracking: str, receipt: Any, on_spot: bool, days: int, deadline: str
    ) -> None:
        self._receipt = receipt
        self._done_info = (on_spot, days, deadline)
        self.done.render(DoneState(tracking, PrintState.PRINTING, None, on_spot, days, deadline))
        self.show(self.done)
        self.speak(self.done.title.text())
        self._print(tracking)

    def _print(self, tracking: str) -> None:
        receipt = self._receipt
        on_spot, days, deadline = self._done_info

        def done(error_key: str | None) -> None:
            state = PrintState.PRINTED if error_key is None else PrintState.FAILED
            self.done.render(DoneState(tracking, state, error_key, on_spot, days, deadline))

        self.worker.submit(
            lambda store: jobs.print_receipt(store, self.services.printer, receipt),
            done,
            lambda err: done(err.key),
            name="print",
        )

    def reprint(self) -> None:
        if self._receipt is None:
            return
        tracking = self._receipt.tracking_number
        on_spot, days, deadline = self._done_info
        self.done.render(DoneState(tracking, PrintState.PRINTING, None, on_spot, days, deadline))
        self._print(tracking)

    def build_receipt(self, tracking: str, **kw: Any) -> Any:
        identity = self.session.identity
        assert identity is not None
        return build_receipt(
            station_name=self.services.settings.terminal.station_name,
            printed_at=self.services.clock(),
            tracking_number=tracking,
            applicant_name=identity.name or "—",
            id_number=identity.id_number,
            language=current_language(),
            hotline=self.services.settings.terminal.hotline,
            **kw,
        )

    def another_matter(self) -> None:
        self.session.choose_matter()
        self._render_choose(ListKind.POPULAR, None)
        self.show(self.choose)

    # ------------------------------------------------------------------ rating

    def _rate(self, **changes: Any) -> None:
        s = self._rate_state
        values = {
            "stage": s.stage,
            "level": s.level,
            "reasons": s.reasons,
            "anonymous": s.anonymous,
            "error_key": s.error_key,
        }
        values.update(changes)
        self._rate_state = RateState(**values)
        self.rate.render(self._rate_state)

    def _toggle_reason(self, code: str, on: bool) -> None:
        reasons = set(self._rate_state.reasons)
        if on:
            reasons.add(code)
        else:
            reasons.discard(code)
        self._rate(reasons=frozenset(reasons))

    def open_rate_after_submit(self) -> None:
        tracking = self.session.case_number
        if tracking is None:
            return
        self.session.start_rating()
        self._rate_case = (tracking, self._matter_code_for_rating)
        self._rate_state = RateState(RateStage.LEVEL)
        self.rate.render(self._rate_state)
        self.show(self.rate)
        self.speak(self.rate.hint.plain)

    def open_rate_from_home(self) -> None:
        self._rate_case = None
        self._rate_state = RateState(RateStage.CASE)
        self.rate.case_field.clear()
        self.rate.render(self._rate_state)
        self.show(self.rate)

    def normalize_tracking(self, text: str) -> str | None:
        text = text.strip().upper()
        if not is_valid_tracking_number(text):
            digits = "".join(ch for ch in text if ch.isdigit())
            if len(digits) < 11:
                return None
            text = f"{self._station_code()}-{digits[:6]}-{digits[6:-1]}-{digits[-1]}"
        return text if is_valid_tracking_number(text) else None

    def rate_case_entered(self, text: str) -> None:
        tracking = self.normalize_tracking(text)
        if tracking is None:
            self._rate(error_key="ui.tracking.invalid")
            return

        def found(matter_code: str) -> None:
            if self.session.state is not SessionState.IDLE:
                self.session.end()
            self.session.start_rating(tracking)
            self._rate_case = (tracking, matter_code)
            self._rate(stage=RateStage.LEVEL, error_key=None)

        self.worker.submit(
            lambda store: jobs.check_case_exists(store, tracking),
            found,
            lambda err: self._rate(error_key=err.key),
            name="rate-case",
        )

    def submit_rating(self) -> None:
        s = self._rate_state
        if s.level is None or self._rate_case is None:
            return
        tracking, matter = self._rate_case
        level, reasons, anonymous = s.level, tuple(sorted(s.reasons)), s.anonymous
        self.worker.submit(
            lambda store: jobs.rate(store, tracking, matter, level, reasons, anonymous),
            lambda _id: self._rate(stage=RateStage.THANKS, error_key=None),
            lambda err: self._rate(error_key=err.key),
            name="rate",
        )

    def finish_rating(self) -> None:
        if self.session.state is SessionState.RATING:
            self.session.finish_rating()
        else:
            self.session.end()
        self._reset_visit()
        self.show(self.home)

    # ------------------------------------------------------------------ progress

    def open_progress(self) -> None:
        if self.session.state is SessionState.IDLE:
            self.session.query_progress()
        self._waiting_card_for_progress = False
        self.progress.field.clear()
        self.progress.render(ProgressState(station_code=self._station_code()))
        self.show(self.progress)

    def query_number(self, text: str) -> None:
        tracking = self.normalize_tracking(text)
        if tracking is None:
            self.progress.render(
                ProgressState(station_code=self._station_code(), error_key="ui.tracking.invalid")
            )
            return
        self.worker.submit(
            lambda store: jobs.query_by_number(store, tracking),
            self._show_cases,
            self._progress_error,
            name="progress",
        )

    def query_by_card(self) -> None:
        identity = self.session.identity
        if identity is not None:
            self._query_resident(identity.id_number)
            return
        self._waiting_card_for_progress = True
        self.progress.render(
            ProgressState(station_code=self._station_code(), waiting_for_card=True)
        )

    def _query_resident(self, id_number: str) -> None:
        key = resident_key(id_number, self.services.resident_salt)
        self.worker.submit(
            lambda store: jobs.query_by_resident(store, key),
            self._show_cases,
            self._progress_error,
            name="progress",
        )

    def _progress_error(self, err: KioskError) -> None:
        self.progress.render(ProgressState(station_code=self._station_code(), error_key=err.key))

    def _show_cases(self, cases: list[jobs.CaseResult]) -> None:
        lang = current_language()
        views = []
        for c in cases:
            name = ""
            try:
                name = self.catalog.matter(c.matter_code).name.get(lang)
            except KioskError:
                try:
                    name = self.catalog.bundle(c.matter_code).name.get(lang)
                except KioskError:
                    name = ""
            views.append(CaseView(c.tracking_number, name, c.status, c.timeline))
        self.progress.render(
            ProgressState(
                stage=ProgressStage.RESULT, station_code=self._station_code(), cases=tuple(views)
            )
        )
        self.show(self.progress)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _message(key: str) -> str:
        from ui.messages import message

        return message(key)

    def resident_key(self) -> str | None:
        identity = self.session.identity
        if identity is None:
            return None
        return resident_key(identity.id_number, self.services.resident_salt)

    def supplement_deadline(self, days: int | None) -> str:
        if not days:
            return ""
        return (self.services.clock().date() + timedelta(days=days)).isoformat()


__all__ = ["FieldType", "FormDefinition", "FormEngine", "JourneyController", "initial_values"]
