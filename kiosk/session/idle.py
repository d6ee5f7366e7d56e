"""Inactivity timer: warn, then wipe. Pure arithmetic on an injected monotonic clock.

A kiosk must never leave one resident's data on screen for the next one, yet must not throw a
slow reader out mid-sentence. So inactivity first shows a countdown ("continue?") for
``warning`` seconds after ``idle_timeout`` seconds without a touch; only then does it wipe.
The UI timer calls :meth:`IdleTimer.check` about once a second; no thread, no sleep.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.errors import ConfigError

Clock = Callable[[], float]  # monotonic seconds (time.monotonic in production)


class IdleAction(StrEnum):
    NONE = "none"
    WARN = "warn"  # show the countdown with ``remaining_seconds``
    WIPE = "wipe"  # the session has been wiped; show the home screen


@dataclass(frozen=True, slots=True)
class TickResult:
    action: IdleAction
    remaining_seconds: int = 0  # whole seconds until the wipe, rounded up (WARN only)


NOTHING = TickResult(IdleAction.NONE)


class IdleTimer:
    """Tracks the last activity; ``check`` says whether to warn or wipe now."""

    def __init__(self, clock: Clock, idle_timeout: float = 90.0, warning: float = 20.0) -> None:
        if not idle_timeout > 0:
            raise ConfigError("error.config.invalid", field="session.idle_timeout")
        if not warning >= 0:
            raise ConfigError("error.config.invalid", field="session.warning")
        self._clock = clock
        self.idle_timeout = idle_timeout
        self.warning = warning
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def check(self, idle_timeout: float | None = None) -> TickResult:
        """``idle_timeout`` overrides the default for the current state (e.g. capturing)."""
        limit = self.idle_timeout if idle_timeout is None else idle_timeout
        idle_for = self._clock() - self._last
        if idle_for < limit:
            return NOTHING
        remaining = limit + self.warning - idle_for
        if remaining > 0:
            return TickResult(IdleAction.WARN, math.ceil(remaining))
        return TickResult(IdleAction.WIPE)
