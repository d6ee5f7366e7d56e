"""Offline store benchmarks: autosave latency (the resident feels it on every keystroke pause)
and finalize latency (a durable, fsynced commit before the receipt prints)."""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.util import p95, result
from kiosk.store import open_database

FIELDS = 60
AUTOSAVES = 2000
FINALIZES = 100


def run() -> dict[str, Any]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        store = open_database(
            Path(tmp) / "data", clock=lambda: datetime.now(UTC), station_code="BENCH1"
        )
        try:
            values = {f"field_{i:02d}": f"初始值 {i}" for i in range(FIELDS)}
            draft = store.drafts.create(
                form_id="bench", form_version=1, matter_code="M001", values=values
            )
            for _ in range(50):  # warm the page cache and statement cache
                store.drafts.autosave(draft.id, "field_00", "warm")
            autosave_ms = []
            for n in range(AUTOSAVES):
                field = f"field_{rng.randrange(FIELDS):02d}"
                t0 = time.perf_counter()
                store.drafts.autosave(draft.id, field, f"居民输入 {n}")
                autosave_ms.append((time.perf_counter() - t0) * 1000)

            finalize_ms = []
            for _ in range(FINALIZES):
                d = store.drafts.create(
                    form_id="bench", form_version=1, matter_code="M001", values=values
                )
                t0 = time.perf_counter()
                store.submissions.finalize(d.id)
                finalize_ms.append((time.perf_counter() - t0) * 1000)
        finally:
            store.close()
    return {
        "autosave_p95_ms": result(p95(autosave_ms), "ms", 2.0),
        "finalize_p95_ms": result(p95(finalize_ms), "ms", None),
    }
