"""Fault-injection switches for tests of the kiosk's sync client (only with ``testing=True``).

How to use (the easy way is ``tests/central_server.py``, which starts the real app with uvicorn
on loopback and hands you ``server.faults``, an instance of :class:`FaultInjector`)::

    server.faults.fail("/v1/submissions/*", status=500)           # next PUT/GET -> 500
    server.faults.unavailable("/v1/submissions/*", retry_after=2)  # 503 + Retry-After: 2
    server.faults.rate_limited("/v1/heartbeat", retry_after=1)     # 429 + Retry-After: 1
    server.faults.drop_after_commit("/v1/submissions/*", method="PUT")
    server.faults.drop_before("/v1/catalog")                       # connection closed, no effect
    server.faults.captive_portal("/v1/*")                          # HTML 200, no X-Kiosk-Api
    server.faults.delay("/v1/submissions/*", seconds=5)            # handled, answer held back
    server.faults.clear()

Each switch fires for the next ``times`` matching requests (default 1) and then disarms.
``path`` is an :mod:`fnmatch` pattern on the URL path (no query), ``method`` ``"*"`` or a verb.
The first armed fault that matches wins. ``server.faults.fired`` lists what fired
(``(method, path, kind)``), ``server.faults.seen`` every API request that reached the server
(``(method, path)``) so a test can count a client's attempts.

Semantics that matter for exactly-once tests:

* ``drop_after_commit``: the request is fully handled (its transaction COMMITTED) and then the TCP
  connection is closed without any response bytes: the client sees "connection closed without
  response" and must not know whether the write happened — the classic duplicate. Works under
  uvicorn (the server closes its transport); under other servers it degrades to a plain 500.
* ``drop_before``: the connection is closed before the app runs: nothing is stored.
* ``delay``: the request is handled (committed) and the response is held ``seconds`` before it is
  sent, so a client with a shorter read timeout times out after the write happened.
  :meth:`FaultInjector.release` (called by the test server on stop) cuts every delay short.
* ``fail``/``unavailable``/``rate_limited``/``captive_portal``: answered without running the
  app, so nothing is stored.

Over HTTP (e.g. a server in another process) the same switches are at ``/_testing/faults``:
``POST`` a JSON object ``{"kind", "path", "method", "times", "status", "retry_after",
"seconds"}``, ``DELETE`` clears, ``GET`` lists armed faults, fired faults and seen requests. These
routes exist only when the app is created with ``testing=True`` and are not in the OpenAPI.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from fnmatch import fnmatchcase
from typing import Any, Literal

FaultKind = Literal["status", "drop_before", "drop_after_commit", "captive_portal", "delay"]
FAULT_KINDS: tuple[str, ...] = (
    "status",
    "drop_before",
    "drop_after_commit",
    "captive_portal",
    "delay",
)


@dataclass
class Fault:
    kind: FaultKind
    path: str = "*"
    method: str = "*"
    times: int = 1
    status: int = 500
    retry_after: int | None = None
    seconds: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        method_ok = self.method == "*" or self.method.upper() == method.upper()
        return method_ok and fnmatchcase(path, self.path)


class FaultInjector:
    """Thread-safe set of armed faults, shared between the test thread and the server loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Fault] = []
        self.fired: list[tuple[str, str, str]] = []
        self.seen: list[tuple[str, str]] = []
        self.released = threading.Event()

    # -- arming ---------------------------------------------------------------------------
    def add(self, fault: Fault) -> Fault:
        if fault.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {fault.kind!r}")
        if fault.times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            self._armed.append(fault)
        self.released.clear()
        return fault

    def fail(
        self,
        path: str,
        status: int = 500,
        *,
        method: str = "*",
        times: int = 1,
        retry_after: int | None = None,
    ) -> Fault:
        """Answer ``status`` with a structured error (and ``Retry-After`` when given)."""
        return self.add(Fault("status", path, method, times, status, retry_after))

    def unavailable(
        self, path: str, retry_after: int = 1, *, method: str = "*", times: int = 1
    ) -> Fault:
        return self.fail(path, 503, method=method, times=times, retry_after=retry_after)

    def rate_limited(
        self, path: str, retry_after: int = 1, *, method: str = "*", times: int = 1
    ) -> Fault:
        return self.fail(path, 429, method=method, times=times, retry_after=retry_after)

    def drop_after_commit(self, path: str, *, method: str = "*", times: int = 1) -> Fault:
        return self.add(Fault("drop_after_commit", path, method, times))

    def drop_before(self, path: str, *, method: str = "*", times: int = 1) -> Fault:
        return self.add(Fault("drop_before", path, method, times))

    def captive_portal(self, path: str = "*", *, method: str = "*", times: int = 1) -> Fault:
        return self.add(Fault("captive_portal", path, method, times))

    def delay(self, path: str, seconds: float, *, method: str = "*", times: int = 1) -> Fault:
        return self.add(Fault("delay", path, method, times, seconds=seconds))

    def clear(self) -> None:
        """Disarm everything and cut running delays short."""
        with self._lock:
            self._armed.clear()
        self.released.set()

    def release(self) -> None:
        """Cut running delays short (the server is stopping)."""
        self.released.set()

    # -- used by the server ---------------------------------------------------------------
    def take(self, method: str, path: str) -> Fault | None:
        """Record the request; return (and consume one shot of) the first matching fault."""
        with self._lock:
            self.seen.append((method, path))
            for fault in self._armed:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._armed.remove(fault)
                    self.fired.append((method, path, fault.kind))
                    return fault
        return None

    def armed(self) -> list[Fault]:
        with self._lock:
            return list(self._armed)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "armed": [asdict(f) for f in self._armed],
                "fired": [list(f) for f in self.fired],
                "seen": [list(s) for s in self.seen],
            }
