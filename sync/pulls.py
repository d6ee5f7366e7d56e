"""What the terminal pulls from the platform, and the health report it pushes.

- Status changes (``changes?cursor=``) go into ``store.status`` so the progress query works
  offline; the cursor is saved only after the batch is in the store, and re-applying a change
  is harmless (the timeline is de-duplicated), so a crash in between loses nothing.
- The catalogue is fetched with its ETag and installed through ``install_catalog``, which
  validates completely before swapping. A refused catalogue leaves the old one serving; the
  problem key goes into the published state and the next heartbeat, and its ETag is remembered
  so the same broken bytes are not downloaded again and again.
- The heartbeat reports devices, queue depth and age, versions, last success and free disk.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.errors import CatalogError, NotFoundError
from kiosk.ports.platform import PlatformClient, StatusChange
from kiosk.store import Store

log = logging.getLogger(__name__)

DeviceReport = Callable[[], Mapping[str, Mapping[str, Any]]]
"""Returns ``{"printer": {"state": ..., "message_key": ...}, "card_reader": ..., ...}``."""

_CHANGES_PAGE = 200
_MAX_PAGES = 50  # one pass pulls at most 10,000 changes; the next pass continues


def pull_changes(
    store: Store, client: PlatformClient, cursor: int, save: Callable[[int], None]
) -> int:
    """Apply every change after ``cursor``, calling ``save(cursor)`` after each page is in the
    store (so a failure on a later page keeps the earlier ones). Returns how many applied."""
    applied = 0
    for _ in range(_MAX_PAGES):
        page = client.changes(cursor, _CHANGES_PAGE)
        for change in page.changes:
            _apply(store, change)
            applied += 1
        if not page.changes or page.next_cursor <= cursor:
            break
        cursor = page.next_cursor
        save(cursor)
    return applied


def _apply(store: Store, change: StatusChange) -> None:
    known = store.status.get(change.tracking_number)
    timeline = list(known.timeline) if known is not None else []
    entry: dict[str, Any] = {"status": change.status, "at": change.at}
    if change.note:
        entry["note"] = dict(change.note)
    if not any(t.get("status") == change.status and t.get("at") == change.at for t in timeline):
        timeline.append(entry)
    timeline.sort(key=lambda t: str(t.get("at", "")))
    latest = timeline[-1]["status"] if timeline else change.status
    store.status.upsert(change.tracking_number, str(latest), timeline)


def pull_catalog(
    store: Store,
    client: PlatformClient,
    etag: str | None,
    rejected_etag: str | None,
    problem: str | None,
) -> tuple[str | None, str | None, str | None, str | None]:
    """Fetch and install a newer catalogue.

    Returns ``(etag, rejected_etag, problem_key, installed_version)``. We send the ETag of the
    refused catalogue when there is one: a ``304`` then means "still the broken one".
    """
    asked = rejected_etag or etag
    fetched = client.fetch_catalog(asked)
    if fetched.not_modified:
        still = (problem or "error.catalog.invalid") if rejected_etag else None
        return etag, rejected_etag, still, None
    assert fetched.content is not None
    if any(
        v.active and v.sha256 == hashlib.sha256(fetched.content).hexdigest()
        for v in store.catalog.versions()
    ):
        return fetched.etag, None, None, None  # what we already run (e.g. the shipped sample)
    # Lazily: the catalogue service pulls in the search index (pypinyin, ~0.2 s of imports).
    from kiosk.services.catalog import install_catalog

    try:
        result = install_catalog(store, fetched.content)
    except CatalogError as err:
        log.error("catalogue from the platform refused (%s); the old one stays", err.key)
        return etag, fetched.etag, err.key, None
    return fetched.etag, None, None, result.version


def active_catalog_version(store: Store) -> str | None:
    active = store.catalog.active()
    return None if active is None else active[0]


def outbox_health(store: Store, now: datetime) -> dict[str, Any]:
    """Depth (queued + sending), age of the oldest waiting case, quarantined count."""
    counts = store.outbox.counts()
    depth = counts.get("queued", 0) + counts.get("sending", 0)
    oldest_age: float | None = None
    if depth:
        waiting = store.outbox.entries(["queued", "sending"])
        if waiting:
            try:
                first = store.submissions.by_tracking_number(waiting[0].label)
                oldest_age = max(0.0, (now - first.finalized_at).total_seconds())
            except NotFoundError:
                oldest_age = None
    feedback = 0
    for queue in (store.ratings, store.complaints):
        c = queue.counts()
        feedback += c.get("queued", 0) + c.get("sending", 0)
    return {
        "depth": depth,
        "oldest_age_s": None if oldest_age is None else round(oldest_age, 1),
        "quarantined": counts.get("quarantined", 0),
        "feedback_depth": feedback,
    }


def free_disk_mb(path: Path) -> int | None:
    try:
        st = os.statvfs(path)
    except OSError:
        return None
    return int(st.f_bavail * st.f_frsize // (1024 * 1024))


def heartbeat_body(
    store: Store,
    *,
    terminal_id: str,
    app_version: str,
    now: datetime,
    devices: DeviceReport,
    catalog_problem: str | None,
    last_sync_at: str | None,
) -> dict[str, Any]:
    try:
        device_states = {k: dict(v) for k, v in devices().items()}
    except Exception:  # a device report must never stop the heartbeat
        log.exception("device report failed")
        device_states = {}
    return {
        "terminal_id": terminal_id,
        "at": now.isoformat(),
        "app_version": app_version,
        "catalog_version": active_catalog_version(store),
        "catalog_problem": catalog_problem,
        "devices": device_states,
        "outbox": outbox_health(store, now),
        "last_sync_at": last_sync_at,
        "free_disk_mb": free_disk_mb(store.settings.data_dir),
    }
