"""Wire models of the terminal API, duplicated from the contract on purpose (no kiosk import).

Unknown extra fields are accepted and kept (stored in the canonical JSON) so a newer kiosk can
add optional fields without breaking an older platform.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Short = Annotated[str, Field(min_length=1, max_length=100)]
Level = Annotated[int, Field(ge=1, le=5)]
ResourceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")]


Int32 = Annotated[int, Field(ge=0, le=2**31 - 1)]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False)


class EnrollRequest(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=200)]
    terminal_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    app_version: Annotated[str, Field(max_length=64)] | None = None


class EnrollResponse(BaseModel):
    terminal_id: str
    station: str
    token: str
    resident_key_salt: str


class MaterialRef(Open):
    slot: Short
    sha256: Sha256
    size: Int32
    media_type: Literal["image/jpeg", "image/png", "application/pdf"]


class DeferredMaterial(Open):
    code: Short
    deadline: dt.date


class SubmissionBody(Open):
    tracking_number: Annotated[str, Field(min_length=1, max_length=64)]
    station_code: Annotated[str, Field(min_length=1, max_length=64)]
    terminal_id: Annotated[str, Field(min_length=1, max_length=64)]
    matter_code: Short
    bundle_code: Annotated[str, Field(max_length=100)] | None = None
    form_id: Annotated[str, Field(max_length=200)] | None = None
    form_version: Int32 | None = None
    catalog_version: Annotated[str, Field(max_length=100)] | None = None
    finalized_at: dt.datetime
    language: Annotated[str, Field(max_length=16)] | None = None
    resident_key: Annotated[str, Field(max_length=128)] | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    materials: Annotated[list[MaterialRef], Field(max_length=500)] = Field(default_factory=list)
    deferred_materials: Annotated[list[DeferredMaterial], Field(max_length=500)] = Field(
        default_factory=list
    )
    delivery: Annotated[str, Field(max_length=32)] | None = None
    assisted_by: Any = None


class CaseSummary(BaseModel):
    id: str
    tracking_number: str
    status: str
    received_at: str


class Note(BaseModel):
    zh: str
    en: str


class Change(BaseModel):
    cursor: int
    submission_id: str
    tracking_number: str
    status: str
    at: str
    note: Note | None


class ChangesPage(BaseModel):
    changes: list[Change]
    next_cursor: int


class TimelineEntry(BaseModel):
    status: str
    at: str
    note: Note | None


class Case(BaseModel):
    tracking_number: str
    matter_code: str
    status: str
    timeline: list[TimelineEntry]


class CasesPage(BaseModel):
    cases: list[Case]


class Indicators(Open):
    efficiency: Level | None = None
    skill: Level | None = None
    attitude: Level | None = None


class RatingBody(Open):
    tracking_number: Annotated[str, Field(min_length=1, max_length=64)]
    matter_code: Short
    level: Level
    indicators: Indicators = Field(default_factory=Indicators)
    reasons: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=20)] = Field(
        default_factory=list
    )
    comment: Annotated[str, Field(max_length=2000)] | None = None
    anonymous: bool = True
    contact: Annotated[str, Field(max_length=200)] | None = None
    rated_at: dt.datetime


class ComplaintBody(Open):
    text: Annotated[str, Field(min_length=1, max_length=5000)]
    matter_code: Annotated[str, Field(max_length=100)] | None = None
    tracking_number: Annotated[str, Field(max_length=64)] | None = None
    photo_sha256: Sha256 | None = None
    anonymous: bool = True
    contact: Annotated[str, Field(max_length=200)] | None = None
    created_at: dt.datetime


class Stored(BaseModel):
    id: str
    received_at: str


class DeviceState(Open):
    state: Annotated[str, Field(max_length=64)]
    message_key: Annotated[str, Field(max_length=200)] | None = None


class OutboxState(Open):
    depth: Int32 = 0
    oldest_age_s: Annotated[float, Field(ge=0)] | None = None
    quarantined: Int32 = 0


class HeartbeatBody(Open):
    terminal_id: Annotated[str, Field(min_length=1, max_length=64)]
    at: dt.datetime
    app_version: Annotated[str, Field(max_length=64)] | None = None
    catalog_version: Annotated[str, Field(max_length=100)] | None = None
    catalog_problem: Any = None
    devices: dict[str, DeviceState] = Field(default_factory=dict)
    outbox: OutboxState = Field(default_factory=OutboxState)
    last_sync_at: dt.datetime | None = None
    free_disk_mb: Annotated[float, Field(ge=0)] | None = None


class ErrorDetail(BaseModel):
    loc: str
    code: str
    message: str


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorResponse(BaseModel):
    error: ErrorInfo
