"""Signature → review → submit → done (receipt, reprint).

The journey service does the work: ``set_signature`` stores the PNG and fills the form's
signature fields, ``review`` builds the masked one-page summary, ``submit`` validates, commits
the case in one transaction, stores and prints the receipt (paper out keeps it for
``reprint``) and answers a double tap with the first result. Here: which screen shows what,
and after a committed case the container's ``on_submitted`` hook so sync sends it now.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.services.journey import (
    EditKind,
    FormInvalidError,
    MaterialChoice,
    PrintOutcome,
    ReviewModel,
    SubmitResult,
)
from kiosk.session import SessionState
from ui.controllers.presenters import material_rows, review_sections
from ui.i18n import current_language
from ui.screens.done import DoneScreen, DoneState, PrintState
from ui.screens.review import ReviewScreen, ReviewState
from ui.screens.signature import SignatureScreen

if TYPE_CHECKING:
    from ui.controllers.form_flow import FormFlow

log = logging.getLogger(__name__)


class SubmitController:
    def __init__(self, flow: FormFlow) -> None:
        self.flow = flow
        self.owner = flow.owner
        self.calls = flow.calls
        self.signature_screen = SignatureScreen()
        self.review_screen = ReviewScreen()
        self.done_screen = DoneScreen()
        for screen in (self.signature_screen, self.review_screen, self.done_screen):
            self.owner.window.add_screen(screen)
        self.signature_screen.signed.connect(self.signed)
        self.signature_screen.backRequested.connect(self.back_from_signature)
        self.review_screen.editRequested.connect(self.edit)
        self.review_screen.submitRequested.connect(self.submit)
        d = self.done_screen
        d.reprintRequested.connect(self.reprint)
        d.rateRequested.connect(self._rate)
        d.anotherRequested.connect(self.owner.another_matter)
        d.finishRequested.connect(self.owner.end_visit)
        self.matter_code: str | None = None
        self.reset()
        self.done_screen.render(DoneState("", PrintState.PRINTED))

    def _rate(self) -> None:
        self.owner.rating.open_after_submit(self.matter_code)

    def reset(self) -> None:
        """A new draft (or a wiped visit): nothing signed, nothing under review."""
        self.signed_sha: str | None = None
        self.submitting = False
        self.signature_screen.reset()
        self.signature_screen.render("")
        self.review_screen.render(ReviewState("", (), 0, False))

    def clear_done(self) -> None:
        self.matter_code = None
        self.done_screen.render(DoneState("", PrintState.PRINTED))

    # ------------------------------------------------------------------ signature

    def after_materials(self) -> None:
        if self.signed_sha is None:
            self._show_signature()
        else:
            self.show_review()

    def _show_signature(self) -> None:
        handle = self.flow.handle
        lang = current_language()
        texts: list[str] = []
        if handle is not None:
            choices = self.flow.materials.choices
            texts = [
                info.commitment_text.get(lang)
                for info in handle.materials
                if info.commitment_text is not None
                and choices.get(info.code) == MaterialChoice.COMMITMENT.value
            ]
        self.signature_screen.render("\n".join(dict.fromkeys(texts)))
        self.owner.show(self.signature_screen)

    def back_from_signature(self) -> None:
        self.flow.materials.open_from_review()

    def signed(self, png: bytes) -> None:
        draft_id = self.flow.draft_id
        if draft_id is None:
            return

        def stored(sha: str) -> None:
            self.signed_sha = sha
            if self.owner.session.state is SessionState.REVIEWING:
                self.owner.session.sign(sha)
            self.show_review()

        self.calls.call(
            lambda journey: journey.set_signature(draft_id, png),
            stored,
            self.flow.error,
            name="signature",
        )

    # ------------------------------------------------------------------ review

    def show_review(self) -> None:
        draft_id = self.flow.draft_id
        if draft_id is None:
            return
        self.calls.call(
            lambda journey: journey.review(draft_id),
            self._render_review,
            self.flow.error,
            name="review",
        )

    def _render_review(self, model: ReviewModel) -> None:
        lang = current_language()
        materials = self.flow.materials
        rows = material_rows(model.materials, materials.choices, {}, materials.camera_available)
        texts = {row.code: materials.screen._status_text(row) for row in rows}
        self.review_screen.render(
            ReviewState(
                model.title.get(lang),
                review_sections(model, lang, texts),
                len(model.issues),
                model.signed,
                len(model.unresolved_materials),
            )
        )
        self.review_screen.submit_button.setEnabled(
            not model.issues and model.signed and not self.submitting
        )
        self.owner.show(self.review_screen)

    def edit(self, target: str) -> None:
        if target.startswith("page:"):
            self.flow.show_page(target.removeprefix("page:"))
        elif target == EditKind.DELIVERY.value:
            self.flow.show_page(None)
        elif target == EditKind.MATERIALS.value:
            self.flow.materials.open_from_review()
        else:
            draft_id = self.flow.draft_id
            self.signed_sha = None
            self.signature_screen.reset()
            if draft_id is not None:
                self.calls.call(
                    lambda journey: journey.clear_signature(draft_id),
                    None,
                    self.flow.error,
                    name="signature-clear",
                )
            self._show_signature()

    # ------------------------------------------------------------------ submit

    def submit(self) -> None:
        flow, owner = self.flow, self.owner
        draft_id, handle = flow.draft_id, flow.handle
        if self.submitting or draft_id is None or handle is None:
            return  # a double tap before the first answer came back
        self.submitting = True
        self.review_screen.submit_button.setEnabled(False)
        identity, lang = owner.session.identity, current_language()
        code = handle.matter_code or handle.bundle_code

        def committed(result: SubmitResult) -> None:
            self.submitting = False
            owner.services.on_submitted()  # wake the outbox sender
            if owner.session.state is not SessionState.SUBMITTED:
                owner.session.mark_submitted(result.tracking_number)
            self.matter_code = code
            self._done = (handle.on_the_spot, handle.time_limit_days, result)
            flow.reset()
            self._render_done(result.tracking_number, _outcome(result))
            owner.show(self.done_screen)
            owner.speak(self.done_screen.title.text())

        def failed(err: KioskError) -> None:
            self.submitting = False
            if isinstance(err, FormInvalidError):
                self.show_review()  # shows which answers need attention
                return
            self.review_screen.summary.set_plain(owner.message(err.key))
            self.review_screen.submit_button.setEnabled(True)

        self.calls.call(
            lambda journey: journey.submit(draft_id, identity, lang),
            committed,
            failed,
            name="submit",
        )

    # ------------------------------------------------------------------ done, reprint

    def _render_done(self, tracking: str, outcome: PrintOutcome | None) -> None:
        on_spot, days, result = self._done
        deadline = result.supplement_deadline.isoformat() if result.supplement_deadline else ""
        if outcome is None:
            state, key = PrintState.PRINTING, None
        elif outcome.printed:
            state, key = PrintState.PRINTED, None
        else:
            state, key = PrintState.FAILED, outcome.reason_key
        self.done_screen.render(
            DoneState(tracking, state, key, on_spot, 0 if on_spot else days, deadline)
        )

    def reprint(self) -> None:
        state = self.done_screen.state
        if state is None or not state.tracking_number:
            return
        tracking = state.tracking_number
        self._render_done(tracking, None)
        self.calls.call(
            lambda journey: journey.reprint(tracking),
            lambda outcome: self._render_done(tracking, outcome),
            lambda err: self._render_done(tracking, PrintOutcome(False, err.key)),
            name="reprint",
        )


def _outcome(result: SubmitResult) -> PrintOutcome:
    return PrintOutcome(result.printed, result.print_reason_key)
