"""Drawing receipts and queue tickets as 1-bit images for thermal printers.

Why images: ESC/POS text mode sends raw GB18030 without switching the printer into Chinese mode
and turns CJK punctuation into ``?``. A raster image prints the same on every ESC/POS printer,
and composing the QR code into it avoids the printers whose native QR command the profile does
not describe. The words and their order come from :mod:`kiosk.receipts`; this module only
decides sizes, wrapping and placement, and guarantees that nothing is drawn outside the paper.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

import segno
from PIL import Image, ImageDraw, ImageFont

from drivers.printer.fonts import FontSource, find_cjk_font, load_font
from drivers.printer.settings import RenderSettings
from kiosk.errors import PrinterError
from kiosk.receipts import LineStyle, QueueTicket, ReceiptContent, ReceiptLine

Font = ImageFont.FreeTypeFont
# A run of non-space, non-CJK characters is one word (English, numbers, URLs); every CJK
# character or CJK punctuation mark is a token of its own, so Chinese breaks anywhere.
_TOKEN = re.compile(
    r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]+|.",
    re.S,
)
_TRAILING_WORD = re.compile(
    r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]+$"
)
# Marks that must not start a line (kinsoku): the previous character moves down with them.
_NO_LINE_START = set("，。、；：！？）》」』】〕”’％")
_BLACK_BELOW = 170  # thermal heads print thin anti-aliased strokes better a little bolder
_QR_BORDER = 4  # quiet zone in modules, as the QR standard requires


@dataclass(frozen=True, slots=True)
class _Op:
    """A drawing deferred until the total height is known."""

    y: int
    height: int
    draw: Callable[[Image.Image, ImageDraw.ImageDraw, int], None]


class ReceiptRenderer:
    """Renders receipt lines to a ``"1"`` image exactly ``settings.width_px`` wide.

    The CJK font is looked up when the renderer is built, so a machine without one fails at
    start-up (technician sees it) instead of printing empty boxes for a resident.
    """

    def __init__(self, settings: RenderSettings | None = None) -> None:
        self.settings = settings or RenderSettings()
        self.font_source: FontSource = find_cjk_font(self.settings.font_path)
        width = self.settings.width_px
        # 21 dots (2.6 mm) on 58 mm paper, 25-28 dots (3.1-3.5 mm, ~10 pt) on 80 mm: readable
        # for elderly residents without making an English receipt half a metre long.
        body = max(21, width // 20)
        self.sizes = {
            LineStyle.TITLE: round(body * 1.3),
            LineStyle.HEADING: round(body * 1.15),
            LineStyle.BIG: round(body * 2.4),
            LineStyle.SMALL: round(body * 0.85),
            LineStyle.FIELD: body,
            LineStyle.TEXT: body,
            LineStyle.BULLET: body,
        }
        self._margin = self.settings.margin_px
        self._avail = width - 2 * self._margin

    # ---- public -------------------------------------------------------------------------

    def render_receipt(self, content: ReceiptContent) -> Image.Image:
        return self.render_lines(content.lines())

    def render_ticket(self, ticket: QueueTicket) -> Image.Image:
        return self.render_lines(ticket.lines())

    def render_test_page(self, title: str, details: Sequence[str], now: datetime) -> Image.Image:
        """A technician page: Chinese and symbols, wrapping, edges of the paper, a QR code."""
        lines = [
            ReceiptLine(LineStyle.TITLE, title),
            ReceiptLine(LineStyle.HEADING, "打印测试页 Printer test page"),
            ReceiptLine(LineStyle.RULE),
            *[ReceiptLine(LineStyle.BULLET, d, "·") for d in details],
            ReceiptLine(LineStyle.TEXT, "中文：泉城办，一窗受理、就近办理。¥12.50 €3 （全角）"),
            ReceiptLine(LineStyle.BIG, "0123456789"),
            ReceiptLine(LineStyle.QR, "TEST-0000"),
            ReceiptLine(LineStyle.SMALL, now.strftime("%Y-%m-%d %H:%M:%S")),
        ]
        return self.render_lines(lines)

    def font(self, style: LineStyle) -> Font:
        return load_font(self.font_source, self.sizes[style])

    def qr_payload(self, tracking_number: str) -> str:
        template = self.settings.qr_url_template
        if template is None:
            return tracking_number
        return template.replace("{tracking}", quote(tracking_number, safe=""))

    def qr_image(self, payload: str) -> Image.Image:
        """The QR symbol with its quiet zone; modules are at least 4 dots, smaller codes are
        refused rather than printed unreadable."""
        qr = segno.make_qr(payload, error="m")  # make_qr: never Micro QR, which phones skip
        modules = int(qr.symbol_size(border=_QR_BORDER)[0])
        wanted = self.settings.qr_module_px or max(4, self.settings.width_px // 64)
        scale = min(wanted, self._avail // modules)
        if scale < 4:
            raise PrinterError("error.printer.qr_too_large", detail=f"{modules} modules")
        data = bytes(
            0 if dark else 255 for row in qr.matrix_iter(border=_QR_BORDER) for dark in row
        )
        small = Image.frombytes("L", (modules, modules), data)
        return small.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)

    def render_lines(self, lines: Sequence[ReceiptLine]) -> Image.Image:
        ops: list[_Op] = []
        y = self._margin
        for line in lines:
            y = self._layout(line, y, ops)
        height = y + self._margin
        canvas = Image.new("L", (self.settings.width_px, height), 255)
        draw = ImageDraw.Draw(canvas)
        for op in ops:
            op.draw(canvas, draw, op.y)
        bw = canvas.point(lambda v: 0 if v < _BLACK_BELOW else 255)
        return bw.convert("1", dither=Image.Dither.NONE)

    # ---- layout ---------------------------------------------------------------------------

    def _layout(self, line: ReceiptLine, y: int, ops: list[_Op]) -> int:
        style = line.style
        if style is LineStyle.RULE:
            return self._rule(y, ops)
        if style is LineStyle.QR:
            return self._qr(line.text, y, ops)
        if style is LineStyle.BIG:
            return self._big(line.text, y, ops)
        font = self.font(style)
        if style in (LineStyle.TITLE, LineStyle.HEADING, LineStyle.SMALL):
            bold = style is LineStyle.TITLE
            for text in wrap(line.text, font, self._avail):
                y = self._text(text, font, None, y, ops, bold=bold)
            return y + self._gap(font)
        if style is LineStyle.TEXT:
            for text in wrap(line.text, font, self._avail):
                y = self._text(text, font, self._margin, y, ops)
            return y
        prefix = f"{line.label}：" if style is LineStyle.FIELD else f"{line.label} "
        return self._hanging(prefix, line.text, font, y, ops)

    def _hanging(self, prefix: str, value: str, font: Font, y: int, ops: list[_Op]) -> int:
        """``label：value`` with the value wrapped beside the label. The value moves below a
        label of its own when that takes fewer lines: long English labels on 58 mm paper, or a
        masked ID number that would otherwise break in the middle."""
        indent = int(font.getlength(prefix)) + 1
        small_indent = int(font.getlength("  "))
        below = wrap(value, font, self._avail - small_indent)
        beside = wrap(value, font, self._avail - indent) if indent <= self._avail // 2 else None
        if beside is not None and len(beside) <= len(below):
            self._text(prefix, font, self._margin, y, ops)
            value_lines, x = beside, self._margin + indent
        else:
            for text in wrap(prefix, font, self._avail):
                y = self._text(text, font, self._margin, y, ops)
            value_lines, x = below, self._margin + small_indent
        for text in value_lines:
            y = self._text(text, font, x, y, ops)
        return y

    def _text(
        self, text: str, font: Font, x: int | None, y: int, ops: list[_Op], *, bold: bool = False
    ) -> int:
        ascent, descent = font.getmetrics()
        stroke = 1 if bold else 0
        if x is None:  # centred
            x = self._margin + max(0, (self._avail - int(font.getlength(text)) - 2 * stroke) // 2)
        left = x + stroke

        def draw_text(_: Image.Image, d: ImageDraw.ImageDraw, top: int) -> None:
            d.text(
                (left, top + stroke), text, font=font, fill=0, stroke_width=stroke, stroke_fill=0
            )

        ops.append(_Op(y, ascent + descent, draw_text))
        return y + ascent + descent + 2 * stroke + self._gap(font)

    @staticmethod
    def _gap(font: Font) -> int:
        return round(font.size * 0.3)  # line spacing ~1.3, as for the elderly-friendly UI

    def _big(self, text: str, y: int, ops: list[_Op]) -> int:
        """Tracking/ticket number: as large as fits, shrinking for long numbers, wrapping only
        when even body size does not fit."""
        size = self.sizes[LineStyle.BIG]
        floor = self.sizes[LineStyle.TEXT]
        while size > floor:
            font = load_font(self.font_source, size)
            if font.getlength(text) + 2 <= self._avail:
                break
            size -= 2
        font = load_font(self.font_source, max(size, floor))
        for part in wrap(text, font, self._avail - 2):
            y = self._text(part, font, None, y, ops, bold=True)
        return y

    def _qr(self, tracking_number: str, y: int, ops: list[_Op]) -> int:
        img = self.qr_image(self.qr_payload(tracking_number))
        x = (self.settings.width_px - img.width) // 2

        def paste(canvas: Image.Image, _: ImageDraw.ImageDraw, top: int) -> None:
            canvas.paste(img, (x, top))

        ops.append(_Op(y, img.height, paste))
        return y + img.height

    def _rule(self, y: int, ops: list[_Op]) -> int:
        gap = self.sizes[LineStyle.TEXT] // 3
        left, right = self._margin, self.settings.width_px - self._margin - 1

        def line(_: Image.Image, d: ImageDraw.ImageDraw, top: int) -> None:
            d.rectangle((left, top, right, top + 1), fill=0)

        ops.append(_Op(y + gap, 2, line))
        return y + 2 * gap + 2


def wrap(text: str, font: Font, width: int) -> list[str]:
    """Greedy line breaking for mixed Chinese/English: Chinese breaks between any characters,
    English between words, over-long words (URLs) between characters; closing CJK punctuation
    never starts a line. Explicit newlines start new paragraphs. Every line fits ``width``."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += _wrap_paragraph(paragraph, font, width)
    return out


