"""Outbox drain throughput and GUI-thread stalls, against the real central on loopback.

1,000 finalized submissions, each with two 300 KB JPEG-like attachments, are drained by the
SyncService (background thread, resumable chunked uploads, HEAD first, per-row SQLite
transitions). The baseline is a plain ``requests`` loop PUTting the same bytes (attachments,
then the submission) to a second, fresh central in the same run. While draining, the main
thread runs a 10 ms timer loop (the stand-in for the Qt event loop) and records its largest
gap: the sync thread must never hold the GIL or a lock long enough for the GUI to stutter.
Set ``BENCH_SYNC_N`` for a quicker run.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from bench.util import result
from kiosk.services.catalog import install_catalog, sample_catalog_bytes
from kiosk.store import Store, open_database
from sync.client import HttpPlatformClient, canonical_json, new_session
from sync.engine import SyncEngine
from sync.files import Credentials, save_credentials
from sync.local_platform import LocalPlatform, start_local_platform
from sync.service import SyncService
from tests.sync.support import STATION, TERMINAL, finalize

ATTACHMENT_BYTES = 300_000
TICK_S = 0.010


def _now() -> datetime:
    return datetime.now(UTC)


def _prepare(data_dir: Path, n: int) -> Store:
    store = open_database(data_dir, clock=_now, station_code=STATION)
    # A kiosk has its catalogue (the UI installs the sample at start-up, on the GUI thread).
    install_catalog(store, sample_catalog_bytes())
    finalize(store, n, attachments=2, size=ATTACHMENT_BYTES, seed=7)
    return store


def _baseline(store: Store, base_url: str, token: str) -> float:
    """A plain loop: PUT each attachment whole, then the submission; no checks, no resume."""
    engine_for_bodies = SyncEngine(
        store,
        HttpPlatformClient(base_url, new_session()),
        data_dir=Path(tempfile.mkdtemp()),
        terminal_id=TERMINAL,
        app_version="bench",
        clock=_now,
        monotonic=time.monotonic,
    )
    items = []
    for entry in store.outbox.entries(["queued"]):
        item = store.outbox.get(entry.id)
        files = [
            (r.sha256, store.attachments.read(r.sha256), r.media_type) for r in item.attachments
        ]
        items.append(
            (
                item.idempotency_key,
                canonical_json(engine_for_bodies.sender.submission_body(item)),
                files,
            )
        )
    session = requests.Session()
    auth = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    try:
        for key, body, files in items:
            for digest, data, media in files:
                r = session.put(
                    f"{base_url}/v1/attachments/{digest}",
                    data=data,
                    headers={**auth, "Content-Type": media},
                    timeout=(3, 30),
                )
                r.raise_for_status()
            r = session.put(
                f"{base_url}/v1/submissions/{key}",
                data=body,
                headers={**auth, "Content-Type": "application/json"},
                timeout=(3, 30),
            )
            r.raise_for_status()
    finally:
        session.close()
    return time.perf_counter() - started


def _ours(store: Store, data_dir: Path, base_url: str, token: str) -> tuple[float, float]:
    save_credentials(data_dir, Credentials(base_url, TERMINAL, "bench", token, "ab" * 16))

    def engine(thread_store: Store) -> SyncEngine:
        return SyncEngine(
            thread_store,
            HttpPlatformClient(base_url, new_session(), token=lambda: token),
            data_dir=data_dir,
            terminal_id=TERMINAL,
            app_version="bench",
            clock=_now,
            monotonic=time.monotonic,
        )

    drained = threading.Event()

    def listener(state: Any) -> None:
        if state.queue_depth == 0 and state.last_success_at is not None:
            drained.set()

    service = SyncService(store.new_connection, engine)
    service.add_listener(listener)
    max_gap = 0.0
    started = time.perf_counter()
    service.start()
    try:
        last = time.perf_counter()
        deadline = started + 1800
        while not drained.is_set() and time.perf_counter() < deadline:
            time.sleep(TICK_S)  # the GUI thread's 10 ms timer
            now = time.perf_counter()
            max_gap = max(max_gap, now - last - TICK_S)
            last = now
        elapsed = time.perf_counter() - started
    finally:
        service.stop(60)
    if not drained.is_set():
        raise RuntimeError("outbox did not drain")
    return elapsed, max_gap


def _central(data_dir: Path) -> tuple[LocalPlatform, str]:
    """A fresh ``kiosk-central serve`` child with the sample catalogue and our terminal enrolled.

    A separate process on purpose: an in-process server thread would compete for the GIL and
    its pauses would be measured as the sync thread's GUI stalls.
    """
    platform = start_local_platform(data_dir, station="bench")
    code = platform.add_enrollment_code()
    with HttpPlatformClient(platform.url, new_session()) as client:
        token = client.enroll(code, TERMINAL, "bench").token
    return platform, token


def _count(url: str, token: str, keys: list[str]) -> int:
    with HttpPlatformClient(url, new_session(), token=lambda: token) as client:
        return sum(client.get_submission(k) is not None for k in keys)


def run() -> dict[str, Any]:
    n = int(os.environ.get("BENCH_SYNC_N", "1000"))
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        root = Path(tmp)
        ours_dir = root / "ours"
        store = _prepare(ours_dir, n)
        keys = [store.outbox.get(e.id).idempotency_key for e in store.outbox.entries()]
        try:
            platform, token = _central(root / "central-base")
            try:
                base_s = _baseline(store, platform.url, token)
                assert _count(platform.url, token, keys) == n
            finally:
                platform.stop()
            platform, token = _central(root / "central-ours")
            try:
                ours_s, stall_s = _ours(store, ours_dir, platform.url, token)
                assert _count(platform.url, token, keys) == n
            finally:
                platform.stop()
        finally:
            store.close()
    mb = n * 2 * ATTACHMENT_BYTES / 1e6
    print(f"   {n} submissions, {mb:.0f} MB: plain loop {base_s:.1f} s, sync {ours_s:.1f} s")
    return {
        "sync_throughput_ratio": result(base_s / ours_s, "ratio", 0.5, better="higher"),
        "sync_submissions_per_s": result(n / ours_s, "1/s", None, better="higher"),
        "sync_gui_stall_max_ms": result(stall_s * 1000, "ms", 50.0),
    }
