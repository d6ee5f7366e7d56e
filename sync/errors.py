"""Platform answers the sync layer tells apart beyond :mod:`kiosk.ports.platform`."""

from __future__ import annotations

from kiosk.ports.platform import PlatformInvalidError

ATTACHMENT_MISSING = "attachment_missing"


class PlatformAttachmentsMissingError(PlatformInvalidError):
    """A 422 whose every detail is ``attachment_missing``: the platform does not (or no longer)
    hold(s) a file the body names -- e.g. its retention sweep dropped an upload between our
    check and the PUT. Not the case's fault: upload the files again and retry."""

    default_key = "error.platform.attachment_missing"
