"""Start the real central platform (uvicorn + the FastAPI app) on loopback for tests.

Stable API for every test suite that needs a live platform (the kiosk's sync tests use it)::

    from tests.central_server import running_central_server

    with running_central_server(tmp_path) as central:
        token = central.enroll("JN-LX-0001")             # or central.create_enrollment_code()
        requests.get(f"{central.base_url}/v1/catalog",
                     headers={"Authorization": f"Bearer {token}"}, timeout=(2, 5))
        central.faults.drop_after_commit("/v1/submissions/*", method="PUT")
        central.change_status(submission_id, "accepted", note_zh="已受理", note_en="Accepted")

The server runs in a background thread on ``127.0.0.1:<free port>`` with an SQLite database in
``data_dir`` (or ``db_url``, e.g. a :mod:`tests.pg_cluster` PostgreSQL), the kiosk's sample
catalogue published, and fault injection enabled (see :mod:`central.testing` for every switch).
:meth:`CentralServer.stop` (or leaving the ``with`` block) stops uvicorn, joins the thread and
disposes the database engine, so pytest's warnings-as-errors stay quiet.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

from central.app import CentralApp, create_app
from central.services import cases, catalogs, terminals
from central.settings import Settings
from central.testing import FaultInjector

SAMPLE_CATALOG = Path(__file__).resolve().parents[1] / "config" / "sample_catalog.json"
"""The kiosk's sample catalogue, read as a file (``central`` never imports ``config``)."""

DEFAULT_STATION = "LX01 历下区测试社区服务站"
_USE_SAMPLE: Any = object()


@dataclass
class CentralServer:
    """A running platform: its URL, its fault switches and admin shortcuts on its database."""

    base_url: str
    app: CentralApp
    settings: Settings
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _socket: socket.socket = field(repr=False)

    @property
    def faults(self) -> FaultInjector:
        faults: FaultInjector = self.app.state.faults
        return faults

    @property
    def db(self) -> Any:
        """The :class:`central.db.Database` (for assertions straight on the tables)."""
        return self.app.state.db

    # -- administration, as an operator would do it with the CLI / back office --------------
    def create_enrollment_code(
        self, station: str = DEFAULT_STATION, terminal_id: str | None = None
    ) -> str:
        """A single-use enrollment code (``kiosk-central terminals add``)."""
        return terminals.create_enrollment_code(self.db, station, terminal_id)

    def enroll(self, terminal_id: str = "JN-LX-0001", station: str = DEFAULT_STATION) -> str:
        """Enroll ``terminal_id`` (directly on the database) and return its bearer token."""
        code = self.create_enrollment_code(station, terminal_id)
        return terminals.enroll(self.db, code, terminal_id, "test").token

    def revoke(self, terminal_id: str) -> None:
        if not terminals.revoke(self.db, terminal_id):
            raise KeyError(terminal_id)

    def publish_catalog(self, catalog: dict[str, Any] | bytes) -> str:
        """Publish a new catalogue version; returns its ETag value (sha256, unquoted)."""
        raw = (
            catalog
            if isinstance(catalog, bytes)
            else json.dumps(catalog, ensure_ascii=False).encode("utf-8")
        )
        return catalogs.publish(self.db, raw, by="test").etag

    def change_status(
        self,
        submission_id: str,
        status: str,
        *,
        note_zh: str | None = None,
        note_en: str | None = None,
    ) -> int:
        """A staff status change (appended to the terminal's feed); returns the feed cursor."""
        return cases.change_status(
            self.db, submission_id, status, note_zh=note_zh, note_en=note_en, by_user="test"
        )

    def submission(self, submission_id: str) -> dict[str, Any] | None:
        """The stored submission body (canonical JSON decoded) plus ``_status``, or None."""
        row = cases.get_submission_row(self.db, submission_id)
        if row is None:
            return None
        body: dict[str, Any] = json.loads(row.canonical)
        body["_status"] = row.status
        return body

    def submission_count(self) -> int:
        from sqlalchemy import func, select

        from central.models import Submission

        with self.db.transaction() as session:
            return int(session.scalar(select(func.count()).select_from(Submission)) or 0)

    def heartbeat(self, terminal_id: str) -> dict[str, object] | None:
        """The latest heartbeat body stored for ``terminal_id``."""
        return terminals.latest_heartbeat(self.db, terminal_id)

    # -- lifecycle ---------------------------------------------------------------------------
    def stop(self) -> None:
        if self.app.state.faults is not None:
            self.faults.release()
        self._server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()
        self.app.close()
        if self._thread.is_alive():
            raise RuntimeError("central server thread did not stop")


def start_central_server(
    data_dir: Path,
    *,
    db_url: str | None = None,
    catalog: Path | bytes | dict[str, Any] | None = _USE_SAMPLE,
    testing: bool = True,
    **settings: Any,
) -> CentralServer:
    """Start a server; the caller must :meth:`CentralServer.stop` it (prefer the context manager).

    ``catalog``: the initial catalogue (default: the kiosk's sample; ``None`` publishes none).
    Extra keyword arguments go to :class:`central.settings.Settings`.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    if catalog is _USE_SAMPLE:
        catalog = SAMPLE_CATALOG
    if isinstance(catalog, dict):
        catalog = json.dumps(catalog, ensure_ascii=False).encode("utf-8")
    if isinstance(catalog, bytes):
        path = data_dir / "initial-catalog.json"
        path.write_bytes(catalog)
        catalog = path
    app = create_app(
        Settings(
            data_dir=data_dir, db_url=db_url, initial_catalog=catalog, testing=testing, **settings
        )
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=10
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"central-{port}", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                thread.join(timeout=10)
                raise RuntimeError("central server did not start")
            time.sleep(0.01)
    except BaseException:
        sock.close()
        app.close()
        raise
    return CentralServer(f"http://127.0.0.1:{port}", app, app.state.settings, server, thread, sock)


@contextmanager
def running_central_server(data_dir: Path, **kwargs: Any) -> Iterator[CentralServer]:
    """``with running_central_server(tmp_path) as central: ...`` (see the module docstring)."""
    server = start_central_server(data_dir, **kwargs)
    try:
        yield server
    finally:
        server.stop()
