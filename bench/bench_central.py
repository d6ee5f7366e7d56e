"""Central platform: p95 latency of a submission PUT under 20 concurrent terminals.

Each terminal is a thread with its own ``requests.Session`` (keep-alive), enrolled separately,
sending new submissions back to back against the real uvicorn server, on SQLite (WAL, file in a
temp dir) and on a throw-away PostgreSQL cluster (fsync on, default durability).
"""

from __future__ import annotations

import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

from bench.util import p95, result
from tests.central_server import running_central_server
from tests.pg_cluster import start_pg_cluster

TERMINALS = 20
PUTS_PER_TERMINAL = 30
WARMUP_PER_TERMINAL = 3


def _body(terminal_id: str, n: int) -> dict[str, Any]:
    return {
        "tracking_number": f"{terminal_id}-{n:05d}",
        "station_code": "LX01",
        "terminal_id": terminal_id,
        "matter_code": "370102-SB-001",
        "bundle_code": None,
        "form_id": "f.370102-SB-001",
        "form_version": 1,
        "catalog_version": "2026.11-sample",
        "finalized_at": "2026-11-27T08:00:00+00:00",
        "language": "zh_CN",
        "resident_key": None,
        "data": {"field_" + str(i): "值" * 20 for i in range(20)},
        "materials": [],
        "deferred_materials": [],
        "delivery": "pickup",
        "assisted_by": None,
    }


def _measure(db_url: str | None) -> float:
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_central_server(Path(tmp) / "central", db_url=db_url, testing=False) as central,
    ):
        tokens = [central.enroll(f"JN-BENCH-{i:03d}") for i in range(TERMINALS)]
        samples: list[float] = []
        lock = threading.Lock()
        errors: list[str] = []
        barrier = threading.Barrier(TERMINALS)

        def terminal(index: int) -> None:
            terminal_id = f"JN-BENCH-{index:03d}"
            with requests.Session() as http:
                http.headers["Authorization"] = f"Bearer {tokens[index]}"
                mine: list[float] = []
                barrier.wait()
                for n in range(WARMUP_PER_TERMINAL + PUTS_PER_TERMINAL):
                    url = f"{central.base_url}/v1/submissions/{uuid.uuid4()}"
                    t0 = time.perf_counter()
                    r = http.put(url, json=_body(terminal_id, n), timeout=(5, 60))
                    elapsed = (time.perf_counter() - t0) * 1000
                    if r.status_code != 201:
                        errors.append(f"{r.status_code} {r.text[:200]}")
                    elif n >= WARMUP_PER_TERMINAL:
                        mine.append(elapsed)
            with lock:
                samples.extend(mine)

        threads = [threading.Thread(target=terminal, args=(i,)) for i in range(TERMINALS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise RuntimeError(f"{len(errors)} failed PUTs, first: {errors[0]}")
        return p95(samples)


def run() -> dict[str, Any]:
    sqlite_p95 = _measure(None)
    cluster = start_pg_cluster(fast=False)
    try:
        pg_p95 = _measure(cluster.create_database("bench"))
    finally:
        cluster.stop()
    print(
        f"   submission PUT p95 (20 terminals): SQLite {sqlite_p95:.1f} ms, "
        f"PostgreSQL {pg_p95:.1f} ms"
    )
    return {
        "central_put_p95_ms_sqlite": result(sqlite_p95, "ms", None),
        "central_put_p95_ms_postgres": result(pg_p95, "ms", None),
    }
