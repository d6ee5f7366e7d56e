"""Working days for deadlines printed on receipts (容缺后补 supplement, bad-rating follow-up).

Deadlines in Chinese administrative practice count *working* days. Weekends are skipped here;
public holidays and the weekend days that become working days (调休) change every year and are
published late, so they are data handed in through the :class:`WorkingCalendar` hook (a site
can load them from config or from the platform), never hard-coded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

_MAX_SCAN_DAYS = 3660  # ten years: a calendar with no working days is a configuration bug


class WorkingCalendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...


@dataclass(frozen=True, slots=True)
class WeekendCalendar:
    """Monday–Friday are working days, except ``holidays``; ``extra_working_days`` (调休
    Saturdays/Sundays) count as working days."""

    holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()

    @classmethod
    def of(
        cls, holidays: Iterable[date] = (), extra_working_days: Iterable[date] = ()
    ) -> WeekendCalendar:
        return cls(frozenset(holidays), frozenset(extra_working_days))

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays


def add_working_days(start: date, days: int, calendar: WorkingCalendar) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count).

    ``days == 0`` returns ``start``. Raises ``ValueError`` for negative counts or a calendar
    that has no working day in ten years.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    scanned = 0
    while counted < days:
        day += timedelta(days=1)
        scanned += 1
        if scanned > _MAX_SCAN_DAYS:
            raise ValueError("the working calendar has no working days")
        if calendar.is_working_day(day):
            counted += 1
    return day
