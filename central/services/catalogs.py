"""Published catalogue versions. The full validator is kiosk-side; here only the basic shape.

The body is stored byte-for-byte as published, so the ETag (sha256 of the body) is stable and a
terminal can verify what it downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db import Database
from central.models import CatalogVersion
from central.util import sha256_hex, utcnow


class CatalogShapeError(ValueError):
    """The uploaded document is not a catalogue; ``str()`` names the problem."""


@dataclass(frozen=True)
class PublishedCatalog:
    id: int
    version: str
    etag: str
    body: bytes
    matter_codes: list[str]
    departments: dict[str, str]


def check_shape(raw: bytes) -> dict[str, Any]:
    """Parse and check the top-level shape; raise :class:`CatalogShapeError` naming the field."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CatalogShapeError(f"not valid UTF-8 JSON: {err}") from err
    if not isinstance(data, dict):
        raise CatalogShapeError("a catalogue is a JSON object")
    version = data.get("catalog_version")
    if not isinstance(version, str) or not version.strip() or len(version) > 100:
        raise CatalogShapeError("catalog_version must be a non-empty string (<= 100 chars)")
    matters = data.get("matters")
    if not isinstance(matters, list) or not matters:
        raise CatalogShapeError("matters must be a non-empty list")
    seen: set[str] = set()
    for i, matter in enumerate(matters):
        if not isinstance(matter, dict):
            raise CatalogShapeError(f"matters[{i}] must be an object")
        code = matter.get("code")
        if not isinstance(code, str) or not code:
            raise CatalogShapeError(f"matters[{i}].code must be a non-empty string")
        if code in seen:
            raise CatalogShapeError(f"matters[{i}].code {code!r} is duplicated")
        seen.add(code)
        if not isinstance(matter.get("name"), dict):
            raise CatalogShapeError(f"matters[{i}].name must be an object of languages")
    for key in ("forms", "bundles"):
        if key in data and not isinstance(data[key], list):
            raise CatalogShapeError(f"{key} must be a list")
    return data


def publish(db: Database, raw: bytes, by: str | None = None) -> PublishedCatalog:
    data = check_shape(raw)
    matters = data["matters"]
    with db.transaction() as session:
        row = CatalogVersion(
            version=data["catalog_version"],
            etag=sha256_hex(raw),
            body=raw,
            matter_codes=[m["code"] for m in matters],
            departments={m["code"]: str(m.get("department", "")) for m in matters},
            published_at=utcnow(),
            published_by=by,
        )
        session.add(row)
        session.flush()
        return _published(row)


def latest(db: Database) -> PublishedCatalog | None:
    with db.read() as session:
        row = session.scalar(select(CatalogVersion).order_by(CatalogVersion.id.desc()).limit(1))
        return None if row is None else _published(row)


def history(db: Database) -> list[tuple[int, str, str, str | None, Any]]:
    with db.read() as session:
        rows = session.execute(
            select(
                CatalogVersion.id,
                CatalogVersion.version,
                CatalogVersion.etag,
                CatalogVersion.published_by,
                CatalogVersion.published_at,
            )
            .order_by(CatalogVersion.id.desc())
            .limit(50)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def known_matters(db: Database) -> dict[str, str]:
    """Matter code -> department over every published version (a kiosk may lag behind)."""
    with db.read() as session:
        return dict(matter_departments(db, session))


_LATEST_ID = select(func.max(CatalogVersion.id))


def matter_departments(db: Database, session: Session) -> dict[str, str]:
    """:func:`known_matters` inside the caller's transaction; the shared mapping, read-only.

    Cached per latest catalogue id (one ``max(id)`` query): a publish from any process
    invalidates it.
    """
    latest_id = session.connection().scalar(_LATEST_ID)
    cached = db.cache.get("known_matters")
    if cached is not None and cached[0] == latest_id:
        mapping: dict[str, str] = cached[1]
        return mapping
    out: dict[str, str] = {}
    for codes, departments in session.execute(
        select(CatalogVersion.matter_codes, CatalogVersion.departments).order_by(CatalogVersion.id)
    ):
        for code in codes:
            out[code] = departments.get(code, "")
    db.cache["known_matters"] = (latest_id, out)
    return out


def _published(row: CatalogVersion) -> PublishedCatalog:
    return PublishedCatalog(
        row.id, row.version, row.etag, row.body, list(row.matter_codes), dict(row.departments)
    )
