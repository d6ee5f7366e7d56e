"""The example in docs/forms-schema.md is a real form: it loads and behaves as documented."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FormDefinition

DOC = Path(__file__).resolve().parents[2] / "docs" / "forms-schema.md"


def _json_blocks() -> list[dict[str, object]]:
    text = DOC.read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.DOTALL)]


def test_documented_example_form_and_answers() -> None:
    form_json, answers = _json_blocks()
    form = FormDefinition.model_validate(form_json)
    engine = FormEngine(form, clock=lambda: dt.date(2026, 6, 15))
    answers["bank_card"] = ["5f" * 32]
    answers["sign"] = "9a" * 32

    state = engine.evaluate(answers)

    assert state.issues == ()
    assert state.calculated == {"years": 86, "household_size": 2}
    assert state.is_relevant("sms_note") is True
    data = state.final_data()
    assert data["years"] == 86
    assert "sms_note" not in data

    alone = engine.evaluate({**answers, "lives_alone": True})
    assert alone.is_relevant("members") is False
    assert "members" not in alone.final_data()
    assert alone.value("household_size") == 1


def test_documented_example_reports_documented_keys() -> None:
    form_json, answers = _json_blocks()
    engine = FormEngine(
        FormDefinition.model_validate(form_json), clock=lambda: dt.date(2026, 6, 15)
    )
    young = {
        **answers,
        "birth": "1960-01-01",
        "members": [{"member_name": "李明", "relation": "child"}],
    }
    issues = {i.path: i.key for i in engine.validate(young)}
    assert issues == {
        "birth": "form.constraint",
        "members[0].member_phone": "form.required",
        "bank_card": "form.attachment.invalid",
        "sign": "form.signature.invalid",
    }
