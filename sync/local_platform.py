"""A local central platform for ``make run`` when ``platform.url`` is empty.

``kiosk-central serve`` runs as a child process on 127.0.0.1 (a free port, data under
``<data_dir>/central``, the sample catalogue published), and this terminal is enrolled with a
code from ``kiosk-central terminals add``. The child is stopped when the kiosk process exits
(``atexit``) — and because it is a separate process, a crash of the platform never takes the
kiosk with it, which is also what a real deployment looks like.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from kiosk.catalog.loader import sample_catalog_path
from kiosk.errors import PlatformError, PlatformUnauthorizedError
from kiosk.ports.platform import PlatformClient
from sync.enrollment import enroll_terminal
from sync.files import load_credentials, save_credentials

log = logging.getLogger(__name__)

_RUN_CENTRAL = "import sys; from central.cli import main; sys.exit(main())"
START_TIMEOUT_S = 30.0


@dataclass
class LocalPlatform:
    url: str
    data_dir: Path
    station: str
    process: subprocess.Popen[bytes] = field(repr=False)

    def add_enrollment_code(self) -> str:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                _RUN_CENTRAL,
                "terminals",
                "add",
                "--station",
                self.station,
                "--data-dir",
                str(self.data_dir),
            ],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return out.stdout.decode().strip().splitlines()[-1]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    """The API answers (any status with our header) — checked without ``requests`` retries."""
    import requests

    try:
        resp = requests.get(f"{url}/v1/catalog", timeout=(0.5, 2))
    except requests.RequestException:
        return False
    return resp.headers.get("X-Kiosk-Api") == "1"


def start_local_platform(data_dir: Path, *, station: str) -> LocalPlatform:
    data_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log_file = (data_dir / "central.log").open("ab")
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _RUN_CENTRAL,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--data-dir",
                str(data_dir),
                "--catalog",
                str(sample_catalog_path()),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    finally:
        log_file.close()
    platform = LocalPlatform(f"http://127.0.0.1:{port}", data_dir, station, process)
    atexit.register(platform.stop)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _answers(platform.url):
        if process.poll() is not None or time.monotonic() > deadline:
            platform.stop()
            raise PlatformError("error.platform.local_start_failed", detail=str(data_dir))
        time.sleep(0.1)  # polling a child process that has no readiness signal
    return platform


def ensure_enrolled(
    platform: LocalPlatform,
    client: PlatformClient,
    kiosk_data_dir: Path,
    terminal_id: str,
    app_version: str,
    now: datetime,
) -> None:
    """Enroll unless our stored token still works on this platform; keep the URL current."""
    credentials = load_credentials(kiosk_data_dir)
    if credentials is not None:
        if credentials.platform_url != platform.url:
            credentials = replace(credentials, platform_url=platform.url)
            save_credentials(kiosk_data_dir, credentials)
        try:
            client.fetch_catalog(None)
            return
        except PlatformUnauthorizedError:
            log.info("stored token unknown to the local platform: enrolling again")
        except PlatformError:
            with contextlib.suppress(Exception):
                platform.stop()
            raise
    enroll_terminal(
        client,
        kiosk_data_dir,
        platform.url,
        platform.add_enrollment_code(),
        terminal_id,
        app_version,
        now,
    )
