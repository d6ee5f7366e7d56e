"""Property tests of the engine: any JSON-like answers give a state, never an exception, and the
final data only ever holds relevant fields of the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.forms.engine import FormEngine
from kiosk.forms.schema import FormDefinition
from tests.core.test_forms_docs import _json_blocks

FORM = FormDefinition.model_validate(_json_blocks()[0])
ENGINE = FormEngine(FORM, clock=lambda: dt.date(2026, 6, 15))
NAMES = [f.name for f in FORM.iter_fields()]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["1", "2", "sms", "post", "child", "1940-01-01", "13812345678", "a" * 64]),
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from([*NAMES, "detail", "province", "x"]), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(values=st.dictionaries(st.sampled_from([*NAMES, "junk"]), json_like, max_size=12))
def test_any_answers_evaluate_without_exceptions(values: dict[str, Any]) -> None:
    state = ENGINE.evaluate(values)
    assert all(issue.key.startswith("form.") for issue in state.issues)
    data = state.final_data()
    assert set(data) <= set(NAMES)
    assert all(state.is_relevant(name) for name in data)
    assert "junk" not in data
