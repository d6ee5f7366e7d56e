"""Enrollment (``kiosk enroll URL CODE``) and the doctor's platform probe.

The enrollment code is single-use; the token it buys is the terminal's identity from then on,
stored in ``credentials.json`` (0600) with the city-wide resident-key salt. Re-enrolling writes
a new token, which also lifts a "terminal not authorised" pause (the pause is bound to the
fingerprint of the token that was refused).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.errors import PlatformError, PlatformUnauthorizedError
from kiosk.ports.platform import PlatformClient
from sync.files import Credentials, SyncMemo, load_credentials, save_credentials


def enroll_terminal(
    client: PlatformClient,
    data_dir: Path,
    url: str,
    code: str,
    terminal_id: str,
    app_version: str,
    now: datetime,
) -> Credentials:
    enrollment = client.enroll(code.strip(), terminal_id, app_version)
    credentials = Credentials(
        platform_url=url.rstrip("/"),
        terminal_id=enrollment.terminal_id,
        station=enrollment.station,
        token=enrollment.token,
        resident_key_salt=enrollment.resident_key_salt,
        enrolled_at=now.isoformat(),
    )
    save_credentials(data_dir, credentials)
    memo = SyncMemo.load(data_dir)
    memo.paused_token = None
    memo.auth_problem = None
    memo.save(data_dir)
    return credentials


def probe_platform(client: PlatformClient, data_dir: Path) -> tuple[str, str]:
    """``(verdict, detail)`` with verdict ``ok``/``warn``/``FAIL`` (see kiosk.diagnostics).

    One authenticated, cheap request (the catalogue with our ETag, usually a 304). A refused
    token is FAIL ("terminal not authorised": a technician must re-enroll); an unreachable
    platform is only a warning, because the kiosk keeps working offline.
    """
    if load_credentials(data_dir) is None:
        return "warn", "not enrolled (kiosk enroll URL CODE)"
    memo = SyncMemo.load(data_dir)
    last = f"; last success {memo.last_success_at}" if memo.last_success_at else ""
    try:
        client.fetch_catalog(memo.catalog_etag)
    except PlatformUnauthorizedError as err:
        return "FAIL", f"terminal not authorised ({err.key}); re-enroll with kiosk enroll"
    except PlatformError as err:
        paused = " — terminal not authorised at last attempt" if memo.auth_problem else ""
        return "warn", f"platform unreachable ({err.key}){paused}{last}"
    if memo.auth_problem:
        return "warn", "authorised again; outbox paused until resumed (kiosk sync resume)"
    return "ok", f"reachable, authorised{last}"
