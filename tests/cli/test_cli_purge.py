"""``kiosk purge``: every retention period at once, with a count per kind."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli.app import cli
from kiosk.store import Store, open_database, resident_key

KEY = resident_key("370102199001011234", b"cli-purge-test-salt-0123")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("KIOSK_PATHS__DATA_DIR", str(d))
    return d


def _open(data_dir: Path, days_ago: int) -> Store:
    then = datetime.now(UTC) - timedelta(days=days_ago)
    return open_database(data_dir, clock=lambda: then, station_code="LX01")


def _case(store: Store, name: str, *, acknowledged: bool) -> str:
    draft = store.drafts.create(form_id="f", form_version=1, matter_code="M9", resident_key=KEY)
    store.drafts.autosave(draft.id, "name", name)
    case = store.submissions.finalize(draft.id)
    if acknowledged:
        (row,) = [e for e in store.outbox.entries() if e.label == case.tracking_number]
        store.outbox.mark_sending(row.id)
        store.outbox.mark_acknowledged(row.id, f"remote-{name}")
    return case.idempotency_key


def _old_data(data_dir: Path) -> tuple[str, str, int]:
    """A year-old store: one of everything retention removes, and an unsent case it keeps."""
    with _open(data_dir, 400) as store:
        sent = _case(store, "张三", acknowledged=True)
        unsent = _case(store, "李四", acknowledged=False)
        rating = store.ratings.add("LX01-250314-0001-0", "M9", 2, indicators={}, comment="王五")
        store.ratings.mark_sending(rating)
        store.ratings.mark_acknowledged(rating, "remote-r1")
        complaint = store.complaints.add("扶梯坏了")
        store.complaints.mark_sending(complaint)
        store.complaints.mark_acknowledged(complaint, "remote-c1")
        saved = store.drafts.create(form_id="f", form_version=1, matter_code="M9")
        store.drafts.save_for_later(saved.id, KEY)
        store.status.upsert("LX09-250314-0001-0", "mailed", [], resident_key=KEY)
        audit = len(store.audit.events())
    return sent, unsent, audit


def _counts(output: str) -> dict[str, int]:
    return {m[2]: int(m[1]) for m in re.finditer(r"^purged (\d+) (.+)$", output, re.M)}


def test_purge_applies_every_retention_period_and_counts_each_kind(data_dir: Path) -> None:
    sent, unsent, audit = _old_data(data_dir)

    result = CliRunner().invoke(cli, ["purge"])

    assert result.exit_code == 0, result.output
    assert _counts(result.output) == {
        "submission(s) (acknowledged)": 1,
        "rating(s) (acknowledged)": 1,
        "complaint(s) (acknowledged)": 1,
        "saved draft(s)": 1,
        "cached progress record(s) of finished cases": 1,
        "audit event(s)": audit,
    }
    assert f"{5 + audit} record(s) in all" in result.output
    with _open(data_dir, 0) as store:
        assert store.submissions.get(sent).payload is None
        assert store.submissions.get(unsent).payload is not None  # never sent: never purged
        assert store.drafts.saved_for(KEY) == []
        assert store.status.get("LX09-250314-0001-0") is None
        assert "扶梯坏了" not in "\n".join(store.db.conn.iterdump())
    again = CliRunner().invoke(cli, ["purge"])
    assert set(_counts(again.output).values()) == {0}


def test_a_shorter_period_from_the_command_line(data_dir: Path) -> None:
    """``--older-than-days`` replaces storage.retention_days (acknowledged data only); a draft
    a resident saved for later keeps its own period (storage.saved_draft_retention_days), so a
    script purging sent data "now" never takes it. The old ``outbox purge-acknowledged`` name
    does the same purge."""
    with _open(data_dir, 2) as store:
        sent = _case(store, "张三", acknowledged=True)
        saved = store.drafts.create(form_id="f", form_version=1, matter_code="M9")
        store.drafts.save_for_later(saved.id, KEY)

    kept = CliRunner().invoke(cli, ["purge"])
    assert kept.exit_code == 0 and set(_counts(kept.output).values()) == {0}

    result = CliRunner().invoke(cli, ["outbox", "purge-acknowledged", "--older-than-days", "0"])
    assert result.exit_code == 0, result.output
    counts = _counts(result.output)
    assert counts["submission(s) (acknowledged)"] == 1 and counts["saved draft(s)"] == 0
    assert counts["audit event(s)"] == 0  # the audit log keeps its own 180 days
    with _open(data_dir, 0) as store:
        assert store.submissions.get(sent).payload is None
        assert [d.id for d in store.drafts.saved_for(KEY)] == [saved.id]
    refused = CliRunner().invoke(cli, ["purge", "--older-than-days", "-1"])
    assert refused.exit_code == 2
