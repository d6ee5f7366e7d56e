"""Design tokens and the Qt style sheet generated from them (normal and elder mode).

Elder mode (适老化) follows the MIIT 2021 numbers: body text at least 18 pt, the largest titles
at least 30 pt, touch targets at least 60 px (44 px otherwise), line spacing 1.3, contrast at
least 4.5:1. ``tests/ui/test_theme.py`` computes the WCAG contrast of every text/background pair
below, so a colour tweak that hurts readability fails the build.

Colour is never the only signal: status widgets pair a colour with an icon character and a
text label (:data:`STATUS_ICONS`).

Widgets opt into styles through the dynamic ``role`` property (``title``, ``primary``, ``tile``,
``badge-required`` …), so screens never hard-code colours or sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True, slots=True)
class Palette:
    background: str = "#FFFFFF"
    surface: str = "#EEF3F8"
    text: str = "#1B1F24"
    muted: str = "#4A5563"
    primary: str = "#0A58A8"
    on_primary: str = "#FFFFFF"
    accent: str = "#B3261E"  # the "call for help" button: red family, white text
    on_accent: str = "#FFFFFF"
    success: str = "#1D6B2A"
    warning: str = "#8A4A00"
    danger: str = "#B3261E"
    header: str = "#0A3D73"
    on_header: str = "#FFFFFF"
    border: str = "#7A8796"
    badge_required_bg: str = "#FDE7E7"
    badge_required_fg: str = "#8E1B13"
    badge_deferrable_bg: str = "#FFF1D6"
    badge_deferrable_fg: str = "#6B3A00"
    badge_commitment_bg: str = "#E3F0FF"
    badge_commitment_fg: str = "#0A3D73"
    badge_optional_bg: str = "#ECEFF3"
    badge_optional_fg: str = "#333C47"
    overlay_text: str = "#FFFFFF"
    overlay_bg: str = "#15202B"


PALETTE = Palette()

# (foreground, background) pairs that carry text; each must reach 4.5:1.
TEXT_PAIRS: dict[str, tuple[str, str]] = {
    "body": (PALETTE.text, PALETTE.background),
    "body_on_surface": (PALETTE.text, PALETTE.surface),
    "muted": (PALETTE.muted, PALETTE.background),
    "muted_on_surface": (PALETTE.muted, PALETTE.surface),
    "primary_button": (PALETTE.on_primary, PALETTE.primary),
    "link": (PALETTE.primary, PALETTE.background),
    "help_button": (PALETTE.on_accent, PALETTE.accent),
    "header": (PALETTE.on_header, PALETTE.header),
    "success": (PALETTE.success, PALETTE.background),
    "warning": (PALETTE.warning, PALETTE.background),
    "danger": (PALETTE.danger, PALETTE.background),
    "danger_on_surface": (PALETTE.danger, PALETTE.surface),
    "badge_required": (PALETTE.badge_required_fg, PALETTE.badge_required_bg),
    "badge_deferrable": (PALETTE.badge_deferrable_fg, PALETTE.badge_deferrable_bg),
    "badge_commitment": (PALETTE.badge_commitment_fg, PALETTE.badge_commitment_bg),
    "badge_optional": (PALETTE.badge_optional_fg, PALETTE.badge_optional_bg),
    "overlay": (PALETTE.overlay_text, PALETTE.overlay_bg),
}

# Icon characters shown next to status text (colour is never the only signal).
STATUS_ICONS: dict[str, str] = {
    "ok": "✔",
    "warning": "⚠",
    "error": "✖",
    "info": "ℹ",
    "offline": "⚠",
}


@dataclass(frozen=True, slots=True)
class Metrics:
    body_pt: int
    small_pt: int
    title_pt: int
    display_pt: int  # tracking number, countdown
    target_px: int
    spacing_px: int
    line_height: float = 1.3


NORMAL = Metrics(body_pt=15, small_pt=13, title_pt=24, display_pt=40, target_px=56, spacing_px=12)
ELDER = Metrics(body_pt=20, small_pt=18, title_pt=32, display_pt=48, target_px=76, spacing_px=16)
MIN_TARGET_NORMAL = 44
MIN_TARGET_ELDER = 60


def metrics(elder: bool) -> Metrics:
    return ELDER if elder else NORMAL


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    a, b = _luminance(foreground), _luminance(background)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)


def cjk_family() -> str | None:
    """The first installed font family that covers Chinese, or None (boxes would show)."""
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    for name in families:
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
            return name
    return None


def style_sheet(elder: bool) -> str:
    """The application style sheet for the mode."""
    p, m = PALETTE, metrics(elder)
    t = m.target_px
    return f"""
QWidget {{ color: {p.text}; background: {p.background}; font-size: {m.body_pt}pt; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {m.title_pt}pt; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {m.body_pt + 2}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.muted}; font-size: {m.small_pt}pt; }}
QLabel[role="display"] {{ font-size: {m.display_pt}pt; font-weight: bold; color: {p.primary}; }}
QLabel[role="error"] {{ color: {p.danger}; font-size: {m.small_pt}pt; }}
QLabel[role="ok"] {{ color: {p.success}; font-weight: bold; }}
QLabel[role="warning"] {{ color: {p.warning}; font-weight: bold; }}
QLabel[role="prefilled"] {{ color: {p.success}; font-size: {m.small_pt}pt; }}
QLabel[role="badge-required"] {{ color: {p.badge_required_fg}; background: {p.badge_required_bg};
  border-radius: 6px; padding: 2px 8px; font-size: {m.small_pt}pt; }}
