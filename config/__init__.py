"""Typed settings, shipped defaults and sample data. A leaf package: imports nothing else.

``Settings``, ``SettingsError`` and ``load_settings`` are loaded on first use, so importing
:mod:`config.shell` (``kiosk run``'s first frame) does not import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from config.settings import Settings, SettingsError, load_settings

__all__ = ["Settings", "SettingsError", "load_settings"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from config import settings

        return getattr(settings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
