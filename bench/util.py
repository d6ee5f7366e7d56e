"""Small helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
from typing import Any


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def result(value: float, unit: str, target: float | None, better: str = "lower") -> dict[str, Any]:
    return {"value": round(value, 4), "unit": unit, "target": target, "better": better}
