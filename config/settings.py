"""Typed, versioned kiosk settings.

Sources, later ones winning: the shipped defaults (``config/defaults.toml``), the site file
(``--config PATH`` or ``KIOSK_CONFIG``), then ``KIOSK_*`` environment overrides such as
``KIOSK_DEVICES__PRINTER__KIND=network`` (``__`` separates nesting levels).

An invalid file stops start-up with a :class:`SettingsError` naming the field, the value and what
is allowed; older ``settings_version`` layouts are migrated in memory (``kiosk config show``
prints the migrated form so a technician can save it). Reading and merging the sources (no
pydantic) lives in :mod:`config.shell`, re-exported here; ``shell_values`` gives the first frame
its few values before this module (pydantic, the models) is imported.

This package is a leaf: it imports nothing from the rest of the project.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from config.shell import (
    ENV_PREFIX,
    ENV_SOURCE,
    MIGRATIONS,
    SECRET_SETTINGS,
    SETTINGS_VERSION,
    SettingsError,
    ShellValues,
    defaults_text,
    migrate,
    raw_settings,
    shell_values,
)

__all__ = [
    "ENV_PREFIX",
    "ENV_SOURCE",
    "MIGRATIONS",
    "SECRET_SETTINGS",
    "SETTINGS_VERSION",
    "Settings",
    "SettingsError",
    "ShellValues",
    "defaults_text",
    "load_settings",
    "migrate",
    "raw_settings",
    "shell_values",
]


class _Section(BaseModel):
    # Environment overrides are parsed as TOML scalars, so KIOSK_TERMINAL__HOTLINE=96123
    # arrives as a number: text settings accept it as its digits.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class TerminalSettings(_Section):
    id: str = Field(default="JN-LX-0001", pattern=r"^[A-Za-z0-9-]{3,32}$")
    station_name: str = Field(default="历下区泉城路街道便民服务站", min_length=1, max_length=40)
    station_name_en: str = Field(default="Quanchenglu Street Service Station", max_length=60)
    region_code: str = Field(default="370102", pattern=r"^\d{6}$")
    # Prefix of this terminal's tracking numbers (unique per station in a city).
    station_code: str = Field(default="LX01", pattern=r"^[A-Z0-9]{2,8}$")
    default_language: Literal["zh_CN", "en"] = "zh_CN"
    orientation: Literal["portrait", "landscape"] = "portrait"
    elder_mode_default: bool = False
    hotline: str = Field(default="12345", pattern=r"^[0-9-]{3,20}$")
    technician_pin: str = Field(default="246810", pattern=r"^\d{4,12}$")
    # Spoken prompts for residents who cannot read the screen (Qt TextToSpeech engine name:
    # speech-dispatcher in production; "mock" in tests).
    voice_guidance: bool = False
    voice_engine: str = Field(default="speechd", pattern=r"^[a-z0-9_-]{1,32}$")


class CardReaderSettings(_Section):
    kind: Literal["simulator", "pcsc", "sam-serial"] = "simulator"
    port: str = "/dev/ttyUSB0"  # sam-serial
    baud: Literal[115200, 57600, 38400, 19200, 9600] = 115200
    reader_name: str = ""  # pcsc: substring of the reader name; "" = first reader
    photo_decoder: str = ""  # dotted path of a vendor WLT decoder plug-in; "" = none
    identities_file: str = ""  # simulator fixtures; "" = the shipped sample identities


class PrinterSettings(_Section):
    kind: Literal["simulator", "usb", "serial", "network", "file"] = "simulator"
    profile: str = "TM-T20II"
    paper_mm: Literal[58, 80] = 80
    width_px: Literal[384, 512, 576] | None = None  # None = from paper_mm and profile
    host: str = "127.0.0.1"
    tcp_port: int = Field(default=9100, ge=1, le=65535)
    usb_vendor_id: int = Field(default=0x04B8, ge=0, le=0xFFFF)
    usb_product_id: int = Field(default=0x0202, ge=0, le=0xFFFF)
    usb_in_ep: int = 0x82
    usb_out_ep: int = 0x01
    serial_port: str = "/dev/ttyS0"
    serial_baud: int = 19200
    file_path: str = "/dev/usb/lp0"
    timeout_s: float = Field(default=3.0, gt=0, le=30)
    output_dir: str = ""  # simulator: where receipt PNGs go; "" = <data_dir>/printed
    qr_url_template: str = ""  # e.g. "https://example.gov.cn/track/{tracking}"; "" = number only

    @property
    def effective_width_px(self) -> int:
        if self.width_px is not None:
            return self.width_px
        if self.paper_mm == 58:
            return 384
        return 512 if self.profile.upper().startswith("TM-T88") else 576


class CameraSettings(_Section):
    kind: Literal["simulator", "index", "path"] = "simulator"
    index: int = Field(default=0, ge=0, le=63)
    path: str = ""  # video file, image, or image sequence pattern like frames/%03d.png
    width: int = Field(default=1920, ge=160, le=8192)
    height: int = Field(default=1080, ge=120, le=8192)
    fps: float = Field(default=15.0, gt=0, le=120)


class DeviceSettings(_Section):
    card_reader: CardReaderSettings = CardReaderSettings()
    printer: PrinterSettings = PrinterSettings()
    camera: CameraSettings = CameraSettings()


class PlatformSettings(_Section):
    url: str = ""  # "" = start a local central platform on loopback
    verify_tls: bool = True
    ca_bundle: str = ""
    connect_timeout_s: float = Field(default=3.05, gt=0, le=60)
    read_timeout_s: float = Field(default=15.0, gt=0, le=300)

    @field_validator("url")
    @classmethod
    def _url_scheme(cls, v: str) -> str:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https:// (or be empty for local)")
        return v.rstrip("/")


class SessionSettings(_Section):
    idle_timeout_s: int = Field(default=90, ge=15, le=3600)
    warning_s: int = Field(default=20, ge=5, le=120)
    card_removed_policy: Literal["ask", "wipe"] = "ask"

    @model_validator(mode="after")
    def _warning_inside_timeout(self) -> SessionSettings:
        if self.warning_s >= self.idle_timeout_s:
            raise ValueError("warning_s must be shorter than idle_timeout_s")
        return self


class PathSettings(_Section):
    data_dir: str = ""  # "" = $XDG_DATA_HOME/quancheng-kiosk

    def resolved_data_dir(self) -> Path:
        if self.data_dir:
            return Path(self.data_dir).expanduser()
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "quancheng-kiosk"


class StorageSettings(_Section):
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=64 * 1024)
    # Personal data and files of cases/feedback the platform acknowledged. Unsent data is
    # never purged.
    retention_days: int = Field(default=30, ge=0, le=3650)
    # Drafts a resident saved for later (with consent), since their last change: at least a
    # day, so no purge run with a short period can take a draft saved minutes ago.
    saved_draft_retention_days: int = Field(default=30, ge=1, le=3650)
    audit_retention_days: int = Field(default=180, ge=1, le=3650)  # audit log events
    # Cached progress of finished cases (rejected / result ready / mailed), since last change.
    status_cache_retention_days: int = Field(default=90, ge=1, le=3650)


class Settings(_Section):
    settings_version: Literal[2] = 2
    terminal: TerminalSettings = TerminalSettings()
    devices: DeviceSettings = DeviceSettings()
    platform: PlatformSettings = PlatformSettings()
    session: SessionSettings = SessionSettings()
    paths: PathSettings = PathSettings()
    storage: StorageSettings = StorageSettings()


def _explain(err: ValidationError) -> list[tuple[str, str, str]]:
    problems = []
    for item in err.errors():
        field = ".".join(str(p) for p in item["loc"]) or "(root)"
        value = item.get("input")
        shown = "missing" if item["type"] == "missing" else repr(value)
        if isinstance(value, dict):
            shown = "a table"
        elif item["loc"] and item["loc"][-1] in SECRET_SETTINGS:
            shown = "(hidden)"
        allowed = item["msg"]
        if item["type"] == "extra_forbidden":
            allowed = "unknown setting (check the spelling)"
        problems.append((field, shown, allowed))
    return problems


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults ← site file ← environment. Raises :class:`SettingsError` naming the field."""
    raw, source = raw_settings(path, environ)
    try:
        return Settings.model_validate(raw)
    except ValidationError as err:
        raise SettingsError(source, _explain(err)) from err
