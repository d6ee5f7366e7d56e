"""The resident journey state machine, idle warning/wipe, card removal and assisted mode."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.errors import ConfigError, SessionError, StoreError
from kiosk.identity import IdentitySource, identity_from_fields
from kiosk.identity.model import Identity
from kiosk.session import (
    ALLOWED,
    AssistKind,
    CardRemovalPolicy,
    IdleAction,
    Session,
    SessionChange,
    SessionState,
    TickResult,
    can_go,
)

S = SessionState
TODAY = dt.date(2025, 6, 1)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeDrafts:
    """Records deletions; can be switched to fail like a store on a full/readonly disk."""

    def __init__(self) -> None:
        self.deleted: list[str] = []
        self.failing = False

    def delete_draft(self, draft_id: str) -> None:
        if self.failing:
            raise StoreError("error.store")
        self.deleted.append(draft_id)


def resident(source: IdentitySource = IdentitySource.ID_CARD, number: str = "") -> Identity:
    return identity_from_fields(source, number or "11010519491231002X", name="张三", today=TODAY)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def drafts() -> FakeDrafts:
    return FakeDrafts()


@pytest.fixture
def session(clock: FakeClock, drafts: FakeDrafts) -> Session:
    return Session(clock, drafts)


def to_filling(session: Session, source: IdentitySource = IdentitySource.ID_CARD) -> None:
    session.identify(resident(source))
    session.choose_matter()
    session.open_matter("370100-001", "draft-1")


def state_of(session: Session) -> SessionState:
    """Read the state without mypy narrowing it across method calls that change it."""
    return session.state


def assert_wiped(session: Session) -> None:
    assert session.state is S.IDLE
    assert not session.holds_personal_data()
    assert session.identity is None
    assert session.form_values == {}
    assert session.material_refs == []
    assert session.signature_ref is None
    assert session.case_number is None
    assert session.draft_id is None
    assert session.matter_code is None
    assert session.assistance is None


# ------------------------------------------------------------------------------ the journey


def test_full_journey(session: Session, drafts: FakeDrafts) -> None:
    changes: list[SessionChange] = []
    session.add_listener(changes.append)
    to_filling(session)
    session.set_form_values({"phone": "13876543210", "copies": 2})
    session.start_capture()
    session.add_material("sha256:aa")
    session.back_to_form()
    session.set_form_values({"copies": 3})
    session.start_capture()
    session.start_review()
    session.sign("sha256:sig")
    session.mark_submitted("JN2025060100001")
    assert session.case_number == "JN2025060100001"
    assert session.form_values == {} and session.material_refs == []
    assert session.identity is not None  # still needed for "another matter"
    session.start_rating()
    session.finish_rating()
    assert_wiped(session)
    assert drafts.deleted == []  # the draft became a submission, never deleted
    assert [(c.previous, c.current) for c in changes] == [
        (S.IDLE, S.IDENTIFIED),
        (S.IDENTIFIED, S.CHOOSING),
        (S.CHOOSING, S.FILLING),
        (S.FILLING, S.CAPTURING),
        (S.CAPTURING, S.FILLING),
        (S.FILLING, S.CAPTURING),
        (S.CAPTURING, S.REVIEWING),
        (S.REVIEWING, S.SUBMITTED),
        (S.SUBMITTED, S.RATING),
        (S.RATING, S.IDLE),
    ]
    assert changes[-1].reason == "finish_rating"


def test_review_edits_and_another_matter(session: Session, drafts: FakeDrafts) -> None:
    to_filling(session)
    session.start_review()
    session.back_to_form()
    session.start_review()
    session.start_capture()
    session.start_review()
    session.mark_submitted("C1")
    session.choose_matter()
    assert session.case_number is None
    session.open_matter("370100-002", "draft-2")
    assert session.state is S.FILLING
    assert session.identity is not None


def test_change_matter_discards_unsaved_draft(session: Session, drafts: FakeDrafts) -> None:
    to_filling(session)
    session.set_form_values({"a": 1})
    session.choose_matter()
    assert drafts.deleted == ["draft-1"]
    assert session.form_values == {} and session.draft_id is None
    session.open_matter("370100-002", "draft-2", draft_saved=True)
    session.choose_matter()
    assert drafts.deleted == ["draft-1"]  # a draft saved on an earlier visit is kept


def test_anonymous_services(session: Session) -> None:
    session.browse()
    session.query_progress()
    session.browse()
    with pytest.raises(SessionError) as caught:
        session.start_rating()
    assert caught.value.key == "error.session.case_number_required"
    session.start_rating("JN-1")
    assert session.state is S.RATING and session.case_number == "JN-1"
    session.finish_rating()
    assert_wiped(session)
    session.query_progress()
    session.identify(resident())
    assert state_of(session) is S.IDENTIFIED


# ------------------------------------------------------------------------ invalid transitions


@pytest.mark.parametrize(
    "action",
    [
        lambda s: s.choose_matter(),
        lambda s: s.open_matter("m", "d"),
        lambda s: s.start_capture(),
        lambda s: s.start_review(),
        lambda s: s.mark_submitted("c"),
        lambda s: s.set_form_values({"a": 1}),
        lambda s: s.add_material("r"),
        lambda s: s.sign("r"),
        lambda s: s.save_for_later(),
        lambda s: s.finish_rating(),
        lambda s: s.resume(),
        lambda s: s.back_to_form(),
    ],
)
def test_invalid_from_idle(session: Session, action: object) -> None:
    with pytest.raises(SessionError) as caught:
        action(session)  # type: ignore[operator]
    assert caught.value.key == "error.session.invalid_transition"
    assert caught.value.params["state"] == "idle"
    assert session.state is S.IDLE


def test_invalid_transitions_carry_no_personal_data(session: Session) -> None:
    to_filling(session)
    with pytest.raises(SessionError) as caught:
        session.mark_submitted("C1")
    assert dict(caught.value.params) == {"action": "mark_submitted", "state": "filling"}
    assert "张三" not in repr(caught.value) and "11010519491231002X" not in str(caught.value)
    with pytest.raises(SessionError):
        session.identify(resident())  # a second card mid-journey
    with pytest.raises(SessionError):
        session.browse()  # anonymous services need an anonymous session
    assert session.state is S.FILLING


def test_transition_table_is_consistent() -> None:
    assert set(ALLOWED) == set(SessionState)
    for source, targets in ALLOWED.items():
        assert source not in targets
        assert can_go(source, S.IDLE)
    assert not can_go(S.IDLE, S.FILLING)
    assert not can_go(S.CHOOSING, S.REVIEWING)


# ----------------------------------------------------------------------------- idle timeout


def test_idle_warning_then_continue(session: Session, clock: FakeClock) -> None:
    to_filling(session)
    clock.advance(89.9)
    assert session.tick() == TickResult(IdleAction.NONE)
    clock.advance(0.1)
    assert session.tick() == TickResult(IdleAction.WARN, 20)
    clock.advance(15.5)
    assert session.tick() == TickResult(IdleAction.WARN, 5)
    session.touch()  # "continue"
    assert session.tick().action is IdleAction.NONE
    clock.advance(89)
    assert session.tick().action is IdleAction.NONE
    assert session.state is S.FILLING and session.identity is not None


def test_idle_wipe_clears_everything_and_deletes_unsaved_draft(
    session: Session, clock: FakeClock, drafts: FakeDrafts
) -> None:
    changes: list[SessionChange] = []
    session.add_listener(changes.append)
    to_filling(session)
    session.set_form_values({"phone": "13876543210"})
    session.start_capture()
    session.add_material("sha256:aa")
    session.start_assisted("W001")
    clock.advance(110)
    assert session.tick() == TickResult(IdleAction.WIPE)
    assert_wiped(session)
    assert drafts.deleted == ["draft-1"]
    assert changes[-1] == SessionChange(S.CAPTURING, S.IDLE, "idle_timeout")
    clock.advance(1000)
    assert session.tick().action is IdleAction.NONE  # home never times out


def test_idle_wipe_keeps_a_draft_saved_for_later(
    session: Session, clock: FakeClock, drafts: FakeDrafts
) -> None:
    to_filling(session)
    session.start_review()
    session.sign("sha256:sig")
    session.save_for_later()
    clock.advance(200)
    assert session.tick().action is IdleAction.WIPE
    assert_wiped(session)
    assert drafts.deleted == []


def test_custom_and_per_state_timeouts(clock: FakeClock, drafts: FakeDrafts) -> None:
    session = Session(clock, drafts, idle_timeout=30, warning=5, state_timeouts={S.CAPTURING: 120})
    to_filling(session)
    clock.advance(30)
    assert session.tick() == TickResult(IdleAction.WARN, 5)
    session.start_capture()
    clock.advance(100)
    assert session.tick().action is IdleAction.NONE
    clock.advance(25)
    assert session.tick().action is IdleAction.WIPE


def test_anonymous_browsing_times_out_home(session: Session, clock: FakeClock) -> None:
    session.browse()
    clock.advance(110)
    assert session.tick().action is IdleAction.WIPE
    assert session.state is S.IDLE


@pytest.mark.parametrize(("idle", "warn"), [(0, 20), (-1, 20), (90, -1), (float("nan"), 1)])
def test_invalid_timeouts_are_config_errors(
    clock: FakeClock, drafts: FakeDrafts, idle: float, warn: float
) -> None:
    with pytest.raises(ConfigError):
        Session(clock, drafts, idle_timeout=idle, warning=warn)


def test_failed_draft_deletion_still_wipes_and_is_retried(
    session: Session, drafts: FakeDrafts
) -> None:
    to_filling(session)
    drafts.failing = True
    session.end()
    assert_wiped(session)
    assert session.pending_draft_deletions == ["draft-1"]
    drafts.failing = False
    session.end()
    assert drafts.deleted == ["draft-1"]
    assert session.pending_draft_deletions == []


# ------------------------------------------------------------------------------ card removal


def test_id_card_removal_is_normal(session: Session) -> None:
    to_filling(session, IdentitySource.ID_CARD)
    session.card_removed()
    assert session.state is S.FILLING


def test_social_security_card_removal_pauses_then_continues(session: Session) -> None:
    to_filling(session, IdentitySource.SOCIAL_SECURITY_CARD)
    session.start_capture()
    session.card_removed()
    assert session.state is S.PAUSED
    assert session.paused_from is S.CAPTURING
    session.resume()
    assert state_of(session) is S.CAPTURING and session.paused_from is None


def test_pause_resumes_by_reinserting_the_same_card_only(
    session: Session, drafts: FakeDrafts
) -> None:
    to_filling(session, IdentitySource.SOCIAL_SECURITY_CARD)
    session.card_removed()
    with pytest.raises(SessionError) as caught:
        session.identify(resident(IdentitySource.SOCIAL_SECURITY_CARD, "440524188001010014"))
    assert caught.value.key == "error.session.other_resident"
    session.identify(resident(IdentitySource.SOCIAL_SECURITY_CARD))
    assert session.state is S.FILLING
    session.card_removed()
    session.end()  # the resident declined to continue
    assert_wiped(session)
    assert drafts.deleted == ["draft-1"]


@pytest.mark.parametrize(
    "action",
    ["choose_matter", "start_capture", "start_review", "back_to_form", "start_rating"],
)
def test_a_paused_visit_only_resumes_or_ends(
    session: Session, drafts: FakeDrafts, action: str
) -> None:
    """While the card is out nobody may carry on: the unsaved draft must not be orphaned."""
    to_filling(session, IdentitySource.SOCIAL_SECURITY_CARD)
    session.set_form_values({"applicant_name": "张三"})
    session.card_removed()
    with pytest.raises(SessionError) as caught:
        getattr(session, action)()
    assert dict(caught.value.params) == {"action": action, "state": "paused"}
    assert session.state is S.PAUSED and session.paused_from is S.FILLING
    session.end()
    assert_wiped(session)
    assert drafts.deleted == ["draft-1"]


def test_unanswered_pause_times_out(session: Session, clock: FakeClock) -> None:
    to_filling(session, IdentitySource.SOCIAL_SECURITY_CARD)
    session.card_removed()
    clock.advance(110)
    assert session.tick().action is IdleAction.WIPE
    assert_wiped(session)


def test_card_removal_policy_wipe(clock: FakeClock, drafts: FakeDrafts) -> None:
    session = Session(clock, drafts, card_removal={IdentitySource.ID_CARD: CardRemovalPolicy.WIPE})
    to_filling(session)
    session.card_removed()
    assert_wiped(session)
    assert drafts.deleted == ["draft-1"]


def test_card_removal_without_identity_is_ignored(session: Session) -> None:
    session.browse()
    session.card_removed()
    assert session.state is S.BROWSING


# ----------------------------------------------------------------------------- assisted mode


def test_assisted_mode_records_worker_and_ends_with_wipe(session: Session) -> None:
    changes: list[SessionChange] = []
    unsubscribe = session.add_listener(changes.append)
    session.start_assisted(" W0042 ", AssistKind.PROXY)
    assert session.assistance is not None
    assert session.assistance.worker_id == "W0042"
    assert session.assistance.kind is AssistKind.PROXY
    assert session.assistance.started_at == 1000.0
    assert changes[-1] == SessionChange(S.IDLE, S.IDLE, "assist_started")
    to_filling(session)
    session.end_assisted()
    assert session.assistance is None
    session.start_assisted("W0042")
    session.end()
    assert session.assistance is None
    unsubscribe()
    count = len(changes)
    session.browse()
    assert len(changes) == count


@pytest.mark.parametrize("worker", ["", "   ", "x" * 33, "W\n1"])
def test_invalid_worker_id(session: Session, worker: str) -> None:
    with pytest.raises(SessionError) as caught:
        session.start_assisted(worker)
    assert caught.value.key == "error.session.worker_id"
    assert session.assistance is None
