"""Back office over real HTTP: login, CSRF, status change to the feed, catalogue, fleet,
bad-rating follow-up, and the de-identified public board (SQLite)."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import requests

from central.services import users
from tests.central.conftest import CSRF_RE, Client, make_client
from tests.central.helpers import TIMEOUT, rating_body, submission_body
from tests.central_server import CentralServer, running_central_server


def test_login_required_and_wrong_password(central_sqlite: CentralServer) -> None:
    users.add_user(central_sqlite.db, "li", "another password")
    with requests.Session() as browser:
        r = browser.get(central_sqlite.base_url + "/office/cases", timeout=TIMEOUT)
        assert r.url.endswith("/office/login")
        token = CSRF_RE.search(r.text).group(1)  # type: ignore[union-attr]
        bad = browser.post(
            central_sqlite.base_url + "/office/login",
            timeout=TIMEOUT,
            data={"username": "li", "password": "wrong!", "csrf": token},
        )
        assert bad.status_code == 401 and "错误" in bad.text
        forged = browser.post(
            central_sqlite.base_url + "/office/login",
            timeout=TIMEOUT,
            data={"username": "li", "password": "another password", "csrf": "forged"},
        )
        assert forged.status_code == 403
    from sqlalchemy import text

    with central_sqlite.db.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("scrypt$") and "another password" not in stored


def test_status_change_reaches_the_terminal_feed(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    sid = str(uuid.uuid4())
    body = submission_body(kiosk.terminal_id)
    assert (
        kiosk.http.put(kiosk.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT).status_code
        == 201
    )
    listing = browser.get(
        central_sqlite.base_url + "/office/cases",
        timeout=TIMEOUT,
        params={"status": "received", "department": "jn_sib"},
    )
    assert body["tracking_number"] in listing.text and "济南市社会保险事业中心" in listing.text
    filtered = browser.get(
        central_sqlite.base_url + "/office/cases", timeout=TIMEOUT, params={"status": "approved"}
    )
    assert body["tracking_number"] not in filtered.text
    detail = browser.get(f"{central_sqlite.base_url}/office/cases/{sid}", timeout=TIMEOUT)
    assert "张三丰" in detail.text  # staff see the form data
    no_csrf = browser.post(
        f"{central_sqlite.base_url}/office/cases/{sid}/status",
        data={"status": "accepted", "csrf": "x"},
        timeout=TIMEOUT,
    )
    assert no_csrf.status_code == 403
    ok = browser.post(
        f"{central_sqlite.base_url}/office/cases/{sid}/status",
        timeout=TIMEOUT,
        data={"status": "accepted", "csrf": csrf, "note_zh": "已受理", "note_en": "Accepted"},
    )
    assert ok.status_code == 200 and "已受理" in ok.text
    feed = kiosk.http.get(kiosk.url("/v1/submissions/changes"), timeout=TIMEOUT).json()
    assert feed["changes"][-1]["status"] == "accepted"
    assert feed["changes"][-1]["note"] == {"zh": "已受理", "en": "Accepted"}


def test_publish_catalog_and_reject_bad_json(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    url = central_sqlite.base_url + "/office/catalog"
    bad = browser.post(
        url, data={"csrf": csrf}, files={"file": ("c.json", b"{not json")}, timeout=TIMEOUT
    )
    assert bad.status_code == 422 and "JSON" in bad.text
    shapeless = browser.post(
        url,
        data={"csrf": csrf},
        timeout=TIMEOUT,
        files={"file": ("c.json", b'{"catalog_version": "x"}')},
    )
    assert shapeless.status_code == 422 and "matters" in shapeless.text
    catalog = kiosk.http.get(kiosk.url("/v1/catalog"), timeout=TIMEOUT).json()
    catalog["catalog_version"] = "2026.12-office"
    good = browser.post(
        url,
        data={"csrf": csrf},
        timeout=TIMEOUT,
        files={"file": ("c.json", json.dumps(catalog, ensure_ascii=False).encode())},
    )
    assert good.status_code == 200 and "2026.12-office" in good.text
    got = kiosk.http.get(kiosk.url("/v1/catalog"), timeout=TIMEOUT).json()
    assert got["catalog_version"] == "2026.12-office"


def test_enroll_and_revoke_terminals(
    central_sqlite: CentralServer, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    base = central_sqlite.base_url
    page = browser.post(
        base + "/office/terminals",
        timeout=TIMEOUT,
        data={"station": "燕山街道服务站", "terminal_id": "JN-YS-0001", "csrf": csrf},
    )
    code = re.search(r'id="enrollment-code">([^<]+)<', page.text).group(1)  # type: ignore[union-attr]
    with requests.Session() as kiosk_http:
        r = kiosk_http.post(
            base + "/v1/enroll", timeout=TIMEOUT, json={"code": code, "terminal_id": "JN-YS-0001"}
        )
        assert r.status_code == 201 and r.json()["station"] == "燕山街道服务站"
        token = r.json()["token"]
        revoked = browser.post(
            base + "/office/terminals/JN-YS-0001/revoke", timeout=TIMEOUT, data={"csrf": csrf}
        )
        assert revoked.status_code == 200 and "已吊销" in revoked.text
        denied = kiosk_http.get(
            base + "/v1/catalog", timeout=TIMEOUT, headers={"Authorization": f"Bearer {token}"}
        )
        assert denied.status_code == 403


def test_fleet_health(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, _csrf = staff
    beat = {
        "terminal_id": kiosk.terminal_id,
        "at": "2026-11-27T08:00:00Z",
        "devices": {"printer": {"state": "paper_low", "message_key": None}},
        "outbox": {"depth": 4, "oldest_age_s": 7200, "quarantined": 1},
    }
    assert (
        kiosk.http.post(kiosk.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT).status_code == 204
    )
    central_sqlite.enroll("JN-LX-0099")  # never sent a heartbeat
    page = browser.get(central_sqlite.base_url + "/office/fleet", timeout=TIMEOUT).text
    row = page[page.index("JN-LX-0001") :].split("</tr>")[0]
    assert "在线" in row and "纸将尽" in row and "积压" in row
    silent = page[page.index("JN-LX-0099") :].split("</tr>")[0]
    assert "离线" in silent and "从未" in silent


def test_fleet_free_disk_with_low_disk_warning(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, _csrf = staff
    other = make_client(central_sqlite, "JN-LX-0002")
    for client, free in ((kiosk, 320.0), (other, 20480.0)):
        beat = {
            "terminal_id": client.terminal_id,
            "at": "2026-11-27T08:00:00Z",
            "free_disk_mb": free,
        }
        r = client.http.post(client.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT)
        assert r.status_code == 204
    other.http.close()
    central_sqlite.enroll("JN-LX-0099")  # never sent a heartbeat
    page = browser.get(central_sqlite.base_url + "/office/fleet", timeout=TIMEOUT).text
    assert "磁盘剩余" in page and "低于 500 MB" in page

    def row(terminal_id: str) -> str:
        return page[page.index(terminal_id) :].split("</tr>")[0]

    low = row("JN-LX-0001")
    assert "320 MB" in low and "⚠ 空间不足" in low
    healthy = row("JN-LX-0002")
    assert "20.0 GB" in healthy and "空间不足" not in healthy
    assert "空间不足" not in row("JN-LX-0099")


def test_fleet_low_disk_threshold_is_a_setting(tmp_path: Path) -> None:
    with running_central_server(tmp_path / "c", low_disk_mb=2048) as central:
        client = make_client(central, "JN-LX-0001")
        beat = {"terminal_id": "JN-LX-0001", "at": "2026-11-27T08:00:00Z", "free_disk_mb": 1500}
        assert client.http.post(client.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT).ok
        client.http.close()
        users.add_user(central.db, "wang", "correct horse battery")
        with requests.Session() as browser:
            browser.get(
                central.base_url + "/_testing/login",
                params={"user": "wang", "next": "/office/fleet"},
                timeout=TIMEOUT,
            )
            page = browser.get(central.base_url + "/office/fleet", timeout=TIMEOUT).text
        assert "低于 2048 MB" in page
        assert "⚠ 空间不足" in page[page.index("JN-LX-0001") :].split("</tr>")[0]


def test_bad_rating_follow_up_and_deidentified_public_board(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    base = central_sqlite.base_url
    secret_case = "LX01-20261127-SECRET-9"
    ratings = [
        ("r-good", "LX01-20261127-0001-1", 5),
        ("r-ok", "LX01-20261127-0002-2", 3),
        ("r-bad", secret_case, 1),
    ]
    for rid, number, level in ratings:
        body = rating_body(
            number,
            level,
            comment="王小明 13912345678 态度差" if level == 1 else None,
            anonymous=level != 1,
            contact="13912345678" if level == 1 else None,
            reasons=["等待时间长"] if level == 1 else [],
        )
        assert (
            kiosk.http.put(kiosk.url(f"/v1/ratings/{rid}"), json=body, timeout=TIMEOUT).status_code
            == 201
        )
    public = requests.get(base + "/public/ratings", timeout=TIMEOUT)  # no login
    assert public.status_code == 200
    assert "城乡居民基本养老保险参保登记" in public.text and "66.7%" in public.text
    for personal in (secret_case, "王小明", "13912345678", "JN-LX-0001", "态度差"):
        assert personal not in public.text
    stats = requests.get(base + "/public/ratings.json", timeout=TIMEOUT).json()
    (matter,) = stats["matters"]
    assert matter["counts"] == {
        "非常满意": 1,
        "满意": 0,
        "基本满意": 1,
        "不满意": 0,
        "非常不满意": 1,
    }
    assert secret_case not in json.dumps(stats, ensure_ascii=False)
    todo = browser.get(base + "/office/ratings", timeout=TIMEOUT).text
    assert secret_case in todo and "13912345678" in todo and "LX01-20261127-0001-1" not in todo
    done = browser.post(
        base + "/office/ratings/r-bad/follow-up",
        timeout=TIMEOUT,
        data={"csrf": csrf, "note": "已电话回访"},
    )
    assert done.status_code == 200 and "已回访</span> wang" in done.text


def test_testing_login_bypass_exists_only_in_testing_apps(
    central_sqlite: CentralServer, tmp_path: Path
) -> None:
    with requests.Session() as http:
        r = http.get(
            central_sqlite.base_url + "/_testing/login",
            params={"user": "shots", "next": "/office/fleet"},
            timeout=TIMEOUT,
        )
        assert r.status_code == 200 and r.url.endswith("/office/fleet")
    with (
        running_central_server(tmp_path / "prod", testing=False) as prod,
        requests.Session() as http,
    ):
        r = http.get(prod.base_url + "/_testing/login", params={"user": "x"}, timeout=TIMEOUT)
        assert r.status_code == 404
        assert http.get(prod.base_url + "/office/fleet", timeout=TIMEOUT).url.endswith("/login")
