"""Child process for the exactly-once test: runs sync passes in a loop until SIGKILLed.

Run: ``python -m tests.sync.sender_crash_worker <data_dir> <base_url> <seed> <finalize_n>``.
It opens the store (recovery resets rows left in ``sending``), finalizes ``finalize_n`` new
submissions (printing ``F <key>`` only after each commit), prints ``ready`` and then sends.
The backoff is shrunk to milliseconds so a killed attempt is retried within the run.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from kiosk.store import open_database
from sync.backoff import BackoffPolicy
from sync.client import HttpPlatformClient, new_session
from sync.engine import SyncEngine
from sync.files import load_credentials
from tests.sync.support import STATION, TERMINAL, finalize


def _now() -> datetime:
    return datetime.now(UTC)


def main(data_dir: Path, base_url: str, seed: int, finalize_n: int) -> None:
    store = open_database(data_dir, clock=_now, station_code=STATION)
    for _ in range(finalize_n):
        (key,) = finalize(
            store, 1, attachments=2, size=random.Random(seed).randrange(500, 9000), seed=seed
        )
        print(f"F {key}", flush=True)
        seed += 1_000_000
    credentials = load_credentials(data_dir)
    assert credentials is not None
    client = HttpPlatformClient(
        base_url, new_session(), token=lambda: credentials.token, chunk_bytes=4096
    )
    engine = SyncEngine(
        store,
        client,
        data_dir=data_dir,
        terminal_id=TERMINAL,
        app_version="crash",
        clock=_now,
        monotonic=time.monotonic,
        policy=BackoffPolicy(base_s=0.001, max_s=0.01, retry_after_cap_s=0.01),
    )
    print("ready", flush=True)
    while True:
        report = engine.run_pass()
        if report.send.delivered:
            print(f"D {report.send.delivered}", flush=True)
        counts = store.outbox.counts()
        if counts["queued"] == 0 and counts["sending"] == 0:
            print("drained", flush=True)
            time.sleep(0.01)  # idle until killed (the parent kills us)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
