"""Enrollment, bearer auth and the catalogue with ETag (both backends)."""

from __future__ import annotations

import json

import requests

from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, assert_error
from tests.central_server import CentralServer


def test_enrollment_code_is_single_use_and_token_works(
    central: CentralServer, anon: requests.Session
) -> None:
    code = central.create_enrollment_code("LX01 测试站")
    body = {"code": code, "terminal_id": "JN-LX-0009", "app_version": "0.1.0"}
    r = anon.post(central.base_url + "/v1/enroll", json=body, timeout=TIMEOUT)
    assert r.status_code == 201 and r.headers["X-Kiosk-Api"] == "1"
    got = r.json()
    assert got["terminal_id"] == "JN-LX-0009" and got["station"] == "LX01 测试站"
    assert len(got["resident_key_salt"]) == 64
    again = anon.post(central.base_url + "/v1/enroll", json=body, timeout=TIMEOUT)
    assert_error(again, 403, "enrollment_refused")
    ok = anon.get(
        central.base_url + "/v1/catalog",
        timeout=TIMEOUT,
        headers={"Authorization": f"Bearer {got['token']}"},
    )
    assert ok.status_code == 200


def test_token_is_stored_hashed_never_plain(central: CentralServer, anon: requests.Session) -> None:
    code = central.create_enrollment_code()
    r = anon.post(
        central.base_url + "/v1/enroll",
        timeout=TIMEOUT,
        json={"code": code, "terminal_id": "JN-LX-0010"},
    )
    token = r.json()["token"]
    from sqlalchemy import text

    with central.db.engine.connect() as conn:
        dump = json.dumps(
            [
                list(map(str, row))
                for table in ("terminals", "enrollment_codes")
                for row in conn.execute(text(f"SELECT * FROM {table}"))
            ]
        )
    assert token not in dump and code not in dump


def test_code_bound_to_terminal_refuses_other_ids(
    central: CentralServer, anon: requests.Session
) -> None:
    code = central.create_enrollment_code(terminal_id="JN-LX-0002")
    r = anon.post(
        central.base_url + "/v1/enroll",
        timeout=TIMEOUT,
        json={"code": code, "terminal_id": "JN-LX-0003"},
    )
    assert_error(r, 403, "enrollment_refused")
    unknown = anon.post(
        central.base_url + "/v1/enroll",
        timeout=TIMEOUT,
        json={"code": "NOPE", "terminal_id": "JN-LX-0003"},
    )
    assert_error(unknown, 403, "enrollment_refused")
    bad = anon.post(
        central.base_url + "/v1/enroll",
        timeout=TIMEOUT,
        json={"code": code, "terminal_id": "bad id with spaces"},
    )
    assert_error(bad, 422, "validation_failed")


def test_auth_401_unknown_and_403_revoked(
    central: CentralServer, terminal: Client, anon: requests.Session
) -> None:
    assert_error(anon.get(central.base_url + "/v1/catalog", timeout=TIMEOUT), 401, "unauthorized")
    wrong = anon.get(
        central.base_url + "/v1/catalog",
        timeout=TIMEOUT,
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert_error(wrong, 401, "unauthorized")
    assert terminal.http.get(terminal.url("/v1/catalog"), timeout=TIMEOUT).status_code == 200
    central.revoke(terminal.terminal_id)
    assert_error(terminal.http.get(terminal.url("/v1/catalog"), timeout=TIMEOUT), 403, "revoked")
    hb = terminal.http.post(
        terminal.url("/v1/heartbeat"),
        timeout=TIMEOUT,
        json={"terminal_id": terminal.terminal_id, "at": "2026-11-27T08:00:00Z"},
    )
    assert_error(hb, 403, "revoked")


def test_catalog_etag_304_and_new_version(central: CentralServer, terminal: Client) -> None:
    first = terminal.http.get(terminal.url("/v1/catalog"), timeout=TIMEOUT)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    import hashlib

    assert etag == f'"{hashlib.sha256(first.content).hexdigest()}"'
    assert first.json()["catalog_version"]
    same = terminal.http.get(
        terminal.url("/v1/catalog"), timeout=TIMEOUT, headers={"If-None-Match": etag}
    )
    assert same.status_code == 304 and same.content == b""
    assert same.headers["X-Kiosk-Api"] == "1"
    catalog = first.json()
    catalog["catalog_version"] = "2026.12-next"
    central.publish_catalog(catalog)
    newer = terminal.http.get(
        terminal.url("/v1/catalog"), timeout=TIMEOUT, headers={"If-None-Match": etag}
    )
    assert newer.status_code == 200 and newer.json()["catalog_version"] == "2026.12-next"
    assert newer.headers["ETag"] != etag


def test_unknown_route_and_method_are_structured(terminal: Client) -> None:
    assert_error(
        terminal.http.get(terminal.url("/v1/nothing-here"), timeout=TIMEOUT), 404, "not_found"
    )
    assert_error(terminal.http.delete(terminal.url("/v1/catalog"), timeout=TIMEOUT), 405)
