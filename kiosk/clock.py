"""The kiosk's wall clock: China Standard Time, whatever zone the operating system is set to.

China has one time zone and no daylight saving. Tracking numbers, receipts, deadlines and the
clock in the header all use it, so a kiosk whose OS is left on UTC (a common image default)
still shows residents the time on their own watch. Kept free of heavy imports: the first frame
uses it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def china_now() -> datetime:
    """The current time, aware, in China Standard Time."""
    return datetime.now(CHINA_STANDARD_TIME)
