"""Full validation of a realistic 60-field form, values changing between runs (keystrokes).

The form screen re-validates after every change, so this p95 is the latency budget of one
keystroke's rule work (target 5 ms on the kiosk's low-power CPU).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from bench.util import p95, result
from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FormDefinition

LABEL = {"zh": "字段", "en": "field"}
RUNS = 2000
EXTRA = 41  # ordinary fields added to the 19 hand-written ones (group children included)


def _form() -> FormDefinition:
    fields: list[dict[str, Any]] = [
        {"name": "name", "type": "text", "label": LABEL, "required": True, "max_length": 30},
        {"name": "id_no", "type": "id_number", "label": LABEL, "required": True},
        {"name": "birth", "type": "date", "label": LABEL, "max_date": "today"},
        {"name": "phone", "type": "phone", "label": LABEL, "required": True},
        {"name": "home", "type": "address", "label": LABEL, "required": True},
        {"name": "sex", "type": "select_one", "label": LABEL, "choices": "sex"},
        {"name": "needs", "type": "select_multiple", "label": LABEL, "choices": "needs"},
        {"name": "married", "type": "yes_no", "label": LABEL},
        {"name": "sign", "type": "signature", "label": LABEL},
        {"name": "files", "type": "attachment", "label": LABEL, "max_files": 5},
        {
            "name": "members",
            "type": "group",
            "label": LABEL,
            "repeat": True,
            "max_repeat": 8,
            "fields": [
                {"name": "m_name", "type": "text", "label": LABEL, "required": True},
                {"name": "m_age", "type": "number", "label": LABEL, "min_value": 0},
                {"name": "m_school", "type": "text", "label": LABEL, "relevant": "m_age < 18"},
            ],
        },
        {"name": "size", "type": "number", "label": LABEL, "calculate": "count(members) + 1"},
        {"name": "ages", "type": "number", "label": LABEL, "calculate": "sum_of(members, m_age)"},
        {"name": "adult", "type": "yes_no", "label": LABEL, "calculate": "age(birth) >= 18"},
        {
            "name": "spouse",
            "type": "text",
            "label": LABEL,
            "relevant": "married",
            "required": True,
        },
        {
            "name": "help_reason",
            "type": "text",
            "label": LABEL,
            "required_if": "selected(needs, 'help')",
        },
    ]
    # 41 more ordinary fields, about a third of them with relevance or constraints
    for i in range(EXTRA):
        f: dict[str, Any] = {"name": f"q{i}", "type": "number" if i % 2 else "text", "label": LABEL}
        if i % 10 == 0:
            f["relevant"] = f"size > {i % 4} and adult"
        elif i % 10 == 1:
            f["constraint"] = "value >= 0 and value <= 1000"
        elif i % 10 == 2:
            f["constraint"] = "len(value) <= 20 or empty(value)"
        if i % 2:
            f["max_value"] = 5000
        fields.append(f)
    pages = [
        {"id": f"p{n}", "title": LABEL, "fields": fields[n * 12 : (n + 1) * 12]} for n in range(5)
    ]
    pages[4]["relevant"] = "size < 20"
    form = FormDefinition.model_validate(
        {
            "id": "bench.household",
            "version": 1,
            "title": LABEL,
            "pages": pages,
            "choice_lists": {
                "sex": [{"value": "1", "label": LABEL}, {"value": "2", "label": LABEL}],
                "needs": [{"value": v, "label": LABEL} for v in ("help", "mail", "print")],
            },
        }
    )
    expressions = sum(
        1
        for f in form.iter_fields()
        for e in (f.relevant, f.required_if, f.constraint, f.calculate)
        if e
    ) + sum(1 for p in form.pages if p.relevant)
    assert len(form.iter_fields()) == 60, len(form.iter_fields())
    assert expressions >= 20, expressions
    return form


def _values(rng: random.Random) -> dict[str, object]:
    members = [{"m_name": f"m{j}", "m_age": rng.randint(1, 90)} for j in range(rng.randint(0, 4))]
    values: dict[str, object] = {
        "name": "张三",
        "id_no": rng.choice(["11010519491231002X", "440524188001010014", "110105194912310021"]),
        "birth": f"{rng.randint(1940, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "phone": rng.choice(["13812345678", "0531-88888888", "12345"]),
        "home": {"province": "山东省", "city": "济南市", "district": "历下区", "detail": "1号"},
        "sex": rng.choice(["1", "2", "3"]),
        "needs": rng.sample(["help", "mail", "print"], rng.randint(0, 3)),
        "married": rng.random() < 0.5,
        "sign": "a" * 64,
        "files": ["b" * 64] * rng.randint(0, 6),
        "members": members,
    }
    for i in range(EXTRA):
        values[f"q{i}"] = rng.randint(-5, 6000) if i % 2 else rng.choice(["", "short", "x" * 25])
    return values


def run() -> dict[str, object]:
    form = _form()
    engine = FormEngine(form, clock=lambda: dt.date(2026, 6, 15))
    rng = random.Random(20260615)
    inputs = [_values(rng) for _ in range(200)]
    for values in inputs[:20]:  # warm the caches
        engine.validate(values)
    samples: list[float] = []
    for n in range(RUNS):
        values = inputs[n % len(inputs)]
        t0 = time.perf_counter()
        engine.evaluate(values).final_data()
        samples.append((time.perf_counter() - t0) * 1000)
    return {"form_validate_p95_ms": result(p95(samples), "ms", 5.0)}


if __name__ == "__main__":
    print(run())
