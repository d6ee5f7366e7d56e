"""Printer settings the composition root fills from the typed kiosk config.

Kept as plain frozen dataclasses so the driver does not depend on the config package (the
import rules keep ``drivers`` independent); ``kiosk.bootstrap`` maps config fields onto these.
Every transport has a *short* timeout by default: python-escpos' own defaults are 60 s for
network and none at all for USB writes, which would freeze a kiosk behind a dead printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import ConfigError

# Dots per line of common thermal printers (203 dpi). 80 mm printers differ by model: the
# TM-T88 family prints 512 dots, TM-T20II and most Chinese 80 mm models 576.
WIDTH_58MM = 384
WIDTH_80MM_NARROW = 512
WIDTH_80MM_WIDE = 576


def paper_width_px(paper_mm: int, profile_pixels: int | None = None) -> int:
    """Raster width for a paper size, taking the printer profile's own width when it knows one.

    Without a profile an 80 mm printer gets 512 dots: it fits both 512- and 576-dot models.
    """
    if paper_mm == 58:
        return WIDTH_58MM
    if paper_mm == 80:
        if profile_pixels in (WIDTH_80MM_NARROW, WIDTH_80MM_WIDE):
            return profile_pixels
        return WIDTH_80MM_NARROW
    raise ConfigError("error.config.invalid", field="printer.paper_mm", value=paper_mm)


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How receipts are drawn.

    ``qr_url_template`` may contain ``{tracking}`` (URL-quoted tracking number), e.g.
    ``https://zwfw.example.gov.cn/track?no={tracking}``; without it the QR carries the bare
    tracking number. ``font_path`` overrides the fontconfig lookup of a CJK font.
    """

    width_px: int = WIDTH_80MM_NARROW
    font_path: Path | None = None
    qr_url_template: str | None = None
    qr_module_px: int | None = None  # None: width // 64 (6 dots on 58 mm, 8-9 on 80 mm)
    margin_px: int = 8

    def __post_init__(self) -> None:
        if self.width_px < 256 or self.width_px % 8:
            raise ConfigError("error.config.invalid", field="printer.width_px", value=self.width_px)
        if self.qr_module_px is not None and self.qr_module_px < 4:
            # Below 4 dots a module smudges on thermal paper and phones stop reading it.
            raise ConfigError(
                "error.config.invalid", field="printer.qr_module_px", value=self.qr_module_px
            )
        if self.qr_url_template is not None and "{tracking}" not in self.qr_url_template:
            raise ConfigError("error.config.invalid", field="printer.qr_url_template")


@dataclass(frozen=True, slots=True)
class NetworkConnection:
    host: str
    port: int = 9100
    timeout_s: float = 3.0


@dataclass(frozen=True, slots=True)
class UsbConnection:
    vendor_id: int
    product_id: int
    in_ep: int = 0x82
    out_ep: int = 0x01
    timeout_ms: int = 5000


@dataclass(frozen=True, slots=True)
class SerialConnection:
    port: str
    baudrate: int = 9600
    timeout_s: float = 2.0


@dataclass(frozen=True, slots=True)
class FileConnection:
    """A character device such as ``/dev/usb/lp0`` (usblp kernel driver). Write-only: the
    printer's status cannot be read, so ``status()`` reports ``UNKNOWN``."""

    path: Path = Path("/dev/usb/lp0")


Connection = NetworkConnection | UsbConnection | SerialConnection | FileConnection


@dataclass(frozen=True, slots=True)
class EscposSettings:
    """A real ESC/POS printer: how to reach it and which python-escpos profile describes it.

    ``cutter`` None means "ask the profile"; set it when a model's profile is wrong.
    """

    connection: Connection
    profile: str = "TM-T88V"
    paper_mm: int = 80
    cutter: bool | None = None
