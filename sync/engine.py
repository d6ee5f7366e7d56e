"""One sync pass: send what is due, pull changes and the catalogue, report health, purge.

The engine is single-threaded and owns nothing but its store connection's *use*: the service
runs it on the sync thread, ``kiosk sync once`` runs it on the main thread. Timers (heartbeat
every minute, changes, catalogue, the daily purge) run on the *monotonic* clock, so a wall clock
jump neither silences the heartbeat nor fires it in a burst; the rows' retry schedule is wall
time (it must survive restarts) and is bounded by :mod:`sync.backoff`.

Pausing: a 401/403 anywhere pauses the whole outbox for the token that got it (its fingerprint
is saved in ``sync-state.json``). Nothing is sent until the credentials change (re-enrollment
writes a new token) or an operator calls :meth:`SyncEngine.resume`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from kiosk.errors import PlatformError, PlatformUnauthorizedError
from kiosk.ports.platform import PlatformClient, PlatformTransientError
from kiosk.store import RetentionPolicy, Store, purge_expired
from kiosk.store.base import from_text, to_text
from sync.backoff import BackoffPolicy
from sync.files import SyncMemo, load_credentials
from sync.pulls import (
    DeviceReport,
    active_catalog_version,
    heartbeat_body,
    outbox_health,
    pull_catalog,
    pull_changes,
)
from sync.sender import OutboxSender, SendReport

log = logging.getLogger(__name__)
R = TypeVar("R")

NOT_ENROLLED = "error.platform.not_enrolled"


@dataclass(frozen=True)
class SyncIntervals:
    heartbeat_s: float = 60.0
    changes_s: float = 60.0
    catalog_s: float = 15 * 60.0
    purge_s: float = 24 * 3600.0
    idle_max_s: float = 60.0  # never sleep longer (credentials file, new rows from elsewhere)


@dataclass(frozen=True)
class SyncState:
    """The snapshot the UI and the technician screen show. Keys, never exception text."""

    queue_depth: int = 0
    feedback_depth: int = 0
    quarantined: int = 0
    oldest_age_s: float | None = None
    last_success_at: datetime | None = None
    problem: str | None = None
    paused_unauthorized: bool = False
    enrolled: bool = False
    catalog_version: str | None = None
    catalog_problem: str | None = None
    conflicts: int = 0
    running: bool = False


@dataclass
class PassReport:
    """What one pass did (``kiosk sync once`` prints it)."""

    send: SendReport = field(default_factory=SendReport)
    changes_applied: int = 0
    catalog_installed: str | None = None
    heartbeat_sent: bool = False
    purged: int = 0
    skipped_offline: bool = False
    problem: str | None = None
    paused: bool = False


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: PlatformClient,
        *,
        data_dir: Path,
        terminal_id: str,
        app_version: str,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float],
        devices: DeviceReport = dict,
        retention_days: int = 30,
        retention: RetentionPolicy | None = None,
        policy: BackoffPolicy | None = None,
        intervals: SyncIntervals | None = None,
        resident_key_salt: str | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._data_dir = data_dir
        self._terminal_id = terminal_id
        self._app_version = app_version
        self._clock = clock
        self._mono = monotonic
        self._devices = devices
        self._retention = timedelta(days=retention_days)
        self._retention_policy = retention
        self.policy = policy or BackoffPolicy()
        self.intervals = intervals or SyncIntervals()
        self.sender = OutboxSender(
            store,
            client,
            terminal_id=terminal_id,
            clock=clock,
            policy=self.policy,
            resident_key_salt=resident_key_salt,  # salt_id of the enrollment salt
        )
        self.memo = SyncMemo.load(data_dir)
        self._due: dict[str, float] = {}  # task -> monotonic time it is next due
        self._offline_until: float | None = None
        self._offline_failures = 0
        self._conflicts = 0

    # -- control -----------------------------------------------------------------------------
    def resume(self) -> None:
        """Operator action: lift the 401/403 pause and try again at once."""
        self.memo.paused_token = None
        self.memo.auth_problem = None
        self.memo.save(self._data_dir)
        self._offline_until = None

    def poke(self) -> None:
        """Something new to send (a kick): skip the platform-is-down backoff once."""
        self._offline_until = None

    def _token_fp(self) -> str | None:
        credentials = load_credentials(self._data_dir)
        return None if credentials is None else credentials.fingerprint

    def paused(self) -> bool:
        fp = self._token_fp()
        if fp is None:
            return True
        if self.memo.paused_token is not None and self.memo.paused_token != fp:
            # New credentials (re-enrolled): the pause was for the old token.
            self.memo.paused_token = None
            self.memo.auth_problem = None
            self.memo.save(self._data_dir)
        return self.memo.paused_token is not None

    # -- one pass ----------------------------------------------------------------------------
    def run_pass(self, should_stop: Callable[[], bool] = lambda: False) -> PassReport:
        report = PassReport()
        self.memo = _reload_keeping_progress(self.memo, self._data_dir)
        self._purge_if_due(report)
        fp = self._token_fp()
        if fp is None:
            report.problem = NOT_ENROLLED
            return report
        if self.paused():
            report.paused = True
            report.problem = self.memo.auth_problem
            return report
        if self._offline_until is not None and self._mono() < self._offline_until:
            report.skipped_offline = True
            report.problem = self.memo.last_problem
            return report
        self.memo.last_attempt_at = to_text(self._clock())
        ok = self._step(report, fp, lambda: self._send(report, should_stop))
        if ok and not should_stop() and (report.send.delivered or self._is_due("changes")):
            ok = self._step(report, fp, lambda: self._changes(report))
        if ok and not should_stop() and self._is_due("catalog"):
            ok = self._step(report, fp, lambda: self._catalog(report))
        if ok and not should_stop() and self._is_due("heartbeat"):
            ok = self._step(report, fp, lambda: self._heartbeat(report))
        if ok:
            self._offline_until = None
            self._offline_failures = 0
            self.memo.last_problem = None
        report.problem = report.problem or report.send.problem
        self.memo.save(self._data_dir)
        return report

    def _step(self, report: PassReport, fp: str, action: Callable[[], None]) -> bool:
        try:
            action()
        except PlatformUnauthorizedError as err:
            self._pause(report, fp, err.key)
            return False
        except PlatformError as err:
            self._went_offline(report, err)
            return False
        if report.paused:
            return False
        if report.send.stopped_transient:
            self._went_offline(report, None)
            return False
        self.memo.last_success_at = to_text(self._clock())
        return True

    def _send(self, report: PassReport, should_stop: Callable[[], bool]) -> None:
        report.send = self.sender.send_due(should_stop)
        self._conflicts += report.send.conflicts
        if report.send.paused:
            fp = self._token_fp()
            if fp is not None:
                self._pause(report, fp, report.send.problem or "error.platform.unauthorized")

    def _changes(self, report: PassReport) -> None:
        def save(cursor: int) -> None:
            self.memo.cursor = cursor
            self.memo.save(self._data_dir)

        report.changes_applied = pull_changes(self._store, self._client, self.memo.cursor, save)
        self._schedule("changes", self.intervals.changes_s)

    def _catalog(self, report: PassReport) -> None:
        etag, rejected, problem, installed = pull_catalog(
            self._store,
            self._client,
            self.memo.catalog_etag,
            self.memo.rejected_catalog_etag,
            self.memo.catalog_problem,
        )
        self.memo.catalog_etag = etag
        self.memo.rejected_catalog_etag = rejected
        self.memo.catalog_problem = problem
        report.catalog_installed = installed
        if problem is not None and self._due.get("heartbeat") is not None:
            self._due["heartbeat"] = self._mono()  # report the refused catalogue promptly
        self._schedule("catalog", self.intervals.catalog_s)

    def _heartbeat(self, report: PassReport) -> None:
        body = heartbeat_body(
            self._store,
            terminal_id=self._terminal_id,
            app_version=self._app_version,
            now=self._clock(),
            devices=self._devices,
            catalog_problem=self.memo.catalog_problem,
            last_sync_at=_iso(self.memo.last_success_at),
        )
        self._client.heartbeat(body)
        report.heartbeat_sent = True
        self._schedule("heartbeat", self.intervals.heartbeat_s)

    def _purge_if_due(self, report: PassReport) -> None:
        """Drop personal data of cases acknowledged longer ago than the retention period; with
        a :class:`RetentionPolicy`, the store's whole retention (:func:`purge_expired`)."""
        if not self._is_due("purge"):
            return
        now = self._clock()
        if self._retention_policy is None:
            report.purged = self._store.outbox.purge_acknowledged(now - self._retention)
        else:
            report.purged = purge_expired(self._store, self._retention_policy, now).submissions
        self.memo.last_purge_at = to_text(self._clock())
        self._schedule("purge", self.intervals.purge_s)

    # -- bookkeeping -------------------------------------------------------------------------
    def _is_due(self, task: str) -> bool:
        due = self._due.get(task)
        return due is None or self._mono() >= due

    def _schedule(self, task: str, after_s: float) -> None:
        self._due[task] = self._mono() + after_s

    def _pause(self, report: PassReport, fp: str, key: str) -> None:
        log.warning("platform refused our credentials (%s): outbox paused", key)
        report.paused = True
        report.problem = key
        self.memo.paused_token = fp
        self.memo.auth_problem = key
        self.memo.save(self._data_dir)

    def _went_offline(self, report: PassReport, err: PlatformError | None) -> None:
        """The platform is unwell: wait (in monotonic time) before the next pass touches it."""
        self._offline_failures += 1
        if err is None and report.send.retry_in_s is not None:
            # The row that failed carries the schedule; the others wait just as long.
            delay = report.send.retry_in_s
        else:
            retry_after = err.retry_after if isinstance(err, PlatformTransientError) else None
            delay = self.policy.delay(self._offline_failures, retry_after)
        self._offline_until = self._mono() + delay
        key = err.key if err is not None else report.send.problem
        report.problem = key
        self.memo.last_problem = key

    def seconds_until_next(self) -> float:
        """How long the service may sleep before something is due (capped by ``idle_max_s``)."""
        now_mono = self._mono()
        candidates = [self.intervals.idle_max_s]
        candidates += [due - now_mono for due in self._due.values()]
        if self._offline_until is not None:
            candidates.append(self._offline_until - now_mono)
        else:
            nearest = self._nearest_row()
            if nearest is not None:
                wait = (nearest - self._clock()).total_seconds()
                candidates.append(min(wait, self.policy.max_delay_s))
        return max(0.0, min(candidates))

    def _nearest_row(self) -> datetime | None:
        moments = [
            e.next_try_at
            for queue in (self._store.outbox, self._store.ratings, self._store.complaints)
            for e in queue.entries(["queued"])[:1000]
        ]
        return min(moments) if moments else None

    def state(self, running: bool = False) -> SyncState:
        health = outbox_health(self._store, self._clock())
        fp = self._token_fp()
        return SyncState(
            queue_depth=health["depth"],
            feedback_depth=health["feedback_depth"],
            quarantined=health["quarantined"],
            oldest_age_s=health["oldest_age_s"],
            last_success_at=_opt_time(self.memo.last_success_at),
            problem=self.memo.auth_problem
            or (NOT_ENROLLED if fp is None else None)
            or self.memo.last_problem,
            paused_unauthorized=fp is not None and self.memo.paused_token == fp,
            enrolled=fp is not None,
            catalog_version=active_catalog_version(self._store),
            catalog_problem=self.memo.catalog_problem,
            conflicts=self._conflicts,
            running=running,
        )


def _reload_keeping_progress(memo: SyncMemo, data_dir: Path) -> SyncMemo:
    """Pick up an operator's resume written by another process (``kiosk sync resume``)."""
    on_disk = SyncMemo.load(data_dir)
    if on_disk.paused_token is None and memo.paused_token is not None:
        return replace(memo, paused_token=None, auth_problem=None)
    return memo


def _opt_time(text: str | None) -> datetime | None:
    try:
        return None if text is None else from_text(text)
    except ValueError:
        return None


def _iso(text: str | None) -> str | None:
    moment = _opt_time(text)
    return None if moment is None else moment.isoformat()
