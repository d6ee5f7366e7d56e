"""``Recorder``: the card event handler the reader tests pass to ``start``.

It collects events from the reader's thread; tests wait on a condition over them, never sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.ports.card import CardEvent, CardEventKind
from kiosk.ports.device import DeviceState

WAIT = 10.0  # generous: only ever reached when a test is failing


class Recorder:
    def __init__(self) -> None:
        self.events: list[CardEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: CardEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait(self, predicate: Callable[[list[CardEvent]], bool], timeout: float = WAIT) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: predicate(self.events), timeout), self.kinds()

    def wait_kind(self, kind: CardEventKind, n: int = 1) -> CardEvent:
        """The ``n``-th event of ``kind``, once it has come."""
        self.wait(lambda evs: len([e for e in evs if e.kind is kind]) >= n)
        with self._cond:
            return [e for e in self.events if e.kind is kind][n - 1]

    def wait_status(self, state: DeviceState, key: str | None = None) -> CardEvent:
        """The first STATUS event with ``state`` (and message ``key`` when given)."""

        def seen(evs: list[CardEvent]) -> bool:
            return any(self._matches(e, state, key) for e in evs)

        self.wait(seen)
        with self._cond:
            return next(e for e in self.events if self._matches(e, state, key))

    @staticmethod
    def _matches(e: CardEvent, state: DeviceState, key: str | None) -> bool:
        return (
            e.kind is CardEventKind.STATUS
            and e.status is not None
            and e.status.state is state
            and (key is None or e.status.message_key == key)
        )

    def card_events(self, n: int = 0) -> list[CardEvent]:
        """The non-STATUS events, after waiting until there are at least ``n`` of them."""
        self.wait(lambda evs: len(_card_events(evs)) >= n)
        with self._cond:
            return _card_events(self.events)

    def wait_kinds(self, *kinds: str) -> list[CardEvent]:
        """Wait until the non-STATUS events are exactly ``kinds`` (fails on anything else)."""
        got = self.card_events(len(kinds))
        assert [e.kind.value for e in got] == list(kinds)
        return got

    def kinds(self) -> list[str]:
        """The kinds of the non-STATUS events so far."""
        with self._cond:
            return [e.kind.value for e in _card_events(self.events)]

    def clear(self) -> None:
        with self._cond:
            self.events.clear()


def _card_events(events: list[CardEvent]) -> list[CardEvent]:
    return [e for e in events if e.kind is not CardEventKind.STATUS]
