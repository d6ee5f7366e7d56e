"""How controllers reach the Qt-free journey service: always through the one background worker.

``call(fn, on_done, on_error)`` queues ``fn(journey)`` on the worker thread (every journey method
may block: SQLite, fsync, the printer) and delivers the result or the ``KioskError`` on the GUI
thread. The service is read from the container *inside* the job: the catalogue job on the worker
builds it, so by the time a resident can ask for anything it is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.errors import KioskError
from ui.worker import BackgroundWorker

if TYPE_CHECKING:
    from kiosk.services.container import KioskServices
    from kiosk.services.journey import JourneyService

ErrorFn = Callable[[KioskError], None]


class JourneyCalls:
    def __init__(self, services: KioskServices, worker: BackgroundWorker) -> None:
        self.services = services
        self.worker = worker

    @property
    def journey(self) -> JourneyService:
        """The service for the two calls allowed on the GUI thread (``evaluate`` with a
        handle and values); anything else goes through :meth:`call`."""
        return self.services.journey

    def call(
        self,
        fn: Callable[[JourneyService], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: ErrorFn | None = None,
        *,
        name: str,
    ) -> int:
        services = self.services
        return self.worker.submit(lambda _store: fn(services.journey), on_done, on_error, name=name)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: ErrorFn | None = None,
        *,
        name: str,
    ) -> int:
        """Device work that is not a journey call (camera open/read/close)."""
        return self.worker.submit(lambda _store: fn(), on_done, on_error, name=name)
