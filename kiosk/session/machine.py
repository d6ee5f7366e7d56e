"""One resident's visit: state, the personal data it holds, and the wipe that drops it.

The session is the single owner of everything personal that the kiosk holds in memory during a
visit (identity, form values, references to captured materials and the signature, the case
number). Keeping it all here makes the privacy promise checkable: :meth:`Session.wipe` sets every
one of those fields back to empty and :meth:`Session.holds_personal_data` proves it.

Screens never mutate the session directly; controllers call the intent-named methods below,
which check the transition table in :mod:`kiosk.session.states` and raise
:class:`~kiosk.errors.SessionError` (params: ``action``, ``state`` — never personal data) when
the current state does not allow the action. Every action counts as activity for the idle timer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

from kiosk.errors import KioskError, SessionError
from kiosk.identity.model import Identity, IdentitySource
from kiosk.session.idle import NOTHING, Clock, IdleAction, IdleTimer, TickResult
from kiosk.session.states import (
    ANONYMOUS_STATES,
    DRAFT_STATES,
    JOURNEY_STATES,
    SessionState,
    can_go,
)

FormValue = str | int | float | bool | None


class DraftDisposer(Protocol):
    """The part of the draft store the session needs: drop an abandoned draft."""

    def delete_draft(self, draft_id: str) -> None: ...


class CardRemovalPolicy(StrEnum):
    CONTINUE = "continue"  # card removal is normal (ID cards are read, then taken away)
    ASK = "ask"  # pause and ask the resident whether to continue
    WIPE = "wipe"  # end the visit at once


class AssistKind(StrEnum):
    HELP = "help"  # 帮办: a community worker helps the resident at the kiosk
    PROXY = "proxy"  # 代办: the worker handles the matter on the resident's behalf


@dataclass(frozen=True, slots=True)
class Assistance:
    """Assisted mode. Only non-personal data: the worker's staff id and the mode."""

    worker_id: str
    kind: AssistKind
    started_at: float  # monotonic seconds


@dataclass(frozen=True, slots=True)
class SessionChange:
    previous: SessionState
    current: SessionState
    reason: str  # the action name, "idle_timeout", "card_removed", "assist_started", …


SessionListener = Callable[[SessionChange], None]

# ID cards leave the reader right after the read (the reader prompts 请取走身份证); social
# security cards sit in a contact reader for the whole visit, so their removal is a signal.
DEFAULT_CARD_REMOVAL: Mapping[IdentitySource, CardRemovalPolicy] = MappingProxyType(
    {
        IdentitySource.ID_CARD: CardRemovalPolicy.CONTINUE,
        IdentitySource.SOCIAL_SECURITY_CARD: CardRemovalPolicy.ASK,
        IdentitySource.SIMULATED: CardRemovalPolicy.ASK,
    }
)

_MAX_WORKER_ID = 32


