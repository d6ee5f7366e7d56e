"""``kiosk run`` stopped by a supervisor (SIGTERM) or Ctrl+C (SIGINT) goes through the normal
teardown: exit code 0, every SQLite connection closed (the WAL checkpointed away), and the
local central platform child it started is gone. Runs the real command in a child process on
Qt's offscreen platform, with its own local central on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline:
            found.append(int(entry.name))
    return found


def _wait_for(condition, what: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"kiosk run exited ({proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling the child's files; there is no signal to wait on


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_run_stops_cleanly_on_a_signal(tmp_path: Path, stop: signal.Signals) -> None:
    data = tmp_path / "kiosk-data"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_IM_MODULE="",
        KIOSK_PATHS__DATA_DIR=str(data),
    )
    proc = subprocess.Popen(
        [*KIOSK, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        # Enrolled with its local central and through a first sync pass: fully up.
        _wait_for(lambda: (data / "sync-state.json").exists(), "the first sync pass", proc)
        assert _processes_mentioning(str(data)), "the local central child is running"
        proc.send_signal(stop)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr.decode(errors="replace")[-2000:]
    wal = data / "kiosk.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "a connection was left open"
    assert _processes_mentioning(str(data)) == [], "the local central child outlived the kiosk"
