"""The UI worker (a QThread) keeps ONE extra SQLite connection for all its journey calls.

A ``threading.local`` does not survive between Qt slot calls on a thread Python did not start,
so the journey's per-thread store used to open a new connection for every job (and leave it
for the garbage collector): slower autosaves and memory growing with every visit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.journey import PerThreadStores
from kiosk.store import Store
from tests.core.store_support import FakeClock, open_store
from ui.worker import BackgroundWorker


@pytest.fixture
def primary(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "data", FakeClock()) as store:
        yield store


def test_worker_jobs_share_one_connection_and_close_it(qtbot, primary: Store) -> None:
    stores = PerThreadStores(primary)
    worker = BackgroundWorker(primary.new_connection, on_close=stores.close_current)
    seen: list[int] = []
    try:
        for _ in range(20):
            worker.submit(lambda _own: id(stores()), seen.append, name="probe")
        qtbot.waitUntil(lambda: len(seen) == 20, timeout=10_000)
        assert len(set(seen)) == 1  # the same connection for every job
        assert id(primary) not in seen  # never the GUI thread's primary
        assert stores.open_count == 1
    finally:
        worker.stop()
    assert stores.open_count == 0  # closed on the worker thread before it ended
    assert stores() is primary
