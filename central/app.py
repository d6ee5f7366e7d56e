"""Application factory: ``create_app(settings)`` returns the whole platform as one ASGI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from central import __doc__ as package_doc
from central.api import attachments, enroll_catalog, feedback, submissions
from central.db import Database
from central.errors import install_error_handlers
from central.services import catalogs, retention
from central.services.attachments import AttachmentStore
from central.services.login_guard import LoginGuard, LoginPolicy
from central.settings import Settings
from central.testing import FAULT_KINDS, Fault, FaultInjector
from central.util import sha256_hex
from central.wire import ApiWire

log = logging.getLogger(__name__)

API_VERSION = "1"


class CentralApp(FastAPI):
    """FastAPI with :class:`central.wire.ApiWire` in front of Starlette's middleware stack."""

    wire: ApiWire | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.wire is None:
            self.wire = ApiWire(super().__call__, getattr(self.state, "faults", None))
        await self.wire(scope, receive, send)

    def close(self) -> None:
        """Release the database (the lifespan does it when served; call it otherwise)."""
        self.state.db.close()


def create_app(settings: Settings) -> CentralApp:
    settings.check()  # refuses e.g. a non-positive enrollment code validity
    policy = retention.RetentionPolicy.of(settings)  # refuses non-positive retention periods
    login_policy = LoginPolicy.of(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_db_url)
    try:
        db.create_schema()
        if settings.initial_catalog is not None:
            load_initial_catalog(db, settings.initial_catalog.read_bytes())
    except Exception:
        db.close()
        raise

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sweeper = None
        if settings.purge_interval_s > 0:
            store: AttachmentStore = app.state.attachments
            sweeper = retention.BackgroundSweeper(
                lambda: retention.sweep(db, store, policy), settings.purge_interval_s
            )
            sweeper.start()
        try:
            yield
        finally:
            if sweeper is not None:
                await sweeper.stop()
            db.close()

    app = CentralApp(
        title="Quancheng kiosk central platform",
        version=API_VERSION,
        description=(package_doc or "").strip()
        + "\n\nHuman-readable contract: docs/api/terminal-api.md",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.attachments = AttachmentStore(db, settings.attachments_dir)
    app.state.login_guard = LoginGuard(db, login_policy)
    app.state.faults = FaultInjector() if settings.testing else None
    install_error_handlers(app)
    for module in (enroll_catalog, attachments, submissions, feedback):
        app.include_router(module.router)
    from central.office import install as install_office

    install_office(app)
    if settings.testing:
        _install_testing_routes(app)
    return app


def load_initial_catalog(db: Database, raw: bytes) -> None:
    """Publish ``raw`` unless it already is the current version (restart-safe)."""
    current = catalogs.latest(db)
    if current is None or current.etag != sha256_hex(raw):
        catalogs.publish(db, raw, by="startup")


def _install_testing_routes(app: CentralApp) -> None:
    faults: FaultInjector = app.state.faults

    @app.get("/_testing/faults", include_in_schema=False)
    async def list_faults() -> JSONResponse:
        return JSONResponse(faults.snapshot())

    @app.post("/_testing/faults", include_in_schema=False)
    async def add_fault(request: Request) -> JSONResponse:
        spec = await request.json()
        if not isinstance(spec, dict) or spec.get("kind") not in FAULT_KINDS:
            return JSONResponse({"error": "kind must be one of " + ", ".join(FAULT_KINDS)}, 400)
        fields = {
            k: spec[k]
            for k in ("path", "method", "times", "status", "retry_after", "seconds")
            if k in spec
        }
        fault = faults.add(Fault(kind=spec["kind"], **fields))
        return JSONResponse({"armed": fault.kind}, status_code=201)

    @app.delete("/_testing/faults", include_in_schema=False)
    async def clear_faults() -> JSONResponse:
        faults.clear()
        return JSONResponse({"cleared": True})

    @app.get("/_testing/login", include_in_schema=False)
    def testing_login(request: Request, user: str, next: str = "/office/cases") -> Response:
        """Log ``user`` in without a password and go to ``next`` (headless screenshots).

        Testing apps only (``Settings.testing``): a browser started from the command line
        cannot be handed a cookie, but it follows this redirect and keeps the one it sets.
        """
        from central.office.session import SESSION_COOKIE, session_secret
        from central.security import SESSION_TTL_S, new_session

        cookie, _csrf = new_session(session_secret(request), user)
        target = next if next.startswith("/") and not next.startswith("//") else "/office/cases"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE, cookie, httponly=True, samesite="lax", max_age=SESSION_TTL_S
        )
        return response
