"""Plug-in point for the WLT photo decoder.

The 1024-byte WLT photo on the card can only be decoded with the reader vendor's licensed
library, so the kiosk never reimplements it: a station that holds a licence configures a dotted
path to an adapter object (``"vendor_pkg.wlt:decoder"`` or ``"vendor_pkg.wlt.decoder"``); without
one, identities simply carry the raw bytes and no photo image is shown.
"""

from __future__ import annotations

import importlib
import logging
from typing import Protocol, runtime_checkable

from kiosk.errors import ConfigError

_log = logging.getLogger(__name__)


@runtime_checkable
class PhotoDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes:
        """Return an image file (BMP/JPEG/PNG bytes) for the WLT data."""
        ...


def load_photo_decoder(dotted_path: str | None) -> PhotoDecoder | None:
    """Resolve the configured decoder; ``None``/"" means "no decoder" (the default).

    The target may be a decoder object or a zero-argument factory (a class) returning one.
    A wrong path stops start-up with a :class:`ConfigError` naming the setting, instead of
    failing on the first resident's card.
    """
    if not dotted_path:
        return None
    module_name, sep, attr = dotted_path.partition(":")
    if not sep:
        module_name, _, attr = dotted_path.rpartition(".")
    try:
        target: object = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError, ValueError) as err:
        raise ConfigError(
            "error.config.invalid", detail=str(err), field="idcard.photo_decoder"
        ) from err
    if isinstance(target, type):
        target = target()
    if not isinstance(target, PhotoDecoder):
        raise ConfigError(
            "error.config.invalid", detail="not a PhotoDecoder", field="idcard.photo_decoder"
        )
    return target


def decode_photo(decoder: PhotoDecoder | None, wlt: bytes) -> bytes | None:
    """Decode when possible. A failing vendor library costs the photo, never the read."""
    if decoder is None or not wlt:
        return None
    try:
        return decoder.decode(wlt)
    except Exception as err:  # vendor code: any failure ends at this seam
        _log.warning("WLT photo decoder failed: %s", type(err).__name__)
        return None
