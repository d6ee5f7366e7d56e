"""Fixtures: a live central server per test, on SQLite and on a throw-away PostgreSQL."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from central.services import users
from tests.central.helpers import TIMEOUT
from tests.central_server import CentralServer, running_central_server
from tests.pg_cluster import PgCluster, PgClusterError, start_pg_cluster

_db_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        cluster = start_pg_cluster()
    except PgClusterError as err:
        pytest.fail(
            f"PostgreSQL could not start; the PostgreSQL half of the suite needs it:\n{err}"
        )
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def backend_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"central_{next(_db_names)}")


@pytest.fixture
def central(tmp_path: Path, backend_url: str | None) -> Iterator[CentralServer]:
    """A running platform on each backend (the API suite runs twice)."""
    with running_central_server(tmp_path / "central", db_url=backend_url) as server:
        yield server


@pytest.fixture
def central_sqlite(tmp_path: Path) -> Iterator[CentralServer]:
    """A running platform on SQLite only (backend-independent layers: faults, pages)."""
    with running_central_server(tmp_path / "central") as server:
        yield server


@dataclass
class Client:
    """An enrolled terminal talking to the server over real HTTP."""

    base: str
    terminal_id: str
    http: requests.Session

    def url(self, path: str) -> str:
        return self.base + path


def make_client(server: CentralServer, terminal_id: str) -> Client:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {server.enroll(terminal_id)}"
    return Client(server.base_url, terminal_id, session)


@pytest.fixture
def terminal(central: CentralServer) -> Iterator[Client]:
    client = make_client(central, "JN-LX-0001")
    yield client
    client.http.close()


@pytest.fixture
def anon() -> Iterator[requests.Session]:
    session = requests.Session()
    yield session
    session.close()


# -- the SQLite server seen by one kiosk and by one logged-in member of staff ----------------
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def kiosk(central_sqlite: CentralServer) -> Iterator[Client]:
    client = make_client(central_sqlite, "JN-LX-0001")
    yield client
    client.http.close()


@pytest.fixture
def staff(central_sqlite: CentralServer) -> Iterator[tuple[requests.Session, str]]:
    """A logged-in staff browser session and its CSRF token."""
    users.add_user(central_sqlite.db, "wang", "correct horse battery")
    with requests.Session() as browser:
        page = browser.get(central_sqlite.base_url + "/office/login", timeout=TIMEOUT)
        token = CSRF_RE.search(page.text).group(1)  # type: ignore[union-attr]
        r = browser.post(
            central_sqlite.base_url + "/office/login",
            timeout=TIMEOUT,
            data={"username": "wang", "password": "correct horse battery", "csrf": token},
        )
        assert r.status_code == 200 and r.url.endswith("/office/cases")
        yield browser, CSRF_RE.search(r.text).group(1)  # type: ignore[union-attr]
