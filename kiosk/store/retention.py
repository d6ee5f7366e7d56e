"""Retention: how long the kiosk keeps what it no longer needs, and the one call that purges.

:func:`purge_expired` runs at start-up (``kiosk.bootstrap.build_services``) and once a day from
the sync engine's housekeeping. Each step is its own short transaction and audited with counts
only. Nothing the platform has not acknowledged is ever touched: unsent or quarantined cases,
ratings and complaints keep their data and files however old they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.store.db import Store


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Periods in days (``storage.*`` settings)."""

    acknowledged_days: int = 30  # personal data and files of acknowledged cases and feedback
    saved_drafts_days: int = 30  # drafts saved for later, since their last change
    audit_days: int = 180  # audit log events
    finished_status_days: int = 90  # cached progress of finished cases, since their last change

    def __post_init__(self) -> None:
        periods = (
            self.acknowledged_days,
            self.saved_drafts_days,
            self.audit_days,
            self.finished_status_days,
        )
        if min(periods) < 0:
            raise ValueError("retention periods must not be negative")


@dataclass(frozen=True, slots=True)
class RetentionReport:
    submissions: int = 0
    ratings: int = 0
    complaints: int = 0
    saved_drafts: int = 0
    statuses: int = 0
    audit_events: int = 0

    @property
    def total(self) -> int:
        return (
            self.submissions
            + self.ratings
            + self.complaints
            + self.saved_drafts
            + self.statuses
            + self.audit_events
        )


def purge_expired(store: Store, policy: RetentionPolicy, now: datetime) -> RetentionReport:
    """Apply every retention period at ``now`` (the injected clock's time)."""

    def before(days: int) -> datetime:
        return now - timedelta(days=days)

    acknowledged = before(policy.acknowledged_days)
    return RetentionReport(
        submissions=store.outbox.purge_acknowledged(acknowledged),
        ratings=store.ratings.purge_acknowledged(acknowledged),
        complaints=store.complaints.purge_acknowledged(acknowledged),
        saved_drafts=store.drafts.delete_saved_before(before(policy.saved_drafts_days)),
        statuses=store.status.purge_finished_before(before(policy.finished_status_days)),
        # Last, so the events the steps above just wrote are never the ones purged.
        audit_events=store.audit.purge_before(before(policy.audit_days)),
    )
