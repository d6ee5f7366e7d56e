"""Attachments and storage faults: size limit, disk full, read-only media, database full.

Where the machine allows it (root with mount rights) the disk-full and read-only cases also run
against a real tiny tmpfs / read-only bind mount; elsewhere those tests skip and the injected
OS seam (``os_write``) covers the same paths.
"""

from __future__ import annotations

import errno
import hashlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.errors import (
    AttachmentTooLargeError,
    NotFoundError,
    StorageFullError,
    StorageReadOnlyError,
)
from kiosk.store import Store
from tests.core.store_support import FakeClock, mounted, new_draft, open_store


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir, FakeClock(), max_attachment_bytes=64 * 1024) as s:
        yield s


def _files(store: Store) -> list[Path]:
    return sorted(p for p in store.settings.attachments_dir.rglob("*") if p.is_file())


# -- attachments ------------------------------------------------------------------------------


def test_attachment_is_content_addressed_and_shared(store: Store) -> None:
    data = b"\xff\xd8jpeg bytes"
    a = new_draft(store)
    b = new_draft(store)
    ref_a = store.attachments.attach_to_draft(a, "id_front", data, media_type="image/jpeg")
    ref_b = store.attachments.attach_to_draft(b, "photo", data, media_type="image/jpeg")
    sha = hashlib.sha256(data).hexdigest()
    assert ref_a.sha256 == ref_b.sha256 == sha
    assert _files(store) == [store.settings.attachments_dir / sha[:2] / sha[2:]]
    assert store.attachments.read(sha) == data

    store.drafts.delete(a)
    assert store.attachments.read(sha) == data  # still referenced by b
    assert store.attachments.detach_from_draft(b, "photo", sha) is True
    assert _files(store) == []
    with pytest.raises(NotFoundError):
        store.attachments.read(sha)


def test_attachment_size_limit(store: Store) -> None:
    draft_id = new_draft(store)
    store.attachments.attach_to_draft(draft_id, "ok", b"x" * 64 * 1024, media_type="image/jpeg")
    with pytest.raises(AttachmentTooLargeError) as info:
        store.attachments.attach_to_draft(
            draft_id, "big", b"x" * (64 * 1024 + 1), media_type="image/jpeg"
        )
    assert info.value.params == {"size": 64 * 1024 + 1, "limit": 64 * 1024}
    assert len(_files(store)) == 1


