"""The choose screen's "recent matters": bounded work however many cases a regular has.

Every visit of the same resident used to load (and JSON-decode) *all* of their cases on the
worker thread just to show three codes, so each journey cost more time and worker-heap memory
than the one before (the ``rss_growth_1000_journeys_mb`` benchmark grew with the journeys).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

import kiosk.store.submissions as submissions
from kiosk.services.journey import JourneyService
from kiosk.store import Store
from tests.ui.test_journey_service_support import (
    FakeClock,
    FakePrinter,
    make_service,
    resident,
    submitted_case,
)

EMPLOYMENT = "370102-JY-002"
ELDER_CARD = "370102-YL-002"


@pytest.fixture
def service(store: Store, clock: FakeClock) -> JourneyService:
    return make_service(store, clock, FakePrinter())


def test_recent_codes_are_distinct_newest_first_and_limited(
    service: JourneyService, store: Store, clock: FakeClock
) -> None:
    assert service.recent_codes(resident(), 3) == []
    for _ in range(3):
        submitted_case(service)
        clock.advance(minutes=5)
    key = service.resident_key(resident())
    # A newer case the platform reported (handled elsewhere) comes first.
    store.status.upsert(
        "LX02-20250314-0001",
        "accepted",
        [],
        resident_key=key,
        matter_code=ELDER_CARD,
        updated_at=clock() + timedelta(hours=1),
    )
    assert service.recent_codes(resident(), 3) == [("matter", ELDER_CARD), ("matter", EMPLOYMENT)]
    assert service.recent_codes(resident(), 1) == [("matter", ELDER_CARD)]
    # The same codes, in the same order, as the full progress list reduced to codes.
    full = [p.matter_code or p.bundle_code for p in service.progress_for(resident())]
    assert [code for _kind, code in service.recent_codes(resident(), 3)] == list(
        dict.fromkeys(full)
    )


def test_recent_codes_load_no_case_however_many_there_are(
    service: JourneyService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts, not timings: no submission (payload, timeline) is built for the recent list."""
    for _ in range(12):
        submitted_case(service)
    built: list[Any] = []
    real = submissions._submission

    def counting(row: Any) -> Any:
        built.append(row)
        return real(row)

    monkeypatch.setattr(submissions, "_submission", counting)
    assert service.recent_codes(resident(), 3) == [("matter", EMPLOYMENT)]
    assert built == []
    service.progress_for(resident())  # the full list still loads every case, by design
    assert len(built) == 12
