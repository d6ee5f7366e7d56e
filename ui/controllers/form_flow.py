"""The draft part of the journey: form → materials → signature → review → submit.

Owned by :class:`~ui.controllers.journey_controller.JourneyController` (which handles home,
identification, choosing, done, rating and progress). Every change is autosaved through the
worker; the forms engine is re-run on the GUI thread (it is fast: well under a millisecond for
the catalogue's forms) so relevance and issues follow each keystroke.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from kiosk.errors import CameraError, KioskError
from kiosk.forms.engine import FormEngine
from kiosk.forms.prefill import initial_values
from kiosk.forms.schema import FieldType, FormDefinition
from kiosk.i18n import LocalText
from kiosk.ports.camera import CaptureGuidance
from kiosk.session import SessionState
from ui.controllers import jobs
from ui.controllers.presenters import MaterialSpec, material_specs, review_sections
from ui.i18n import current_language
from ui.screens.form import FormScreen, FormViewState, issue_path
from ui.screens.materials import (
    CAPTURED,
    COMMITMENT,
    DEFERRED,
    E_CERTIFICATE,
    OMITTED,
    WINDOW,
    MaterialRow,
    MaterialsScreen,
    MaterialsState,
)
from ui.screens.review import ReviewScreen, ReviewSectionView, ReviewState
from ui.screens.signature import SignatureScreen

if TYPE_CHECKING:
    from ui.controllers.journey_controller import JourneyController

log = logging.getLogger(__name__)

Path = tuple[str | int, ...]


class FormFlow:
    def __init__(self, owner: JourneyController) -> None:
        self.owner = owner
        self.form_screen = FormScreen()
        self.materials_screen = MaterialsScreen()
        self.signature_screen = SignatureScreen()
        self.review_screen = ReviewScreen()
        for screen in (
            self.form_screen,
            self.materials_screen,
            self.signature_screen,
            self.review_screen,
        ):
            owner.window.add_screen(screen)
        f = self.form_screen
        f.valueChanged.connect(self.value_changed)
        f.rowAdded.connect(self.add_row)
        f.rowRemoved.connect(self.remove_row)
        f.nextRequested.connect(self.next_page)
        f.backRequested.connect(self.previous_page)
        f.saveForLaterRequested.connect(owner.window.consent_overlay.open)
        owner.window.consent_overlay.accepted.connect(self.save_for_later)
        m = self.materials_screen
        m.captureRequested.connect(self.start_capture)
        m.captureStopped.connect(self.stop_capture)
        m.shutterPressed.connect(self.shutter)
        m.retakeRequested.connect(self.retake)
        m.choiceMade.connect(self.choose_material)
        m.nextRequested.connect(self.materials_done)
        m.backRequested.connect(self.back_to_form)
        self.signature_screen.signed.connect(self.signed)
        self.signature_screen.backRequested.connect(self.back_from_signature)
        self.review_screen.editRequested.connect(self.edit)
        self.review_screen.submitRequested.connect(self.submit)
        self.camera: Any = None
        self.scanner: Any = None
        self.reset()

    # ------------------------------------------------------------------ lifecycle

    def reset(self) -> None:
        self.stop_camera()
        self.code = ""
        self.is_bundle = False
        self.title = LocalText(zh="—", en="—")
        self.matters: tuple[Any, ...] = ()
        self.form: FormDefinition | None = None
        self.engine: FormEngine | None = None
        self.values: dict[str, Any] = {}
        self.prefilled: frozenset[str] = frozenset()
        self.page_id = ""
        self.touched: set[str] = set()
        self.show_all = False
        self.draft_id: str | None = None
        self.saved = False
        self.specs: list[MaterialSpec] = []
        self.choices: dict[str, str] = {}
        self.pages: dict[str, list[tuple[str, QImage]]] = {}
        self.capturing: str | None = None
        self.force_capture = False
        self.camera_available = True
        self.guidance = CaptureGuidance.NO_PAGE.value
        self.material_error: str | None = None
        self.signature_sha: str | None = None
        self.submitting = False
        self.form_screen._state = None
        self.form_screen._built_key = None
        from ui.screens.base import clear_layout

        clear_layout(self.form_screen.content)
        self.form_screen.editors = {}
        self.form_screen.group_widgets = {}
        self.materials_screen.render(MaterialsState(rows=()))
        self.signature_screen.reset()
        self.signature_screen.render("")
        self.review_screen.render(ReviewState("", (), 0, False))

    # ------------------------------------------------------------------ start

    def start(self) -> None:
        owner = self.owner
        state = owner.guide.state
        if state is None or owner.session.identity is None:
            return
        cat = owner.catalog
        self.reset()
        self.code, self.is_bundle = state.code, state.is_bundle
        if state.is_bundle:
            merged = cat.merged_bundle(state.code)
            self.matters, self.form, self.title = merged.matters, merged.form, merged.bundle.name
            materials = tuple(bm.material for bm in merged.materials)
        else:
            matter = cat.matter(state.code)
            self.matters, self.form, self.title = (
                (matter,),
                cat.form_for_matter(matter.code),
                matter.name,
            )
            materials = tuple(matter.materials)
        self.camera_available = owner.services.camera_factory is not None
        self.specs = material_specs(cat.catalog, self.matters, materials, self.camera_available)
        prefill = initial_values(self.form, owner.session.identity)
        self.values, self.prefilled = dict(prefill.values), prefill.prefilled
        self.engine = FormEngine(self.form)
        form = self.form
        values = dict(self.values)
        matter_code = None if state.is_bundle else state.code
        bundle_code = state.code if state.is_bundle else None

        def created(draft_id: str) -> None:
            self.draft_id = draft_id
            if owner.session.state is SessionState.IDENTIFIED:
                owner.session.choose_matter()
            owner.session.open_matter(state.code, draft_id)
            owner.session.set_form_values(_top_level(values))
            self.page_id = self._visible_pages()[0]
            self.render_form()
            owner.show(self.form_screen)

        owner.worker.submit(
            lambda store: jobs.start_draft(
                store,
                form_id=form.id,
                form_version=form.version,
                matter_code=matter_code,
                bundle_code=bundle_code,
                values=values,
            ),
            created,
            self._error,
            name="start-draft",
        )

    def _error(self, err: KioskError) -> None:
        log.warning("journey step failed: %s", err.key)
        self.material_error = err.key
        if self.owner.window.current_screen is self.materials_screen:
            self.render_materials()

    # ------------------------------------------------------------------ form

    def _visible_pages(self) -> list[str]:
        assert self.engine is not None
        return self.engine.evaluate(self.values).visible_pages

    def _structure(self) -> tuple[Any, ...]:
        return tuple(
            (k, len(v))
            for k, v in sorted(self.values.items())
            if isinstance(v, list) and v and isinstance(v[0], dict)
        )

    def render_form(self) -> None:
        assert self.engine is not None and self.form is not None
        state = self.engine.evaluate(self.values)
        pages = state.visible_pages
        if self.page_id not in pages:
            self.page_id = pages[0]
        self.form_screen.render(
            FormViewState(
                form=self.form,
                page_id=self.page_id,
                page_ids=tuple(pages),
                values=self.values,
                prefilled=self.prefilled,
                engine=state,
                shown_issues=frozenset(self.touched),
                show_all_issues=self.show_all,
                title=self.title.get(current_language()),
                saved_for_later=self.saved,
                structure=self._structure(),
            )
        )

    def value_changed(self, path: Path, value: object) -> None:
        if self.draft_id is None:
            return
        _set_at(self.values, path, value)
        self.touched.add(issue_path(path))
        if len(path) == 1 and self.owner.session.state.value == "filling":
            self.owner.session.set_form_values({str(path[0]): _scalar(value)})
        self.render_form()
        draft_id = self.draft_id
        stored = copy.deepcopy(value)
        self.owner.worker.submit(
            lambda store: jobs.autosave(store, draft_id, path, stored),
            None,
            self._error,
            name="autosave",
        )

    def add_row(self, group: str) -> None:
        rows = list(self.values.get(group) or [])
        rows.append({})
        self._set_rows(group, rows)

    def remove_row(self, group: str, index: int) -> None:
        rows = list(self.values.get(group) or [])
        if 0 <= index < len(rows):
            rows.pop(index)
        self._set_rows(group, rows)

    def _set_rows(self, group: str, rows: list[Any]) -> None:
        if self.draft_id is None:
            return
        self.values[group] = rows
        self.touched.add(group)
        self.render_form()
        draft_id, stored = self.draft_id, copy.deepcopy(rows)
        self.owner.worker.submit(
            lambda store: jobs.autosave(store, draft_id, (group,), stored),
            None,
            self._error,
            name="autosave",
        )

    def _page_blocking_issues(self) -> list[Any]:
        assert self.engine is not None and self.form is not None
        state = self.engine.evaluate(self.values)
        signature_fields = {
            f.name
            for f in self.form.iter_fields()
            if f.type in (FieldType.SIGNATURE, FieldType.ATTACHMENT)
        }
        return [i for i in state.page_issues(self.page_id) if i.path not in signature_fields]

    def next_page(self) -> None:
        if self._page_blocking_issues():
            self.show_all = True
            self.render_form()
            return
        self.show_all = False
        pages = self._visible_pages()
        index = pages.index(self.page_id)
        if index + 1 < len(pages):
            self.page_id = pages[index + 1]
            self.render_form()
            return
        session = self.owner.session
        if session.state.value == "filling":
            session.start_capture()
        self.render_materials()
        self.owner.show(self.materials_screen)

    def previous_page(self) -> None:
        pages = self._visible_pages()
        index = pages.index(self.page_id) if self.page_id in pages else 0
        if index == 0:
            self.owner.window.consent_overlay.hide()
            self.owner.session.choose_matter()  # abandons the unsaved draft
            self.reset()
            self.owner.show(self.owner.guide)
            return
        self.show_all = False
        self.page_id = pages[index - 1]
        self.render_form()

    def save_for_later(self) -> None:
        key = self.owner.resident_key()
        if self.draft_id is None or key is None:
            return
        draft_id = self.draft_id

        def saved(_: object) -> None:
            self.owner.session.save_for_later()
            self.saved = True
            self.render_form()

        self.owner.worker.submit(
            lambda store: jobs.save_for_later(store, draft_id, key),
            saved,
            self._error,
            name="save-for-later",
        )

    # ------------------------------------------------------------------ materials

    def render_materials(self) -> None:
        today_deadline = self.owner.supplement_deadline(
            next((s.supplement_days for s in self.specs if s.supplement_days), None)
        )
        rows = []
        for spec in self.specs:
            pages = self.pages.get(spec.material.code, [])
            rows.append(
                MaterialRow(
                    code=spec.material.code,
                    name=spec.material.name,
                    necessity=spec.kind,
                    necessity_label=spec.label,
                    allowed=spec.allowed,
                    choice=self.choices.get(spec.material.code),
                    pages=len(pages),
                    thumbnails=tuple(img for _, img in pages),
                    deadline=today_deadline,
                    commitment_text=spec.commitment_text,
                )
            )
        self.materials_screen.render(
            MaterialsState(
                rows=tuple(rows),
                camera_available=self.camera_available,
                capturing=self.capturing,
                guidance_key=self.guidance,
                error_key=self.material_error,
            )
        )

    def choose_material(self, code: str, choice: str) -> None:
        self.choices[code] = choice
        if choice != CAPTURED and self.pages.get(code) and self.draft_id is not None:
            self.pages.pop(code, None)
            draft_id = self.draft_id
            self.owner.worker.submit(
                lambda store: jobs.detach_slot(store, draft_id, code),
                None,
                self._error,
                name="detach",
            )
        self.render_materials()

    def start_capture(self, code: str) -> None:
        owner = self.owner
        self.choices[code] = CAPTURED
        self.material_error = None
        if owner.services.camera_factory is None:
            self._camera_missing()
            return
        if self.camera is None:
            self.camera = owner.services.camera_factory()
            self.scanner = (
                owner.services.scanner_factory() if owner.services.scanner_factory else None
            )
            camera = self.camera
            self.capturing = code
            owner.worker.submit(
                lambda store: jobs.open_camera(store, camera),
                lambda _: self._next_frame(),
                self._camera_failed,
                name="camera-open",
            )
        else:
            self.capturing = code
            self._next_frame()
        self.render_materials()

    def _camera_missing(self) -> None:
        self.camera_available = False
        self.capturing = None
        self.camera = None
        for spec in self.specs:
            if self.choices.get(spec.material.code) == CAPTURED and not self.pages.get(
                spec.material.code
            ):
                self.choices.pop(spec.material.code)
        cat = self.owner.catalog.catalog
        self.specs = material_specs(
            cat, self.matters, tuple(s.material for s in self.specs), camera=False
        )
        self.render_materials()

    def _camera_failed(self, err: KioskError) -> None:
        log.info("camera unavailable: %s", err.key)
        self._camera_missing()

    def _next_frame(self) -> None:
        if self.capturing is None or self.camera is None or self.draft_id is None:
            return
        if self.scanner is None:
            self._camera_missing()
            return
        camera, scanner, draft_id, slot = self.camera, self.scanner, self.draft_id, self.capturing
        force, self.force_capture = self.force_capture, False
        self.owner.worker.submit(
            lambda store: jobs.read_frame(store, camera, scanner, draft_id, slot, force),
            lambda result: self._frame(slot, result),
            self._frame_failed,
            name="camera-frame",
        )

    def _frame(self, slot: str, result: jobs.FrameResult) -> None:
        if self.capturing != slot:
            return
        analysis = result.analysis
        self.guidance = analysis.guidance.value
        self.materials_screen.show_frame(result.frame, analysis.corners, self.guidance)
        if result.captured_sha is not None and result.thumbnail is not None:
            self.pages.setdefault(slot, []).append((result.captured_sha, result.thumbnail))
            self.owner.session.add_material(result.captured_sha)
            self.capturing = None
            self.render_materials()
            return
        self._next_frame()

    def _frame_failed(self, err: KioskError) -> None:
        if isinstance(err, CameraError) and err.key == "error.camera.no_page":
            self._next_frame()
            return
        self._camera_failed(err)

    def shutter(self) -> None:
        self.force_capture = True

    def stop_capture(self) -> None:
        self.capturing = None
        self.render_materials()

    def retake(self, code: str) -> None:
        self.choose_material(code, WINDOW)  # drops the pages
        self.start_capture(code)

    def stop_camera(self) -> None:
        camera, self.camera = getattr(self, "camera", None), None
        self.capturing = None
        if camera is not None:
            self.owner.worker.submit(
                lambda store: jobs.close_camera(store, camera), name="camera-close"
            )

    def back_to_form(self) -> None:
        self.stop_camera()
        if self.owner.session.state.value in ("capturing", "reviewing"):
            self.owner.session.back_to_form()
        self.render_form()
        self.owner.show(self.form_screen)

    def materials_done(self) -> None:
        self.stop_camera()
        for spec in self.specs:  # unanswered required materials go to the window (no veto)
            self.choices.setdefault(
                spec.material.code, OMITTED if spec.kind == "optional" else WINDOW
            )
        session = self.owner.session
        if session.state.value == "capturing":
            session.start_review()
        if self.signature_sha is None:
            self._show_signature()
        else:
            self.show_review()

    # ------------------------------------------------------------------ signature and review

    def _show_signature(self) -> None:
        lang = current_language()
        texts = [
            s.commitment_text.get(lang)
            for s in self.specs
            if s.commitment_text is not None and self.choices.get(s.material.code) == COMMITMENT
        ]
        self.signature_screen.render("\n".join(dict.fromkeys(texts)))
        self.owner.show(self.signature_screen)

    def back_from_signature(self) -> None:
        self.owner.session.start_capture()
        self.render_materials()
        self.owner.show(self.materials_screen)

    def signed(self, png: bytes) -> None:
        if self.draft_id is None:
            return
        draft_id = self.draft_id

        def stored(sha: str) -> None:
            self.signature_sha = sha
            self.owner.session.sign(sha)
            assert self.form is not None
            for f in self.form.iter_fields():
                if f.type is FieldType.SIGNATURE:
                    self.values[f.name] = sha
                    self.owner.worker.submit(
                        lambda store, n=f.name: jobs.autosave(store, draft_id, (n,), sha),
                        name="autosave",
                    )
            self.show_review()

        self.owner.worker.submit(
            lambda store: jobs.attach(store, draft_id, "signature", png, "image/png"),
            stored,
            self._error,
            name="signature",
        )

    def show_review(self) -> None:
        assert self.engine is not None and self.form is not None
        lang = current_language()
        state = self.engine.evaluate(self.values)
        sections = review_sections(self.form, state, self.values, lang)
        mats = []
        for spec in self.specs:
            choice = self.choices.get(spec.material.code)
            text = self.materials_screen._status_text(
                MaterialRow(
                    spec.material.code,
                    spec.material.name,
                    spec.kind,
                    spec.label,
                    spec.allowed,
                    choice,
                    len(self.pages.get(spec.material.code, [])),
                    deadline=self.owner.supplement_deadline(spec.supplement_days),
                )
            )
            mats.append((spec.material.name.get(lang), text))
        sections.append(
            ReviewSectionView(self.materials_screen.title.text(), "materials", tuple(mats))
        )
        sections.append(
            ReviewSectionView(
                self.signature_screen.title.text(),
                "signature",
                ((self.signature_screen.title.text(), "✔" if self.signature_sha else "—"),),
            )
        )
        open_materials = sum(1 for c in self.choices.values() if c == WINDOW)
        self.review_screen.render(
            ReviewState(
                self.title.get(lang),
                tuple(sections),
                len(state.issues),
                self.signature_sha is not None,
                open_materials,
            )
        )
        self.owner.show(self.review_screen)

    def edit(self, target: str) -> None:
        session = self.owner.session
        if target.startswith("page:"):
            session.back_to_form()
            self.page_id = target.removeprefix("page:")
            self.show_all = True
            self.render_form()
            self.owner.show(self.form_screen)
        elif target == "materials":
            session.start_capture()
            self.render_materials()
            self.owner.show(self.materials_screen)
        else:
            self.signature_sha = None
            self.signature_screen.reset()
            self._show_signature()

    # ------------------------------------------------------------------ submit

    def submit(self) -> None:
        if self.submitting or self.draft_id is None or self.engine is None:
            return
        state = self.engine.evaluate(self.values)
        if not state.valid or self.signature_sha is None:
            self.show_review()
            return
        self.submitting = True
        owner = self.owner
        lang = current_language()
        final = dict(state.final_data())
        final["material_choices"] = dict(self.choices)
        names = {s.material.code: s.material.name for s in self.specs}
        received = [
            names[c]
            for c, ch in self.choices.items()
            if ch in (CAPTURED, E_CERTIFICATE, COMMITMENT)
        ]
        later = [names[c] for c, ch in self.choices.items() if ch in (DEFERRED, WINDOW)]
        days = next((s.supplement_days for s in self.specs if s.supplement_days), None) or 30
        deadline = owner.supplement_deadline(days) if later else ""
        delivery = self.values.get("delivery_method")
        on_spot = owner.guide.state.on_the_spot if owner.guide.state else False
        limit = 0 if on_spot else max(m.promised_limit_days for m in self.matters)
        import datetime as dt

        receipt = owner.build_receipt(
            "PENDING",
            matter_name=self.title,
            time_limit_days=limit,
            delivery=delivery if delivery in ("pickup", "mail") else "pickup",
            materials_received=received,
            materials_to_supplement=later,
            supplement_deadline=dt.date.fromisoformat(deadline) if deadline else None,
        )
        draft_id = self.draft_id
        owner._matter_code_for_rating = self.code

        def committed(submission: Any) -> None:
            import dataclasses

            self.submitting = False
            owner.session.mark_submitted(submission.tracking_number)
            content = dataclasses.replace(receipt, tracking_number=submission.tracking_number)
            self.draft_id = None
            self.reset()
            owner.show_done(submission.tracking_number, content, on_spot, limit, deadline)

        def failed(err: KioskError) -> None:
            self.submitting = False
            self.review_screen.summary.set_plain(owner._message(err.key))

        _ = lang
        owner.worker.submit(
            lambda store: jobs.finalize(store, draft_id, final, receipt),
            committed,
            failed,
            name="finalize",
        )


def _scalar(value: object) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else None


def _top_level(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in values.items()}


def _set_at(values: dict[str, Any], path: Path, value: object) -> None:
    node: Any = values
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            if last:
                node[part] = value
            else:
                node = node[part]
        else:
            if last:
                node[part] = value
            else:
                nxt = path[i + 1]
                node = node.setdefault(part, [] if isinstance(nxt, int) else {})
