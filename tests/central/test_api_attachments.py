"""Content-addressed, resumable attachment uploads (both backends)."""

from __future__ import annotations

import hashlib

from central.models import Attachment
from tests.central.conftest import Client
from tests.central.helpers import TIMEOUT, assert_error
from tests.central_server import CentralServer

DATA = bytes(range(256)) * 40  # 10240 bytes


def _url(client: Client, data: bytes) -> str:
    return client.url(f"/v1/attachments/{hashlib.sha256(data).hexdigest()}")


def test_whole_upload_then_head_then_replay(terminal: Client) -> None:
    url = _url(terminal, DATA)
    head = terminal.http.head(url, timeout=TIMEOUT)
    assert head.status_code == 404 and head.headers["X-Kiosk-Api"] == "1"
    put = terminal.http.put(url, data=DATA, headers={"Content-Type": "image/jpeg"}, timeout=TIMEOUT)
    assert put.status_code == 201, put.text
    head = terminal.http.head(url, timeout=TIMEOUT)
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(DATA))
    again = terminal.http.put(
        url, data=DATA, headers={"Content-Type": "image/jpeg"}, timeout=TIMEOUT
    )
    assert again.status_code == 200


def test_resumable_upload_with_content_range(terminal: Client) -> None:
    url = _url(terminal, DATA)
    total = len(DATA)
    first = terminal.http.put(
        url,
        data=DATA[:4000],
        timeout=TIMEOUT,
        headers={"Content-Type": "image/png", "Content-Range": f"bytes 0-3999/{total}"},
    )
    assert first.status_code == 202 and first.headers["Upload-Offset"] == "4000"
    head = terminal.http.head(url, timeout=TIMEOUT)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "4000" and head.headers["Upload-Complete"] == "?0"
    # A chunk at the wrong offset is refused with the offset the server holds.
    wrong = terminal.http.put(
        url,
        data=DATA[5000:6000],
        timeout=TIMEOUT,
        headers={"Content-Type": "image/png", "Content-Range": f"bytes 5000-5999/{total}"},
    )
    assert_error(wrong, 409, "conflict")
    assert wrong.headers["Upload-Offset"] == "4000"
    rest = terminal.http.put(
        url,
        data=DATA[4000:],
        timeout=TIMEOUT,
        headers={"Content-Type": "image/png", "Content-Range": f"bytes 4000-{total - 1}/{total}"},
    )
    assert rest.status_code == 201, rest.text
    head = terminal.http.head(url, timeout=TIMEOUT)
    assert head.headers["Content-Length"] == str(total)


def test_hash_mismatch_drops_the_partial(terminal: Client) -> None:
    url = _url(terminal, DATA)
    bad = DATA[:-1] + b"\x00"
    r = terminal.http.put(url, data=bad, headers={"Content-Type": "image/jpeg"}, timeout=TIMEOUT)
    assert_error(r, 422, "hash_mismatch")
    assert terminal.http.head(url, timeout=TIMEOUT).status_code == 404


def test_limits_and_bad_headers(terminal: Client) -> None:
    url = _url(terminal, DATA)
    big = terminal.http.put(
        url,
        data=b"x" * (10 * 1024 * 1024 + 1),
        timeout=TIMEOUT,
        headers={"Content-Type": "image/jpeg"},
    )
    assert_error(big, 413, "too_large")
    claims_big = terminal.http.put(
        url,
        data=DATA[:10],
        timeout=TIMEOUT,
        headers={"Content-Type": "image/jpeg", "Content-Range": f"bytes 0-9/{11 * 1024 * 1024}"},
    )
    assert_error(claims_big, 413, "too_large")
    wrong_type = terminal.http.put(
        url, data=DATA, timeout=TIMEOUT, headers={"Content-Type": "text/plain"}
    )
    assert_error(wrong_type, 422, "validation_failed")
    garbage_range = terminal.http.put(
        url,
        data=DATA,
        timeout=TIMEOUT,
        headers={"Content-Type": "image/jpeg", "Content-Range": "bytes=all"},
    )
    assert_error(garbage_range, 400, "bad_request")
    not_a_digest = terminal.http.put(
        terminal.url("/v1/attachments/xyz"),
        data=DATA,
        timeout=TIMEOUT,
        headers={"Content-Type": "image/jpeg"},
    )
    assert_error(not_a_digest, 422, "validation_failed")


def test_a_file_whose_row_was_lost_is_reported_absent_until_uploaded_again(
    terminal: Client, central: CentralServer
) -> None:
    """A crash between the final rename and the row update leaves a file without a complete
    row; a submission naming it gets 422 attachment_missing. HEAD must not call it complete
    (the terminal would never PUT it again): it answers 404, the terminal's PUT takes the
    "existing" path and records the row."""
    sha = hashlib.sha256(DATA).hexdigest()
    url = _url(terminal, DATA)
    headers = {"Content-Type": "image/jpeg"}
    assert terminal.http.put(url, data=DATA, headers=headers, timeout=TIMEOUT).status_code == 201
    with central.db.transaction() as session:
        session.delete(session.get(Attachment, sha))
    assert terminal.http.head(url, timeout=TIMEOUT).status_code == 404
    assert terminal.http.put(url, data=DATA, headers=headers, timeout=TIMEOUT).status_code == 200
    with central.db.read() as session:
        row = session.get(Attachment, sha)
        assert row is not None and row.complete
    assert terminal.http.head(url, timeout=TIMEOUT).status_code == 200
