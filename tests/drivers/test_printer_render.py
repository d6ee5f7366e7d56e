"""Rendering receipts to 1-bit images: widths, real Chinese glyphs, wrapping, QR readability."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from drivers.printer.fonts import find_cjk_font, glyph_bitmap, load_font
from drivers.printer.render import ReceiptRenderer, wrap
from drivers.printer.settings import RenderSettings, paper_width_px
from kiosk.errors import ConfigError, PrinterError
from kiosk.receipts import LineStyle, QueueTicket, ReceiptContent, build_receipt

NOW = datetime(2024, 5, 6, 14, 30)
LONG_ZH = "请于补交截止日期前携带身份证原件到社区便民服务站窗口补交材料，逾期视为撤回申请。" * 2
LONG_EN = "Bring the original documents to the service window before the deadline, please. " * 2


def receipt(language: str = "zh_CN") -> ReceiptContent:
    return build_receipt(
        station_name="历下区泉城路街道便民服务站",
        printed_at=NOW,
        matter_name="城乡居民基本医疗保险参保登记",
        tracking_number="JN2024050600123",
        applicant_name="张*",
        id_number="370102********123X",
        time_limit_days=5,
        delivery="mail",
        language=language,
        materials_received=["居民身份证", "户口簿"],
        materials_to_supplement=["近期一寸免冠照片"],
        supplement_deadline=date(2024, 5, 20),
        next_steps=[LONG_ZH, LONG_EN, "https://zwfw.example.gov.cn/a/very/long/path/" * 3],
    )


def read_qr(img: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(np.asarray(img.convert("L")))]


def ink_columns(img: Image.Image) -> np.ndarray:
    """Per column: does any black pixel appear in it."""
    return (np.asarray(img.convert("L")) < 128).any(axis=0)


@pytest.mark.parametrize(
    ("paper", "profile", "width"),
    [(58, None, 384), (80, 512, 512), (80, 576, 576), (80, None, 512)],
)
def test_width_per_paper_and_profile(paper: int, profile: int | None, width: int) -> None:
    assert paper_width_px(paper, profile) == width
    img = ReceiptRenderer(RenderSettings(width_px=width)).render_receipt(receipt())
    assert img.mode == "1"
    assert img.width == width
    assert img.height > img.width  # a real receipt, not an empty strip


def test_unknown_paper_size_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        paper_width_px(76)
    with pytest.raises(ConfigError):
        RenderSettings(qr_module_px=3)


@pytest.mark.parametrize("width", [384, 576])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_nothing_drawn_in_the_margins(width: int, language: str) -> None:
    """Long Chinese, English and URL text wraps inside the paper: the margins stay white."""
    renderer = ReceiptRenderer(RenderSettings(width_px=width, margin_px=8))
    ink = ink_columns(renderer.render_receipt(receipt(language)))
    assert not ink[:4].any() and not ink[-4:].any()
    assert ink[8:40].any()  # text does start at the left margin


def test_wrap_keeps_every_line_within_width_and_loses_nothing() -> None:
    font = load_font(find_cjk_font(), 24)
    text = f"{LONG_ZH}{LONG_EN}{'x' * 80}"
    lines = wrap(text, font, 300)
    assert len(lines) > 5
    assert all(font.getlength(line) <= 300 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，。、" for line in lines)  # no line starts with a comma


def test_chinese_glyphs_are_drawn_not_notdef_boxes() -> None:
    renderer = ReceiptRenderer()
    font = renderer.font(LineStyle.TEXT)
    notdef = glyph_bitmap(font, "\U0010fffd")  # private use: no font has it -> .notdef
    glyphs = [glyph_bitmap(font, ch) for ch in "受理编号泉城"]
    assert all(any(g) for g in glyphs)
    assert all(g != notdef for g in glyphs)
    assert len(set(glyphs)) == len(glyphs)


def test_configured_font_without_chinese_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as info:
        ReceiptRenderer(RenderSettings(font_path=tmp_path / "missing.ttf"))
    assert info.value.key == "error.printer.font_missing"
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():
        with pytest.raises(PrinterError, match="no Chinese glyphs"):
            ReceiptRenderer(RenderSettings(font_path=latin))


@pytest.mark.parametrize("width", [384, 512, 576])
def test_rendered_qr_decodes_to_tracking_number(width: int) -> None:
    img = ReceiptRenderer(RenderSettings(width_px=width)).render_receipt(receipt())
    assert read_qr(img) == ["JN2024050600123"]


def test_qr_url_template_and_module_size() -> None:
    settings = RenderSettings(
        width_px=384, qr_url_template="https://zwfw.example.gov.cn/t?no={tracking}"
    )
    renderer = ReceiptRenderer(settings)
    assert read_qr(renderer.render_receipt(receipt())) == [
        "https://zwfw.example.gov.cn/t?no=JN2024050600123"
    ]
    qr = renderer.qr_image("JN2024050600123")
    assert qr.width % 29 == 0 and qr.width // 29 >= 4  # version 1 + 2x4 quiet zone, >= 4 dots
    assert np.asarray(qr)[:16, :16].min() == 255  # quiet zone is white


def test_ticket_renders_big_number() -> None:
    renderer = ReceiptRenderer(RenderSettings(width_px=384))
    ticket = QueueTicket("A012", "社保医保业务", 7, NOW, station_name="泉城路站")
    img = renderer.render_ticket(ticket)
    assert img.width == 384
    assert 200 < img.height < 1000


def test_closing_mark_carries_whole_english_word_down() -> None:
    font = load_font(find_cjk_font(), 21)
    text = "近期一寸免冠照片 Recent ID photo，好"
    width = int(font.getlength("近期一寸免冠照片 Recent ID photo")) + 2  # the comma does not fit
    assert wrap(text, font, width) == ["近期一寸免冠照片 Recent ID", "photo，好"]
