"""Stateful property: whatever a resident (or a flaky card) does, a wipe leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from kiosk.errors import SessionError
from kiosk.identity import IdentitySource, identity_from_fields
from kiosk.session import IdleAction, Session, SessionState
from tests.core.test_session import FakeClock, FakeDrafts

TODAY = dt.date(2025, 6, 1)
NUMBERS = ["11010519491231002X", "440524188001010014"]
SOURCES = [IdentitySource.ID_CARD, IdentitySource.SOCIAL_SECURITY_CARD, IdentitySource.MANUAL]
text = st.text(min_size=1, max_size=8)


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.drafts = FakeDrafts()
        self.session = Session(self.clock, self.drafts)
        self.next_draft = 0
        # drafts the model expects to be deleted at the next wipe / matter change
        self.unsaved_open: str | None = None

    def attempt(self, action: Callable[[], object]) -> None:
        """Invalid transitions must raise SessionError and change nothing."""
        before = self.session.state
        try:
            action()
        except SessionError:
            assert self.session.state is before

    @rule(number=st.sampled_from(NUMBERS), source=st.sampled_from(SOURCES))
    def identify(self, number: str, source: IdentitySource) -> None:
        identity = identity_from_fields(source, number, name="张三", address="某路1号", today=TODAY)
        self.attempt(lambda: self.session.identify(identity))

    @rule(source=st.sampled_from(SOURCES), saved=st.booleans())
    def walk_to_a_form(self, source: IdentitySource, saved: bool) -> None:
        """Shortcut so that deep states (capturing, reviewing, submitted) are visited often."""
        if self.session.state is SessionState.IDLE:
            self.identify(NUMBERS[0], source)
            self.choose_matter()
            self.open_matter(saved)

    @rule()
    def browse(self) -> None:
        self.attempt(self.session.browse)

    @rule()
    def query_progress(self) -> None:
        self.attempt(self.session.query_progress)

    @rule()
    def choose_matter(self) -> None:
        was_filling = self.session.state is SessionState.FILLING
        self.attempt(self.session.choose_matter)
        if was_filling and self.unsaved_open is not None:
            assert self.unsaved_open in self.drafts.deleted
            self.unsaved_open = None

    @rule(saved=st.booleans())
    def open_matter(self, saved: bool) -> None:
        draft = f"draft-{self.next_draft}"
        before = self.session.state
        self.attempt(lambda: self.session.open_matter("370100-001", draft, draft_saved=saved))
        if self.session.state is not before:
            self.next_draft += 1
            self.unsaved_open = None if saved else draft

    @rule(key=text, value=text)
    def set_form_values(self, key: str, value: str) -> None:
        self.attempt(lambda: self.session.set_form_values({key: value}))

    @rule()
    def start_capture(self) -> None:
        self.attempt(self.session.start_capture)

    @rule(ref=text)
    def add_material(self, ref: str) -> None:
        self.attempt(lambda: self.session.add_material(ref))

    @rule()
    def back_to_form(self) -> None:
        self.attempt(self.session.back_to_form)

    @rule()
    def start_review(self) -> None:
        self.attempt(self.session.start_review)

    @rule(ref=text)
    def sign(self, ref: str) -> None:
        self.attempt(lambda: self.session.sign(ref))

    @rule()
    def save_for_later(self) -> None:
        self.attempt(self.session.save_for_later)
        if self.session.draft_saved:
            self.unsaved_open = None

    @rule(case=text)
    def mark_submitted(self, case: str) -> None:
        before = self.session.state
        self.attempt(lambda: self.session.mark_submitted(case))
        if self.session.state is not before:
            self.unsaved_open = None  # became a submission

    @rule(case=st.none() | text)
    def start_rating(self, case: str | None) -> None:
        self.attempt(lambda: self.session.start_rating(case))

    @rule()
    def card_removed(self) -> None:
        self.attempt(self.session.card_removed)

    @rule()
    def resume(self) -> None:
        self.attempt(self.session.resume)

    @rule(worker=st.sampled_from(["W001", "W002"]))
    def assisted(self, worker: str) -> None:
        self.attempt(lambda: self.session.start_assisted(worker))

    @rule(seconds=st.floats(0, 200))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)
        if self.session.tick().action is IdleAction.WIPE:
            self.check_wiped()

    @rule(how=st.sampled_from(["end", "idle", "rating"]))
    def wipe(self, how: str) -> None:
        if how == "end":
            self.session.end()
        elif how == "rating" and self.session.state is SessionState.RATING:
            self.session.finish_rating()
        else:
            self.clock.advance(111)
            result = self.session.tick()
            if self.session.state is not SessionState.IDLE:
                raise AssertionError(f"no wipe after 111 s idle: {result}")
        self.check_wiped()

    def check_wiped(self) -> None:
        s = self.session
        assert s.state is SessionState.IDLE
        assert not s.holds_personal_data()
        assert s.identity is None and s.form_values == {} and s.material_refs == []
        assert s.signature_ref is None and s.case_number is None and s.draft_id is None
        assert s.assistance is None and s.paused_from is None
        if self.unsaved_open is not None:
            assert self.unsaved_open in self.drafts.deleted
        self.unsaved_open = None

    @invariant()
    def idle_holds_nothing(self) -> None:
        if self.session.state is SessionState.IDLE:
            assert not self.session.holds_personal_data()

    @invariant()
    def anonymous_states_hold_no_identity(self) -> None:
        if self.session.state in (SessionState.BROWSING, SessionState.QUERYING):
            assert self.session.identity is None

    @invariant()
    def paused_exactly_when_paused_from_is_set(self) -> None:
        assert (self.session.state is SessionState.PAUSED) == (self.session.paused_from is not None)

    @invariant()
    def saved_drafts_are_never_deleted(self) -> None:
        # draft ids are unique, so a deletion is always of an unsaved one
        assert len(self.drafts.deleted) == len(set(self.drafts.deleted))


SessionMachine.TestCase.settings = settings(max_examples=200, stateful_step_count=40)
TestSessionMachine = SessionMachine.TestCase
