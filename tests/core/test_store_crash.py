"""Crash safety: SIGKILL a worker at random moments, many times, then audit the store.

The worker prints a submission's idempotency key only after ``finalize`` returned, so every
printed key is a promise ("your case is committed") that must hold after any crash. Kills land
anywhere: during start-up (migrations, recovery, sweep), mid-autosave, mid-attachment write,
mid-finalize, mid-outbox transition, mid-purge.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import select
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.store import open_database
from tests.core.store_crash_worker import SHARED_PHOTO, expected_values

ROOT = Path(__file__).resolve().parents[2]
KILLS = 60
READY_TIMEOUT_S = 30.0


class _Lines:
    """Line reader over a pipe that can wait with a timeout (select), never a bare sleep."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self._fd = proc.stdout.fileno()
        self._buffer = b""
        self.lines: list[str] = []
        self.eof = False

    def pump(self, timeout: float) -> None:
        """Read whatever arrives within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not self.eof:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._fd], [], [], left)[0]:
                return
            self._take(os.read(self._fd, 65536))

    def until(self, line: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while line not in self.lines and not self.eof and time.monotonic() < deadline:
            self.pump(min(0.05, max(0.0, deadline - time.monotonic())))
        return line in self.lines

    def drain(self) -> None:
        """After the process is dead: everything it wrote before dying is still in the pipe."""
        while not self.eof:
            self._take(os.read(self._fd, 65536))

    def _take(self, chunk: bytes) -> None:
        if not chunk:
            self.eof = True
            return
        self._buffer += chunk
        *complete, self._buffer = self._buffer.split(b"\n")
        self.lines.extend(c.decode() for c in complete)


@pytest.mark.slow
def test_store_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20250314)
    reported: list[str] = []
    interrupted_work = 0
    for round_no in range(KILLS):
        with (tmp_path / "stderr.txt").open("wb") as stderr:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.core.store_crash_worker",
                    str(data_dir),
                    str(round_no + 1),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        try:
            lines = _Lines(proc)
            if rng.random() < 0.2:
                lines.pump(rng.uniform(0.0, 0.15))  # may hit start-up: migrate/recover/sweep
            else:
                assert lines.until("ready", READY_TIMEOUT_S), _stderr(tmp_path)
                lines.pump(rng.uniform(0.0, 0.3))
            assert proc.poll() is None, f"worker died by itself: {_stderr(tmp_path)}"
            proc.kill()
            proc.wait()
            lines.drain()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()
        keys = [line.split()[1] for line in lines.lines if line.startswith("F ")]
        interrupted_work += "ready" in lines.lines
        reported.extend(keys)

    assert interrupted_work >= KILLS // 2
    assert len(reported) >= 100, "too little work happened between kills to mean anything"
    assert len(set(reported)) == len(reported)

    with open_database(data_dir, clock=lambda: datetime.now(UTC), station_code="CRASH1") as store:
        db = store.db
        assert store.integrity_check()
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []

        # Every promised case exists exactly once, with its outbox row.
        for key in reported:
            rows = db.execute(
                "SELECT count(*) FROM submissions s JOIN outbox o ON o.submission_id = s.id "
                "WHERE s.id = ?",
                [key],
            ).fetchone()
            assert rows[0] == 1, key
        assert (
            db.execute(
                "SELECT count(*) FROM submissions s LEFT JOIN outbox o ON o.submission_id = s.id "
                "WHERE o.id IS NULL"
            ).fetchone()[0]
            == 0
        )

        # No half-written submission: full values and both attachment refs, or purged cleanly.
        for key, payload, purged_at in db.execute(
            "SELECT id, payload, purged_at FROM submissions"
        ).fetchall():
            refs = store.attachments.refs_for_submission(key)
            if purged_at is not None:
                assert payload is None and refs == []
                continue
            body = json.loads(payload)
            n = body["values"]["count"]
            assert body["values"] == expected_values(n)
            assert sorted(m["slot"] for m in body["materials"]) == ["own", "shared"]
            assert {(r.slot, r.sha256) for r in refs} == {
                (m["slot"], m["sha256"]) for m in body["materials"]
            }
            for ref in refs:
                content = store.attachments.read(ref.sha256)
                assert hashlib.sha256(content).hexdigest() == ref.sha256
                assert len(content) == ref.size
                if ref.slot == "shared":
                    assert content == SHARED_PHOTO

        # Recovery ran: nothing stuck in "sending"; no stray or torn files on disk.
        assert store.outbox.counts()["sending"] == 0
        on_disk = {
            p.parent.name + p.name
            for p in store.settings.attachments_dir.glob("*/*")
            if p.is_file()
        }
        in_db = {r[0] for r in db.execute("SELECT sha256 FROM attachments")}
        assert on_disk == in_db
        referenced = {r[0] for r in db.execute("SELECT DISTINCT sha256 FROM attachment_refs")}
        assert referenced == in_db
        # Everything finalized was also sendable: a full sender pass leaves nothing queued.
        delivered = 0
        while (item := store.outbox.next_due(datetime.now(UTC))) is not None:
            store.outbox.mark_sending(item.id)
            store.outbox.mark_acknowledged(item.id, "final")
            delivered += 1
        assert store.outbox.counts()["queued"] == 0


def _stderr(tmp_path: Path) -> str:
    return (tmp_path / "stderr.txt").read_text(errors="replace")[-2000:]
