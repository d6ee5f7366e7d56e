"""Materials: the camera preview with auto-capture, and per material the other ways the
catalogue allows (window, supplement later, promise, e-certificate).

What is allowed, which choice is stored and which pages belong to a material are the journey
service's (``material_status``); this controller runs the camera on the worker, keeps the
thumbnails for the screen and mirrors the service's answers into the screen's state. Without a
camera every material can go to the window: the service routes anything still open there at
submit, so the window never needs the service's permission.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from kiosk.errors import CameraError, KioskError
from kiosk.ports.camera import CaptureGuidance
from kiosk.services.journey import (
    DraftHandle,
    JourneyService,
    MaterialChoice,
    MaterialChoiceError,
    MaterialStatus,
)
from kiosk.session import SessionState
from ui.controllers.camera_jobs import FrameResult, read_document_frame
from ui.controllers.presenters import material_rows
from ui.screens.materials import MaterialsScreen, MaterialsState

if TYPE_CHECKING:
    from ui.controllers.form_flow import FormFlow

log = logging.getLogger(__name__)

_WINDOW = MaterialChoice.WINDOW.value
_CAPTURED = MaterialChoice.CAPTURED.value


class MaterialsController:
    def __init__(self, flow: FormFlow) -> None:
        self.flow = flow
        self.owner = flow.owner
        self.calls = flow.calls
        self.screen = MaterialsScreen()
        self.owner.window.add_screen(self.screen)
        m = self.screen
        m.captureRequested.connect(self.start_capture)
        m.captureStopped.connect(self.stop_capture)
        m.shutterPressed.connect(self.shutter)
        m.retakeRequested.connect(self.retake)
        m.choiceMade.connect(self.choose)
        m.nextRequested.connect(self.done)
        m.backRequested.connect(self.back_to_form)
        self.camera: Any = None
        self.scanner: Any = None
        self.reset()

    def reset(self) -> None:
        self.stop_camera()
        self.statuses: tuple[MaterialStatus, ...] = ()
        self.choices: dict[str, str] = {}
        self.pages: dict[str, list[tuple[str, QImage]]] = {}
        self.thumbnails: dict[str, QImage] = {}
        self.capturing: str | None = None
        self.force_capture = False
        self.camera_available = True
        self.guidance = CaptureGuidance.NO_PAGE.value
        self.error_key: str | None = None
        self.screen.render(MaterialsState(rows=()))

    def begin(self, handle: DraftHandle) -> None:
        """A new draft: the service's materials with their default choices."""
        self.camera_available = self.owner.services.camera_factory is not None
        self.statuses = tuple(
            MaterialStatus(info, handle.choices.get(info.code), ()) for info in handle.materials
        )
        self.choices = {code: choice.value for code, choice in handle.choices.items()}

    # ------------------------------------------------------------------ screen

    def open(self) -> None:
        session = self.owner.session
        if session.state is SessionState.FILLING:
            session.start_capture()
        self.render()
        self.owner.show(self.screen)

    def open_from_review(self) -> None:
        """Back from the signature or the review's edit link."""
        session = self.owner.session
        if session.state is SessionState.REVIEWING:
            session.start_capture()
        self.render()
        self.owner.show(self.screen)
        self.refresh()

    def render(self) -> None:
        self.screen.render(
            MaterialsState(
                rows=material_rows(
                    self.statuses, self.choices, self.thumbnails, self.camera_available
                ),
                camera_available=self.camera_available,
                capturing=self.capturing,
                guidance_key=self.guidance,
                error_key=self.error_key,
            )
        )

    def show_error(self, key: str) -> None:
        self.error_key = key
        if self.owner.window.current_screen is self.screen:
            self.render()

    def refresh(self) -> None:
        """Re-read what the service holds for the draft's materials."""
        draft_id = self.flow.draft_id
        if draft_id is None:
            return
        self.calls.call(
            lambda journey: journey.material_status(draft_id),
            self._statuses,
            self.flow.error,
            name="materials",
        )

    def _statuses(self, statuses: tuple[MaterialStatus, ...]) -> None:
        self.statuses = statuses
        for status in statuses:
            code = status.info.code
            if status.choice is not None:
                self.choices[code] = status.choice.value
            elif self.choices.get(code) != _WINDOW:  # a window fallback stays the UI's
                self.choices.pop(code, None)
            pages = [(p.sha256, self.thumbnails.get(p.sha256, QImage())) for p in status.pages]
            if pages:
                self.pages[code] = pages
            else:
                self.pages.pop(code, None)
        self.render()

    # ------------------------------------------------------------------ choices

    def choose(self, code: str, choice: str) -> None:
        draft_id = self.flow.draft_id
        if draft_id is None:
            return
        self.choices[code] = choice
        self.error_key = None
        self.render()

        def refused(err: KioskError) -> None:
            if isinstance(err, MaterialChoiceError) and choice == _WINDOW:
                self.refresh()  # the window has no veto: submit routes it there anyway
                return
            self.flow.error(err)
            self.refresh()

        self.calls.call(
            lambda journey: journey.set_material_choice(draft_id, code, choice),
            lambda _: self.refresh(),
            refused,
            name="material-choice",
        )

    # ------------------------------------------------------------------ camera

    def start_capture(self, code: str) -> None:
        services = self.owner.services
        self.error_key = None
        if services.camera_factory is None or services.scanner_factory is None:
            self._camera_missing()
            return
        self.choices[code] = _CAPTURED
        self.capturing = code
        if self.camera is None:
            self.camera = services.camera_factory()
            self.scanner = services.scanner_factory()
            camera = self.camera
            self.calls.run(
                camera.open, lambda _: self._next_frame(), self._camera_failed, name="camera-open"
            )
        else:
            self._next_frame()
        self.render()

    def _camera_missing(self) -> None:
        self.camera_available = False
        self.capturing = None
        self.camera = None
        for code, choice in list(self.choices.items()):
            if choice == _CAPTURED and not self.pages.get(code):
                del self.choices[code]
        self.render()

    def _camera_failed(self, err: KioskError) -> None:
        log.info("camera unavailable: %s", err.key)
        self._camera_missing()

    def _next_frame(self) -> None:
        draft_id, code = self.flow.draft_id, self.capturing
        camera, scanner = self.camera, self.scanner
        if code is None or camera is None or scanner is None or draft_id is None:
            return
        force, self.force_capture = self.force_capture, False

        def read(journey: JourneyService) -> FrameResult:
            return read_document_frame(journey, camera, scanner, draft_id, code, force)

        self.calls.call(
            read, lambda result: self._frame(code, result), self._frame_failed, name="camera-frame"
        )

    def _frame(self, code: str, result: FrameResult) -> None:
        if self.capturing != code:
            return
        analysis = result.analysis
        self.guidance = analysis.guidance.value
        self.screen.show_frame(result.frame, analysis.corners, self.guidance)
        if result.captured_sha is None or result.thumbnail is None:
            self._next_frame()
            return
        self.thumbnails[result.captured_sha] = result.thumbnail
        self.pages.setdefault(code, []).append((result.captured_sha, result.thumbnail))
        if self.owner.session.state is SessionState.CAPTURING:
            self.owner.session.add_material(result.captured_sha)
        self.capturing = None
        self.refresh()

    def _frame_failed(self, err: KioskError) -> None:
        if isinstance(err, CameraError) and err.key == "error.camera.no_page":
            self._next_frame()
            return
        if isinstance(err, CameraError):
            self._camera_failed(err)
            return
        self.capturing = None
        self.flow.error(err)

    def shutter(self) -> None:
        self.force_capture = True

    def stop_capture(self) -> None:
        self.capturing = None
        self.render()

    def retake(self, code: str) -> None:
        draft_id = self.flow.draft_id
        if draft_id is None:
            return
        shas = [sha for sha, _ in self.pages.pop(code, [])]

        def drop(journey: JourneyService) -> None:
            for sha in shas:
                journey.remove_material_page(draft_id, code, sha)

        self.calls.call(drop, None, self.flow.error, name="retake")
        self.start_capture(code)

    def stop_camera(self) -> None:
        camera, self.camera = self.camera, None
        self.capturing = None
        if camera is not None:
            self.calls.run(camera.close, name="camera-close")

    # ------------------------------------------------------------------ leaving

    def back_to_form(self) -> None:
        self.stop_camera()
        if self.owner.session.state in (SessionState.CAPTURING, SessionState.REVIEWING):
            self.owner.session.back_to_form()
        self.flow.render_form()
        self.owner.show(self.flow.form_screen)

    def done(self) -> None:
        """Open materials need no answer here: the service routes them to the window."""
        self.stop_camera()
        session = self.owner.session
        if session.state is SessionState.CAPTURING:
            session.start_review()
        self.flow.submission.after_materials()
