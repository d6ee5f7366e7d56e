"""Submissions: idempotent PUT, validation, limits, status feed and case lookup (both backends)."""

from __future__ import annotations

import json
import uuid

from tests.central.conftest import Client, make_client
from tests.central.helpers import TIMEOUT, assert_error, submission_body, upload
from tests.central_server import CentralServer


def _put(client: Client, sid: str, body: object) -> object:
    return client.http.put(client.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT)


def test_create_replay_conflict(terminal: Client, central: CentralServer) -> None:
    material = upload(terminal.http, terminal.base, b"\xff\xd8 jpeg bytes")
    body = submission_body(terminal.terminal_id, [material])
    sid = str(uuid.uuid4())
    created = _put(terminal, sid, body)
    assert created.status_code == 201, created.text  # type: ignore[attr-defined]
    got = created.json()  # type: ignore[attr-defined]
    assert got["id"] == sid and got["status"] == "received"
    assert got["tracking_number"] == body["tracking_number"]
    # Same content in another key order is the same canonical JSON: a replay.
    reordered = dict(reversed(list(body.items())))
    replay = terminal.http.put(
        terminal.url(f"/v1/submissions/{sid}"),
        timeout=TIMEOUT,
        data=json.dumps(reordered, indent=3),
        headers={"Content-Type": "application/json"},
    )
    assert replay.status_code == 200 and replay.json() == got
    changed = _put(terminal, sid, {**body, "data": {"applicant_name": "李四"}})
    assert_error(changed, 409, "conflict")  # type: ignore[arg-type]
    assert central.submission_count() == 1
    assert central.submission(sid)["data"] == body["data"]  # type: ignore[index]


def test_get_by_id_only_for_the_owner(terminal: Client, central: CentralServer) -> None:
    sid = str(uuid.uuid4())
    missing = terminal.http.get(terminal.url(f"/v1/submissions/{sid}"), timeout=TIMEOUT)
    assert_error(missing, 404, "not_found")
    assert _put(terminal, sid, submission_body(terminal.terminal_id)).status_code == 201  # type: ignore[attr-defined]
    found = terminal.http.get(terminal.url(f"/v1/submissions/{sid}"), timeout=TIMEOUT)
    assert found.status_code == 200 and found.json()["id"] == sid
    other = make_client(central, "JN-LX-0002")
    try:
        assert (
            other.http.get(other.url(f"/v1/submissions/{sid}"), timeout=TIMEOUT).status_code == 404
        )
    finally:
        other.http.close()


def test_validation_details(terminal: Client) -> None:
    sid = str(uuid.uuid4())
    ghost = {"slot": "id_copy", "sha256": "0" * 64, "size": 3, "media_type": "image/jpeg"}
    body = submission_body("JN-OTHER", [ghost], matter_code="999-NOT-A-MATTER")
    error = assert_error(_put(terminal, sid, body), 422, "validation_failed")  # type: ignore[arg-type]
    codes = {(d["loc"], d["code"]) for d in error["details"]}
    assert codes == {
        ("body.terminal_id", "terminal_mismatch"),
        ("body.matter_code", "unknown_matter"),
        ("body.materials[0].sha256", "attachment_missing"),
    }
    shape = assert_error(_put(terminal, sid, {"tracking_number": 5}), 422, "validation_failed")  # type: ignore[arg-type]
    assert any(d["loc"] == "body.finalized_at" for d in shape["details"])
    assert_error(_put(terminal, "not-a-uuid", submission_body(terminal.terminal_id)), 422)  # type: ignore[arg-type]
    garbage = terminal.http.put(
        terminal.url(f"/v1/submissions/{sid}"),
        data=b"{\x00garbage",
        headers={"Content-Type": "application/json"},
        timeout=TIMEOUT,
    )
    assert_error(garbage, garbage.status_code)  # structured either way
    assert garbage.status_code in (400, 422)
    nul = submission_body(terminal.terminal_id, data={"name": "a\u0000b"})
    assert_error(_put(terminal, sid, nul), 422, "validation_failed")  # type: ignore[arg-type]


