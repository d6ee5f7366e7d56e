"""Property-based run over the OpenAPI document: no input makes the API answer 5xx.

An equivalent of a schemathesis run without the extra dependency: every ``/v1`` operation of
the app's own OpenAPI document is called with hypothesis-generated path segments, query values,
headers and JSON bodies (random JSON, and valid bodies with one field replaced by junk), on both
backends. Every answer must carry the API header and, when it is an error with a body, the
structured error shape. Bounded (max_examples) to stay well under a minute.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, rating_body, submission_body
from tests.central_server import CentralServer

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
SEGMENT = st.one_of(
    st.text(max_size=70),
    st.just("0" * 64),
    st.uuids().map(str),
    st.just("changes"),
    st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
)
HEADER_VALUE = st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=40)


def _valid_body(path: str, terminal_id: str) -> dict[str, Any]:
    if path.startswith("/v1/submissions"):
        return submission_body(terminal_id)
    if path.startswith("/v1/ratings"):
        return rating_body("T-1")
    if path.startswith("/v1/complaints"):
        return {"text": "x", "created_at": "2026-11-27T08:00:00Z"}
    if path == "/v1/heartbeat":
        return {"terminal_id": terminal_id, "at": "2026-11-27T08:00:00Z"}
    return {"code": "X", "terminal_id": "JN-1"}


@st.composite
def body_for(draw: st.DrawFn, path: str, terminal_id: str) -> Any:
    if draw(st.booleans()):
        return draw(JSON)
    body = _valid_body(path, terminal_id)
    key = draw(st.sampled_from(sorted(body)))
    body[key] = draw(JSON)
    return body


def _operations(document: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if path.startswith("/v1")
    )


def test_no_server_errors_on_generated_input(central: CentralServer, terminal: Client) -> None:
    document = requests.get(central.base_url + "/openapi.json", timeout=TIMEOUT).json()
    operations = _operations(document)
    assert len(operations) >= 10

    @settings(
        max_examples=250,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        method, template = data.draw(st.sampled_from(operations))
        path = template
        for name in ("{submission_id}", "{sha256}", "{rating_id}", "{complaint_id}"):
            if name in path:
                path = path.replace(name, quote(data.draw(SEGMENT), safe=""))
        params = data.draw(
            st.dictionaries(
                st.sampled_from(["cursor", "limit", "tracking_number", "resident_key"]),
                st.text(max_size=20) | st.integers().map(str),
                max_size=3,
            )
        )
        headers = data.draw(
            st.dictionaries(
                st.sampled_from(["If-None-Match", "Content-Range", "Content-Type"]),
                HEADER_VALUE,
                max_size=2,
            )
        )
        kwargs: dict[str, Any] = {"params": params, "headers": headers, "timeout": TIMEOUT}
        if method in ("PUT", "POST"):
            if "/attachments/" in template:
                kwargs["data"] = data.draw(st.binary(max_size=200))
            else:
                payload = data.draw(body_for(template, terminal.terminal_id))
                kwargs["data"] = json.dumps(payload).encode()
                headers.setdefault("Content-Type", "application/json")
        response = terminal.http.request(method, terminal.url(path), **kwargs)
        assert response.status_code < 500, (method, path, response.status_code, response.text)
        assert response.headers.get("X-Kiosk-Api") == "1", (method, path)
        if response.status_code >= 400 and method != "HEAD":
            error = response.json()["error"]
            assert isinstance(error["code"], str) and isinstance(error["details"], list)

    check()
    # The run must have reached the handlers, not only the validators.
    sid = str(uuid.uuid4())
    ok = terminal.http.put(
        terminal.url(f"/v1/submissions/{sid}"),
        timeout=TIMEOUT,
        json=submission_body(terminal.terminal_id),
    )
    assert ok.status_code == 201
