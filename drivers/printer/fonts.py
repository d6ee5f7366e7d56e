"""Finding a font that can draw Chinese, or failing loudly.

Receipts are rendered as images because ESC/POS text mode mangles Chinese. The one way that can
still go wrong is a machine without a CJK font: Pillow then draws every character as an empty
box and the resident walks away with an unreadable receipt. So the font is found through
fontconfig (which knows the fonts the OS installed), checked to really contain Chinese glyphs,
and a missing font is a clear :class:`~kiosk.errors.PrinterError` naming the package to install.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.errors import PrinterError

PREFERRED_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")
FONT_MISSING_KEY = "error.printer.font_missing"
INSTALL_HINT = "install a CJK font, e.g. `apt-get install fonts-wqy-microhei`"

# Two different common characters: a font without CJK coverage draws both as the same
# .notdef box, a real CJK font draws two different glyphs.
_PROBE = ("受", "理")


@dataclass(frozen=True, slots=True)
class FontSource:
    path: Path
    index: int = 0  # face inside a .ttc collection


def find_cjk_font(override: Path | None = None) -> FontSource:
    """The configured font, else the best fontconfig match for Simplified Chinese."""
    if override is not None:
        if not override.is_file():
            raise PrinterError(FONT_MISSING_KEY, detail=f"configured font not found: {override}")
        font = FontSource(override)
        if not covers_cjk(font):
            raise PrinterError(FONT_MISSING_KEY, detail=f"{override} has no Chinese glyphs")
        return font
    return _fontconfig_cjk_font()


@functools.cache
def _fontconfig_cjk_font() -> FontSource:
    if shutil.which("fc-match") is None or shutil.which("fc-list") is None:
        raise PrinterError(FONT_MISSING_KEY, detail=f"fontconfig is not installed; {INSTALL_HINT}")
    candidates = []
    for family in PREFERRED_FAMILIES:
        found = _fc(["fc-match", "-f", "%{file}\t%{index}", f"{family}:lang=zh-cn"])
        if found:
            candidates.append(found)
    # fc-match always answers something (a Latin fallback too), so only fonts fontconfig lists
    # as covering Chinese count; any of them will do if none of the preferred families exists.
    covering = [
        line.strip() for line in _fc(["fc-list", ":lang=zh-cn", "file", "index"]).splitlines()
    ]
    listed = {_parse_fc_list(line) for line in covering if line}
    ordered = [_parse_match(c) for c in candidates] + sorted(listed, key=lambda f: str(f))
    for font in ordered:
        if font in listed and covers_cjk(font):
            return font
    raise PrinterError(FONT_MISSING_KEY, detail=f"no Chinese font found; {INSTALL_HINT}")


def _fc(args: list[str]) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PrinterError(FONT_MISSING_KEY, detail=f"{args[0]} failed: {err}") from err
    return done.stdout if done.returncode == 0 else ""


def _parse_match(text: str) -> FontSource:
    path, _, index = text.partition("\t")
    return FontSource(Path(path), int(index or 0))


def _parse_fc_list(line: str) -> FontSource:
    # "/usr/share/fonts/.../wqy-microhei.ttc: :index=1"
    path, _, rest = line.partition(":")
    index = rest.strip().removeprefix(":index=").strip()
    return FontSource(Path(path), int(index) if index.isdigit() else 0)


def covers_cjk(font: FontSource) -> bool:
    """True when the font draws distinct, non-empty glyphs for two Chinese characters."""
    try:
        face = ImageFont.truetype(str(font.path), 32, index=font.index)
    except OSError:
        return False
    masks = [glyph_bitmap(face, ch) for ch in _PROBE]
    return all(any(m) for m in masks) and masks[0] != masks[1]


def glyph_bitmap(face: ImageFont.FreeTypeFont, char: str) -> bytes:
    """The pixels of one character drawn alone (for coverage checks and tests)."""
    size = int(face.size) * 2
    img = Image.new("L", (size, size), 0)
    ImageDraw.Draw(img).text((size // 4, size // 4), char, font=face, fill=255)
    return img.tobytes()


@functools.cache
def load_font(font: FontSource, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: Chinese and English need no complex shaping, and it is several times
    # faster than raqm for the many width measurements line breaking makes.
    return ImageFont.truetype(
        str(font.path), size, index=font.index, layout_engine=ImageFont.Layout.BASIC
    )