def test_body_over_one_mib_is_413(terminal: Client) -> None:
    body = submission_body(terminal.terminal_id, data={"blob": "x" * (1024 * 1024)})
    r = _put(terminal, str(uuid.uuid4()), body)
    assert_error(r, 413, "too_large")  # type: ignore[arg-type]
    chunked = terminal.http.put(  # no Content-Length: the server counts while reading
        terminal.url(f"/v1/submissions/{uuid.uuid4()}"),
        timeout=TIMEOUT,
        data=iter([json.dumps(body).encode()]),
        headers={"Content-Type": "application/json"},
    )
    assert_error(chunked, 413, "too_large")


def test_changes_feed_is_per_terminal_and_paged(terminal: Client, central: CentralServer) -> None:
    other = make_client(central, "JN-LX-0002")
    try:
        mine = str(uuid.uuid4())
        theirs = str(uuid.uuid4())
        assert _put(terminal, mine, submission_body(terminal.terminal_id)).status_code == 201  # type: ignore[attr-defined]
        assert _put(other, theirs, submission_body(other.terminal_id)).status_code == 201  # type: ignore[attr-defined]
        central.change_status(mine, "accepted", note_zh="已受理", note_en="Accepted")
        central.change_status(theirs, "rejected")
        central.change_status(mine, "result_ready")
        feed = terminal.http.get(
            terminal.url("/v1/submissions/changes"),
            params={"cursor": 0, "limit": 2},
            timeout=TIMEOUT,
        ).json()
        assert [c["status"] for c in feed["changes"]] == ["received", "accepted"]
        assert feed["changes"][1]["note"] == {"zh": "已受理", "en": "Accepted"}
        assert all(c["submission_id"] == mine for c in feed["changes"])
        rest = terminal.http.get(
            terminal.url("/v1/submissions/changes"),
            timeout=TIMEOUT,
            params={"cursor": feed["next_cursor"]},
        ).json()
        assert [c["status"] for c in rest["changes"]] == ["result_ready"]
        end = terminal.http.get(
            terminal.url("/v1/submissions/changes"),
            timeout=TIMEOUT,
            params={"cursor": rest["next_cursor"]},
        ).json()
        assert end == {"changes": [], "next_cursor": rest["next_cursor"]}
        # A cursor past the 32-bit column (the API allows up to 2**62) is an empty page, not an
        # integer overflow on PostgreSQL.
        beyond = terminal.http.get(
            terminal.url("/v1/submissions/changes"), timeout=TIMEOUT, params={"cursor": 2**40}
        )
        assert beyond.status_code == 200, beyond.text
        assert beyond.json() == {"changes": [], "next_cursor": 2**40}
        bad = terminal.http.get(
            terminal.url("/v1/submissions/changes"), timeout=TIMEOUT, params={"limit": 501}
        )
        assert_error(bad, 422, "validation_failed")
    finally:
        other.http.close()


def test_cases_lookup(terminal: Client, central: CentralServer) -> None:
    sid = str(uuid.uuid4())
    body = submission_body(terminal.terminal_id, resident_key="rk-lookup")
    assert _put(terminal, sid, body).status_code == 201  # type: ignore[attr-defined]
    central.change_status(sid, "needs_supplement", note_zh="请补充户口簿")
    by_number = terminal.http.get(
        terminal.url("/v1/cases"),
        timeout=TIMEOUT,
        params={"tracking_number": body["tracking_number"]},
    ).json()
    (case,) = by_number["cases"]
    assert case["status"] == "needs_supplement" and case["matter_code"] == body["matter_code"]
    assert [t["status"] for t in case["timeline"]] == ["received", "needs_supplement"]
    by_key = terminal.http.get(
        terminal.url("/v1/cases"), timeout=TIMEOUT, params={"resident_key": "rk-lookup"}
    ).json()
    assert [c["tracking_number"] for c in by_key["cases"]] == [body["tracking_number"]]
    none = terminal.http.get(
        terminal.url("/v1/cases"), timeout=TIMEOUT, params={"tracking_number": "nope"}
    ).json()
    assert none == {"cases": []}
    assert_error(terminal.http.get(terminal.url("/v1/cases"), timeout=TIMEOUT), 422)