class Session:
    """The resident journey as a state machine with idle wipe. Not thread-safe: GUI thread only.

    ``clock`` is monotonic seconds. ``state_timeouts`` lets slow steps (placing papers under the
    camera) wait longer before the warning. Listener exceptions propagate to the caller after
    the state has changed: a broken screen must be loud in tests, not silently out of step.
    """

    def __init__(
        self,
        clock: Clock,
        drafts: DraftDisposer,
        *,
        idle_timeout: float = 90.0,
        warning: float = 20.0,
        state_timeouts: Mapping[SessionState, float] | None = None,
        card_removal: Mapping[IdentitySource, CardRemovalPolicy] = DEFAULT_CARD_REMOVAL,
    ) -> None:
        self._clock = clock
        self._drafts = drafts
        self._timer = IdleTimer(clock, idle_timeout, warning)
        self._state_timeouts = dict(state_timeouts or {})
        self._card_removal = dict(card_removal)
        self._listeners: list[SessionListener] = []
        self.state = SessionState.IDLE
        self.assistance: Assistance | None = None
        # Drafts whose deletion failed (store down); retried at the next wipe. Ids only.
        self.pending_draft_deletions: list[str] = []
        # --- personal data: every field below is cleared by wipe() --------------------------
        self.identity: Identity | None = None
        self.matter_code: str | None = None
        self.draft_id: str | None = None
        self.draft_saved = False  # the resident chose "save and continue later"
        self.form_values: dict[str, FormValue] = {}
        self.material_refs: list[str] = []  # content-addressed attachment ids
        self.signature_ref: str | None = None
        self.case_number: str | None = None  # submitted case, or the one being rated/queried
        self.paused_from: SessionState | None = None

    # ------------------------------------------------------------------ listeners and timer

    def add_listener(self, listener: SessionListener) -> Callable[[], None]:
        """Subscribe to state changes; returns the function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def touch(self) -> None:
        """Resident activity (any touch on screen): restart the idle countdown."""
        self._timer.touch()

    def tick(self) -> TickResult:
        """Called by the UI timer: nothing, a warning with seconds left, or (done) a wipe."""
        if (
            self.state is SessionState.IDLE
            and not self.holds_personal_data()
            and self.assistance is None
        ):
            # The home screen never times out, but a worker's assisted mode left on it does:
            # otherwise the next resident's matter would be attributed to that worker.
            self._timer.touch()
            return NOTHING
        result = self._timer.check(self._state_timeouts.get(self.state))
        if result.action is IdleAction.WIPE:
            self.wipe("idle_timeout")
        return result

    # ------------------------------------------------------------------ anonymous services

    def browse(self) -> None:
        self._require_anonymous("browse")
        self._go(SessionState.BROWSING, "browse")

    def query_progress(self) -> None:
        self._require_anonymous("query_progress")
        self._go(SessionState.QUERYING, "query_progress")

    # ------------------------------------------------------------------ identification

    def identify(self, identity: Identity) -> None:
        """A card was read (or a number typed). From PAUSED the same person resumes."""
        if self.state is SessionState.PAUSED:
            if self.identity is None or identity.id_number != self.identity.id_number:
                raise SessionError("error.session.other_resident", action="identify")
            self.identity = identity
            self.resume()
            return
        self._check("identify", SessionState.IDENTIFIED)
        self.case_number = None  # an anonymous query's case number is not carried over
        self.identity = identity
        self._go(SessionState.IDENTIFIED, "identify")

    def card_removed(self) -> None:
        """The identifying card left the reader; what happens depends on its kind."""
        self.touch()
        if self.identity is None or self.state not in JOURNEY_STATES:
            return
        policy = self._card_removal.get(self.identity.source, CardRemovalPolicy.CONTINUE)
        if policy is CardRemovalPolicy.WIPE:
            self.wipe("card_removed")
        elif policy is CardRemovalPolicy.ASK:
            self.paused_from = self.state
            self._go(SessionState.PAUSED, "card_removed")

    def resume(self) -> None:
        """The resident confirmed "continue" after the pause."""
        if self.state is not SessionState.PAUSED or self.paused_from is None:
            raise SessionError(action="resume", state=self.state.value)
        target, self.paused_from = self.paused_from, None
        self._go(target, "resume")

    # ------------------------------------------------------------------ the matter

    def choose_matter(self) -> None:
        """Go to the matter list; from FILLING this abandons the current (unsaved) draft."""
        self._check("choose_matter", SessionState.CHOOSING)
        if self.state is SessionState.FILLING:
            self._close_draft()
            self._delete_pending_drafts()
        self.case_number = None
        self._go(SessionState.CHOOSING, "choose_matter")

    def open_matter(self, matter_code: str, draft_id: str, *, draft_saved: bool = False) -> None:
        """Open the form. ``draft_saved`` is True when resuming a draft saved on a past visit."""
        self._check("open_matter", SessionState.FILLING)
        self.matter_code = matter_code
        self.draft_id = draft_id
        self.draft_saved = draft_saved
        self.form_values = {}
        self._go(SessionState.FILLING, "open_matter")

    def set_form_values(self, values: Mapping[str, FormValue]) -> None:
        self._require({SessionState.FILLING}, "set_form_values")
        self.touch()
        self.form_values.update(values)

    def start_capture(self) -> None:
        self._check("start_capture", SessionState.CAPTURING)
        self._go(SessionState.CAPTURING, "start_capture")

    def add_material(self, ref: str) -> None:
        self._require({SessionState.CAPTURING}, "add_material")
        self.touch()
        self.material_refs.append(ref)

    def remove_material(self, ref: str) -> None:
        self._require({SessionState.CAPTURING, SessionState.REVIEWING}, "remove_material")
        self.touch()
        if ref in self.material_refs:
            self.material_refs.remove(ref)

    def back_to_form(self) -> None:
        self._check("back_to_form", SessionState.FILLING)
        self._go(SessionState.FILLING, "back_to_form")

    def start_review(self) -> None:
        self._check("start_review", SessionState.REVIEWING)
        self._go(SessionState.REVIEWING, "start_review")

    def sign(self, signature_ref: str) -> None:
        self._require({SessionState.REVIEWING}, "sign")
        self.touch()
        self.signature_ref = signature_ref

    def save_for_later(self) -> None:
        """The resident explicitly keeps the draft: a later wipe must not delete it."""
        self._require(DRAFT_STATES, "save_for_later")
        self.touch()
        self.draft_saved = True

    def mark_submitted(self, case_number: str) -> None:
        """The submission is committed locally; the draft became a submission (not deleted).

        The form values and material references now live in the store, so the session drops
        its copies at once; only the case number stays, for the receipt and the rating.
        """
        self._check("mark_submitted", SessionState.SUBMITTED)
        self.draft_id = None
        self.draft_saved = False
        self.form_values = {}
        self.material_refs = []
        self.signature_ref = None
        self.case_number = case_number
        self._go(SessionState.SUBMITTED, "mark_submitted")

    # ------------------------------------------------------------------ rating and the end

    def start_rating(self, case_number: str | None = None) -> None:
        """After a submission, or from home with the case number the resident entered."""
        self._check("start_rating", SessionState.RATING)
        if self.state is not SessionState.SUBMITTED:
            if not case_number:
                raise SessionError("error.session.case_number_required", action="start_rating")
            self.case_number = case_number
        self._go(SessionState.RATING, "start_rating")

    def finish_rating(self) -> None:
        """Rating sent or skipped: the visit is over."""
        self._require({SessionState.RATING}, "finish_rating")
        self.wipe("finish_rating")

    def end(self) -> None:
        """The resident pressed "exit" / "home" (or declined to continue after a pause)."""
        self.wipe("end")

    # ------------------------------------------------------------------ assisted mode

    def start_assisted(self, worker_id: str, kind: AssistKind = AssistKind.HELP) -> None:
        """Record that a community worker (帮办/代办) is operating; ends with the next wipe."""
        worker = worker_id.strip()
        if not worker or len(worker) > _MAX_WORKER_ID or not worker.isprintable():
            raise SessionError("error.session.worker_id", action="start_assisted")
        self.touch()
        self.assistance = Assistance(worker, kind, self._clock())
        self._notify(self.state, "assist_started")

    def end_assisted(self) -> None:
        self.touch()
        if self.assistance is not None:
            self.assistance = None
            self._notify(self.state, "assist_ended")

    # ------------------------------------------------------------------ wipe

    def holds_personal_data(self) -> bool:
        return bool(
            self.identity is not None
            or self.matter_code is not None
            or self.draft_id is not None
            or self.form_values
            or self.material_refs
            or self.signature_ref is not None
            or self.case_number is not None
            or self.paused_from is not None
        )

    def wipe(self, reason: str = "wipe") -> None:
        """Drop every piece of personal data and go home; delete the draft unless kept.

        Memory is cleared *before* the store is asked to delete the draft, so a failing store
        can never keep personal data on screen; a failed deletion is remembered (draft id only)
        and retried at the next wipe.
        """
        self._close_draft()
        self.identity = None
        self.case_number = None
        self.paused_from = None
        self.assistance = None
        self._delete_pending_drafts()
        self._timer.touch()
        self._go(SessionState.IDLE, reason)

    # ------------------------------------------------------------------ internals

    def _close_draft(self) -> None:
        draft, keep = self.draft_id, self.draft_saved
        self.matter_code = None
        self.draft_id = None
        self.draft_saved = False
        self.form_values = {}
        self.material_refs = []
        self.signature_ref = None
        if draft is not None and not keep:
            self.pending_draft_deletions.append(draft)

    def _delete_pending_drafts(self) -> None:
        pending, self.pending_draft_deletions = self.pending_draft_deletions, []
        for draft in pending:
            try:
                self._drafts.delete_draft(draft)
            except KioskError:
                self.pending_draft_deletions.append(draft)

    def _require_anonymous(self, action: str) -> None:
        if self.identity is not None or self.state not in ANONYMOUS_STATES:
            raise SessionError(action=action, state=self.state.value)

    def _require(self, states: frozenset[SessionState] | set[SessionState], action: str) -> None:
        if self.state not in states:
            raise SessionError(action=action, state=self.state.value)

    def _check(self, action: str, target: SessionState) -> None:
        # PAUSED leads back only through resume() (or identify() with the same card) and
        # the wipe: the table lists where a resume may land, not what a paused visit may do.
        if self.state is SessionState.PAUSED or not can_go(self.state, target):
            raise SessionError(action=action, state=self.state.value)

    def _go(self, target: SessionState, reason: str) -> None:
        self._timer.touch()
        previous, self.state = self.state, target
        self._notify(previous, reason)

    def _notify(self, previous: SessionState, reason: str) -> None:
        change = SessionChange(previous, self.state, reason)
        for listener in list(self._listeners):
            listener(change)