def test_attach_to_missing_draft_leaves_no_reference(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.attachments.attach_to_draft("gone", "p", b"data", media_type="image/png")
    assert store.db.execute("SELECT count(*) FROM attachment_refs").fetchone()[0] == 0


def test_start_up_sweep_removes_orphans_and_temp_files(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        kept = store.attachments.attach_to_draft(
            new_draft(store), "p", b"kept", media_type="image/jpeg"
        )
        root = store.settings.attachments_dir
    orphan = root / "ab" / ("c" * 62)  # crash after rename, before the row committed
    orphan.parent.mkdir()
    orphan.write_bytes(b"orphan")
    temp = root / kept.sha256[:2] / f"{kept.sha256[2:]}.deadbeef.tmp"  # crash mid-write
    temp.write_bytes(b"half")
    with open_store(data_dir) as store:
        assert _files(store) == [store.attachments.path_for(kept.sha256)]


def _enospc_after(limit: int) -> tuple[list[int], object]:
    """An ``os.write`` that fills the disk after ``limit`` bytes, like a real full disk."""
    import os

    written = [0]

    def fake_write(fd: int, data: bytes) -> int:
        room = limit - written[0]
        if room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = os.write(fd, data[:room])
        written[0] += n
        return n

    return written, fake_write


def test_attachment_enospc_via_os_seam_leaves_nothing_partial(data_dir: Path) -> None:
    _, fake_write = _enospc_after(1000)
    with open_store(data_dir, os_write=fake_write) as store:  # type: ignore[arg-type]
        draft_id = new_draft(store, name="张三")
        first = store.attachments.attach_to_draft(draft_id, "a", b"1" * 600, media_type="image/png")
        with pytest.raises(StorageFullError) as info:
            store.attachments.attach_to_draft(draft_id, "b", b"2" * 600, media_type="image/png")
        assert isinstance(info.value.__cause__, OSError)
        assert _files(store) == [store.attachments.path_for(first.sha256)]
        assert store.attachments.refs_for_draft(draft_id) == [first]
        assert store.drafts.get(draft_id).values == {"name": "张三"}


def test_attachment_enospc_on_a_real_tiny_filesystem(tmp_path: Path) -> None:
    target = tmp_path / "tiny"
    with mounted("-t", "tmpfs", "-o", "size=1m", "tmpfs", target=target) as ok:
        if not ok:
            pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
        with open_store(target, max_attachment_bytes=2 * 1024 * 1024) as store:
            draft_id = new_draft(store, name="张三")
            first = store.attachments.attach_to_draft(
                draft_id, "a", b"1" * 100_000, media_type="image/jpeg"
            )
            with pytest.raises(StorageFullError):
                store.attachments.attach_to_draft(
                    draft_id, "b", b"2" * 1_500_000, media_type="image/jpeg"
                )
            assert _files(store) == [store.attachments.path_for(first.sha256)]
            assert store.attachments.read(first.sha256) == b"1" * 100_000
            store.drafts.autosave(draft_id, "phone", "13800000000")  # still usable
            assert store.drafts.get(draft_id).values == {"name": "张三", "phone": "13800000000"}
            assert store.integrity_check()


# -- database full ------------------------------------------------------------------------------


def test_database_full_raises_storage_full_and_keeps_earlier_rows(store: Store) -> None:
    kept = [new_draft(store, name=f"resident {n}") for n in range(5)]
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = "长" * 4000
    with pytest.raises(StorageFullError) as info:
        for _ in range(50):
            store.drafts.create(form_id="f", form_version=1, matter_code="M", values={"notes": big})
    assert info.value.key == "error.store.full"
    assert info.value.__cause__ is not None
    assert [store.drafts.get(d).values["name"] for d in kept] == [f"resident {n}" for n in range(5)]
    assert not store.db.conn.in_transaction  # rolled back cleanly, connection usable
    store.drafts.autosave(kept[0], "name", "short")
    assert store.integrity_check()


# -- read-only --------------------------------------------------------------------------------


def test_read_only_uri_allows_reads_and_maps_writes(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        draft_id = new_draft(store, name="a")
    with open_store(data_dir, read_only=True) as store:
        assert store.drafts.get(draft_id).values == {"name": "a"}
        with pytest.raises(StorageReadOnlyError) as info:
            store.drafts.autosave(draft_id, "name", "b")
        assert info.value.__cause__ is not None
    with open_store(data_dir) as store:
        assert store.drafts.get(draft_id).values == {"name": "a"}


def test_read_only_filesystem(tmp_path: Path) -> None:
    source = tmp_path / "data"
    with open_store(source) as store:
        draft_id = new_draft(store, name="a")
        sha = store.attachments.attach_to_draft(
            draft_id, "p", b"photo", media_type="image/jpeg"
        ).sha256
    target = tmp_path / "ro"
    with mounted("--bind", str(source), target=target) as ok:
        if not ok:
            pytest.skip("cannot bind-mount here (needs root with CAP_SYS_ADMIN)")
        remount = ["mount", "-o", "remount,ro,bind", str(target)]
        assert subprocess.run(remount, check=False).returncode == 0
        # Writable start-up on read-only media fails with a clear key...
        with pytest.raises(StorageReadOnlyError):
            open_store(target)
        # ...and a read-only open still serves reads for diagnostics.
        with open_store(target, read_only=True) as store:
            assert store.drafts.get(draft_id).values == {"name": "a"}
            assert store.attachments.read(sha) == b"photo"
            with pytest.raises(StorageReadOnlyError):
                store.attachments.attach_to_draft(draft_id, "q", b"other", media_type="image/jpeg")
