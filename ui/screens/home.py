"""Screen 1: home / attract. Large tiles, and an attract loop after a while without anyone.

Every tile shows a pictogram above its words (``ui/icons/*.svg``), so a resident who cannot
read characters still finds 办事, 一件事, 进度查询, 评价 and 帮办 by the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
)

from ui.screens.base import Screen, TextLabel
from ui.theme import set_role

ICON_DIR = Path(__file__).resolve().parent.parent / "icons"
_ICONS: dict[str, QIcon] = {}
_TEXT_FLAGS = int(
    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
)


def pictogram(name: str) -> QIcon:
    """The pictogram ``ui/icons/<name>.svg``, one ``QIcon`` per process.

    ``QIcon`` goes through Qt's SVG icon-engine plugin, which renders a pixmap per size on the
    first paint and caches it; importing ``PySide6.QtSvg`` for a ``QSvgRenderer`` would cost
    the cold start several times more (the home screen is the first frame of ``kiosk run``).
    """
    icon = _ICONS.get(name)
    if icon is None:
        icon = _ICONS[name] = QIcon(str(ICON_DIR / f"{name}.svg"))
    return icon


class Tile(QPushButton):
    """A home tile: a large pictogram above its words, centred together as one block.

    ``QPushButton`` would put an icon beside the text, so the tile paints its content itself
    (the frame still comes from the style sheet's ``tile`` roles). ``text()`` stays the
    words; :meth:`HomeScreen.retranslate` sets the accessible name to them. The pictogram
    grows with the tile's font, i.e. with elder mode, and shrinks only when the tile is too
    low for it.
    """

    ICON_LINES = 5.0  # pictogram side, in text line heights (elder mode's font is larger)
    MIN_ICON = 40

    def __init__(self, icon: str, role: str, name: str) -> None:
        super().__init__()
        self.pictogram = icon
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # like ui.screens.base.button
        set_role(self, role)
        self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMaximumHeight(360)
        pictogram(icon)

    def _layout(self) -> tuple[QRect, QRect]:
        """(pictogram rectangle, text rectangle) for the current size, font and text."""
        fm = self.fontMetrics()
        gap = fm.height() // 3
        area = self.rect().adjusted(16, 12, -16, -12)
        text_h = fm.boundingRect(area, _TEXT_FLAGS, self.text()).height()
        side = int(fm.height() * self.ICON_LINES)
        side = max(self.MIN_ICON, min(side, area.height() - text_h - gap, area.width()))
        top = area.top() + max(0, (area.height() - side - gap - text_h) // 2)
        icon_rect = QRect(area.center().x() - side // 2, top, side, side)
        text_rect = QRect(area.left(), top + side + gap, area.width(), text_h)
        return icon_rect, text_rect

    def icon_rect(self) -> QRect:
        return self._layout()[0]

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.height() * 4, self.MIN_ICON + fm.height() * 2 + 24)

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)  # the styled frame
        icon_rect, text_rect = self._layout()
        pictogram(self.pictogram).paint(painter, icon_rect)
        painter.setPen(option.palette.color(QPalette.ColorRole.ButtonText))
        painter.drawText(
            text_rect,
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            self.text(),
        )


@dataclass(frozen=True, slots=True)
class HomeState:
    attract: bool = False
    elder: bool = False
    portrait: bool = True


class HomeScreen(Screen):
    screen_id = "home"
    handleMatterRequested = Signal()
    bundlesRequested = Signal()
    progressRequested = Signal()
    rateRequested = Signal()
    helpRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt = TextLabel(role="subtitle")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.root.addWidget(self.prompt)
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        self.tile_matter = Tile("matter", "tile", "tile_matter")
        self.tile_bundles = Tile("bundles", "tile", "tile_bundles")
        self.tile_progress = Tile("progress", "tile", "tile_progress")
        self.tile_rate = Tile("rate", "tile", "tile_rate")
        self.tile_help = Tile("help", "tile-help", "tile_help")
        self.tiles = [
            self.tile_matter,
            self.tile_bundles,
            self.tile_progress,
            self.tile_rate,
            self.tile_help,
        ]
        self.root.addLayout(self.grid, 1)
        self.attract = TextLabel(role="display")
        self.attract.setObjectName("attract_banner")
        self.attract.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.root.addWidget(self.attract)
        # The banner's pulse is made the first time the attract loop runs (not for the first
        # frame: ``kiosk run`` paints this screen before anything else).
        self._fade: QGraphicsOpacityEffect | None = None
        self._pulse: QPropertyAnimation | None = None
        self.tile_matter.clicked.connect(self.handleMatterRequested)
        self.tile_bundles.clicked.connect(self.bundlesRequested)
        self.tile_progress.clicked.connect(self.progressRequested)
        self.tile_rate.clicked.connect(self.rateRequested)
        self.tile_help.clicked.connect(self.helpRequested)
        self._layout_tiles(elder=False)
        self.retranslate()
        self.render(HomeState())

    def _layout_tiles(self, elder: bool) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        if elder:  # one column of big tiles: fewer choices side by side
            for row, tile in enumerate(self.tiles):
                self.grid.addWidget(tile, row, 0)
        else:
            positions = [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1), (2, 0, 1, 2)]
            for tile, pos in zip(self.tiles, positions, strict=True):
                self.grid.addWidget(tile, *pos)

    def _render(self, state: HomeState) -> None:
        self._layout_tiles(state.elder and state.portrait)
        self.attract.setVisible(state.attract)
        set_role(self.prompt, "subtitle")
        if state.attract:
            self._pulsing().start()
        elif self._pulse is not None and self._fade is not None:
            self._pulse.stop()
            self._fade.setOpacity(1.0)
        self._set_attract_text()

    def _pulsing(self) -> QPropertyAnimation:
        if self._pulse is None:
            self._fade = QGraphicsOpacityEffect(self.attract)
            self.attract.setGraphicsEffect(self._fade)
            pulse = QPropertyAnimation(self._fade, b"opacity", self)
            pulse.setDuration(1600)
            pulse.setStartValue(1.0)
            pulse.setKeyValueAt(0.5, 0.35)
            pulse.setEndValue(1.0)
            pulse.setEasingCurve(QEasingCurve.Type.InOutSine)
            pulse.setLoopCount(-1)
            self._pulse = pulse
        return self._pulse

    def _set_attract_text(self) -> None:
        self.attract.set_plain(self.tr("Insert your ID card to start"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome! What would you like to do?"))
        self.prompt.set_plain(self.tr("Place your ID card on the reader at any time to start."))
        self.tile_matter.setText(self.tr("Handle a matter"))
        self.tile_bundles.setText(self.tr("Life events (one-stop)"))
        self.tile_progress.setText(self.tr("Check progress"))
        self.tile_rate.setText(self.tr("Rate a service"))
        self.tile_help.setText(self.tr("Call for help"))
        for tile in self.tiles:
            tile.setAccessibleName(tile.text())
        super().retranslate()
