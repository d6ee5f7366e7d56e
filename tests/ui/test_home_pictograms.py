"""Home tiles carry a pictogram above their words (residents who cannot read characters),
sized up in elder mode, in both orientations, and packaged with the application."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from ui.screens.home import ICON_DIR, pictogram

ROOT = Path(__file__).resolve().parents[2]
DARK_BLUE = QColor("#0A3D73")  # the pictograms' outline colour
WHITE = QColor("#FFFFFF")  # the help pictogram on the red tile


def _has_colour(image, colour: QColor, tolerance: int = 24) -> bool:
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) <= tolerance
                and abs(c.green() - colour.green()) <= tolerance
                and abs(c.blue() - colour.blue()) <= tolerance
            ):
                return True
    return False


def test_every_pictogram_is_a_small_hand_written_svg_that_renders(qapp) -> None:
    names = sorted(p.stem for p in ICON_DIR.glob("*.svg"))
    assert names == ["bundles", "help", "matter", "progress", "rate"]
    for name in names:
        source = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
        assert "<image" not in source and "href" not in source  # nothing external
        assert len(source) < 2000
        icon = pictogram(name)
        assert not icon.isNull()
        assert pictogram(name) is icon  # loaded once per process
        image = icon.pixmap(96, 96).toImage()
        colour = WHITE if name == "help" else DARK_BLUE
        assert _has_colour(image, colour), name


def test_pictograms_are_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    assert "*.svg" in patterns


def _wait_settled(k, tiles) -> None:
    """Wait until the tiles are laid out (wide) and their geometry stopped changing over a
    few polls: layouts settle over several event passes after a resize."""
    seen: list[object] = []

    def settled() -> bool:
        seen.append([(t.geometry(), t.icon_rect()) for t in tiles])
        return tiles[0].width() > 300 and len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    k.wait(settled)


@pytest.mark.parametrize(
    ("size", "elder"),
    [((1080, 1920), False), ((1080, 1920), True), ((1920, 1080), False), ((1920, 1080), True)],
    ids=["portrait", "portrait-elder", "landscape", "landscape-elder"],
)
def test_tiles_stack_a_large_pictogram_above_their_words(make_kiosk, size, elder) -> None:
    k = make_kiosk(
        elder=elder,
        KIOSK_TERMINAL__ORIENTATION="portrait" if size[0] < size[1] else "landscape",
    )
    k.window.resize(*size)
    home = k.c.home
    _wait_settled(k, home.tiles)
    for tile in home.tiles:
        icon, text = tile._layout()
        assert tile.rect().contains(icon) and tile.rect().contains(text), tile.objectName()
        assert icon.bottom() < text.top()
        assert icon.width() >= (120 if elder else 100), tile.objectName()
        assert text.height() >= tile.fontMetrics().height()  # the words are not cut off
        image = tile.grab().toImage()
        colour = WHITE if tile is home.tile_help else DARK_BLUE
        assert _has_colour(image.copy(icon), colour), tile.objectName()


def test_elder_mode_makes_the_pictograms_bigger(make_kiosk) -> None:
    k = make_kiosk()
    k.window.resize(1080, 1920)
    tile = k.c.home.tile_matter
    _wait_settled(k, [tile])
    normal = tile.icon_rect().width()
    k.window.elder_button.click()
    k.wait(lambda: tile.icon_rect().width() > normal)


def test_tiles_have_accessible_names_in_both_languages(make_kiosk) -> None:
    k = make_kiosk(language="zh_CN")
    home = k.c.home
    assert [t.accessibleName() for t in home.tiles] == [
        "办事",
        "一件事（一次办）",
        "进度查询",
        "评价",
        "帮办（呼叫工作人员）",
    ]
    k.window.language_button.click()
    k.wait(lambda: home.tile_matter.accessibleName() == "Handle a matter")
    assert all(t.accessibleName() == t.text() for t in home.tiles)
