"""Run all benchmarks, print a table, write bench-results.json (merged with earlier results).

Each ``bench_*`` module runs in a fresh interpreter of its own (``python -m bench --one NAME``):
what one benchmark leaves behind (threads, servers, allocator arenas, imported modules, caches)
must not show up in the next one's memory or start-up figures.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import bench


def main(argv: list[str]) -> int:
    only = set(argv)
    out_path = Path("bench-results.json")
    results: dict[str, Any] = {}
    if out_path.exists():
        results = json.loads(out_path.read_text(encoding="utf-8"))
    failed = []
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if only and info.name not in only and info.name.removeprefix("bench_") not in only:
            continue
        t0 = time.perf_counter()
        print(f"== {info.name}", flush=True)
        got = _isolated(info.name)
        if got is None:
            failed.append(info.name)
            continue
        results.update(got)
        print(f"   ({time.perf_counter() - t0:.1f} s)")
    print()
    print(f"{'benchmark':40} {'value':>12} {'unit':8} {'target':>10}  ok")
    for key in sorted(results):
        r = results[key]
        target = r.get("target")
        ok = ""
        if target is not None:
            lower_is_better = r.get("better", "lower") == "lower"
            ok = (
                "yes"
                if (r["value"] <= target if lower_is_better else r["value"] >= target)
                else "NO"
            )
        tgt = "" if target is None else f"{target:g}"
        print(f"{key:40} {r['value']:>12.3f} {r.get('unit', ''):8} {tgt:>10}  {ok}")
    out_path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwrote {out_path}")
    return 1 if failed else 0


def _isolated(name: str) -> dict[str, Any] | None:
    """Run one benchmark module in a child interpreter; its figures come back as JSON in a
    temporary file (its stdout stays the progress output the reader sees)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp) / "result.json"
        proc = subprocess.run(
            [sys.executable, "-m", "bench", "--one", name, str(out)],
            env=dict(os.environ),
            check=False,
        )
        if proc.returncode != 0 or not out.exists():
            print(f"   {name} failed (exit {proc.returncode})", flush=True)
            return None
        got: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return got


def run_one(name: str, out: str) -> int:
    try:
        module = importlib.import_module(f"bench.{name}")
        got = module.run()
    except Exception:
        traceback.print_exc()
        return 1
    Path(out).write_text(json.dumps(got), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.exit(run_one(sys.argv[2], sys.argv[3]))
    sys.exit(main(sys.argv[1:]))
