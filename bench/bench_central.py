"""Central platform: p95 latency of a submission PUT under 20 concurrent terminals.

Each terminal is a thread with its own ``requests.Session`` (keep-alive), enrolled separately,
sending new submissions back to back against the real server (``kiosk-central serve`` in its own
process, so the 20 client threads do not share its GIL), on SQLite (WAL, file in a temp dir) and
on a throw-away PostgreSQL cluster (fsync on, default durability).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from bench.util import p95, result
from central.db import Database
from central.services import terminals
from tests.central_server import SAMPLE_CATALOG
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


@contextmanager
def _server(data_dir: Path, db_url: str | None) -> Iterator[tuple[str, list[str]]]:
    """Run ``kiosk-central serve`` in a child process; yield its URL and terminal tokens."""
    url = db_url or f"sqlite:///{data_dir / 'central.sqlite3'}"
    data_dir.mkdir(parents=True)
    db = Database(url)
    try:
        db.create_schema()
        codes = [
            terminals.create_enrollment_code(db, "LX01", f"JN-BENCH-{i:03d}")
            for i in range(TERMINALS)
        ]
    finally:
        db.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [
        sys.executable,
        "-m",
        "central.cli",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--db",
        url,
        "--catalog",
        str(SAMPLE_CATALOG),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        with requests.Session() as http:
            while True:
                try:
                    if http.get(base + "/openapi.json", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("central server did not start")
                time.sleep(0.05)
            tokens = [
                http.post(
                    base + "/v1/enroll",
                    timeout=10,
                    json={"code": code, "terminal_id": f"JN-BENCH-{i:03d}"},
                ).json()["token"]
                for i, code in enumerate(codes)
            ]
        yield base, tokens
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _measure(db_url: str | None) -> float:
    with (
        tempfile.TemporaryDirectory() as tmp,
        _server(Path(tmp) / "central", db_url) as (base_url, tokens),
    ):
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
                    url = f"{base_url}/v1/submissions/{uuid.uuid4()}"
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