@functools.lru_cache(maxsize=16384)
def _char_width(font: Font, char: str) -> float:
    return font.getlength(char)


def _wrap_paragraph(text: str, font: Font, width: int) -> list[str]:
    lines = _greedy(text, font, width)
    # Widths were summed per character (fast); confirm each line once with real layout, in
    # case a font kerns, and break any line that is still too wide between characters.
    out: list[str] = []
    for line in lines:
        if font.getlength(line) <= width:
            out.append(line)
            continue
        part = ""
        for ch in line:
            if part and font.getlength(part + ch) > width:
                out.append(part)
                part = ""
            part += ch
        out.append(part)
    return out


def _greedy(text: str, font: Font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""

    def fits(s: str) -> bool:
        return sum(_char_width(font, ch) for ch in s) <= width

    for token in _TOKEN.findall(text):
        if token.isspace():
            if line and fits(line + " "):
                line += " "
            elif line:
                lines.append(line.rstrip())
                line = ""
            continue
        if fits(line + token):
            line += token
            continue
        if token in _NO_LINE_START and len(line) > 1 and not line[-1].isspace():
            # Carry the last character (or the whole last English word) down with the mark.
            word = _TRAILING_WORD.search(line)
            cut = word.start() if word and word.start() > 0 else len(line) - 1
            lines.append(line[:cut].rstrip())
            line = line[cut:] + token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        if fits(token):
            line = token
            continue
        for ch in token:  # a word wider than the paper: break it anywhere
            if line and not fits(line + ch):
                lines.append(line)
                line = ""
            line += ch
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return [s for s in lines if s] or ([""] if not text else [])
