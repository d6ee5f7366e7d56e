"""Screen 1: home / attract. Large tiles, and an attract loop after a while without anyone."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt, Signal
from PySide6.QtWidgets import QGraphicsOpacityEffect, QGridLayout, QSizePolicy

from ui.screens.base import Screen, TextLabel, button
from ui.theme import set_role


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
        self.tile_matter = button(role="tile", name="tile_matter")
        self.tile_bundles = button(role="tile", name="tile_bundles")
        self.tile_progress = button(role="tile", name="tile_progress")
        self.tile_rate = button(role="tile", name="tile_rate")
        self.tile_help = button(role="tile-help", name="tile_help")
        for tile in (
            self.tile_matter,
            self.tile_bundles,
            self.tile_progress,
            self.tile_rate,
            self.tile_help,
        ):
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.setMaximumHeight(360)
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
        super().retranslate()
