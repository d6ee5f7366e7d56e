from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog.loader import sample_catalog_path
from kiosk.cli import main


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("KIOSK_PATHS__DATA_DIR", str(d))
    return d


def test_catalog_show_installs_and_lists_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "show"]) == 0
    out = capsys.readouterr().out
    assert "SAMPLE DATA" in out
    assert "居住证" in out


def test_catalog_search_pinyin_initials(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "search", "jzz"]) == 0
    out = capsys.readouterr().out
    assert "居住证" in out
    assert "initials" in out


def test_catalog_search_no_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "search", "qqqqzzzzxxxx"]) == 0
    assert "no matches" in capsys.readouterr().out


def test_catalog_validate_good_and_install(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(sample_catalog_path())
    assert main(["catalog", "validate", path, "--install"]) == 0
    out = capsys.readouterr().out
    assert "valid: version" in out
    assert "installed" in out


def test_catalog_validate_reports_path_of_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(sample_catalog_path().read_text(encoding="utf-8"))
    raw["matters"][2]["category"] = "no-such-category"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert main(["catalog", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "matters[2].category" in err


def test_outbox_list_empty_and_retry_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outbox", "list"]) == 0
    assert "queued: 0" in capsys.readouterr().out
    assert main(["outbox", "retry", "999"]) == 1
    assert "cannot retry 999" in capsys.readouterr().err


def test_outbox_purge_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outbox", "purge-acknowledged", "--older-than-days", "0"]) == 0
    assert "purged 0 submission(s)" in capsys.readouterr().out
