"""Reading a catalogue file: the shipped sample or one the sync layer stored on disk."""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from kiosk.catalog.models import Catalog
from kiosk.catalog.validation import validate_catalog
from kiosk.errors import CatalogError

SAMPLE_CATALOG_RESOURCE = "sample_catalog.json"


def sample_catalog_path() -> Traversable:
    """The illustrative catalogue shipped in the ``config`` package (works from a wheel too)."""
    return files("config").joinpath(SAMPLE_CATALOG_RESOURCE)


def load_catalog(path: str | os.PathLike[str] | Traversable) -> Catalog:
    """Read and fully validate a catalogue file; :class:`CatalogError` names what is wrong."""
    source = path if isinstance(path, Traversable) else Path(path)
    try:
        raw = source.read_bytes()
    except OSError as err:
        raise CatalogError(
            path="$", reason="catalogue file cannot be read", detail=str(err)
        ) from err
    return validate_catalog(raw)
