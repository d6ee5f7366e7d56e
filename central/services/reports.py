"""Read models of the back office: case lists, fleet health, 好差评 statistics, follow-ups.

The public statistics are de-identified by construction: they are computed from aggregate
queries that never select tracking numbers, contacts, comments or terminal ids.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Complaint, Heartbeat, Rating, StatusChange, Submission, Terminal
from central.services import catalogs, vocab
from central.settings import Settings
from central.util import CST, aware, utcnow

LEVELS = (5, 4, 3, 2, 1)
LEVEL_LABELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
LEVEL_LABELS_EN = {
    5: "Very satisfied",
    4: "Satisfied",
    3: "Fairly satisfied",
    2: "Dissatisfied",
    1: "Very dissatisfied",
}
STATUS_LABELS = {
    "received": "已接收 Received",
    "accepted": "已受理 Accepted",
    "needs_supplement": "需补正 Supplement needed",
    "approved": "已批准 Approved",
    "rejected": "不予受理/不予批准 Rejected",
    "result_ready": "结果可领取 Result ready",
    "mailed": "已邮寄 Mailed",
}
PAPER_LOW_STATES = {
    "paper_low",
    "paper_near_end",
    "near_end",
    "low",
    "paper_out",
    "out",
    "no_paper",
}


def _zh(label: Any, fallback: str) -> str:
    """The Chinese text of a ``{"zh": ..., "en": ...}`` label (English, then the code, after)."""
    if isinstance(label, dict):
        return str(label.get("zh") or label.get("en") or fallback)
    return str(label) if isinstance(label, str) and label else fallback


@dataclass
class Labels:
    """Chinese names of catalogue codes from the latest catalogue (codes otherwise).

    Used by every back-office page that shows a code to staff: matters, departments, delivery
    methods, materials of a matter and the fields (and choices) of a form.
    """

    matters: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    delivery_methods: dict[str, str] = field(default_factory=lambda: dict(vocab.DELIVERY_LABELS))
    materials: dict[str, dict[str, str]] = field(default_factory=dict)
    """Matter code -> material code -> name."""
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)

    def matter(self, code: str) -> str:
        return self.matters.get(code, code)

    def department(self, code: str | None) -> str:
        return self.departments.get(code or "", code or "—")

    def delivery(self, code: str | None) -> str:
        if not code:
            return "—"
        return self.delivery_methods.get(code) or f"{vocab.UNKNOWN}：{code}"

    def material(self, matter_code: str, slot: str) -> str:
        """The name of the material in ``slot`` (``code``, ``code#2`` or ``code:back``)."""
        names = self.materials.get(matter_code, {})
        for candidate in (slot, slot.split("#")[0], slot.split(":")[0]):
            if candidate in names:
                return names[candidate] + (
                    "" if candidate == slot else f"（{slot[len(candidate) + 1 :]}）"
                )
        for other in self.materials.values():
            if slot in other:
                return other[slot]
        return f"{vocab.UNKNOWN}：{slot}"

    def form_rows(self, form_id: str | None, data: dict[str, Any]) -> list[tuple[str, str]]:
        """(Chinese label, display value) of each answer, in the form's order; notes left out.

        Choices show their labels, yes/no 是/否, repeated groups one line per entry. Answers to
        fields the form does not know (an older form version) keep their key, marked as such.
        """
        form = self.forms.get(form_id or "") or {}
        choices: dict[str, Any] = form.get("choice_lists") or {}
        fields = [f for page in form.get("pages") or [] for f in page.get("fields") or []]
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for spec in fields:
            name = spec.get("name")
            if not isinstance(name, str) or spec.get("type") == "note" or name not in data:
                continue
            seen.add(name)
            rows.append((_zh(spec.get("label"), name), _answer(spec, data[name], choices)))
        for name, value in data.items():
            if name not in seen:
                rows.append((f"{vocab.UNKNOWN}：{name}", _answer({}, value, choices)))
        return rows


def _answer(spec: dict[str, Any], value: Any, choices: dict[str, Any]) -> str:
    kind = spec.get("type")
    if value is None or value == "" or value == []:
        return "—"
    if kind == "group" and isinstance(value, list):
        children = spec.get("fields") or []
        lines = []
        for index, item in enumerate(value, 1):
            if not isinstance(item, dict):
                lines.append(f"{index}. {item}")
                continue
            parts = []
            for child in children:
                if isinstance(child, dict) and child.get("name") in item:
                    label = _zh(child.get("label"), str(child["name"]))
                    parts.append(f"{label}：{_answer(child, item[child['name']], choices)}")
            lines.append(f"{index}. " + "；".join(parts))
        return "\n".join(lines)
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind == "signature":
        return "已签名"
    options = {
        str(o.get("value")): _zh(o.get("label"), str(o.get("value")))
        for o in choices.get(str(spec.get("choices")), []) or []
        if isinstance(o, dict)
    }
    if isinstance(value, list):
        return "、".join(options.get(str(v), str(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return options.get(str(value), str(value))


def labels(db: Database) -> Labels:
    published = catalogs.latest(db)
    out = Labels()
    if published is None:
        return out
    data = json.loads(published.body)
    for matter in data.get("matters", []):
        out.matters[matter["code"]] = _zh(matter.get("name"), matter["code"])
        out.materials[matter["code"]] = {
            str(m["code"]): _zh(m.get("name"), str(m["code"]))
            for m in matter.get("materials") or []
            if isinstance(m, dict) and "code" in m
        }
    enums = data.get("enums") or {}
    for dept in enums.get("department", []) or []:
        if isinstance(dept, dict) and "code" in dept:
            out.departments[str(dept["code"])] = _zh(dept.get("label"), str(dept["code"]))
    for method in enums.get("delivery", []) or []:
        if isinstance(method, dict) and "code" in method:
            out.delivery_methods[str(method["code"])] = _zh(method.get("label"), method["code"])
    for form in data.get("forms") or []:
        if isinstance(form, dict) and isinstance(form.get("id"), str):
            out.forms[form["id"]] = form
    return out


@dataclass(frozen=True)
class CaseFilter:
    department: str | None = None
    status: str | None = None
    matter: str | None = None
    station: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


PAGE_SIZE = 50
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a long list: ``number`` counts from 1, ``pages`` is at least 1."""

    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)


def _page(session: Session, query: Select[T], number: int, size: int) -> Page[T]:
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    total = int(session.scalar(counted) or 0)
    last = max(1, -(-total // size))
    number = min(max(1, number), last)
    items = list(session.scalars(query.limit(size).offset((number - 1) * size)))
    return Page(items, number, size, total)


def list_cases(
    db: Database, flt: CaseFilter, page: int = 1, size: int = PAGE_SIZE
) -> Page[Submission]:
    """Cases matching ``flt``, newest first, one page at a time."""
    query = select(Submission).order_by(Submission.received_at.desc(), Submission.id)
    if flt.department:
        query = query.where(Submission.department == flt.department)
    if flt.status:
        query = query.where(Submission.status == flt.status)
    if flt.matter:
        query = query.where(Submission.matter_code == flt.matter)
    if flt.station:
        query = query.where(Submission.station_code == flt.station)
    if flt.date_from:
        # The Jinan day, as UTC: SQLite compares the stored (UTC, offset-less) text.
        start = dt.datetime.combine(flt.date_from, dt.time(), CST).astimezone(dt.UTC)
        query = query.where(Submission.received_at >= start)
    if flt.date_to:
        end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time(), CST)
        end = end.astimezone(dt.UTC)
        query = query.where(Submission.received_at < end)
    with db.read() as session:
        return _page(session, query, page, size)


def distinct_values(db: Database) -> dict[str, list[str]]:
    with db.transaction() as session:
        return {
            "departments": sorted(
                d for d in session.scalars(select(Submission.department).distinct()) if d
            ),
            "matters": sorted(session.scalars(select(Submission.matter_code).distinct())),
            "stations": sorted(session.scalars(select(Submission.station_code).distinct())),
        }


def case_detail(
    db: Database, submission_id: str
) -> tuple[Submission, dict[str, Any], list[StatusChange]] | None:
    with db.transaction() as session:
        row = session.get(Submission, submission_id)
        if row is None:
            return None
        changes = list(
            session.scalars(
                select(StatusChange)
                .where(StatusChange.submission_id == submission_id)
                .order_by(StatusChange.cursor)
            )
        )
        return row, json.loads(row.canonical), changes


@dataclass(frozen=True)
class TerminalHealth:
    id: str
    station: str
    revoked: bool
    last_seen: dt.datetime | None
    age_s: float | None
    online: bool
    paper_low: bool
    outbox_depth: int
    outbox_oldest_age_s: float
    outbox_stuck: bool
    quarantined: int
    catalog_version: str | None
    catalog_problem: Any
    app_version: str | None
    free_disk_mb: float | None = None
    disk_low: bool = False


def _free_disk_mb(body: dict[str, Any]) -> float | None:
    value = body.get("free_disk_mb")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def fleet(db: Database, settings: Settings, now: dt.datetime | None = None) -> list[TerminalHealth]:
    now = now or utcnow()
    out = []
    with db.transaction() as session:
        rows = session.execute(
            select(Terminal, Heartbeat)
            .outerjoin(Heartbeat, Heartbeat.terminal_id == Terminal.id)
            .order_by(Terminal.station, Terminal.id)
        ).all()
        for terminal, beat in rows:
            body: dict[str, Any] = dict(beat.body) if beat else {}
            seen = aware(beat.received_at) if beat else None
            age = (now - seen).total_seconds() if seen else None
            printer = (body.get("devices") or {}).get("printer") or {}
            outbox = body.get("outbox") or {}
            depth = int(outbox.get("depth") or 0)
            oldest = float(outbox.get("oldest_age_s") or 0)
            free_disk = _free_disk_mb(body)
            out.append(
                TerminalHealth(
                    id=terminal.id,
                    station=terminal.station,
                    revoked=terminal.revoked_at is not None,
                    last_seen=seen,
                    age_s=age,
                    online=age is not None and age <= settings.online_threshold_s,
                    paper_low=str(printer.get("state", "")).lower() in PAPER_LOW_STATES
                    or "paper" in str(printer.get("message_key", "")).lower(),
                    outbox_depth=depth,
                    outbox_oldest_age_s=oldest,
                    outbox_stuck=depth > 0 and oldest > settings.outbox_stuck_threshold_s,
                    quarantined=int(outbox.get("quarantined") or 0),
                    catalog_version=body.get("catalog_version"),
                    catalog_problem=body.get("catalog_problem"),
                    app_version=body.get("app_version") or terminal.app_version,
                    free_disk_mb=free_disk,
                    disk_low=free_disk is not None and free_disk < settings.low_disk_mb,
                )
            )
    return out


@dataclass
class RatingRow:
    key: str
    label: str
    counts: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def satisfaction(self) -> float | None:
        """好评率: share of 非常满意 + 满意 + 基本满意 among all ratings."""
        total = self.total
        good = sum(self.counts.get(level, 0) for level in (5, 4, 3))
        return None if total == 0 else good / total


def rating_stats(db: Database) -> dict[str, list[RatingRow]]:
    """Counts per level per matter and per station (aggregates only: de-identified)."""
    names = labels(db)
    result: dict[str, list[RatingRow]] = {}
    with db.transaction() as session:
        for name, column in (("matters", Rating.matter_code), ("stations", Rating.station)):
            rows: dict[str, RatingRow] = {}
            for key, level, count in session.execute(
                select(column, Rating.level, func.count()).group_by(column, Rating.level)
            ):
                label = names.matter(key) if name == "matters" else key
                row = rows.setdefault(key, RatingRow(key, label, {}))
                row.counts[int(level)] = int(count)
            result[name] = sorted(rows.values(), key=lambda r: (-r.total, r.key))
    return result


def bad_ratings(db: Database, page: int = 1, size: int = PAGE_SIZE) -> Page[Rating]:
    """Ratings of 不满意 or worse: open ones first (earliest deadline first), then done ones."""
    query = (
        select(Rating)
        .where(Rating.level <= 2)
        .order_by(
            Rating.followed_up_at.is_not(None),
            Rating.follow_up_due,
            Rating.received_at,
            Rating.id,
        )
    )
    with db.read() as session:
        return _page(session, query, page, size)


def complaints(db: Database, page: int = 1, size: int = PAGE_SIZE) -> Page[Complaint]:
    """找茬 complaints from the terminals, newest first."""
    query = select(Complaint).order_by(Complaint.received_at.desc(), Complaint.id)
    with db.read() as session:
        return _page(session, query, page, size)


def mark_followed_up(db: Database, rating_id: str, user: str, note: str) -> bool:
    with db.transaction() as session:
        row = session.get(Rating, rating_id)
        if row is None or row.level > 2:
            return False
        row.followed_up_at = utcnow()
        row.followed_up_by = user
        row.follow_up_note = note or None
        return True
