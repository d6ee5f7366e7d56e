"""Drafts: a form being filled in, saved on every change so a crash or power cut loses nothing.

A draft is bound to the form id *and version* it was started with; a catalogue update never
changes the questions under a resident's fingers. Drafts are wiped at idle unless the resident
explicitly chose "save for later" (``saved_for_later``), which also requires the opaque
``resident_key`` to find them again: the raw ID number never becomes a lookup column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.errors import NotFoundError
from kiosk.store.base import from_text, to_text
from kiosk.store.identifiers import new_idempotency_key

if TYPE_CHECKING:
    from kiosk.store.db import Store

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,47}$")  # kiosk.forms.schema.NAME_PATTERN
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_COLUMNS = (
    "id, matter_code, bundle_code, form_id, form_version, field_values, page, "
    "saved_for_later, resident_key, created_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class Draft:
    id: str
    matter_code: str | None
    bundle_code: str | None
    form_id: str
    form_version: int
    values: dict[str, Any] = field(repr=False)  # personal data: never in a log line
    page: int
    saved_for_later: bool
    resident_key: str | None = field(repr=False)
    created_at: datetime
    updated_at: datetime


def json_path(field_path: str | Sequence[str | int]) -> str:
    """``"members.0.name"`` or ``("members", 0, "name")`` → ``$."members"[0]."name"``.

    Only form field names and list indexes are accepted, so a path can never inject SQL/JSON
    syntax; SQLite creates missing intermediate objects and list items.
    """
    parts = field_path.split(".") if isinstance(field_path, str) else list(field_path)
    if not parts:
        raise ValueError("empty field path")
    out = "$"
    for part in parts:
        if isinstance(part, int) or part.isdigit():
            out += f"[{int(part)}]"
        elif _FIELD_NAME.fullmatch(part):
            out += f'."{part}"'
        else:
            raise ValueError("field path parts must be field names or list indexes")
    return out


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class Drafts:
    def __init__(self, store: Store) -> None:
        self._store = store

    def create(
        self,
        *,
        form_id: str,
        form_version: int,
        matter_code: str | None = None,
        bundle_code: str | None = None,
        values: Mapping[str, Any] | None = None,
        resident_key: str | None = None,
    ) -> Draft:
        """Start a draft for one matter *or* one bundle (一件事)."""
        if (matter_code is None) == (bundle_code is None):
            raise ValueError("give exactly one of matter_code and bundle_code")
        for code in (matter_code, bundle_code, form_id):
            if code is not None and not _CODE.fullmatch(code):
                raise ValueError("codes must be 1-64 characters A-Z, a-z, 0-9, _ . -")
        draft_id = new_idempotency_key()
        now = self._store.now_text()
        with self._store.write() as db:
            db.execute(
                f"INSERT INTO drafts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",  # noqa: S608
                [
                    draft_id,
                    matter_code,
                    bundle_code,
                    form_id,
                    form_version,
                    _dumps(dict(values or {})),
                    resident_key,
                    now,
                    now,
                ],
            )
        return self.get(draft_id)

    def get(self, draft_id: str) -> Draft:
        with self._store.read() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM drafts WHERE id = ?",  # noqa: S608
                [draft_id],
            ).fetchone()
        if row is None:
            raise NotFoundError("error.draft.not_found")
        return _draft(row)

    def autosave(self, draft_id: str, field_path: str | Sequence[str | int], value: object) -> None:
        """Save one field change: one UPDATE in one short transaction (p95 well under 2 ms)."""
        path = json_path(field_path)
        encoded = _dumps(value)
        with self._store.write() as db:
            cursor = db.execute(
                "UPDATE drafts SET field_values = json_set(field_values, ?, json(?)), "
                "updated_at = ? WHERE id = ?",
                [path, encoded, self._store.now_text(), draft_id],
            )
            if cursor.rowcount == 0:
                raise NotFoundError("error.draft.not_found")

    def replace_values(self, draft_id: str, values: Mapping[str, Any]) -> None:
        """Write the whole value map at once (prefill from the ID card, calculated fields)."""
        self._update(draft_id, "field_values = ?", [_dumps(dict(values))])

    def set_page(self, draft_id: str, page: int) -> None:
        self._update(draft_id, "page = ?", [page])

    def save_for_later(self, draft_id: str, resident_key: str) -> None:
        """The resident's explicit consent to keep this draft past the idle wipe."""
        self._update(draft_id, "saved_for_later = 1, resident_key = ?", [resident_key])

    def saved_for(self, resident_key: str) -> list[Draft]:
        """Drafts a resident saved for later, most recently touched first."""
        with self._store.read() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM drafts "  # noqa: S608
                "WHERE saved_for_later = 1 AND resident_key = ? ORDER BY updated_at DESC",
                [resident_key],
            ).fetchall()
        return [_draft(r) for r in rows]

    def delete(self, draft_id: str) -> bool:
        """Delete one draft (the session's wipe, the resident's "discard"); audited by id."""
        with self._store.write() as db:
            deleted = db.execute("DELETE FROM drafts WHERE id = ?", [draft_id]).rowcount
            if deleted:
                self._store.audit.append("draft.deleted", draft_id)
        if deleted:
            self._store.attachments.collect_garbage()
        return deleted > 0

    def delete_unsaved(self) -> int:
        """Idle wipe: every draft the resident did not explicitly save for later."""
        return self._delete_where("saved_for_later = 0", [])

    def delete_saved_before(self, moment: datetime) -> int:
        """Retention for saved drafts (e.g. 30 days after their last change)."""
        return self._delete_where("saved_for_later = 1 AND updated_at < ?", [to_text(moment)])

    def _delete_where(self, where: str, params: list[object]) -> int:
        with self._store.write() as db:
            deleted = db.execute(f"DELETE FROM drafts WHERE {where}", params).rowcount  # noqa: S608
            if deleted:
                self._store.audit.append("drafts.deleted", str(deleted))
        if deleted:
            self._store.attachments.collect_garbage()
        return deleted

    def _update(self, draft_id: str, assignments: str, params: list[object]) -> None:
        with self._store.write() as db:
            cursor = db.execute(
                f"UPDATE drafts SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608
                [*params, self._store.now_text(), draft_id],
            )
            if cursor.rowcount == 0:
                raise NotFoundError("error.draft.not_found")


def _draft(row: Sequence[Any]) -> Draft:
    return Draft(
        id=row[0],
        matter_code=row[1],
        bundle_code=row[2],
        form_id=row[3],
        form_version=row[4],
        values=json.loads(row[5]),
        page=row[6],
        saved_for_later=bool(row[7]),
        resident_key=row[8],
        created_at=from_text(row[9]),
        updated_at=from_text(row[10]),
    )
