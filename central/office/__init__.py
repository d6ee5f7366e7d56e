"""Back office (server-rendered, Chinese-first) and the public 好差评 board."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Mount the back-office routes and static files on ``app``."""
