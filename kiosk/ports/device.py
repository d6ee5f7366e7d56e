"""Device state shared by every device port."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.errors import SafeParam


class DeviceState(StrEnum):
    READY = "ready"
    BUSY = "busy"
    NO_MEDIA = "no_media"  # no card present / printer paper out
    MEDIA_LOW = "media_low"  # printer paper near end
    OFFLINE = "offline"  # unplugged, service not running, unreachable
    ERROR = "error"
    UNKNOWN = "unknown"  # the device did not answer a status query


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device's state plus a translatable message key and safe parameters."""

    state: DeviceState
    message_key: str
    params: Mapping[str, SafeParam] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        return self.state in (DeviceState.READY, DeviceState.MEDIA_LOW, DeviceState.NO_MEDIA)
