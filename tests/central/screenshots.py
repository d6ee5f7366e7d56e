"""Screenshots of every back-office page and the public board, taken by headless Chromium.

    python -m tests.central.screenshots OUTDIR

Starts a testing platform (SQLite in a temp dir) with two enrolled terminals, a few cases in
several states, ratings (good and bad), a complaint and heartbeats (one terminal healthy, one
with low paper and a stuck outbox), then screenshots each page at 1280x900. Pages behind the
login go through ``/_testing/login`` (testing apps only), which sets the session cookie.

Needs Debian's ``chromium`` (not a project dependency: install it by hand to look at pages).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import requests

from tests.central.helpers import TIMEOUT, rating_body, submission_body, upload
from tests.central_server import CentralServer, running_central_server

WINDOW = "1280,900"


def populate(central: CentralServer) -> str:
    """Fill the platform with a small, realistic day; returns one case id."""
    now = dt.datetime.now(dt.UTC)
    terminals = {
        "JN-LX-0001": central.enroll("JN-LX-0001", "LX01 历下区泉城路社区服务站"),
        "JN-SZ-0002": central.enroll("JN-SZ-0002", "SZ02 市中区大观园社区服务站"),
    }
    central.create_enrollment_code("HY03 槐荫区西市场社区服务站", "JN-HY-0003")
    central.create_enrollment_code("TQ04 天桥区北园街道服务站")
    people = [
        ("张三丰", "rk-1001", "370102-SB-001"),
        ("李秀英", "rk-1002", "370102-SB-002"),
        ("王建国", "rk-1003", "370102-YB-001"),
        ("赵敏", "rk-1004", "370102-SB-001"),
        ("陈晓东", "rk-1005", "370102-SB-003"),
    ]
    first = ""
    statuses = ["received", "accepted", "needs_supplement", "approved", "result_ready"]
    for index, (name, resident, matter) in enumerate(people):
        terminal_id = list(terminals)[index % 2]
        with requests.Session() as http:
            http.headers["Authorization"] = f"Bearer {terminals[terminal_id]}"
            material = upload(http, central.base_url, f"jpeg {index}".encode(), slot="id_card")
            sid = str(uuid.uuid4())
            station = terminal_id.split("-")[1] + f"0{index % 2 + 1}"
            body = submission_body(
                terminal_id,
                [material],
                matter_code=matter,
                resident_key=resident,
                station_code=station,
                tracking_number=f"{station}-20261127-{index + 1:04d}",
                data={
                    "applicant_name": name,
                    "applicant_sex": "1" if index % 2 == 0 else "2",
                    "phone": f"1380000{index:04d}",
                    "address": "济南市历下区泉城路 180 号",
                },
            )
            r = http.put(f"{central.base_url}/v1/submissions/{sid}", json=body, timeout=TIMEOUT)
            r.raise_for_status()
            first = first or sid
            status = statuses[index]
            if status != "received":
                central.change_status(sid, "accepted", note_zh="已受理", note_en="Accepted")
            if status not in ("received", "accepted"):
                central.change_status(
                    sid, status, note_zh="请补充户口簿复印件", note_en="Please add the register"
                )
            level = [5, 4, 1, 2, 5][index]
            rating = rating_body(
                body["tracking_number"],
                level=level,
                matter_code=matter,
                anonymous=level > 2,
                contact=None if level > 2 else "13900001111",
                comment=None if level > 2 else "排队时间太长，窗口人员态度一般",
                reasons=[] if level > 2 else ["long_wait", "poor_attitude"],
            )
            r = http.put(
                f"{central.base_url}/v1/ratings/r-{uuid.uuid4().hex[:12]}",
                json=rating,
                timeout=TIMEOUT,
            )
            r.raise_for_status()
            if index == 2:
                complaint = {
                    "text": "打印机没纸了，无法打印回执",
                    "created_at": now.isoformat(),
                    "anonymous": True,
                }
                http.put(
                    f"{central.base_url}/v1/complaints/c-{uuid.uuid4().hex[:12]}",
                    json=complaint,
                    timeout=TIMEOUT,
                ).raise_for_status()
    for terminal_id, token in terminals.items():
        healthy = terminal_id == "JN-LX-0001"
        beat = {
            "terminal_id": terminal_id,
            "at": now.isoformat(),
            "app_version": "0.9.0",
            "catalog_version": "2026.11-sample",
            "devices": {
                "printer": {"state": "ok" if healthy else "paper_low"},
                "card_reader": {"state": "ok"},
                "camera": {"state": "ok"},
            },
            "outbox": {
                "depth": 0 if healthy else 12,
                "oldest_age_s": None if healthy else 7200.0,
                "quarantined": 0,
            },
            "last_sync_at": now.isoformat(),
            "free_disk_mb": 20480.0 if healthy else 420.0,
        }
        requests.post(
            f"{central.base_url}/v1/heartbeat",
            json=beat,
            headers={"Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
        ).raise_for_status()
    return first


def shoot(url: str, out: Path, profile: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found: apt-get install -y chromium")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={out}",
            f"--window-size={WINDOW}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "docs/screenshots/central")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_central_server(Path(tmp) / "c") as central:
        case_id = populate(central)
        base = central.base_url
        pages = {
            "public-ratings": "/public/ratings",
            "login": "/office/login",
            "cases": "/office/cases",
            "case": f"/office/cases/{case_id}",
            "terminals": "/office/terminals",
            "fleet": "/office/fleet",
            "catalog": "/office/catalog",
            "ratings": "/office/ratings",
            "complaints": "/office/complaints",
        }
        for name, path in pages.items():
            url = base + path
            if path.startswith("/office/") and path != "/office/login":
                url = f"{base}/_testing/login?user=admin&next={quote(path)}"
            shoot(url, out_dir / f"{name}.png", Path(tmp) / f"profile-{name}")
            print(out_dir / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
