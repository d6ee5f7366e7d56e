"""Light helpers shared by the sync tests and the crash worker (no central imports: the
worker is restarted 100+ times and must start fast)."""

from __future__ import annotations

import hashlib
import random

from kiosk.store import Store

TERMINAL = "JN-LX-0001"
STATION = "LX01"
MATTER = "370102-SB-001"
FORM = "f.370102-SB-001"
SALT_HEX = "ab" * 16


def jpeg_like(size: int, seed: int) -> bytes:
    """Random bytes with a JPEG start/end marker (the platform checks the hash, not pixels)."""
    rng = random.Random(seed)
    return b"\xff\xd8\xff\xe0" + rng.randbytes(max(0, size - 6)) + b"\xff\xd9"


def finalize(
    store: Store,
    n: int = 1,
    *,
    attachments: int = 2,
    size: int = 3000,
    seed: int = 0,
    matter: str = MATTER,
    values: dict[str, object] | None = None,
) -> list[str]:
    """Finalize ``n`` submissions with ``attachments`` photos each; returns idempotency keys."""
    keys = []
    for i in range(n):
        draft = store.drafts.create(
            form_id=FORM,
            form_version=1,
            matter_code=matter,
            values=values if values is not None else {"applicant": f"居民{seed}-{i}"},
        )
        for j in range(attachments):
            store.attachments.attach_to_draft(
                draft.id,
                f"slot{j}",
                jpeg_like(size, seed * 1000 + i * 10 + j),
                media_type="image/jpeg",
            )
        keys.append(store.submissions.finalize(draft.id).idempotency_key)
    return keys


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
