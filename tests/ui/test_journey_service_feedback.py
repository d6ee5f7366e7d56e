"""Journey service: 好差评, 找茬, progress query, save for later, idle wipe, threads."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from config.settings import Settings
from kiosk.errors import NotFoundError, ValidationError
from kiosk.ports.platform import CaseProgress, PlatformTransientError
from kiosk.services.catalog import CatalogService
from kiosk.services.journey import (
    JourneyService,
    PerThreadStores,
    RatingDuplicateError,
    WeekendCalendar,
    add_working_days,
    load_rating_scheme,
)
from kiosk.session import Session, SessionState
from kiosk.store import Store, make_tracking_number
from tests.ui.test_journey_service_support import (
    SALT,
    FakeClock,
    FakePrinter,
    jpeg,
    make_service,
    resident,
    submitted_case,
)

EMPLOYMENT = "370102-JY-002"


@pytest.fixture
def service(store: Store, clock: FakeClock) -> JourneyService:
    return make_service(store, clock, FakePrinter())


# -- rating scheme and calendar --------------------------------------------------------------
def test_scheme_has_the_national_levels_and_indicators() -> None:
    scheme = load_rating_scheme()
    assert [lv.label.zh for lv in scheme.levels] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert [lv.level for lv in scheme.levels] == [5, 4, 3, 2, 1]
    assert [i.label.zh for i in scheme.indicators] == ["服务效率", "服务水平", "服务态度"]
    assert scheme.overall.label.zh == "总体满意度"
    assert scheme.reasons_allowed(3) and not scheme.reasons_allowed(4)
    assert len({lv.icon for lv in scheme.levels}) == 5  # a distinct face for each level


def test_working_days_skip_weekends_and_holidays() -> None:
    friday = date(2025, 9, 26)
    plain = WeekendCalendar()
    assert add_working_days(friday, 0, plain) == friday
    assert add_working_days(friday, 1, plain) == date(2025, 9, 29)
    national_day = WeekendCalendar.of(
        holidays=[date(2025, 10, d) for d in range(1, 9)],
        extra_working_days=[date(2025, 9, 28), date(2025, 10, 11)],  # 调休 Sunday / Saturday
    )
    assert add_working_days(friday, 1, national_day) == date(2025, 9, 28)
    assert add_working_days(friday, 3, national_day) == date(2025, 9, 30)
    assert add_working_days(friday, 4, national_day) == date(2025, 10, 9)
    with pytest.raises(ValueError):
        add_working_days(friday, -1, plain)


def test_supplement_deadline_uses_the_injected_calendar(store: Store, clock: FakeClock) -> None:
    holidays = WeekendCalendar.of(holidays=[date(2025, 3, 17)])
    service = make_service(store, clock, FakePrinter(), calendar=holidays)
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    proof = next(m for m in handle.materials if m.code == "employment_proof")
    # 15 working days from Friday 2025-03-14 is 2025-04-04; one holiday pushes it a day.
    assert proof.supplement_deadline == date(2025, 4, 7)


# -- rating ------------------------------------------------------------------------------------
def test_rate_once_per_case(service: JourneyService, store: Store) -> None:
    number = submitted_case(service)
    result = service.rate(number, None, 5, {"efficiency": 5, "skill": 4, "attitude": 5})
    assert result.follow_up_by is None
    rating = store.ratings.for_case(number)
    assert rating is not None and rating.matter_code == EMPLOYMENT and rating.anonymous
    assert rating.indicators == {"efficiency": 5, "skill": 4, "attitude": 5}
    with pytest.raises(RatingDuplicateError):
        service.rate(number, EMPLOYMENT, 1)


def test_bad_rating_gets_reasons_and_a_follow_up_date(service: JourneyService) -> None:
    number = submitted_case(service)
    result = service.rate(
        number,
        None,
        2,
        reasons=["long_wait", "unclear_guidance"],
        anonymous=False,
        contact="13800138000",
    )
    assert result.follow_up_by == date(2025, 3, 21)  # 5 working days after Friday 03-14


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"level": 4, "reasons": ["long_wait"]}, "error.rating.reasons_not_allowed"),
        ({"level": 3, "reasons": ["made_up"]}, "error.rating.unknown_reason"),
        ({"level": 6}, "error.rating.level"),
        ({"level": 5, "indicators": {"speed": 5}}, "error.rating.unknown_indicator"),
        ({"level": 5, "indicators": {"efficiency": 0}}, "error.rating.indicator_score"),
        ({"level": 5, "contact": "13800138000"}, "error.rating.contact_needs_real_name"),
    ],
)
def test_rating_rules(service: JourneyService, kwargs: dict[str, object], key: str) -> None:
    number = submitted_case(service)
    with pytest.raises(ValidationError) as err:
        service.rate(number, None, **kwargs)  # type: ignore[arg-type]
    assert err.value.key == key


def test_rate_from_home_needs_a_valid_number_and_a_known_matter(service: JourneyService) -> None:
    other_station = make_tracking_number("LX07", date(2025, 3, 1), 12)
    typo = other_station[:-1] + str((int(other_station[-1]) + 1) % 10)
    with pytest.raises(ValidationError, match="invalid_tracking_number"):
        service.rate(typo, None, 5)
    with pytest.raises(ValidationError, match="matter_unknown"):
        service.rate(other_station, None, 5)
    assert service.rate(other_station, "370102-SB-001", 4).rating_id > 0


# -- complaints and progress -------------------------------------------------------------------
def test_complaint_with_photo(service: JourneyService, store: Store) -> None:
    cid = service.complain("窗口排队太久", photo_jpeg=jpeg(3))
    complaint = store.complaints.get(cid)
    assert complaint.anonymous and len(complaint.photos) == 1
    with pytest.raises(ValidationError, match="empty"):
        service.complain("   ")
    with pytest.raises(ValidationError, match="contact_needs_real_name"):
        service.complain("x", contact="13800138000")


def test_progress_local_then_from_the_cache(service: JourneyService, store: Store) -> None:
    number = submitted_case(service)
    local = service.progress(number.lower())
    assert local is not None and local.source == "local" and local.status == "submitted"
    store.status.upsert(number, "accepted", [{"status": "accepted", "at": "2025-03-14T03:00Z"}])
    cached = service.progress(number)
    assert cached is not None and cached.source == "cache" and cached.status == "accepted"
    assert [p.tracking_number for p in service.progress_for(resident())] == [number]
    assert service.progress(make_tracking_number("LX01", date(2025, 3, 14), 99)) is None
    with pytest.raises(ValidationError):
        service.progress("not-a-number")


class FakeLiveCases:
    """The platform's case lookup: answers from a dict, or fails like an offline platform."""

    def __init__(self) -> None:
        self.cases: dict[str, CaseProgress] = {}
        self.offline = False
        self.calls: list[tuple[str | None, str | None]] = []

    def __call__(
        self, *, tracking_number: str | None = None, resident_key: str | None = None
    ) -> list[CaseProgress]:
        self.calls.append((tracking_number, resident_key))
        if self.offline:
            raise PlatformTransientError("error.platform.unreachable")
        if tracking_number is not None:
            return [c for c in self.cases.values() if c.tracking_number == tracking_number]
        return list(self.cases.values())


