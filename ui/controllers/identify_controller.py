"""Identify: the card reader's events, manual entry of the ID number, "please take your card".

The reader runs on its own thread behind :class:`ui.device_bridge.CardReaderBridge`, whose
signals arrive here on the GUI thread. A read card either identifies the session (then the
resident picks a matter) or, when the progress screen asked for it, queries that resident's
cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.errors import IdentityError, KioskError, SessionError
from kiosk.identity import Identity, IdentitySource, manual_identity
from kiosk.identity.masking import mask_name
from kiosk.session import SessionState
from ui.screens.identify import IdentifyScreen, IdentifyStage, IdentifyState

if TYPE_CHECKING:
    from ui.controllers.journey_controller import JourneyController

_TAKE_CARD_SOURCES = {IdentitySource.ID_CARD, IdentitySource.SIMULATED}
READER_OFFLINE = "error.card.reader_offline"


class IdentifyController:
    def __init__(self, owner: JourneyController) -> None:
        self.owner = owner
        self.screen = IdentifyScreen()
        owner.window.add_screen(self.screen)
        self._then: str | None = None
        s = self.screen
        s.manualRequested.connect(lambda: self._render(IdentifyStage.MANUAL))
        s.manualSubmitted.connect(self.manual_identify)
        s.retryRequested.connect(lambda: self._render(IdentifyStage.WAITING))
        s.continueRequested.connect(self._identified)
        s.homeRequested.connect(owner.end_visit)
        b = owner.bridge
        b.identityRead.connect(self.card_read)
        b.readFailed.connect(self.card_failed)
        b.removed.connect(self.card_removed)
        b.inserted.connect(self.card_inserted)
        b.statusChanged.connect(self.reader_status)

    def reset(self) -> None:
        self._then = None
        self.screen.render(IdentifyState(reader_offline=self._reader_offline()))
        self.screen.id_field.clear()

    def _reader_offline(self) -> bool:
        try:
            return bool(self.owner.bridge.status().state.value == "offline")
        except KioskError:
            return True

    def _render(self, stage: IdentifyStage, **kw: Any) -> None:
        self.screen.render(IdentifyState(stage=stage, reader_offline=self._reader_offline(), **kw))

    def begin(self, then: str) -> None:
        """Home tile: identify first (unless already), then ``then`` ("matter" | "bundles")."""
        self._then = then
        owner = self.owner
        if owner.session.identity is not None:
            self._identified()
            return
        self._render(IdentifyStage.WAITING)
        owner.show(self.screen)
        owner.speak(self.screen.guidance.plain)

    # ------------------------------------------------------------------ reader events

    def card_inserted(self) -> None:
        if self.owner.window.current_screen is self.screen:
            self._render(IdentifyStage.READING)

    def card_failed(self, error: KioskError) -> None:
        owner = self.owner
        owner.activity()
        if owner.window.current_screen in (self.screen, owner.home):
            self._render(IdentifyStage.ERROR, error_key=error.key)
            owner.show(self.screen)
            owner.speak(self.screen.error.plain)

    def reader_status(self, status: Any) -> None:
        state = self.screen.state
        if self.owner.window.current_screen is self.screen and state is not None:
            offline = status.state.value == "offline"
            # A card error (unsupported card, …) stays until the resident tries again: a
            # report of a ready reader must not leave "Try again" without its reason.
            kept = state.error_key if state.error_key != READER_OFFLINE else None
            self.screen.render(
                IdentifyState(
                    stage=state.stage,
                    reader_offline=offline,
                    error_key=READER_OFFLINE if offline else kept,
                )
            )

    def card_read(self, identity: Identity) -> None:
        owner = self.owner
        owner.activity()
        if owner.progress_query.wants_card():
            owner.progress_query.card_read(identity)
            return
        session = owner.session
        if session.state is SessionState.PAUSED:
            try:
                session.identify(identity)
            except SessionError as err:
                message = owner.window.paused_overlay.message
                message.set_plain(message.plain + "\n" + owner.message(err.key))
            return
        if session.identity is not None:
            return  # already identified; a second card mid-visit is ignored
        try:
            session.identify(identity)
        except SessionError:
            return
        if identity.source in _TAKE_CARD_SOURCES:
            self.screen.render(
                IdentifyState(stage=IdentifyStage.TAKE_CARD, greeting_name=mask_name(identity.name))
            )
            owner.show(self.screen)
            owner.speak(self.screen.take_title.plain)
        else:
            self._identified()

    def manual_identify(self, text: str) -> None:
        try:
            identity = manual_identity(text.strip().upper())
        except IdentityError as err:
            self._render(IdentifyStage.MANUAL, manual_error_key=err.key)
            return
        self.owner.session.identify(identity)
        self._identified()

    def card_removed(self) -> None:
        state = self.screen.state
        if (
            self.owner.window.current_screen is self.screen
            and state is not None
            and state.stage is IdentifyStage.TAKE_CARD
        ):
            self._identified()
            return
        self.owner.session.card_removed()

    def _identified(self) -> None:
        if self.owner.session.identity is None:
            self._render(IdentifyStage.WAITING)
            return
        then, self._then = self._then or "matter", None
        self.owner.chooser.after_identified(bundles=then == "bundles")
