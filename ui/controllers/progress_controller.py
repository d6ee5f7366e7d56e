"""Progress query (进度查询): by tracking number typed on the keypad, by the receipt's QR code
shown to the camera, or by ID card. Answers come from the journey service (the platform when
online, else the local status cache and our own submissions).

Scanning runs on the worker like every camera job: open, then one frame per job until a QR code
yields a valid tracking number (a bare number, or a URL made from the printer's template that
holds it), which opens the timeline. Frames go to the shared camera preview.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.clock import CHINA_STANDARD_TIME
from kiosk.errors import KioskError
from kiosk.services.journey import Progress
from kiosk.session import SessionState
from ui.controllers.camera_jobs import ScanResult, read_code_frame
from ui.controllers.rate_controller import normalize_tracking
from ui.i18n import current_language
from ui.screens.progress import CaseView, ProgressScreen, ProgressStage, ProgressState

if TYPE_CHECKING:
    from kiosk.identity import Identity
    from ui.controllers.journey_controller import JourneyController

log = logging.getLogger(__name__)


def timeline_entry(entry: Any) -> tuple[str, str]:
    """(time text in China Standard Time, status code) of one timeline entry."""
    raw = str(entry.get("at") or entry.get("time") or "")
    try:
        at = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        when = raw[:16].replace("T", " ")
    else:
        if at.tzinfo is not None:
            at = at.astimezone(CHINA_STANDARD_TIME)
        when = at.strftime("%Y-%m-%d %H:%M")
    return when, str(entry.get("status") or entry.get("code") or "")


class ProgressController:
    def __init__(self, owner: JourneyController) -> None:
        self.owner = owner
        self.screen = ProgressScreen()
        owner.window.add_screen(self.screen)
        p = self.screen
        p.numberEntered.connect(self.query_number)
        p.byCardRequested.connect(self.query_by_card)
        p.scanRequested.connect(self.start_scan)
        p.scanStopped.connect(self.open)
        p.homeRequested.connect(owner.end_visit)
        p.againRequested.connect(self.open)
        self.camera: Any = None
        self.scanner: Any = None
        self._scanning = False
        self._waiting_card = False

    def reset(self) -> None:
        self.stop_scan()
        self._waiting_card = False
        self.screen.field.clear()
        self._render()

    def _camera_possible(self) -> bool:
        s = self.owner.services
        return s.camera_factory is not None and s.code_scanner_factory is not None

    def _render(self, stage: ProgressStage = ProgressStage.ENTRY, **kw: Any) -> None:
        kw.setdefault("camera_available", self._camera_possible())
        self.screen.render(ProgressState(stage=stage, station_code=self.owner.station_code(), **kw))

    def open(self) -> None:
        owner = self.owner
        self.stop_scan()
        if owner.session.state is SessionState.IDLE:
            owner.session.query_progress()
        self._waiting_card = False
        self.screen.field.clear()
        self._render()
        owner.show(self.screen)

    # ------------------------------------------------------------------ by number, by card

    def query_number(self, text: str) -> None:
        tracking = normalize_tracking(text, self.owner.station_code())
        if tracking is None:
            self._render(error_key="ui.tracking.invalid")
            return
        self.owner.calls.call(
            lambda journey: _listed(journey.progress(tracking)),
            self._show_cases,
            self._error,
            name="progress",
        )

    def wants_card(self) -> bool:
        return self._waiting_card

    def query_by_card(self) -> None:
        self.stop_scan()
        identity = self.owner.session.identity
        if identity is not None:
            self.card_read(identity)
            return
        self._waiting_card = True
        self._render(waiting_for_card=True)

    def card_read(self, identity: Identity) -> None:
        self._waiting_card = False
        self.owner.calls.call(
            lambda journey: journey.progress_for(identity),
            self._show_cases,
            self._error,
            name="progress",
        )

    def _error(self, err: KioskError) -> None:
        self._render(error_key=err.key)

    def _show_cases(self, cases: list[Progress]) -> None:
        lang = current_language()
        views = []
        for c in cases:
            name = ""
            for kind, code in (("matter", c.matter_code), ("bundle", c.bundle_code)):
                if not code:
                    continue
                try:
                    catalog = self.owner.catalog
                    item = catalog.matter(code) if kind == "matter" else catalog.bundle(code)
                except KioskError:
                    continue
                name = item.name.get(lang)
                break
            timeline = tuple(timeline_entry(e) for e in c.timeline)
            views.append(CaseView(c.tracking_number, name, c.status, timeline))
        self._render(ProgressStage.RESULT, cases=tuple(views))
        self.owner.show(self.screen)

    # ------------------------------------------------------------------ by QR code

    def start_scan(self) -> None:
        services = self.owner.services
        if services.camera_factory is None or services.code_scanner_factory is None:
            self._render(error_key="device.camera.unavailable", camera_available=False)
            return
        self._waiting_card = False
        self._scanning = True
        self._render(ProgressStage.SCANNING)
        if self.camera is None:
            self.camera = services.camera_factory()
            self.scanner = services.code_scanner_factory()
            self.owner.calls.run(
                self.camera.open, lambda _: self._next_frame(), self._scan_failed, name="qr-open"
            )
        else:
            self._next_frame()

    def _next_frame(self) -> None:
        camera, scanner = self.camera, self.scanner
        if not self._scanning or camera is None or scanner is None:
            return
        self.owner.calls.run(
            lambda: read_code_frame(camera, scanner),
            self._frame,
            self._scan_failed,
            name="qr-frame",
        )

    def _frame(self, result: ScanResult) -> None:
        if not self._scanning:
            return
        self.screen.show_frame(result.frame)
        if result.tracking_number is None:
            state = self.screen.state
            if result.unrecognised and state is not None and not state.unrecognised_code:
                self._render(ProgressStage.SCANNING, unrecognised_code=True)
            self._next_frame()
            return
        self.stop_scan()
        self._render(ProgressStage.ENTRY)
        self.screen.field.setText(result.tracking_number)
        self.query_number(result.tracking_number)

    def _scan_failed(self, err: KioskError) -> None:
        log.info("QR scan stopped: %s", err.key)
        self.stop_scan()
        self._render(error_key="device.camera.unavailable", camera_available=False)

    def stop_scan(self) -> None:
        self._scanning = False
        camera, self.camera = self.camera, None
        self.scanner = None
        if camera is not None:
            self.owner.calls.run(camera.close, name="qr-close")


def _listed(progress: Progress | None) -> list[Progress]:
    return [] if progress is None else [progress]
