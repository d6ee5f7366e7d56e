"""One error tree for the whole kiosk.

Every error carries a *message key* (looked up in the UI's translation catalogue) and *safe
parameters* (never personal data: no names, no ID numbers, no addresses). Third-party exceptions
are translated at the seam where they happen (``raise CardReadError(...) from err``) so the
screens only ever show translated text and the log gets the technical detail from the cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

SafeParam = str | int | float | bool | None


class KioskError(Exception):
    """Root of every error the kiosk raises on purpose."""

    default_key: ClassVar[str] = "error.unexpected"

    def __init__(
        self,
        key: str | None = None,
        /,
        *,
        detail: str = "",
        **params: SafeParam,
    ) -> None:
        self.key: str = key or self.default_key
        self.params: Mapping[str, SafeParam] = dict(params)
        # ``detail`` is for the log only (technical, never shown to a resident).
        self.detail = detail
        super().__init__(self.key if not detail else f"{self.key}: {detail}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, params={dict(self.params)!r})"


class ConfigError(KioskError):
    default_key = "error.config.invalid"


class ValidationError(KioskError):
    """Input that breaks a rule (form value, ID number, catalogue entry)."""

    default_key = "error.validation"


class IdentityError(ValidationError):
    default_key = "error.identity.invalid"


class ExpressionError(KioskError):
    """A form expression could not be parsed or evaluated safely."""

    default_key = "error.expression"


class CatalogError(KioskError):
    default_key = "error.catalog.invalid"


class StoreError(KioskError):
    """The offline store failed (disk full, read-only, corrupt)."""

    default_key = "error.store"


class StorageFullError(StoreError):
    default_key = "error.store.full"


class StorageReadOnlyError(StoreError):
    default_key = "error.store.readonly"


class AttachmentTooLargeError(StoreError):
    default_key = "error.attachment.too_large"


class NotFoundError(KioskError):
    default_key = "error.not_found"


class SessionError(KioskError):
    """An action that the current session state does not allow."""

    default_key = "error.session.invalid_transition"


class DeviceError(KioskError):
    """Root of device failures; drivers translate library exceptions into these."""

    default_key = "error.device"


class CardReadError(DeviceError):
    default_key = "error.card.unreadable"


class CardUnsupportedError(CardReadError):
    default_key = "error.card.unsupported"


class CardRemovedError(CardReadError):
    default_key = "error.card.removed"


class ReaderOfflineError(DeviceError):
    default_key = "error.card.reader_offline"


class PrinterError(DeviceError):
    default_key = "error.printer"


class PaperOutError(PrinterError):
    default_key = "error.printer.paper_out"


class PrinterOfflineError(PrinterError):
    default_key = "error.printer.offline"


class CameraError(DeviceError):
    default_key = "error.camera"


class CameraUnavailableError(CameraError):
    default_key = "error.camera.unavailable"


class CameraStreamEndedError(CameraError):
    """A non-looping file source (video, image sequence) has no more frames."""

    default_key = "error.camera.stream_ended"


class PlatformError(KioskError):
    """Talking to the central platform failed."""

    default_key = "error.platform"


class PlatformUnauthorizedError(PlatformError):
    default_key = "error.platform.unauthorized"
