"""Benchmarks: ``make bench`` runs every ``bench/bench_*.py`` module's ``run()``.

Each ``run()`` returns ``{"key": {"value": x, "unit": "ms", "target": y}}`` (target may be None).
Benchmarks never decide pass/fail; they print a table and write ``bench-results.json``.
"""
