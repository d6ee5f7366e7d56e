"""CLI administration, the committed OpenAPI document, working-day deadlines."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import requests

from central.cli import main
from central.util import add_working_days
from tests.central.helpers import TIMEOUT
from tests.central_server import SAMPLE_CATALOG, CentralServer

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def test_committed_openapi_matches_the_running_app(central_sqlite: CentralServer) -> None:
    live = requests.get(central_sqlite.base_url + "/openapi.json", timeout=TIMEOUT).json()
    committed = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert committed == live, "regenerate: kiosk-central openapi > docs/api/openapi.json"
    assert "/v1/submissions/{submission_id}" in live["paths"]


def test_cli_terminals_users_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["terminals", "add", "--station", "LX01", "--terminal-id", "JN-1", *data]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 35
    from central.db import Database
    from central.services import terminals

    db = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        terminals.enroll(db, code, "JN-1", "0.1")
    finally:
        db.close()
    assert main(["terminals", "list", *data]) == 0
    assert "JN-1\tLX01\tenrolled" in capsys.readouterr().out
    assert main(["terminals", "revoke", "JN-1", *data]) == 0
    assert main(["terminals", "revoke", "JN-404", *data]) == 1
    assert main(["terminals", "add", "--station", "LX01", "--valid-days", "0", *data]) == 2
    assert main(["terminals", "add", "--station", "LX02", "--valid-days", "0.5", *data]) == 0
    db = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        (pending,) = terminals.pending_codes(db)
    finally:
        db.close()
    assert pending.station == "LX02" and pending.created_by == "cli"
    assert pending.expires_at is not None
    assert 11.9 * 3600 < (pending.expires_at - pending.created_at).total_seconds() <= 12 * 3600
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-password\n"))
    assert main(["users", "add", "zhao", "--password-stdin", *data]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "qian", "--password-stdin", *data]) == 2
    assert main(["catalog", "publish", str(SAMPLE_CATALOG), *data]) == 0
    assert "published" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    assert main(["catalog", "publish", str(bad), *data]) == 2
    assert "JSON" in capsys.readouterr().err


def test_add_working_days_skips_weekends_and_holidays() -> None:
    friday = dt.date(2026, 11, 27)
    assert add_working_days(friday, 5) == dt.date(2026, 12, 4)
    assert add_working_days(friday, 1, frozenset({"2026-11-30"})) == dt.date(2026, 12, 1)


@pytest.mark.parametrize("days", ["0", "-1", "nan", "1e9"])
def test_enrollment_code_validity_must_be_usable(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    days: str,
) -> None:
    """A validity of 0 (or less, or absurdly long) was accepted and made every 生成登记码 click
    a 500; now the server refuses to start with it."""
    from central.app import create_app
    from central.services import terminals
    from central.settings import Settings

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the server must not start")

    monkeypatch.setattr("uvicorn.run", never)
    with pytest.raises(ValueError, match="enrollment_code_valid_days must be positive"):
        create_app(Settings(data_dir=tmp_path, enrollment_code_valid_days=float(days)))
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--data-dir", str(tmp_path), "--enrollment-code-days", days])
    assert exited.value.code == 2
    assert "--enrollment-code-days" in capsys.readouterr().err
    # A bad retention period is refused before the server starts too (was a traceback).
    assert main(["serve", "--data-dir", str(tmp_path), "--unreferenced-upload-days", days]) == 2
    assert "must be positive" in capsys.readouterr().err
    assert (
        main(
            [
                "terminals",
                "add",
                "--station",
                "LX01",
                "--valid-days",
                days,
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 2
    )
    assert "valid_days must be positive" in capsys.readouterr().err
    from central.db import Database

    db = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        with pytest.raises(ValueError):
            terminals.create_enrollment_code(db, "LX01", valid_days=float(days))
    finally:
        db.close()
