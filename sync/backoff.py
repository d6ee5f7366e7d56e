"""When to try again: exponential backoff with jitter, honoured ``Retry-After``, and clocks.

The schedule is stored in the queue rows as wall-clock time (``next_try_at``) so it survives a
restart. Wall clocks jump (NTP correction, a technician fixing the date, a dead RTC battery), so
every computed moment is bounded relative to *now*: a row is never scheduled further ahead than
:attr:`BackoffPolicy.max_delay_s`, and a row found scheduled further ahead than that can only be
the result of the clock going backwards — :func:`clock_went_back` lets the sender pull it in
instead of waiting for an eternity. A clock jumping forward makes rows due at once, which costs
one attempt per row, never a storm: each failure reschedules relative to the new now, and a
pass stops at the first failure that says the platform itself is unwell.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class BackoffPolicy:
    """Delays in seconds. ``base_s * 2**(attempt-1)``, capped, then "equal jitter" (½..1×)."""

    base_s: float = 5.0
    max_s: float = 30 * 60.0
    retry_after_cap_s: float = 300.0
    min_retry_after_s: float = 1.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    @property
    def max_delay_s(self) -> float:
        """The furthest ahead any row is ever scheduled (plus slack for rounding)."""
        return max(self.max_s, self.retry_after_cap_s) + 1.0

    def delay(self, attempts: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt (1 = the first)."""
        if retry_after is not None:
            wait = min(max(retry_after, self.min_retry_after_s), self.retry_after_cap_s)
            # A little spread so a fleet told "30 s" does not come back in the same second.
            return wait * (1.0 + 0.1 * self.rng.random())
        exponent = min(max(attempts, 1) - 1, 32)
        ceiling = min(self.max_s, self.base_s * (2.0**exponent))
        return ceiling / 2.0 + self.rng.uniform(0.0, ceiling / 2.0)

    def next_try_at(
        self, now: datetime, attempts: int, retry_after: float | None = None
    ) -> datetime:
        return now + timedelta(seconds=self.delay(attempts, retry_after))


def clock_went_back(next_try_at: datetime, now: datetime, policy: BackoffPolicy) -> bool:
    """True when a row waits longer than any schedule we ever write: the clock went backwards."""
    return next_try_at - now > timedelta(seconds=policy.max_delay_s)
