"""What staff read on the back-office pages, over real HTTP (SQLite): no raw codes, China
Standard Time, pagination, pending enrollment codes (masked, revocable, expiring), and the
enrollment-code schema migration."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path

import requests
from sqlalchemy import func, select, text, update

from central.db import Database
from central.models import SCHEMA_VERSION, EnrollmentCode, Heartbeat
from central.services import reports, terminals, vocab
from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, rating_body, submission_body, upload
from tests.central_server import CentralServer

CODE_RE = re.compile(r'id="enrollment-code">([^<]+)<')
RATING_SCHEME = Path(__file__).resolve().parents[2] / "config" / "rating_indicators.json"


class _VisibleText(HTMLParser):
    """The text a browser shows: character data outside <script>/<style>/<head>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._hidden += 1
        if tag == "input":
            values = dict(attrs)
            if values.get("type") not in ("hidden", "file") and values.get("value"):
                self.parts.append(values["value"] or "")
            if values.get("placeholder"):
                self.parts.append(values["placeholder"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def raw_codes_in(page: str, codes: set[str]) -> list[str]:
    shown = visible_text(page)
    return sorted(
        code
        for code in codes
        if re.search(rf"(?<![A-Za-z0-9_/.-]){re.escape(code)}(?![A-Za-z0-9_/-])", shown)
    )


def test_vocab_matches_the_rating_scheme_the_kiosk_uses() -> None:
    scheme = json.loads(RATING_SCHEME.read_text(encoding="utf-8"))
    assert {r["code"]: r["label"]["zh"] for r in scheme["reasons"]} == vocab.REASON_LABELS
    assert {i["code"]: i["label"]["zh"] for i in scheme["indicators"]} == vocab.INDICATOR_LABELS
    assert {lv["level"]: lv["label"]["zh"] for lv in scheme["levels"]} == reports.LEVEL_LABELS


def test_no_page_shows_a_raw_code(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    """Every back-office page and the public board, filled with every kind of code staff see."""
    browser, _csrf = staff
    base = central_sqlite.base_url
    material = upload(kiosk.http, base, b"id card photo", slot="id_card")
    sid = str(uuid.uuid4())
    body = submission_body(
        kiosk.terminal_id,
        [material],
        data={"applicant_name": "张三丰", "applicant_sex": "1", "phone": "13800003210"},
        delivery="mail",
    )
    put = kiosk.http.put(kiosk.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT)
    assert put.status_code == 201
    central_sqlite.change_status(sid, "needs_supplement", note_zh="请补充户口簿")
    bad = rating_body(
        body["tracking_number"],
        level=1,
        reasons=list(vocab.REASON_LABELS),
        comment="排队太久",
        anonymous=False,
        contact="13900001111",
    )
    assert kiosk.http.put(kiosk.url("/v1/ratings/r-bad"), json=bad, timeout=TIMEOUT).ok
    beat = {
        "terminal_id": kiosk.terminal_id,
        "at": dt.datetime.now(dt.UTC).isoformat(),
        "devices": {"printer": {"state": "paper_low"}},
        "outbox": {"depth": 3, "oldest_age_s": 7200, "quarantined": 1},
    }
    assert kiosk.http.post(kiosk.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT).ok
    central_sqlite.create_enrollment_code("HY03 槐荫区西市场社区服务站", "JN-HY-0003")
    complaint = {
        "text": "打印机没纸了",
        "matter_code": "370102-SB-001",
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "anonymous": False,
        "contact": "13700001111",
    }
    r = kiosk.http.put(kiosk.url("/v1/complaints/c-1"), json=complaint, timeout=TIMEOUT)
    assert r.status_code == 201

    codes = {
        *vocab.REASON_LABELS,
        *vocab.INDICATOR_LABELS,
        *vocab.DELIVERY_LABELS,
        *vocab.MEDIA_TYPE_LABELS,
        *vocab.PUBLISHER_LABELS,
        *reports.STATUS_LABELS,
        "applicant_name",
        "applicant_sex",
        "phone",
        "id_card",
        "household_register",
        "jn_sib",
        "paper_low",
    }
    pages = [
        "/office/cases",
        f"/office/cases/{sid}",
        "/office/ratings",
        "/office/fleet",
        "/office/terminals",
        "/office/catalog",
        "/office/complaints",
        "/public/ratings",
    ]
    for path in pages:
        page = browser.get(base + path, timeout=TIMEOUT)
        assert page.status_code == 200, path
        assert raw_codes_in(page.text, codes) == [], path
    case = visible_text(browser.get(f"{base}/office/cases/{sid}", timeout=TIMEOUT).text)
    for label in ("邮寄", "居民身份证", "居民户口簿", "性别", "男", "图片（JPEG）"):
        assert label in case
    complaints = visible_text(browser.get(base + "/office/complaints", timeout=TIMEOUT).text)
    assert "打印机没纸了" in complaints and "13700001111" in complaints
    assert "城乡居民基本养老保险参保登记" in complaints
    ratings = visible_text(browser.get(base + "/office/ratings", timeout=TIMEOUT).text)
    for label in (*vocab.REASON_LABELS.values(), *vocab.INDICATOR_LABELS.values()):
        assert label in ratings
    # A code the platform has no label for is flagged, not passed off as text.
    assert raw_codes_in("<p>waiting_too_long</p>", {"waiting_too_long"}) == ["waiting_too_long"]
    assert vocab.reason("waiting_too_long") == "未登记代码：waiting_too_long"


def test_times_are_china_standard_time(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, _csrf = staff
    sid = str(uuid.uuid4())
    body = submission_body(kiosk.terminal_id)
    assert kiosk.http.put(kiosk.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT).ok
    from central.models import Submission

    utc = dt.datetime(2026, 11, 27, 22, 30, tzinfo=dt.UTC)  # 06:30 the next morning in Jinan
    with central_sqlite.db.transaction() as session:
        session.execute(update(Submission).where(Submission.id == sid).values(received_at=utc))
    page = browser.get(central_sqlite.base_url + f"/office/cases/{sid}", timeout=TIMEOUT).text
    assert "2026-11-28 06:30" in page and "2026-11-27 22:30" not in page
    listed = browser.get(
        central_sqlite.base_url + "/office/cases",
        params={"date_from": "2026-11-28", "date_to": "2026-11-28"},
        timeout=TIMEOUT,
    ).text
    assert body["tracking_number"] in listed  # the day filter is the Jinan day too


def test_long_lists_are_paged(
    central_sqlite: CentralServer, kiosk: Client, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    base = central_sqlite.base_url
    numbers = [f"LX01-20261127-{i:04d}" for i in range(reports.PAGE_SIZE + 7)]
    for i, number in enumerate(numbers):
        body = rating_body(number, level=2, reasons=["long_wait"])
        r = kiosk.http.put(kiosk.url(f"/v1/ratings/r-{i}"), json=body, timeout=TIMEOUT)
        assert r.status_code == 201
    first = browser.get(base + "/office/ratings", timeout=TIMEOUT).text
    second = browser.get(base + "/office/ratings", params={"page": 2}, timeout=TIMEOUT).text
    assert first.count("/follow-up") == reports.PAGE_SIZE
    assert second.count("/follow-up") == 7
    assert f"共 {len(numbers)} 条" in first and "下一页" in first and "上一页" in second
    shown = {n for n in numbers if n in first} | {n for n in numbers if n in second}
    assert shown == set(numbers)
    beyond = browser.get(base + "/office/ratings", params={"page": 99}, timeout=TIMEOUT)
    assert beyond.status_code == 200 and beyond.text.count("/follow-up") == 7
    done = browser.post(
        base + "/office/ratings/r-0/follow-up",
        data={"csrf": csrf, "note": "已电话回访", "page": "2"},
        timeout=TIMEOUT,
    )
    assert done.url.endswith("/office/ratings?page=2")

    for i in range(reports.PAGE_SIZE + 3):
        body = submission_body(kiosk.terminal_id, tracking_number=f"LX01-20261127-C{i:03d}")
        sid = str(uuid.uuid4())
        assert kiosk.http.put(kiosk.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT).ok
    cases = browser.get(base + "/office/cases", params={"status": "received"}, timeout=TIMEOUT)
    assert cases.text.count('href="/office/cases/') == reports.PAGE_SIZE
    assert "status=received" in cases.text and "page=2" in cases.text  # filters kept
    rest = browser.get(
        base + "/office/cases", params={"status": "received", "page": "2"}, timeout=TIMEOUT
    )
    assert rest.text.count('href="/office/cases/') == 3


def test_pending_enrollment_codes_are_listed_masked_and_revocable(
    central_sqlite: CentralServer, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    base = central_sqlite.base_url
    created = browser.post(
        base + "/office/terminals",
        data={"station": "燕山街道服务站", "terminal_id": "JN-YS-0001", "csrf": csrf},
        timeout=TIMEOUT,
    )
    code = CODE_RE.search(created.text).group(1)  # type: ignore[union-attr]
    other = browser.post(
        base + "/office/terminals",
        data={"station": "姚家街道服务站", "terminal_id": "", "csrf": csrf},
        timeout=TIMEOUT,
    )
    other_code = CODE_RE.search(other.text).group(1)  # type: ignore[union-attr]

    listing = browser.get(base + "/office/terminals", timeout=TIMEOUT).text
    pending = listing[listing.index('id="pending-codes"') :].split("</table>")[0]
    assert "燕山街道服务站" in pending and "JN-YS-0001" in pending and "姚家街道服务站" in pending
    assert code not in listing and other_code not in listing
    assert code[:8] not in listing  # only the last four characters are shown
    assert terminals.mask(code[-4:]) in pending and "wang" in pending
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    assert expires.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d") in pending

    listed = terminals.pending_codes(central_sqlite.db)
    (row,) = [p for p in listed if p.station == "姚家街道服务站"]
    revoked = browser.post(
        f"{base}/office/enrollment-codes/{row.id}/revoke", data={"csrf": csrf}, timeout=TIMEOUT
    )
    assert revoked.status_code == 200 and "登记码已作废" in revoked.text
    assert "姚家街道服务站" not in revoked.text.split('id="pending-codes"')[1].split("</table>")[0]
    forged = browser.post(
        f"{base}/office/enrollment-codes/{row.id}/revoke", data={"csrf": "x"}, timeout=TIMEOUT
    )
    assert forged.status_code == 403
    with requests.Session() as kiosk_http:
        refused = kiosk_http.post(
            base + "/v1/enroll",
            json={"code": other_code, "terminal_id": "JN-YJ-0001"},
            timeout=TIMEOUT,
        )
        assert refused.status_code == 403 and "revoked" in refused.text
        ok = kiosk_http.post(
            base + "/v1/enroll", json={"code": code, "terminal_id": "JN-YS-0001"}, timeout=TIMEOUT
        )
        assert ok.status_code == 201
    after = browser.get(base + "/office/terminals", timeout=TIMEOUT).text
    assert "没有未使用的登记码" in after  # used and revoked codes leave the list
    used = browser.post(
        f"{base}/office/enrollment-codes/{row.id}/revoke", data={"csrf": csrf}, timeout=TIMEOUT
    )
    assert used.status_code == 200  # revoking twice is harmless
    gone = browser.post(
        f"{base}/office/enrollment-codes/{'0' * 64}/revoke", data={"csrf": csrf}, timeout=TIMEOUT
    )
    assert gone.status_code == 404


def test_expired_enrollment_code_is_refused_and_not_listed(
    central_sqlite: CentralServer, staff: tuple[requests.Session, str]
) -> None:
    browser, _csrf = staff
    code = central_sqlite.create_enrollment_code("过期站点")
    with central_sqlite.db.transaction() as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        session.execute(update(EnrollmentCode).values(expires_at=past))
    page = browser.get(central_sqlite.base_url + "/office/terminals", timeout=TIMEOUT).text
    assert "过期站点" not in page
    r = requests.post(
        central_sqlite.base_url + "/v1/enroll",
        json={"code": code, "terminal_id": "JN-GQ-0001"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 403 and "expired" in r.text


def test_enrollment_code_form_errors_are_in_chinese(
    central_sqlite: CentralServer, staff: tuple[requests.Session, str]
) -> None:
    browser, csrf = staff
    r = browser.post(
        central_sqlite.base_url + "/office/terminals",
        data={"station": "燕山", "terminal_id": "bad id!", "csrf": csrf},
        timeout=TIMEOUT,
    )
    assert r.status_code == 422 and "终端编号只能包含" in r.text and 'value="燕山"' in r.text
    assert 'id="enrollment-code"' not in r.text


def test_schema_v1_database_gains_the_enrollment_code_columns(
    tmp_path: Path, backend_url: str | None
) -> None:
    db = Database(backend_url or f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        db.create_schema()
        with db.engine.begin() as conn:  # make it look like a v1 database
            for column in ("hint", "expires_at", "revoked_at", "created_by"):
                conn.execute(text(f"ALTER TABLE enrollment_codes DROP COLUMN {column}"))
            conn.execute(text("DELETE FROM schema_version"))
            conn.execute(text("INSERT INTO schema_version VALUES (1, CURRENT_TIMESTAMP)"))
            conn.execute(
                text(
                    "INSERT INTO enrollment_codes (code_hash, station, created_at) "
                    "VALUES ('h1', '老站点', CURRENT_TIMESTAMP)"
                )
            )
        db.create_schema()
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT max(version) FROM schema_version")).scalar()
        assert version == SCHEMA_VERSION
        (old,) = terminals.pending_codes(db)
        assert old.station == "老站点" and old.expires_at is None and old.masked.endswith("????")
    finally:
        db.close()


def test_heartbeats_keep_one_row_per_terminal(central_sqlite: CentralServer, kiosk: Client) -> None:
    """Retention: heartbeats are health, not history; central stores no per-request log."""
    for i in range(5):
        beat = {"terminal_id": kiosk.terminal_id, "at": f"2026-11-27T08:0{i}:00Z"}
        assert kiosk.http.post(kiosk.url("/v1/heartbeat"), json=beat, timeout=TIMEOUT).ok
    with central_sqlite.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Heartbeat)) == 1
