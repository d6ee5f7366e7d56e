"""Frame pacing for sources that would otherwise deliver frames as fast as they can decode.

``cv2.VideoCapture`` on a file returns frames back to back; a preview loop driven by it would
burn a core and play a 15 fps clip at hundreds of fps. The pacer holds each ``read`` until the
frame is due. The clock and the waiter are injected so tests drive time themselves (no sleeps).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Monotonic seconds (``time.monotonic`` in production)."""

Waiter = Callable[[float], object]
"""Blocks for up to the given seconds (``threading.Event.wait`` so ``close`` can cut it short)."""


class FramePacer:
    """Releases one frame every ``1 / fps`` seconds.

    A late reader is never "paid back" with a burst of frames: after a stall the schedule
    restarts from now, which is what a live camera does too.
    """

    def __init__(self, fps: float, clock: Clock | None = None, wait: Waiter | None = None) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.period = 1.0 / fps
        self._clock = clock or time.monotonic
        self._interrupt = threading.Event()
        self._wait: Waiter = wait or self._interrupt.wait
        self._due: float | None = None

    def reset(self) -> None:
        """Forget the schedule (after open/rewind): the next frame is due at once."""
        self._due = None
        self._interrupt.clear()

    def interrupt(self) -> None:
        """Wake a reader blocked in :meth:`wait_for_next` (used by ``close``)."""
        self._interrupt.set()

    def wait_for_next(self) -> None:
        now = self._clock()
        due = now if self._due is None else self._due
        if now < due:
            self._wait(due - now)
            now = max(self._clock(), due)
        self._due = max(now, due) + self.period
