"""Fixtures for the sync tests: the REAL central platform on loopback and a kiosk beside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.store import Store, open_database
from sync.client import HttpPlatformClient, new_session
from sync.engine import SyncEngine, SyncIntervals
from sync.files import Credentials, save_credentials
from tests.central_server import CentralServer, running_central_server
from tests.sync.support import (  # noqa: F401  (re-exported for the test modules)
    MATTER,
    SALT_HEX,
    STATION,
    TERMINAL,
    finalize,
    jpeg_like,
    sha256,
)


class Clocks:
    """Wall (UTC) and monotonic clocks that move only when the test says so."""

    def __init__(self) -> None:
        self.wall = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
        self.mono = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds

    def jump_wall(self, seconds: float) -> None:
        """Only the wall clock moves (NTP step, a technician fixing the date)."""
        self.wall += timedelta(seconds=seconds)


@dataclass
class Kiosk:
    data_dir: Path
    store: Store
    clocks: Clocks
    central: CentralServer
    base_url: str
    token: str
    read_timeout_s: float = 5.0
    clients: list[HttpPlatformClient] = field(default_factory=list)

    def client(
        self, *, url: str | None = None, token: str | None = None, chunk_bytes: int = 1 << 20
    ) -> HttpPlatformClient:
        c = HttpPlatformClient(
            url or self.base_url,
            new_session(),
            token=lambda: token or self.current_token(),
            connect_timeout_s=2.0,
            read_timeout_s=self.read_timeout_s,
            clock=self.clocks.now,
            chunk_bytes=chunk_bytes,
        )
        self.clients.append(c)
        return c

    def current_token(self) -> str | None:
        from sync.files import load_credentials

        credentials = load_credentials(self.data_dir)
        return None if credentials is None else credentials.token

    def engine(
        self,
        *,
        url: str | None = None,
        retention_days: int = 30,
        client: HttpPlatformClient | None = None,
        **kw: object,
    ) -> SyncEngine:
        return SyncEngine(
            self.store,
            client or self.client(url=url),
            data_dir=self.data_dir,
            terminal_id=TERMINAL,
            app_version="0.1.0-test",
            clock=self.clocks.now,
            monotonic=self.clocks.monotonic,
            retention_days=retention_days,
            intervals=SyncIntervals(),
            **kw,  # type: ignore[arg-type]
        )

    def enroll_again(self) -> str:
        self.token = self.central.enroll(TERMINAL)
        save_credentials(self.data_dir, _credentials(self.base_url, self.token))
        return self.token

    def close(self) -> None:
        for c in self.clients:
            c.close()
        self.store.close()


def _credentials(url: str, token: str) -> Credentials:
    return Credentials(url, TERMINAL, "test station", token, SALT_HEX, "2026-11-27T08:00:00+00:00")


@pytest.fixture
def central(tmp_path: Path) -> Iterator[CentralServer]:
    with running_central_server(tmp_path / "central") as server:
        yield server


@pytest.fixture
def kiosk(tmp_path: Path, central: CentralServer) -> Iterator[Kiosk]:
    clocks = Clocks()
    data_dir = tmp_path / "kiosk"
    store = open_database(data_dir, clock=clocks.now, station_code=STATION)
    token = central.enroll(TERMINAL)
    save_credentials(data_dir, _credentials(central.base_url, token))
    k = Kiosk(data_dir, store, clocks, central, central.base_url, token)
    try:
        yield k
    finally:
        k.close()


def puts(central: CentralServer, prefix: str = "/v1/submissions/") -> list[tuple[str, str]]:
    return [(m, p) for m, p in central.faults.seen if m == "PUT" and p.startswith(prefix)]
