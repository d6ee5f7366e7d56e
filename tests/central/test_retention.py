"""Retention sweep: abandoned and unreferenced uploads, old enrollment codes.

Uploads go over real HTTP to a live platform (both backends); the sweep runs with an injected
clock on the server's own database and attachment directory (real files in a temp data dir).
An attachment a stored submission or complaint references is never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import delete, select, update

from central import cli
from central.db import Database
from central.models import Attachment, EnrollmentCode, Meta, Submission
from central.services import retention, terminals
from central.services.attachments import AttachmentStore
from central.services.retention import RetentionPolicy, SweepReport, sweep
from central.util import sha256_hex
from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, assert_error, submission_body, upload
from tests.central_server import CentralServer, running_central_server

POLICY = RetentionPolicy()  # 24 h partial, 7 days unreferenced, 90 days enrollment codes


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _store(server: CentralServer) -> AttachmentStore:
    store: AttachmentStore = server.app.state.attachments
    return store


def _sweep(server: CentralServer, now: dt.datetime) -> SweepReport:
    return sweep(server.db, _store(server), POLICY, now=now)


def _age(path: Path, by: dt.timedelta) -> None:
    """Pretend ``path`` was last written ``by`` ago."""
    stamp = time.time() - by.total_seconds()
    os.utime(path, (stamp, stamp))


def _row(server: CentralServer, sha256: str) -> Attachment | None:
    with server.db.read() as session:
        row: Attachment | None = session.get(Attachment, sha256)
        return row


def _put_chunk(client: Client, data: bytes, start: int, end: int) -> requests.Response:
    sha = hashlib.sha256(data).hexdigest()
    return client.http.put(
        client.url(f"/v1/attachments/{sha}"),
        data=data[start:end],
        headers={
            "Content-Type": "image/jpeg",
            "Content-Range": f"bytes {start}-{end - 1}/{len(data)}",
        },
        timeout=TIMEOUT,
    )


def _head(client: Client, sha256: str) -> requests.Response:
    return client.http.head(client.url(f"/v1/attachments/{sha256}"), timeout=TIMEOUT)


def test_idle_partial_upload_is_dropped_one_in_progress_is_kept(
    central: CentralServer, terminal: Client
) -> None:
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()
    part = _store(central).part_path(sha)
    assert _put_chunk(terminal, data, 0, 1000).status_code == 202
    assert part.exists() and _row(central, sha) is not None

    # Started "yesterday": the .part file and the row are 30 hours old ...
    _age(part, dt.timedelta(hours=30))
    with central.db.transaction() as session:
        session.execute(
            update(Attachment)
            .where(Attachment.sha256 == sha)
            .values(created_at=_now() - dt.timedelta(hours=30))
        )
    # ... but the terminal resumes it now: recently touched, so it survives the sweep.
    assert _put_chunk(terminal, data, 1000, 2000).status_code == 202
    assert _sweep(central, _now()).partial_uploads == 0
    assert _sweep(central, _now() + dt.timedelta(hours=23)).partial_uploads == 0
    assert _head(terminal, sha).headers["Upload-Offset"] == "2000"

    # Idle for more than 24 hours: dropped (file and row); the terminal starts again at 0.
    report = _sweep(central, _now() + dt.timedelta(hours=25))
    assert report.partial_uploads == 1 and report.bytes_freed == 2000 and report.errors == 0
    assert not part.exists() and _row(central, sha) is None
    assert _head(terminal, sha).status_code == 404
    conflict = _put_chunk(terminal, data, 2000, 3000)
    assert_error(conflict, 409)
    assert conflict.headers["Upload-Offset"] == "0"
    assert _put_chunk(terminal, data, 0, 3000).status_code == 201
    assert _head(terminal, sha).headers["Upload-Complete"] == "?1"


def test_unreferenced_upload_deleted_referenced_ones_never(
    central: CentralServer, terminal: Client
) -> None:
    store = _store(central)
    in_case = upload(terminal.http, central.base_url, b"id card scan " + os.urandom(8))
    in_complaint = upload(terminal.http, central.base_url, b"photo of a broken printer")
    orphan = upload(terminal.http, central.base_url, b"uploaded, never submitted")
    sid = str(uuid.uuid4())
    body = submission_body(terminal.terminal_id, [in_case])
    assert (
        terminal.http.put(
            terminal.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT
        ).status_code
        == 201
    )
    complaint = {
        "text": "打印机没纸了",
        "photo_sha256": in_complaint["sha256"],
        "created_at": _now().isoformat(),
    }
    r = terminal.http.put(terminal.url("/v1/complaints/c-1"), json=complaint, timeout=TIMEOUT)
    assert r.status_code == 201

    assert _sweep(central, _now() + dt.timedelta(days=6)).unreferenced_uploads == 0
    report = _sweep(central, _now() + dt.timedelta(days=8))
    assert report.unreferenced_uploads == 1 and report.errors == 0
    assert report.bytes_freed == orphan["size"]
    assert (
        not store.final_path(orphan["sha256"]).exists() and _row(central, orphan["sha256"]) is None
    )
    assert _head(terminal, orphan["sha256"]).status_code == 404
    for kept in (in_case, in_complaint):
        assert store.final_path(kept["sha256"]).read_bytes()
        assert _row(central, kept["sha256"]) is not None
        assert _head(terminal, kept["sha256"]).headers["Upload-Complete"] == "?1"

    # Much later still: referenced attachments stay, also when looked at one by one (the
    # check a drop repeats under the row lock).
    assert _sweep(central, _now() + dt.timedelta(days=3650)).unreferenced_uploads == 0
    far = _now() + dt.timedelta(days=3650)
    for kept in (in_case, in_complaint):
        born = _now() - dt.timedelta(days=1)
        assert retention._drop_unreferenced(central.db, store, kept["sha256"], born, far) is None
        assert store.final_path(kept["sha256"]).exists()

    # A submission naming the deleted upload is refused until the terminal uploads it again.
    late = submission_body(terminal.terminal_id, [orphan])
    refused = terminal.http.put(
        terminal.url(f"/v1/submissions/{uuid.uuid4()}"), json=late, timeout=TIMEOUT
    )
    assert_error(refused, 422, "validation_failed")
    upload(terminal.http, central.base_url, b"uploaded, never submitted")
    again = terminal.http.put(
        terminal.url(f"/v1/submissions/{uuid.uuid4()}"), json=late, timeout=TIMEOUT
    )
    assert again.status_code == 201


def _backdate(server: CentralServer, sha256: str, by: dt.timedelta) -> None:
    """Pretend the complete upload ``sha256`` was completed (and last touched) ``by`` ago."""
    _age(_store(server).final_path(sha256), by)
    with server.db.transaction() as session:
        session.execute(
            update(Attachment)
            .where(Attachment.sha256 == sha256)
            .values(created_at=_now() - by, completed_at=_now() - by)
        )
        # As if no sweep had run since (the server's start-up sweep already looked that far).
        session.execute(delete(Meta).where(Meta.key == retention.WATERMARK_KEY))


def test_confirmed_upload_survives_the_sweep_until_the_submission(
    central: CentralServer, terminal: Client
) -> None:
    """An upload completed 8 days ago that the terminal checks again right before submitting
    (HEAD, or a repeated PUT: 200 existing) is not dropped before the submission arrives."""
    store = _store(central)
    again = upload(terminal.http, central.base_url, b"re-uploaded scan " + os.urandom(8))
    asked = upload(terminal.http, central.base_url, b"checked with HEAD " + os.urandom(8))
    stale = upload(terminal.http, central.base_url, b"never confirmed " + os.urandom(8))
    for ref in (again, asked, stale):
        _backdate(central, ref["sha256"], dt.timedelta(days=8))

    r = terminal.http.put(
        terminal.url(f"/v1/attachments/{again['sha256']}"),
        data=store.final_path(again["sha256"]).read_bytes(),
        headers={"Content-Type": "image/jpeg"},
        timeout=TIMEOUT,
    )
    assert r.status_code == 200 and r.json()["complete"] is True  # "existing"
    assert _head(terminal, asked["sha256"]).headers["Upload-Complete"] == "?1"

    report = _sweep(central, _now())
    assert report.unreferenced_uploads == 1 and report.errors == 0  # only the unconfirmed one
    assert not store.final_path(stale["sha256"]).exists()
    assert store.final_path(again["sha256"]).exists() and store.final_path(asked["sha256"]).exists()
    body = submission_body(terminal.terminal_id, [again])
    sid = str(uuid.uuid4())
    put = terminal.http.put(terminal.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT)
    assert put.status_code == 201, put.text

    # A confirmation postpones, it does not pin: 7 days after it, the unreferenced one goes
    # (although an earlier sweep's watermark had already passed its completion), while the
    # referenced one stays for good.
    later = _sweep(central, _now() + dt.timedelta(days=8))
    assert later.unreferenced_uploads == 1 and later.errors == 0
    assert not store.final_path(asked["sha256"]).exists() and _row(central, asked["sha256"]) is None
    assert _sweep(central, _now() + dt.timedelta(days=3650)).unreferenced_uploads == 0
    assert store.final_path(again["sha256"]).exists()


def test_confirmation_does_not_hide_an_old_reference(
    central: CentralServer, terminal: Client
) -> None:
    """References are looked for from the upload's completion, not from its confirmation: a
    file an old case names and a terminal confirmed again today is still found referenced."""
    store = _store(central)
    ref = upload(terminal.http, central.base_url, b"scan used twice " + os.urandom(8))
    sid = str(uuid.uuid4())
    body = submission_body(terminal.terminal_id, [ref])
    put = terminal.http.put(terminal.url(f"/v1/submissions/{sid}"), json=body, timeout=TIMEOUT)
    assert put.status_code == 201
    _backdate(central, ref["sha256"], dt.timedelta(days=30))
    with central.db.transaction() as session:
        session.execute(
            update(Submission)
            .where(Submission.id == sid)
            .values(received_at=_now() - dt.timedelta(days=29))
        )
    assert _head(terminal, ref["sha256"]).headers["Upload-Complete"] == "?1"  # confirmed today
    report = _sweep(central, _now() + dt.timedelta(days=8))
    assert report.unreferenced_uploads == 0 and report.errors == 0
    far = _now() + dt.timedelta(days=8)
    born = _now() - dt.timedelta(days=30)
    assert retention._drop_unreferenced(central.db, store, ref["sha256"], born, far) is None
    assert store.final_path(ref["sha256"]).exists()


def test_sweep_of_files_without_rows_and_of_an_interrupted_drop(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    db = Database(f"sqlite:///{data_dir / 'central.sqlite3'}")
    try:
        db.create_schema()
        store = AttachmentStore(db, data_dir / "attachments")
        now = _now()
        stray_part = store.part_path("a" * 64)
        stray_part.write_bytes(b"half")
        stray_final = store.final_path("b" * 64)
        stray_final.write_bytes(b"whole")
        fresh_part = store.part_path("c" * 64)
        fresh_part.write_bytes(b"fresh")
        unrelated = store.directory / "README.txt"
        unrelated.write_text("not an upload")
        for path in (stray_part, stray_final, unrelated):
            _age(path, dt.timedelta(days=30))
        # A drop that crashed after committing (row gone): the aside file is finished off.
        leftover = store.directory / f"{'d' * 64}.purging"
        leftover.write_bytes(b"gone")
        report = sweep(db, store, POLICY, now=now)
        assert (report.partial_uploads, report.unreferenced_uploads) == (1, 1)
        assert report.errors == 0
        assert not stray_part.exists() and not stray_final.exists() and not leftover.exists()
        assert fresh_part.exists() and unrelated.exists()

        # A drop that crashed before committing (row still there): the file is put back.
        sha = hashlib.sha256(b"kept").hexdigest()
        assert store.put(sha, "image/png", "JN-LX-0001", b"kept", 0, 4).status == "created"
        store.final_path(sha).replace(store.directory / f"{sha}.purging")
        sweep(db, store, POLICY, now=now)
        assert store.final_path(sha).read_bytes() == b"kept"
    finally:
        db.close()


def _code(db: Database, station: str, **stamps: dt.datetime | None) -> str:
    code = terminals.create_enrollment_code(db, station)
    with db.transaction() as session:
        row = session.get(EnrollmentCode, sha256_hex(code))
        assert row is not None
        for name, value in stamps.items():
            setattr(row, name, value)
    return code


def test_old_enrollment_codes_are_pruned(tmp_path: Path, backend_url: str | None) -> None:
    db = Database(backend_url or f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        db.create_schema()
        now = _now()
        long_ago = now - dt.timedelta(days=91)
        recently = now - dt.timedelta(days=89)
        _code(db, "used long ago", used_at=long_ago, used_by="JN-1")
        _code(db, "revoked long ago", revoked_at=long_ago)
        _code(db, "expired long ago", expires_at=long_ago)
        _code(db, "used recently", used_at=recently, used_by="JN-2")
        _code(db, "revoked recently", revoked_at=recently)
        _code(db, "expired recently", expires_at=recently)
        _code(db, "still valid")
        _code(db, "made before expiry existed", expires_at=None, created_at=long_ago)
        store = AttachmentStore(db, tmp_path / "attachments")
        assert sweep(db, store, POLICY, now=now).enrollment_codes == 3
        with db.read() as session:
            left = set(session.scalars(select(EnrollmentCode.station)))
        assert left == {
            "used recently",
            "revoked recently",
            "expired recently",
            "still valid",
            "made before expiry existed",
        }
        assert sweep(db, store, POLICY, now=now).enrollment_codes == 0
        assert (
            sweep(db, store, RetentionPolicy(enrollment_code_days=1), now=now).enrollment_codes == 3
        )
    finally:
        db.close()


def test_server_sweeps_at_start_up_and_periodically_and_stops_cleanly(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    (data_dir / "attachments").mkdir(parents=True)
    early = data_dir / "attachments" / f"{'e' * 64}.part"
    early.write_bytes(b"abandoned before the start")
    _age(early, dt.timedelta(days=2))
    threads_before = set(threading.enumerate())
    with running_central_server(data_dir, purge_interval_s=0.05) as central:
        deadline = time.monotonic() + 10
        while early.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not early.exists()  # the start-up sweep
        later = _store(central).part_path("f" * 64)
        later.write_bytes(b"abandoned while running")
        _age(later, dt.timedelta(days=2))
        deadline = time.monotonic() + 10
        while later.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not later.exists()  # a periodic sweep
    leaked = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert leaked == []


def test_no_sweep_when_turned_off(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    (data_dir / "attachments").mkdir(parents=True)
    stale = data_dir / "attachments" / f"{'e' * 64}.part"
    stale.write_bytes(b"abandoned")
    _age(stale, dt.timedelta(days=2))
    with running_central_server(data_dir, purge_interval_s=0):
        time.sleep(0.3)
        assert stale.exists()


def test_cli_purge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "central"
    (data_dir / "attachments").mkdir(parents=True)
    stale = data_dir / "attachments" / f"{'e' * 64}.part"
    stale.write_bytes(b"abandoned")
    _age(stale, dt.timedelta(hours=3))
    assert cli.main(["purge", "--data-dir", str(data_dir)]) == 0
    assert stale.exists()  # younger than 24 hours
    assert cli.main(["purge", "--data-dir", str(data_dir), "--partial-upload-hours", "2"]) == 0
    assert not stale.exists()
    assert "partial uploads 1" in capsys.readouterr().out
    assert cli.main(["purge", "--data-dir", str(data_dir), "--unreferenced-upload-days", "0"]) == 2
    assert "must be positive" in capsys.readouterr().err


def test_upload_locks_stay_bounded_and_per_digest_stable(tmp_path: Path) -> None:
    """One lock per digest ever uploaded grew without bound; stripes keep it fixed."""
    from central.services.attachments import LOCK_STRIPES

    store = AttachmentStore(db=None, directory=tmp_path / "files")  # type: ignore[arg-type]
    digests = [f"{i:064x}" for i in range(5000)]
    locks = {id(store.locked(d)) for d in digests}
    assert len(locks) <= LOCK_STRIPES
    assert all(store.locked(d) is store.locked(d) for d in digests[:50])