def test_progress_asks_the_platform_when_online_and_keeps_the_answer(
    store: Store, clock: FakeClock
) -> None:
    live = FakeLiveCases()
    service = JourneyService(
        store,
        CatalogService.from_store(store),
        FakePrinter(),
        Settings(),
        clock,
        SALT,
        live_cases=live,
    )
    number = submitted_case(service)
    approved = (
        {"status": "received", "at": "2025-03-14T02:00Z"},
        {"status": "approved", "at": "2025-03-15T02:00Z"},
    )
    live.cases[number] = CaseProgress(number, None, "approved", approved)
    online = service.progress(number.lower())
    assert online is not None and online.status == "approved"
    assert live.calls[-1] == (number, None)  # asked with the canonical number
    live.offline = True  # the network goes away: the last answer stays available
    offline = service.progress(number)
    assert offline is not None and offline.status == "approved" and offline.source == "cache"
    live.offline = False
    by_card = service.progress_for(resident())
    assert [p.status for p in by_card] == ["approved"]
    assert live.calls[-1] == (None, service.resident_key(resident()))


# -- save for later, wipe, session -------------------------------------------------------------
def test_saved_draft_survives_the_wipe_and_resumes(service: JourneyService, store: Store) -> None:
    kept = service.start(resident(), EMPLOYMENT, "zh_CN")
    service.autosave(kept.draft_id, "phone", "13800138000")
    service.save_for_later(kept.draft_id, resident())
    dropped = service.start(resident(), EMPLOYMENT, "zh_CN")
    photo = service.add_material_page(dropped.draft_id, "employment_proof", jpeg(9))
    assert service.wipe() == 1
    with pytest.raises(NotFoundError):
        store.drafts.get(dropped.draft_id)
    assert not store.attachments.path_for(photo.sha256).exists()
    saved = service.saved_drafts_for(resident())
    assert [s.draft_id for s in saved] == [kept.draft_id]
    assert saved[0].title.zh == "就业登记"
    resumed = service.open_draft(kept.draft_id)
    assert resumed.values["phone"] == "13800138000" and resumed.saved_for_later


def test_session_wipe_deletes_the_open_draft(service: JourneyService, store: Store) -> None:
    ticks = iter(range(1000))
    session = Session(lambda: float(next(ticks)), service.draft_disposer())
    session.identify(resident())
    session.choose_matter()
    handle = service.start(session.identity, EMPLOYMENT, "zh_CN")
    session.open_matter(EMPLOYMENT, handle.draft_id)
    service.wipe(session)
    assert session.state is SessionState.IDLE and not session.holds_personal_data()
    with pytest.raises(NotFoundError):
        store.drafts.get(handle.draft_id)


def test_disposer_keeps_a_saved_draft(service: JourneyService, store: Store) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    service.save_for_later(handle.draft_id, resident())
    service.draft_disposer().delete_draft(handle.draft_id)
    service.draft_disposer().delete_draft("gone")
    assert store.drafts.get(handle.draft_id).saved_for_later


def test_worker_thread_uses_its_own_connection(store: Store, clock: FakeClock) -> None:
    stores = PerThreadStores(store)
    service = make_service(store, clock, FakePrinter(), source=stores)
    seen: dict[str, object] = {}

    def worker() -> None:
        try:
            handle = service.start(resident(), EMPLOYMENT, "zh_CN")
            service.autosave(handle.draft_id, "phone", "13800138000")
            seen["draft"] = handle.draft_id
            seen["same"] = stores() is store
        except BaseException as err:  # surfaced below
            seen["error"] = err
        finally:
            stores.close_current()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)
    assert "error" not in seen, seen.get("error")
    assert seen["same"] is False
    assert stores() is store  # the opening thread keeps the primary
    assert store.drafts.get(str(seen["draft"])).values["phone"] == "13800138000"
