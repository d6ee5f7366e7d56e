"""Request bodies and small helpers shared by the central API tests."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import requests

MATTER = "370102-SB-001"  # a matter of the kiosk's sample catalogue
TIMEOUT = (5, 20)


def submission_body(
    terminal_id: str, materials: list[dict[str, Any]] | None = None, **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "tracking_number": f"LX01-20261127-{uuid.uuid4().hex[:6]}",
        "station_code": "LX01",
        "terminal_id": terminal_id,
        "matter_code": MATTER,
        "bundle_code": None,
        "form_id": f"f.{MATTER}",
        "form_version": 1,
        "catalog_version": "2026.11-sample",
        "finalized_at": "2026-11-27T08:00:00+00:00",
        "language": "zh_CN",
        "resident_key": "rk-0001",
        "data": {"applicant_name": "张三丰", "phone": "13800003210"},
        "materials": materials or [],
        "deferred_materials": [{"code": "household_register", "deadline": "2026-12-04"}],
        "delivery": "pickup",
        "assisted_by": None,
    }
    body.update(overrides)
    return body


def upload(
    http: requests.Session,
    base: str,
    data: bytes,
    media_type: str = "image/jpeg",
    slot: str = "id_copy",
) -> dict[str, Any]:
    sha = hashlib.sha256(data).hexdigest()
    r = http.put(
        f"{base}/v1/attachments/{sha}",
        data=data,
        headers={"Content-Type": media_type},
        timeout=TIMEOUT,
    )
    assert r.status_code in (200, 201), r.text
    return {"slot": slot, "sha256": sha, "size": len(data), "media_type": media_type}


def assert_error(
    response: requests.Response, status: int, code: str | None = None
) -> dict[str, Any]:
    """The structured error shape, the API header, and (optionally) the code."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers.get("X-Kiosk-Api") == "1"
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert isinstance(error["details"], list)
    if code is not None:
        assert error["code"] == code, error
    return dict(error)


def rating_body(tracking_number: str, level: int = 5, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "tracking_number": tracking_number,
        "matter_code": MATTER,
        "level": level,
        "indicators": {"efficiency": level, "skill": level, "attitude": level},
        "reasons": [],
        "comment": None,
        "anonymous": True,
        "contact": None,
        "rated_at": "2026-11-27T08:05:00+00:00",
    }
    body.update(overrides)
    return body
