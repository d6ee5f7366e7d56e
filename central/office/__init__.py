"""Back office (server-rendered, Chinese-first) and the public 好差评 board."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from central.office import admin, cases, public
from central.office.session import LoginRequiredError, on_login_required


def install(app: FastAPI) -> None:
    """Mount the back-office routes and static files on ``app``."""
    app.add_exception_handler(LoginRequiredError, on_login_required)
    for module in (cases, admin, public):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