QLabel[role="badge-deferrable"] {{ color: {p.badge_deferrable_fg};
  background: {p.badge_deferrable_bg}; border-radius: 6px; padding: 2px 8px;
  font-size: {m.small_pt}pt; }}
QLabel[role="badge-commitment"] {{ color: {p.badge_commitment_fg};
  background: {p.badge_commitment_bg}; border-radius: 6px; padding: 2px 8px;
  font-size: {m.small_pt}pt; }}
QLabel[role="badge-optional"] {{ color: {p.badge_optional_fg}; background: {p.badge_optional_bg};
  border-radius: 6px; padding: 2px 8px; font-size: {m.small_pt}pt; }}
QFrame[role="card"] {{ background: {p.surface}; border-radius: 12px; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QWidget[role="action-bar"] {{ background: {p.background}; border-top: 2px solid {p.surface}; }}
QWidget#header, QWidget#header QLabel {{ background: {p.header}; color: {p.on_header}; }}
QWidget#header QPushButton {{ background: {p.header}; color: {p.on_header};
  border: 2px solid {p.on_header}; min-height: {t}px; min-width: {t}px; padding: 0 12px; }}
QWidget#header QPushButton:checked {{ background: {p.on_header}; color: {p.header}; }}
QPushButton {{ min-height: {t}px; min-width: {t}px; padding: 4px 16px; border-radius: 10px;
  border: 2px solid {p.primary}; background: {p.background}; color: {p.primary};
  font-size: {m.body_pt}pt; }}
QPushButton:checked {{ background: {p.primary}; color: {p.on_primary}; }}
QPushButton:disabled {{ border-color: {p.border}; color: {p.muted}; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.on_primary};
  font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: {p.border}; color: {p.on_primary}; }}
QPushButton[role="help"] {{ background: {p.accent}; color: {p.on_accent}; border-color: {p.accent};
  font-weight: bold; }}
QPushButton[role="tile"] {{ min-height: {t * 2}px; font-size: {m.title_pt - 4}pt;
  font-weight: bold; background: {p.surface}; color: {p.text}; border: 2px solid {p.border};
  text-align: center; }}
QPushButton[role="tile-help"] {{ min-height: {t * 2}px; font-size: {m.title_pt - 4}pt;
  font-weight: bold; background: {p.accent}; color: {p.on_accent}; border: none; }}
QPushButton[role="link"] {{ border: none; color: {p.primary}; text-decoration: underline;
  background: transparent; }}
QPushButton[role="level"] {{ text-align: left; padding-left: 24px; }}
QToolButton {{ border: 2px solid {p.border}; border-radius: 10px; background: {p.background};
  color: {p.text}; padding: 6px; font-size: {m.body_pt}pt; }}
QToolButton:checked {{ border: 5px solid {p.primary}; background: {p.badge_commitment_bg};
  color: {p.badge_commitment_fg}; font-weight: bold; }}
QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox {{ min-height: {t}px;
  border: 2px solid {p.border}; border-radius: 8px; padding: 0 10px; background: {p.background};
  font-size: {m.body_pt}pt; }}
QLineEdit:focus {{ border-color: {p.primary}; }}
QLineEdit[invalid="true"] {{ border-color: {p.danger}; }}
QLineEdit[role="date-part"] {{ font-size: {m.title_pt - 4}pt; font-weight: bold; padding: 0 6px;
  min-width: {t * 7 // 5}px; max-width: {t * 7 // 5}px; }}
QLineEdit[role="date-part"][part="year"] {{ min-width: {t * 11 // 5}px;
  max-width: {t * 11 // 5}px; }}
QLabel[role="date-unit"] {{ font-size: {m.body_pt + 2}pt; font-weight: bold; }}
QCheckBox, QRadioButton {{ min-height: {t}px; spacing: 12px; font-size: {m.body_pt}pt; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {t // 2}px; height: {t // 2}px; }}
QListWidget {{ border: 2px solid {p.border}; border-radius: 8px; font-size: {m.body_pt}pt; }}
QListWidget::item {{ min-height: {t}px; padding: 6px 10px; border-bottom: 1px solid {p.surface}; }}
QListWidget::item:selected {{ background: {p.primary}; color: {p.on_primary}; }}
QScrollArea {{ border: none; }}
QScrollBar:vertical {{ width: {max(16, t // 4)}px; }}
QWidget[role="overlay"] {{ background: rgba(21, 32, 43, 230); }}
QFrame[role="dialog"] {{ background: {p.background}; border-radius: 16px;
  border: 3px solid {p.primary}; }}
QFrame[role="dialog"] QLabel {{ background: transparent; }}
"""


def apply(app: QApplication, elder: bool) -> None:
    """Install the style sheet and a base font (CJK family first when one is installed)."""
    family = cjk_family()
    font = QFont(family) if family else QFont()
    font.setPointSize(metrics(elder).body_pt)
    app.setFont(font)
    app.setStyleSheet(style_sheet(elder))


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget a style role; re-polishes so a changed role takes effect at once."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
