"""Exactly once under SIGKILL: a child runs the sender against the REAL central and is killed
at random points of its send loop, more than 100 times, restarting each time.

Kills land during start-up recovery, while finalizing, between mark_sending and the PUT,
mid-upload, after the platform committed but before mark_acknowledged, and mid-transition.
At the end every finalized submission exists on the platform exactly once, with attachments
whose sha256 the platform verified, nothing is stuck in ``sending``, the outbox is drained.
"""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.store import open_database
from sync.files import save_credentials
from tests.central_server import CentralServer
from tests.core.test_store_crash import _Lines
from tests.sync.conftest import STATION, TERMINAL, _credentials


def _now() -> datetime:
    return datetime.now(UTC)


ROOT = Path(__file__).resolve().parents[2]
KILLS = 110
READY_TIMEOUT_S = 20.0


def _spawn(data_dir: Path, url: str, seed: int, n: int, stderr: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.sync.sender_crash_worker",
            str(data_dir),
            url,
            str(seed),
            str(n),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr,  # type: ignore[arg-type]
    )


def _run(
    data_dir: Path, url: str, seed: int, n: int, tmp: Path, kill_after: float | None
) -> list[str]:
    with (tmp / "stderr.txt").open("wb") as stderr:
        proc = _spawn(data_dir, url, seed, n, stderr)
    try:
        lines = _Lines(proc)
        if kill_after is None:
            assert lines.until("drained", 60), (tmp / "stderr.txt").read_text()
        elif kill_after < 0:
            lines.pump(-kill_after)  # may land in start-up recovery or finalize
        else:
            assert lines.until("ready", READY_TIMEOUT_S), (tmp / "stderr.txt").read_text()
            lines.pump(kill_after)
        assert proc.poll() is None, (tmp / "stderr.txt").read_text()
        proc.kill()
        proc.wait()
        lines.drain()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()
    return [line.split()[1] for line in lines.lines if line.startswith("F ")]


@pytest.mark.slow
def test_every_submission_arrives_exactly_once_despite_sigkill(
    tmp_path: Path, central: CentralServer
) -> None:
    data_dir = tmp_path / "kiosk"
    open_database(
        data_dir,
        clock=lambda: __import__("datetime").datetime.now(__import__("datetime").UTC),
        station_code=STATION,
    ).close()
    token = central.enroll(TERMINAL)
    save_credentials(data_dir, _credentials(central.base_url, token))
    rng = random.Random(20261127)
    promised: list[str] = []
    promised += _run(data_dir, central.base_url, 1, 12, tmp_path, kill_after=0.3)
    for round_no in range(KILLS):
        n = 1 if rng.random() < 0.3 else 0  # some submissions finalized while it runs
        early = rng.random() < 0.15
        kill_after = -rng.uniform(0.0, 0.5) if early else rng.uniform(0.0, 0.12)
        promised += _run(data_dir, central.base_url, 100 + round_no, n, tmp_path, kill_after)
    # A final clean run drains everything.
    _run(data_dir, central.base_url, 999, 0, tmp_path, kill_after=None)

    assert len(promised) >= 20 and len(set(promised)) == len(promised)
    with open_database(
        data_dir,
        clock=lambda: __import__("datetime").datetime.now(__import__("datetime").UTC),
        station_code=STATION,
    ) as store:
        counts = store.outbox.counts()
        assert counts["sending"] == 0 and counts["queued"] == 0 and counts["quarantined"] == 0
        assert counts["acknowledged"] == len(promised)
        assert central.submission_count() == len(promised)
        session = requests.Session()
        try:
            for key in promised:
                stored = central.submission(key)
                assert stored is not None, key
                refs = store.attachments.refs_for_submission(key)
                assert [m["sha256"] for m in stored["materials"]] == [r.sha256 for r in refs]
                for ref in refs:
                    head = session.head(
                        f"{central.base_url}/v1/attachments/{ref.sha256}",
                        headers={"Authorization": f"Bearer {token}"},
                        timeout=(2, 5),
                    )
                    assert head.headers["Upload-Complete"] == "?1"
                    assert int(head.headers["Content-Length"]) == ref.size
        finally:
            session.close()
    # The platform saw at least one replay or GET-before-resend: kills hit mid-send.
    seen = central.faults.seen
    gets = [
        p
        for m, p in seen
        if m == "GET" and p.startswith("/v1/submissions/") and not p.endswith("changes")
    ]
    puts = [p for m, p in seen if m == "PUT" and p.startswith("/v1/submissions/")]
    assert gets or len(puts) > len(promised)
